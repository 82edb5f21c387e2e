"""The first of the persons steps: name mentions and the offices beside them.

The persons work runs as four pipeline components, each a step with its own factory
(``pyproject.toml``'s ``spacy_factories`` entry points; ``pipeline.cfg`` orders them):

1. ``parleys_person_mentions_v1`` (this module): title heads, places (gazetteer hits), capitalised
   runs that may be names and the office each holds -> ``doc._.titles``, ``doc._.places``,
   ``doc._.mentions`` (every proposed mention; full names that only their capitals support are
   marked ``supported=False``);
2. ``parleys_coreference_v1`` (``coreference.py``): which mentions name the same person; bylines,
   credits and initials that name no one dropped -> ``doc._.person_clusters``;
3. ``parleys_name_check_v1`` (``name_filter.py``): the learned check of which proposed persons are
   persons;
4. ``parleys_persons_v2`` (``person_records.py``): one :class:`PersonRecord` per person with its
   office, role and country, and the countries the text leaves unstated -> ``doc._.persons``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from parleys.extract.attach import OfficeAttacher, bare_legislator
from parleys.extract.coreference import Mention, fuzzy_in, listed_beside
from parleys.extract.extensions import line_breaks, lowers_of
from parleys.extract.gazetteer import Gazetteer, Place
from parleys.extract.lexicon_source import gazetteer_entries
from parleys.extract.name_filter import NAME_DECISIONS_KEY
from parleys.extract.names import (
    PARTICLES,
    NameRun,
    english_words,
    find_runs,
    headline_verbs,
    name_tokens,
    name_words,
)
from parleys.extract.titles import Office, TitleFinder, TitleHead
from parleys.extract.unstated import _load_outlets
from parleys.extract.vocabulary import TitleVocabulary

__all__ = ["NAME_DECISIONS_KEY", "MentionFinder", "make_mention_finder"]

_WORDS = name_words()
DELEGATION_VERBS = frozenset(_WORDS["delegation_verbs"])
COMPASS = frozenset(_WORDS["compass_words"])
# what opens the phrase of a title that may run up to a name: "Commissioner on", "Relations with"
TITLE_PHRASE_LINKS = frozenset({"of", "on", "for", "with", "and"})
NON_PERSON_ENTS = frozenset(
    {"ORG", "GPE", "FAC", "LOC", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}
)


@Language.factory(
    "parleys_person_mentions_v1",
    default_config={"lexicon_dir": None},
    requires=["token.tag", "token.dep", "token.ent_type"],
    assigns=["doc._.mentions", "doc._.titles", "doc._.places"],
)
def make_mention_finder(nlp: Language, name: str, lexicon_dir: str | None) -> MentionFinder:
    return MentionFinder(nlp, lexicon_dir=lexicon_dir)


class MentionFinder:
    def __init__(self, nlp: Language, *, lexicon_dir: str | None = None) -> None:
        self.vocabulary = TitleVocabulary.load()
        self.titles = TitleFinder.shipped(nlp)
        v = self.vocabulary
        # institution nouns ("Foundation", "Assembly") end a name: "Turan Foundation" is not a person
        self.institution_nouns = frozenset(
            w
            for group in (v.parliament, v.committee, v.organization, v.executive, v.party)
            for w in group
            if " " not in w
        )
        self.non_name_words = v.person_words | self.institution_nouns
        entries = gazetteer_entries(lexicon_dir)
        self.gazetteer = Gazetteer(nlp.vocab, entries, nlp.make_doc, nlp.tokenizer)
        # one-word country names: "Pakistans Doe" is a possessive that lost its apostrophe
        self.country_words = frozenset(k.lower() for k in entries.countries if k.isalpha())
        self.english = english_words(nlp, ("noun", "adj", "verb", "adv"))
        outlets = frozenset(_load_outlets())
        self.attach = OfficeAttacher(self.titles, self.vocabulary, self.institution_nouns, outlets)
        self.verbs = english_words(nlp, ("verb",))
        self.attach.common_words = english_words(nlp, ("noun", "adj"))

    def __call__(self, doc: Doc) -> Doc:
        heads = self.titles.heads(doc)
        places = _first_names_off(doc, self.gazetteer.find(doc), heads, self.non_name_words)
        places = _surnames_off(doc, places, heads)
        kept = _given_names_off(doc, places, heads, self.non_name_words)
        given = frozenset(i for p in places if p not in kept for i in range(p.start, p.end))
        places = kept
        doc._.places = places
        doc._.titles = heads
        mentions, unsupported = self._mentions(doc, places, heads, given)
        for m in mentions:
            m.supported = m.start not in unsupported
        doc._.mentions = mentions
        return doc

    # -- mentions --------------------------------------------------------------------------------
    def _mentions(
        self, doc: Doc, places: list[Place], heads: list[TitleHead], given: frozenset[int] = frozenset()
    ) -> tuple[list[Mention], set[int]]:
        """Every name mention, and the starts of those (full names) that nothing but their
        capitals supports; ``given``: place words that an honorific before shows are given names."""
        blocked = bytearray(len(doc))
        head_at: dict[int, TitleHead] = {}
        in_head = {i for h in heads for i in range(h.start, h.end)}
        for h in heads:
            if h.base == "honorific" or _head_inside_name(doc, h, in_head):
                continue
            blocked[h.start : h.end] = b"\x01" * (h.end - h.start)
            for i in range(h.start, h.end):
                head_at[i] = h
        place_at: dict[int, Place | None] = {}  # None: a word of an institution's name
        for p in places:
            blocked[p.start : p.end] = b"\x01" * (p.end - p.start)
            for i in range(p.start, p.end):
                place_at[i] = p
        honorific = {i for h in heads if h.base == "honorific" for i in range(h.start, h.end)}
        person_ent = bytearray(len(doc))
        other_ent = bytearray(len(doc))
        for ent in doc.ents:
            target = (
                person_ent if ent.label_ == "PERSON" else other_ent if ent.label_ in NON_PERSON_ENTS else None
            )
            if target is not None:
                target[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
        for i in headline_verbs(doc, self.verbs):
            blocked[i] = 1  # "Speaker Doe Hosts Envoy": the headline's verb ends the name
        for i, low in enumerate(lowers_of(doc)):
            if (
                low.endswith("s")
                and low[:-1] in self.country_words
                and low not in self.english
                and doc[i].is_title
            ):
                blocked[i] = 1  # "Pakistans Doe": the country's possessive, not a given name
        lines = lines_of(doc)
        for start, end in foreign_lines(doc, self.english, lines):
            blocked[start:end] = b"\x01" * (end - start)  # a menu or a passage not in English
        for start, end in address_lines(doc, places, lines):
            blocked[start:end] = b"\x01" * (end - start)  # a postal address: its words name places
        runs = [r for r in find_runs(doc, blocked, self.non_name_words, given) if not _region_name(doc, r)]
        starts = {r.start for r in runs}
        institutional = [
            r
            for r in runs
            if self.attach.institutional(doc, r)
            or (
                self.attach.inside_name(doc, r, starts, head_at, place_at, honorific)
                and not _tagged_full_name(doc, r)
            )
        ]
        for r in institutional:
            for i in range(r.start, r.end):
                place_at.setdefault(i, None)  # chain-able, never a name
        runs = [r for r in runs if r not in institutional]
        runs = [r for r in runs if not (r.end - r.start == 1 and doc[r.start].pos_ in ("ADJ", "VERB"))]
        run_starts = {i for r in runs for i in range(r.start, r.end)}  # every token of a name
        mentions: list[Mention] = []
        pending: list[Mention] = []  # single surnames without title or NER support, resolved after
        previous: tuple[NameRun, Office | None] | None = None
        last_office: tuple[NameRun, Office] | None = None
        groups: list[list[Mention]] = []  # names sharing one plural office, in text order
        for run in runs:
            run = _strip_honorifics(doc, run, honorific, self.vocabulary.name_honorifics)
            if (
                run.start >= 1
                and doc[run.start - 1].lower_ in self.vocabulary.parliament
                and doc[run.start].lower_ in ("al", "el")
                and run.start + 3 < run.end
                and doc[run.start + 1].text == "-"
            ):
                for i in range(run.start, run.start + 3):
                    place_at.setdefault(i, None)  # chain-able, never a name
                run = NameRun(run.start + 3, run.end)  # "Majlis Al-Umma Ahmad Safadi": the chamber's name
            if run.end <= run.start:
                continue
            tail = self._title_phrase_tail(doc, run, head_at, run_starts)
            if tail > run.start:
                for i in range(run.start, tail):
                    place_at.setdefault(i, None)  # the phrase's words: chain-able, never a name
                run = NameRun(tail, run.end)  # "Committee on Rural Affairs Jo Doe" -> "Jo Doe"
            toks = name_tokens(run.text(doc))
            if not toks:
                continue
            office = self.attach.before(doc, run, head_at, place_at, places, run_starts, honorific)
            if office is None:
                office = self.attach.after(doc, run, head_at, places, run_starts)
            elif _claimed(doc, office, previous):
                # "A, Ambassador of X, B, Ambassador of Y": the office after A is A's, B's follows B
                office = self.attach.after(doc, run, head_at, places, run_starts) or office
            if office is None:
                office = self.attach.bracketed(doc, run, head_at, places)
            if office is None:
                office = self.attach.apposed(doc, run, head_at, place_at, places, run_starts)
            listed: Office | None = None
            if office is None and previous is not None and previous[1] is not None:
                if _listed_after(doc, previous[0], run) and previous[1].plural:
                    listed = previous[1]
            if office is None and listed is None and last_office is not None and last_office[1].plural:
                if _listed_over(doc, last_office[0], run, run_starts):
                    listed = last_office[1]  # across an item the list's office missed
            if listed is not None:
                # "deputies Aliya Serikova, Timur Baikenov and ..." share the list's office
                office = replace(listed, confidence=listed.confidence * 0.9)
                shared = True
            else:
                shared = False
            if office is None and previous is not None and previous[1] is not None:
                office = self.attach.elliptic(doc, previous[0], previous[1], run, head_at, place_at, places)
            if office is None and last_office is not None:
                # the last office, not the last run: a body's words between may form a run of their own
                office = self.attach.distributed(doc, *last_office, run, head_at, place_at, places)
            if office is not None and office.role_class == "counterpart":
                office.role_class = self._counterpart_role(doc, run, mentions, heads, places)
            previous = (run, office)
            if office is not None:
                last_office = (run, office)
            hint = (
                _country_after(doc, run, place_at)
                or _delegation_country(doc, run, places)
                or self._honorific_country(doc, run, honorific)
            )
            is_person = any(person_ent[run.start : run.end])
            inside_other = all(other_ent[run.start : run.end]) and not is_person
            m = Mention(run.start, run.end, toks, run.text(doc), office, hint)
            if shared and groups:
                groups[-1].append(m)
            elif office is not None and office.plural:
                groups.append([m])
            if office is not None and not (inside_other and office.confidence < 0.8):
                mentions.append(m)
            elif is_person and (len(toks) >= 2 or run.end - run.start >= 1):
                mentions.append(m)
            else:  # inside another entity: a name only if listed beside one (below)
                pending.append(m)
        for group in groups:
            _distribute_countries(doc, group, places)
        # a full name listed next to a person ("Aliya Serikova, Timur Baikenov, ...") is one too: the
        # names side by side form chains, and a chain that holds one person holds only persons
        mentions.extend(
            _listed_with_persons(doc, mentions, [p for p in pending if len(p.tokens) >= 2], honorific)
        )
        # a full name the model tags as another entity is a person's when a short form of it is one
        # ("..., Dag Olsen. Mr Olsen said ..."): its surname stands alone as a person elsewhere
        singles = {m.tokens[0] for m in mentions if len(m.tokens) == 1}
        mentions.extend(p for p in pending if len(p.tokens) >= 2 and p.tokens[-1] in singles)
        pending = [p for p in pending if p not in mentions]
        # bare capitalised words count only when they name a person found elsewhere
        known = {t for m in mentions for t in m.tokens if len(m.tokens) >= 2}
        for m in pending:
            if (
                len(m.tokens) == 1
                and (m.tokens[0] in known or fuzzy_in(m.tokens[0], known))
                and not all(other_ent[m.start : m.end])
            ):
                mentions.append(m)
        # single-token NER persons that match nothing and have no title are usually not persons
        full = [m for m in mentions if len(m.tokens) >= 2 or m.office is not None]
        full_tokens = {t for m in full for t in m.tokens}
        mentions = [
            m
            for m in mentions
            if len(m.tokens) >= 2
            or m.office is not None
            or m.tokens[0] in full_tokens
            or fuzzy_in(m.tokens[0], full_tokens)
        ]
        # the remaining full names: proposed, for the learned check to decide
        unsupported = [p for p in pending if len(p.tokens) >= 2 and p not in mentions]
        mentions.extend(unsupported)
        mentions.sort(key=lambda m: m.start)
        _share_list_office(doc, mentions, honorific)
        return mentions, {m.start for m in unsupported}

    def _title_phrase_tail(self, doc: Doc, run: NameRun, head_at: dict[int, TitleHead], run_starts) -> int:
        """Where the name starts when a title's "of", "on", "for", "with" or "and" phrase runs up to
        it: "High Commissioner on National Minorities Jo Doe", "Chair of the Committee on Policy and
        Local Self-Government Jo Doe". The phrase's object is written in capitals like the name; its
        words are English nouns and adjectives (plurals and hyphenated compounds included) or words
        of a body's name, which a name rarely opens with; the statistical model's PERSON tag, where
        it sets one, marks the name's own words. Two name words at least are left; ``run.start``
        when nothing is the phrase's."""
        if run.end - run.start < 3:
            return run.start
        sent_start = doc[run.start].sent.start
        i = run.start - 1
        while i > sent_start and doc[i].is_alpha and doc[i].text[:1].isupper() and i not in run_starts:
            if i in head_at or run.start - i > 6:
                return run.start  # a title's own head right before the name ("Committee Chair Jo Doe")
            i -= 1  # the phrase's words that no name claims: "on National Minorities", "Policy and"
        if i <= sent_start or doc[i].lower_ not in TITLE_PHRASE_LINKS:
            return run.start
        # the phrase hangs from a title: capitalised words, links, "the" and commas back to its head,
        # and no name among them ("Minister Jo Doe met with ...", "Jo Doe and ..." are no phrases)
        j = i - 1
        while j >= max(sent_start, i - 20) and j not in head_at:
            t = doc[j]
            if j in run_starts or not (
                (t.is_alpha and t.text[:1].isupper())
                or t.lower_ in TITLE_PHRASE_LINKS
                or t.lower_ in ("the", ",")
            ):
                return run.start
            j -= 1
        if j not in head_at:
            return run.start
        k = run.start
        while k < run.end and self._phrase_word(doc, k):
            k += 1
        while k > run.start and doc[k - 1].text in ("-", "‐"):
            k -= 1
        if k == run.start or run.end - k < 2 or not doc[k].is_alpha:
            return run.start
        return k

    def _phrase_word(self, doc: Doc, i: int) -> bool:
        """A word of a title's object phrase, not of a name: an English common noun or adjective
        (a plural's singular: "Minorities", "Compatriots"), a word of a body's name, or a hyphen
        inside a compound of such words ("Self-Government"); never a word the model tags PERSON."""
        tok = doc[i]
        if tok.ent_type_ == "PERSON":
            return False
        if tok.text in ("-", "‐"):
            return not tok.whitespace_ and i >= 1 and not doc[i - 1].whitespace_
        if not (tok.is_alpha and tok.text[:1].isupper()):
            return False
        low = tok.lower_
        words = self.attach.common_words
        singular = {low[:-3] + "y" if low.endswith("ies") else low[:-1]} if low.endswith("s") else set()
        return low in self.non_name_words or low in words or any(w in words for w in singular)

    def _counterpart_role(
        self, doc: Doc, run: NameRun, mentions: list[Mention], heads: list[TitleHead], places: list[Place]
    ) -> str:
        """ "X met with his Armenian counterpart Y": Y holds the office of the nearest titled person
        before Y in the sentence, named or not ("the Speaker met his Greek counterpart Y"), else of
        the person "his" or "her" points back to, else of the last person the article titled before.
        The person "his" or "her" points back to comes first: "A and her counterpart B"."""
        sent_start = doc[run.start].sent.start
        owner = _possessor_role(doc, run, mentions, sent_start)
        if owner is not None:
            return owner
        for h in reversed(heads):
            if h.start >= run.start or h.base in ("honorific", "counterpart"):
                continue
            if h.start < sent_start:
                break
            end = h.end
            while end < run.start and end - h.end < 8 and doc[end].lower_ not in ("met", "and", ","):
                if not (doc[end].lower_ in ("of", "the") or doc[end].text[:1].isupper()):
                    break
                end += 1
            role = self.titles.interpret(doc, h, h.start, end, places, confidence=0.5).role_class
            if role not in ("counterpart", "other"):
                return role
        for m in reversed(mentions):
            if m.office is not None and m.office.role_class not in ("counterpart", "other"):
                return m.office.role_class
        return "other"

    def _honorific_country(self, doc: Doc, run: NameRun, honorific: set[int]) -> tuple[str, int, int] | None:
        """ "Datuk X", "Tan Sri X": an honorific only one country confers."""
        i = run.start
        while i - 1 in honorific:
            i -= 1
        words = doc[i : run.start]
        country = self.vocabulary.head_countries.get(words.text.lower()) if len(words) else None
        return (country, words.start_char, words.end_char) if country else None


