"""Ingest inputs into the store, or extract them to a file: read -> extract -> store -> resolve.

:func:`ingest` commits once per article (the article with everything extracted from it, and
the run's counts), so a run killed at any point leaves each stored article complete, and
running it again stores the rest: an article whose content hash is already stored counts as
``unchanged`` and is not extracted again. Rejected inputs are stored as rows of the run. At the
end, resolution (:func:`parleys.resolve.resolve_all`) rebuilds entities and merged events in one
transaction of its own. :func:`reprocess` extracts every stored article again with the current
pipeline, one transaction per article, and resolves again; analysts' corrections, stored apart
and named by anchor keys, apply to the new output.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parleys.consistency import consistent
from parleys.documents import Article, IngestSummary, Rejection
from parleys.errors import ExportError
from parleys.ingest import read_inputs
from parleys.records import ArticleRecord
from parleys.resolve import ResolveSummary, resolve_all
from parleys.settings import Settings
from parleys.store import repository
from parleys.store.db import open_session
from parleys.store.models import ArticleRow, EventClusterMemberRow, EventRow, PersonLinkRow, PersonRow

if TYPE_CHECKING:
    from parleys.extract import Extractor

# progress(outcome, name): outcome is "stored" | "unchanged" | "rejected" | "written"
Progress = Callable[[str, str], None]
T = TypeVar("T")


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, max(1, size))):
        yield batch


def _extracted(
    extractor: Extractor, articles: Iterable[Article], *, batch_size: int
) -> Iterator[tuple[Article, ArticleRecord | Rejection]]:
    """Each article with its record, or with a rejection in its place, in input order.

    A guarded extractor (in process: ``GuardedExtractor``; on Dask: ``DaskExtractor``) turns every
    failure into a rejection itself and gets the whole stream, which it reads ahead only as far as
    it needs to keep its workers busy. Any other one (handed in by a caller) gets batches of
    ``batch_size``: a batch is extracted in one pass, and when that raises, the rest of the batch
    is extracted one article at a time so that only the article that fails is rejected.
    """
    if getattr(extractor, "guarded", False):
        read: deque[Article] = deque()

        def reading() -> Iterator[Article]:
            for article in articles:
                read.append(article)
                yield article

        for outcome in extractor.extract_many(reading()):
            yield read.popleft(), outcome
        return
    for batch in _batches(articles, batch_size):
        yield from _extracted_batch(extractor, batch)


def _extracted_batch(
    extractor: Extractor, articles: Sequence[Article]
) -> Iterator[tuple[Article, ArticleRecord | Rejection]]:
    done = 0
    try:
        for article, record in zip(articles, extractor.extract_many(articles), strict=True):
            yield article, record
            done += 1
        return
    except Exception:  # any failure of a component: retried article by article below
        pass
    for article in articles[done:]:
        try:
            yield article, next(iter(extractor.extract_many([article])))
        except Exception as exc:  # one bad article must not stop the run
            yield article, Rejection(article.source, "extract_failed", f"{type(exc).__name__}: {exc}")


@contextmanager
def _extractor(settings: Settings, given: Extractor | None) -> Iterator[Extractor]:
    """The extractor a run uses: the one given; else on Dask when ``settings.scheduler`` is set or
    ``settings.workers`` > 1 (the workers closed when the run ends); else in this process, or for
    an input of many articles in processes of this machine when ``settings.processes`` is set
    (``parleys.extract.processes``; the command line sets it)."""
    if given is not None:
        yield given
        return
    if settings.scheduler or settings.workers > 1:
        from parleys.extract.dask_runner import DaskExtractor

        with DaskExtractor(settings) as workers:
            yield workers  # type: ignore[misc]  # the same extract_many as an Extractor
        return
    if settings.processes is None:  # a caller of the Python API that did not ask for processes
        yield _load_extractor(settings)
        return
    from parleys.extract.processes import ProcessExtractor

    # _load_extractor looked up when needed: tests hand in a pipeline they loaded once
    with ProcessExtractor(settings, load=lambda: _load_extractor(settings)) as extractor:
        yield extractor  # type: ignore[misc]  # the same extract_many as an Extractor


def _load_extractor(settings: Settings) -> Extractor:
    from parleys.extract import load_pipeline
    from parleys.extract.parallel import GuardedExtractor

    # the same extract_many, with too_long, timeout and extract_failed rejections in place of records
    return GuardedExtractor(load_pipeline(settings), timeout=settings.extract_timeout)  # type: ignore[return-value]


def ingest(
    inputs: Iterable[str | Path],
    *,
    settings: Settings,
    extractor: Extractor | None = None,
    progress: Progress | None = None,
    source_name: Callable[[str], str] | None = None,
    run_started: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Read, extract and store ``inputs`` (paths, folders, URLs) into ``settings.database_url``;
    ``source_name`` gives the source to record for each one read (an upload's own file name
    rather than the server's temporary path); ``run_started`` is told the id of the run's row
    (``runs``) once it is committed, before any input is read (an API job links its rejections
    through it)."""
    with (
        _extractor(settings, extractor) as run_extractor,
        open_session(settings, doing="the ingest") as session,
    ):
        summary = _ingest(
            session,
            inputs,
            settings=settings,
            extractor=run_extractor,
            progress=progress,
            named=source_name,
            run_started=run_started,
        )
        if summary.stored or needs_resolution(session):
            resolve_all(session, full=False)  # only what the ingest changed, unless no state yet
            session.commit()
        return summary


