"""Hostile files never end a read: each becomes a rejection with a precise reason, and the good
articles given beside it still come out (issue 9, findings 1 and 2)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from parleys.documents import Article, Rejection
from parleys.ingest import read_inputs
from parleys.ingest.sources import walk
from parleys.settings import Settings
from sample_records import article_text, write_articles

SETTINGS = Settings()
DEEP = "[" * 100_000 + "]" * 100_000


def _outcomes(items: list[Article | Rejection]) -> list[tuple[str, str]]:
    return [(i.source, i.reason) if isinstance(i, Rejection) else (i.source, "article") for i in items]


def test_ingest_hostile_deep_json_file_is_bad_json_and_the_good_articles_come_out(tmp_path: Path) -> None:
    good = write_articles(tmp_path / "good", 2)
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP, encoding="utf-8")
    items = list(read_inputs([str(good[0]), str(deep), str(good[1])], settings=SETTINGS))
    assert _outcomes(items) == [(str(good[0]), "article"), (str(deep), "bad_json"), (str(good[1]), "article")]
    assert "recursion limit" in items[1].detail


def test_ingest_hostile_deep_jsonl_line_is_rejected_alone(tmp_path: Path) -> None:
    lines = tmp_path / "records.jsonl"
    lines.write_text(
        "\n".join(
            [
                json.dumps({"id": "r1", "text": article_text(1)}),
                DEEP,
                '{"id": "r3", "text": "' + "9" * 5000 + '", "n": ' + "9" * 5000 + "}",
                json.dumps({"id": "r4", "text": article_text(4)}),
            ]
        ),
        encoding="utf-8",
    )
    items = list(read_inputs([str(lines)], settings=SETTINGS))
    assert _outcomes(items) == [
        (f"{lines}#1", "article"),
        (f"{lines}#2", "bad_json"),
        (f"{lines}#3", "bad_json"),
        (f"{lines}#4", "article"),
    ]
    assert [i.id for i in items if isinstance(i, Article)] == ["r1", "r4"]
    assert "recursion limit" in items[1].detail and "digits" in items[2].detail


def test_ingest_hostile_symlink_loop_is_recorded_and_the_walk_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    good = write_articles(folder, 2)
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    items = list(read_inputs([str(folder)], settings=SETTINGS))
    assert _outcomes(items) == [
        (str(good[0]), "article"),
        (str(good[1]), "article"),
        (str(folder / "dangling.txt"), "not_found"),
        (str(folder / "loop-a.txt"), "symlink_loop"),
        (str(folder / "loop-b.txt"), "symlink_loop"),
        (str(folder / "self.txt"), "symlink_loop"),
    ]
    assert "symbolic link" in items[2].detail
    # a looping link given directly is the same rejection
    assert _outcomes(list(read_inputs([str(folder / "self.txt")], settings=SETTINGS))) == [
        (str(folder / "self.txt"), "symlink_loop")
    ]


def test_ingest_hostile_pipe_and_symlinked_folder_are_recorded_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    good = write_articles(folder, 1)
    os.mkfifo(folder / "pipe.txt")  # reading it would block the run for ever
    (folder / "upward").symlink_to(tmp_path)  # following it would walk the corpus again, and loop
    items = list(read_inputs([str(folder)], settings=SETTINGS))
    assert _outcomes(items) == [
        (str(good[0]), "article"),
        (str(folder / "pipe.txt"), "unsupported"),
        (str(folder / "upward"), "unsupported"),
    ]
    assert "pipe" in items[1].detail and "not followed" in items[2].detail


def test_ingest_hostile_reader_exception_is_read_failed_for_that_input_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from parleys.ingest import text as text_reader

    good = write_articles(tmp_path / "good", 2)
    bad = tmp_path / "poison.txt"
    bad.write_text(article_text(9) + "POISON", encoding="utf-8")
    real = text_reader.parse_text

    def parse_text(content: str, **kwargs: object):  # a reader's own bug, hit by one input
        if "POISON" in content:
            raise ZeroDivisionError("a bug in a reader")
        return real(content, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(text_reader, "parse_text", parse_text)
    items = list(read_inputs([str(good[0]), str(bad), str(good[1])], settings=SETTINGS))
    assert _outcomes(items) == [
        (str(good[0]), "article"),
        (str(bad), "read_failed"),
        (str(good[1]), "article"),
    ]
    assert items[1].detail == "ZeroDivisionError: a bug in a reader"


# --- permissions: root reads everything, so the read runs as an unprivileged user -------------------

_READER = """
import json, sys
from parleys.documents import Rejection
from parleys.ingest import read_inputs
from parleys.settings import Settings
items = read_inputs(sys.argv[1:], settings=Settings.load(config_file=None))
print(json.dumps([[i.source, i.reason if isinstance(i, Rejection) else "article"] for i in items]))
"""


def _unprivileged() -> list[str]:
    """The command prefix that runs a process as a user that file permissions apply to."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: no user that file permissions stop")
    return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]


@pytest.fixture()
def shared_tmp() -> Iterator[Path]:
    """A folder the unprivileged user can enter (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="parleys-perm-"))
    folder.chmod(0o755)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def _read_as_unprivileged(*inputs: Path) -> list[tuple[str, str]]:
    done = subprocess.run(
        [*_unprivileged(), sys.executable, "-c", _READER, *map(str, inputs)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PARLEYS_CONFIG": "/nonexistent/parleys.toml"},
    )
    assert done.returncode == 0, done.stderr
    return [tuple(pair) for pair in json.loads(done.stdout.strip().splitlines()[-1])]


def test_ingest_hostile_unreadable_folder_and_file_are_unreadable_and_the_rest_is_read(
    shared_tmp: Path,
) -> None:
    corpus = shared_tmp / "corpus"
    first = write_articles(corpus / "a", 1)
    locked = corpus / "b-locked"
    write_articles(locked, 2)
    last = write_articles(corpus / "c", 1, start=5)
    secret = corpus / "d-secret.txt"
    secret.write_text(article_text(7), encoding="utf-8")
    for path in (corpus, *corpus.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    locked.chmod(0o000)
    secret.chmod(0o000)
    outcomes = _read_as_unprivileged(corpus, secret)
    assert outcomes == [
        (str(first[0]), "article"),
        (str(locked), "unreadable"),
        (str(last[0]), "article"),
        (str(secret), "unreadable"),
        (str(secret), "unreadable"),
    ]


def test_ingest_hostile_walk_yields_unreadable_folder_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk itself, without a second user: a folder whose listing fails is a rejection in place."""
    good = write_articles(tmp_path / "a", 1)
    broken = tmp_path / "b"
    broken.mkdir()
    real_scandir = os.scandir

    def scandir(path: object):
        if Path(str(path)) == broken:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    found = list(walk(tmp_path))
    assert found[0] == good[0]
    assert isinstance(found[1], Rejection) and (found[1].source, found[1].reason) == (
        str(broken),
        "unreadable",
    )
    assert "permission denied" in found[1].detail