def foreign_lines(
    doc: Doc, english: frozenset[str], lines: list[list[Token]] | None = None
) -> list[tuple[int, int]]:
    """The token ranges of lines whose lower-case words are mostly not English (a site's menu in
    another language, a quoted passage): their capitalised words are that language's nouns, not
    names. A line needs four lower-case words to be judged; ``english``: base forms of English
    words (none: no line is judged); ``lines``: :func:`lines_of` when the caller has it."""
    if not english:
        return []
    out: list[tuple[int, int]] = []
    for line in lines_of(doc) if lines is None else lines:
        words = [w for w in line if w.is_alpha and w.is_lower and len(w.text) > 1]
        if len(words) >= 4:
            known = sum(w.is_stop or w.lower_ in english or w.lemma_.lower() in english for w in words)
            if known < 0.5 * len(words):
                out.append((line[0].i, line[-1].i + 1))
    return out


def lines_of(doc: Doc) -> list[list[Token]]:
    """The tokens of each of the text's lines (one pass over the doc; the line checks share it)."""
    tokens = list(doc)
    out: list[list[Token]] = []
    start = 0
    for j in line_breaks(doc):  # a line ends with the token that holds its break
        out.append(tokens[start : j + 1])
        start = j + 1
    if start < len(tokens):
        out.append(tokens[start:])
    return out


