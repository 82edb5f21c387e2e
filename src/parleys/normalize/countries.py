"""The one country normaliser: a code, name, alias or demonym to an alpha-3 code
(:func:`country_code`), and a code back to a name (:func:`country_name`).

Every filter, correction, command and endpoint that takes a country goes through here. The
lexicons come first (they know "Russia", "Türkiye", "Kazakh", "U.S."), then ``pycountry``; a value
that names no country raises :class:`~parleys.errors.QueryError` (E060), "XYZ" included.
"""

from __future__ import annotations

from typing import NoReturn

import pycountry

from parleys.errors import QueryError
from parleys.lexicons import Lexicons, load_lexicons


def optional_country(value: str | None, *, lexicons: Lexicons | None = None) -> str | None:
    """:func:`country_code` of a value that may be missing (``None`` or blank)."""
    if value is None or not value.strip():
        return None
    return country_code(value, lexicons=lexicons)


def country_code(value: str, *, lexicons: Lexicons | None = None) -> str:
    """The alpha-3 code of a country given as a code, name, alias or demonym ("kz", "KAZ",
    "Türkiye", "turkey", "Kazakh"); :class:`QueryError` (E060) when it names no country."""
    text = " ".join(value.split())
    if not text:
        _unknown(value)
    lex = lexicons or load_lexicons()
    if len(text) == 3 and text.upper() in lex.countries:
        return text.upper()
    # the lexicons match lower-case names, and abbreviations in any case but capitals, only exactly
    spellings = (text, text.title(), text.upper() if len(text) <= 4 else text)
    for candidate in dict.fromkeys(spellings):
        found = lex.country(candidate) or lex.demonym(candidate)
        if found:
            return found
    try:
        return str(pycountry.countries.lookup(text).alpha_3)
    except LookupError:
        _unknown(value)


def _unknown(value: str) -> NoReturn:
    raise QueryError(f"unknown country {value!r}: give an ISO alpha-3 code such as KAZ, or a name")


def country_name(code: str, *, lexicons: Lexicons | None = None) -> str | None:
    """The English name of an alpha-3 code ("KAZ" -> "Kazakhstan"); ``None`` for an unknown code."""
    name = (lexicons or load_lexicons()).country_name(code)
    if name is None:
        found = pycountry.countries.get(alpha_3=code)
        name = str(found.name) if found else None
    return name