def needs_resolution(session: Session) -> bool:
    """Whether a person or event was stored since the last resolution."""
    unlinked = select(PersonRow.id).where(~exists().where(PersonLinkRow.person_id == PersonRow.id))
    unmerged = select(EventRow.id).where(~exists().where(EventClusterMemberRow.event_id == EventRow.id))
    return any(session.scalar(stmt.limit(1)) is not None for stmt in (unlinked, unmerged))


def resolve(*, settings: Settings, full: bool = False) -> ResolveSummary:
    """Bring entities, offices and merged events up to date with the stored rows (no extraction):
    what changed since the last resolution, or everything with ``full``."""
    with open_session(settings, doing="the resolution") as session:
        summary = resolve_all(session, full=full)
        session.commit()
        return summary


@dataclass(slots=True)
class ReprocessSummary:
    """What :func:`reprocess` did: the articles extracted again, those that failed (their earlier
    extraction is kept), and the resolution that followed."""

    reprocessed: list[str] = field(default_factory=list)
    failed: list[Rejection] = field(default_factory=list)
    resolution: ResolveSummary | None = None

    @property
    def ok(self) -> bool:
        return not self.failed


def reprocess(
    *, settings: Settings, extractor: Extractor | None = None, progress: Progress | None = None
) -> ReprocessSummary:
    """Extract every stored article again with the current pipeline, then resolve again.

    Each article keeps its text, content hash and ingestion time; its extraction rows are
    replaced in one transaction per article. Corrections are not touched: they apply again.
    """
    with (
        _extractor(settings, extractor) as run_extractor,
        open_session(settings, doing="the reprocessing") as session,
    ):
        return _reprocess(session, settings=settings, extractor=run_extractor, progress=progress)


def _reprocess(
    session: Session, *, settings: Settings, extractor: Extractor, progress: Progress | None
) -> ReprocessSummary:
    summary = ReprocessSummary()
    counts = IngestSummary()
    run = repository.start_run(session, pipeline_version=extractor.version)
    session.commit()
    ids = list(session.scalars(select(ArticleRow.id).order_by(ArticleRow.id)))
    stamps: deque[datetime] = deque()  # the ingestion time of each article read, in order

    def stored() -> Iterator[Article]:
        for batch in _batches(ids, settings.batch_size):
            for r in [repository.get_article(session, i) for i in batch]:
                stamps.append(r.ingested_at)
                yield Article(
                    id=r.external_id,
                    source=r.source,
                    text=r.text,
                    title=r.title,
                    published=r.published,
                    url=r.url,
                    site=r.site,
                )

    for article, outcome in _extracted(extractor, stored(), batch_size=settings.batch_size):
        ingested_at = stamps.popleft()
        if isinstance(outcome, Rejection):
            repository.record_rejection(session, outcome, run_id=run.id)
            summary.failed.append(outcome)
            counts.rejected.append(outcome)
        else:
            try:
                row = repository.save_article_record(session, article, outcome, run_id=run.id)
            except (IntegrityError, KeyError) as exc:
                session.rollback()
                failure = Rejection(article.source, "extract_failed", f"the record cannot be stored: {exc}")
                repository.record_rejection(session, failure, run_id=run.id)
                summary.failed.append(failure)
                counts.rejected.append(failure)
                session.commit()
                continue
            row.ingested_at = ingested_at
            summary.reprocessed.append(article.id)
            counts.stored.append(article.id)
        repository.update_run(session, run, counts)
        session.commit()
        if progress is not None:
            progress("reprocessed" if not isinstance(outcome, Rejection) else "rejected", article.id)
    repository.update_run(session, run, counts, finished=True)
    summary.resolution = resolve_all(session)
    session.commit()
    return summary


