"""Which office a name holds: the title before it ("Speaker of the Senate X"), after it ("X,
Speaker of the Senate"), introduced by "as" ("X, on his election as Speaker"), or repeated over a
second institution ("Chairman of A X and B Y"); and which capitalised runs are parts of an
institution's name rather than names.

The chain of a title is bounded by punctuation and known words, never by the parser's sentences,
which are unreliable inside long titles.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from parleys.extract.names import NameRun
from parleys.extract.titles import (
    CONNECTORS,
    Office,
    TitleFinder,
    TitleHead,
    institution_text,
    plural_head,
)
from parleys.extract.vocabulary import TitleVocabulary

MAX_CHAIN = 26
# English prefixes written with a hyphen ("Inter-Parliamentary", "Non-Proliferation")
PREFIXES = frozenset({"inter", "intra", "non", "co", "anti", "pan", "trans", "sub", "multi", "post", "pre"})
# words between a name's comma and its office: ", who is also the Speaker", ", who serves as Clerk"
RELATIVE = frozenset(
    {"the", "a", "an", "who", "is", "was", "also", "currently", "now", "serves", "served", "as"}
)
# the offices that outrank a bare legislator's title the same name holds ("Senator A, Minister for
# Defence"); a party, movement or agency post beside it does not
FULLER_THAN_MEMBER = frozenset(
    {"speaker", "deputy_speaker", "head_of_state", "head_of_government", "minister", "ambassador"}
)
MAX_MODIFIERS = 4  # unknown words that may qualify an office's head: "Southern Regional Representative"
# state bodies whose staff are officials: "A of the Canadian Embassy" (a named one: capitalised)
OFFICIAL_BODIES = frozenset(
    {"embassy", "consulate", "ministry", "department", "secretariat", "administration"}
)
LIST_ADVERBS = frozenset({"respectively", "namely"})  # ", respectively, A and B": the list follows
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


class OfficeAttacher:
    def __init__(
        self,
        titles: TitleFinder,
        vocabulary: TitleVocabulary,
        institution_nouns: frozenset[str],
        outlets: frozenset[str],
    ) -> None:
        self.titles = titles
        self.vocabulary = vocabulary
        self.institution_nouns = institution_nouns
        self.outlets = outlets  # news agencies' names, which may open a dateline before a title
        self.common_words: frozenset[str] = frozenset()  # English nouns and adjectives (lemma index)
        self._with_bodies: tuple[frozenset[str], frozenset[str]] | None = None  # see _common
        # unions of the vocabulary's word sets, joined once here rather than per token or call
        v = vocabulary
        self._pre_head = v.modifiers | v.former
        self._list_bodies = v.committee | v.parliament | v.organization | v.executive
        self._of_bodies = self._list_bodies | v.party
        # lower-case words an office's chain may hold: its own words, and the chambers, committees
        # and state bodies it is of ("Head of the parliamentary staff X", "head of the presidential
        # administration Y")
        self._chain_words = v.title_words | v.parliament | v.committee | v.executive

    def chain_token(self, doc: Doc, i: int, head_at, place_at, honorific, *, bodies: bool = False) -> bool:
        """Whether token ``i`` may sit inside an office's chain; with ``bodies``, a capitalised
        institution noun too ("Chief of the Parliament's Staff X": read leftwards from a name)."""
        tok = doc[i]
        if i in head_at or i in place_at or i in honorific:  # place_at None: part of an institution name
            return True
        low = tok.lower_
        if low in CONNECTORS:
            return True
        if tok.text[:1].isupper():
            return (
                low in self.vocabulary.person_words
                or (bodies and low in self.institution_nouns)
                or (tok.text.isupper() and len(tok.text) <= 7)
                # "Home Minister", "Bureau of Western Hemisphere Affairs": common nouns and adjectives
                # of an office or a body, read leftwards from a name
                or (bodies and low in self.common_words and tok.ent_type_ != "PERSON")
            )
        base = low[:-1] if low.endswith("s") else low
        v = self.vocabulary
        if low in self._chain_words or base in self._chain_words:
            return True
        # an unknown modifier of a word further on in the office ("the ruling Dream faction"):
        # the parse says it qualifies the body's name, so it does not end the office
        return (
            tok.dep_ in ("amod", "compound")  # "the working group": a participle the parser compounds
            and tok.pos_ in ("ADJ", "VERB")
            and i < tok.head.i <= i + 4
            and tok.head.text[:1].isupper() | (tok.head.lower_ in v.committee)
        )

    def institutional(self, doc: Doc, run: NameRun) -> bool:
        """A capitalised run that is part of an institution's name: "Jokorgu Kenesh", "Liaison Department"."""
        if run.end >= len(doc):
            return False
        nxt = doc[run.end]
        low = nxt.lower_
        v = self.vocabulary
        if nxt.text[:1].isupper() and any(
            low in group or low.rstrip("s") in group
            for group in (v.parliament, v.committee, v.organization, v.executive, v.party)
        ):
            return True
        if (
            nxt.is_lower
            and low in v.committee | v.party
            and doc[run.start].ent_type_ != "PERSON"
            and run.start >= 1
            and (doc[run.start - 1].lower_ in ("the", "of") or doc[run.start - 1].ent_type_ == "NORP")
        ):
            return True  # "the ruling Dream faction", "the Green party": a body's name before its kind
        if run.end - run.start == 1 and low == "of" and not doc[run.start].ent_type_ == "PERSON":
            return True
        # "the Committee for Inter-Parliamentary Cooperation", "Commission on Rural Affairs": the
        # subject of a capitalised body is its name's tail, not a person the model did not tag
        if any(
            t.ent_type_ == "PERSON"
            or not all(w in self.common_words or w in PREFIXES for w in t.lower_.split("-") if w)
            for t in doc[run.start : run.end]
        ):
            return False  # "... and Local Self-Government Alexei Doe": a name ends the body's words
        j = run.end
        while j < len(doc) and doc[j].is_title and doc[j].lower_ in v.person_words:
            j += 1  # "for Inter-Parliamentary Cooperation": words that are never names end the body
        if j < len(doc) and not (
            doc[j].text in (",", "(", ")", ".", ";", ":") or doc[j].lower_ == "and" or "\n" in doc[j].text
        ):
            return False  # "Committee on Budget Jane Doe met": a name may end the body's words
        i = run.start - 1
        # "... for Tolerance and Peace": the subject may be a list of capitalised words
        while i >= 1 and run.start - i <= 6 and (doc[i].lower_ in ("and", ",") or doc[i].is_title):
            i -= 1
        if i < 1 or doc[i].lower_ not in ("for", "on") or not doc[i + 1].is_title:
            return False
        body = doc[i - 1]
        return body.text[:1].isupper() and any(
            body.lower_ in group or body.lower_.rstrip("s") in group
            for group in (v.committee, v.organization, v.executive, v.parliament)
        )

    def inside_name(self, doc: Doc, run: NameRun, starts: set[int], head_at, place_at, honorific) -> bool:
        """A run inside a longer capitalised name that ends in a person: "Centre for Preventive
        Diplomacy for Central Asia (UNRCCA) Mira Jansen" — only the last run is a name."""
        j = run.end
        known = institution_noun = False
        if j < len(doc) and doc[j].text == "/":
            return True  # "Legislative and Judicial/Legal Reforms"
        if j < len(doc) and doc[j].text == "(":
            close = next((k for k in range(j + 1, min(j + 10, len(doc))) if doc[k].text == ")"), None)
            gloss = range(j + 1, close) if close is not None else range(0)
            if len(gloss) and all(
                (place_at.get(k) is not None and place_at[k].kind in ("country", "demonym"))
                or k in head_at
                or doc[k].text == ","
                for k in gloss
            ):
                return False  # "Ana Lima (Brazil) and ...", "Kofi Mensah (MP, Ghana)": a name's gloss
            if 1 <= len(gloss) <= 3 and all(doc[k].is_title and doc[k].is_alpha for k in gloss):
                return False  # a nickname or a party: "Budi Santoso (Busan)", "Liis Tamm (Reform)"
        tags = {t.tag_ for t in doc[run.start : run.end]}
        if tags <= {"NNS", "NNPS"} and not doc[run.start].ent_type_ == "PERSON":
            return True  # "Countries", "Institutions": plural nouns are not names
        before = place_at.get(run.start - 1)
        if before is not None and j < len(doc) and doc[j].lower_ == "and" and run.end - run.start >= 2:
            return False  # "Chairman of the Azerbaijani Parliament A B and the ...": a title ends in a name
        while j < len(doc) and j - run.end < MAX_CHAIN:
            if j in starts:
                return known
            if j in head_at:
                return False  # a new title: the run before it was a name ("A, Deputy Chairman B")
            if not self.chain_token(doc, j, head_at, place_at, honorific):
                return institution_noun
            tok = doc[j]
            if tok.text[:1].isupper() or tok.text in ("(", ")") or j in place_at:
                known = True
                if tok.lower_ in self.institution_nouns:
                    institution_noun = True
            j += 1
        return False

    def before(self, doc, run: NameRun, head_at, place_at, places, run_starts, honorific) -> Office | None:
        """The office before a name; a bare legislator's title ("Senator", "Rep.", "MP") gives way to
        a fuller office the same name holds in apposition, after it ("Senator A, Minister for
        Defence") or before it ("the Speaker of the Senate, Senator A")."""
        office = self._before(doc, run, head_at, place_at, places, run_starts, honorific)
        if office is not None and not office.plural:
            first = self._coordinated(doc, run, office, head_at, place_at, places, run_starts, honorific)
            if first is not None and office_rank(first) > office_rank(office):
                office = first
        if office is not None and (
            office.role_class == "other" or office.role_class == "official" and office.international
        ):
            # "Party Chairwoman A, who is former President of X", "OSCE PA President B (MP, Georgia)": an
            # office of the state or a chamber stated after the name outranks a party's or a body's
            stated = self.after(doc, run, head_at, places, run_starts) or self.bracketed(
                doc, run, head_at, places
            )
            if (
                stated is not None
                and office_rank(stated) > office_rank(office)
                and self._set_off(doc, stated, run_starts)
            ):
                office = stated
        if office is not None and bare_guess(office):
            # "The 2011 President, Rt Hon A, MP, Speaker of the House of Commons": a bare office read
            # from the kind of news gives way to a stated one after the name
            stated = self.after(doc, run, head_at, places, run_starts)
            if (
                stated is not None
                and not bare_guess(stated)
                and stated.role_class in FULLER_THAN_MEMBER
                and self._set_off(doc, stated, run_starts)  # not "A, the Speaker said, ..."
            ):
                return stated
        if office is None or not bare_legislator(office):
            return office
        fuller = self.after(doc, run, head_at, places, run_starts)
        if fuller is None or bare_legislator(fuller):
            at = doc.char_span(office.start_char, office.end_char, alignment_mode="expand")
            if at is not None and at.start >= 2 and doc[at.start - 1].text == ",":
                fuller = self._before(
                    doc, NameRun(at.start, run.end), head_at, place_at, places, run_starts, honorific
                )
        if fuller is None or fuller.role_class not in FULLER_THAN_MEMBER:
            return office  # "MP A, head of the X Movement": a legislator first, whatever else
        return fuller

    def _coordinated(
        self, doc: Doc, run: NameRun, office: Office, head_at, place_at, places, run_starts, honorific
    ) -> Office | None:
        """ "Minister of Construction and Chairman of the Sub-committee A", "acting President and Prime
        Minister of X B", "Deputy Chairman of the Council, co-chair of the Commission, C": a second
        office joined to the one before the name by "and" (or, when the name is set off by a comma, by
        a comma) is held by the same name. The joined office must be qualified (a bare "the Speaker
        and Ambassador D" names the host and a guest), and "between" before it pairs two persons."""
        at = doc.char_span(office.start_char, office.end_char, alignment_mode="expand")
        if at is None:
            return None
        k = at.start - 1
        while k >= 1 and (doc[k].lower_ in ("the", "a", "an") or doc[k].like_num):
            k -= 1  # "House Speaker and the 2023 AIPA President"
        if k < 2:
            return None
        edge = run.start - 1
        while edge > at.end and (edge in honorific or doc[edge].lower_ == "the" and (edge + 1) in honorific):
            edge -= 1
        comma_set = doc[edge].text == "," and edge >= at.end
        if not (doc[k].lower_ == "and" or (doc[k].text == "," and comma_set)):
            return None
        if doc[k].lower_ == "and" and doc[k - 1].text == ",":
            return None  # "A MP, Minister for Trade, and Senator B": a list's items, two persons
        first = self._before(
            doc, NameRun(k, k + 1), head_at, place_at, places, run_starts, honorific, name_check=False
        )
        if first is None or first.plural or first.role_class == "counterpart":
            return None
        if first.country is not None and office.country is not None and first.country != office.country:
            return None  # "the Majilis Speaker and Deputy Speaker of the Turkish Assembly A": two persons
        span = doc.char_span(first.start_char, first.end_char, alignment_mode="expand")
        if span is None or any(
            doc[i].lower_ in ("between", "among", "amongst")
            for i in range(max(0, span.start - 4), span.start)
        ):
            return None
        if (
            not any(i not in head_at and doc[i].lower_ not in CONNECTORS for i in range(span.start, span.end))
            and span.start >= 1
            and doc[span.start - 1].lower_ in ("the", "a", "an")
        ):
            return None  # a bare office with its article: "the Speaker and Ambassador D" are two persons
        return first

    def _before(
        self, doc, run: NameRun, head_at, place_at, places, run_starts, honorific, *, name_check: bool = True
    ) -> Office | None:
        if name_check and all(self._common(t) for t in doc[run.start : run.end]):
            return None  # "Minister for Immigration and Border Protection": a body's words, no name
        i = run.start - 1
        while i >= 1 and (
            i in honorific or (doc[i].text == "." or doc[i].lower_ == "the") and (i - 1) in honorific
        ):
            i -= 1  # "Prime Minister Dr. the Rt Hon. A": honorifics, their stops and a "the" between
        if i >= 3 and doc[i].text == "," and doc[i - 1].lower_ in LIST_ADVERBS and doc[i - 2].text == ",":
            i -= 2  # "ambassadors to Jordan, respectively, A and B"
        if i >= 1 and doc[i].text in (",", ":"):
            i -= 1  # "the Ambassador of Estonia, Mari Tamm", "..., H.E. Salim ...", "deputies: A, B"
            h = head_at.get(i)
            if h is not None and h.start - 1 in run_starts:
                return None  # "A Ex MNA, B": the office before the comma is A's
        # the parser's sentence breaks are unreliable inside long titles: punctuation bounds the chain
        nearest: TitleHead | None = None
        left = run.start
        while i >= max(0, run.start - MAX_CHAIN):
            if (
                doc[i].text == ","
                and nearest is None
                and i >= 1
                and doc[i - 1].text[:1].isupper()
                and doc[i + 1].text[:1].isupper()
                and (i - 1) not in run_starts
                and self.chain_token(doc, i - 1, head_at, place_at, honorific)
            ):
                i -= 1  # a list inside an office's name: "Committee on Relations, Defense and Security"
                continue
            if (
                doc[i].text == ","
                and nearest is None
                and i >= 1
                and doc[i + 1].lower_ == "the"
                and (
                    doc[i - 1].lower_ in self.institution_nouns
                    or doc[i - 1].lower_ in self.vocabulary.parliament
                )
            ):
                i -= 1  # a gloss on the body: "Deputy Chairman of the Federation Council, the upper house"
                continue
            if doc[i].text == ")" and nearest is None:
                # a gloss inside a title: "President of the Norwegian parliament (the so-called ...), X"
                opening = next((k for k in range(i - 1, max(0, i - 12), -1) if doc[k].text == "("), None)
                if opening is not None and (opening - 1) in run_starts and opening - 1 < run.start:
                    return None  # "A (Ambassador to X), B": the bracket glosses the name before it
                if (
                    opening is not None
                    and opening > run.start - MAX_CHAIN
                    and (opening - 1) not in run_starts
                ):
                    i = opening - 1
                    continue
            if not self.chain_token(doc, i, head_at, place_at, honorific, bodies=True):
                break
            # "Ambassador Extraordinary and Plenipotentiary": one office
            joined = doc[i - 1].lower_ == "extraordinary" and doc[i + 1].lower_ == "plenipotentiary"
            if doc[i].lower_ == "and" and nearest is not None and not joined:
                before = place_at.get(i - 1)
                distributive = (
                    plural_head(doc, nearest)
                    and before is not None
                    and before.kind
                    in (
                        "country",
                        "demonym",
                    )
                )
                if not distributive:
                    break  # "President of X and Speaker of Y Name": the nearer office governs
            h = head_at.get(i)
            if h is not None and nearest is None and h.base != "honorific":
                nearest = h
            elif (
                h is not None
                and nearest is not None
                and h.base != "honorific"
                and h.end <= nearest.start
                and _governs(doc, h, nearest)
            ):
                nearest = h  # "President of the Conference of Speakers A": the outer office is A's
            left = i
            i -= 1
        if nearest is None:
            return None
        # trim leading connectors ("the", "of") from the phrase
        while (
            left < nearest.start
            and left not in place_at
            and (
                doc[left].lower_ in CONNECTORS
                # a headline's "Meets President of X" (not a rank the parser takes for a verb: "acting")
                or doc[left].pos_ == "VERB"
                and doc[left].lower_ not in self._pre_head
                or (
                    doc[left].is_upper
                    and left not in head_at
                    and doc[left + 1].text in ("-", "–", "—", ".", ":")
                )
            )
        ):
            left += 1  # leading "the", "of", and a dateline's agency name ("KAZINFORM -")
        for i in range(nearest.start - 1, left - 1, -1):
            if doc[i].lower_ in ("with", "to", "in", "at", "for", "on"):
                left = i + 1  # "talks in Astana with Chairman X": the office starts after "with"
                break
            if doc[i].lower_ in MONTHS or doc[i].like_num:
                left = i + 1  # "On 12 March the RA NA President X": a date before the office
                break
            if doc[i].text in ("-", "–", "—") and all(t.is_upper or t.is_punct for t in doc[left:i]):
                left = i + 1  # a dateline: "BELGRADE - Serbian Parliament Speaker X"
                break
        while left < nearest.start and (
            doc[left].lower_ in ("the", "a", "an") or doc[left].text in self.outlets or left in honorific
        ):
            left += 1  # and a news agency's name: "KAZINFORM Speaker of the Senate X"
        if (
            nearest.start - 1 in run_starts
            and nearest.start - 1 < run.start
            and nearest.start - 1 not in honorific
            and not self._common_before(doc, nearest.start - 1, run_starts)
        ):
            return None  # "Amina Raza Ex MNA and Ms Sara Malik": the office is the first name's
        edge = run.start - 1
        while edge > left and (edge in honorific or doc[edge].lower_ == "the" and (edge + 1) in honorific):
            edge -= 1  # ", the Hon A": the comma before the name's honorifics
        if doc[edge].text == "," and left >= 1 and self._fronted(doc, run, left):
            return None  # "In addition to the Secretary General, A met B": a fronted phrase, no apposition
        between_commas = left >= 2 and doc[left - 1].text == "," and doc[edge].text == ","
        if between_commas and left - 2 in run_starts and not _placed_run(doc, left - 2, run_starts):
            return None  # "A, Chair of the House of X, B, Speaker of Y": the office between commas is A's
        end = run.start
        while end > nearest.end and (
            (end - 1) in honorific
            or doc[end - 1].text in (",", "-", "–", "—", ":")
            or doc[end - 1].lower_ in LIST_ADVERBS
            or (doc[end - 1].text == "." or doc[end - 1].lower_ == "the")
            and (end - 2) in honorific
        ):
            end -= 1
        office = self.titles.interpret(doc, nearest, left, end, places, confidence=0.9)
        return self._of_after_name(doc, run, nearest, left, end, office, places)

    @staticmethod
    def _fronted(doc: Doc, run: NameRun, left: int) -> bool:
        """Whether the office before a name and its comma is the object of a preposition that the
        name, the clause's subject, follows ("In addition to the OSCE Secretary General, A met ...",
        "After talks with the Speaker, B said ..."): a fronted phrase about another person."""
        k = left - 1
        while k >= 0 and doc[k].lower_ in ("the", "a", "an"):
            k -= 1
        if k < 0 or doc[k].pos_ != "ADP" or doc[k].lower_ == "of":
            return False
        if run.end >= len(doc) or doc[run.end].is_punct:
            return False  # "with the US Ambassador, A, discussed": the name set off on both sides
        root = doc[run.start : run.end].root
        # the verb right after the name governs it (the parser may call the subject "npadvmod")
        return (
            doc[run.end].pos_ in ("VERB", "AUX")
            and root.head.i == run.end
            and root.dep_ in ("nsubj", "nsubjpass", "npadvmod")
        )

    def _of_after_name(self, doc, run: NameRun, head: TitleHead, left: int, end: int, office, places):
        """ "Chairperson Jane Doe of the Portfolio Committee on Health", "President A of the Senate":
        an "of" phrase right after the name completes a bare office before it."""
        if end - left > head.end - head.start + 1 or run.end + 2 >= len(doc) or doc[run.end].lower_ != "of":
            return office
        bodies = self._of_bodies
        k, named = run.end + 1, False
        while k < len(doc) and k - run.end <= 12:
            tok = doc[k]
            base = tok.lower_[:-1] if tok.lower_.endswith("s") else tok.lower_
            if tok.lower_ in bodies or base in bodies:
                named = True
            elif not (tok.lower_ in CONNECTORS and tok.text not in ("(", ")") or tok.text[:1].isupper()):
                break
            k += 1
        while k > run.end + 1 and doc[k - 1].lower_ in CONNECTORS:
            k -= 1
        if not named:
            return office
        tail = doc[run.end : k]
        found = self.titles.interpret(doc, head, left, k, places, confidence=office.confidence)
        title = f"{office.title} {tail.text}"  # the office before the name, as titles.py writes it
        institution = institution_text(doc, run.end + 1, k, places, self.titles.v)
        return replace(found, title=title, institution=institution, start_char=office.start_char)

    def _common_before(self, doc: Doc, at: int, run_starts) -> bool:
        """Whether the capitalised run that ends at ``at`` is made of common English words ("the
        Strong Lebanon Bloc MP A"): the name of a body, not a person whose office follows."""
        k = at
        while k in run_starts and at - k < 6:
            if doc[k].ent_type_ == "PERSON" or doc[k].lower_ not in self.common_words:
                return False
            k -= 1
        return k < at

    def elliptic(
        self, doc: Doc, prev: NameRun, office: Office, run: NameRun, head_at, place_at, places
    ) -> Office | None:
        """ "Chairman of the Azerbaijani Parliament A and the Supreme Council of the Kyrgyz Republic
        B": the second office repeats the first one's head over another institution."""
        if run.start - prev.end < 3 or doc[prev.end].lower_ != "and":
            return None
        segment = range(prev.end + 1, run.start)
        if any(i in head_at or doc[i].text in (",", ";", ".") for i in segment):
            return None
        owned = [p for p in places if prev.end < p.start and p.end <= run.start]
        if not owned or not any(p.kind == "institution" for p in owned):
            return None
        head = next(
            (h for i, h in head_at.items() if office.start_char <= doc[i].idx < office.end_char), None
        )
        if head is None or head.end >= len(doc) or doc[head.end].lower_ != "of":
            return None  # only "<head> of <institution>" is repeated
        start = prev.end + 1
        found = self.titles.interpret(doc, head, start, run.start, places, confidence=0.8)
        title = f"{doc[head.start : head.end].text} of {doc[start : run.start].text}"
        institution = institution_text(doc, start, run.start, places, self.titles.v)
        return replace(found, title=title, institution=institution)

    def distributed(
        self, doc: Doc, prev: NameRun, office: Office, run: NameRun, head_at, place_at, places
    ) -> Office | None:
        """ "the Ambassadors of Australia, A, Spain, B and Chile, C", "the heads of the Foreign Affairs
        Committee, A, the Finance Committee B": a plural office distributed over a list of
        body-or-country and name pairs; each name holds the office of the body named before it."""
        if not office.plural or run.start - prev.end < 2:
            return None
        i, end = prev.end, run.start
        while i < end and (doc[i].text in (",", ";") or doc[i].lower_ in ("and", "the")):
            i += 1
        if i == prev.end or doc[prev.end].text not in (",", ";") and doc[prev.end].lower_ != "and":
            return None
        while end > i and doc[end - 1].text in (",", "-", "–", "—", ":"):
            end -= 1
        if not 1 <= end - i <= 8 or not doc[i].text[:1].isupper():
            return None
        bodies = self._list_bodies
        named = False
        for k in range(i, end):
            t = doc[k]
            if k in head_at or (t.pos_ in ("VERB", "AUX") and not t.text[:1].isupper()):
                return None
            if not (t.text[:1].isupper() or t.lower_ in CONNECTORS or t.text in ("'s", "’s", "(", ")")):
                return None
            place = place_at.get(k)
            named = named or t.lower_ in bodies or (place is not None and place.kind != "city")
        if not named:
            return None
        # the plural head the list hangs on: the nearest before the last name that held it
        head = max(
            (h for h in head_at.values() if h.end <= prev.start and h.base != "honorific"),
            key=lambda h: h.start,
            default=None,
        )
        if head is None or not plural_head(doc, head) or prev.start - head.end > 2 * MAX_CHAIN:
            return None
        found = self.titles.interpret(doc, head, i, end, places, confidence=0.8)
        title = f"{doc[head.start : head.end].text} of {doc[i:end].text}"
        institution = institution_text(doc, i, end, places, self.titles.v)
        return replace(found, title=title, institution=institution, plural=True)

    def after(self, doc, run: NameRun, head_at, places, run_starts: set[int]) -> Office | None:
        signed = self.next_line(doc, run, head_at, places, run_starts)
        if signed is not None:
            return signed
        i = run.end
        if i < len(doc) and i in head_at and head_at[i].start == i and doc[head_at[i].end - 1].text.isupper():
            h = head_at[i]  # "Amina Raza Ex MNA", "Jane Doe MP"
            following = head_at.get(h.end + 1) if h.end + 1 < len(doc) and doc[h.end].text == "," else None
            if following is None or following.base == "honorific":
                return self.titles.interpret(doc, h, h.start, h.end, places, confidence=0.8)
            i = h.end  # "Jane Doe MP, Minister for Trade": the office after the membership
        elected = self.elected_as(doc, run, head_at, places, run_starts)
        if elected is not None:
            return elected
        i = _past_gloss(doc, i, head_at)  # "A (Reform Party), chair of X": a bracketed gloss first
        if i >= len(doc) or doc[i].text not in (",", "-", "–", "—"):
            return self.of_body(doc, run, places)  # "A, Speaker of X", "A - Deputy Secretary for Y"
        i += 1
        while i < len(doc):
            low = doc[i].lower_
            if i in head_at and head_at[i].start == i and head_at[i].base != "honorific":
                break  # "First Secretary", "First Deputy Chairman": the modifier opens a head
            if doc[i].is_space or low in RELATIVE or low in self._pre_head:
                i += 1  # ", Interim Chief Executive", ", who is also the newly appointed Ambassador"
            elif _post_nominal(doc, i, head_at):
                i += 2  # "A, CBE, Director of X", "A, A.A., Clerk of Y": letters after a name
            else:
                break
        h = head_at.get(i)
        if h is not None and h.base == "mp" and h.end - h.start == 1 and h.end + 1 < len(doc):
            k = h.end + 1
            while k < len(doc) and doc[k].is_space:
                k += 1
            if doc[h.end].text == "," and k in head_at:
                i = k  # "A, M.P., Speaker of the House of Commons": the office after the membership
        start = i
        # ", Regional Representative of X", ", FNC Assistant Secretary-General", ", the first female
        # President of X": words the vocabulary does not know may qualify the head; they stay in
        # the office (a rank word among them is read by titles.py)
        place_starts = {p.start: p for p in places}
        # ", UAE Ambassador to Kazakhstan", ", Kazakh Senate Speaker": places may open the office
        while i - start < 6:
            if i in place_starts:
                i = place_starts[i].end
                continue
            past = self._past_modifiers(doc, i, head_at, run_starts, stop=place_starts)
            if past == i:
                break
            i = past
        if i + 1 < len(doc) and doc[i].lower_ in ("vice", "vice-") and i not in head_at:
            i += 1  # ", Vice Marshal of the Sejm": a rank word the office keeps (titles.py reads it)
        h = head_at.get(i)
        if h is None or h.start != i or h.base == "honorific":
            return None
        while h.end in head_at and head_at[h.end].start == h.end and head_at[h.end].base != "honorific":
            h = head_at[h.end]  # "Assistant Deputy Speaker": the last noun of a compound is its head
        end = h.end
        while end < len(doc) and end - h.start < 24:
            tok = doc[end]
            if tok.is_punct and tok.text not in ("-", "(", ")", "'s", "’s", "’", "'"):
                break
            if tok.pos_ in ("VERB", "AUX") and not tok.text[:1].isupper():
                break
            if end in run_starts:
                if doc[end - 1].lower_ == "and" and _next_in_roster(doc, end, head_at, run_starts):
                    end -= 1  # "A, Ambassador of X and B, Ambassador of Y": B's office follows B
                    break
                if _names_after_office(doc, h, end) and not self._common_run(doc, end, run_starts):
                    return None  # ", Congressmen A and B": the office of the names after it
                # ", Minister of Home Security and Technology": a word of the body's name
            end += 1
        if end < len(doc) and doc[end].tag_ == "VBP":
            return None  # a headline's "A, Mexico's President talk trade": two subjects, no apposition
        office = self.titles.interpret(doc, h, start, end, places, confidence=0.85)
        if h.start > start and office.role_class == "other" and doc[start].lower_ not in RELATIVE:
            return None  # ", HRPP member": a label of unknown words says no office
        if end < len(doc) and doc[end].text == "," and not office.plural:
            # "A, co-chair of the Commission, Senate Vice Speaker, said": a second apposition is a
            # second office of the same name; the higher one is the name's
            second = self.after(doc, NameRun(end - 1, end), head_at, places, run_starts)
            if (
                second is not None
                and not second.plural
                and office_rank(second) > office_rank(office)
                and self._set_off(doc, second, run_starts)
            ):
                return second
        return office

    def next_line(self, doc: Doc, run: NameRun, head_at, places, run_starts: set[int]) -> Office | None:
        """ "The Honourable Jane Doe MP\nPrime Minister of X": in a signature, a letterhead or a joint
        statement's block of signatories, a name alone on its line (with its honorifics and
        post-nominal letters) holds the title that fills the next line. A blank line between them,
        a name or a verb on the title's line (a sentence that opens with an office) say no."""
        i = run.start - 1
        while i >= 0 and "\n" not in doc[i].text:  # the name line: honorifics, "the", a bullet
            honorific = self.vocabulary.heads.get(doc[i].lower_) == "honorific" or (
                i in head_at and head_at[i].base == "honorific"
            )
            if not (honorific or doc[i].lower_ == "the" or doc[i].is_punct):
                return None
            i -= 1
        k = run.end
        while k < len(doc) and "\n" not in doc[k].text:  # then "MP", "QC", "M.P.", commas
            text = doc[k].text
            if not (text in (",", ".") or k in head_at or _capital_letters(text)):
                return None
            k += 1
        breaks = 0
        while k < len(doc) and doc[k].is_space:
            breaks += doc[k].text.count("\n")
            k += 1
        if breaks != 1 or k >= len(doc):
            return None  # the last line, or a blank line: a new paragraph, not the name's title
        start = k
        while (
            k < len(doc) and (doc[k].lower_ == "the" or doc[k].lower_ in self._pre_head) and k not in head_at
        ):
            k += 1  # "Acting President of X"
        h = head_at.get(k)
        if h is None or h.start != k or h.base == "honorific":
            return None
        end = h.end
        while end < len(doc) and "\n" not in doc[end].text:
            tok = doc[end]
            if end in run_starts or (tok.pos_ in ("VERB", "AUX") and not tok.text[:1].isupper()):
                return None  # "Prime Minister Jane Doe said ...": a sentence, not a title line
            end += 1
        while end > h.end and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        # as sure as a title written before the name: the layout leaves no other reading
        return self.titles.interpret(doc, h, start, end, places, confidence=0.9)

    def _set_off(self, doc: Doc, office: Office, run_starts) -> bool:
        """Whether ``office`` ends an apposition: punctuation follows it, and no name comes next ("A,
        Secretary for X, Prime Minister of Y, B" gives the last office to B; "A, B's spokesman, the
        president talked" makes the last one a clause's subject)."""
        span = doc.char_span(office.start_char, office.end_char, alignment_mode="expand")
        if span is None:
            return False
        k = span.end
        if k < len(doc) and not (doc[k].is_punct or doc[k].is_space):
            return False
        while k < len(doc) and (
            doc[k].text in (",", "-", "–", "—")
            or doc[k].is_space
            or doc[k].lower_ == "the"
            or self.vocabulary.heads.get(doc[k].lower_) == "honorific"
            or doc[k].text == "."
            and self.vocabulary.heads.get(doc[k - 1].lower_) == "honorific"
        ):
            k += 1  # ", the Honorable A", ", Hon. A"
        return k not in run_starts

    def _common(self, tok) -> bool:
        """A word of common English (its lemma is a noun or adjective) that the model does not tag
        as part of a person's name."""
        low = tok.lower_
        words = self._common_and_body_words()
        singular = low[:-1] if low.endswith("s") else low
        return tok.ent_type_ != "PERSON" and (
            low in words or singular in words or tok.lemma_.lower() in words
        )

    def _common_and_body_words(self) -> frozenset[str]:
        """:attr:`common_words` with the parliament and international body words, joined once for
        the words that are set (joining them per token cost more than the rest of extraction)."""
        if self._with_bodies is None or self._with_bodies[0] is not self.common_words:
            v = self.vocabulary
            self._with_bodies = (self.common_words, self.common_words | v.parliament | v.international)
        return self._with_bodies[1]

    def of_body(self, doc: Doc, run: NameRun, places) -> Office | None:
        """ "A of the Canadian Embassy", "B from the Ministry of Finance": a name "of" or "from" a
        state body of a kind only officials serve, with no title, is its official."""
        i = run.end
        if i + 2 >= len(doc) or doc[i].lower_ not in ("of", "from"):
            return None
        j = i + 1 + (doc[i + 1].lower_ == "the")
        body = None
        k = j
        while k < len(doc) and k - j < 10:
            tok = doc[k]
            if tok.text[:1].isupper():
                if body is None and tok.lower_ in OFFICIAL_BODIES:
                    body = k
            elif tok.lower_ not in ("of", "the", "for", "and", "'s", "’s"):
                break
            k += 1
        while k > j and doc[k - 1].lower_ in ("of", "the", "for", "and"):
            k -= 1
        if body is None:
            return None
        head = TitleHead(body, body + 1, "official")
        return self.titles.interpret(doc, head, j, k, places, confidence=0.7)

    def _common_run(self, doc: Doc, at: int, run_starts) -> bool:
        """A capitalised run of common English words the model does not take for a person
        ("Parliamentary Communication"): a body's or subject's name, not a name."""
        k = at
        while k in run_starts and k - at < 6:
            if doc[k].ent_type_ == "PERSON" or doc[k].lower_ not in self.common_words:
                return False
            k += 1
        return k > at

    def _past_modifiers(self, doc: Doc, i: int, head_at, run_starts, *, stop=()) -> int:
        """Where the office's head starts after up to MAX_MODIFIERS words that qualify it but that the
        vocabulary does not know ("Regional Representative", "Assistant Secretary-General", "the
        first female President", "Marov's spokesman"); ``i`` itself when no head follows them. A
        place (in ``stop``) ends the walk: the caller steps over it and walks on."""
        j = i
        while j < len(doc) and j - i <= MAX_MODIFIERS:
            if j in head_at and head_at[j].start == j and head_at[j].base != "honorific":
                return j
            if j > i and j in stop:
                return j
            tok = doc[j]
            if tok.text in ("'s", "’s", "-"):
                j += 1
                continue
            if j in run_starts and doc[j].lower_ not in self.common_words:
                # a name is a modifier only as a possessive ("Marov's spokesman"); a common word in a
                # capitalised run is one anyway ("Resident Ambassador")
                k = j
                while k in run_starts and k - j < 5:
                    k += 1
                if k >= len(doc) or doc[k].text not in ("'s", "’s"):
                    return i
                j = k + 1
                continue
            if tok.is_punct or tok.is_space or tok.lower_ in CONNECTORS or tok.like_url:
                return i
            if not tok.text[:1].isupper() and (
                tok.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM") or tok.lower_ in RELATIVE
            ):
                return i  # "said", "and": no qualifier of an office
            j += 1
        return i

    def elected_as(self, doc, run: NameRun, head_at, places, run_starts: set[int]) -> Office | None:
        """ "X on his election as Speaker of the Mazhilis", "X, newly appointed as Ambassador to ...":
        the office "as" introduces right after a name is that person's."""
        for i in range(run.end, min(run.end + 7, len(doc) - 1)):
            if i in run_starts or doc[i].is_punct:
                return None
            if doc[i].lower_ != "as":
                continue
            j = i + 1 + (doc[i + 1].lower_ in ("the", "a", "an"))
            h = head_at.get(j)
            if h is None or h.start != j or h.base == "honorific":
                return None
            end = h.end
            while end < len(doc) and end - h.start < 16 and not doc[end].is_punct and end not in run_starts:
                if doc[end].pos_ in ("VERB", "AUX"):
                    break
                end += 1
            return self.titles.interpret(doc, h, h.start, end, places, confidence=0.8)
        return None

    def apposed(self, doc: Doc, run: NameRun, head_at, place_at, places, run_starts) -> Office | None:
        """ "Acting Minister of Transport and Logistics, Gift Banda, signed": the parse makes the name
        an apposition of the office's head, across words of a body's name that the chain of known
        words does not cross."""
        root = doc[run.start : run.end].root
        if root.dep_ != "appos" or root.head.i >= run.start or doc[run.start - 1].text != ",":
            return None  # only the comma-set apposition: a name right after a phrase is before()'s
        h = head_at.get(root.head.i)
        if h is None or h.base == "honorific" or run.start - h.end > MAX_CHAIN:
            return None
        if any(i in run_starts and doc[i].ent_type_ == "PERSON" for i in range(h.end, run.start)):
            return None  # another person's name between the office and this one
        if any(
            doc[i].text in (";", ".", ":") or doc[i].pos_ in ("VERB", "AUX") for i in range(h.end, run.start)
        ):
            return None
        start = h.start
        while start >= 1 and (
            (start - 1) in head_at
            or place_at.get(start - 1) is not None
            or doc[start - 1].lower_ in self.vocabulary.modifiers | self.vocabulary.former
        ):
            start -= 1  # "Acting Minister", "Zambian Minister", "Deputy Minister"
        end = run.start
        while end > h.end and doc[end - 1].text in (",", "-", "–", "—"):
            end -= 1
        return self.titles.interpret(doc, h, start, end, places, confidence=0.8)

    def bracketed(self, doc: Doc, run: NameRun, head_at, places) -> Office | None:
        """ "Kofi Mensah (MP, Ghana)", "Ana Lima (Brazil)": an office or a country in brackets right
        after a name."""
        i = _past_repeat(doc, run)
        if i >= len(doc) or doc[i].text != "(":
            return None
        close = next((j for j in range(i + 1, min(i + 10, len(doc))) if doc[j].text == ")"), None)
        if close is None:
            return None
        h = next(
            (head_at[j] for j in range(i + 1, close) if j in head_at and head_at[j].base != "honorific"), None
        )
        if h is None or h.end > close:
            return None
        # "(Cork East, Ceann Comhairle)": a constituency before the office is no part of it; a country
        # is ("(Ghana, Minister of Trade)")
        start = max((j + 1 for j in range(i + 1, h.start) if doc[j].text == ","), default=i + 1)
        if any(p.kind in ("country", "demonym", "institution") and i < p.start < start for p in places):
            start = i + 1
        return self.titles.interpret(doc, h, start, close, places, confidence=0.8)

    # -- records ---------------------------------------------------------------------------------


