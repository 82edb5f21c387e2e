"""Groups of persons that travel or act together, and their countries.

A delegation, a team or a mission that a country word owns ("the Kenyan delegation", "the
delegation of Kenya") or whose leader's office states a country gives that country to the members
the article lists ("the delegation included A and B", a roster after a colon, one member a line);
whoever receives or meets such a group is not one of its members. Used by ``unstated``.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from parleys.extract.extensions import lowers_of
from parleys.extract.gazetteer import Place
from parleys.records import Evidence, PersonRecord

if TYPE_CHECKING:
    from parleys.extract.coreference import Mention

# prepositions whose object is a partner of the person's office, never the person's own country
PARTNER_PREPOSITIONS = frozenset({"with", "to", "towards", "toward", "between", "against"})

_WORDS = json.loads(resources.files("parleys.data").joinpath("groups.json").read_text("utf-8"))

# a body of persons that travels or acts together; its members share its country
GROUP_NOUNS = frozenset(_WORDS["group_nouns"])
# words that list a group's members: "the delegation includes A", "consisted of", "comprising"
MEMBERSHIP_LEMMAS = frozenset(_WORDS["membership_lemmas"])
LEAD_WORDS = frozenset(_WORDS["lead_words"])
HEAD_WORDS = frozenset(_WORDS["head_words"])
# words besides adjectives between a leader (or "his") and the group noun: "A's high-level delegation"
GROUP_MODIFIERS = frozenset({"high-level", "parliamentary"})
# verbs of a contact between two parties: "A received the delegation", "the delegation met A"
CONTACT_LEMMAS = frozenset(_WORDS["contact_lemmas"])
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
BE_FORMS = frozenset({"is", "was", "are", "were", "be", "will", "shall", "would", "has", "have", "had"})


def group_members(
    doc: Doc, mentions: list[Mention], places: list[Place]
) -> list[tuple[Place | None, list[str], list[str]]]:
    """The groups an article lists, each as (the country word that qualifies it, its leaders, its
    members): "the Kenyan delegation included A and B", "a delegation led by A, which comprised B
    and C", "the delegation of Kenya including A", "the friendship group of the Kenyan parliament,
    chaired by A", "Head of the Kenyan delegation A", "A led a delegation". A country after "with"
    or "to" is the group's partner or destination, never its own. The list runs to the end of the
    sentence (over the lines of a roster after a colon), and stops at a clause of its own (a finite
    verb) or at the next group."""
    place_at = _owner_places(places)
    named = sorted((m for m in mentions if m.person is not None), key=lambda m: m.start)
    starts = {m.start: m for m in named}
    in_names = {i for m in named for i in range(m.start, m.end)}
    groups_at = [i for i, w in enumerate(lowers_of(doc)) if w in GROUP_NOUNS]
    out: list[tuple[Place | None, list[str], list[str]]] = []
    last: dict[str, tuple[Place | None, list[str]]] = {}  # the latest group of each noun with an owner
    for n, g in enumerate(groups_at):
        sent = doc[g].sent
        # the next group in lower case opens a list of its own; a capitalised one is a name inside
        # a member's title ("Leader of the Working Group for ...")
        following = next((k for k in groups_at[n + 1 :] if doc[k].text.islower()), len(doc))
        owner = _group_owner(doc, g, place_at)
        leaders = _group_leaders(doc, g, named, starts, following)
        cue = _membership_cue(doc, g, min(following, sent.end))
        members: list[str] = []
        if cue is not None:
            end = _roster_end(doc, cue, sent.end, named)
            checked = cue + 1  # the tokens before it hold no finite verb outside a name
            for m in named:
                if m.start <= cue or m.start >= min(end, following):
                    continue
                if any(doc[k].tag_ in FINITE_TAGS and k not in in_names for k in range(checked, m.start)):
                    break
                checked = max(checked, m.start)
                members.append(m.person)  # type: ignore[arg-type]
        noun = doc[g].lower_.rstrip("s")
        if owner is None and not leaders and g > 0 and doc[g - 1].lower_ in ("the", "this", "our"):
            # "the delegation will consist of A, B": the group the article introduced before
            owner, leaders = last.get(noun, (None, []))
        elif owner is not None or leaders:
            last[noun] = (owner, leaders)
        if owner is not None or leaders or members:
            out.append((owner, leaders, members))
    return out


def _owner_places(places: list[Place]) -> dict[int, Place]:
    """The places that can own a group (a country, its demonym, a national institution), by token."""
    return {
        i: p
        for p in places
        if p.kind in ("country", "demonym", "institution") and p.country
        for i in range(p.start, p.end)
    }


def _group_owner(doc: Doc, g: int, place_at: dict[int, Place]) -> Place | None:
    """The country word that owns the group at token ``g``: right before it ("the Kenyan
    (parliamentary) delegation", "the Milli Majlis delegation") or after "of"/"from" ("the
    delegation of Kenya", "the group of the National Assembly of Kenya")."""
    for i in range(g - 1, max(-1, g - 4), -1):
        if i in place_at:
            return place_at[i]
        if not (doc[i].pos_ == "ADJ" and doc[i].text.islower()):
            break  # "the Kenyan parliamentary delegation", not "the Kenya Support Group" (a subject)
    if g + 1 < len(doc) and doc[g + 1].lower_ in ("of", "from"):
        for i in range(g + 2, min(len(doc), g + 9)):
            if doc[i].lower_ in PARTNER_PREPOSITIONS or doc[i].is_punct or doc[i].tag_ in FINITE_TAGS:
                break
            if i in place_at:
                return place_at[i]
    return None


def _group_modifier(t: Token) -> bool:
    """A word that may stand between a leader and the group noun: an adjective or a group modifier."""
    return t.pos_ == "ADJ" or t.lower_ in GROUP_MODIFIERS


def _group_leaders(
    doc: Doc, g: int, named: list[Mention], starts: dict[int, Mention], following: int
) -> list[str]:
    """Who leads the group at token ``g``: "the delegation (which was) led by [title] A", "A led a
    (Kenyan) delegation", "A's delegation", "Head of the (Kenyan) delegation(,) A"."""
    out: list[str] = []
    # "led by [title] A (and [title] B)": the lead word in the group's clause, then "by"
    for i in range(g + 1, min(len(doc), g + 24, following)):
        if doc[i].is_sent_start or doc[i].text in (";", ":"):
            break
        if doc[i].lower_ in LEAD_WORDS and i + 1 < len(doc) and doc[i + 1].lower_ == "by":
            at = i + 1
            for m in named:
                if m.start <= at:
                    continue
                gap = doc[at + 1 : m.start]
                if (
                    m.start >= following
                    or m.start - at > 12
                    or any(
                        t.is_sent_start
                        or t.text in (";", ":")
                        or t.tag_ in FINITE_TAGS
                        or t.lower_ in GROUP_NOUNS
                        for t in (*gap, doc[m.start])
                    )
                ):
                    break
                if at > i + 1 and not any(t.lower_ in ("and", ",", "&") for t in gap):
                    break  # the leaders are a list: "chaired by A and B"
                out.append(m.person)  # type: ignore[arg-type]
                at = m.end - 1
            break
        if doc[i].tag_ in FINITE_TAGS and doc[i].lower_ not in BE_FORMS:
            break
    # "A led a delegation", "A headed the Kenyan parliamentary delegation"
    for m in named:
        if g - 8 <= m.end < g and m.end < len(doc) and doc[m.end].lower_ in LEAD_WORDS:
            between = doc[m.end + 1 : g]
            if all(
                t.lower_ in ("a", "an", "the")
                or t.lower_ in GROUP_MODIFIERS
                or t.ent_type_
                or t.pos_ in ("ADJ", "PROPN")
                for t in between
            ):
                out.append(m.person)  # type: ignore[arg-type]
    # "Speaker A's delegation", "A's parliamentary delegation": the possessor leads it
    for m in named:
        if m.end < g <= m.end + 3 and doc[m.end].text in ("'s", "’s"):
            between = doc[m.end + 1 : g]
            if all(_group_modifier(t) for t in between):
                out.append(m.person)  # type: ignore[arg-type]
    # "His delegation included A": the person the pronoun points back to, the last one named as a
    # subject before it (else the last one named), within the sentence before
    k = g - 1
    while k > 0 and _group_modifier(doc[k]):
        k -= 1
    if k >= 0 and doc[k].lower_ in ("his", "her") and doc[k].dep_ == "poss":
        start = doc[k].sent.start
        if start > 0:
            start = doc[start - 1].sent.start
        before = [m for m in named if start <= m.start and m.end <= k]
        subjects = [m for m in before if doc[m.end - 1].dep_ in ("nsubj", "nsubjpass")]
        if subjects or before:
            out.append((subjects or before)[-1].person)  # type: ignore[arg-type]
    # "Head of the Kenyan delegation A", "the leader of the delegation, A"
    k = g + 1 + (g + 1 < len(doc) and doc[g + 1].text == ",")
    head = next((doc[i] for i in range(g - 1, max(-1, g - 6), -1) if doc[i].lower_ in HEAD_WORDS), None)
    if head is not None and head.i + 1 < len(doc) and doc[head.i + 1].lower_ == "of" and k in starts:
        out.append(starts[k].person)  # type: ignore[arg-type]
    return out


def _membership_cue(doc: Doc, g: int, stop: int) -> int | None:
    """The token that opens the list of the group at ``g``'s members: "includes", "including",
    "consisted of", "comprised", "is composed of", "made up of", within the group's own clause."""
    for i in range(g + 1, min(stop, g + 14)):
        t = doc[i]
        if t.lemma_.lower() in MEMBERSHIP_LEMMAS or t.lower_ in ("including", "comprising", "consisting"):
            k = i + 1
            while k < len(doc) and (
                doc[k].is_space
                or doc[k].lower_ in ("of", "the", "following", "members", ":", "as", "follows")
            ):
                k += 1
            return k - 1
        if t.lower_ == "made" and i + 1 < len(doc) and doc[i + 1].lower_ == "up":
            return i + 1 + (i + 2 < len(doc) and doc[i + 2].lower_ == "of")
        if t.lower_ in LEAD_WORDS:
            continue  # "the delegation led by A comprised B and C"
        if t.tag_ in FINITE_TAGS and t.lower_ not in BE_FORMS:
            return None
    return None


def _roster_end(doc: Doc, cue: int, sent_end: int, named: list[Mention]) -> int:
    """Where a list of members that starts after ``cue`` ends: the end of its sentence, or, for a
    roster set out after a colon one member a line, the end of the last line that names someone
    or carries on the line before (in lower case)."""
    first = next((m.start for m in named if m.start > cue), len(doc))
    colon = next((t.i for t in doc[max(0, cue - 3) : first] if t.text == ":"), None)
    if colon is None or not any("\n" in t.text for t in doc[colon:first] if t.is_space):
        return sent_end
    starts = {m.start for m in named}
    end = cue + 1
    i = cue + 1
    while i < len(doc):
        line_end = next((k for k in range(i, len(doc)) if doc[k].is_space and "\n" in doc[k].text), len(doc))
        words = [t for t in doc[i:line_end] if not t.is_space]
        if words and not (any(t.i in starts for t in words) or words[0].text[:1].islower()):
            break
        end = line_end
        if line_end < len(doc) and "\n\n" in doc[line_end].text:
            break  # a blank line closes the roster
        i = line_end + 1
    return max(end, sent_end) if end > cue + 1 else sent_end


MEMBER = 0.5  # evidence confidence of a country a group's owner or leader gives its members


def group_countries(
    doc: Doc,
    groups: list[tuple[Place | None, list[str], list[str]]],
    records: list[PersonRecord],
    stated: dict[str, str],
) -> tuple[dict[str, tuple[str, Evidence]], list[tuple[list[str], list[str]]]]:
    """Each listed person's country from their group: the country word that owns the group, else
    the one country its leaders' offices state (with that office as evidence). Groups with neither
    come back apart, (leaders, members), for their members to follow the leader's country once the
    other rules have placed the leader."""
    by_key = {r.key: r for r in records}
    out: dict[str, tuple[str, Evidence]] = {}
    unowned: list[tuple[list[str], list[str]]] = []
    for owner, leaders, members in groups:
        if owner is not None:
            span = doc[owner.start : owner.end]
            found = (owner.country, Evidence(span.start_char, span.end_char, span.text, MEMBER))
            for key in (*leaders, *members):
                out.setdefault(key, found)
            continue
        countries = {stated[k] for k in leaders if k in stated}
        if len(countries) != 1:
            if leaders and members:
                unowned.append((leaders, members))
            continue
        country = countries.pop()
        lead = next(k for k in leaders if stated.get(k) == country)
        said = by_key[lead].evidence.get("country") if lead in by_key else None
        ev = (
            Evidence(said.start, said.end, said.text, MEMBER)
            if said is not None
            else Evidence(0, 0, "", MEMBER)
        )
        for key in members:
            out.setdefault(key, (country, ev))
    return out, unowned


def share_leaders_country(records: list[PersonRecord], groups: list[tuple[list[str], list[str]]]) -> None:
    """A group whose country nothing but its leader gives: members guessed weaker than a group
    membership (the article's most named country, a side) take the leader's country."""
    by_key = {r.key: r for r in records}
    for leaders, members in groups:
        found = {by_key[k].country for k in leaders if k in by_key and by_key[k].country}
        if len(found) != 1:
            continue
        country = found.pop()
        lead = next(by_key[k] for k in leaders if k in by_key and by_key[k].country == country)
        said = lead.evidence["country"]
        for key in members:
            rec = by_key.get(key)
            if rec is None or rec is lead:
                continue
            ev = rec.evidence.get("country")
            if rec.country is None or (ev is not None and ev.confidence < MEMBER and rec.country != country):
                rec.country = country
                rec.evidence["country"] = Evidence(
                    said.start, said.end, said.text, min(said.confidence, MEMBER - 0.01)
                )


NAME_PHRASE_DEPS = frozenset({"pobj", "prep", "compound", "appos", "flat", "conj", "nmod"})


def facing_groups(doc: Doc, mentions: list[Mention], places: list[Place]) -> dict[str, set[str]]:
    """The countries of the groups each person faces in a contact, by the parse: the person is the
    subject and a group that a country owns the object ("A received the delegation of Kenya", "A and
    B posed with members of the Kenyan delegation"), or the other way round ("the Kenyan delegation
    met A"). Whoever receives or meets a group is not one of its members, so not of its country."""
    place_at = _owner_places(places)
    owned = {}
    for i, w in enumerate(lowers_of(doc)):
        if w in GROUP_NOUNS:
            owner = _group_owner(doc, i, place_at)
            if owner is not None:
                owned[i] = owner.country
    if not owned:
        return {}
    out: dict[str, set[str]] = {}
    for m in mentions:
        if m.person is None:
            continue
        tok = doc[m.start : m.end].root
        # up through the name's own noun phrase: "the Speaker of the Parliament A received",
        # "A and B received" (the first conjunct is the subject)
        for _ in range(6):
            if tok.dep_ in ("nsubj", "nsubjpass", "dobj") or tok.head.i == tok.i:
                break
            if tok.head.pos_ not in ("NOUN", "PROPN", "ADP") or tok.dep_ not in NAME_PHRASE_DEPS:
                break
            tok = tok.head
        verb = tok.head
        if verb.i == tok.i or verb.lemma_.lower() not in CONTACT_LEMMAS:
            continue
        if tok.dep_ in ("nsubj", "nsubjpass"):
            other = [c for c in verb.children if c.dep_ in ("dobj", "prep", "dative", "attr")]
        elif tok.dep_ == "dobj" or (tok.dep_ == "pobj" and tok.head.lower_ == "with"):
            if tok.dep_ == "pobj":
                verb = tok.head.head
            other = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        else:
            continue
        for side in other:
            if side.dep_ == "prep" and side.lower_ not in ("with", "on", "to", "by"):
                continue
            found = {owned[x.i] for x in side.subtree if x.i in owned}
            if found:
                out.setdefault(m.person, set()).update(found)
    return out


def led_by_owner(doc: Doc, mentions: list[Mention], places: list[Place]) -> dict[str, tuple[str, Evidence]]:
    """Persons that lead a body a country owns, by the parse: "Mexico's ruling coalition led by
    President A", "the government of Kenya, headed by A", "the Ghanaian side led by A and B" -> each
    leader's key: (the owner's country, the country word as evidence). Any noun the participle of
    leading modifies counts, not only a group noun; the owner is found as ``_group_owner`` finds a
    group's, or is the noun's possessor."""
    place_at = _owner_places(places)
    out: dict[str, tuple[str, Evidence]] = {}
    for m in mentions:
        if m.person is None:
            continue
        tok = doc[m.start : m.end].root
        for _ in range(12):
            if tok.dep_ in ("compound", "flat", "appos", "conj") and tok.head.i != tok.i:
                tok = tok.head  # up from a name to its title, and from a listed leader to the first
            else:
                break
        by = tok.head
        if tok.dep_ != "pobj" or by.lower_ != "by" or by.head.lower_ not in LEAD_WORDS:
            continue
        lead = by.head
        if lead.dep_ not in ("acl", "relcl", "amod") or lead.head.i == lead.i:
            continue
        body = lead.head
        # the country word before the noun or after its "of" (not one inside a name: "the Ghana
        # Support Group" supports Ghana), or its possessor ("Mexico's ruling coalition")
        owner = _group_owner(doc, body.i, place_at) or next(
            (place_at[c.i] for c in body.children if c.dep_ == "poss" and c.i in place_at), None
        )
        if owner is not None:
            span = doc[owner.start : owner.end]
            out.setdefault(
                m.person, (owner.country, Evidence(span.start_char, span.end_char, span.text, MEMBER))
            )
    return out
