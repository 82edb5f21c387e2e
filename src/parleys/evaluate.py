"""Score article records against gold annotations (the rules of ``shared/eval/FORMAT.md``).

Gold and system records are the article-record JSON of FORMAT.md; they pair up by ``id``, and a
gold article without a system record is scored as an empty record. Persons and participants
match one-to-one, greedily in gold order, by :func:`same_person`; the other list fields are
compared as sets of normalized values. Scores are micro-averaged over articles.

Entry points: :func:`score_files` (paths in, :class:`Summary` out), :func:`score` (records in),
:func:`load_records` and :func:`format_summary`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parleys.errors import EvaluationError

Record = Mapping[str, Any]

SET_FIELDS = (
    "persons",
    "persons+country",
    "persons+role",
    "participants",
    "participants+country",
    "event.countries",
    "organizations",
    "topics",
)
ACCURACY_FIELDS = ("event.type", "event.date", "event.city")
RECORD_SUFFIXES = (".json", ".jsonl")

# letters that Unicode decomposition leaves alone but that names are spelled without
_LOOKALIKES = str.maketrans({"ı": "i", "ə": "a"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_NOT_ALNUM_UPPER = re.compile(r"[^A-Z0-9]+")


# ---------------------------------------------------------------------------------------------
# counting


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        # nothing predicted and nothing expected is a perfect score, not a division by zero
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Accuracy:
    """Share of checks that came out right."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass(slots=True)
class ArticleRow:
    """The scores of one gold article."""

    id: str
    scored: bool  # False when the system has no record for it
    counts: dict[str, Counts]
    checks: dict[str, bool]  # accuracy field -> right; "event.city" only where gold has a city
    gold_type: str | None = None
    system_type: str | None = None
    gold_date: str | None = None
    system_date: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "scored": self.scored,
            "counts": {name: {"tp": c.tp, "fp": c.fp, "fn": c.fn} for name, c in self.counts.items()},
            "checks": dict(self.checks),
            "type": [self.gold_type, self.system_type],
            "date": [self.gold_date, self.system_date],
        }


@dataclass(slots=True)
class Summary:
    """Micro-averaged scores over all gold articles, with the per-article rows they sum."""

    fields: dict[str, Counts]
    accuracies: dict[str, Accuracy]
    articles_gold: int
    articles_scored: int
    rows: list[ArticleRow] = field(default_factory=list)

    def f1(self, name: str) -> float:
        return self.fields[name].f1

    def accuracy(self, name: str) -> float:
        return self.accuracies[name].value

    def to_json(self, *, per_article: bool = False) -> dict[str, Any]:
        """The same shape as ``score.py --json`` (values rounded to 4 places), plus raw counts."""
        out: dict[str, Any] = {
            name: {
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
                "tp": c.tp,
                "fp": c.fp,
                "fn": c.fn,
            }
            for name, c in self.fields.items()
        }
        for name, acc in self.accuracies.items():
            out[name] = {"accuracy": round(acc.value, 4), "n": acc.total}
        out["articles"] = {"gold": self.articles_gold, "system": self.articles_scored}
        if per_article:
            out["per_article"] = [row.to_json() for row in self.rows]
        return out


# ---------------------------------------------------------------------------------------------
# normalization and name matching


