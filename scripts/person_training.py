"""Shared by the persons components' training scripts: the scorer, and the annotated articles run
through the pipeline with each article's cross-validation group."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path


def load_score(shared: Path):
    """``shared/eval/score.py`` as a module (its name match labels the training data)."""
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def annotated_docs(
    shared: Path, configure, pipe: str = "parleys_persons"
) -> Iterator[tuple[str, str, dict, object]]:
    """(split, group, gold record, processed Doc) for every annotated dev and train article.

    ``configure(component)`` prepares the persons step named ``pipe`` (sets collection on, weights
    aside): ``parleys_persons`` (records, unstated countries) or ``parleys_name_check``. Folds
    never share an outlet: train's articles (247 outlets, none in dev) are each their own group;
    dev's are grouped by the outlet named in them (``data/outlets.json``), else by article."""
    from parleys.extract.pipeline import load_pipeline
    from parleys.ingest import read_inputs
    from parleys.settings import Settings

    score = load_score(shared)
    settings = Settings()
    extractor = load_pipeline(settings)
    configure(extractor.nlp.get_pipe(pipe))
    outlets = extractor.nlp.get_pipe("parleys_persons").unstated.outlet_country
    for split in ("dev", "train"):
        gold = score.load(shared / "eval" / "gold" / f"{split}.jsonl")
        for article in read_inputs([str(shared / "corpus" / split)], settings=settings):
            if not hasattr(article, "text") or article.id not in gold:
                continue
            group = f"{split}:{article.id}"
            if split == "dev":
                named = [name for name in outlets if name in article.text[:3000]]
                if named:
                    group = "dev-outlet:" + min(named, key=lambda n: article.text.find(n))
            yield split, group, gold[article.id], extractor.make_doc(article)


def cached_rows(shared: Path, cache: Path | None, collect) -> list:
    """The collected rows, from ``cache`` (a pickle, for development only) when it is there."""
    import pickle

    if cache is not None and cache.is_file():
        return pickle.loads(cache.read_bytes())
    rows = collect(shared)
    if cache is not None:
        cache.write_bytes(pickle.dumps(rows))
    return rows


def write_weights(path: Path, doc: str, weights: dict[str, float], **extra: float) -> None:
    """Weights as sorted, indented JSON beside the package's other data (no pickle ships)."""
    import json

    body = {"_doc": doc, **extra, "weights": weights}
    path.write_text(json.dumps(body, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path}")