def address_lines(
    doc: Doc, places: list[Place], lines: list[list[Token]] | None = None
) -> list[tuple[int, int]]:
    """The token ranges of lines that are a postal address: no verb, two commas or more, a place
    the gazetteer knows and a number of a street or a postal code ("1-2-3 Uchi, Kita-ku, Tokyo
    100-0014, Japan"). Their capitalised words are streets and districts, not names."""
    placed = {i for p in places for i in range(p.start, p.end)}
    out = []
    for line in lines_of(doc) if lines is None else lines:
        if sum(t.text == "," for t in line) < 2 or not any(t.i in placed for t in line):
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in line):
            continue
        start, end = line[0].i, line[-1].i + 1
        if any(not ISO_DATE.fullmatch(m.group()) for m in POSTAL_NUMBER.finditer(doc[start:end].text)):
            out.append((start, end))
    return out


# a street number or a postal code ("1-7-1", "100-0014", "75007"), not a year, a range or a date
POSTAL_NUMBER = re.compile(r"(?<![\d-])(?:\d{1,4}(?:-\d{1,4}){2}|\d{3}-\d{4}|\d{5,})(?![\d-])")
ISO_DATE = re.compile(r"(?:19|20)\d\d-\d\d?-\d\d?")


def _first_names_off(
    doc: Doc, places: list[Place], heads: list[TitleHead], non_name: frozenset[str]
) -> list[Place]:
    """A city that opens a name after an office is a first name: "Speaker of the National Assembly
    of Serbia Milan Jovic", "Parliament Speaker Milan Jovic" (not "the mayor of Milan Jovan Ilic")."""
    in_head = {i for h in heads for i in range(h.start, h.end)}
    place_at = {i: p for p in places for i in range(p.start, p.end)}
    out = []
    for p in places:
        if p.kind == "city" and p.end - p.start == 1 and 0 < p.start and p.end < len(doc):
            before = place_at.get(p.start - 1)
            titled = p.start - 1 in in_head or (before is not None and before.kind != "city")
            if titled and _name_word_follows(doc, p, place_at, in_head, non_name):
                continue
        out.append(p)
    return out


