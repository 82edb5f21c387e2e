"""Offices as written, brought to one key: what an office history groups by.

"the Senate of the Kazakh Parliament" and "Senate of the Parliament of Kazakhstan" name one
chamber; the institution registry of :mod:`parleys.lexicons` gives it one canonical name. An
institution the registry does not know is compared folded, without a leading "the".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from parleys.lexicons import Lexicons, fold
from parleys.resolve.items import Mention


def _plain(text: str) -> str:
    key = fold(text)
    return key.removeprefix("the ").strip()


def office_key(mention: Mention, lexicons: Lexicons, cache: dict | None = None) -> tuple[str, str]:
    """(key, display name) of the institution of a mention ("" when it names none); ``cache``
    keeps the answers of one run (many mentions write one office alike)."""
    if cache is None:
        return _office_key(mention.institution, mention.title, lexicons)
    texts = (mention.institution, mention.title)
    if texts not in cache:
        cache[texts] = _office_key(mention.institution, mention.title, lexicons)
    return cache[texts]


def _office_key(institution: str | None, title: str | None, lexicons: Lexicons) -> tuple[str, str]:
    for text in (institution, title):
        if not text:
            continue
        found = lexicons.institution(text.removeprefix("the ").strip())
        if found is not None:
            return f"{found.country}:{found.name}", found.name
    if institution:
        return _plain(institution), institution
    return (_plain(title), "") if title else ("", "")


@dataclass(slots=True)
class Office:
    role_class: str
    title: str | None
    institution: str | None
    country: str | None
    first_seen: date | None
    last_seen: date | None
    reports: int


def office_history(
    mentions: Iterable[Mention], lexicons: Lexicons, cache: dict | None = None
) -> list[Office]:
    """Distinct (role class, institution, country) of the mentions, with dates and counts,
    oldest first."""
    groups: dict[tuple[str, str, str | None], list[tuple[Mention, str]]] = {}
    for m in mentions:
        key, shown = office_key(m, lexicons, cache)
        groups.setdefault((m.role_class, key, m.country), []).append((m, shown))
    offices = []
    for (role, _key, country), members in groups.items():
        dates = [m.published for m, _ in members if m.published is not None]
        titles = Counter(m.title for m, _ in members if m.title)
        written = Counter(s for _, s in members if s)
        offices.append(
            Office(
                role_class=role,
                title=_most_common(titles),
                institution=_most_common(written),
                country=country,
                first_seen=min(dates, default=None),
                last_seen=max(dates, default=None),
                reports=len(members),
            )
        )
    offices.sort(
        key=lambda o: (
            o.first_seen is None,
            o.first_seen or date.max,
            o.role_class,
            o.institution or "",
            o.country or "",
        )
    )
    return offices


def _most_common(counts: Counter[str]) -> str | None:
    if not counts:
        return None
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
