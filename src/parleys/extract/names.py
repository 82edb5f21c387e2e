"""Name candidates: runs of capitalised tokens that are not titles, places or known words."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

from parleys.extract.extensions import line_breaks, lowers_of
from parleys.keys import fold_name

WORDS_FILE = "person_name_words.json"


def name_words() -> dict:
    """The persons components' word lists (``data/person_name_words.json``)."""
    return json.loads(resources.files("parleys.data").joinpath(WORDS_FILE).read_text("utf-8"))


_WORDS = name_words()
PARTICLES = frozenset(_WORDS["particles"])
PATRONYMIC_SUFFIXES = frozenset(_WORDS["patronymic_suffixes"])
ROMAN = frozenset(_WORDS["roman_numerals"])
PEERAGE = frozenset(_WORDS["peerage_titles"])
REGNAL_ORDINALS = frozenset(_WORDS["regnal_ordinals"])
INITIAL_SURNAME = re.compile(r"^[A-Z]\.[A-Z][\w’'-]+$")
NAME_CHARS = re.compile(r"^[^\W\d_][\w’'.-]*$")
# a possessive the tokenizer leaves attached when written with a grave or acute accent: "Tokayev`s"
ACCENT_POSSESSIVE = re.compile(r"[`´]s$")
# a word glued to the next one where a page lost the space or line break between them: a caption
# that repeats the name ("Jo DoeJo Doe"), a post after a name ("Jo DoeMP"). Six letters or more
# before the capital keep "McKay", "MacLeod", "FitzGerald", "DeSantis" whole.
GLUED = re.compile(r"^([^\W\d_]*[^\W\d_]{6}(?<=[a-zà-ÿ]))([A-Z][\w’'.-]*)$")


@dataclass(slots=True)
class NameRun:
    start: int
    end: int

    def text(self, doc: Doc) -> str:
        """The name's words, less a nickname set off inside it ('Francis "Chiz" Doe') and less what
        is glued to its last word ("Jo DoeMP" -> "Jo Doe"; see ``find_runs``)."""
        if any(doc[i].text in NICKNAME_MARKS for i in range(self.start, self.end)):
            text = without_nicknames(doc, self.start, self.end)
        else:
            text = doc[self.start : self.end].text
        glued = GLUED.match(doc[self.end - 1].text)
        if glued is not None and text.endswith(doc[self.end - 1].text):
            text = text[: len(text) - len(glued.group(2))]
        return text


def name_tokens(name: str) -> list[str]:
    """Normalised tokens of a name for comparison: folded case, no diacritics, no punctuation."""
    return fold_name(ACCENT_POSSESSIVE.sub("", name)).split()


def is_capitalised(text: str) -> bool:
    text = ACCENT_POSSESSIVE.sub("", text)
    return bool(text) and text[0].isupper() and bool(NAME_CHARS.match(text))


MONTH_NAMES = frozenset(_WORDS["month_names"])  # also given names or surnames
# never names alone, name words beside one: "Rafiq Islam"; read like the months' names
WORD_NAMES = MONTH_NAMES | frozenset(_WORDS["word_names"])


def find_runs(
    doc: Doc, blocked: bytearray, person_words: frozenset[str], given: frozenset[int] = frozenset()
) -> list[NameRun]:
    """Maximal runs of name-like tokens; ``blocked`` marks tokens of titles and places; ``given``:
    tokens known to be given names although never names alone ("Mr Paris Doe": see
    ``persons._given_names_off``). In a text wrapped at a fixed width (``hard_wrapped``) a name
    runs on over a line break."""
    wrapped = hard_wrapped(doc)

    def _names_a_person(i: int) -> bool:
        """ "Jan Nowak", "Theresa May", "Rafiq Islam": a month's name or a word name between name
        words, not before a number."""
        tok = doc[i]
        if not tok.is_title or (i + 1 < len(doc) and doc[i + 1].like_num):
            return False
        after = i + 1 < len(doc) and is_capitalised(doc[i + 1].text) and doc[i + 1].is_alpha
        after = after and not blocked[i + 1] and doc[i + 1].lower_ not in person_words
        before = i >= 1 and is_capitalised(doc[i - 1].text) and doc[i - 1].is_alpha and not blocked[i - 1]
        before = before and doc[i - 1].lower_ not in person_words
        return bool(after or before)

    lowers = lowers_of(doc)

    def namey(i: int) -> bool:
        if blocked[i]:
            return False
        low = lowers[i]
        if low in person_words:
            return i in given or (low in WORD_NAMES and _names_a_person(i))
        text = doc[i].text
        if INITIAL_SURNAME.match(text):
            return True
        if not is_capitalised(text):
            return False
        if text.isupper() and len(text) > 1 and text not in ROMAN:
            return len(text) >= 2  # "HOSODA Hiroyuki", "HM Doe"; must join a Titlecase token (checked below)
        return True

    runs: list[NameRun] = []
    n = len(doc)
    i = 0
    while i < n:
        if not namey(i):
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = doc[j]
            prev = doc[j - 1]
            if (
                tok.text in ("-", "‐")
                and not prev.whitespace_
                and j + 1 < n
                and not tok.whitespace_
                and doc[j + 1].is_alpha
                and not blocked[j + 1]
            ):
                j += 2  # hyphenated given names and surnames: "Kassym-Jomart", "Jin-pyo", "el-Sisi"
                continue
            if GLUED.match(prev.text):
                break  # "Jo DoeJo Doe": the name ends inside the glued word
            if wrapped and tok.text == "\n" and j + 1 < n and namey(j + 1):
                j += 1  # "... Council Jo bin\nDoe received ...": the line broke inside the name
                continue
            if namey(j) or tok.text in ROMAN:
                j += 1
                continue
            if tok.lower_ == "the" and j + 1 < n and doc[j + 1].text in REGNAL_ORDINALS:
                if not (j + 2 < n and is_capitalised(doc[j + 2].text)):  # not "the Second World War"
                    j += 2  # "Ilse the Second": a monarch's ordinal written out
                    continue
            if (
                tok.lower_ == "of"
                and j == i + 1
                and i >= 1
                and doc[i - 1].lower_ in PEERAGE
                and j + 1 < n
                and namey(j + 1)
            ):
                j += 2  # "Lord Doe of Glenmoor": a peer's territorial designation
                continue
            if tok.lower_ in PARTICLES and j + 1 < n and namey(j + 1):
                j += 1
                continue
            if (
                tok.lower_ in PARTICLES
                and j + 2 < n
                and doc[j + 1].lower_ in PARTICLES
                and doc[j + 1].is_lower
                and namey(j + 2)
            ):
                j += 2  # two particles: "Marta von der Hoeve", "Ana de la Riva"
                continue
            nick = _nickname_end(doc, j)
            if nick is not None and nick + 1 < n and namey(nick + 1):
                j = nick + 1  # a quoted or bracketed nickname inside a name: 'Francis "Chiz" Escudero'
                continue
            if (
                tok.lower_ in PARTICLES
                and j + 2 < n
                and doc[j + 1].text in ("-", "‐")
                and not tok.whitespace_
                and not doc[j + 1].whitespace_
                and namey(j + 2)
            ):
                j += 3  # a particle joined by a hyphen: "Mohammed al-Halbi", "Ahmed el-Tayeb"
                continue
            if tok.lower_ in PATRONYMIC_SUFFIXES:
                j += 1
                continue
            if (
                len(tok.text) == 2
                and tok.text[0].isupper()
                and tok.text[1] == "."
                and j + 1 < n
                and namey(j + 1)
            ):
                j += 1  # middle initial "K."
                continue
            if (
                len(tok.text) == 1
                and tok.text.isupper()
                and tok.text != "I"
                and tok.whitespace_
                and j + 1 < n
                and namey(j + 1)
                and not blocked[j]
            ):
                j += 1  # a middle initial written without its stop: "Ibrahim K Doe"
                continue
            break
        if j - i >= 3 and len(doc[i].text) == 1 and doc[i + 1].text == "-" and not doc[i].whitespace_:
            i = j
            continue  # "R-Texas", "D-Vermont": a legislator's party and state, not a name
        run = NameRun(i, j)
        # a leading initial "T." belongs to the run that follows it
        if (
            i >= 1
            and len(doc[i - 1].text) == 2
            and doc[i - 1].text[1] == "."
            and doc[i - 1].text[0].isupper()
        ):
            run.start = i - 1
        texts = [t.text for t in doc[run.start : run.end] if t.is_alpha]
        if texts and all(t.isupper() for t in texts) and not INITIAL_SURNAME.match(doc[i].text):
            i = j
            continue  # all-caps runs are datelines and acronyms, not names
        runs.append(run)
        i = j
    return runs