def _name_word_follows(doc: Doc, p: Place, place_at, in_head: set[int], non_name: frozenset[str]) -> bool:
    """Whether a one-word place in title case is followed, on its line, by a word that may be a
    name's: in title case, no place, title or word that is never a name."""
    word, after = doc[p.start], doc[p.end]
    return (
        word.is_title
        and after.is_title
        and after.is_alpha
        and p.end not in place_at
        and p.end not in in_head
        and after.lower_ not in non_name
        and "\n" not in word.whitespace_
    )


def _given_names_off(
    doc: Doc, places: list[Place], heads: list[TitleHead], non_name: frozenset[str]
) -> list[Place]:
    """A one-word place between an honorific and a name's word is a given name: "Mr Chad Doe",
    "Dr Paris Lee" (not "H.E. Kenya Ambassador": a title follows); one after an honorific and a
    name's word, closing the name, is a surname: "Dr Jo Jordan." (not "Dr Jo Doe, Kenya")."""
    after_honorific = {h.end for h in heads if h.base == "honorific"}
    in_head = {i for h in heads for i in range(h.start, h.end)}
    place_at = {i: p for p in places for i in range(p.start, p.end)}

    def surname(p: Place) -> bool:
        i = p.start
        if p.end - p.start != 1 or i - 1 not in after_honorific or i - 1 in place_at or i - 1 in in_head:
            return False
        given, word = doc[i - 1], doc[i]
        closes = p.end >= len(doc) or not doc[p.end].text[:1].isupper()
        return (
            closes
            and given.is_title
            and given.is_alpha
            and word.is_title
            and given.lower_ not in non_name
            and "\n" not in given.whitespace_
        )

    return [
        p
        for p in places
        if not (
            p.end - p.start == 1
            and p.start in after_honorific
            and p.end < len(doc)
            and _name_word_follows(doc, p, place_at, in_head, non_name)
        )
        and not surname(p)
    ]


