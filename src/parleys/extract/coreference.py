"""Name mentions within one article, and which of them name the same person: the second of the
persons steps (``parleys_coreference_v1``; see ``persons.py``).

Full names come first; shorter forms (a surname, "K.Tokayev", a misspelling one or two letters
off) attach to the person they fit, the most recent one when several do. A person named only in
bylines or credits, or by initials and honorifics alone, names no one the article reports on.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher.levenshtein import levenshtein
from spacy.tokens import Doc

from parleys.extract.names import name_tokens, name_words
from parleys.extract.titles import Office
from parleys.extract.vocabulary import TitleVocabulary

CLUSTERS = "person_clusters"  # doc._.person_clusters: the persons the mentions name, in text order


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    tokens: list[str]  # normalised name tokens without honorifics
    text: str
    office: Office | None = None
    country_hint: tuple[str, int, int] | None = None  # (country, start_char, end_char)
    person: str | None = None  # key of the person this mention belongs to
    supported: bool = True  # False: a full name that only its capitals propose (the name check decides)


@dataclass(slots=True)
class Person:
    key: str
    mentions: list[Mention] = field(default_factory=list)
    preferred: Mention | None = None  # the fullest form the article's sentences use most (``prefer``)

    @property
    def best(self) -> Mention:
        if self.preferred is not None:
            return self.preferred
        return max(self.mentions, key=lambda m: (len(m.tokens), -m.start))


def prefer(doc: Doc, person: Person) -> None:
    """Of a person's fullest forms spelt in more than one way, the first that a sentence of the
    article's text holds: a headline or a caption before it ("Velma Stroganova: talks" over
    "... met Velma Strogonova.") may carry a slip; the earliest when no sentence holds one."""
    longest = max(len(m.tokens) for m in person.mentions)
    full = [m for m in person.mentions if len(m.tokens) == longest]
    if len({tuple(m.tokens) for m in full}) < 2:
        return
    person.preferred = min(full, key=lambda m: (not _in_prose(doc, m), m.start))


def _in_prose(doc: Doc, m: Mention) -> bool:
    """Whether a mention's line is prose: it holds a full stop, a question or an exclamation mark
    (a headline, a caption or a list item holds none)."""
    i = m.start
    while i > 0 and "\n" not in doc[i - 1].text and "\n" not in doc[i - 1].whitespace_:
        i -= 1
    while i < len(doc) and "\n" not in doc[i].text:
        if doc[i].text in (".", "!", "?"):
            return True
        if "\n" in doc[i].whitespace_:
            break
        i += 1
    return False


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, in C (spaCy's own, which its fuzzy Matcher uses); anything over
    ``limit`` is ``limit + 1``."""
    return int(levenshtein(a, b, limit))


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    return edit_distance(a, b, 2) <= (1 if min(len(a), len(b)) < 8 else 2)


def _variant(a: str, b: str) -> bool:
    """Two spellings of one given name: the same first letter, at most two letters off, five
    letters or more ("Shirin" / "Shireen")."""
    return a[:1] == b[:1] and min(len(a), len(b)) >= 5 and edit_distance(a, b, 2) <= 2


def fuzzy_in(token: str, known: set[str]) -> bool:
    return any(_similar(token, k) for k in known)


def _split_initial(tokens: list[str]) -> tuple[str | None, list[str]]:
    """ "k tokayev" -> ("k", ["tokayev"])."""
    if len(tokens) >= 2 and len(tokens[0]) == 1:
        return tokens[0], tokens[1:]
    return None, tokens


def _same_person(m: Mention, forms: dict[tuple[str, ...], None]) -> bool:
    """Whether mention ``m`` names the person whose distinct name forms are ``forms``."""
    mt = m.tokens
    if tuple(mt) in forms:
        return True
    initial, rest = _split_initial(mt)
    for form in forms:
        ot = list(form)
        if initial is not None:
            o_initial, o_rest = _split_initial(ot)
            if o_initial is None and ot and ot[0][0] == initial and rest and _similar(rest[-1], ot[-1]):
                return True
            if (
                o_initial is None
                and len(ot) >= 2
                and ot[-1][0] == initial
                and rest
                and _similar(rest[-1], ot[0])
            ):
                return True  # the surname first in the full form: "U. Doe" / "Doe Ulaan"
            continue
        if len(mt) == 1:
            if mt[0] in ot or any(_similar(mt[0], t) for t in _parts(ot) if len(t) > 2):
                return True
            continue
        if len(ot) == 1:
            if ot[0] in mt or any(_similar(ot[0], t) for t in _parts(mt) if len(t) > 2):
                return True
            continue
        sm, lg = sorted((mt, ot), key=len)
        if set(sm) <= set(lg) and not _forebear(sm, lg):
            return True
        if _similar(mt[-1], ot[-1]) and _similar(mt[0], ot[0]):
            return True
        tail = ot[-len(mt) :] if "-" in m.text or len(mt) == len(ot) else []
        if len(tail) == len(mt) and mt[:-1] == tail[:-1] and _similar("".join(mt), "".join(tail)):
            return True  # a slip in a short or a hyphenated surname: "Ama Doe-Addo" / "Doe-Adoo"
        if mt[-1] == ot[-1] and _variant(mt[0], ot[0]):
            return True  # one surname, a given name spelt two ways: "Jaclyn Doe" / "Jacklyn Doe"
        if _similar(mt[0], ot[-1]) and _similar(mt[-1], ot[0]):
            return True  # name order swapped: "HOSODA Hiroyuki" / "Hiroyuki Hosoda"
    return False


def _parts(tokens: list[str]) -> list[str]:
    """A name's tokens and each pair of neighbours written together: an apostrophe or a hyphen
    splits "Ma'oula" or "Abu-Bakr" that a later mention writes as one word."""
    return tokens + [a + b for a, b in zip(tokens, tokens[1:], strict=False)]


# "bin", "ibn", "bint": what follows names the father, and his own name is a part of the son's
FILIATION = frozenset(name_words()["filiation_particles"])


def _forebear(short: list[str], long: list[str]) -> bool:
    """Whether the shorter name is a forebear's inside the longer one: "Salman bin Abdulaziz" in
    "Mohammed bin Salman bin Abdulaziz" opens after a "bin", so it names the father, not the son."""
    if short[0] == long[0]:
        return False
    return any(long[k] == short[0] and long[k - 1] in FILIATION for k in range(1, len(long)))


def _latest(starts: list[int], at: int) -> int:
    """The last of the sorted ``starts`` at or before ``at`` (-1 when none)."""
    k = bisect_right(starts, at)
    return starts[k - 1] if k else -1


def merge(mentions: list[Mention]) -> list[Person]:
    """Full names first, then shorter forms attach to the person they fit (the most recent one).

    Each person is compared through its distinct name forms, and the most recent mention before a
    new one is found by bisection, so an article that repeats the same names costs time linear in
    its length."""
    persons: list[Person] = []
    forms: list[dict[tuple[str, ...], None]] = []  # per person: its distinct name forms, in order
    starts: list[list[int]] = []  # per person: the starts of its mentions, sorted
    offices: list[set[str]] = []  # per person: the role classes of the offices its mentions state
    order = sorted(mentions, key=lambda m: (-min(len(m.tokens), 2), m.start))
    for m in order:
        fits = [n for n in range(len(persons)) if _same_person(m, forms[n])]
        role = _office_role(m)
        if len(fits) > 1 and role is not None:
            # "Speaker Doe" after "Speaker Jo Doe ... Mrs. Ann Doe": the Doe who holds that office
            fits = [n for n in fits if role in offices[n]] or fits
        if fits:
            target = max(fits, key=lambda n: _latest(starts[n], m.start))
            persons[target].mentions.append(m)
            forms[target].setdefault(tuple(m.tokens), None)
            insort(starts[target], m.start)
        else:
            target = len(persons)
            persons.append(Person(key="", mentions=[m]))
            forms.append({tuple(m.tokens): None})
            starts.append([m.start])
            offices.append(set())
        if role is not None:
            offices[target].add(role)
    persons.sort(key=lambda p: min(x.start for x in p.mentions))
    for n, p in enumerate(persons):
        p.key = f"p{n}"
        for m in p.mentions:
            m.person = p.key
        p.mentions.sort(key=lambda x: x.start)
    return persons


def _office_role(m: Mention) -> str | None:
    """The role class of the office a mention states, when it tells one office holder from another."""
    if m.office is None or m.office.role_class in ("other", "counterpart"):
        return None
    return m.office.role_class


def listed_beside(doc: Doc, a: Mention, b: Mention, honorific: set[int]) -> bool:
    """Two names side by side in a list, honorifics aside: "A, Ms B and Dr C"."""
    between: list[int] = []
    for i in range(a.end, b.start):  # stops at a third word: the gap between two mentions is long
        if i not in honorific:
            if len(between) == 2:
                return False
            between.append(i)
    return bool(between) and all(doc[i].text in (",", "and", "&") for i in between)


def register_clusters() -> None:
    """``doc._.person_clusters``, written by the coreference step (idempotent)."""
    if not Doc.has_extension(CLUSTERS):
        Doc.set_extension(CLUSTERS, default=None)


@Language.factory(
    "parleys_coreference_v1",
    requires=["doc._.mentions"],
    assigns=["doc._.person_clusters", "doc._.mentions"],
)
def make_coreference(nlp: Language, name: str) -> Coreference:
    register_clusters()
    return Coreference()


class Coreference:
    """Merges ``doc._.mentions`` into persons (``doc._.person_clusters``); the mentions of persons
    that name no one (bylines, credits, initials) leave ``doc._.mentions``."""

    def __init__(self) -> None:
        v = TitleVocabulary.load()
        # honorifics of one word as name tokens spell them: "hon", "dr", "he" (from "H.E.")
        self.honorific_words = frozenset(
            w.replace(".", "") for w, base in v.heads.items() if base == "honorific" and " " not in w
        ) - {""}

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[Mention] = doc._.mentions or []
        persons = [
            p
            for p in _fold_aliases(doc, merge(mentions))
            if not all(_credit(doc, m) for m in p.mentions) and not self._initials_only(p.best.tokens)
        ]
        for p in persons:
            prefer(doc, p)
        if len(persons) < len({m.person for m in mentions}):
            keys = {p.key for p in persons}
            mentions = [m for m in mentions if m.person in keys]
        doc._.mentions = mentions
        doc._.set(CLUSTERS, persons)
        return doc

    def _initials_only(self, tokens: list[str]) -> bool:
        """A "name" of initials and honorifics only ("J.P", "H.E.Hon") names no one."""
        return all(len(t) <= 1 or t in self.honorific_words for t in tokens)


def _fold_aliases(doc: Doc, persons: list[Person]) -> list[Person]:
    """A one-word name in brackets right after a full name is that person's short name: "Jo Doe
    (Jodo) ... Jodo said": the person named only by that word is the full name's."""
    owner: dict[str, Person] = {}
    for p in persons:
        for m in p.mentions:
            k = m.end
            if len(m.tokens) < 2 or k + 2 >= len(doc) or doc[k].text != "(" or doc[k + 2].text != ")":
                continue
            word = doc[k + 1]
            folded = name_tokens(word.text)
            if word.is_alpha and word.is_title and len(folded) == 1:  # not an acronym: a body's, a party's
                owner.setdefault(folded[0], p)
    if not owner:
        return persons
    out: list[Person] = []
    for p in persons:
        forms = {tuple(m.tokens) for m in p.mentions}
        target = (
            owner.get(p.mentions[0].tokens[0]) if len(forms) == 1 and len(p.mentions[0].tokens) == 1 else None
        )
        if target is None or target is p:
            out.append(p)
            continue
        for m in p.mentions:
            m.person = target.key
        target.mentions = sorted(target.mentions + p.mentions, key=lambda x: x.start)
    return out


