"""Which events to read: :class:`EventFilter`, validated when it is built.

Every value goes through the one normaliser of its concept (:mod:`parleys.normalize`), so a bad
country, type or topic raises :class:`~parleys.errors.QueryError` (E060) before any SQL runs, in
every command, endpoint and export alike. Dates are named ``since`` and ``until`` everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from parleys.errors import QueryError
from parleys.normalize import codes
from parleys.normalize.countries import optional_country
from parleys.normalize.names import fold_words

DEFAULT_LIMIT = 100
# how a country takes part in an event: a participant represents it, it took place there, or either
COUNTRY_BY = ("participant", "place", "either")
ORDERS = ("newest", "oldest")


def check_range(since: date | None, until: date | None) -> None:
    """:class:`QueryError` (E060) when ``since`` is after ``until``."""
    if since and until and since > until:
        raise QueryError(f"the date range is empty: {since} is after {until}")


def parse_limit(value: int | str | None) -> int | None:
    """A page size: a number, or ``0``/``all``/``None`` for all (``None``)."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if text in ("all", "0", ""):
        return None
    try:
        limit = int(text)
    except ValueError:
        raise QueryError(f"invalid limit {value!r}: a number, or 0 or 'all' for all") from None
    if limit < 0:
        raise QueryError("limit must be zero (all) or more")
    return limit


def _words(value: str | None, what: str) -> str | None:
    """Words to look for (spaces normalised), ``None`` when blank; E060 without a letter or digit."""
    if value is None or not value.strip():
        return None
    if not fold_words(value):
        raise QueryError(f"the {what} {value!r} has no letters or digits to search for")
    return " ".join(value.split())


@dataclass(slots=True)
class EventFilter:
    """Which events to read. Every criterion is optional; together they must all hold.

    - ``country``: the country takes part, as ``country_by`` says: ``participant`` (a participant
      represents it; a forum in Geneva makes nobody a partner of Switzerland), ``place`` (it took
      place there) or ``either`` (the default of ``parleys events``).
    - ``partner``: a participant represents it too (with ``country``: events between the two).
    - ``person``: a participant's name contains these words, ignoring case and diacritics;
      ``person_id``: the person entity took part.
    - ``institution``: a participant's institution contains these words, ignoring case (what a
      report said of the participant, or the person entity's own).
    - ``type``: one of ``records.EVENT_TYPES``; ``topic``: a topic code of a reporting article;
      ``organization``: an organization a reporting article names, by its code ("OSCE PA").
    - ``text``: every word occurs in the title or text of the event's article (full text).
    - ``since`` / ``until``: the event date lies within them, both inclusive.
    - ``linked_only``: only events that resolution linked (their participants are person
      entities); the knowledge-base questions (people, dossier, network) read these.
    - ``order``: ``newest`` first (undated last) or ``oldest`` first (undated last).
    - ``limit`` (``None`` or 0 = all) and ``offset`` page through the events.
    """

    country: str | None = None
    partner: str | None = None
    person: str | None = None
    person_id: int | None = None
    institution: str | None = None
    type: str | None = None
    topic: str | None = None
    organization: str | None = None
    text: str | None = None  # words of the article's title or text (full-text search)
    since: date | None = None
    until: date | None = None
    country_by: str = "either"
    linked_only: bool = False
    order: str = "newest"
    limit: int | None = DEFAULT_LIMIT
    offset: int = 0

    def __post_init__(self) -> None:
        self.country = optional_country(self.country)
        self.partner = optional_country(self.partner)
        self.person = " ".join(self.person.split()) if self.person and self.person.strip() else None
        if self.person is not None and not fold_words(self.person):
            raise QueryError(f"the name {self.person!r} has no letters or digits to search for")
        self.institution = _words(self.institution, "institution")
        self.organization = " ".join(self.organization.split()) if self.organization else None
        self.organization = self.organization or None
        self.type = codes.event_type(self.type) if self.type and self.type.strip() else None
        self.topic = codes.topic(self.topic) if self.topic and self.topic.strip() else None
        self.text = " ".join(self.text.split()) if self.text and self.text.strip() else None
        by = (self.country_by or "").strip().lower()
        if by not in COUNTRY_BY:
            raise QueryError(f"unknown country_by {self.country_by!r}: one of {', '.join(COUNTRY_BY)}")
        self.country_by = by
        if self.order not in ORDERS:
            raise QueryError(f"unknown order {self.order!r}: one of {', '.join(ORDERS)}")
        if self.limit is not None and self.limit < 0:
            raise QueryError("limit must be zero (all) or more")
        if self.limit == 0:  # zero means all, as on the command line
            self.limit = None
        if self.offset < 0:
            raise QueryError("offset must be zero or more")
        check_range(self.since, self.until)

    def to_json(self) -> dict[str, object]:
        """The criteria as given back with a listing."""
        return {
            "country": self.country,
            "country_by": self.country_by,
            "partner": self.partner,
            "person": self.person,
            "person_id": self.person_id,
            "institution": self.institution,
            "type": self.type,
            "topic": self.topic,
            "organization": self.organization,
            "text": self.text,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }
