"""Countries of persons whose office leaves them unstated.

Tried in order, each only where it raised the dev scores: a news outlet named in the title
("General Director of Kazinform"), a descriptor elsewhere in the article ("the Uzbek President"), a
national agency's name for heads of state, government and chambers (``data/outlets.json``), the
country the article ties a generic chamber to ("the Vietnamese legislature"), the dateline (or the
city the lead names) for domestic offices, then the country the article names most
(``focus.ranked_countries``), which a learned choice among the article's countries
(``person_country``) may overrule. A country another holder of the same exclusive office already holds,
or one the person is said to travel to ("the visit of President X to Berlin"), is never theirs.
Evidence confidence says which rule applied.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from parleys.extract.body_offices import BodyOffices
from parleys.extract.event_place import _other_events_place
from parleys.extract.extensions import text_of
from parleys.extract.focus import RANKED, Agencies, Divisions, Home, home_countries, ranked_countries
from parleys.extract.gazetteer import Place
from parleys.extract.groups import (
    PARTNER_PREPOSITIONS,
    facing_groups,
    group_countries,
    group_members,
    led_by_owner,
    share_leaders_country,
)
from parleys.extract.locations import DATELINE_AFTER, DATELINE_WINDOW, Location, dateline, place_in
from parleys.extract.organizations import LEXICON, load_data
from parleys.extract.person_country import (
    VISITOR_WORDS,
    CountryModel,
    candidates,
    features,
    frame,
    sentence_ids,
)
from parleys.extract.sides import (
    HOST,
    VISITOR,
    Messages,
    counterpart_countries,
    find_sides,
    message_frame,
    party_members,
)
from parleys.extract.titles import TitleFinder, TitleHead
from parleys.extract.vocabulary import TitleVocabulary
from parleys.extract.when_where import _future
from parleys.records import Evidence, PersonRecord

if TYPE_CHECKING:
    from parleys.extract.coreference import Mention

EXCLUSIVE_ROLES = frozenset({"head_of_state", "head_of_government", "speaker"})
BODY_STAFF_ROLES = frozenset({"official", "other", "speaker", "head_of_state"})
NATIONAL_ROLES = frozenset({"minister", "mp", "head_of_government"})  # not an envoy: "EU Ambassador"
OUTLET_ROLES = frozenset({"head_of_state", "head_of_government", "speaker", "deputy_speaker"})
HINT = 0.7  # evidence confidence of a country word right beside a name (persons.py)
DECISIONS_KEY = "parleys.person_country"  # the candidates and features of each choice, for training


class UnstatedCountries:
    def __init__(self, nlp: Language, vocabulary: TitleVocabulary, titles: TitleFinder) -> None:
        self.vocabulary = vocabulary
        self.titles = titles
        self.outlets = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.outlet_country = _load_outlets()
        names = sorted(self.outlet_country, key=len, reverse=True)
        self.outlet_in_title = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")
        for name in self.outlet_country:
            self.outlets.add(name, [nlp.make_doc(name)])
        self.body_offices = BodyOffices(nlp)  # offices of international bodies (body_offices.py)
        self.weak_acronyms = _load_weak_acronyms()
        self.chambers = _load_chambers()
        self.divisions = Divisions()
        self.agencies = Agencies()
        self.model = CountryModel.load()
        self.collect = False  # keep every choice's candidates and features (training)

    @functools.cached_property
    def bodies(self) -> re.Pattern[str]:
        """Names and acronyms of international bodies (:func:`_load_bodies`), compiled at first use:
        only the title of a body's staff member is read with it, and compiling its alternation of
        some hundred names was about a tenth of building this component."""
        return _load_bodies()

    def fill(
        self,
        doc: Doc,
        records: list[PersonRecord],
        mentions: list[Mention],
        places: list[Place],
        heads: list[TitleHead],
    ) -> None:
        """Fill countries the office left open: "the Uzbek President" elsewhere, then the dateline."""
        for rec in records:
            ev = rec.evidence.get("country")
            # "Ambassador to Kenya X": the country beside the name is where the envoy is posted,
            # not whom they represent (a hint next to the name has evidence confidence HINT)
            if (
                rec.role_class == "ambassador"
                and rec.country
                and ev is not None
                and ev.confidence == HINT
                and rec.country in _partners(doc, [m for m in mentions if m.person == rec.key], places)
            ):
                rec.country = None
                del rec.evidence["country"]
            elif rec.country and ev is not None and ev.confidence == HINT and _partner_object(doc, ev.start):
                # "the working group for ties with Kazakhstan X": the country beside the name is the
                # object of the phrase before it, the partner of the person's office, not their own
                rec.country = None
                del rec.evidence["country"]
        _sender_before_posting(doc, records, places)
        _one_holder(records, self.chambers)
        used: set[int] = set()
        for m in mentions:
            if m.office is not None:
                used.update(
                    range(
                        _token_at(doc, m.office.start_char),
                        m.start,
                    )
                )
        place_at = {i: p for p in places for i in range(p.start, p.end)}
        by_role: dict[str, set[str]] = {}
        evidence: dict[str, Evidence] = {}
        sent_of = sentence_ids(doc)
        # the sentences of each descriptor ("the Speaker of X"), by role: a person named in the same
        # sentence is someone else ("X wrote to the Speaker of Y"), and so is a holder of the same
        # office there that no country qualifies ("the Speaker of Y invited our Speaker")
        described_in: dict[str, dict[str, set[int]]] = {}
        # the persons an exclusive office's descriptor stands beside, by role and country
        seated: dict[str, dict[str, set[str]]] = {}
        plain_heads = [h for h in heads if h.base != "honorific" and h.start not in used]
        for h in heads:
            if h.base == "honorific" or h.start in used:
                continue
            start, end = h.start, h.end
            before = place_at.get(h.start - 1)
            if before is not None and before.kind in ("demonym", "country"):
                start = before.start
            j = h.end
            if j < len(doc) and doc[j].lower_ == "of":
                k = j + 1 + (1 if j + 1 < len(doc) and doc[j + 1].lower_ == "the" else 0)
                after = place_at.get(k)
                owns = after is not None and after.end < len(doc) and doc[after.end].text in ("'s", "’s")
                if after is not None and after.kind in ("country", "institution") and not owns:
                    end = after.end  # not "the head of Kazakhstan's friendship group"
            if (start, end) == (h.start, h.end) or _past_or_shared(doc, start, end, place_at):
                continue
            office = self.titles.interpret(doc, h, start, end, places, confidence=0.6)
            if office.country:
                sent = sent_of[h.start]
                if any(
                    o is not h
                    and o.base == h.base
                    and sent_of[o.start] == sent
                    and _unqualified(doc, o, place_at)
                    for o in plain_heads
                ):
                    continue
                by_role.setdefault(office.role_class, set()).add(office.country)
                described_in.setdefault(office.role_class, {}).setdefault(office.country, set()).add(sent)
                holder = _apposed(doc, mentions, start, end)
                if holder is not None and office.role_class in EXCLUSIVE_ROLES:
                    # "Name MP\nPrime Minister of Australia": the seat of the person it stands beside
                    seated.setdefault(office.role_class, {}).setdefault(office.country, set()).add(holder)
                evidence.setdefault(
                    office.role_class, Evidence(office.start_char, office.end_char, office.title, 0.6)
                )
        ranked = ranked_countries(doc, places)
        outlet = self._outlet(doc)
        bodies = self._generic_bodies(doc, places)
        stated_line = dateline(doc, places) or _country_dateline(doc, places)  # the dateline the text gives
        line = stated_line or _lead_city(doc, places)
        # the tokens of the persons' stated offices ("the US Ambassador"): a country named there
        # qualifies the other side, for the home scores and the learned choice's frame
        office_tokens: set[int] = set()
        for m in mentions:
            if m.office is not None:
                office_tokens.update(
                    range(_token_at(doc, m.office.start_char), _token_at(doc, m.office.end_char - 1) + 1)
                )
        home = self._home(doc, places, stated_line, outlet, office_tokens)
        # the guess for a person no rule places: the article's home country first
        guesses = home.ranked()
        envoy = _envoy_host(doc, mentions, places) or _posted_to(doc, heads, places)
        host = line or envoy
        offices = {m.person: m.office for m in mentions if m.office is not None}
        bound_for = destinations(doc, mentions, places)
        # an office of an international body has no country ("Secretary General of the OAS", "EU
        # Ambassador"); a minister's or a member's is national whatever body it names ("Minister of
        # Foreign and CARICOM Affairs", "member of the IPU Executive Committee")
        international = {
            m.person
            for m in mentions
            if m.office is not None and m.office.international and m.office.role_class not in NATIONAL_ROLES
        }
        article, neighbours = self._frame(
            doc, records, mentions, places, line, envoy, outlet, bound_for, home, sent_of, office_tokens
        )
        stated_by = {r.key: r.country for r in records if r.country}
        # the countries each office of many holders (a member, a minister) has stated holders of: a
        # descriptor elsewhere ("the Kenyan MPs") is theirs before it is an unstated holder's
        held_by_role: dict[str, set[str]] = {}
        for r in records:
            ev = r.evidence.get("country")
            if r.country and r.role_class not in EXCLUSIVE_ROLES and ev is not None and ev.confidence >= HINT:
                held_by_role.setdefault(r.role_class, set()).add(r.country)
        described = counterpart_countries(doc, mentions, places)  # "his Ghanaian counterpart, Y"
        for key, found in party_members(doc, mentions, places).items():  # "the Kenyan delegation included Y"
            described.setdefault(key, found)
        for key, (_, country) in described.items():
            stated_by.setdefault(key, country)
        # "the Kenyan delegation comprised A and B", "a delegation led by [Kenyan title] A included B":
        # a group's members share the country that owns it or that its leader's office states
        grouped, unowned = group_countries(doc, group_members(doc, mentions, places), records, stated_by)
        received = facing_groups(doc, mentions, places)  # "A received the Kenyan delegation"
        for key, owned in led_by_owner(doc, mentions, places).items():  # "Mexico's coalition led by A"
            grouped.setdefault(key, owned)
        for key, (country, _) in grouped.items():
            stated_by.setdefault(key, country)
        sides = find_sides(
            doc,
            mentions,
            places,
            stated_by,
            destinations=set(article.destination),
            envoys_to=set(article.envoys_to) | ({article.host} if article.host else set()),
            envoys_from=set(article.envoys_from),
            delegations=set(article.delegation),
            dateline=line.country if line is not None else None,
            ranked=[c for c, _ in ranked],
        )
        rostered = _rosters(doc, mentions, heads, places, stated_by)
        messages = message_frame(doc, mentions, places)  # "A expressed condolences to the people of X"
        # a short acronym that alone is too common to trust ("PAP") names its body where the article
        # also spells the body out
        lowered = text_of(doc).lower()
        defined = [a for a, names in self.weak_acronyms if any(n in lowered for n in names)]
        decisions: list[dict] = []
        for rec in records:
            if rec.country is not None or rec.key in international:
                continue
            # one head of state, government or chamber per country: a country another person of the
            # same role already holds is not this person's
            taken = {
                r.country
                for r in records
                if r is not rec
                and r.country
                and r.role_class == rec.role_class
                and rec.role_class in EXCLUSIVE_ROLES
                and _holds_office_now(r)
                and _same_seat(r, rec, self.chambers)
            }
            if rec.role_class == "ambassador" and line is not None and line.country:
                taken.add(line.country)  # an envoy is not from the country the story happens in
            if rec.role_class == "ambassador":  # nor from the one their office posts them to
                taken |= _partners(doc, [m for m in mentions if m.person == rec.key], places)
            taken |= bound_for.get(rec.key, set())  # a visitor is not from where the visit goes
            taken |= received.get(rec.key, set())  # nor a host from the country of the group received
            said = rec.evidence.get("title")
            named = self.outlet_in_title.findall(said.text) if said is not None else []
            house = {self.outlet_country[name] for name in named}
            if said is not None and len(house) == 1:  # "General Director of Kazinform News Agency"
                rec.country = house.pop()
                rec.evidence["country"] = Evidence(said.start, said.end, said.text, 0.6)
                continue
            if rec.key in described and described[rec.key][1] not in taken:
                at, rec.country = described[rec.key]
                rec.evidence["country"] = Evidence(doc[at].idx, doc[at].idx + len(doc[at]), doc[at].text, 0.6)
                continue
            listed = rostered.get(rec.key)
            if listed is not None and listed[0] not in taken:  # "Participating Kenyan MPs were A, B"
                rec.country, rec.evidence["country"] = listed
                continue
            member = grouped.get(rec.key)
            if member is not None and member[0] not in taken:  # "the delegation of Kenya included A"
                rec.country, rec.evidence["country"] = member
                continue
            stated_office = offices.get(rec.key)
            found_bodies: set[str] = set()
            if stated_office is not None:
                words = stated_office.title.lower()
                found_bodies = {c for w, cs in bodies.items() if w in words for c in cs}
            companions = {stated_by[k] for k in sides.together.get(rec.key, ()) if k in stated_by}
            counterparts = {stated_by[k] for k in sides.against.get(rec.key, ()) if k in stated_by}
            side_country = sides.of(rec.key)
            # a descriptor in a sentence that names this person is about someone else
            own_sents = {sent_of[m.start] for m in mentions if m.person == rec.key}
            elsewhere = {
                c for c, sents in described_in.get(rec.role_class, {}).items() if not sents <= own_sents
            }
            elsewhere -= held_by_role.get(rec.role_class, set())
            elsewhere -= {c for c, keys in seated.get(rec.role_class, {}).items() if rec.key not in keys}
            mine_by_role = {**by_role, rec.role_class: by_role.get(rec.role_class, set()) & elsewhere}
            rule = self._rule(
                doc,
                rec,
                taken,
                mine_by_role,
                evidence,
                outlet,
                stated_office,
                found_bodies,
                host,
                line,
                guesses,
                home.departures,
            )
            if rule is None and ranked:
                # every country the article names has its holder of the office: the office is
                # shared after all (a former or an elected holder, a second chamber's head), and
                # the guess falls back to the most named country the person is not travelling to
                away = bound_for.get(rec.key, set())
                rule = next(((c, ev) for c, ev in guesses if c not in away), None)
            facing = set(counterparts)
            if sides.side.get(rec.key) is not None:
                other_side = sides.country.get(HOST if sides.side[rec.key] == VISITOR else VISITOR)
                if other_side is not None and other_side != side_country:
                    facing.add(other_side)
            rule = _side_rule(doc, article, rule, taken, side_country, companions, facing, guesses)
            rule = _envoys_home(doc, article, rule, rec.role_class, taken, sides.country.get(HOST))
            rule = _senders_country(doc, rule, rec.key, taken, messages, guesses)
            rule = _relayed_country(rule, rec.key, taken, messages, records)
            if (
                said is not None
                and rec.role_class in BODY_STAFF_ROLES
                and (self.bodies.search(said.text) or any(a.search(said.text) for a in defined))
                and (rule is None or rule[1].confidence < 0.5)
            ):
                continue  # "Secretary General of the OAS", "President of the PAP": staff of a body
            if self.model is None and not self.collect:
                if rule is not None:
                    rec.country, rec.evidence["country"] = rule
                continue
            mine = [m for m in mentions if m.person == rec.key]
            table = {
                c: features(
                    article,
                    c,
                    role=rec.role_class,
                    mention_tokens=[m.start for m in mine],
                    mention_sents={sent_of[m.start] for m in mine},
                    visitor=any(
                        t.lower_ in VISITOR_WORDS for m in mine for t in doc[max(0, m.start - 8) : m.start]
                    ),
                    taken=taken,
                    by_role=by_role.get(rec.role_class, set()),
                    bodies=found_bodies,
                    neighbours=neighbours.get(rec.key, set()),
                    rule=rule[0] if rule else None,
                    n_tokens=len(doc),
                    side=sides.side.get(rec.key),
                    side_country=side_country,
                    sides=sides,
                    companions=companions,
                    counterparts=counterparts,
                )
                for c in candidates(article, by_role.get(rec.role_class, set()))
            }
            decisions.append(
                {
                    "key": rec.key,
                    "rule": rule[0] if rule else None,
                    "confidence": rule[1].confidence if rule else None,
                    "table": table,
                }
            )
            # the model only replaces the weakest guess, the article's most named country
            guessed = rule is None or rule[1].confidence == RANKED
            chosen = (
                self.model.choose(table, rule[0] if rule else None)
                if self.model is not None and guessed
                else None
            )
            if chosen is not None and (rule is None or chosen[0] != rule[0]):
                country = chosen[0]
                rec.country = country
                at = article.first.get(country)
                if at is not None:
                    span = doc[at : at + 1]
                    rec.evidence["country"] = Evidence(span.start_char, span.end_char, span.text, 0.42)
                elif line is not None and country == line.country:
                    rec.evidence["country"] = Evidence(
                        line.start, line.end, text_of(doc)[line.start : line.end], 0.42
                    )
                elif host is not None and country == host.country:
                    rec.evidence["country"] = Evidence(
                        host.start, host.end, text_of(doc)[host.start : host.end], 0.42
                    )
                else:
                    rec.evidence["country"] = Evidence(0, 0, "", 0.3)
            elif rule is not None:
                rec.country, rec.evidence["country"] = rule
        self.body_offices.settle(doc, records, mentions, heads, places)  # an international body's office
        share_leaders_country(records, unowned)
        if self.collect:
            doc.user_data[DECISIONS_KEY] = decisions

    def _frame(
        self, doc, records, mentions, places, line, envoy, outlet, bound_for, home, sent_of, office_tokens
    ):
        """The article's frame for the learned choice, and the listed neighbours' countries."""
        stated: dict[str, int] = {}
        for r in records:
            if r.country:
                stated[r.country] = stated.get(r.country, 0) + 1
        envoys_to = _partners(
            doc, [m for m in mentions if m.office and m.office.role_class == "ambassador"], places
        )
        article = frame(
            doc,
            places,
            sent_of,
            dateline=line.country if line is not None else None,
            host=envoy.country if envoy is not None else None,
            outlet=outlet[0] if outlet is not None else None,
            partner=_partners(doc, mentions, places),
            destination={c for cs in bound_for.values() for c in cs},
            stated=stated,
            office_tokens=office_tokens,
            envoys_to=envoys_to,
            envoys_from={r.country for r in records if r.country and r.role_class == "ambassador"},
            home=home.scores,
            departed=home.departures,
        )
        neighbours = _listed_neighbours(doc, mentions, {r.key: r.country for r in records if r.country})
        return article, neighbours

    def _rule(
        self, doc, rec, taken, by_role, evidence, outlet, stated, named_bodies, host, line, ranked, away
    ):
        """The hand rules' choice for a person whose office leaves the country open, in order."""
        found = by_role.get(rec.role_class, set()) - taken
        if len(found) == 1:
            return next(iter(found)), evidence[rec.role_class]
        if outlet is not None and outlet[0] not in taken and rec.role_class in OUTLET_ROLES:
            return outlet  # "President X" in a national agency's story
        if stated is not None:
            named = named_bodies - taken
            if len(named) == 1:
                return next(iter(named)), Evidence(stated.start_char, stated.end_char, stated.title, 0.5)
            words = stated.title.lower()
            tokens = set(words.replace("(", " ").replace(")", " ").split())
            # a domestic office named without its country ("National Assembly Speaker X") is of the
            # place the story happens in: the dateline, the lead's city, or (for a chamber only)
            # the country an envoy in the story is posted to; never a country someone in the story
            # departs for ("left for Indonesia to attend the conference held in Palembang")
            parliamentary = tokens & self.vocabulary.parliament
            where = host if parliamentary else line
            # "Deputy government spokesman X": an office of the government, named without its
            # country, is the national government's of where the story happens
            domestic = (
                parliamentary
                or rec.role_class in ("minister", "head_of_government", "head_of_state")
                or "government" in tokens
            )
            if where is not None and where.country and where.country not in taken | away and domestic:
                return where.country, Evidence(
                    where.start, where.end, text_of(doc)[where.start : where.end], 0.45
                )
        for country, ev in ranked:
            if country not in taken:
                return country, ev
        return None

    def _home(self, doc, places, said, outlet, office_tokens) -> Home:
        """The article's home country scores (``focus.home_countries``), from its dateline (``said``),
        agency, lone cities and provinces, and its countries named outside the persons' stated
        offices (``office_tokens``)."""
        line = None
        if said is not None and said.country:
            line = said.country, Evidence(said.start, said.end, text_of(doc)[said.start : said.end], RANKED)
        agency = None
        if outlet is not None:
            agency = outlet[0], Evidence(outlet[1].start, outlet[1].end, outlet[1].text, RANKED)
        else:
            credit = self.agencies.credited(text_of(doc))  # "(KNA)", "ZANIS reports"
            if credit is not None:
                country, start, end = credit
                agency = country, Evidence(start, end, text_of(doc)[start:end], RANKED)
        return home_countries(
            doc,
            places,
            line=line,
            outlet=agency,
            office_tokens=office_tokens,
            divisions=self.divisions.find(doc),
        )

    def _outlet(self, doc: Doc) -> tuple[str, Evidence] | None:
        hits = sorted(self.outlets(doc), key=lambda h: h[1])
        if not hits:
            return None
        match_id, start, end = hits[0]
        span = doc[start:end]
        return self.outlet_country[doc.vocab.strings[match_id]], Evidence(
            span.start_char, span.end_char, span.text, 0.35
        )

    def _generic_bodies(self, doc: Doc, places: list[Place]) -> dict[str, set[str]]:
        """Generic parliament words the article ties to a country: "the Vietnamese legislature",
        "Vietnam National Assembly", "the parliament of Georgia" -> {"legislature": {"VNM"}, ...}."""
        out: dict[str, set[str]] = {}
        words = self.vocabulary.parliament
        for p in places:
            if p.kind not in ("country", "demonym"):
                continue
            for j in range(p.end, min(p.end + 3, len(doc))):
                low = doc[j].lower_
                if low in words:
                    out.setdefault(low, set()).add(p.country)
                    break
                if not doc[j].text[:1].isupper() and low not in ("'s", "’s"):
                    break
            if p.start >= 2 and doc[p.start - 1].lower_ == "of":
                k = p.start - 2 if doc[p.start - 2].lower_ != "the" else p.start - 3
                if k >= 0 and doc[k].lower_ in words:
                    out.setdefault(doc[k].lower_, set()).add(p.country)
        return out


