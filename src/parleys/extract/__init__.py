"""Extraction: spaCy components that turn an :class:`~parleys.documents.Article` into an
:class:`~parleys.records.ArticleRecord`. Entry point: :func:`load_pipeline`."""

from parleys.extract.pipeline import Extractor, load_pipeline

__all__ = ["Extractor", "load_pipeline"]
