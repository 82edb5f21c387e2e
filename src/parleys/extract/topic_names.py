"""Whether a topic word sits inside a name: a body's, an office's, a party label's.

A topic word in the name of an office or a body ("minister of transport", "the Oil and Gas,
Agriculture and Natural Resources Committees", "National Security Council") names the post or the
body, not a subject of the contact. The words that make a name are data (``names`` in
``parleys/data/topics.json``); the glue between a name's words (punctuation and the function words
"of", "the", "and", ...) is English grammar and stays here.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

# the function words that join the capitalised words of a name: "Republic of the Congo"
RUN_GLUE = frozenset({"of", "the", "and", "for"})
# the prepositions between an office and its field: "minister of transport", "committee on trade"
FIELD_PREPOSITIONS = frozenset({"of", "for", "on"})
# what joins the fields listed in one office's name: "Oil and Gas, Agriculture and Natural Resources"
LIST_GLUE = frozenset({",", "and", "&", "/", "-"})
# what may stand between the capitalised words of a label in brackets: "(Chief Whip, Party of X)"
NAME_GLUE = frozenset({"of", "the", "and", "for", "on", "&", ",", ":", "-", "/", "'s", "\u2019s"})


class NameWords:
    """The name checks, over the word lists of ``names`` in the topic data (read once, by the
    component's ``__init__``)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.name_heads = frozenset(w.lower() for w in spec.get("name_heads", ()))
        self.office_heads = frozenset(w.lower() for w in spec.get("office_heads", ()))
        self.field_words = frozenset(w.lower() for w in spec.get("field_words", ()))
        self.office_titles = frozenset(w.lower() for w in spec.get("office_titles", ()))

    def in_proper_name(self, doc: Doc, start: int, end: int) -> bool:
        """A capitalised term inside a capitalised name with a name's head word is part of the name
        ("Democratic Republic of the Congo", "National Security Council"), not the topic."""
        if not doc[start].text[:1].isupper() or doc[start].is_upper:
            return False
        i, j = start, end
        while i > 0 and (doc[i - 1].text[:1].isupper() or doc[i - 1].lower_ in RUN_GLUE):
            i -= 1
        while j < len(doc) and (doc[j].text[:1].isupper() or doc[j].lower_ in RUN_GLUE):
            j += 1
        run = [t for t in doc[i:j] if t.text[:1].isupper()]
        return len(run) >= 2 and any(t.lower_ in self.name_heads for t in run)

    def _name_token(self, tok: Any, covered: set[int]) -> bool:
        """A token that can sit inside a list of fields in an office's name."""
        return tok.lower_ in LIST_GLUE or tok.lower_ in self.field_words or tok.i in covered or tok.is_title

    def in_office_name(self, doc: Doc, start: int, end: int, covered: set[int]) -> bool:
        """The mention names the field of an office or body: "minister of transport", "Committee on
        Foreign Affairs, Trade and Investment", "the Oil and Gas, Agriculture and Natural Resources
        Committees". The words between the office and the mention must be list glue, field words,
        capitalised words or other topic words (``covered``: the tokens of every topic mention): a
        verb ("the Minister of Foreign Affairs discussed trade") ends the name."""
        i, steps = start - 1, 0
        while i >= 0 and steps < 10:
            tok = doc[i]
            if tok.lower_ in FIELD_PREPOSITIONS:
                if i >= 1 and doc[i - 1].lower_ in self.office_heads:
                    return True
                break
            if tok.is_sent_start or not self._name_token(tok, covered):
                break
            i, steps = i - 1, steps + 1
        j, steps = end, 0
        while j < len(doc) and steps < 10:
            tok = doc[j]
            if tok.lower_ in self.office_heads and (tok.is_title or j == end):
                return True
            if tok.is_sent_start or not (tok.is_title or tok.lower_ in LIST_GLUE or tok.i in covered):
                break
            j, steps = j + 1, steps + 1
        return False

    def after_office_title(self, doc: Doc, start: int) -> bool:
        """The body starting at ``start`` follows "<post> of (the)": "President of the European
        Parliament" names a person's post, not a contact of the body."""
        i = start - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        return i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in self.office_titles

    def in_titled_body(self, doc: Doc, start: int) -> bool:
        """The capitalised word at ``start`` ends the name of a body in a person's post: "President
        of the Chamber of Deputies" is a post, no contact of deputies. The name runs back over
        capitalised words and "of"/"the" (at most eight) to an "of" after an office title."""
        if not doc[start].is_title:
            return False
        i = start - 1
        while i >= 1 and start - i <= 8 and not doc[i + 1].is_sent_start:
            tok = doc[i]
            if tok.lower_ == "of" and doc[i - 1].lower_ in self.office_titles:
                return True
            if not (tok.is_title or tok.lower_ in ("of", "the")):
                return False
            i -= 1
        return False


def person_tokens(doc: Doc) -> set[int]:
    """The tokens of the person names the persons components found (``doc._.mentions``; none
    where they did not run): "Islam" in a person's name is no religion topic."""
    mentions = doc._.mentions if Doc.has_extension("mentions") else None
    return {i for m in mentions or () for i in range(m.start, m.end)}


def bracketed_label(doc: Doc, start: int, end: int) -> bool:
    """A mention inside brackets that hold only capitalised words is a label: a party, a
    group or a post after a name ("A. B. (Reform)", "C. D. (Chief Whip, Economic Freedom
    Fighters)")."""
    if not doc[start].is_title:
        return False
    i = start - 1
    while i >= 0 and start - i <= 12 and doc[i].text != "(":
        if doc[i].text in (")", ".", "\n") or not (
            doc[i].is_title or doc[i].lower_ in NAME_GLUE or doc[i].is_upper
        ):
            return False
        i -= 1
    if i < 0 or doc[i].text != "(":
        return False
    j = end
    while j < len(doc) and j - end <= 12 and doc[j].text != ")":
        if doc[j].text in ("(", ".", "\n") or not (
            doc[j].is_title or doc[j].lower_ in NAME_GLUE or doc[j].is_upper
        ):
            return False
        j += 1
    return j < len(doc) and doc[j].text == ")"
