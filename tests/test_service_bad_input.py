"""Every kind of bad input becomes a stored rejection with its reason, and nothing already stored
is lost or changed (issue: "bad input never stops a run and never loses data")."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from sqlalchemy import select

from parleys.kb.corpus import article_records
from parleys.service import ingest
from parleys.store.db import open_session
from parleys.store.models import RejectionRow, Run
from sample_records import article_text, write_articles

pytestmark = pytest.mark.model

FRENCH = (
    "Le président de l'Assemblée nationale a reçu mardi l'ambassadeur du Japon. Les deux parties ont "
    "discuté de la coopération parlementaire et des relations économiques entre les deux pays. "
) * 3
RUSSIAN = (
    "Председатель Сената встретился с послом Японии. Стороны обсудили вопросы межпарламентского "
    "сотрудничества и развития торгово-экономических связей между двумя странами. "
) * 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write(tmp_path: Path, kind: str) -> str:
    """The bad input of ``kind``, written under tmp_path; returns what to pass to ingest."""
    path = tmp_path / "bad"
    path.mkdir()
    if kind == "empty":
        (f := path / "empty.txt").write_bytes(b"")
    elif kind == "binary":
        (f := path / "image.txt").write_bytes(bytes(range(256)) * 8)
    elif kind == "encoding":
        (f := path / "garbled.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 200)
    elif kind == "language_cp1251":
        (f := path / "russian.txt").write_bytes(RUSSIAN.encode("cp1251"))
    elif kind == "language":
        (f := path / "french.txt").write_text(FRENCH, encoding="utf-8")
    elif kind == "too_large":
        (f := path / "huge.txt").write_text(article_text(7) * 2000, encoding="utf-8")
    elif kind == "no_text":
        (f := path / "menu.html").write_text(
            "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> <a href='/n'>News</a>"
            "</nav><footer>© Agency</footer></body></html>",
            encoding="utf-8",
        )
    elif kind == "bad_json":
        f = path / "lines.jsonl"
        f.write_text(json.dumps({"id": "j1", "text": article_text(8)}) + "\n{not json\n", encoding="utf-8")
    elif kind == "bad_feed":
        f = path / "feed.xml"
        f.write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            f"<item><title>Good</title><description>{article_text(9)}</description></item>"
            "<item><title>Broken</title></item></channel></rss>",
            encoding="utf-8",
        )
    elif kind == "deep_json":  # RecursionError out of json.loads aborted the whole run before
        (f := path / "deep.json").write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    elif kind == "deep_jsonl":
        f = path / "deep.jsonl"
        f.write_text(
            json.dumps({"id": "j1", "text": article_text(8)}) + "\n" + "[" * 50_000 + "]" * 50_000,
            encoding="utf-8",
        )
    elif kind == "symlink_loop":  # skipped with no rejection recorded before
        (f := path / "loop.txt").symlink_to(path / "loop.txt")
        return str(path)
    elif kind == "fetch_failed":
        return f"http://127.0.0.1:{_free_port()}/article.html"
    else:  # pragma: no cover - the parametrization below lists every kind
        raise AssertionError(kind)
    return str(f)


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("empty", "empty"),
        ("binary", "binary"),
        ("encoding", "encoding"),
        ("language_cp1251", "language"),
        ("language", "language"),
        ("too_large", "too_large"),
        ("no_text", "no_text"),
        ("bad_json", "bad_json"),
        ("bad_feed", "bad_feed"),
        ("fetch_failed", "fetch_failed"),
        ("deep_json", "bad_json"),
        ("deep_jsonl", "bad_json"),
        ("symlink_loop", "symlink_loop"),
    ],
)
def test_service_bad_input_is_a_stored_rejection_and_stored_articles_stay(
    kind, reason, extractor, db_settings, tmp_path
):
    settings = db_settings.model_copy(update={"max_bytes": 200_000, "fetch_timeout": 2.0})
    good = tmp_path / "good"
    write_articles(good, 2)
    first = ingest([good], settings=settings, extractor=extractor)
    assert first.ok and len(first.stored) == 2
    with open_session(settings) as session:
        before = {r.id: r.to_json() for r in article_records(session)}

    summary = ingest([_write(tmp_path, kind), str(good)], settings=settings, extractor=extractor)

    assert not summary.ok
    assert [r.reason for r in summary.rejected] == [reason]
    assert sorted(summary.unchanged) == sorted(before)
    with open_session(settings) as session:
        rows = session.scalars(select(RejectionRow)).all()
        assert [r.reason for r in rows] == [reason]
        assert rows[0].detail
        after = {r.id: r.to_json() for r in article_records(session)}
    # the articles stored before are intact; the good item inside a partly broken file is stored too
    assert {k: after[k] for k in before} == before
    new = set(after) - set(before)
    assert len(new) == (1 if kind in ("bad_json", "bad_feed", "deep_jsonl") else 0)
    if kind in ("bad_json", "deep_jsonl"):
        assert new == {"j1"}
    with open_session(settings) as session:  # the run row is finished, with its counts
        run = session.scalars(select(Run).order_by(Run.id.desc())).first()
        assert run is not None and run.finished_at is not None
        assert (run.rejected, run.stored) == (1, len(new))