def _side_rule(doc, article, rule, taken, side_country, companions, counterparts, ranked):
    """The side a person is on before the weaker rules: the country of the side they stand on
    (receiving or visiting), else the one country of the stated persons beside them; a guess from
    the article's most named country never falls on a country the person faces."""
    # a descriptor found elsewhere ("the Speaker of X") that names the other side's country is the
    # counterpart's office, not this person's
    weak = (
        rule is None or rule[1].confidence <= 0.45 or (rule[1].confidence <= 0.6 and rule[0] in counterparts)
    )
    if not weak:
        return rule
    for found in (side_country, next(iter(companions - taken)) if len(companions - taken) == 1 else None):
        if found is not None and found not in taken and found not in counterparts:
            at = article.first.get(found)
            if at is not None:
                span = doc[at : at + 1]
                return found, Evidence(span.start_char, span.end_char, span.text, 0.46)
            return found, Evidence(0, 0, "", 0.46)
    if rule is not None and rule[0] in counterparts:
        for country, ev in ranked:
            if country not in taken and country not in counterparts:
                return country, ev
    return rule


def _envoys_home(doc, article, rule, role, taken, host):
    """An envoy's country is the foreign side of a story: "the Saudi Ambassador to Kuwait" is in
    it because the story happens in Kuwait. A person guessed only from how often the article names
    a country (an envoy's own country is named with every mention of the envoy) takes the
    receiving side's country instead, unless they are an envoy too."""
    if (
        rule is None
        or rule[1].confidence != RANKED
        or role == "ambassador"
        or rule[0] not in article.envoys_from
        or host is None
        or host == rule[0]
        or host in taken
        or article.dateline not in (None, host)  # a dateline says where the story happens
    ):
        return rule
    at = article.first.get(host)
    if at is not None:
        span = doc[at : at + 1]
        return host, Evidence(span.start_char, span.end_char, span.text, 0.41)
    return host, Evidence(0, 0, "", 0.41)