def hard_wrapped(doc: Doc) -> bool:
    """Whether the text breaks its lines at a fixed width inside sentences: two single line breaks
    at least between a word and a word in lower case ("... a delegation of the\nBahraini ..."
    counts only where the next line opens in lower case, "...; received\nhere ...")."""
    inside = 0
    for t in doc[1:-1]:
        if t.text == "\n" and doc[t.i - 1].is_alpha and doc[t.i + 1].is_alpha and doc[t.i + 1].is_lower:
            inside += 1
            if inside >= 2:
                return True
    return False


# quotation marks and brackets that set off a nickname: opening -> closing
NICKNAME_MARKS: dict[str, str] = dict(_WORDS["nickname_marks"])


def _nickname_end(doc: Doc, i: int) -> int | None:
    """The index of the closing mark when ``doc[i]`` opens a nickname of one or two capitalised
    words ('"Chiz"', "(Ruvi)"), else None."""
    closing = NICKNAME_MARKS.get(doc[i].text)
    if closing is None:
        return None
    for k in (i + 2, i + 3):
        if k < len(doc) and doc[k].text == closing:
            words = doc[i + 1 : k]
            if all(t.is_alpha and t.is_title for t in words):
                return k
            return None
    return None


def without_nicknames(doc: Doc, start: int, end: int) -> str:
    """The text of tokens ``start:end`` less any nickname set off by quotes or brackets."""
    out: list[str] = []
    i = start
    while i < end:
        close = _nickname_end(doc, i)
        if close is not None and close < end:
            i = close + 1
            continue
        out.append(doc[i].text_with_ws)
        i += 1
    return "".join(out).strip()


def headline_verbs(doc: Doc, verbs: frozenset[str]) -> set[int]:
    """Tokens of a title-case headline among the first lines that are English verbs in the third
    person after a capitalised word: "Speaker Doe Hosts Envoy", "Doe Highlights Importance". The tagger reads
    them as proper nouns, and they would lengthen the name before them. ``verbs`` are base forms
    (the lemmatizer's index of English verbs)."""
    out: set[int] = set()
    for line in _lines(doc, 3):  # the headline opens the text (after a date line at most)
        words = [t for t in line if t.is_alpha and len(t.text) > 3]
        if len(words) < 3 or sum(t.text[:1].isupper() for t in words) < 0.7 * len(words):
            continue
        for t in line:
            if t.i == line[0].i or t.i == line[-1].i or not (t.is_title and t.lower_.endswith("s")):
                continue
            before, after = doc[t.i - 1], doc[t.i + 1]
            # a verb between a name and its capitalised object: "Doe Hosts Envoy" (not "Ana Marks, ...")
            if not (before.is_title and before.is_alpha and after.text[:1].isupper() and after.is_alpha):
                continue
            low = t.lower_
            sibilant = low.endswith("es") and low[:-2].endswith(("s", "sh", "ch", "x", "z", "o"))
            if (low[:-2] if sibilant else low[:-1]) in verbs:  # "hosts", "pushes"; not "James"
                out.add(t.i)
    return out


def _lines(doc: Doc, most: int | None = None) -> list[list]:
    """The tokens of the text's lines, line breaks left out, empty lines skipped (the first
    ``most`` lines only when given)."""
    lines: list[list] = []
    start = 0
    for j in [*line_breaks(doc), len(doc)]:
        if most is not None and len(lines) >= most:
            break
        if j > start:
            lines.append(list(doc[start:j]))
        start = j + 1
    return lines


def english_words(nlp: Language, parts: tuple[str, ...]) -> frozenset[str]:
    """The base forms of English words of the given parts of speech that the pipeline's rule
    lemmatizer knows; none without one."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for part in parts for w in index.get(part, ()))


def clean_name(text: str) -> str:
    """A mention's text as a person's name: no possessive, single spaces, no edge punctuation."""
    return " ".join(ACCENT_POSSESSIVE.sub("", text.replace("’s", "")).split()).strip(" ,.")
