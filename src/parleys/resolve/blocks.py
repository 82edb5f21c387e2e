"""Blocking keys: which stored names and reports a new one can change the resolution of.

Person grouping (:mod:`parleys.resolve.persons`) compares a name only with the entities that an
index key brings to it, and event clustering (:mod:`parleys.resolve.events`) only the reports of
one (day, entity), (day, countries, city) or copy key. So the store splits into *components*:
names linked by chains of shared keys (and by the corrections that name them together), and
reports likewise; grouping one component gives what the full run gives for it, whatever the other
components hold. An incremental run re-groups only the components that a change touches.

:func:`name_keys` gives the keys of one written name, with a mode. ``b`` keys link any two names
that have them (the strong-name keys, the name form, the anchor fold). The weak-name keys are
directed: an entity of a strong name offers them (``p``) and a bare surname or a surname with
initials looks them up (``l``); only an offer and a lookup link, so two strong names that share a
surname stay apart until a bare surname that could go to either appears. Keys over-approximate
(a weak name's country is left out, which only makes components larger), never under-approximate.
"""

from __future__ import annotations

from parleys.keys import anchor_fold
from parleys.resolve import names
from parleys.resolve.names import parse
from parleys.resolve.persons import strong_keys

BOTH, OFFER, LOOKUP = "b", "p", "l"


def name_keys(name: str) -> dict[str, str]:
    """Key -> mode for one written person name (see the module docstring)."""
    parsed = parse(name)
    keys: dict[str, str] = {"N|" + anchor_fold(name): BOTH, "F|" + parsed.form: BOTH}
    if parsed.strong:
        keys.update(dict.fromkeys(strong_keys(parsed), BOTH))
        if parsed.surname:  # what _Builder.index_for_weak files the entity under
            s = parsed.surname
            offered = {f"S|{s}"}
            rest = [t for t in parsed.tokens if t != s]
            if rest:
                offered |= {f"I|{d}|{rest[0][0]}" for d in names.deletions(s)}
                offered.add(f"G|{parsed.tokens[0]}")
            keys.update(dict.fromkeys(offered, OFFER))
    elif parsed.tokens:  # what _Builder.place_weak looks up
        token = parsed.tokens[0]
        if parsed.initials:
            looked = {f"I|{d}|{parsed.initials[0]}" for d in names.deletions(token)}
        else:
            looked = {f"S|{token}", f"G|{token}"}
        keys.update(dict.fromkeys(looked, LOOKUP))
    return keys


def links(mode: str, other: str) -> bool:
    """Whether two names that share a key with these modes can affect each other."""
    return (mode == BOTH and other == BOTH) or {mode, other} == {OFFER, LOOKUP}


def partner_modes(mode: str) -> tuple[str, ...]:
    """The modes of the other names that a key of this mode links to."""
    return {BOTH: (BOTH,), OFFER: (LOOKUP,), LOOKUP: (OFFER,)}[mode]
