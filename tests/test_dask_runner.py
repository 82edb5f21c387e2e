"""Extraction on Dask (``parleys ingest --scheduler/--workers``) stores what a plain ingest stores.

Real Dask throughout: a LocalCluster on loopback that a test starts (an existing scheduler, as
on another host), the LocalCluster parleys starts, and Dask's local schedulers.
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parleys import service
from parleys.cli import app
from parleys.errors import WorkersError
from parleys.extract import dask_runner
from parleys.extract.dask_runner import DaskExtractor
from parleys.extract.parallel import GuardedExtractor
from parleys.settings import Settings
from sample_records import write_articles

pytestmark = pytest.mark.model

ARTICLES = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dask") / "in"
    write_articles(folder, ARTICLES)
    return folder


def _ingest(args: list[str], db: Path) -> str:
    result = CliRunner().invoke(app, ["ingest", *args, "--db", f"sqlite:///{db}"])
    assert result.exit_code == 0, result.output
    return result.output


def _exported(db: Path, out: Path) -> list[dict]:
    result = CliRunner().invoke(
        app, ["export", "--format", "records", "--out", str(out), "--db", f"sqlite:///{db}"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == ARTICLES
    return records


@pytest.fixture(scope="module")
def plain_records(corpus: Path, extractor, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """The records of an ingest in this process, without Dask (the session's pipeline, guarded as
    `parleys ingest` guards its own)."""
    folder = tmp_path_factory.mktemp("plain")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(service, "_load_extractor", lambda settings: GuardedExtractor(extractor, timeout=120))
        _ingest([str(corpus)], folder / "plain.db")
    return _exported(folder / "plain.db", folder / "plain.jsonl")


@pytest.mark.parametrize(
    "options",
    [["--scheduler", "sync"], ["--scheduler", "threads", "--workers", "2"], ["--workers", "2"]],
    ids=["sync", "threads", "started-cluster"],
)
def test_dask_runner_ingest_stores_the_same_records_as_a_plain_ingest(
    options: list[str], corpus: Path, plain_records: list[dict], tmp_path: Path
) -> None:
    _ingest([str(corpus), *options, "--batch-size", "2"], tmp_path / "dask.db")
    assert _exported(tmp_path / "dask.db", tmp_path / "dask.jsonl") == plain_records


def test_dask_runner_existing_scheduler_stores_the_same_records_loading_the_model_once_per_worker(
    corpus: Path, plain_records: list[dict], tmp_path: Path
) -> None:
    import dask
    from distributed import Client, LocalCluster

    with (
        # as the README starts workers on other hosts: each extracts in a process of its own
        dask.config.set({"distributed.worker.daemon": False}),
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        # partitions of two articles: three partitions, so at least one worker extracts two
        _ingest(
            [str(corpus), "--scheduler", cluster.scheduler_address, "--batch-size", "2"], tmp_path / "d.db"
        )
        counts = client.run(dask_runner._extraction_counts)
        assert set(client.run(dask_runner._extraction_mode).values()) == {"process"}
    assert _exported(tmp_path / "d.db", tmp_path / "d.jsonl") == plain_records
    assert sum(c["partitions"] for c in counts.values()) == ARTICLES // 2
    assert max(c["partitions"] for c in counts.values()) >= 2
    assert {c["loads"] for c in counts.values() if c["partitions"]} == {1}


def test_dask_runner_extractor_keeps_input_order_and_rejects_in_place(extractor) -> None:
    """Under the synchronous scheduler (in this thread): one pipeline for every partition, the
    outcomes in input order, a too-long article rejected where it stood."""
    from parleys.documents import Article, Rejection
    from sample_records import article_text

    articles = [Article(id=f"a{i}", source=f"a{i}.txt", text=article_text(i)) for i in range(5)]
    articles.insert(2, Article(id="huge", source="huge.txt", text="word " * 250_000))
    before = dask_runner.worker_counts()
    settings = Settings.load(config_file=None, scheduler="sync")
    with DaskExtractor(settings, partition_size=2) as workers:
        assert workers.version == extractor.version
        outcomes = list(workers.extract_many(iter(articles)))
    after = dask_runner.worker_counts()
    assert (after["loads"] - before["loads"], after["partitions"] - before["partitions"]) == (1, 3)
    assert [o.reason if isinstance(o, Rejection) else o.id for o in outcomes] == [
        "a0",
        "a1",
        "too_long",
        "a2",
        "a3",
        "a4",
    ]
    expected = [r.to_json() for r in extractor.extract_many([a for a in articles if a.id != "huge"])]
    assert [o.to_json() for o in outcomes if not isinstance(o, Rejection)] == expected


def test_dask_runner_missing_extra_names_what_to_install(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("dask", "dask.bag", "distributed"):
        monkeypatch.setitem(sys.modules, name, None)  # `import dask` now raises ImportError
    with pytest.raises(WorkersError, match=r"pip install 'parleys\[dask\]'"):
        DaskExtractor(Settings.load(config_file=None, scheduler="sync"))
    db = tmp_path / "x.db"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--workers", "2", "--db", f"sqlite:///{db}"])
    assert result.exit_code == 2
    assert "Error: [E021]" in result.output and "pip install 'parleys[dask]'" in result.output
    assert "Traceback" not in result.output
    assert not db.exists()  # the workers are set up before the store is opened


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("scheduler", "code", "message"),
    [
        ("tcp://127.0.0.1:{port}", "E021", "cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"),
        ("nonsense://somewhere", "E021", "cannot reach the Dask scheduler at nonsense://somewhere"),
        ("somewhere", "E001", "unknown scheduler 'somewhere'"),
    ],
    ids=["nobody-listens", "unknown-protocol", "not-an-address"],
)
def test_dask_runner_bad_scheduler_is_one_line_not_a_traceback(
    scheduler: str, code: str, message: str, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT_S", 2.0)
    port = _closed_port()
    db = tmp_path / "x.db"
    result = CliRunner().invoke(
        app, ["ingest", str(corpus), "--scheduler", scheduler.format(port=port), "--db", f"sqlite:///{db}"]
    )
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: [{code}] ")
    assert message.format(port=port) in result.output
    assert "Traceback" not in result.output
    assert not db.exists()  # the workers are set up before the store is opened


def test_dask_runner_is_the_one_module_that_imports_dask() -> None:
    import ast

    package = Path(dask_runner.__file__).resolve().parents[1]
    importers = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n.split(".")[0] in ("dask", "distributed") for n in names):
                importers.add(path.relative_to(package.parent).as_posix())
    assert importers == {"parleys/extract/dask_runner.py"}
