"""Hand-built article records for the resolution, correction and reprocessing tests.

Every name here is invented. :func:`report` builds one article with its record from a compact
description; :func:`store` saves reports through the repository (as ingest would) and commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from parleys.documents import Article
from parleys.records import ArticleRecord, EventRecord, Evidence, LabelRecord, PersonRecord
from parleys.store.repository import save_article_record


@dataclass
class P:
    name: str
    role: str = "other"
    country: str | None = None
    title: str | None = None
    institution: str | None = None


@dataclass
class E:
    type: str
    day: date | None
    who: list[int] = field(default_factory=list)  # indexes into the article's persons
    city: str | None = None
    country: str | None = None
    countries: list[str] | None = None


def _ev(text: str, needle: str, confidence: float) -> Evidence:
    start = text.index(needle)
    return Evidence(start, start + len(needle), needle, confidence)


def report(
    aid: str, published: date | None, persons: list[P], events: list[E], *, topics: tuple[str, ...] = ()
) -> tuple[Article, ArticleRecord]:
    """An article whose text names its persons and says what happened (evidence points into it)."""
    words = {
        "meeting": "met with",
        "visit": "paid a visit to",
        "call": "held a phone call with",
        "message": "sent a message to",
        "forum": "took part in a forum with",
        "agreement": "signed with",
        "other": "appeared with",
    }
    lines = [f"Report {aid}."]
    for p in persons:
        lines.append(f"{p.title + ' ' if p.title else ''}{p.name} was named.")
    for ev in events:
        lines.append(" and ".join(persons[i].name for i in ev.who) + f" {words[ev.type]} each other.")
    text = " ".join(lines)
    records = [
        PersonRecord(
            key=f"p{i}",
            name=p.name,
            role_class=p.role,
            country=p.country,
            title=p.title,
            institution=p.institution,
            mentions=[_ev(text, p.name, 0.9)],
            evidence={"name": _ev(text, p.name, 0.95)},
        )
        for i, p in enumerate(persons)
    ]
    event_records = [
        EventRecord(
            type=ev.type,
            date=ev.day,
            city=ev.city,
            country=ev.country,
            participants=[f"p{i}" for i in ev.who],
            countries=ev.countries
            if ev.countries is not None
            else sorted({persons[i].country for i in ev.who if persons[i].country}),
            evidence={"type": _ev(text, words[ev.type], 0.8)},
        )
        for ev in events
    ]
    article = Article(
        id=aid, source=f"/test/{aid}.txt", text=text, title=f"Title of {aid}", published=published
    )
    return article, ArticleRecord(
        id=aid,
        published=published,
        title=article.title,
        source=article.source,
        events=event_records,
        persons=records,
        topics=[LabelRecord(t) for t in topics],
        pipeline_version="test",
    )


def store(session: Session, *reports: tuple[Article, ArticleRecord]) -> dict[str, int]:
    """Save the reports and commit; article external id -> article row id."""
    ids = {article.id: save_article_record(session, article, record).id for article, record in reports}
    session.commit()
    return ids
