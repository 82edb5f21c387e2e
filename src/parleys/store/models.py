"""The tables of the store, as SQLAlchemy 2 typed declarative models.

One article owns everything extracted from it (persons, events, organizations, topics,
evidence); replacing an article's extraction deletes those rows and writes new ones in the
same transaction. Evidence rows point at their subject by kind and id (``person``,
``mention``, ``event``, ``organization``, ``topic``) and at their article, so that deleting an
article's extraction needs no knowledge of the subjects.

The migration ``migrations/versions/0001_initial.py`` is written by hand to match this module;
``tests/test_store_migrations.py`` checks that the two agree.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# named constraints: Alembic needs names to alter or drop them later, on PostgreSQL above all
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SUBJECT_KINDS = ("article", "person", "mention", "event", "organization", "topic")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Run(Base):
    """One ingest run: when it started and finished, and what it did."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    pipeline_version: Mapped[str] = mapped_column(String(200), default="")
    stored: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)


class ArticleRow(Base):
    """A cleaned article; ``content_hash`` is its identity (re-ingesting it stores nothing)."""

    __tablename__ = "articles"
    # how incremental resolution finds the copies of an article (0007): by URL (a hash index on
    # PostgreSQL, whose B-trees refuse keys over 2.7 kB), and by site and day before the title
    __table_args__ = (
        Index("ix_articles_url", "url", postgresql_using="hash"),
        Index("ix_articles_site_published", "site", "published"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(500), index=True)
    source: Mapped[str] = mapped_column(Text, index=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(String(500))
    published: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    pipeline_version: Mapped[str] = mapped_column(String(200), default="")
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))


