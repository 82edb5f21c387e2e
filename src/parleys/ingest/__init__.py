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

import logging
from collections.abc import Iterable, Iterator

from parleys.documents import Article, RawDocument, Rejection
from parleys.ingest.clean import clean, sections
from parleys.ingest.sources import read_raw
from parleys.settings import Settings

__all__ = ["clean", "read_inputs", "read_raw"]
log = logging.getLogger(__name__)


def read_inputs(inputs: Iterable[str], *, settings: Settings) -> Iterator[Article | Rejection]:
    """Articles and rejections from file paths, folders and http(s) URLs, in input order.

    Each input is read on its own, so that nothing one input raises can end the others; an
    article longer than :data:`~parleys.ingest.clean.SECTION_CHARS` comes out in sections.
    """
    for spec in inputs:
        try:
            for item in read_raw([spec], settings=settings):
                if isinstance(item, Rejection):
                    yield item
                else:
                    yield from _cleaned(item, settings)
        except Exception as exc:  # the last boundary: readers already turn their failures into rejections
            log.warning("reading %s raised %s", spec, type(exc).__name__, exc_info=True)
            yield Rejection(str(spec), "read_failed", f"{type(exc).__name__}: {exc}"[:300])


def _cleaned(raw: RawDocument, settings: Settings) -> Iterator[Article | Rejection]:
    try:
        cleaned = clean(raw, settings=settings)
    except RecursionError:
        cleaned = Rejection(
            raw.source, "no_text", "the page is nested deeper than the HTML reader can follow"
        )
    except Exception as exc:  # an HTML library's failure on one hostile page
        log.warning("cleaning %s raised %s", raw.source, type(exc).__name__, exc_info=True)
        cleaned = Rejection(raw.source, "read_failed", f"{type(exc).__name__}: {exc}"[:300])
    if isinstance(cleaned, Rejection):
        yield cleaned
    else:
        yield from sections(cleaned)
