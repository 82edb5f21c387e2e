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


TEXT_KEY = "parleys.text"


def text_of(doc: Doc) -> str:
    """The doc's text, joined once per doc: spaCy's ``Doc.text`` joins every token's text again on
    each access, which the components' many look-ups made a cost of its own."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
