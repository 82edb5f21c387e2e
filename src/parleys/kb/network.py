"""The actor network: who took part in events with whom, as a weighted graph.

Nodes are person entities (``person-<id>``) and countries (``country-<CODE>``). Edges, all
undirected, come from the visible linked events of the one event reader (:mod:`parleys.kb.events`):

- ``co_participation`` person–person: weight = the events both took part in;
- ``represents`` person–country: the person's country, weight = the person's events;
- ``together`` country–country: weight = the events in which both countries took part.

:func:`build_network` takes the filters; the files (GraphML, GEXF, JSON) are written by
:mod:`parleys.export.network`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Any

from sqlalchemy.orm import Session

from parleys.errors import QueryError
from parleys.kb.events import list_events
from parleys.kb.filters import EventFilter
from parleys.kb.types import Shaped
from parleys.normalize.countries import country_name

EDGE_KINDS = ("co_participation", "represents", "together")


@dataclass(frozen=True, slots=True)
class Node(Shaped):
    id: str
    label: str
    kind: str  # person | country
    country: str | None
    role_class: str | None  # persons only
    events: int


@dataclass(frozen=True, slots=True)
class Edge(Shaped):
    source: str
    target: str
    kind: str  # one of EDGE_KINDS
    weight: int


@dataclass(frozen=True, slots=True)
class Network(Shaped):
    nodes: list[Node]
    edges: list[Edge]


def person_node_id(entity_id: int) -> str:
    return f"person-{entity_id}"


def country_node_id(code: str) -> str:
    return f"country-{code}"


def build_network(
    session: Session,
    *,
    country: str | None = None,
    since: date | None = None,
    until: date | None = None,
    min_weight: int = 1,
) -> Network:
    """The network of the visible events within the dates (in which ``country``, a code or a
    name, took part, if given). Person–person and country–country edges lighter than
    ``min_weight`` are left out; above 1, so are persons left without a person–person edge and
    countries left without any edge."""
    if min_weight < 1:
        raise QueryError("min_weight must be 1 or more")
    flt = EventFilter(
        country=country, country_by="participant", since=since, until=until, linked_only=True, limit=None
    )
    events = list_events(session, flt)
    persons: dict[int, Any] = {}
    person_events: Counter[int] = Counter()
    country_events: Counter[str] = Counter()
    pairs: Counter[tuple[int, int]] = Counter()
    country_pairs: Counter[tuple[str, str]] = Counter()
    for ev in events:
        ids = sorted({p.id for p in ev.participants})
        for p in ev.participants:
            persons[p.id] = p
        person_events.update(ids)
        country_events.update(ev.countries)
        pairs.update(combinations(ids, 2))
        country_pairs.update(combinations(ev.countries, 2))  # sorted and unique already

    links = [
        Edge(person_node_id(a), person_node_id(b), "co_participation", n)
        for (a, b), n in sorted(pairs.items())
        if n >= min_weight
    ]
    together = [
        Edge(country_node_id(a), country_node_id(b), "together", n)
        for (a, b), n in sorted(country_pairs.items())
        if n >= min_weight
    ]
    kept = set(persons)
    if min_weight > 1:
        kept = {int(node.removeprefix("person-")) for e in links for node in (e.source, e.target)}
    represents = [
        Edge(person_node_id(i), country_node_id(persons[i].country), "represents", person_events[i])
        for i in sorted(kept)
        if persons[i].country
    ]
    # a person's country may be missing from the countries of their events (corrections apply to each)
    countries = {e.target.removeprefix("country-") for e in represents}
    if min_weight > 1:
        countries |= {node.removeprefix("country-") for e in together for node in (e.source, e.target)}
    else:
        countries |= set(country_events)
    nodes = [
        Node(country_node_id(c), country_name(c) or c, "country", c, None, country_events[c])
        for c in sorted(countries)
    ]
    nodes += [
        Node(
            person_node_id(i),
            persons[i].name,
            "person",
            persons[i].country,
            persons[i].role_class,
            person_events[i],
        )
        for i in sorted(kept)
    ]
    return Network(nodes, [*links, *represents, *together])
