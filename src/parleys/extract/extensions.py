"""Custom ``Doc`` attributes that the parleys components read and write."""

from __future__ import annotations

import re

from spacy.attrs import IDX
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


BREAKS_KEY = "parleys.breaks"
_NEWLINE = re.compile("\n")


def line_breaks(doc: Doc) -> list[int]:
    """The indices of the tokens whose text holds a line break, in order, found once per doc in
    the text rather than token by token. A token's trailing whitespace is one space or none, so
    every line break of the text lies inside a token (a space token "\\n\\n" counts once)."""
    found = doc.user_data.get(BREAKS_KEY)
    if found is None:
        starts = doc.to_array(IDX).tolist() if len(doc) else []
        found = []
        j = 0
        for m in _NEWLINE.finditer(text_of(doc)):
            p = m.start()
            while j + 1 < len(starts) and starts[j + 1] <= p:
                j += 1
            if not found or found[-1] != j:
                found.append(j)
        doc.user_data[BREAKS_KEY] = found
    return list(found)


LOWERS_KEY = "parleys.lowers"


def lowers_of(doc: Doc) -> tuple[str, ...]:
    """Each token's lower-case form, read once per doc: every pass of a loop over ``doc`` makes a
    new ``Token`` object per token, which the components' many word checks made a cost of its own.
    The forms are those of the first read: the parleys components come after every pipe that sets
    or changes tokens and none retokenizes (a change of length reads them again, but a lemma or a
    token changed by hand after the first read is not seen)."""
    found = doc.user_data.get(LOWERS_KEY)
    if found is None or len(found) != len(doc):
        found = doc.user_data[LOWERS_KEY] = tuple(t.lower_ for t in doc)
    return found


LEMMAS_KEY = "parleys.lemmas"


def lemmas_of(doc: Doc) -> tuple[str, ...]:
    """Each token's lemma in lower case, read once per doc (see :func:`lowers_of`); empty strings
    where no lemmatizer ran."""
    found = doc.user_data.get(LEMMAS_KEY)
    if found is None or len(found) != len(doc):
        found = doc.user_data[LEMMAS_KEY] = tuple(t.lemma_.lower() for t in doc)
    return found
