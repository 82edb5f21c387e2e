"""Persons on text written by others: the CoNLL-2003 English test set against stock spaCy.

    .venv/bin/python bench/conll_persons.py PATH/eng.testb            # the table
    .venv/bin/python bench/conll_persons.py PATH/eng.testb --json     # the figures as JSON

The CoNLL-2003 data is not ours and stays out of the repository: give the path of ``eng.testb``
(the English test set in its four-column format). Its sentences are grouped into articles of 12
(``--group``), each written as a plain text file and run through ``parleys extract`` as a user
would run it (cleaning, the language check, the pipeline, the corpus pass), and through the same
spaCy model's own PERSON entities.

**The fullest-form rule.** FORMAT.md lists each person once per article under the fullest form
the article gives, so gold and stock spaCy are reduced alike: in an article, a PER span whose
words are the last words of a longer PER span ("Ladki" after "Nadim Ladki") is that person, and
only the longest form is kept. Persons are then paired by the scorer's rule (same last word, same
first initial; ``shared/eval/score.py``), and precision, recall and F1 are summed over articles.
Articles that parleys rejects count as articles in which it found nobody; the rejections are
listed by reason (none may be ``language``: the text is English).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ATTACH_LEFT = {",", ".", ":", ";", "?", "!", ")", "]", "}", "'s", "n't", "%", "'"}
ATTACH_RIGHT = {"(", "[", "{", "$"}


@dataclass
class Article:
    id: str
    sentences: list[list[tuple[str, str]]] = field(default_factory=list)  # (token, IOB tag)

    @property
    def text(self) -> str:
        return "\n".join(detokenize([tok for tok, _ in sent]) for sent in self.sentences) + "\n"

    def persons(self) -> list[str]:
        spans = []
        for sent in self.sentences:
            current: list[str] = []
            for tok, tag in [*sent, ("", "O")]:
                if tag.endswith("PER") and not (tag.startswith("B-") and current):
                    current.append(tok)
                    continue
                if current:
                    spans.append(detokenize(current))
                current = [tok] if tag.endswith("PER") else []
        return fullest_forms(spans)


def detokenize(tokens: list[str]) -> str:
    out = ""
    for tok in tokens:
        if out and tok not in ATTACH_LEFT and out[-1] not in ATTACH_RIGHT and not out.endswith(" "):
            out += " "
        out += tok
    return out.strip()


def read_conll(path: Path, *, group: int) -> list[Article]:
    """Sentences of the four-column file, 12 to an article (document breaks are ignored, as in a
    page that runs several short items together)."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("-DOCSTART-"):
            continue
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        parts = line.split()
        current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    return [
        Article(f"conll-{i // group:04d}", sentences[i : i + group]) for i in range(0, len(sentences), group)
    ]


def words(name: str) -> list[str]:
    return re.sub(r"[^\w]+", " ", name.lower()).split()


def fullest_forms(names: list[str]) -> list[str]:
    """Each person once, under the longest form: a name whose words end a longer name is dropped."""
    kept: list[str] = []
    for name in sorted(set(names), key=lambda n: -len(words(n))):
        w = words(name)
        if w and not any(len(words(k)) > len(w) and words(k)[-len(w) :] == w for k in kept):
            kept.append(name)
    return kept


def same_person(a: str, b: str) -> bool:
    """The scorer's rule: equal words, or the same last word and first initial."""
    ta, tb = words(a), words(b)
    return bool(ta and tb) and (ta == tb or (ta[-1] == tb[-1] and ta[0][0] == tb[0][0]))


def tally(gold: list[str], system: list[str]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives), each gold person paired at most once."""
    left = list(system)
    tp = 0
    for g in gold:
        match = next((s for s in left if same_person(g, s)), None)
        if match is not None:
            left.remove(match)
            tp += 1
    return tp, len(left), len(gold) - tp


def prf(counts: tuple[int, int, int]) -> dict[str, float]:
    tp, fp, fn = counts
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
    }


def add(a: tuple[int, int, int], b: tuple[int, int, int]) -> tuple[int, int, int]:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def run(path: Path, *, group: int) -> dict:
    from parleys.extract.pipeline import load_pipeline
    from parleys.service import extract_to_file
    from parleys.settings import Settings

    articles = read_conll(path, group=group)
    settings = Settings.load(config_file=None)
    extractor = load_pipeline(settings)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for article in articles:
            (folder / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
        out = Path(tmp) / "out.jsonl"
        summary = extract_to_file([folder], out, settings=settings, extractor=extractor)
        found = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            found[record["id"]] = [p["name"] for p in record.get("persons", [])]
    nlp = extractor.nlp
    stock = {
        a.id: fullest_forms([e.text for e in doc.ents if e.label_ == "PERSON"])
        for a, doc in zip(
            articles,
            nlp.pipe(
                (a.text for a in articles),
                disable=[name for name in nlp.pipe_names if name.startswith("parleys")],
            ),
            strict=True,
        )
    }
    ours = stock_total = (0, 0, 0)
    for article in articles:
        gold = article.persons()
        ours = add(ours, tally(gold, found.get(article.id, [])))
        stock_total = add(stock_total, tally(gold, stock[article.id]))
    return {
        "articles": len(articles),
        "gold_persons": sum(len(a.persons()) for a in articles),
        "parleys": prf(ours),
        "spacy_person_entities": prf(stock_total),
        "rejected": dict(Counter(r.reason for r in summary.rejected)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="eng.testb of CoNLL-2003 (kept out of the repository)")
    parser.add_argument("--group", type=int, default=12, help="sentences per article (default 12)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not args.path.is_file():
        print(f"no such file: {args.path}", file=sys.stderr)
        return 2
    result = run(args.path, group=args.group)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(
        f"CoNLL-2003 test, {result['articles']} articles of {args.group} sentences, "
        f"{result['gold_persons']} gold persons (fullest forms)"
    )
    print(f"{'system':<24}{'P':>7}{'R':>7}{'F1':>7}")
    for name in ("parleys", "spacy_person_entities"):
        s = result[name]
        print(f"{name:<24}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}")
    print(f"rejected by parleys: {result['rejected'] or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
