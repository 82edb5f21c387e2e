"""Offices: find title heads in a Doc and interpret a title phrase as role, country, institution.

A title phrase is the run of title words, institution words, countries and connectors that
stands before a name ("Speaker of the Senate of the Kazakh Parliament Bolat Omarov") or
after it as an apposition ("Li Wen, chairman of the National People's Congress").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from parleys.extract.chambers import PARTNER_WORDS, ChamberOwners
from parleys.extract.extensions import lowers_of
from parleys.extract.gazetteer import Place
from parleys.extract.phrase_table import PhraseTable, plain_words
from parleys.extract.shared import once
from parleys.extract.vocabulary import TitleVocabulary, head_noun

CONNECTORS = frozenset(
    {
        "of",
        "the",
        "to",
        "for",
        "and",
        "on",
        "in",
        "at",
        "with",
        "within",
        "'s",
        "’s",
        "’",  # a plural's possessive: "the United Arab Emirates’ Federal National Council"
        "'",
        "-",
        "(",
        ")",
        "&",
        '"',
        "“",
        "”",
        "«",
        "»",
    }
)


@dataclass(frozen=True, slots=True)
class TitleHead:
    start: int
    end: int
    base: str  # base role from titles.json heads


@dataclass(slots=True)
class Office:
    """An office as the text gives it."""

    role_class: str
    country: str | None
    title: str  # the phrase as written, e.g. "Speaker of the Grand National Assembly of Türkiye"
    institution: str | None
    start_char: int
    end_char: int
    confidence: float
    former: bool = False
    international: bool = False  # an office of an international body: no country by context
    plural: bool = False  # "deputies", "Members of the Bundestag": a list of names shares it


NAME_LINKS = frozenset({"bin", "ibn", "bint", "binti", "ben", "abu", "al", "el"})
# honorifics that a given name follows, never an office: "Prince Sultan bin Saad", "Sheikh Amir"
NAME_BEFORE = frozenset({"prince", "princess", "sheikh", "sheikha"})


class TitleFinder:
    def __init__(
        self,
        vocab,
        vocabulary: TitleVocabulary,
        make_doc,
        chambers: ChamberOwners | None = None,
        tokenizer: Tokenizer | None = None,
    ) -> None:
        """``make_doc`` tokenizes the heads; with the pipeline's ``tokenizer`` as well, heads of
        plain words are split without it (:class:`~parleys.extract.phrase_table.PlainWords`: the
        same tokens)."""
        plain = plain_words(tokenizer)
        self.v = vocabulary
        self.chambers = chambers or ChamberOwners.shipped()  # who owns a "Senate", a "House of Commons"
        self._head_words = frozenset(h for h in vocabulary.heads if " " not in h)  # "chairman Senate"
        # a body's name between spaces (" council of europe "): looked up by its run of words
        self.matcher = PhraseTable(lower=True)
        for head in vocabulary.heads:
            variants = {head, head.capitalize(), head.title()}
            self.matcher.add_texts(head, variants, make_doc, plain)
        self.matcher.finish(vocab)

    @classmethod
    def shipped(cls, nlp: Language) -> TitleFinder:
        """The finder of the shipped vocabulary and chambers, built once per pipeline: the persons
        steps (mentions, records) each read offices with it."""
        return once(
            nlp,
            (cls, "shipped"),
            lambda: cls(nlp.vocab, TitleVocabulary.load(), nlp.make_doc, tokenizer=nlp.tokenizer),
        )

    def heads(self, doc: Doc) -> list[TitleHead]:
        hits = sorted(self.matcher(doc), key=lambda h: (-(h[2] - h[1]), h[1]))
        taken = bytearray(len(doc))
        out = []
        for key, start, end in hits:
            if any(taken[start:end]) or self._in_institution_name(doc, start, end):
                continue
            if (
                start >= 1
                and doc[start - 1].lower_ in NAME_LINKS | NAME_BEFORE
                and doc[start].text[:1].isupper()
            ):
                continue  # "Mohammed bin Sultan Al Jaber", "Prince Sultan": a name, not the office of sultan
            taken[start:end] = b"\x01" * (end - start)
            out.append(TitleHead(start, end, self.v.heads[key]))
        out.sort(key=lambda h: h.start)
        return out

    def _in_institution_name(self, doc: Doc, start: int, end: int) -> bool:
        """ "House of Representatives", "Chamber of Deputies": a head word inside a chamber's name;
        and "representatives" in lower case is not an office."""
        low = doc[start:end].text.lower()
        if low.startswith("representative") and doc[start].text[:1].islower():
            # "representatives of the business community" is no office; "representatives Jane Doe, ..." is
            return end >= len(doc) or not doc[end].text[:1].isupper()
        return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in self.v.parliament

    def interpret(
        self, doc: Doc, head: TitleHead, start: int, end: int, places: list[Place], *, confidence: float
    ) -> Office:
        """Role, country and institution of the title phrase ``doc[start:end]`` governed by ``head``."""
        lowers = lowers_of(doc)
        words = list(lowers[start:end])
        joined = " " + " ".join(words) + " "
        word_set = frozenset(words)
        inside = [p for p in places if p.start >= start and p.end <= end]
        base = _ranked(head.base, list(lowers[start : head.start]))

        def has(group: frozenset[str]) -> bool:
            """A word of the group, or its plural in -s, is a word of the phrase."""
            singles, phrases = _group_forms(group)
            return not singles.isdisjoint(word_set) or any(
                f" {w} " in joined or f" {w}s " in joined for w in phrases
            )

        # an international body's own acronym or name ("EU Delegation", "OSCE PA") outweighs the
        # committee words that national bodies share ("Committee on Finance and Budget")
        # the phrase as written too: a hyphenated word of a body's name ("Co-operation") is three tokens
        written = " " + doc[start:end].text.lower() + " "
        registered = any(t.text in self.v.body_acronyms for t in doc[start:end]) or (
            self.v.names_a_body(joined, countries=False) or self.v.names_a_body(written, countries=False)
        )
        international = (
            any(w in self.v.international for w in words)
            or registered
            or (has(self.v.organization) and not has(self.v.committee) and not has(self.v.parliament))
        ) and not any(
            p.kind in ("country", "institution", "demonym")
            for p in _own_places(doc, inside, start, end, posted=registered)
        )
        # "the House Committee for Inter-Parliamentary Cooperation": a chamber's own committee whose
        # subject is international, not an international body
        if not registered and has(self.v.committee) and has(self.v.parliament):
            international = False
        if international and _subject_only(words, self.v):
            international = False  # "Committee on CIS Affairs": an international subject, not owner
        # "at the Foreign and Commonwealth Office": a government body only one country has
        body = next((c for name, c in self.v.body_countries.items() if f" {name} " in joined), None)
        international = international and body is None
        # a foundation, news agency or company with no international marker is a national, non-state body
        civil = has(self.v.civil) and not any(w in self.v.international for w in words)
        international = international and not civil
        # "Parliament of the TRNC": a place with no ISO code, so no country to guess from context
        stateless = any(p.kind == "region" for p in inside) and not any(
            p.kind in ("country", "institution") for p in inside
        )
        if (
            doc[head.start : head.end].text.lower() in self.v.international_heads
            and not inside
            and end - start <= head.end - head.start + 1
        ):
            international = True  # a bare "Secretary General X" serves an international body
        parliament = has(self.v.parliament) or any(p.kind == "institution" for p in inside)
        # "Chairman of the Standing Committee of the National People's Congress" chairs the parliament
        committee = has(self.v.committee) and not _parliament_standing_committee(joined, self.v.parliament)
        # "National Council of Provinces": a body of regions (a plural) is a chamber, not a region's
        # executive; only the singular ("Governor of the Province") makes one
        executive = any(
            f" {w} " in joined or (w not in self.v.subnational and f" {w}s " in joined)
            for w in self.v.executive
        )
        party = has(self.v.party)
        organization = has(self.v.organization) or (
            base == "president" and _unknown_acronym(doc, head, start, end, inside, self.v)
        )
        # "Chairperson on International Relations", "Chair for Budget": a chair of a subject, not of a
        # body, holds a committee's or a portfolio's chair
        after_head = doc[head.end].lower_ if head.end < end else ""
        head_text = doc[head.start : head.end].text.lower()
        committee = committee or (after_head in ("on", "for", ":") and base in ("chair", "deputy_chair"))
        role = _role(
            base,
            parliament=parliament,
            committee=committee,
            executive=executive,
            party=party,
            organization=organization,
            international=international,
            has_country=any(p.kind in ("country", "demonym") for p in inside),
        )
        if base in IN_CHAMBER_BASES and not international and _in_chamber_only(words, self.v.parliament):
            role = "mp"  # "Leader of the X Party in the Senate": heads a group in a chamber, not the chamber
        if (
            role in ("head_of_government", "head_of_state")
            and base not in ("head_of_state",)
            and has(self.v.subnational)
        ):
            role = "official"  # "Premier of Gauteng Province", "President of the X Oblast": a region's
        bare = end - start <= head.end - head.start + 1 and not inside
        if bare and base in ("president", "chair", "head"):
            # a bare "President X" or "Chairman X": the role is read from the kind of news, a guess
            # that an office the text states for the same person outweighs
            confidence = min(confidence, 0.8)
        if role == "ambassador" and after_head in ("on", "for") and "commissioner" in head_text:
            role = "official"  # "High Commissioner on National Minorities": a subject's, not a post's
        if role == "other" and doc[head.start : head.end].text.lower() == "representative":
            if international or executive or organization or after_head in ("on", "for"):
                role = "official"  # "UN Representative in X", "representative of the ministry"
            elif end - start == head.end - head.start and doc[head.start].text[:1].isupper():
                role = "mp"  # a bare "Representative X": a member of a House of Representatives
        if role == "head_of_state" and head_text == "queen" and _consort(doc, head):
            role = "other"  # "King A and Queen B": the king's consort, not a head of state
        if role == "official" and civil and not (executive or parliament):
            role = "other"  # "head of the Turan Foundation", "Director of a news agency": no state office
        agent = _agent(doc, head.start, self.v.agents) if head.start > start else None
        agent = agent or _agent(doc, start, self.v.agents)
        if agent is not None:
            role = agent  # "the representative of the Speaker of X, Y": Y represents the Speaker
        own = _own_places(doc, inside, start, end, posted=international and registered)
        if has(self.v.committee):
            # "head of the working group on Italy-Azerbaijan ties": the countries of a committee's
            # subject are not its member's
            subject = _subject_start(words, self.v)
            if subject is not None:
                # the subject runs to the body's own "of" ("Committee on X Cooperation of the Y Parliament")
                close = next((k for k in range(subject + 1, len(words)) if words[k] == "of"), len(words))
                own = [p for p in own if not start + subject < p.start < start + close]
        country = None if international and role == "official" else _country(doc, own, start, end)
        if country is None and not international and parliament:
            owners = self.chambers.named_owners(doc, start, end, places, self._head_words)
            if len(owners) < 2:
                # (where the article names two countries with such a chamber, one of them named with
                # its country elsewhere is as likely the other one: "the Chairman of the Shura Council
                # visits Qatar at the invitation of the Chairman of the Qatari Shura Council")
                country = _named_institution_country(doc, start, end, places)
            # "Speaker of the People's Assembly (Parliament of Abkhazia)": a place with no ISO code
            # names the chamber's owner, though ISO lists it as a division; no shared name's owner either
            if country is None and not stateless:
                country = (
                    # "Speaker of the Legislative Assembly in British Columbia": a province's chamber
                    _city_country(doc, inside, after=("of", "in"))
                    or self.chambers.province_country(doc, start, end)
                    # "Speaker of the House of Commons": the one owner of that name the article names
                    or (next(iter(owners)) if len(owners) == 1 else None)
                )
        if country is None and not international:
            country = self.v.head_countries.get(doc[head.start : head.end].text.lower()) or body  # "Elbasy"
        if country is None and not international and role == "official":
            # "Mayor of Milan", "the deputy governor of the city" (the one the sentence named before)
            country = _city_country(doc, inside) or _named_city_country(doc, start, end, places)
        span = office_span(doc, start, end, head)  # the office as it reads: no dateline, no stray edge
        institution = _institution(doc, head, span.start, end, inside, self.v)
        former = any(doc[i].lower_ in self.v.former for i in range(start, head.start))
        if (
            country is not None
            and doc[head.end - 1].lower_.endswith("s")
            and len({p.country for p in inside if p.kind in ("country", "demonym", "institution")}) > 1
        ):
            country = None  # "Kazakh and Turkish Presidents A and B": which is whose is not said
        plural = plural_head(doc, head)
        return Office(
            role,
            country,
            span.text,
            institution,
            span.start_char,
            span.end_char,
            confidence,
            former,
            (international or stateless) and country is None,
            plural,
        )


def _agent(doc: Doc, start: int, agents: dict[str, str]) -> str | None:
    """The role of one who acts for the holder of the office whose head or phrase starts at
    ``start``: "representative of the", "Special Envoy of the", "wife of" right before it; None
    when nothing is."""
    i = start - 1
    # "aide to President X" names the President; "the representative of the Speaker, X" the agent
    if i < 2 or doc[i].lower_ not in ("the", "his", "her", "its"):
        return None
    i -= 1
    if doc[i].lower_ not in ("of", "to", "for"):
        return None
    for width in (2, 1):
        if i - width >= 0:
            role = agents.get(doc[i - width : i].text.lower())
            if role is not None:
                return role
    return None


# heads whose office a chamber named after "in" (not "of") makes a legislator's
IN_CHAMBER_BASES = frozenset({"head", "chair", "president", "deputy_chair", "vice_president"})


def _in_chamber_only(words: list[str], parliament: frozenset[str]) -> bool:
    """Whether every parliament word of a title comes after an "in" ("Parliamentary Leader of the
    Labour Party in the Senate"): the office is held inside the chamber, by one of its members; the
    chamber's own head is "of" it ("President of the Senate")."""
    at = next((k for k, w in enumerate(words) if w == "in"), None)
    if at is None:
        return False

    def named(part: list[str]) -> bool:
        text = " " + " ".join(part) + " "
        return any(f" {w} " in text or f" {w}s " in text for w in parliament)

    # the chamber right after "in" ("in the Senate", "in the National Assembly"), not a place's
    # words before a body's ("... Co-operation in Europe Parliamentary Assembly")
    return named(words[at + 1 : at + 4]) and not named(words[:at])


def _consort(doc: Doc, head: TitleHead) -> bool:
    """Whether a queen is named after a king, joined by "and", in one sentence ("King A and Queen B",
    "welcomed King A ... and Her Majesty Queen B"): the queen of a reigning king is his consort."""
    sent_start = doc[head.start].sent.start
    joined = False
    for k in range(head.start - 1, max(sent_start, head.start - 40) - 1, -1):
        low = doc[k].lower_
        if low == "and":
            joined = True
        elif low == "king" and doc[k].text[:1].isupper():
            return joined
    return False


def _subject_start(words: list[str], v) -> int | None:
    """Where the subject of a committee in a title starts: the "on" or "for" after its committee
    word ("Committee on CIS Affairs", "working group for ties with Kazakhstan"); None without one."""
    at = next((k for k, w in enumerate(words) if w.rstrip("s") in v.committee or w in v.committee), None)
    if at is None:
        return None
    return next((k for k in range(at + 1, len(words)) if words[k] in ("on", "for")), None)


def _subject_only(words: list[str], v) -> bool:
    """Whether every international marker of a title comes after the "on" or "for" of a committee
    ("Chairman of the Committee on CIS Affairs"): the committee's subject, not the body it serves."""
    at = next((k for k, w in enumerate(words) if w.rstrip("s") in v.committee or w in v.committee), None)
    if at is None:
        return False
    subject = next((k for k in range(at + 1, len(words)) if words[k] in ("on", "for")), None)
    if subject is None:
        return False
    marked = [k for k, w in enumerate(words) if w in v.international]
    return bool(marked) and min(marked) > subject


def _unknown_acronym(doc: Doc, head: TitleHead, start: int, end: int, inside: list[Place], v) -> bool:
    """ "PA President", "President of the XYZ": an acronym that names no place and no parliament
    qualifies a president: the body is an organization, not a state."""
    if any(p.kind in ("country", "demonym") for p in inside):
        return False  # "(UNI) Russian President": a state's
    placed = {i for p in inside for i in range(p.start, p.end)}
    return any(
        t.is_alpha
        and t.text.isupper()
        and 2 <= len(t.text) <= 6
        and t.i not in placed
        and not head.start <= t.i < head.end
        and t.lower_ not in v.parliament
        and t.lower_ not in v.executive
        for t in doc[start:end]
    )


def plural_head(doc: Doc, head: TitleHead) -> bool:
    """ "deputies", "MPs", "Congressmen", "heads of state", "Deputy Secretaries": a plural head (the
    vocabulary is closed, so a final "s" is a plural there). The number is the head noun's: the last
    word before an "of" ("heads of state"), else the last word ("Deputy Secretaries"); a hyphenated
    or elided compound ("sergeant-at-arms", "chargé d'affaires") is read by its first word."""
    words = doc[head.start : head.end]
    noun = next((t.i - 1 for t in words if t.lower_ == "of" and t.i > head.start), head.end - 1)
    if any(t.text in ("-", "–") or "'" in t.text or "’" in t.text for t in doc[head.start : noun + 1]):
        noun = head.start
    t = doc[noun]
    return (
        t.tag_ in ("NNS", "NNPS")
        or (t.lower_.endswith("s") and not t.lower_.endswith("ss"))
        or t.lower_.endswith("men")
    )


def _role(
    base: str,
    *,
    parliament: bool,
    committee: bool,
    executive: bool,
    party: bool,
    organization: bool,
    international: bool,
    has_country: bool,
) -> str:
    if base in (
        "head_of_state",
        "head_of_government",
        "minister",
        "ambassador",
        "mp",
        "official",
        "other",
        "speaker",
        "deputy_speaker",
    ):
        if base == "speaker" and committee:
            return "mp"
        if base == "official" and party and not (executive or parliament):
            return "other"  # "General Secretary of the Central Committee": a party post
        return base
    if base in ("chair", "president", "head"):
        if international and not parliament:
            return "official"
        if committee and not executive:
            return "mp"
        if executive or party:
            return "official" if not party or executive else "other"
        if parliament:
            # the president of an international assembly ("OSCE PA President") is its official
            return "official" if international and not has_country else "speaker"
        if international or organization:
            return "official"
        if base == "president" or (base == "head" and has_country and not organization):
            return "head_of_state"  # "President X", "Kazakh leader X"
        # a bare "Chairman X" in parliamentary news chairs a chamber
        return "speaker" if base == "chair" else "official"
    if base in ("deputy_chair", "vice_president"):
        if committee:
            return "mp"
        if parliament and not executive:
            return "deputy_speaker"
        if base == "deputy_chair" and not (executive or party or organization or international):
            return "deputy_speaker"  # a bare "Deputy Chairman X" in parliamentary news
        return "official"
    if base == "deputy":
        return "mp"
    if base == "counterpart":
        return "counterpart"  # the role of the person the text pairs them with; persons.py resolves it
    if base == "member":
        if parliament:
            return "mp"
        if executive and not party:
            return "official"  # "member of the policy council of the Ministry of Foreign Affairs"
        return "mp" if committee else "other"
    return "other"


# "Vice NA Chairman", "Deputy Parliament Speaker": a rank word before the head, with the chamber
# between, makes the deputy's office
DEPUTY_OF = {
    "speaker": "deputy_speaker",
    "chair": "deputy_chair",
    "president": "vice_president",
    "head": "deputy_chair",
}


_GROUP_FORMS: dict[frozenset[str], tuple[frozenset[str], tuple[str, ...]]] = {}


def _group_forms(group: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """A word group's one-word entries with their plurals in -s, and its phrases, split once: a
    one-word entry occurs in a phrase exactly when it is one of the phrase's tokens (the phrase is
    its tokens joined by spaces), which a set answers without a substring search per entry."""
    found = _GROUP_FORMS.get(group)
    if found is None:
        singles = frozenset(f for w in group if not any(c.isspace() for c in w) for f in (w, w + "s"))
        phrases = tuple(w for w in group if any(c.isspace() for c in w))
        found = _GROUP_FORMS[group] = (singles, phrases)
    return found


def _ranked(base: str, before: list[str]) -> str:
    if base in DEPUTY_OF and any(w in ("vice", "deputy", "vice-") for w in before):
        return DEPUTY_OF[base]
    return base


def _parliament_standing_committee(joined: str, parliament: frozenset[str]) -> bool:
    """ "... of the Standing Committee of the National People's Congress": the standing body that acts
    for a parliament between its sessions; its chair is the parliament's."""
    at = joined.find(" standing committee of ")
    if at < 0:
        return False
    rest = joined[at + len(" standing committee of ") :].split()
    return any(w in parliament for w in rest[:6])


def _own_places(doc: Doc, inside: list[Place], start: int, end: int, *, posted: bool = False) -> list[Place]:
    """The places of a title before "to" or "with": those after them are the host or partner's (and
    after "in" for a named international body's office: "UN Representative in X" is posted there)."""
    for i in range(start, end):
        if doc[i].lower_ in PARTNER_WORDS or (posted and doc[i].lower_ == "in"):
            return [p for p in inside if p.start < i]
    return inside


def _country(doc: Doc, inside: list[Place], start: int, end: int) -> str | None:
    """The country the office holder represents: places after "to" name the host, not the holder."""
    blocked_from = None
    for i in range(start, end):
        if doc[i].lower_ in PARTNER_WORDS:
            blocked_from = i
            break
    candidates = [
        p
        for p in inside
        if p.kind in ("country", "demonym", "institution")
        and (blocked_from is None or p.start < blocked_from)
    ]
    if not candidates:
        return None
    # the place nearest the end of the phrase (closest to the governing noun chain) wins ties
    counts: dict[str, int] = {}
    for p in candidates:
        counts[p.country] = counts.get(p.country, 0) + 1
    return max(counts, key=lambda c: (counts[c], -min(p.start for p in candidates if p.country == c)))


def _city_country(doc: Doc, inside: list[Place], after: tuple[str, ...] = ("of",)) -> str | None:
    """The country of the one city or province an office is "of" ("Mayor of X", "the Legislative
    Assembly of British Columbia"), or, for a chamber, "in" too ("the Legislative Assembly in X")."""
    found = {
        p.country
        for p in inside
        if p.kind in ("city", "division") and p.start and doc[p.start - 1].lower_ in after
    }
    return found.pop() if len(found) == 1 else None


def _named_city_country(doc: Doc, start: int, end: int, places: list[Place]) -> str | None:
    text = " " + doc[start:end].text.lower() + " "
    if " of the city " not in text and " of the capital " not in text:
        return None
    sent_start = doc[start].sent.start
    before = [p for p in places if p.kind == "city" and sent_start <= p.start < start]
    return before[-1].country if before else None


def _named_institution_country(doc: Doc, start: int, end: int, places: list[Place]) -> str | None:
    """A bare "National Assembly" in a title names the one the article ties to a country elsewhere
    ("the National Assembly of Hungary")."""
    for i in range(start, end):
        if doc[i].lower_ in PARTNER_WORDS:
            end = i
            break
    text = doc[start:end].text.lower()
    found = {p.country for p in places if p.kind == "institution" and p.canonical.lower() in text}
    return found.pop() if len(found) == 1 else None


def _institution(
    doc: Doc, head: TitleHead, start: int, end: int, places: list[Place], v: TitleVocabulary
) -> str | None:
    # a head that holds its chamber ("speaker of the house", "member of parliament"): the chamber
    # runs from the head's "of" to the phrase's end ("Speaker of the House of Commons")
    of = next((t.i for t in doc[head.start + 1 : head.end - 1] if t.lower_ == "of"), None)
    if of is not None and any(t.lower_ in v.parliament for t in doc[of + 1 : head.end]):
        return institution_text(doc, of + 1, end, places, v)
    if end - head.end >= 2 and doc[head.end].lower_ == "of":
        start = head.end + 1
    else:
        end = head.start
    # a minister's or secretary's "of" phrase or the words before the office are its portfolio
    # ("Minister of Culture", "Environment Minister"), not a body, unless they name one ("Minister
    # at the Ministry of Culture", "Cabinet Secretary"): the office heads that take a portfolio are
    # those the vocabulary writes as a minister's ("foreign secretary", "vice-premier")
    if _portfolio_head(doc, head, v) and not _names_body(doc, start, end, places, v):
        return None
    return institution_text(doc, start, end, places, v)


def _portfolio_head(doc: Doc, head: TitleHead, v: TitleVocabulary) -> bool:
    """Whether the office head is one that holds a portfolio: its noun is the noun of a minister's
    head in the vocabulary (minister, secretary, premier and their plurals)."""
    text = doc[head.start : head.end].text.lower()
    return bool(text.split()) and head_noun(text) in v.portfolio_nouns


def _names_body(doc: Doc, start: int, end: int, places: list[Place], v: TitleVocabulary) -> bool:
    """Whether the words ``doc[start:end]`` name a body: a word of the vocabulary's parliaments,
    committees, organizations, executives, parties, civil or sub-national bodies (or its plural), an
    international body's name, acronym or marker, a government seat, an acronym, or a place other than a
    country (a chamber, a city or a province the gazetteer knows)."""
    if start >= end:
        return False
    if any(p.kind not in ("country", "demonym") and start <= p.start and p.end <= end for p in places):
        return True
    # with the international markers: "Commonwealth Secretary-General", "Secretary-General of the Nations"
    groups = (
        v.parliament,
        v.committee,
        v.organization,
        v.executive,
        v.party,
        v.civil,
        v.subnational,
        v.international,
    )
    words = [t.lower_ for t in doc[start:end]]
    joined = " " + " ".join(words) + " "
    for t in doc[start:end]:
        low = t.lower_
        forms = {low, low[:-1] if low.endswith("s") else low, low[:-3] + "y" if low.endswith("ies") else low}
        if any(not forms.isdisjoint(_group_forms(g)[0]) for g in groups):
            return True
        if t.text in v.body_acronyms or (t.is_alpha and t.text.isupper() and len(t.text) >= 2):
            return True
    if any(f" {w} " in joined for g in groups for w in _group_forms(g)[1]):
        return True
    return v.names_a_body(joined)


DASHES = frozenset({"-", "–", "—"})
ARTICLES = frozenset({"the", "a", "an"})
# an opening bracket or quote -> the mark that closes it
PAIRS = {"(": ")", "[": "]", '"': '"', "“": "”", "«": "»", "‘": "’", "'": "'"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
POSSESSIVES = frozenset({"'s", "’s"})


def office_span(doc: Doc, start: int, end: int, head: TitleHead | None = None) -> Span:
    """The words of the phrase ``doc[start:end]`` that the text of an office (its title or its
    institution) shows: none before a dateline's dash ahead of the head ("OSLO, 3 May - The Croatian
    Foreign Minister"), and no punctuation, dash or article at either edge ("the Storting", "House of
    Representatives ("), nor an institution's possessive mark ("Iran's Parliament's Speaker").
    Brackets and quotes that close inside the phrase stay ("National Assembly (NA)"); a pair around
    the whole phrase goes."""
    stop = end if head is None else head.start  # the leading edge stops at the head
    floor = start + 1 if head is None else head.end  # and the trailing one after it
    if head is not None:
        start = _leading_edge(doc, start, head.start)
    end = _before_time(doc, floor, end)
    while True:
        if start < stop and (doc[start].lower_ in ARTICLES or _stray_edge(doc, start, start, end)):
            start += 1
        elif end > max(start + 1, floor) and (
            (head is None and doc[end - 1].lower_ in POSSESSIVES) or _stray_edge(doc, end - 1, start, end)
        ):
            end -= 1
        elif (
            start < stop
            and end - start >= 3
            and PAIRS.get(doc[start].text) == doc[end - 1].text
            and _closing(doc, start, start + 1, end) == end - 1
        ):
            start, end = start + 1, end - 1  # '"Parliamentary Group of Friendship"'
        else:
            return doc[start:end]


def _leading_edge(doc: Doc, start: int, at: int) -> int:
    """Where the words before a head at ``at`` start to be the office's: after the nearest mark that
    ends what came before ("OSLO, 3 May - The Croatian Foreign Minister": a free-standing dash, not
    the hyphen of "co-chair"; "Moscow, June 5 (UNI) Russian President": a bracket closed that opened
    before the phrase, or that opens it), or at a capitalised article inside the phrase, which starts
    a new one ("Related Stories The Canadian High Commissioner": a heading's words run into the
    sentence)."""
    for i in range(at - 1, start - 1, -1):
        text = doc[i].text
        if text in DASHES and (i == 0 or doc[i - 1].whitespace_):
            return i + 1
        if text in (")", "]") and not any(doc[k].text == CLOSERS[text] for k in range(start, i)):
            return i + 1  # (a quote closed is a name's: "‘Strong Lebanon’ Bloc MP")
        if i > start and text[:1].isupper() and doc[i].lower_ in ARTICLES and len(text) > 1:
            return i
    if start < at and doc[start].text in ("(", "["):
        # "(UNI) Russian President": a bracket that opens the phrase and closes before the office
        closed = _closing(doc, start, start + 1, at)
        if closed is not None:
            return closed + 1
    return start


# the words that put a time after an office ("the Chairman of the Duma on Monday")
TIME_WORDS = frozenset({"on", "at", "in", "during", "since", "until", "by", "from", "earlier", "later"})
# prepositions of time only: no body's name holds one ("Ambassador to X during a call on Tuesday")
TIME_ONLY = frozenset({"during", "since", "until", "amid"})


def _before_time(doc: Doc, floor: int, end: int) -> int:
    """The end of a phrase that runs on past its office into a time ("Chairman of the National Assembly
    on Tuesday", "member of the panel today"): the office ends before a date or time (the parser's
    entity) that closes the phrase, if a time word leads it in or it holds no number (a "Paris 2024"
    is a name), and before a preposition of time only ("during a courtesy call"). Where none closes
    the phrase, ``end``."""
    end = next((i for i in range(floor, end) if doc[i].lower_ in TIME_ONLY), end)
    k = end
    while k > floor and (
        doc[k - 1].ent_type_ in ("DATE", "TIME") or doc[k - 1].is_punct or doc[k - 1].lower_ in CONNECTORS
    ):
        k -= 1
    while k < end and doc[k].ent_type_ not in ("DATE", "TIME"):
        k += 1  # the time's first word: connectors before it belong to the office or lead the time in
    if k >= end:
        return end
    last = k
    while last < end and doc[last].ent_type_ in ("DATE", "TIME"):
        last += 1
    numbered = any(t.like_num for t in doc[k:last])
    if numbered and doc[k - 1].lower_ not in TIME_WORDS:
        return end
    while k > floor and (doc[k - 1].lower_ in CONNECTORS or doc[k - 1].is_punct):
        k -= 1
    return k


def _stray_edge(doc: Doc, i: int, start: int, end: int) -> bool:
    """Whether token ``i`` at an edge of ``doc[start:end]`` is white space, or punctuation that belongs
    to no pair inside the phrase (an opening mark closed before ``end``, a closing one opened after
    ``start``)."""
    tok = doc[i]
    if tok.is_space:
        return True  # a line break between the words of a phrase
    if not (tok.is_punct or tok.text in DASHES):
        return False
    if tok.text in PAIRS and i == start and _closing(doc, i, i + 1, end) is not None:
        return False
    opener = CLOSERS.get(tok.text)
    if opener is not None and i == end - 1:
        return not any(_closing(doc, k, k + 1, end) == i for k in range(start, i) if doc[k].text == opener)
    return True


def _closing(doc: Doc, at: int, start: int, end: int) -> int | None:
    """Where in ``doc[start:end]`` the bracket or quote at ``at`` closes, if it does."""
    open_, close = doc[at].text, PAIRS[doc[at].text]
    depth = 0
    for k in range(start, end):
        text = doc[k].text
        if text == close and depth == 0:
            return k
        if open_ != close:
            depth += (text == open_) - (text == close)
    return None


def institution_text(doc: Doc, start: int, end: int, places: list[Place], v: TitleVocabulary) -> str | None:
    """The institution that the words ``doc[start:end]`` of a title name, as written (see
    :func:`office_span`); None where they name only countries, with modifiers of the office ("Ghanaian
    MP", "former President", "President of Kazakhstan", "Ambassador of Kazakhstan to the U.S."): a
    country or its demonym is the office's country, not an institution."""
    modifiers = v.modifier_words
    span = office_span(doc, start, end)
    # the person's modifiers ("visiting Iranian Parliament", "former Senate") are not the body's; but
    # one capitalised before a body's word names it ("Interim Government", "Second Chamber"), unless
    # it says that the person held the office once ("Former Senate Speaker"); an acronym after it is
    # a country's or another body's own name ("Visiting UK House of Commons Member")
    formerly = v.former_words
    at = span.start
    while (
        at < span.end - 1
        and doc[at].lower_ in modifiers
        and (
            doc[at].lower_ in formerly
            or not (
                doc[at].text[:1].isupper()
                and not doc[at + 1].text.isupper()
                and _names_body(doc, at + 1, at + 2, [], v)
            )
        )
    ):
        at += 1
    if at > span.start:
        span = office_span(doc, at, span.end)
    start, end = span.start, span.end
    stated = {
        i
        for p in places
        if p.kind in ("country", "demonym") and start <= p.start and p.end <= end
        for i in range(p.start, p.end)
    }
    named = any(
        i not in stated
        and not (doc[i].is_punct or doc[i].lower_ in CONNECTORS | ARTICLES or doc[i].lower_ in modifiers)
        for i in range(start, end)
    )
    return span.text if named else None