def name_tokens(name: str | None) -> tuple[str, ...]:
    """Lower-cased ASCII words of a name: diacritics and punctuation gone, ``ı`` -> i, ``ə`` -> a."""
    decomposed = unicodedata.normalize("NFKD", name if isinstance(name, str) else "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # lower() rather than casefold() keeps the reference scorer's results (casefold maps ß to ss)
    folded = stripped.lower().translate(_LOOKALIKES)
    return tuple(_NOT_ALNUM.sub(" ", folded).split())


def same_person(a: str | None, b: str | None) -> bool:
    """Whether two spellings name the same person under FORMAT.md's rule."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    return ta == tb or _same_last_name_and_initial(ta, tb) or _contained_in_any_order(ta, tb)


def _same_last_name_and_initial(ta: tuple[str, ...], tb: tuple[str, ...]) -> bool:
    return ta[-1] == tb[-1] and ta[0][0] == tb[0][0]


def _contained_in_any_order(ta: tuple[str, ...], tb: tuple[str, ...]) -> bool:
    # "Bekov Daniyar Serikuly" ~ "Daniyar Bekov": other orders and added patronymics
    shorter, longer = sorted((set(ta), set(tb)), key=len)
    return len(shorter) >= 2 and shorter <= longer


def normalize_code(value: Any) -> str:
    """A country code as compared: trimmed and upper-cased; missing is ''."""
    return str(value or "").strip().upper()


def normalize_org(value: Any) -> str:
    """An organization as compared: upper-cased, runs of non-alphanumerics as one space."""
    return _NOT_ALNUM_UPPER.sub(" ", str(value or "").upper()).strip()


def normalize_city(value: Any) -> str:
    return "".join(name_tokens(str(value or "")))


# ---------------------------------------------------------------------------------------------
# comparing one article


def match_people(gold: list[Record], system: list[Record]) -> tuple[list[tuple[Record, Record]], int, int]:
    """Greedy one-to-one matching by name, in gold order.

    Returns the matched (gold, system) pairs, the number of unmatched system persons and the
    number of unmatched gold persons.
    """
    free = list(range(len(system)))
    pairs: list[tuple[Record, Record]] = []
    for person in gold:
        for position, index in enumerate(free):
            if same_person(person.get("name"), system[index].get("name")):
                pairs.append((person, system[index]))
                del free[position]
                break
    return pairs, len(free), len(gold) - len(pairs)


def set_counts(gold: Iterable[str], system: Iterable[str]) -> Counts:
    g, s = set(gold), set(system)
    return Counts(tp=len(g & s), fp=len(s - g), fn=len(g - s))


def _attribute_counts(
    pairs: list[tuple[Record, Record]], extra: int, missed: int, same: Callable[[Record, Record], bool]
) -> Counts:
    # a matched person with the wrong attribute is both a false positive and a false negative
    right = sum(1 for g, s in pairs if same(g, s))
    wrong = len(pairs) - right
    return Counts(tp=right, fp=extra + wrong, fn=missed + wrong)


def _same_country(g: Record, s: Record) -> bool:
    return normalize_code(g.get("country")) == normalize_code(s.get("country"))


def _same_role(g: Record, s: Record) -> bool:
    return (g.get("role_class") or "") == (s.get("role_class") or "")


def _people_counts(
    prefix: str,
    gold: list[Record],
    system: list[Record],
    attributes: dict[str, Callable[[Record, Record], bool]],
) -> dict[str, Counts]:
    pairs, extra, missed = match_people(gold, system)
    counts = {prefix: Counts(tp=len(pairs), fp=extra, fn=missed)}
    for suffix, same in attributes.items():
        counts[f"{prefix}+{suffix}"] = _attribute_counts(pairs, extra, missed, same)
    return counts


def main_event(record: Record) -> Record:
    events = _list(record, "events")
    return events[0] if events and isinstance(events[0], Mapping) else {}


def _list(record: Record, key: str) -> list[Any]:
    # a malformed system value (a string, an object) counts as nothing rather than crashing the run
    value = record.get(key)
    return value if isinstance(value, list) else []


def _people(record: Record, key: str) -> list[Record]:
    return [p for p in _list(record, key) if isinstance(p, Mapping)]


def _city(event: Record) -> str:
    location = event.get("location")
    return str(location.get("city") or "") if isinstance(location, Mapping) else ""


def score_article(article_id: str, gold: Record, system: Record | None) -> ArticleRow:
    """Counts and accuracy checks of one article; ``system=None`` scores as an empty record."""
    sys_record: Record = system or {}
    g_event, s_event = main_event(gold), main_event(sys_record)
    counts = _people_counts(
        "persons",
        _people(gold, "persons"),
        _people(sys_record, "persons"),
        {"country": _same_country, "role": _same_role},
    )
    counts.update(
        _people_counts(
            "participants",
            _people(g_event, "participants"),
            _people(s_event, "participants"),
            {"country": _same_country},
        )
    )
    counts["event.countries"] = set_counts(
        map(normalize_code, _list(g_event, "countries")), map(normalize_code, _list(s_event, "countries"))
    )
    counts["organizations"] = set_counts(
        map(normalize_org, _list(gold, "organizations")),
        map(normalize_org, _list(sys_record, "organizations")),
    )
    counts["topics"] = set_counts(map(str, _list(gold, "topics")), map(str, _list(sys_record, "topics")))
    checks = {
        "event.type": g_event.get("type") == s_event.get("type"),
        "event.date": g_event.get("date") == s_event.get("date"),
    }
    if _city(g_event):
        checks["event.city"] = normalize_city(_city(g_event)) == normalize_city(_city(s_event))
    return ArticleRow(
        id=article_id,
        scored=system is not None,
        counts=counts,
        checks=checks,
        gold_type=g_event.get("type"),
        system_type=s_event.get("type"),
        gold_date=g_event.get("date"),
        system_date=s_event.get("date"),
    )


# ---------------------------------------------------------------------------------------------
# public API


def score(gold: dict[str, dict], system: dict[str, dict]) -> Summary:
    """Score ``system`` against ``gold`` (both: id -> record). System ids not in gold are ignored."""
    rows = [score_article(key, gold[key], system.get(key)) for key in sorted(gold)]
    fields = {name: Counts() for name in SET_FIELDS}
    accuracies = {name: Accuracy() for name in ACCURACY_FIELDS}
    for row in rows:
        for name, counts in row.counts.items():
            fields[name].add(counts)
        for name, ok in row.checks.items():
            accuracies[name].add(ok)
    return Summary(
        fields=fields,
        accuracies=accuracies,
        articles_gold=len(gold),
        articles_scored=sum(row.scored for row in rows),
        rows=rows,
    )


def score_files(gold: Path, system: Path) -> Summary:
    """Load both sides (file or folder) and score them."""
    return score(load_records(Path(gold)), load_records(Path(system)))


def load_records(path: Path) -> dict[str, dict]:
    """Records by id from a JSON Lines file, a .json file (one record or a list), or a folder of such.

    Raises :class:`EvaluationError` when a file is missing or unreadable, is not valid JSON, or
    holds something other than records with an ``id``. A later record with the same id wins.
    """
    path = Path(path)
    records: dict[str, dict] = {}
    for file in _record_files(path):
        for record in _read_file(file):
            records[str(record["id"])] = record
    return records


def _record_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in RECORD_SUFFIXES)
        if not files:
            raise EvaluationError(f"{path}: the folder holds no .json or .jsonl files")
        return files
    if not path.exists():
        raise EvaluationError(f"{path}: no such file or folder")
    return [path]


def _read_file(file: Path) -> list[dict]:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{file}: cannot read the file ({exc})") from exc
    placed: list[tuple[str, Any]]
    if file.suffix == ".jsonl":
        lines = [(f"{file}, line {n}", line) for n, line in enumerate(text.splitlines(), start=1)]
        placed = [(place, _parse(line, place)) for place, line in lines if line.strip()]
    else:
        data = _parse(text, str(file))
        listed = data if isinstance(data, list) else [data]
        placed = [(f"{file}, item {n}", item) for n, item in enumerate(listed, start=1)]
    for place, item in placed:
        if not isinstance(item, dict) or "id" not in item:
            raise EvaluationError(f"{place}: every record must be a JSON object with an 'id'")
    return [item for _, item in placed]


def _parse(text: str, place: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise EvaluationError(f"{place}: not valid JSON ({exc.msg} at column {exc.colno})") from exc


def format_summary(summary: Summary, *, per_article: bool = False) -> str:
    """A plain-text table: P/R/F1 per field, then the accuracies and the article count."""
    lines: list[str] = []
    if per_article:
        lines.extend(_format_row(row) for row in summary.rows)
    lines.append(f"{'field':24} {'P':>6} {'R':>6} {'F1':>6}")
    for name, c in summary.fields.items():
        lines.append(f"{name:24} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}")
    for name, acc in summary.accuracies.items():
        lines.append(f"{name:24} accuracy {acc.value:.3f} over {acc.total}")
    lines.append(f"articles: {summary.articles_scored} of {summary.articles_gold} scored")
    return "\n".join(lines)


def _format_row(row: ArticleRow) -> str:
    p = row.counts["participants"]
    return (
        f"id={row.id}  participants={p.tp} matched, {p.fp} extra, {p.fn} missed  "
        f"type={row.gold_type} / {row.system_type}  date={row.gold_date} / {row.system_date}"
    )