MESSAGE = 0.46  # evidence confidence of a sender's country read from the message frame


def _senders_country(doc, rule, key, taken, messages: Messages, ranked):
    """A message's sender is never of the country it is addressed to ("A expressed condolences to
    the people of X", "a message sent to the Xian minister", "the earthquake in X"): a sender
    guessed no better than a side would place them, on an addressed country or on none, takes the
    one country the message says is the sender's own ("the people of Y stand in solidarity with
    ...", "on behalf of Y"), else the most named country that is not addressed."""
    if key not in messages.senders or (rule is not None and rule[1].confidence > MESSAGE):
        return rule
    if rule is not None and rule[0] not in messages.addressed:
        return rule
    own = [c for c in messages.own if c not in taken]
    if len(own) == 1:
        at = messages.own[own[0]]
        return own[0], Evidence(doc[at].idx, doc[at].idx + len(doc[at]), doc[at].text, MESSAGE)
    for country, ev in ranked:
        if country not in taken and country not in messages.addressed:
            return country, Evidence(ev.start, ev.end, ev.text, MESSAGE)
    return rule


def _relayed_country(rule, key, taken, messages: Messages, records: list[PersonRecord]):
    """A person whose message another passes on ("A conveyed greetings from President B to C") is
    of A's side: a guess no better than a side's takes the country A's office states."""
    relay = messages.relayed.get(key)
    if relay is None or (rule is not None and rule[1].confidence > MESSAGE):
        return rule
    by = next((r for r in records if r.key == relay), None)
    said = by.evidence.get("country") if by is not None else None
    if by is None or by.country is None or said is None or said.confidence < 0.6 or by.country in taken:
        return rule
    return by.country, Evidence(said.start, said.end, said.text, MESSAGE)