def _claimed(doc: Doc, office: Office | None, previous: tuple[NameRun, Office | None] | None) -> bool:
    """Whether ``office`` is the one the name before holds in apposition, after it (not a plural
    a list shares): in a roster of "name, office" pairs each office follows its name."""
    if office is None or previous is None or previous[1] is None or previous[1].plural:
        return False
    last = doc[previous[0].end - 1]
    return previous[1].start_char == office.start_char and office.start_char >= last.idx + len(last)


def _distribute_countries(doc: Doc, group: list[Mention], places: list[Place]) -> None:
    """ "Kazakh and Turkish Presidents A and B": as many countries as names, one each, in order."""
    office = group[0].office
    if office is None or len(group) < 2:
        return
    span = doc.char_span(office.start_char, office.end_char, alignment_mode="expand")
    if span is None:
        return
    countries: list[str] = []
    for p in places:
        if (
            span.start <= p.start < span.end
            and p.kind in ("country", "demonym")
            and p.country not in countries
        ):
            countries.append(p.country)
    if len(countries) != len(group):
        return
    for m, country in zip(group, countries, strict=True):
        m.office = replace(office, country=country)


def _surnames_off(doc: Doc, places: list[Place], heads: list[TitleHead]) -> list[Place]:
    """A place's name that closes a person's name the statistical model tags as one is a surname:
    "Secretary-General Lena Paris", "Jo Jordan met ..." (not "Jo Doe, Jordan", "Ana in Paris")."""
    in_head = {i for h in heads for i in range(h.start, h.end)}
    out = []
    for p in places:
        i = p.start
        if (
            p.end - p.start == 1
            and p.kind in ("city", "country", "demonym")
            and i >= 1
            and doc[i].ent_type_ == "PERSON"
            and doc[i].ent_iob_ == "I"
            and doc[i].is_title
            and doc[i - 1].is_title
            and doc[i - 1].is_alpha
            and not doc[i - 1].whitespace_.count("\n")
            and (i - 1) not in in_head
            and not (i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I")
        ):
            continue
        out.append(p)
    return out


def _head_inside_name(doc: Doc, head: TitleHead, in_head: set[int]) -> bool:
    """A one-word title inside a person's name: "Reza Amir-Tavakoli" (joined by a hyphen to
    a word that is no title), "Ali Sultan al Doe" (inside a PERSON entity, name words each side;
    not "His Majesty King Doe", where a title or honorific comes before)."""
    if head.end - head.start != 1 or head.start - 1 in in_head:
        return False
    i = head.start
    if i + 2 < len(doc) and doc[i + 1].text in ("-", "‐") and not doc[i].whitespace_:
        after = doc[i + 2]
        if not doc[i + 1].whitespace_ and after.is_title and after.ent_type_ == "PERSON":
            return i >= 1 and doc[i].ent_iob_ == "I" and doc[i - 1].is_title
    if (
        i >= 2
        and doc[i].ent_type_ == "PERSON"
        and doc[i].is_title  # a word, not a post-nominal ("Jo Doe MP")
        and doc[i].ent_iob_ == "I"
        and doc[i - 1].ent_iob_ == "I"
        and doc[i - 1].is_title
        and doc[i - 2].is_title
        and (i + 1 >= len(doc) or (doc[i + 1].ent_iob_ != "I" and not doc[i + 1].text[:1].isupper()))
        and (i + 1 >= len(doc) or doc[i + 1].lower_ != "of")
    ):
        return True  # "Minister Chua Hock King": the title word closes a name the model tags whole
    return (
        i >= 1
        and i + 1 < len(doc)
        and doc[i].ent_type_ == "PERSON"
        and doc[i].ent_iob_ == "I"
        and doc[i + 1].ent_iob_ == "I"
        and doc[i - 1].is_title
        and (doc[i + 1].is_title or (doc[i + 1].is_lower and doc[i + 1].lower_ in PARTICLES))
    )


def _region_name(doc: Doc, run: NameRun) -> bool:
    """A run right after a capitalised point of the compass names a region ("North Rhine-Westfalen",
    "Western Bahr"), unless the statistical model tags it a person."""
    i = run.start - 1
    return (
        i >= 0
        and doc[i].text in COMPASS
        and "\n" not in doc[i].whitespace_
        and not any(t.ent_type_ == "PERSON" for t in doc[run.start : run.end])
    )


def _tagged_full_name(doc: Doc, run: NameRun) -> bool:
    """A run of two or more words that the statistical model tags a person throughout is a name,
    not the opening of a body's name after it ("Vice Minister Ana Lima of the Ministry of
    Defence", "Ambassador Jo Doe at the Institute of Peace")."""
    return run.end - run.start >= 2 and all(t.ent_type_ == "PERSON" for t in doc[run.start : run.end])


def _listed_with_persons(
    doc: Doc, accepted: list[Mention], candidates: list[Mention], honorific: set[int]
) -> list[Mention]:
    """The candidates that stand in one list with an accepted person, in one pass over the names in
    text order (only neighbours can be listed side by side)."""
    ordered = sorted(
        [(m.start, True, m) for m in accepted] + [(m.start, False, m) for m in candidates], key=lambda x: x[0]
    )
    found: list[Mention] = []
    chain: list[Mention] = []
    has_person = False
    for n, (_, is_person, m) in enumerate(ordered):
        if n and not listed_beside(doc, ordered[n - 1][2], m, honorific):
            if has_person:
                found.extend(chain)
            chain, has_person = [], False
        if is_person:
            has_person = True
        else:
            chain.append(m)
    if has_person:
        found.extend(chain)
    return found


def _share_list_office(doc: Doc, mentions: list[Mention], honorific: set[int]) -> None:
    """A list's office: "Senator A, B and C" (a bare legislator's title before the list, or a plural
    one: "Members of Parliament Hon. A, Hon. B") and
    "A, B and C, members of the Senate" (a plural office after it) are every listed name's, where no
    other name in the list has an office of its own."""
    chains: list[list[Mention]] = []
    for m in mentions:
        if chains and listed_beside(doc, chains[-1][-1], m, honorific):
            chains[-1].append(m)
        else:
            chains.append([m])
    for chain in chains:
        if len(chain) < 2:
            continue
        first, last = chain[0], chain[-1]
        if (
            last.office is not None
            and (last.office.plural or _of_a_body(doc, last))
            and last.office.start_char >= doc[last.end - 1].idx
            and all(m.office is None for m in chain[:-1])
        ):
            source, rest = last, chain[:-1]  # "A, B and C, members of X", "A and B of the Embassy"
        elif (
            first.office is not None
            and (bare_legislator(first.office) or first.office.plural)  # "Senator A, B and C"
            and first.office.end_char <= doc[first.start].idx
            and all(m.office is None for m in chain[1:])
        ):
            source, rest = first, chain[1:]
        else:
            continue
        office = source.office
        assert office is not None
        for m in rest:
            m.office = replace(office, confidence=office.confidence * 0.9)
            if m.country_hint is None and office.country is None:
                m.country_hint = source.country_hint


def _of_a_body(doc: Doc, m: Mention) -> bool:
    """Whether the office of ``m`` is the state body its name is "of" or "from" ("A and B of the
    Canadian Embassy"): every name of the list before it belongs to that body too."""
    office = m.office
    if office is None or m.end >= len(doc) or doc[m.end].lower_ not in ("of", "from"):
        return False
    return office.role_class == "official" and doc[m.end].idx < office.start_char


def _listed_after(doc: Doc, prev: NameRun, run: NameRun) -> bool:
    """Whether ``run`` is the next item after ``prev`` in a list ("A, B", "A and B", "A, and B"), a
    short bracketed gloss of the item before included ("A (not in picture), and B")."""
    between = [t.text for t in doc[prev.end : run.start]]
    if between[:1] == ["("] and ")" in between[1:7]:
        between = between[between.index(")") + 1 :]
    return 1 <= len(between) <= 2 and all(t in (",", "and", "&") for t in between)


def _listed_over(doc: Doc, prev: NameRun, run: NameRun, run_starts: set[int]) -> bool:
    """ "lawmakers A B, C, D E F, G": ``run`` (G) is listed after ``prev`` (A) across a list that a
    word no name may hold ("B") or a place inside a name ("E") broke: the words between are
    capitalised words and commas (or "and"), the rest of ``prev``'s item first, then at most two items
    of at most four words each, each holding a name's word."""
    between = doc[prev.end : run.start]
    if not 2 <= len(between) <= 14 or between[-1].text not in (",", "and"):
        return False
    items: list[list[int]] = [[]]
    for t in between:
        if t.text == "," or t.lower_ == "and":
            items.append([])
        elif t.text[:1].isupper() and not t.is_punct:
            items[-1].append(t.i)
        else:
            return False
    rest, *listed = items
    listed = [item for item in listed if item]
    if len(items) < 2 or len(rest) > 3 or len(listed) > 2:
        return False
    return all(len(item) <= 4 and any(i in run_starts for i in item) for item in listed)


def _strip_honorifics(
    doc: Doc, run: NameRun, honorific: set[int], name_words: frozenset[str] = frozenset()
) -> NameRun:
    """Names drop honorifics before and after them ("Dr.", "H.E.", "Shaheed"); but an honorific that
    is also a name word stays where the name would be left with one word ("Sheikh Hasena")."""
    start, end = run.start, run.end
    while start < end and start in honorific:
        start += 1
    while end > start and (end - 1) in honorific:
        if end - start >= 3 and doc[end - 2].text in ("-", "‐") and not doc[end - 2].whitespace_:
            break  # a word joined by a hyphen is the surname's: "Jo Al-Sheikha", not "Jo Al-"
        end -= 1
    if end - start == 1 and start - 1 >= run.start and doc[start - 1].lower_ in name_words:
        start -= 1
    return NameRun(start, end)


def _country_after(doc: Doc, run: NameRun, place_at) -> tuple[str, int, int] | None:
    """ "President Rustam Karimov of Tajikistan" -> TJK; a demonym right before the name also counts."""
    i = run.end
    k = i + 1 + (i + 2 < len(doc) and doc[i + 1].lower_ == "the")  # "King X of the United Kingdom"
    if k < len(doc) and doc[i].lower_ == "of" and place_at.get(k) is not None:
        p = place_at[k]
        if p.kind in ("country", "institution"):
            return p.country, doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1].text)
    k = i + 1
    if (
        k + 2 < len(doc)
        and doc[i].text in (",", "(")
        and doc[k].text in ("R", "D", "I")
        and doc[k + 1].text == "-"
        and not doc[k].whitespace_
        and doc[k + 2].text[:1].isupper()
    ):
        # "Jo Doe, R-Ohio": the party and state label of the United States Congress
        return "USA", doc[k].idx, doc[k + 2].idx + len(doc[k + 2].text)
    if i < len(doc) and doc[i].text == "(":  # "Ana Lima (Brazil)"
        close = next((j for j in range(i + 1, min(i + 8, len(doc))) if doc[j].text == ")"), None)
        inside = {place_at[j] for j in range(i + 1, close or i) if place_at.get(j) is not None}
        countries = {p.country for p in inside if p.kind in ("country", "demonym")}
        if close is not None and len(countries) == 1:
            p = next(p for p in inside if p.kind in ("country", "demonym"))
            return p.country, doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1].text)
    j = run.start - 1
    if j >= 0 and place_at.get(j) is not None and place_at[j].kind in ("demonym", "country"):
        p = place_at[j]
        return p.country, doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1].text)
    return None


