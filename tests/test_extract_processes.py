"""Extraction of a large input in spawned processes (``parleys.extract.processes``): a short input
stays in this process; a long one comes back in input order from the pool; a process that dies
costs only the article it died on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from parleys.documents import Article, Rejection
from parleys.extract.parallel import GuardedExtractor
from parleys.extract.processes import MAX_AUTO_PROCESSES, ProcessExtractor, process_count, usable_cpus
from parleys.ingest import read_inputs
from parleys.settings import Settings
from process_tasks import CRASH, crash_on_marker, echo

SETTINGS = Settings.load(config_file=None)


def _articles(*texts: str) -> list[Article]:
    return [Article(id=f"a{i}", source=f"doc-{i}.txt", text=text) for i, text in enumerate(texts)]


class _Here:
    """Stands in for the pipeline of this process."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def extract_many(self, articles):
        for article in articles:
            self.seen.append(article.source)
            yield Rejection(article.source, "here", str(os.getpid()))


def test_a_short_input_is_extracted_in_this_process_without_a_pool() -> None:
    here = _Here()
    with ProcessExtractor(SETTINGS, processes=2, parallel_from=5, load=lambda: here, task=echo) as run:
        outcomes = list(run.extract_many(_articles(*"abcd")))
        assert run.pools_started == 0
    assert [o.source for o in outcomes] == [f"doc-{i}.txt" for i in range(4)]
    assert {o.reason for o in outcomes} == {"here"}
    assert here.seen == [o.source for o in outcomes]


def test_one_process_means_this_process_whatever_the_input() -> None:
    here = _Here()
    with ProcessExtractor(SETTINGS, processes=1, parallel_from=2, load=lambda: here, task=echo) as run:
        outcomes = list(run.extract_many(_articles(*"abcdefgh")))
        assert run.pools_started == 0
    assert [o.reason for o in outcomes] == ["here"] * 8


def test_a_long_input_comes_back_in_order_from_the_processes_in_chunks() -> None:
    def never() -> GuardedExtractor:
        raise AssertionError("a long input must not load the pipeline in this process")

    with ProcessExtractor(SETTINGS, processes=2, parallel_from=4, chunk_size=3, load=never, task=echo) as run:
        outcomes = list(run.extract_many(_articles(*"abcdefghijk")))
        assert run.pools_started == 1
    assert [o.source for o in outcomes] == [f"doc-{i}.txt" for i in range(11)]
    pids = {int(o.detail.split()[0]) for o in outcomes}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    # chunks of three: 3 + 3 + 3 + 2
    assert [int(o.detail.split()[1]) for o in outcomes] == [3] * 9 + [2] * 2


def test_a_chunk_is_never_larger_than_a_batch() -> None:
    settings = Settings.load(config_file=None, batch_size=2)
    run = ProcessExtractor(settings, processes=2, chunk_size=16)
    assert run.chunk_size == 2


def test_a_process_that_dies_costs_only_the_article_it_died_on() -> None:
    texts = ["one", "two", "three", f"four {CRASH}", "five", "six", "seven", "eight", "nine"]
    with ProcessExtractor(SETTINGS, processes=2, parallel_from=3, chunk_size=2, task=crash_on_marker) as run:
        outcomes = list(run.extract_many(_articles(*texts)))
        assert run.pools_started >= 2  # the broken pool was replaced
    assert [o.source for o in outcomes] == [f"doc-{i}.txt" for i in range(9)]
    assert [o.reason for o in outcomes] == ["echo"] * 3 + ["extract_failed"] + ["echo"] * 5
    assert "process died" in outcomes[3].detail
    # the crash's chunk partner ("three") was extracted again on its own
    assert outcomes[2].detail.split()[1] == "1"


def test_the_process_count_is_the_setting_or_the_usable_cpus_up_to_a_cap() -> None:
    assert process_count(Settings.load(config_file=None, processes=3)) == 3
    auto = process_count(Settings.load(config_file=None, processes=0))
    assert auto == max(1, min(usable_cpus(), MAX_AUTO_PROCESSES))


def test_a_negative_process_count_is_refused() -> None:
    from parleys.errors import SettingsError

    with pytest.raises(SettingsError, match="processes"):
        Settings.load(config_file=None, processes=-1)


@pytest.mark.model
def test_records_from_the_processes_equal_those_of_this_process(samples_dir: Path, extractor) -> None:
    articles = [a for a in read_inputs([str(samples_dir)], settings=SETTINGS) if isinstance(a, Article)]
    assert len(articles) == 5
    here = list(GuardedExtractor(extractor, timeout=120).extract_many(articles))
    with ProcessExtractor(SETTINGS, processes=2, parallel_from=2, chunk_size=2) as run:
        pooled = list(run.extract_many(articles))
        assert run.pools_started == 1
    assert [r.to_json() for r in pooled] == [r.to_json() for r in here]