PLURAL_TAGS = frozenset({"NNS", "NNPS"})
LIST_VERBS = frozenset({"include", "be", "comprise", "consist", "attend"})


def _rosters(
    doc: Doc,
    mentions: list[Mention],
    heads: list[TitleHead],
    places: list[Place],
    stated: dict[str, str],
) -> dict[str, tuple[str, Evidence]]:
    """Persons listed after a plural office that a country qualifies, in the same sentence:
    "Participating Australian Ministers included A, B and C", "the Kenyan MPs A and B". The list
    ends at the next such office, or at a listed person whose stated country is another one."""
    place_at = {p.end: p for p in places if p.kind in ("country", "demonym") and p.country}
    head_tokens = {i for h in heads for i in range(h.start, h.end)}
    openers: list[tuple[int, int, str, Evidence]] = []
    for h in heads:
        before = place_at.get(h.start)
        if before is not None and before.start > 0 and doc[before.start - 1].lower_ in ("and", ",", "or"):
            continue  # "the Italian and Spanish ambassadors, respectively, A and B": one each
        last = doc[h.end - 1]
        plural = last.tag_ in PLURAL_TAGS or (last.lower_.endswith("s") and not last.lower_.endswith("ss"))
        if before is None or not plural:  # the tagger reads "Ministers" after a country as NNP
            continue
        span = doc[before.start : h.end]
        openers.append(
            (h.end, span.sent.end, before.country, Evidence(span.start_char, span.end_char, span.text, 0.5))
        )
    openers.sort()
    out: dict[str, tuple[str, Evidence]] = {}
    for n, (start, end, country, ev) in enumerate(openers):
        if n + 1 < len(openers):
            end = min(end, openers[n + 1][0])
        at = start
        for m in sorted((m for m in mentions if start <= m.start < end and m.person), key=lambda m: m.start):
            gap = doc[at : m.start]
            # the list follows the office ("Ministers included", "MPs:") and goes on without a
            # clause of its own: "Kenyan ministers met with President A" lists no one
            if (at == start and len(gap) > 4) or any(
                t.pos_ in ("VERB", "AUX") and not (at == start and t.lemma_ in LIST_VERBS) for t in gap
            ):
                break
            if at == start and any(t.pos_ in ("NOUN", "PROPN") and t.i not in head_tokens for t in gap):
                break
            own = stated.get(m.person)  # type: ignore[arg-type]
            if own is not None and own != country:
                break
            out.setdefault(m.person, (country, ev))  # type: ignore[arg-type]
            at = m.end
    return out


