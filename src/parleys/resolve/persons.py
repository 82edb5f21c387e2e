"""People across articles: group the per-article persons into one entity per real person.

1. Strong names (two tokens or more) with the same tokens in any order form one node, unless
   two countries each claim a good share of its mentions (two people of one name). Nodes join
   an entity, most specific first, when their names relate (:func:`names.relate`: any order, a
   spelling variant, a shorter form) and the countries do not conflict; an ambiguous node starts
   its own entity.
2. Weak names (a bare surname, initials and a surname) join the one entity that fits them best
   by name, country, office and date; when two fit equally ("Aliyev" of a country with two),
   they stay apart, grouped with the same weak name of the same country and role.
3. Analysts' corrections arrive as :class:`Constraints`: mentions that must not share an entity
   (a split) are never put together, and pairs that must (a merge) are joined at the end.

Candidates come from an index (:func:`strong_keys`; for weak names, the surname and the country)
in which a name meets only the entities whose names share all tokens but one spelling, or a set of
tokens; each name is compared with a few entities, so the cost grows with the number of mentions
times a small block size, plus sorting.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations

from parleys.lexicons import Lexicons
from parleys.resolve import names
from parleys.resolve.items import Mention
from parleys.resolve.names import ParsedName, parse
from parleys.resolve.offices import office_key

STRONG_RELATIONS = (names.EXACT, names.ORDER, names.VARIANT, names.SUBSET)
WEAK_RELATIONS = (names.INITIALS, names.SURNAME, names.GIVEN)
AMBIGUITY_MARGIN = 0.5
TOKEN_INDEX_LIMIT = 50  # a first name shared by more entities than this finds none for a bare name
WEAK_LIMIT = 64  # a bare surname that more entities (of its country) share than this is ambiguous
MAX_SUBSET_TOKENS = 6
NEAR = timedelta(days=365)


@dataclass(slots=True)
class Constraints:
    """``cannot``: mention id -> mention ids it must not share an entity with (symmetric);
    ``must``: (correction id, mention id, mention id) pairs to join."""

    cannot: dict[int, set[int]] = field(default_factory=dict)
    must: list[tuple[int, int, int]] = field(default_factory=list)

    def forbid(self, a: Iterable[int], b: Iterable[int]) -> None:
        a, b = set(a), set(b)
        for x in a:
            self.cannot.setdefault(x, set()).update(b - {x})
        for y in b:
            self.cannot.setdefault(y, set()).update(a - {y})


@dataclass(slots=True)
class PersonGroups:
    """The entities found: member mention ids (earliest first), and how each mention was linked."""

    members: list[list[int]]
    links: dict[int, tuple[int, str, float]]  # mention id -> (group index, method, score)
    conflicts: list[int]  # ids of merge corrections that a split forbids


class _Entity:
    __slots__ = ("index", "ids", "forms", "countries", "roles", "offices", "first", "last", "forbidden")

    def __init__(self, index: int) -> None:
        self.index = index
        self.ids: set[int] = set()
        self.forms: dict[str, ParsedName] = {}
        self.countries: Counter[str] = Counter()
        self.roles: Counter[str] = Counter()
        self.offices: set[str] = set()
        self.first: date | None = None
        self.last: date | None = None
        self.forbidden: set[int] = set()

    @property
    def country(self) -> str | None:
        return _top(self.countries)

    @property
    def role(self) -> str | None:
        return _top(self.roles)


def _top(counts: Counter[str]) -> str | None:
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else None


class _Builder:
    def __init__(
        self,
        mentions: Sequence[Mention],
        constraints: Constraints,
        lexicons: Lexicons,
        office_cache: dict | None,
    ) -> None:
        self.mentions = {m.id: m for m in mentions}
        self.constraints = constraints
        self.lexicons = lexicons
        self.entities: list[_Entity] = []
        self.links: dict[int, tuple[int, str, float]] = {}
        self.index: dict[str, list[int]] = defaultdict(list)  # keys of strong names -> entities
        self.office_cache = office_cache if office_cache is not None else {}

    # --- bookkeeping ---------------------------------------------------------------------------

    def office(self, m: Mention) -> str:
        return office_key(m, self.lexicons, self.office_cache)[0]

    def forbidden(self, ids: Iterable[int]) -> set[int]:
        out: set[int] = set()
        for i in ids:
            out |= self.constraints.cannot.get(i, set())
        return out

    def allowed(self, ids: set[int], forbidden: set[int], entity: _Entity) -> bool:
        return not (ids & entity.forbidden) and not (entity.ids & forbidden)

    def new_entity(self) -> _Entity:
        entity = _Entity(len(self.entities))
        self.entities.append(entity)
        return entity

    def add(
        self,
        entity: _Entity,
        node: list[Mention],
        parsed: ParsedName | None,
        method: str,
        score: float,
        *,
        learn: bool = True,
    ) -> None:
        for m in node:
            entity.ids.add(m.id)
            self.links[m.id] = (entity.index, method, score)
        entity.forbidden |= self.forbidden(m.id for m in node)
        if not learn:
            return
        if parsed is not None and parsed.form not in entity.forms:
            entity.forms[parsed.form] = parsed
            for key in strong_keys(parsed):
                self.index[key].append(entity.index)
        for m in node:
            if m.country:
                entity.countries[m.country] += 1
            if m.role_class != "other":
                entity.roles[m.role_class] += 1
            if self.office(m):
                entity.offices.add(self.office(m))
            if m.published is not None:
                entity.first = min(entity.first or m.published, m.published)
                entity.last = max(entity.last or m.published, m.published)

    def candidates(self, keys: Iterable[str], *, limit: int | None = None) -> list[_Entity]:
        """Entities indexed under any of the keys (a key shared by more than ``limit`` is skipped)."""
        found: set[int] = set()
        for key in keys:
            hits = self.index.get(key, ())
            if limit is None or len(hits) <= limit:
                found.update(hits)
        return [self.entities[i] for i in sorted(found)]

    def bonus(self, country: str | None, roles: set[str], offices: set[str], entity: _Entity) -> float:
        score = 0.0
        if country and country == entity.country:
            score += 1.0
        if roles & set(entity.roles):
            score += 0.5
        if offices & entity.offices:
            score += 0.5
        return score

    # --- strong names --------------------------------------------------------------------------

    def strong_nodes(self, strong: list[Mention]) -> list[tuple[ParsedName, list[Mention]]]:
        by_form: dict[str, list[Mention]] = defaultdict(list)
        for m in strong:
            by_form[parse(m.name).form].append(m)
        nodes = []
        for ms in by_form.values():
            ms.sort(key=lambda m: m.order)
            for part in _by_country(ms):
                for node in self.split_by_constraints(part):
                    counts = Counter(m.name for m in node)
                    name = min(counts, key=lambda n: (-counts[n], n))
                    nodes.append((parse(name), node))
        nodes.sort(key=lambda pn: (-len(pn[0].tokens), -len(pn[1]), pn[0].form, pn[1][0].order))
        return nodes

    def split_by_constraints(self, ms: list[Mention]) -> list[list[Mention]]:
        if not any(m.id in self.constraints.cannot for m in ms):
            return [ms]
        parts: list[tuple[list[Mention], set[int], set[int]]] = []
        for m in ms:
            banned = self.constraints.cannot.get(m.id, set())
            for part, ids, forbidden in parts:
                if m.id not in forbidden and not (banned & ids):
                    part.append(m)
                    ids.add(m.id)
                    forbidden |= banned
                    break
            else:
                parts.append(([m], {m.id}, set(banned)))
        return [p for p, _, _ in parts]

    def place_strong(self, parsed: ParsedName, node: list[Mention]) -> None:
        ids = {m.id for m in node}
        forbidden = self.forbidden(ids)
        country = _top(Counter(m.country for m in node if m.country))
        roles = {m.role_class for m in node} - {"other"}
        offices = {self.office(m) for m in node} - {""}
        scored = []
        for entity in self.candidates(strong_keys(parsed)):
            relations = [names.relate(parsed, f) for f in entity.forms.values()]
            found = [r for r in relations if r in STRONG_RELATIONS]
            if not found or not self.allowed(ids, forbidden, entity):
                continue
            relation = min(found, key=STRONG_RELATIONS.index)
            # a country conflicts unless one side names no office: its country is then only
            # inferred from the article's context, and the full name is strong evidence on its own
            officeless = (not roles or not entity.roles) and relation != names.SUBSET
            if country and entity.country and country != entity.country and not officeless:
                continue
            scored.append(
                (names.SCORES[relation] + self.bonus(country, roles, offices, entity), relation, entity)
            )
        best = _unique_best(scored)
        if best is None:
            self.add(self.new_entity(), node, parsed, names.EXACT, 1.0)
        else:
            self.add(best[2], node, parsed, best[1], names.SCORES[best[1]])

    # --- weak names ----------------------------------------------------------------------------

    def place_weak(self, m: Mention) -> bool:
        parsed = parse(m.name)
        token = parsed.tokens[0]
        if parsed.initials:
            pool = self.candidates(f"I|{d}|{parsed.initials[0]}" for d in names.deletions(token))
        else:  # a common surname: only the entities of the mention's country, and not too many
            pool = self.candidates([f"S|{token}"], limit=WEAK_LIMIT) or self.candidates(
                [f"S|{token}|{m.country}"] if m.country else [], limit=WEAK_LIMIT
            )
            pool = sorted(
                {
                    e.index: e for e in pool + self.candidates([f"G|{token}"], limit=TOKEN_INDEX_LIMIT)
                }.values(),
                key=lambda e: e.index,
            )
        office = self.office(m)
        scored = []
        for entity in pool:
            relations = [names.relate(parsed, f) for f in entity.forms.values()]
            found = [r for r in relations if r in WEAK_RELATIONS]
            if not found or not self.allowed({m.id}, self.forbidden([m.id]), entity):
                continue
            relation = min(found, key=WEAK_RELATIONS.index)
            if m.country and entity.country and m.country != entity.country:
                continue
            if relation == names.GIVEN and not (
                m.country and m.country == entity.country and m.role_class == entity.role
            ):
                continue
            score = names.SCORES[relation] + self.bonus(m.country, {m.role_class}, {office} - {""}, entity)
            if (
                m.published
                and entity.first
                and entity.last
                and entity.first - NEAR <= m.published <= entity.last + NEAR
            ):
                score += 0.25
            scored.append((score, relation, entity))
        best = _unique_best(scored)
        if best is None:
            return False
        self.add(best[2], [m], None, best[1], names.SCORES[best[1]], learn=False)
        return True

    def index_for_weak(self) -> None:
        """Keys that weak names look up, from the entities of strong names as they now stand."""
        for entity in self.entities:
            for parsed in entity.forms.values():
                if not parsed.strong or not parsed.surname:
                    continue
                s = parsed.surname
                keys = {f"S|{s}", f"S|{s}|{entity.country}"}
                rest = [t for t in parsed.tokens if t != s]
                if rest:
                    keys |= {f"I|{d}|{rest[0][0]}" for d in names.deletions(s)}
                    keys.add(f"G|{parsed.tokens[0]}")
                for key in keys:
                    if entity.index not in self.index[key][-1:]:
                        self.index[key].append(entity.index)

    def group_weak(self, rest: list[Mention]) -> None:
        groups: dict[tuple[str, str | None, str], list[Mention]] = defaultdict(list)
        for m in rest:
            groups[(parse(m.name).form, m.country, m.role_class)].append(m)
        for key in sorted(groups, key=lambda k: (k[0], k[1] or "", k[2])):
            for node in self.split_by_constraints(sorted(groups[key], key=lambda m: m.order)):
                self.add(self.new_entity(), node, parse(node[0].name), "weak", 0.5)

    # --- corrections: merges -------------------------------------------------------------------

    def merge(self) -> list[int]:
        conflicts = []
        owner = {mid: link[0] for mid, link in self.links.items()}
        for correction_id, a, b in self.constraints.must:
            if a not in owner or b not in owner:
                continue
            ea, eb = self.entities[owner[a]], self.entities[owner[b]]
            if ea is eb:
                continue
            if (ea.ids & eb.forbidden) or (eb.ids & ea.forbidden):
                conflicts.append(correction_id)
                continue
            keep, gone = (ea, eb) if ea.index < eb.index else (eb, ea)
            for mid in gone.ids:
                owner[mid] = keep.index
                _, method, score = self.links[mid]
                self.links[mid] = (keep.index, method, score)
            self.links[b] = (owner[b], "merge", 1.0)
            keep.ids |= gone.ids
            keep.forbidden |= gone.forbidden
            gone.ids = set()
        return conflicts


def strong_keys(parsed: ParsedName) -> set[str]:
    """Index keys of a strong name: names it may relate to share one.

    ``V|`` every token but one, and a one-letter deletion of that one (spelling variants: keys one
    edit apart share a deletion); ``U|`` every set of two tokens or more (shorter and longer forms).
    """
    tokens = parsed.tokens
    if len(tokens) < 2:
        return set()
    keys = set()
    for i, token in enumerate(tokens):
        rest = " ".join(sorted(tokens[:i] + tokens[i + 1 :]))
        keys |= {f"V|{rest}|{d}" for d in names.deletions(token)}
    unique = sorted(set(tokens))[:MAX_SUBSET_TOKENS]
    for size in range(2, len(unique) + 1):
        keys |= {"U|" + " ".join(combo) for combo in combinations(unique, size)}
    return keys


def _by_country(ms: list[Mention]) -> list[list[Mention]]:
    """Two people of one name: split when two countries each have two mentions and a quarter."""
    counts = Counter(m.country for m in ms if m.country)
    labelled = sum(counts.values())
    strong = sorted(
        (c for c, n in counts.items() if n >= 2 and n * 4 >= labelled), key=lambda c: (-counts[c], c)
    )
    if len(strong) <= 1:
        return [ms]
    parts: dict[str, list[Mention]] = {c: [] for c in strong}
    for m in ms:
        parts[m.country if m.country in parts else strong[0]].append(m)
    return list(parts.values())


def _unique_best(scored: list[tuple[float, str, _Entity]]) -> tuple[float, str, _Entity] | None:
    """The best candidate: the strongest relation, then the highest score; ``None`` when another
    candidate of that relation comes within the margin (the evidence cannot tell them apart)."""
    if not scored:
        return None
    rank = {r: i for i, r in enumerate(STRONG_RELATIONS + WEAK_RELATIONS)}
    scored.sort(key=lambda s: (rank[s[1]], -s[0], s[2].index))
    best = scored[0]
    if len(scored) > 1 and scored[1][1] == best[1] and best[0] - scored[1][0] < AMBIGUITY_MARGIN:
        return None
    return best


def group_persons(
    mentions: Sequence[Mention],
    *,
    constraints: Constraints | None = None,
    lexicons: Lexicons,
    office_cache: dict | None = None,
) -> PersonGroups:
    """Group mentions into entities; deterministic for the same mentions in any order.
    ``office_cache`` keeps :func:`office_key` answers for the caller to use again."""
    builder = _Builder(mentions, constraints or Constraints(), lexicons, office_cache)
    strong = [m for m in mentions if parse(m.name).strong]
    weak = sorted(
        (m for m in mentions if not parse(m.name).strong and parse(m.name).tokens), key=lambda m: m.order
    )
    nameless = [m for m in mentions if not parse(m.name).tokens]
    for parsed, node in builder.strong_nodes(strong):
        builder.place_strong(parsed, node)
    builder.index_for_weak()
    rest = [m for m in weak if not builder.place_weak(m)]
    builder.group_weak(rest + nameless)
    conflicts = builder.merge()
    members: list[list[int]] = []
    index_of: dict[int, int] = {}
    for entity in builder.entities:
        if entity.ids:
            index_of[entity.index] = len(members)
            members.append(sorted(entity.ids, key=lambda i: builder.mentions[i].order))
    links = {mid: (index_of[e], method, score) for mid, (e, method, score) in builder.links.items()}
    return PersonGroups(members=members, links=links, conflicts=conflicts)
