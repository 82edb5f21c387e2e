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


def always_crash(settings: Settings, articles: list[Article]) -> list[Rejection]:
    """The process dies on every chunk: a fault of the machine, not of an article."""
    os._exit(71)


def one_short(settings: Settings, articles: list[Article]) -> list[Rejection]:
    """One outcome fewer than articles: a task that lost one."""
    return echo(settings, articles)[1:]


def sleep_and_note(settings: Settings, articles: list[Article]) -> list[Rejection]:
    """Writes this process's id to the file named by the first article's text, then sleeps long."""
    import time
    from pathlib import Path

    Path(articles[0].text).write_text(str(os.getpid()), encoding="ascii")
    time.sleep(120)
    return echo(settings, articles)
