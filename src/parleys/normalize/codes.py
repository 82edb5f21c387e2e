"""The closed vocabularies a filter or a correction takes: topic codes, event types, role
classes, and the rejection reasons. :func:`topic`, :func:`event_type` and :func:`role_class` return
the code for a value in any case (a topic also by its words: "Trade economy") and raise
:class:`~parleys.errors.QueryError` (E060) for anything else; ``parleys codes`` lists them all.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from parleys.errors import REJECTION_REASONS, QueryError
from parleys.records import EVENT_TYPES, ROLE_CLASSES

TOPICS_FILE = "topics.json"


@cache
def topic_codes() -> tuple[str, ...]:
    """The topic codes of the shipped topic lexicon, in its order (FORMAT.md's list)."""
    text = resources.files("parleys.data").joinpath(TOPICS_FILE).read_text(encoding="utf-8")
    return tuple(json.loads(text)["topics"])


def _code(value: str) -> str:
    return "_".join(value.strip().lower().replace("-", " ").replace("&", " ").replace(",", " ").split())


def _one_of(kind: str, value: str, codes: tuple[str, ...]) -> str:
    code = _code(value)
    if code in codes:
        return code
    raise QueryError(f"unknown {kind} {value!r}: one of {', '.join(codes)} (see `parleys codes`)")


def topic(value: str) -> str:
    """A topic code ("energy", "Trade economy" -> "trade_economy"); E060 for an unknown one."""
    return _one_of("topic", value, topic_codes())


def event_type(value: str) -> str:
    """An event type of ``records.EVENT_TYPES`` in any case; E060 for anything else."""
    return _one_of("event type", value, EVENT_TYPES)


def role_class(value: str) -> str:
    """A role class of ``records.ROLE_CLASSES`` in any case; E060 for anything else."""
    return _one_of("role class", value, ROLE_CLASSES)


def rejection_reason(value: str) -> str:
    """A rejection reason code of ``errors.REJECTION_REASONS``; E060 for anything else."""
    return _one_of("rejection reason", value, tuple(REJECTION_REASONS))


def vocabularies() -> dict[str, tuple[str, ...]]:
    """Every closed vocabulary by name, as ``parleys codes`` prints them."""
    return {
        "topics": topic_codes(),
        "event_types": EVENT_TYPES,
        "role_classes": ROLE_CLASSES,
        "rejection_reasons": tuple(REJECTION_REASONS),
    }
