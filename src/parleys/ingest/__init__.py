"""The ingest stage: inputs (files, folders, feeds, URLs) to articles or rejections.

::

    read_inputs(["corpus/", "feed.xml", "https://example.org/news/1"], settings=settings)

Each input is read by :mod:`.sources` into raw documents (:mod:`.text`, :mod:`.html`,
:mod:`.jsonl`, :mod:`.feeds`, :mod:`.fetch` for URLs, :mod:`.decode` for bytes), and each raw
document is cleaned into an article by :mod:`.clean`. Every input that cannot become an
article comes out as a :class:`~parleys.documents.Rejection` with a reason code; nothing is
dropped silently and no exception escapes for bad input.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from parleys.documents import Article, Rejection
from parleys.ingest.clean import clean
from parleys.ingest.sources import read_raw
from parleys.settings import Settings

__all__ = ["clean", "read_inputs", "read_raw"]


def read_inputs(inputs: Iterable[str], *, settings: Settings) -> Iterator[Article | Rejection]:
    """Articles and rejections from file paths, folders and http(s) URLs, in input order."""
    for item in read_raw(inputs, settings=settings):
        yield item if isinstance(item, Rejection) else clean(item, settings=settings)