def _past_repeat(doc: Doc, run: NameRun) -> int:
    """Past the end of a name written twice with no space between ("Photo of Ana Ruiz-LopeAna
    Ruiz-Lope (Cork East, Minister)": a photo's caption glued to the name it captions, the name
    run ending inside the glued word): where the text goes on after the repeated words; the run's
    end when there is none."""
    words = [t.text for t in doc[run.start : run.end]]
    glued = words[-1]
    k = run.end
    while k < len(doc) and k - run.end < 4 and doc[k].text[:1].isupper():
        text = doc[k].text
        if text not in words and not (len(text) >= 3 and glued.startswith(text) and glued != text):
            break
        k += 1
    if k == run.end or not glued.endswith(words[0]) or glued == words[0]:
        return run.end  # no glued pair: "Ana Ruiz (Cork East)" as written
    return k


def _governs(doc: Doc, outer: TitleHead, inner: TitleHead) -> bool:
    """Whether ``inner`` is a plural in a body's name after "of" ("President of the Conference of
    Speakers A", "Chairman of the Council of Ministers B"): then the outer office is the name's."""
    k = inner.start - 1
    while k > outer.end and doc[k].lower_ == "the":
        k -= 1
    return plural_head(doc, inner) and doc[k].lower_ == "of" and k > outer.end


