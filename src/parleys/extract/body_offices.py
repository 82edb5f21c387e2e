"""Offices of international bodies that a person's own title does not show.

An official of an international organization represents no country (eval/ANNOTATE.md: "Null for
officials of international organizations"; heads of international assemblies are officials "with
no country unless the text gives their national office"). The title the mentions step attaches to a
name is often only its head word, with the body elsewhere in the noun phrase:

- before the name: "President of the Pan-African Parliament, H.E. Hon. X", "Speaker, ECOWAS
  Parliament, Rt. Honourable X", "the Development Programme (UNDP)'s resident representative X",
  "his counterpart from the OSCE Parliamentary Assembly, X";
- in an apposition after it: "President X, Chairman of the Authority of ... of ECOWAS";
- as a compound: "OSCE PA President X", and its short form "PA President X" where the article
  names the OSCE PA;
- as an office that only one body has ("High Commissioner on National Minorities": OSCE),
  ``organizations.json``'s ``offices``;
- as a bare title ("President X") that the article's nameless descriptors give to a body ("the
  PACE President stressed") and never to a state.

A title phrase runs over capitalised words, connectors, commas, brackets and abbreviations up to a
verb, a line break, the end of a sentence or another person's name; an apposition that runs into the
next name is that name's title (a list: "A, the Speaker of X B"), and a state or demonym in the
phrase outside a post makes the office national ("President of the Union of X and Chair of the AU").

The bodies are those of ``data/organizations.json`` (:class:`OrganizationTagger`, names, acronyms,
assemblies, open-world names) and the registry's names with "for" and "of" taken as one ("Office
of Democratic Institutions ..."). A body after "to", "at", "in" or "with" is where an envoy is posted
("Permanent Representative to UNEP"), not the holder's; a minister's, a member's or a legislator's
office is national whatever body it names ("member of PACE").

:meth:`BodyOffices.settle` runs after the countries are filled (``unstated.py``): a person who holds
such an office and no national one keeps only a country the text states (evidence confidence at
least ``KEEP``: "President X (MP, Georgia)", "the Georgian head of the OSCE PA"); a guessed one
goes. The office names a state where a state owns it ("the Holy See's Secretariat of State"): that
state is the holder's country. A caption run into the next line ("... Turkish FMOSCE PA Secretary
General X": the photo's "Turkish FM" glued to "OSCE") gives the demonym before the glued acronym to
someone else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from parleys.extract.extensions import text_of
from parleys.extract.organizations import LEXICON, OrganizationTagger, load_data, name_variants
from parleys.records import Evidence

if TYPE_CHECKING:
    from collections.abc import Iterable

    from parleys.extract.coreference import Mention
    from parleys.extract.gazetteer import Place
    from parleys.extract.titles import TitleHead
    from parleys.records import PersonRecord

KEEP = 0.7  # a country word beside the name (persons.py's hint) or a stated office: the text says it
MAX_ZONE = 30  # tokens of a title phrase on either side of a name
# words inside a title phrase that are not capitalised: "President of the X", "X's representative"
CONNECTORS = frozenset({"of", "the", "for", "on", "'s", "’s", "de", "du", "des", "-", "–", "&"})
# a body after these is where the office is posted or whom it meets, not its owner
POSTED = frozenset({"to", "at", "in", "with", "near", "accredited"})
# offices that are national whatever body they name ("member of PACE", "Minister for EU Affairs")
NATIONAL_BASES = frozenset({"minister", "mp", "head_of_government", "deputy"})
NATIONAL_ROLES = frozenset({"minister", "mp", "head_of_government"})
NATIONAL_HEADS = frozenset({"member", "members"})
# abbreviations that end with a period inside a title phrase ("Rt. Honourable", "Hon. Chief")
ABBREVIATIONS = frozenset("rt hon dr mr mrs ms prof gen col lt maj capt sen rep amb st".split())
_ALL_CAPS = re.compile(r"^[A-Z]{2,}$")
_PREPOSITIONS = re.compile(r"\b(?:for|of|on)\b")


@dataclass(frozen=True, slots=True)
class BodyOffice:
    """A person's office of an international body, as a token range of the doc."""

    start: int
    end: int
    body: str  # the body's registry code or the written name
    country: str | None = None  # the state that owns the office ("the Holy See's Secretariat")
    before: bool = False  # written before the name ("the UK's Senior Adviser X"), not after it