def test_a_caller_of_the_python_api_extracts_in_its_own_process_unless_it_sets_processes(monkeypatch) -> None:
    from parleys import service

    loaded = object()
    monkeypatch.setattr(service, "_load_extractor", lambda settings: loaded)
    monkeypatch.delenv("PARLEYS_PROCESSES", raising=False)
    with service._extractor(Settings.load(config_file=None), None) as run:
        assert run is loaded
    with service._extractor(Settings.load(config_file=None, processes=0), None) as run:
        assert isinstance(run, ProcessExtractor)
        assert run.processes == max(1, min(usable_cpus(), MAX_AUTO_PROCESSES))
        assert run.here() is loaded  # a short input still runs on the pipeline loaded here


def test_the_command_line_uses_processes_unless_the_option_environment_or_file_says(
    monkeypatch, tmp_path: Path
) -> None:
    from types import SimpleNamespace

    from parleys.cli.common import extraction_settings_of

    monkeypatch.delenv("PARLEYS_PROCESSES", raising=False)
    monkeypatch.chdir(tmp_path)  # no parleys.toml here
    ctx = SimpleNamespace(obj={})
    assert extraction_settings_of(ctx).processes == 0
    assert extraction_settings_of(ctx, processes=3).processes == 3
    monkeypatch.setenv("PARLEYS_PROCESSES", "1")
    assert extraction_settings_of(ctx).processes == 1
    monkeypatch.delenv("PARLEYS_PROCESSES")
    (tmp_path / "parleys.toml").write_text("processes = 2\n", encoding="utf-8")
    assert extraction_settings_of(ctx).processes == 2


def test_the_console_script_module_imports_no_command_line_until_it_runs() -> None:
    """A spawned process imports the parent's main module again: for the ``parleys`` script that
    must not be the whole command line."""
    import importlib.metadata
    import subprocess
    import sys

    (script,) = [e for e in importlib.metadata.entry_points(group="console_scripts") if e.name == "parleys"]
    assert script.value == "parleys.console:main"
    heavy = "{'typer', 'sqlalchemy', 'spacy', 'parleys.cli'}"
    probe = f"import parleys.console, sys; print(sorted({heavy} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    ("cpu_max", "quota"),
    [("150000 100000\n", 2), ("100000 100000", 1), ("50000 100000", 1), ("max 100000\n", None), ("", None)],
)
def test_a_containers_cpu_quota_bounds_the_usable_cpus(tmp_path: Path, cpu_max: str, quota) -> None:
    from parleys.extract.processes import cgroup_quota

    (tmp_path / "cpu.max").write_text(cpu_max, encoding="ascii")
    inside = tmp_path / "self"  # inside a container's namespace: "0::/"
    inside.write_text("0::/\n", encoding="ascii")
    assert cgroup_quota(tmp_path, inside) == quota
    absent = tmp_path / "absent"
    assert cgroup_quota(absent, inside) is None
    unbounded = usable_cpus(absent, inside)
    assert usable_cpus(tmp_path, inside) == (min(unbounded, quota) if quota else unbounded)


def test_the_tightest_quota_on_the_path_to_the_cgroup_counts(tmp_path: Path) -> None:
    from parleys.extract.processes import cgroup_quota

    slice_ = tmp_path / "system.slice"
    service = slice_ / "parleys.service"
    service.mkdir(parents=True)
    (tmp_path / "cpu.max").write_text("max 100000", encoding="ascii")
    (slice_ / "cpu.max").write_text("300000 100000", encoding="ascii")
    (service / "cpu.max").write_text("max 100000", encoding="ascii")
    member = tmp_path / "self"
    member.write_text("0::/system.slice/parleys.service\n", encoding="ascii")
    assert cgroup_quota(tmp_path, member) == 3
    (service / "cpu.max").write_text("120000 100000", encoding="ascii")
    assert cgroup_quota(tmp_path, member) == 2
    member.write_text("12:cpu:/legacy\n", encoding="ascii")  # cgroup v1 only: the root's, none
    assert cgroup_quota(tmp_path, member) is None


