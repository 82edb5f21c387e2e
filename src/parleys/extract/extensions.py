"""Custom ``Doc`` attributes that the parleys components read and write."""

from __future__ import annotations

from spacy.tokens import Doc

# name -> default; list defaults are created per Doc through a getter-free default of None
_ATTRS = ("article", "places", "titles", "persons", "mentions", "organizations", "topics", "events")


def register() -> None:
    """Idempotent: registering twice is harmless."""
    for name in _ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