PAST_WORDS = frozenset({"former", "late", "ex", "ex-", "then", "erstwhile", "previous"})


def _one_holder(records: list[PersonRecord], chambers: dict[str, str]) -> None:
    """Two current holders of one country's exclusive office ("Biden, Mexico's president talk"
    read as an apposition beside "the Mexican President Y"): the one on weaker evidence loses the
    country, which the rules then decide with the stronger holder's country taken."""
    for rec in records:
        ev = rec.evidence.get("country")
        if rec.role_class not in EXCLUSIVE_ROLES or ev is None or not _holds_office_now(rec):
            continue
        stronger = any(
            other is not rec
            and other.country == rec.country
            and other.role_class == rec.role_class
            and _holds_office_now(other)
            and other.evidence["country"].confidence > ev.confidence
            and _same_seat(other, rec, chambers)
            for other in records
        )
        if stronger:
            rec.country = None
            del rec.evidence["country"]


def _unqualified(doc: Doc, head: TitleHead, place_at: dict[int, Place]) -> bool:
    """A title with no country before it ("the Norwegian Speaker") or after "of" ("the Speaker of
    Norway"): "our Speaker", "the Speaker"."""
    before = place_at.get(head.start - 1)
    if before is not None and before.kind in ("demonym", "country"):
        return False
    k = head.end
    if k < len(doc) and doc[k].lower_ == "of":
        k += 1 + (k + 1 < len(doc) and doc[k + 1].lower_ == "the")
        return k not in place_at
    return True