def _placed_run(doc: Doc, last: int, run_starts) -> bool:
    """Whether the capitalised run ending at ``last`` follows "in" or "at" ("received in Ain Tala,
    the Ambassador of X, Jane Doe"): a place's name, not a person an apposition could describe."""
    k = last
    while k - 1 in run_starts and last - k < 6:
        k -= 1
    return k >= 1 and doc[k - 1].lower_ in ("in", "at")


# the role classes by rank, for a name holding two offices at once ("Minister of Construction and
# Chairman of the Sub-committee A"): the office of a state ahead of a chamber's, a chamber's head
# ahead of its members, a member ahead of an official of a body (an international assembly's head
# with a national office holds the national one)
RANK = {
    "head_of_state": 8,
    "head_of_government": 7,
    "speaker": 6,
    "deputy_speaker": 5,
    "minister": 4,
    "ambassador": 3,
    "mp": 2,
    "official": 1,
    "other": 0,
}


def office_rank(office: Office) -> int:
    """The rank of an office among those one name holds; an office held before ("former") ranks
    below any held now, except a head of state's, which the person keeps."""
    if office.former and office.role_class != "head_of_state":
        return -1
    return RANK.get(office.role_class, 0)


def bare_guess(office: Office) -> bool:
    """ "President", "Chairman": a bare head whose role class titles.py guessed (confidence capped)."""
    return office.confidence <= 0.8 and len(office.title.split()) <= 2 and office.role_class != "mp"