class BodyOffices:
    """Which persons hold an office of an international body (:meth:`holders`), and their countries
    settled accordingly (:meth:`settle`)."""

    def __init__(self, nlp: Language) -> None:
        self.tagger = OrganizationTagger.shared(nlp)
        data = load_data(LEXICON)
        # registry names with "for", "of" and "on" as one ("Office of Democratic Institutions")
        loose: dict[str, str] = {}
        for org in data["organizations"]:
            for name in org.get("names", ()):
                for form in name_variants(name):
                    if len(form.split()) >= 3 and _PREPOSITIONS.search(form.lower()):
                        loose.setdefault(_loosened(form), org["code"])
        self.loose = loose
        self.loose_re = re.compile(r"(?<!\w)(?:" + _by_first_word(loose) + r")(?!\w)") if loose else None
        # offices that only one body has: "High Commissioner on National Minorities" (OSCE), as whole
        # words, a hyphen read as a space ("Secretary-General", "Secretary General")
        self.offices = [
            (re.compile(r"(?<!\w)" + re.escape(_folded(office["office"])) + r"(?!\w)"), office["of"])
            for office in data.get("offices", ())
        ]
        # strong acronyms of three letters or more, for captions glued to the text ("MFAOSCE")
        acronyms: dict[str, str] = {}
        for org in data["organizations"]:
            for acr in org.get("acronyms", ()):
                if len(acr) >= 3 and acr.isalpha() and acr.isupper():
                    acronyms[acr] = org["code"]
        self.acronyms = acronyms
        # word (by its hash) -> the acronym glued at its end or None: the words seen so far
        self._glued_at: dict[int, str | None] = {}
        # an assembly's short form ("PA") stands for it where the article names it in full
        self.shorts: list[tuple[str, str, tuple[str, ...]]] = []
        orgs = {o["code"]: o for o in data["organizations"]}
        for assembly in data.get("assemblies", ()):
            parent = orgs.get(assembly.get("of", ""))
            if parent is None:
                continue
            forms = [
                f"{acr} {short}" for acr in parent.get("acronyms", ()) for short in assembly.get("short", ())
            ]
            forms += [
                f"{base} {kind}" for base in parent.get("acronyms", ()) for kind in assembly.get("kinds", ())
            ]
            forms += list(assembly.get("names", ()))
            for short in assembly.get("short", ()):
                self.shorts.append((short, assembly["code"], tuple(f.lower() for f in forms)))

    def holders(
        self,
        doc: Doc,
        mentions: list[Mention],
        heads: list[TitleHead],
        places: list[Place],
        bodies: list[tuple[int, int, str]] | None = None,
    ) -> dict[str, BodyOffice]:
        """Person key -> the office of an international body some mention of theirs holds
        (``bodies``: :meth:`bodies`' answer, when the caller has it)."""
        if bodies is None:
            bodies = self.bodies(doc)
        head_at: dict[int, TitleHead] = {}
        for h in heads:
            for i in range(h.start, h.end):
                head_at[i] = h
        person_at: dict[int, str] = {}
        for m in mentions:
            if m.person is not None:
                for i in range(m.start, m.end):
                    person_at[i] = m.person
        state_at = {p.start: p for p in places if p.kind in ("country", "demonym")}
        found: dict[str, BodyOffice] = {}
        for m in mentions:
            if m.person is None or m.person in found:
                continue
            for (start, end), before in (
                (_zone_before(doc, m, head_at, person_at), True),
                (_zone_after(doc, m, head_at, person_at), False),
                *((zone, zone[1] <= m.start) for zone in _office_zone(doc, m)),
            ):
                office = self._office_in(doc, start, end, bodies, head_at, state_at)
                if office is not None:
                    found[m.person] = replace(office, before=before)
                    break
        for person, office in _bare_holders(doc, mentions, heads, places, bodies, person_at).items():
            found.setdefault(person, office)
        return found

    def settle(
        self,
        doc: Doc,
        records: list[PersonRecord],
        mentions: list[Mention],
        heads: list[TitleHead],
        places: list[Place],
    ) -> None:
        """Countries of the holders of international bodies' offices: the state that owns the office,
        else the country the text states, else none (in place)."""
        bodies = self.bodies(doc)
        found = self.holders(doc, mentions, heads, places, bodies)
        offices: dict[str, list] = {}
        for m in mentions:
            if m.person is not None and m.office is not None:
                offices.setdefault(m.person, []).append(m.office)
        for rec in records:
            office = found.get(rec.key)
            ev = rec.evidence.get("country")
            said = rec.evidence.get("title")
            glued = said is not None and self._glued_owner(said.text)
            if office is None and not glued:
                continue
            if office is not None and office.country is not None:
                # an office that looked international, or a guess the title before the name
                # corrects ("the UK's Senior Adviser X"); not an apposition after it, which a
                # headline's list of names imitates ("A, B's president talk")
                if rec.country is None or (office.before and (ev is None or ev.confidence < KEEP)):
                    span = doc[office.start : office.end]
                    rec.country = office.country
                    rec.evidence["country"] = Evidence(span.start_char, span.end_char, span.text, 0.8)
                continue
            if rec.country is None:
                continue
            if glued and ev is not None and said is not None and (ev.start, ev.end) == (said.start, said.end):
                pass  # the country word belongs to the caption before the glued acronym
            elif ev is not None and ev.confidence >= KEEP:
                continue  # "President X (MP, Georgia)": the text gives the national office
            if any(self._national(o, doc, bodies) for o in offices.get(rec.key, ())):
                continue  # a national office the text names besides: "Speaker of the Mazhilis"
            rec.country = None
            rec.evidence.pop("country", None)

    # --- bodies ------------------------------------------------------------------------------------

    def bodies(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, body) of every international body the doc names, by token."""
        out: list[tuple[int, int, str]] = []
        named_codes: set[str] = set()
        spans = self.tagger.find_once(doc)  # the organizations component reuses them
        for span in spans:
            code, kind, _ = self.tagger.labels[span.label]
            if kind != "weak":
                named_codes.add(code)
        for span in spans:
            code, kind, _ = self.tagger.labels[span.label]
            if kind == "weak" and code not in named_codes:
                continue  # a short acronym counts where the article names its body another way
            out.append((span.start, span.end, code or span.text))
        text = text_of(doc)
        lowered = text.lower()
        # the tokens' texts by hash, read in one array: the passes below look at no Token object
        orths: list[int] = doc.to_array(ORTH).tolist() if len(doc) else []
        for short, code, forms in self.shorts:
            if any(f in lowered for f in forms):
                wanted = get_string_id(short)
                out.extend((i, i + 1, code) for i, orth in enumerate(orths) if orth == wanted)
        if self.loose_re is not None:
            for match in self.loose_re.finditer(lowered):
                named = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if named is not None:
                    out.append((named.start, named.end, self.loose[_loosened(match.group(0))]))
        glued_at = self._glued_at
        strings = doc.vocab.strings
        for i, orth in enumerate(orths):  # "MFAOSCE": a caption glued to the acronym of the next line
            if orth in glued_at:
                acr = glued_at[orth]
            else:
                acr = glued_at[orth] = self._glued_acronym(strings[orth])
            if acr is not None:
                out.append((i, i + 1, self.acronyms[acr]))
        return out

    def _glued_acronym(self, word: str) -> str | None:
        """The registry acronym a capitals-only token ends with, after two capitals or more of
        something else ("MFAOSCE" -> "OSCE"); ``None`` for a token that is itself an acronym."""
        if not _ALL_CAPS.match(word) or word in self.acronyms:
            return None
        for k in range(2, len(word) - 2):
            if word[k:] in self.acronyms:
                return word[k:]
        return None

    def _glued_owner(self, title: str) -> bool:
        """Whether a title holds a glued acronym with words before it ("Turkish FMOSCE PA Secretary
        General"): those words end the line before, a caption, not this office."""
        words = title.split()
        return any(k > 0 and self._glued_acronym(w) is not None for k, w in enumerate(words))

    def _national(self, office, doc: Doc, bodies: list[tuple[int, int, str]]) -> bool:
        """An office the text gives with its own national institution ("Speaker of the Mazhilis"), or
        a stated country (not one glued on from a caption): the holder serves a state whatever
        international office they also hold."""
        if office.international:
            return False
        if office.country is not None:
            return not self._glued_owner(office.title)
        if not office.institution:
            return False
        span = doc.char_span(office.start_char, office.end_char, alignment_mode="expand")
        if span is None:
            return False
        return not any(span.start <= b[0] and b[1] <= span.end for b in bodies)

    def _office_in(self, doc, start, end, bodies, head_at, state_at) -> BodyOffice | None:
        """The international body's office that tokens ``start:end`` (a title phrase) give, if any:
        an office head outside a national office, and a body that owns it (not one it is posted to);
        a state that owns the office by a possessive ("the Holy See's") makes it that state's."""
        if start >= end:
            return None
        text = _folded(doc[start:end].text)
        for office, body in self.offices:
            if office.search(text):
                return BodyOffice(start, end, body)
        # the phrase's heads, each at its first token, in text order
        starts = (head_at[i] for i in range(start, end) if i in head_at and head_at[i].start == i)
        zone_heads = [h for h in starts if h.base != "honorific"]
        if not zone_heads or any(
            h.base in NATIONAL_BASES or doc[h.start : h.end].text.lower() in NATIONAL_HEADS
            for h in zone_heads
        ):
            return None
        # a caption glued to an acronym ("Turkish FMOSCE PA ...") ends before it: its places are not
        # this office's
        glued = [i for i in range(start, end) if self._glued_acronym(doc[i].text) is not None]
        states = [state_at[i] for i in range(glued[-1] if glued else start, end) if i in state_at]
        for place in states:
            if place.kind == "country" and place.end < end and doc[place.end].text in ("'s", "’s"):
                return BodyOffice(start, end, place.canonical, country=place.country)
        if any(not _posted(doc, start, place.start, head_at) for place in states):
            return None  # a national qualifier: "President of the Union of X and Chair of the AU"
        for b_start, b_end, body in bodies:
            if not (start <= b_start and b_end <= end) or _posted(doc, start, b_start, head_at):
                continue
            after = [h for h in zone_heads if h.start >= b_end]
            before = [h for h in zone_heads if h.end <= b_start]
            # a body after a head owns it ("President of the X", "Speaker, X Parliament"); one
            # before it only as a compound or possessive ("OSCE PA President", "UNDP's
            # representative"), not across a comma ("At the X summit, President Y")
            if before or (after and not any(doc[k].text == "," for k in range(b_end, after[0].start))):
                return BodyOffice(start, end, body)
        return None


def _bare_holders(doc, mentions, heads, places, bodies, person_at) -> dict[str, BodyOffice]:
    """Persons whose every office is a bare title word ("President X": no country, no institution)
    that the article's nameless descriptors give to an international body and never to a state ("the
    PACE President said", "the President of PACE"): the bare title is that body's office."""
    bare: dict[str, set[str]] = {}
    titled: set[str] = set()
    for m in mentions:
        if m.person is None or m.office is None:
            continue
        o = m.office
        if o.country is not None or o.institution or o.international or o.role_class in NATIONAL_ROLES:
            titled.add(m.person)
        else:
            bare.setdefault(m.person, set()).add(" ".join(o.title.lower().split()))
    if not set(bare) - titled:
        return {}
    body_end = {e: (s, code) for s, e, code in bodies}
    body_start = {s: (e, code) for s, e, code in bodies}
    state = {i for p in places if p.kind in ("country", "demonym") for i in range(p.start, p.end)}
    owned: dict[str, tuple[int, int, str]] = {}  # title word -> a nameless descriptor naming a body
    national: set[str] = set()  # title words some descriptor gives to a state
    for h in heads:
        if h.base in ("honorific", *NATIONAL_BASES):
            continue
        word = doc[h.start : h.end].text.lower()
        after = h.end + 1 if h.end < len(doc) and doc[h.end].lower_ == "of" else None
        if after is not None and after < len(doc) and doc[after].lower_ == "the":
            after += 1
        if h.start - 1 in state or (after is not None and after in state):
            national.add(word)
        nameless = h.end not in person_at and h.end + 1 not in person_at
        if nameless and h.start in body_end:  # "the PACE President said"
            owned.setdefault(word, (body_end[h.start][0], h.end, body_end[h.start][1]))
        elif nameless and after is not None and after in body_start:  # "the President of PACE"
            owned.setdefault(word, (h.start, body_start[after][0], body_start[after][1]))
    out: dict[str, BodyOffice] = {}
    for person, words in bare.items():
        if person in titled or words & national:
            continue
        for word in sorted(words & set(owned)):
            start, end, body = owned[word]
            out[person] = BodyOffice(start, end, body)
            break
    return out


def _folded(text: str) -> str:
    """Lower case, a hyphen read as a space, runs of white space as one space."""
    return " ".join(text.lower().replace("-", " ").split())


def _by_first_word(names: Iterable[str]) -> str:
    """One regular expression for many names, each with "for", "of" and "on" as one, grouped by
    their first word so that a position is tried against one group only (a flat alternation of
    hundreds of names costs every position of the text); the longest name of a group first."""
    groups: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        first, _, rest = name.partition(" ")
        groups.setdefault(first, []).append(_PREPOSITIONS.sub("(?:for|of|on)", re.escape(rest)))
    return "|".join(
        _PREPOSITIONS.sub("(?:for|of|on)", re.escape(first)) + r"\ (?:" + "|".join(rests) + ")"
        for first, rests in groups.items()
    )


def _loosened(text: str) -> str:
    """Lower case with "for" and "on" read as "of"."""
    return _PREPOSITIONS.sub("of", text.lower())


def _posted(doc: Doc, start: int, at: int, head_at: dict[int, TitleHead]) -> bool:
    """Whether the body at token ``at`` follows "to", "at", "in" or "with" (skipping "the") after an
    office word of the phrase ("Representative to UNEP"): a post or a partner, not an owner."""
    i = at - 1
    while i >= start and doc[i].lower_ in ("the", "its", "their"):
        i -= 1
    return i >= start and doc[i].lower_ in POSTED and any(j in head_at for j in range(start, i))


def _inside_name(doc: Doc, i: int) -> bool:
    """Whether the "and" at ``i`` joins two capitalised words of one name ("Office for Democratic
    Institutions and Human Rights", "Heads of State and Government"), not two list items."""
    return 0 < i < len(doc) - 1 and doc[i - 1].text[:1].isupper() and doc[i + 1].text[:1].isupper()


def _sentence_end(doc: Doc, i: int, head_at: dict[int, TitleHead]) -> bool:
    """Whether token ``i`` ends a sentence: a full stop that no abbreviation of a title or an
    honorific ("Rt.", "H.E.", "Hon.") comes before, or a word ending with one."""
    t = doc[i]
    if t.text == ".":
        before = doc[i - 1] if i > 0 else None
        return before is None or not _abbreviation(before, head_at)
    return len(t.text) > 1 and t.text.endswith(".") and not _abbreviation(t, head_at)


def _abbreviation(t, head_at: dict[int, TitleHead]) -> bool:
    word = t.text.rstrip(".").lower()
    return word in ABBREVIATIONS or "." in word or (t.i in head_at and head_at[t.i].base == "honorific")


def _in_phrase(doc: Doc, i: int, m: Mention, head_at, person_at) -> bool:
    """Whether token ``i`` belongs to a title phrase beside the name of ``m``: capitalised words,
    numbers, connectors, commas, brackets and abbreviations' full stops, title words and the
    adjectives before them ("resident representative"), and the prepositions whose body is judged
    later ("counterpart from the OSCE PA", "Representative to UNEP"); not another person's name, a
    verb, a line break, a quotation or the end of a sentence."""
    t = doc[i]
    if i in person_at and person_at[i] != m.person:
        return False
    if "\n" in t.text or t.text in (":", ";", '"', "“", "”", "‘", "’") or _sentence_end(doc, i, head_at):
        return False
    if t.lower_ == "and":
        return _inside_name(doc, i)
    if i in head_at or t.lower_ in CONNECTORS or t.text in (",", "(", ")", "."):
        return True
    if t.text[:1].isupper() or t.like_num or t.lower_ == "from" or t.lower_ in POSTED:
        return True
    return t.is_lower and t.is_alpha and i + 1 in head_at and t.pos_ in ("ADJ", "NOUN", "PROPN")


def _zone_before(doc: Doc, m: Mention, head_at, person_at) -> tuple[int, int]:
    """The title phrase that ends where the name starts (:func:`_in_phrase`), at most ``MAX_ZONE``
    tokens."""
    i = m.start - 1
    stop = max(0, m.start - MAX_ZONE)
    while i >= stop and _in_phrase(doc, i, m, head_at, person_at):
        i -= 1
    return i + 1, m.start


def _zone_after(doc: Doc, m: Mention, head_at, person_at) -> tuple[int, int]:
    """An apposition after the name: ", Chairman of the X (ECOWAS)", "(MP, Georgia)"
    (:func:`_in_phrase`), at most ``MAX_ZONE`` tokens."""
    i = m.end
    if i >= len(doc) or doc[i].text not in (",", "("):
        return m.end, m.end
    i += 1
    stop = min(len(doc), m.end + MAX_ZONE)
    while i < stop and _in_phrase(doc, i, m, head_at, person_at):
        i += 1
    if i < len(doc) and i in person_at and person_at[i] != m.person:
        return m.end, m.end  # "A, the Speaker of X B": the next name's title, a list, not A's
    return m.end + 1, i


def _office_zone(doc: Doc, m: Mention) -> list[tuple[int, int]]:
    """The tokens of the mention's own office, where it is written apart from the name."""
    if m.office is None:
        return []
    span = doc.char_span(m.office.start_char, m.office.end_char, alignment_mode="expand")
    return [(span.start, span.end)] if span is not None else []