def _past_or_shared(doc: Doc, start: int, end: int, place_at: dict[int, Place]) -> bool:
    """A descriptor that fits no one now holding the office alone: a past office ("the former
    Indonesian President", "the late King of X") or one several countries share ("the leaders of X
    and Y")."""
    before = [t.lower_ for t in doc[max(0, start - 2) : start] if t.lower_ not in ("the", "a", "an")]
    if any(w in PAST_WORDS or w.startswith("ex-") for w in before):
        return True
    if end < len(doc) and doc[end].lower_ in ("and", "&", ","):
        k = end + 1 + (end + 1 < len(doc) and doc[end + 1].lower_ == "the")
        other = place_at.get(k)
        return other is not None and other.start == k and other.kind in ("country", "demonym")
    return False


def _apposed(doc: Doc, mentions: list[Mention], start: int, end: int) -> str | None:
    """The person whose name stands right beside the descriptor ``start:end``, with only a comma or
    a line break (and a post-nominal) between: "A, Prime Minister of X", "A MP\nPrime Minister of X",
    "X's President, A"."""
    for m in mentions:
        if m.person is None:
            continue
        between = doc[m.end : start] if m.end <= start else doc[end : m.start] if end <= m.start else None
        # a post-nominal ("MP", "QC") may stand between the name and the office
        if between is not None and len(between) <= 3:
            if all(t.is_space or t.text == "," or (t.text.isupper() and len(t) <= 4) for t in between):
                return m.person
    return None