CREDIT_WORDS = frozenset(name_words()["credit_words"])


def _credit(doc: Doc, m: Mention) -> bool:
    """A name in a byline or a credit, which names no one the article reports on: a line that
    opens "By Jo Doe", "Photo: Jo Doe", "Photo by Jo Doe", or a bracket after a caption that holds
    only the name and its outlet ("[Jo Doe, Daily Post]", "(Jo Doe/Agency)")."""
    i = m.start - 1
    while i >= 0 and doc[i].text in (":", "-", "/", "(", "["):
        i -= 1
    if i >= 0 and doc[i].lower_ == "by":
        i -= 1
        if i >= 0 and doc[i].lower_ in CREDIT_WORDS:
            return True
        return i < 0 or "\n" in doc[i].text or "\n" in doc[i].whitespace_ or doc[i].text in ("•", "|")
    if (
        i >= 0
        and doc[i].lower_ in CREDIT_WORDS
        and _line_ends(doc, m.end)  # not a caption naming whom it shows: "Photo: Jo Doe, Speaker of ..."
        and (
            i == 0
            or "\n" in doc[i - 1].text + doc[i - 1].whitespace_
            or doc[i - 1].text in ("(", "[", ".", "|")
        )
    ):
        return True
    if _dateline_byline(doc, m):
        return True
    opening = m.start - 1
    if opening < 1 or doc[opening].text not in ("(", "[") or doc[opening - 1].text not in (".", "!", "?"):
        return False
    closing = ")" if doc[opening].text == "(" else "]"
    j = m.end
    if j >= len(doc) or doc[j].text not in (",", "/"):
        return False
    k = j + 1
    while k < len(doc) and k - j <= 4 and doc[k].text[:1].isupper():
        k += 1
    return k > j + 1 and k < len(doc) and doc[k].text == closing


def _dateline_byline(doc: Doc, m: Mention) -> bool:
    """A reporter's line: "Jo Doe in Abuja" alone on a line, after nothing but a date stamp
    ("2024-03-01 Jo Doe in Abuja"). A sentence that names a person never ends at the place."""
    i = m.start - 1
    words = 0
    while i >= 0 and "\n" not in doc[i].text and "\n" not in doc[i].whitespace_:
        tok = doc[i]
        words += tok.is_alpha
        if tok.is_alpha and not (tok.is_lower and words == 1):
            return False  # a capitalised word or a clause before it: a sentence, not a stamp
        i -= 1
    j = m.end
    if j + 1 >= len(doc) or doc[j].lower_ != "in" or not doc[j + 1].text[:1].isupper():
        return False
    k = j + 1
    while k < len(doc) and k - j <= 4 and doc[k].text[:1].isupper() and "\n" not in doc[k].text:
        if "\n" in doc[k].whitespace_:
            return True
        k += 1
    return k >= len(doc) or "\n" in doc[k].text


def _line_ends(doc: Doc, i: int) -> bool:
    """Nothing but closing brackets, or an outlet after "/" or ",", between token ``i`` and the end
    of its line."""
    while i < len(doc) and doc[i].text in (")", "]"):
        i += 1
    if i >= len(doc) or "\n" in doc[i].text or "\n" in doc[i - 1].whitespace_:
        return True
    if doc[i].text in ("/", ",", "|"):
        k = i + 1
        while (
            k < len(doc) and k - i <= 4 and doc[k].text[:1].isupper() and "\n" not in doc[k - 1].whitespace_
        ):
            k += 1
        return k - i <= 4 and (k >= len(doc) or "\n" in doc[k].text or "\n" in doc[k - 1].whitespace_)
    return False