def test_a_process_that_dies_while_this_one_is_busy_elsewhere_costs_only_its_article() -> None:
    """The death is seen when the next chunk is submitted, not when a result is read."""
    import time

    texts = [f"article {i}" + (f" {CRASH}" if i == 9 else "") for i in range(30)]
    outcomes = []
    with ProcessExtractor(SETTINGS, processes=2, parallel_from=3, chunk_size=2, task=crash_on_marker) as run:
        for outcome in run.extract_many(_articles(*texts)):
            outcomes.append(outcome)
            time.sleep(0.15)  # a consumer that stores each outcome
    assert [o.source for o in outcomes] == [f"doc-{i}.txt" for i in range(30)]
    assert [o.reason for o in outcomes] == ["echo"] * 9 + ["extract_failed"] + ["echo"] * 20


def test_processes_that_die_on_every_article_stop_the_run() -> None:
    from parleys.errors import WorkersError
    from process_tasks import always_crash

    with ProcessExtractor(SETTINGS, processes=2, parallel_from=2, chunk_size=2, task=always_crash) as run:
        with pytest.raises(WorkersError, match="3 articles in a row"):
            list(run.extract_many(_articles(*"abcdef")))


def test_a_chunk_whose_outcomes_do_not_add_up_stops_the_run() -> None:
    from parleys.errors import WorkersError
    from process_tasks import one_short

    with ProcessExtractor(SETTINGS, processes=2, parallel_from=2, chunk_size=2, task=one_short) as run:
        with pytest.raises(WorkersError, match="1 outcomes for 2 articles"):
            list(run.extract_many(_articles(*"abcd")))


def test_a_pipeline_that_cannot_load_in_a_process_says_why(monkeypatch) -> None:
    from parleys.errors import ModelError, WorkersError
    from parleys.extract import processes

    class Unpicklable(Exception):
        def __init__(self, *, detail: str) -> None:  # keyword-only: pickle cannot rebuild it
            super().__init__(detail)

    def broken(settings):
        raise Unpicklable(detail="a component's config is wrong")

    monkeypatch.setattr(processes, "_LOADED", None)
    monkeypatch.setattr(processes, "_guarded", broken)
    with pytest.raises(WorkersError, match="could not load the pipeline: Unpicklable: a component's config"):
        processes._extract_chunk(SETTINGS, [])

    def missing(settings):
        raise ModelError("no model")

    monkeypatch.setattr(processes, "_guarded", missing)
    with pytest.raises(ModelError, match="no model"):  # parleys' own errors pass as they are
        processes._extract_chunk(SETTINGS, [])


def test_extraction_processes_end_when_the_process_that_started_them_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    note = tmp_path / "pid"
    tests = Path(__file__).parent
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from process_tasks import sleep_and_note\n"
        "from parleys.documents import Article\n"
        "from parleys.extract.processes import ProcessExtractor\n"
        "from parleys.settings import Settings\n"
        "if __name__ == '__main__':\n"
        "    run = ProcessExtractor(Settings.load(config_file=None), processes=1 + 1, parallel_from=1,\n"
        "                           chunk_size=1, task=sleep_and_note)\n"
        "    list(run.extract_many([Article(id='a', source='a', text=sys.argv[2])]))\n"
    )
    (tmp_path / "parent.py").write_text(script, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(tmp_path / "parent.py"), str(tests), str(note)])
    try:
        deadline = time.monotonic() + 60
        while not (note.is_file() and note.read_text(encoding="ascii")):
            assert time.monotonic() < deadline, "the extraction process never started"
            time.sleep(0.1)
        child = int(note.read_text(encoding="ascii"))
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while Path(f"/proc/{child}").exists() and "Z" not in _state(child):
            assert time.monotonic() < deadline, "the extraction process outlived its parent"
            time.sleep(0.1)
    finally:
        parent.kill()


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text(encoding="ascii").split(") ")[1][:1]
    except OSError:
        return "Z"


def test_where_no_process_can_start_the_run_goes_on_in_this_one(monkeypatch, caplog) -> None:
    from parleys.extract import processes

    def no_shared_memory(*args, **kwargs):
        raise OSError(38, "Function not implemented")  # what SemLock says without /dev/shm

    monkeypatch.setattr(processes, "ProcessPoolExecutor", no_shared_memory)
    here = _Here()
    with caplog.at_level("WARNING", logger="parleys.extract.processes"):
        with ProcessExtractor(SETTINGS, processes=2, parallel_from=2, chunk_size=2, load=lambda: here) as run:
            outcomes = list(run.extract_many(_articles(*"abcde")))
    assert [o.source for o in outcomes] == [f"doc-{i}.txt" for i in range(5)]
    assert {o.reason for o in outcomes} == {"here"}
    assert "cannot start extraction processes (OSError" in caplog.text
