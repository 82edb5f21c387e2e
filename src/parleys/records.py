"""The typed output of extraction: one :class:`ArticleRecord` per article.

``ArticleRecord.to_json()`` gives the article-record format of ``shared/eval/FORMAT.md`` plus
extra keys (title, institution, evidence, confidence) that the scorer ignores.
Every extracted value carries :class:`Evidence`: the character span in the article text that
supports it, and a confidence in [0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA_VERSION = 1

EVENT_TYPES = ("meeting", "visit", "call", "message", "forum", "agreement", "other")
ROLE_CLASSES = (
    "head_of_state",
    "head_of_government",
    "speaker",
    "deputy_speaker",
    "mp",
    "minister",
    "ambassador",
    "official",
    "other",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value comes from: ``text[start:end]`` of the article, and how sure we are.

    ``article`` is set only for evidence found in another article of the corpus (its id), such as a
    person's country that the office states there (``parleys.consistency``).
    """

    start: int
    end: int
    text: str
    confidence: float
    article: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "confidence": round(self.confidence, 3),
        }
        if self.article is not None:
            out["article"] = self.article
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        return cls(
            int(data["start"]),
            int(data["end"]),
            str(data.get("text", "")),
            float(data.get("confidence", 0.0)),
            str(data["article"]) if data.get("article") is not None else None,
        )


@dataclass(slots=True)
class PersonRecord:
    """A person named in one article (mentions already merged within the article)."""

    key: str  # stable within the article: "p0", "p1", ...
    name: str
    role_class: str = "other"
    country: str | None = None
    title: str | None = None  # the office as written: "Speaker of the Grand National Assembly"
    institution: str | None = None  # "Grand National Assembly of Türkiye"
    mentions: list[Evidence] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)  # field name -> evidence

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role_class": self.role_class,
            "country": self.country,
            "title": self.title,
            "institution": self.institution,
            "evidence": {k: v.to_json() for k, v in self.evidence.items()},
            "mentions": [m.to_json() for m in self.mentions],
        }


@dataclass(slots=True)
class EventRecord:
    """One event the article reports as news."""

    type: str
    date: date | None
    city: str | None = None
    country: str | None = None
    participants: list[str] = field(default_factory=list)  # PersonRecord keys
    countries: list[str] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)


@dataclass(slots=True)
class LabelRecord:
    """An organization code or a topic, with the sentence that supports it."""

    code: str
    evidence: Evidence | None = None


@dataclass(slots=True)
class ArticleRecord:
    """Everything extracted from one article."""

    id: str
    published: date | None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    events: list[EventRecord] = field(default_factory=list)
    persons: list[PersonRecord] = field(default_factory=list)
    organizations: list[LabelRecord] = field(default_factory=list)
    topics: list[LabelRecord] = field(default_factory=list)
    pipeline_version: str = ""

    def person(self, key: str) -> PersonRecord:
        for p in self.persons:
            if p.key == key:
                return p
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        """The FORMAT.md article record, with extra keys the scorer ignores."""
        persons = {p.key: p for p in self.persons}
        events = []
        for ev in self.events:
            parts = []
            for key in ev.participants:
                p = persons[key]
                parts.append(
                    {
                        "name": p.name,
                        "role_class": p.role_class,
                        "country": p.country,
                        "title": p.title,
                        "institution": p.institution,
                    }
                )
            events.append(
                {
                    "type": ev.type,
                    "date": ev.date.isoformat() if ev.date else None,
                    "location": {"city": ev.city, "country": ev.country},
                    "participants": parts,
                    "countries": sorted(ev.countries),
                    "evidence": {k: v.to_json() for k, v in ev.evidence.items()},
                }
            )
        return {
            "id": self.id,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "events": events,
            "persons": [p.to_json() for p in self.persons],
            "organizations": [o.code for o in self.organizations],
            "topics": [t.code for t in self.topics],
            "evidence": {
                "organizations": {o.code: o.evidence.to_json() for o in self.organizations if o.evidence},
                "topics": {t.code: t.evidence.to_json() for t in self.topics if t.evidence},
            },
            "pipeline_version": self.pipeline_version,
            "schema_version": SCHEMA_VERSION,
        }
