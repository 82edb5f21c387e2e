"""How well person entities match the real persons of the gold files.

    .venv/bin/python bench/entity_eval.py                    # ingest ../shared seeds + dev into a temp DB
    .venv/bin/python bench/entity_eval.py --db sqlite:///x.db  # an already ingested store
    .venv/bin/python bench/entity_eval.py --show-gold          # print the gold identity groups

**Gold identity.** Gold persons of different articles are one real person when they have the
same country and their names match. The scorer's ``same_person`` rule alone is too loose across
articles (it joins any two people of one surname and one first initial: two brothers "A... Gilani")
and too strict (a misspelt surname, a bare surname), so names match here when:

- the scorer's rule holds, and where both first names are written out in full they are spelt
  alike (edit distance at most a third of the length: Chinibay / Chynybay, Yerlan / Erlan); or
- the first names are equal (or one is the other's initial) and the surnames one edit apart, five
  letters or more, or two edits apart, eight letters or more (a typo or a transliteration:
  Kövér / Kever); or
- one name is a single word equal to the other's first or last word, with the same role class.

The groups are closed transitively; ``--show-gold`` prints every group with more than one
spelling, so that the identity can be read and checked by eye.

**System side.** In each article, gold persons are paired with the system's persons (equal
folded names first, then the scorer's rule), and each paired system person has an entity.
A gold person is *split* when its pairs lie in two entities or more; an entity *joins* when its
pairs belong to two gold persons or more. Gold persons the system did not find are not counted
(that is extraction recall, measured by ``parleys evaluate``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

from parleys.extract.coreference import edit_distance

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def tokens(name: str | None) -> list[str]:
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("ı", "i").replace("ə", "a")
    return re.sub(r"[^a-z0-9]+", " ", s).split()


def same_person(a: str | None, b: str | None) -> bool:
    """The scorer's rule (shared/eval/score.py)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if ta[-1] == tb[-1] and ta[0][0] == tb[0][0]:
        return True
    shorter, longer = sorted((set(ta), set(tb)), key=len)
    return len(shorter) >= 2 and shorter <= longer


def distance(a: str, b: str) -> int:
    return edit_distance(a, b, limit=max(len(a), len(b)))


def gold_same(a: dict, b: dict) -> bool:
    if a["country"] != b["country"]:
        return False
    ta, tb = tokens(a["name"]), tokens(b["name"])
    if not ta or not tb:
        return False
    if len(ta) == 1 or len(tb) == 1:
        single, other = (ta, tb) if len(ta) == 1 else (tb, ta)
        return ta == tb or (single[0] in (other[0], other[-1]) and a["role_class"] == b["role_class"])
    if same_person(a["name"], b["name"]):
        fa, fb = ta[0], tb[0]
        if ta[-1] == tb[-1] and len(fa) > 1 and len(fb) > 1 and set(ta) != set(tb):
            shorter, longer = sorted((set(ta), set(tb)), key=len)
            if not shorter <= longer:
                return distance(fa, fb) * 3 <= max(len(fa), len(fb))
        return True
    first_fit = ta[0] == tb[0] or (min(len(ta[0]), len(tb[0])) == 1 and ta[0][0] == tb[0][0])
    la, lb = ta[-1], tb[-1]
    return (
        first_fit
        and min(len(la), len(lb)) >= 5
        and distance(la, lb) <= (2 if min(len(la), len(lb)) >= 8 else 1)
    )