def _ingest(
    session: Session,
    inputs: Iterable[str | Path],
    *,
    settings: Settings,
    extractor: Extractor,
    progress: Progress | None,
    named: Callable[[str], str] | None = None,
    run_started: Callable[[int], None] | None = None,
) -> IngestSummary:
    summary = IngestSummary()
    run = repository.start_run(session, pipeline_version=extractor.version)
    session.commit()
    if run_started is not None:
        run_started(run.id)

    def note(outcome: str, name: str) -> None:
        if progress is not None:
            progress(outcome, name)

    def reject(rejection: Rejection) -> None:
        repository.record_rejection(session, rejection, run_id=run.id)
        summary.rejected.append(rejection)
        repository.update_run(session, run, summary)
        session.commit()
        note("rejected", rejection.source)

    # the hashes sent to extraction in this run: a second copy is unchanged, not extracted again
    pending: set[str] = set()

    def todo() -> Iterator[Article]:
        """The articles to extract; rejections and unchanged articles are counted on the way (the
        extractor reads this ahead of the articles it hands back, between two stored articles)."""
        for item in read_inputs([str(i) for i in inputs], settings=settings):
            if named is not None:
                item = replace(item, source=named(item.source))
            if isinstance(item, Rejection):
                reject(item)
            elif (
                item.content_hash in pending
                or repository.stored_article_id(session, item.content_hash) is not None
            ):
                unchanged(item.id)
            else:
                pending.add(item.content_hash)
                yield item

    def unchanged(article_id: str) -> None:
        summary.unchanged.append(article_id)
        note("unchanged", article_id)

    def stored_by_another_run(article_id: str) -> None:
        summary.unchanged.append(article_id)
        repository.update_run(session, run, summary)
        session.commit()
        note("unchanged", article_id)

    for article, outcome in _extracted(extractor, todo(), batch_size=settings.batch_size):
        if isinstance(outcome, Rejection):
            reject(outcome)
            continue
        # another run (a second ingest of the same folder) may have stored the same text since it
        # was looked up: before this one stores it (nothing is saved), or while it does (the
        # unique content hash)
        try:
            saved = repository.save_new_article(session, article, outcome, run_id=run.id)
        except (IntegrityError, KeyError) as exc:  # an inconsistent record, or that race
            session.rollback()
            if repository.stored_article_id(session, article.content_hash) is not None:
                stored_by_another_run(article.id)
                continue
            reject(Rejection(article.source, "extract_failed", f"the record cannot be stored: {exc}"))
            continue
        if saved is None:
            stored_by_another_run(article.id)
            continue
        summary.stored.append(article.id)
        repository.update_run(session, run, summary)
        session.commit()
        note("stored", article.id)
    repository.update_run(session, run, summary, finished=True)
    session.commit()
    return summary


def extract_to_file(
    inputs: Iterable[str | Path],
    out: str | Path,
    *,
    settings: Settings,
    extractor: Extractor | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Extract ``inputs`` without a database: one FORMAT.md record per line of ``out``.

    Rejected inputs are counted in the summary, not written. The file appears complete or
    not at all (it is written beside ``out`` and renamed at the end).
    """
    out = Path(out)
    with _extractor(settings, extractor) as run_extractor:
        return _extract_to_file(inputs, out, settings=settings, extractor=run_extractor, progress=progress)


def _extract_to_file(
    inputs: Iterable[str | Path],
    out: Path,
    *,
    settings: Settings,
    extractor: Extractor,
    progress: Progress | None,
) -> IngestSummary:
    """Two passes (``consistency.consistent``): every input is extracted into a spool of typed
    records while the countries that offices state are learnt, then the records are written with
    those applied."""
    summary = IngestSummary()
    partial = out.with_name(out.name + ".partial")

    def articles() -> Iterator[Article]:
        for item in read_inputs([str(i) for i in inputs], settings=settings):
            if isinstance(item, Rejection):
                summary.rejected.append(item)
                if progress:
                    progress("rejected", item.source)
            else:
                yield item

    def records() -> Iterator[ArticleRecord]:
        for article, outcome in _extracted(extractor, articles(), batch_size=settings.batch_size):
            if isinstance(outcome, Rejection):
                summary.rejected.append(outcome)
                if progress:
                    progress("rejected", outcome.source)
                continue
            summary.stored.append(article.id)
            if progress:
                progress("written", article.id)
            yield outcome

    try:
        stream = partial.open("w", encoding="utf-8")
        spool = tempfile.TemporaryFile(dir=out.parent, prefix=out.name + ".", suffix=".spool")
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    try:
        with stream, spool:
            for record in consistent(records(), spool, apply=settings.corpus_persons):
                stream.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return summary
