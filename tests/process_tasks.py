"""Tasks for ``parleys.extract.processes`` tests, in a module that a spawned process can import:
they stand in for the pipeline, so that the pool's order, chunking and recovery are tested in
seconds."""

from __future__ import annotations

import os

from parleys.documents import Article, Rejection
from parleys.settings import Settings

CRASH = "<crash this process>"


def echo(settings: Settings, articles: list[Article]) -> list[Rejection]:
    """One outcome per article that names it and the process that made it."""
    return [Rejection(a.source, "echo", f"{os.getpid()} {len(articles)}") for a in articles]


def crash_on_marker(settings: Settings, articles: list[Article]) -> list[Rejection]:
    """As :func:`echo`, but the process dies (as a segfault would end it) on an article whose text
    holds ``CRASH``."""
    if any(CRASH in a.text for a in articles):
        os._exit(70)
    return echo(settings, articles)