def _delegation_country(doc: Doc, run: NameRun, places: list[Place]) -> tuple[str, int, int] | None:
    """ "a delegation of the Chinese People's Political Consultative Conference led by [title] X":
    the one who leads a delegation comes from the delegation's country."""
    sent_start = doc[run.start].sent.start
    for i in range(run.start - 1, max(sent_start, run.start - 25) - 1, -1):
        if doc[i].lower_ == "by" and i >= 1 and doc[i - 1].lower_ in DELEGATION_VERBS:
            # the name is what "led by" governs: no other delegation, clause or list break between
            # ("led by A, and the delegation of Y including B": B is not led by anyone)
            if any(
                t.lower_ in ("delegation", "delegations")
                or t.tag_ in ("VBD", "VBZ", "VBP", "MD")
                or t.text in (";", ":")
                for t in doc[i + 1 : run.start]
            ):
                return None
            lo = max(sent_start, i - 20)
            if not any(t.lower_ in ("delegation", "delegations") for t in doc[lo : i - 1]):
                return None
            near = [
                p for p in places if lo <= p.start < i - 1 and p.kind in ("country", "demonym", "institution")
            ]
            if len({p.country for p in near}) != 1:
                return None
            p = near[0]
            return p.country, doc[p.start].idx, doc[p.end - 1].idx + len(doc[p.end - 1].text)
    return None


def _possessor_role(doc: Doc, run: NameRun, mentions: list[Mention], sent_start: int) -> str | None:
    """ "A and her Russian counterpart B", "A arrives on Thursday. He will confer with his Greek
    counterpart B": the role of the person the possessive points back to: the nearest name before it
    in its sentence, else the nearest subject named before (a pronoun's usual antecedent); the
    office any mention of that person's surname holds."""
    window = doc[max(sent_start, run.start - 6) : run.start]
    possessive = next((t for t in window if t.lower_ in ("his", "her", "their")), None)
    if possessive is None:
        return None
    titled: dict[str, str] = {}
    for m in mentions:
        if m.tokens and m.office is not None and m.office.role_class not in ("counterpart", "other"):
            titled.setdefault(m.tokens[-1], m.office.role_class)
    for t in reversed(doc[sent_start : possessive.i]):
        words = name_tokens(t.text)
        if words and words[-1] in titled and t.text[:1].isupper():
            return titled[words[-1]]
    for m in reversed([m for m in mentions if m.end <= possessive.i and m.tokens]):
        if doc[m.start : m.end].root.dep_ in ("nsubj", "nsubjpass"):
            return titled.get(m.tokens[-1])
    return None