class RejectionRow(Base):
    """An input that did not become an article, with its reason code."""

    __tablename__ = "rejections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"), index=True)
    source: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(50), index=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PersonRow(Base):
    """A person named in one article; ``key`` is the record's key ("p0", "p1", ...)."""

    __tablename__ = "persons"
    __table_args__ = (UniqueConstraint("article_id", "key", name="uq_persons_article_id_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(500))
    # case-folded, diacritics removed: what the person filter searches (SQL cannot fold portably)
    name_folded: Mapped[str] = mapped_column(String(500), index=True)
    role_class: Mapped[str] = mapped_column(String(50), default="other")
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    institution: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)


class EventRow(Base):
    """An event that one article reports; ``position`` 0 is the main event."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    type: Mapped[str] = mapped_column(String(50), index=True)
    date: Mapped[date | None] = mapped_column(Date, index=True)
    city: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    confidence: Mapped[float | None] = mapped_column(Float)


class ParticipantRow(Base):
    """A person who took part in an event (both of the same article)."""

    __tablename__ = "participants"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class EventCountryRow(Base):
    """A country that an event's participants represent (alpha-3)."""

    __tablename__ = "event_countries"
    __table_args__ = (Index("ix_event_countries_country_event_id", "country", "event_id"),)  # 0006

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    country: Mapped[str] = mapped_column(String(3), primary_key=True, index=True)


class OrganizationRow(Base):
    """An international organization named in an article, by its code."""

    __tablename__ = "organizations"
    __table_args__ = (
        UniqueConstraint("article_id", "code", name="uq_organizations_article_id_code"),
        Index("ix_organizations_code_article_id", "code", "article_id"),  # 0006: filters read the index alone
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(200), index=True)


class TopicRow(Base):
    """A topic an article says was discussed, by its code."""

    __tablename__ = "topics"
    __table_args__ = (
        UniqueConstraint("article_id", "code", name="uq_topics_article_id_code"),
        Index("ix_topics_code_article_id", "code", "article_id"),  # 0006
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(100), index=True)


class EvidenceRow(Base):
    """The span of article text that supports one value of one subject."""

    __tablename__ = "evidence"
    __table_args__ = (Index("ix_evidence_subject", "subject_kind", "subject_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    subject_kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(50))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)


# --- the linked knowledge base: entities across articles, merged events, analyst corrections ----------
# Written by resolution (``parleys.resolve``) from the per-article rows above, and rebuilt by it; the
# corrections table is the only one here that analysts write, and resolution never deletes it.
# An entity's id is the ``persons`` id of its earliest mention, and a cluster's id the ``events`` id of
# its earliest report, so that a store not yet resolved shows the same ids for single reports.


class PersonEntityRow(Base):
    """One real person across articles. ``key`` is stable across re-resolution: the anchor key
    (see ``parleys.keys``) of the entity's earliest mention. Values are machine output with the
    analyst's corrections applied (``corrected`` says whether any applied)."""

    __tablename__ = "person_entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    name_folded: Mapped[str] = mapped_column(String(500), index=True)
    role_class: Mapped[str] = mapped_column(String(50), default="other")
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    institution: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[date | None] = mapped_column(Date)
    last_seen: Mapped[date | None] = mapped_column(Date)
    articles: Mapped[int] = mapped_column(Integer, default=0)
    corrected: Mapped[int] = mapped_column(Integer, default=0)
    # JSON list of the fields that a correction set ("role_class", ...); null when none (migration 0003)
    corrected_fields: Mapped[str | None] = mapped_column(Text)


class PersonLinkRow(Base):
    """Which entity a per-article person belongs to, how it was linked and how sure we are."""

    __tablename__ = "person_links"

    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("person_entities.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(50), default="")
    score: Mapped[float] = mapped_column(Float, default=1.0)


class OfficeRow(Base):
    """An office an entity held according to the articles, with the first and last date seen."""

    __tablename__ = "offices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("person_entities.id", ondelete="CASCADE"), index=True)
    role_class: Mapped[str] = mapped_column(String(50))
    title: Mapped[str | None] = mapped_column(Text)
    institution: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(3))
    first_seen: Mapped[date | None] = mapped_column(Date)
    last_seen: Mapped[date | None] = mapped_column(Date)
    reports: Mapped[int] = mapped_column(Integer, default=0)


class EventClusterRow(Base):
    """One real event, reported by one or more articles (its members). ``key`` is stable across
    re-resolution: the anchor key of its earliest report. ``hidden`` is set by a correction."""

    __tablename__ = "event_clusters"
    # 0011: the visible clusters by date from a partial index alone (the overview's months)
    __table_args__ = (
        Index(
            "ix_event_clusters_visible_date",
            "date",
            sqlite_where=text("hidden = 0"),
            postgresql_where=text("hidden = 0"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(50), index=True)
    date: Mapped[date | None] = mapped_column(Date, index=True)
    city: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    reports: Mapped[int] = mapped_column(Integer, default=1)
    hidden: Mapped[int] = mapped_column(Integer, default=0)
    corrected: Mapped[int] = mapped_column(Integer, default=0)
    # JSON list of the fields that a correction set ("type", "participants", ...); null when none (0003)
    corrected_fields: Mapped[str | None] = mapped_column(Text)


class EventClusterMemberRow(Base):
    """A per-article event that reports a cluster."""

    __tablename__ = "event_cluster_members"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("event_clusters.id", ondelete="CASCADE"), index=True)


class ClusterParticipantRow(Base):
    """An entity that took part in a cluster (union over its reports, corrections applied)."""

    __tablename__ = "cluster_participants"

    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("event_clusters.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("person_entities.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)  # the earliest report's order first (0003)


class ClusterCountryRow(Base):
    """A country that a cluster's participants represent (alpha-3), corrections applied (0003)."""

    __tablename__ = "cluster_countries"
    __table_args__ = (Index("ix_cluster_countries_country_cluster_id", "country", "cluster_id"),)  # 0006

    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("event_clusters.id", ondelete="CASCADE"), primary_key=True
    )
    country: Mapped[str] = mapped_column(String(3), primary_key=True, index=True)


class CorrectionRow(Base):
    """An analyst's correction, kept apart from machine output and never rewritten by a re-run.

    ``target_kind`` is ``person`` or ``event``; ``target_key`` and ``other_key`` are anchor keys
    (``parleys.keys``), which survive re-extraction because they name content, not row ids.
    ``action``: merge | split | set | hide | unhide | add_participant | remove_participant.
    ``value`` is JSON text. A revoked correction stays, with ``revoked_at`` set."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target_kind: Mapped[str] = mapped_column(String(20), index=True)
    target_key: Mapped[str] = mapped_column(String(200), index=True)
    action: Mapped[str] = mapped_column(String(30))
    field: Mapped[str | None] = mapped_column(String(50))
    value: Mapped[str | None] = mapped_column(Text)
    other_key: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# --- incremental resolution (0007): what a resolution after an ingest needs to touch only the new -----
# Written by resolution alone (the queue also by article writes); a full rebuild starts them afresh.


class ResolveStateRow(Base):
    """The one row that says a full resolution ran and what the incremental ones since have seen:
    the highest ``persons`` and ``events`` ids resolved, the corrections in force (JSON list of
    ids) and the merges that a split forbade. No row: the next resolution is a full rebuild."""

    __tablename__ = "resolve_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    persons_seen: Mapped[int] = mapped_column(Integer, default=0)
    events_seen: Mapped[int] = mapped_column(Integer, default=0)
    corrections: Mapped[str] = mapped_column(Text, default="[]")
    conflicts: Mapped[str] = mapped_column(Text, default="[]")
    resolved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ResolveQueueRow(Base):
    """Something an article write changed under rows already resolved: the ``article`` whose
    extraction was replaced, and the ``name`` (folded), ``entity`` and ``cluster`` its old rows
    belonged to. New rows need no entry (their ids are above ``resolve_state``'s)."""

    __tablename__ = "resolve_queue"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(500))


class ResolveNameKeyRow(Base):
    """The blocking keys of a stored person name (``persons.name_folded``): two names interact in
    resolution only through a shared key, so the names a new mention can change are found by
    following keys. ``mode``: ``b`` links any two names with the key, ``p`` (an entity offers it)
    links to ``l`` (a bare surname or initials look it up)."""

    __tablename__ = "resolve_name_keys"
    # clustered on the key on SQLite: two B-trees to write instead of three (migration 0008)
    __table_args__ = {"sqlite_with_rowid": False}

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    name_folded: Mapped[str] = mapped_column(String(500), primary_key=True, index=True)
    mode: Mapped[str] = mapped_column(String(1))


# --- ingest jobs (0010): what the API and the dashboard were asked to ingest, and how it went -------


class IngestJobRow(Base):
    """An ingest asked for through the API or the dashboard: uploaded files or URLs (pages, feeds).

    ``status``: queued | running | done | failed | interrupted (the server stopped first).
    ``sources`` is a JSON list of the inputs as given (the files' safe names, or the URLs);
    ``inputs`` their number. The counts grow as the run goes (a feed gives several articles, so
    ``stored + unchanged + rejected`` may pass ``inputs``). ``writer`` is the holder of the token
    that asked for it. ``run_id`` is the ingest run (``runs``) once it started: its rejections
    (``rejections.run_id``) and stored articles are the job's."""

    __tablename__ = "ingest_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), index=True)
    writer: Mapped[str] = mapped_column(String(200))
    sources: Mapped[str] = mapped_column(Text, default="[]")
    inputs: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
