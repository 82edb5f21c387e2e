"""An event's article text cut into spans, each extracted value marked at its evidence.

The dashboard highlights them; the text stays plain text (the template escapes every piece).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from parleys.kb.types import EventDetail
from parleys.store.models import ArticleRow


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the text; ``field`` and ``confidence`` are set when it is evidence of a value."""

    text: str
    field: str | None = None
    value: str | None = None
    confidence: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "field": self.field, "value": self.value, "confidence": self.confidence}


def _marks(event: EventDetail) -> list[tuple[int, int, str, str, float]]:
    """(start, end, field, value, confidence) of every evidence in the event's own article."""
    marks = []

    def add(evidence: Any, field: str, value: object) -> None:
        if evidence is None or getattr(evidence, "article", None):
            return  # evidence in another report's article
        marks.append((evidence.start, evidence.end, field, str(value or ""), float(evidence.confidence)))

    values = {"type": event.type, "date": event.date, "city": event.city, "country": event.country}
    for name, evidence in event.evidence.items():
        add(evidence, f"event {name}", values.get(name))
    for p in event.participants:
        shown = {
            "name": p.name,
            "role_class": p.role_class,
            "country": p.country,
            "title": p.title,
            "institution": p.institution,
        }
        for name, evidence in p.evidence.items():
            add(evidence, f"{p.name}: {name}", shown.get(name))
        for mention in p.mentions:
            add(mention, f"{p.name}: mention", p.name)
    for label in event.topics:
        add(label.evidence, "topic", label.code)
    for label in event.organizations:
        add(label.evidence, "organization", label.code)
    return marks


def highlighted_text(session: Session, event: EventDetail) -> list[Span]:
    """The text of the event's article in spans; overlapping evidence keeps the earlier, longer one."""
    row = session.get(ArticleRow, event.article.id)
    text = row.text if row is not None else ""
    spans: list[Span] = []
    at = 0
    for start, end, field, value, confidence in sorted(_marks(event), key=lambda m: (m[0], -(m[1] - m[0]))):
        if start < at or not 0 <= start < end <= len(text):
            continue
        if start > at:
            spans.append(Span(text[at:start]))
        spans.append(Span(text[start:end], field, value, round(confidence, 3)))
        at = end
    if at < len(text):
        spans.append(Span(text[at:]))
    return spans