def bare_legislator(office: Office) -> bool:
    """ "Senator", "Rep.", "MP": a legislator's title of a word or two that names no chamber."""
    return office.role_class == "mp" and len(office.title.split()) <= 2


def _next_in_roster(doc: Doc, at: int, head_at, run_starts) -> bool:
    """Whether the name at ``at`` is followed by its own office set off by a comma ("B, Ambassador
    of Y"): then it is the next item of a roster of "name, office" pairs."""
    k = at
    while k in run_starts:
        k += 1
    if k + 1 >= len(doc) or doc[k].text != ",":
        return False
    k += 1
    if doc[k].lower_ == "the" and k + 1 < len(doc):
        k += 1
    h = head_at.get(k)
    return h is not None and h.start == k and h.base != "honorific"


def _names_after_office(doc: Doc, head: TitleHead, at: int) -> bool:
    """Whether the capitalised run at ``at``, inside an office that follows a name, names the office's
    holder ("A, Deputy Chairman B", ", Congressmen A and B") rather than ends the body's name
    ("A, Minister of Home Security and Technology"): right after the head, after a plural head, or
    a person by the statistical model, or not joined to the words before it by a connector
    ("Chairman of the Friendship Group A B")."""
    if at == head.end or plural_head(doc, head):
        return True
    return doc[at].ent_type_ == "PERSON" or doc[at - 1].lower_ not in CONNECTORS


def _past_gloss(doc: Doc, i: int, head_at) -> int:
    """After a short bracketed gloss with no office in it ("A (Reform Party), chair of X",
    "B (Panama), host of the meeting"): where the text goes on; ``i`` when there is none."""
    if i >= len(doc) or doc[i].text != "(":
        return i
    close = next((k for k in range(i + 1, min(i + 9, len(doc))) if doc[k].text == ")"), None)
    if close is None or any(k in head_at and head_at[k].base != "honorific" for k in range(i + 1, close)):
        return i  # an office in brackets is bracketed()'s: "Kofi Mensah (MP, Ghana)"
    return close + 1


def _post_nominal(doc: Doc, i: int, head_at) -> bool:
    """Letters after a name and its comma that are no office: honours and degrees ("CBE", "A.A.",
    "QC"), followed by another comma."""
    if i + 1 >= len(doc) or doc[i + 1].text != ",":
        return False
    if i in head_at and head_at[i].base != "honorific":
        return False  # "MP", "MNA": an office
    text = doc[i].text
    return 2 <= len(text) <= 8 and _capital_letters(text)


def _capital_letters(text: str) -> bool:
    """Capital letters, five at most, dotted or not: "MP", "M.P.", "CBE", "QC"."""
    letters = text.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5