def gold_identity(gold: dict[str, dict]) -> tuple[list[dict], dict[int, int]]:
    """Gold person mentions (article, index, name, country, role) and mention -> identity."""
    mentions = [
        {"article": aid, "index": i, **p}
        for aid, rec in sorted(gold.items())
        for i, p in enumerate(rec.get("persons", []))
    ]
    parent = list(range(len(mentions)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(len(mentions)):
        for j in range(i + 1, len(mentions)):
            if gold_same(mentions[i], mentions[j]):
                parent[find(i)] = find(j)
    return mentions, {i: find(i) for i in range(len(mentions))}


def load_gold(shared: Path) -> dict[str, dict]:
    gold = {}
    for name in ("seeds.jsonl", "dev.jsonl"):
        for line in (shared / "eval" / "gold" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                gold[rec["id"]] = rec
    return gold


def system_persons(db_url: str) -> dict[str, list[tuple[int, str, int | None]]]:
    """Article external id -> (person id, name, entity id) of the stored, resolved persons."""
    from sqlalchemy import select

    from parleys.settings import Settings
    from parleys.store.db import open_session
    from parleys.store.models import ArticleRow, PersonLinkRow, PersonRow

    out: dict[str, list[tuple[int, str, int | None]]] = defaultdict(list)
    with open_session(Settings.load(config_file=None, database_url=db_url)) as session:
        stmt = (
            select(ArticleRow.external_id, PersonRow.id, PersonRow.name, PersonLinkRow.entity_id)
            .join(PersonRow, PersonRow.article_id == ArticleRow.id)
            .outerjoin(PersonLinkRow, PersonLinkRow.person_id == PersonRow.id)
            .order_by(PersonRow.id)
        )
        for external_id, pid, name, entity in session.execute(stmt):
            out[_article_id(external_id)].append((pid, name, entity))
    return out


def _article_id(external_id: str) -> str:
    # seed files are named NNN_<hash>; the gold ids of seeds are "seed-NNN"
    m = re.match(r"^(\d{3})_[0-9a-f]{16}$", external_id)
    return f"seed-{m.group(1)}" if m else external_id


def pair(
    gold_people: list[tuple[int, dict]], system: list[tuple[int, str, int | None]]
) -> dict[int, int | None]:
    """Gold mention index -> entity of the paired system person (equal names first, then the rule)."""
    free = list(system)
    out: dict[int, int | None] = {}
    for exact in (True, False):
        for gi, g in gold_people:
            if gi in out:
                continue
            for s in free:
                hit = tokens(s[1]) == tokens(g["name"]) if exact else same_person(g["name"], s[1])
                if hit:
                    out[gi] = s[2]
                    free.remove(s)
                    break
    return out


def ingest(db_url: str, shared: Path) -> None:
    from parleys import service
    from parleys.settings import Settings

    settings = Settings.load(config_file=None, database_url=db_url)
    service.ingest([shared / "seeds", shared / "corpus" / "dev"], settings=settings)


def evaluate(db_url: str, shared: Path, *, show_gold: bool = False) -> dict:
    gold = load_gold(shared)
    mentions, identity = gold_identity(gold)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, root in identity.items():
        groups[root].append(i)
    if show_gold:
        for members in groups.values():
            spellings = sorted({mentions[i]["name"] for i in members})
            if len(spellings) > 1:
                print(f"gold person {mentions[members[0]]['country']}: {' / '.join(spellings)}")
    system = system_persons(db_url)
    entity_of: dict[int, int | None] = {}
    by_article: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    for i, m in enumerate(mentions):
        by_article[m["article"]].append((i, m))
    for article, people in by_article.items():
        entity_of.update(pair(people, system.get(article, [])))
    entities_of_gold: dict[int, set[int]] = defaultdict(set)
    gold_of_entity: dict[int, set[int]] = defaultdict(set)
    for i, entity in entity_of.items():
        if entity is not None:
            entities_of_gold[identity[i]].add(entity)
            gold_of_entity[entity].add(identity[i])
    split = {g: es for g, es in entities_of_gold.items() if len(es) > 1}
    joined = {e: gs for e, gs in gold_of_entity.items() if len(gs) > 1}

    def names_of(root: int) -> str:
        return " / ".join(sorted({mentions[i]["name"] for i in groups[root]}))

    return {
        "gold_mentions": len(mentions),
        "gold_persons": len(groups),
        "paired_mentions": sum(1 for e in entity_of.values() if e is not None),
        "gold_persons_found": len(entities_of_gold),
        "split": len(split),
        "joined": len(joined),
        "split_detail": [{"gold": names_of(g), "entities": sorted(es)} for g, es in split.items()],
        "joined_detail": [
            {"entity": e, "gold": [names_of(g) for g in sorted(gs)]} for e, gs in joined.items()
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="an ingested store (default: ingest ../shared into a temporary one)")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--show-gold", action="store_true", help="print the gold identity groups")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db_url = args.db or f"sqlite:///{Path(tmp) / 'entities.db'}"
        if not args.db:
            ingest(db_url, args.shared)
        result = evaluate(db_url, args.shared, show_gold=args.show_gold)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(
        f"gold: {result['gold_mentions']} person mentions, {result['gold_persons']} real persons; "
        f"{result['paired_mentions']} mentions paired with a system person "
        f"({result['gold_persons_found']} persons)"
    )
    print(f"gold persons split across entities: {result['split']}")
    for item in result["split_detail"]:
        print(f"  {item['gold']}: entities {item['entities']}")
    print(f"entities that join two gold persons: {result['joined']}")
    for item in result["joined_detail"]:
        print(f"  entity {item['entity']}: {' | '.join(item['gold'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