def _token_at(doc: Doc, char: int) -> int:
    """The index of the token that holds character ``char``."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else len(doc)


VISIT_WORDS = frozenset({"visit", "trip", "travel", "tour"})
VISIT_VERBS = frozenset({"visit", "arrive", "travel", "fly", "tour"})


def destinations(doc: Doc, mentions: list[Mention], places: list[Place]) -> dict[str, set[str]]:
    """Where each person travels: "the visit of President X to Berlin", "X's visit to Germany",
    "X arrived in Baku" (a visitor is not from there)."""
    place_at = {i: p for p in places if p.kind in ("country", "city") for i in range(p.start, p.end)}
    out: dict[str, set[str]] = {}
    for m in mentions:
        found = _destination(doc, m, place_at) if m.person is not None and m.end < len(doc) else None
        if found is not None:
            out.setdefault(m.person, set()).add(found.country)  # type: ignore[arg-type]
    return out


def _destination(doc: Doc, m: Mention, place_at: dict[int, Place]) -> Place | None:
    def place_after(i: int) -> Place | None:
        i += i < len(doc) and doc[i].lower_ == "the"
        p = place_at.get(i)
        return p if p is not None and p.start == i else None

    after = doc[m.end]
    if after.lower_ == "to" and any(t.lemma_ in VISIT_WORDS for t in doc[max(0, m.start - 8) : m.start]):
        return place_after(m.end + 1)  # "the visit of President X to Berlin"
    if after.text in ("'s", "’s") and m.end + 2 < len(doc) and doc[m.end + 1].lemma_ in VISIT_WORDS:
        return place_after(m.end + 3) if doc[m.end + 2].lower_ == "to" else None  # "X's visit to Germany"
    root = doc[m.end - 1]
    if root.dep_ != "nsubj" or root.head.lemma_ not in VISIT_VERBS:
        return None
    for child in root.head.children:  # "X arrived in Baku", "X visited Germany"
        target = child if child.dep_ == "dobj" else None
        if child.dep_ == "prep" and child.lower_ in ("to", "in"):
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
        if target is not None and target.i in place_at:
            return place_at[target.i]
    return None


def _envoy_host(doc: Doc, mentions: list[Mention], places: list[Place]) -> Location | None:
    """ "Ambassador of Kazakhstan to Japan": with no dateline, the host country an envoy is posted
    to is where the story happens."""
    for m in mentions:
        if m.office is None or m.office.role_class != "ambassador":
            continue
        start = _token_at(doc, m.office.start_char)
        end = _token_at(doc, m.office.end_char - 1) + 1
        for i in range(start, end):
            if doc[i].lower_ == "to":
                host = next((p for p in places if i < p.start < end and p.kind == "country"), None)
                if host is not None:
                    span = doc[host.start : host.end]
                    return Location(None, host.country, span.start_char, span.end_char, 0.4)
    return None


def _posted_to(doc: Doc, heads: list[TitleHead], places: list[Place]) -> Location | None:
    """ "the new U.S. Ambassador to the Philippines", named or not: the country an envoy is posted
    to, the first one the article gives."""
    country_at = {p.start: p for p in places if p.kind == "country"}
    for h in heads:
        if h.base != "ambassador" and "ambassador" not in doc[h.start : h.end].text.lower():
            continue
        for i in range(h.end, min(h.end + 8, len(doc) - 1)):
            if doc[i].is_punct and doc[i].text not in ("-", "’s", "'s"):
                break
            if doc[i].lower_ == "to":
                host = country_at.get(i + 1) or country_at.get(i + 2)  # "to (the) Philippines"
                if host is not None:
                    span = doc[host.start : host.end]
                    return Location(None, host.country, span.start_char, span.end_char, 0.4)
                break
    return None


def _country_dateline(doc: Doc, places: list[Place]) -> Location | None:
    """ "KUWAIT: National Assembly Speaker X ...": a dateline that names a country (a city-state, or
    a capital that shares the country's name), in capitals at the start of a line."""
    text = text_of(doc)
    for p in places:
        if p.kind != "country":
            continue
        start = doc[p.start].idx
        if start > DATELINE_WINDOW:
            break
        end = doc[p.end - 1].idx + len(doc[p.end - 1].text)
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip() or not text[start:end].isupper():
            continue
        if DATELINE_AFTER.match(text[end : end + 12]):
            return Location(None, p.country, start, end, 0.6)
    return None


def _lead_city(doc: Doc, places: list[Place]) -> Location | None:
    """Where the lead says the story happens ("In Washington, the delegation ..."), for articles
    without a dateline: the first city introduced by "in" in the first three sentences."""
    for sent in list(doc.sents)[:3]:
        here = place_in(doc, sent, places)
        # "an event on oil to be held in X", "will travel to X": another occasion's place
        if here is not None and not (
            _future(doc, here.start) or _other_events_place(doc, here.start, "meeting")
        ):
            return here
    return None


def _load_bodies() -> re.Pattern[str]:
    """Names and acronyms of international bodies (``data/organizations.json``); a title naming one
    is an office of that body, whose holder represents no country unless the text says one."""
    raw = load_data(LEXICON)
    names: set[str] = set()
    acronyms: set[str] = set()
    for org in raw["organizations"]:
        names.update(org.get("names", []))
        acronyms.update(a for a in org.get("acronyms", []) if len(a) >= 2)
    for assembly in raw["assemblies"]:
        names.update(assembly.get("names", []))
        acronyms.update(
            f"{assembly['of']} {short}" for short in assembly.get("short", []) if assembly.get("of")
        )
    names_re = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    acr_re = "|".join(map(re.escape, sorted(acronyms, key=len, reverse=True)))
    return re.compile(rf"(?i:(?<!\w)(?:{names_re})(?!\w))|(?<![\w-])(?:{acr_re})(?![\w-])")


def _load_weak_acronyms() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    """International bodies' acronyms too common to trust alone (``data/organizations.json``'s
    "weak"), each with the body's names (lower case) that vouch for it."""
    raw = load_data(LEXICON)
    out = []
    for org in raw["organizations"]:
        names = tuple(n.lower() for n in org.get("names", []))
        for acronym in org.get("weak", []):
            if names:
                out.append((re.compile(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])"), names))
    return out


def _load_outlets() -> dict[str, str]:
    raw = load_data("outlets.json")
    return dict(raw["outlets"])


def _same_seat(holder: PersonRecord, rec: PersonRecord, chambers: dict[str, str]) -> bool:
    """Whether ``holder`` keeps ``rec`` out of the country's one seat: ``rec`` holds the office now
    (not "former", "late", "-elect"), and for heads of chambers, ``holder`` heads one of two
    chambers (``data/institutions.json``: upper or lower) only where ``rec`` names the same one
    or none ("President of the Senate" beside the President of the Congress of Deputies is the
    other seat; a unicameral parliament has one)."""
    title = (rec.title or "").lower()
    if any(w in title for w in ("former", "late ", "elect", "ex-", "first president")):
        return False
    if rec.role_class != "speaker" or not holder.institution:
        return True
    full = re.sub(r"^the\s+", "", holder.institution.replace("’", "'"), flags=re.I).lower()
    kind = chambers.get(full) or chambers.get(_chamber_key(holder.institution))
    if not rec.institution:
        return True
    words = {_chamber_word(holder.institution), _chamber_word(rec.institution)}
    if kind not in ("upper", "lower"):
        # "the Senate" beside "the House": a chamber named only by its generic word is the other seat
        # where one of the two is an upper house by name
        return len(words) == 1 or not words & UPPER_CHAMBER_WORDS
    return len(words) == 1


UPPER_CHAMBER_WORDS = frozenset({"senate", "lords", "councillors"})  # an upper house by its name


def _chamber_key(institution: str) -> str:
    """ "the Congress of Deputies" -> "congress of deputies", "Japan's House of Councillors" ->
    "house of councillors"."""
    name = re.sub(r"\([^)]*\)", " ", institution).replace("’", "'").strip()
    name = re.sub(r"^(?:the\s+)?[^']*'s\s+", "", name) if "'s " in name else name
    return re.sub(r"^the\s+", "", name, flags=re.I).strip().lower()


def _chamber_word(institution: str) -> str:
    """The last word of a chamber's name, without a gloss in brackets: "the Congress of Deputies"
    -> "deputies", "National Assembly (NA)" -> "assembly"."""
    words = re.sub(r"\([^)]*\)", " ", institution).lower().replace("’", "'").split()
    return words[-1].strip(".,'") if words else ""


def _load_chambers() -> dict[str, str]:
    """Chamber names (lower case) -> "upper", "lower", "unicameral" or "parliament"."""
    raw = load_data("institutions.json")
    return {k.lower(): v["kind"] for k, v in raw.items() if not k.startswith("_") and isinstance(v, dict)}


def _holds_office_now(rec: PersonRecord) -> bool:
    """A stated, current office: a guessed country or a former president takes no seat."""
    ev = rec.evidence.get("country")
    title = (rec.title or "").lower()
    return (
        ev is not None
        and ev.confidence >= 0.6
        and not any(w in title for w in ("former", "first president", "late ", "ex-", "leader", "elbasy"))
    )


def _sender_before_posting(doc: Doc, records: list[PersonRecord], places: list[Place]) -> None:
    """ "the Turkey to Sri Lanka Ambassador X": an envoy's title read from after "to" names the
    posting; the country right before "to" is the one the envoy represents."""
    end_at = {p.end: p for p in places if p.kind in ("country", "demonym") and p.country}
    for rec in records:
        ev = rec.evidence.get("country")
        if rec.role_class != "ambassador" or not rec.country or ev is None or ev.confidence < HINT:
            continue
        i = _token_at(doc, ev.start)
        if i < 2 or i >= len(doc) or doc[i - 1].lower_ != "to":
            continue
        sender = end_at.get(i - 1)
        if sender is not None and sender.country != rec.country:
            rec.country = sender.country
            span = doc[sender.start : i - 1]
            rec.evidence["country"] = Evidence(span.start_char, span.end_char, span.text, ev.confidence)


def _partner_object(doc: Doc, char: int) -> bool:
    """Whether the country word at ``char`` is the object of a partner preposition ("ties with
    Kazakhstan", "envoy to Kenya"), optionally after "the"."""
    i = _token_at(doc, char)
    if i > 0 and doc[i - 1].lower_ == "the":
        i -= 1
    return i > 0 and doc[i - 1].lower_ in PARTNER_PREPOSITIONS


def _partners(doc: Doc, mentions: list[Mention], places: list[Place]) -> set[str]:
    """Countries named after "to" or "with" inside an office: "Ambassador of A to B" -> B."""
    out: set[str] = set()
    seen: set[int] = set()
    for m in mentions:
        if m.office is None or m.office.start_char in seen:
            continue
        seen.add(m.office.start_char)
        start = _token_at(doc, m.office.start_char)
        end = _token_at(doc, m.office.end_char - 1) + 1
        cut = next((i for i in range(start, end) if doc[i].lower_ in ("to", "with", "in")), None)
        if cut is None:
            continue
        out |= {
            p.country
            for p in places
            if cut < p.start < end and p.kind in ("country", "demonym") and p.country
        }
    return out


def _listed_neighbours(doc: Doc, mentions: list[Mention], countries: dict[str, str]) -> dict[str, set[str]]:
    """Stated countries of the persons listed right beside each person ("A, B and C"), in one pass."""
    ordered = sorted(mentions, key=lambda m: m.start)
    out: dict[str, set[str]] = {}
    for a, b in zip(ordered, ordered[1:], strict=False):
        between = doc[a.end : b.start]
        if not 1 <= len(between) <= 3 or not all(
            t.text in (",", "and", "&", ";") or t.is_space for t in between
        ):
            continue
        if a.person and b.person and a.person != b.person:
            if b.person in countries:
                out.setdefault(a.person, set()).add(countries[b.person])
            if a.person in countries:
                out.setdefault(b.person, set()).add(countries[a.person])
    return out
