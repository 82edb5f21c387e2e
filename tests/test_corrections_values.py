"""Corrections are validated, name their targets by anchor keys, and are reachable through the API."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from parleys import corrections
from parleys.api import create_app
from parleys.cli import app
from parleys.errors import CorrectionError, NotFoundError
from parleys.kb.events import list_events
from parleys.kb.filters import EventFilter
from parleys.keys import person_key
from parleys.resolve import resolve_all
from parleys.store.models import ArticleRow, CorrectionRow
from resolve_samples import E, P, report, store

D = date(2023, 9, 12)
HOST = P("Yerbol Tasmagambet", "speaker", "KAZ", "Chairman of the Mazhilis")
GUEST = P("Rustam Oqilov", "minister", "UZB", "Minister of Foreign Affairs")


@pytest.fixture()
def stored(db_session):
    store(db_session, report("v1", D, [HOST, GUEST], [E("meeting", D, [0, 1])]))
    resolve_all(db_session)
    db_session.commit()
    return db_session


def _ids(session) -> tuple[int, int, int]:
    (ev,) = list_events(session, EventFilter())
    return ev.id, ev.participants[0].person_id, ev.participants[1].person_id


@pytest.mark.parametrize(
    ("kind", "field", "value", "message"),
    [
        ("person", "role_class", "king", "unknown role class"),
        ("person", "country", "Atlantis", "unknown country"),
        ("person", "name", "X", "has no field"),
        ("event", "type", "party", "unknown event type"),
        ("event", "date", "12/09/2023", "invalid date"),
        ("event", "country", "ZZZ", "unknown country"),
    ],
)
def test_corrections_invalid_values_are_refused(stored, kind, field, value, message):
    event_id, host, _ = _ids(stored)
    make = corrections.set_person if kind == "person" else corrections.set_event
    with pytest.raises(CorrectionError, match=message) as info:
        make(stored, host if kind == "person" else event_id, field=field, value=value, author="a", reason="r")
    assert info.value.code == "E070"


@pytest.mark.parametrize(
    ("field", "value", "stored_as"),
    [
        ("country", "uzbekistan", "UZB"),
        ("country", "tur", "TUR"),
        ("country", "none", None),
        ("role_class", " Minister ", "minister"),
        ("title", "  Acting   Minister ", "Acting Minister"),
    ],
)
def test_corrections_values_are_normalized(stored, field, value, stored_as):
    _, _, guest = _ids(stored)
    row = corrections.set_person(stored, guest, field=field, value=value, author="a", reason="r")
    assert corrections.validate("person", field, value) == stored_as
    assert row.value == ("null" if stored_as is None else f'"{stored_as}"')


def test_corrections_name_targets_by_anchor_keys(stored):
    event_id, host, guest = _ids(stored)
    article = stored.scalars(select(ArticleRow)).one()
    row = corrections.set_person(stored, guest, field="country", value="UZB", author="a", reason="r")
    assert row.target_key == person_key(article.content_hash, "Rustam Oqilov")
    merged = corrections.change_participant(stored, event_id, host, add=False, author="a", reason="r")
    assert merged.target_key == f"e:{article.content_hash[:16]}:0"
    assert merged.other_key == person_key(article.content_hash, "Yerbol Tasmagambet")
    # a key works wherever an id does
    again = corrections.set_person(stored, row.target_key, field="title", value="t", author="a", reason="r")
    assert again.target_key == row.target_key


def test_corrections_need_a_reason_and_a_known_target(stored):
    event_id, host, guest = _ids(stored)
    with pytest.raises(CorrectionError, match="reason"):
        corrections.hide_event(stored, event_id, author="a", reason="  ")
    with pytest.raises(NotFoundError, match="no event with id 999"):
        corrections.hide_event(stored, 999, author="a", reason="r")
    with pytest.raises(NotFoundError, match="no person"):
        corrections.set_person(
            stored, "p:0000000000000000:nobody", field="title", value="x", author="a", reason="r"
        )
    with pytest.raises(CorrectionError, match="itself"):
        corrections.merge_persons(stored, host, host, author="a", reason="r")
    with pytest.raises(CorrectionError, match="nothing would remain"):
        corrections.split_person(stored, guest, article="v1", author="a", reason="r")
    with pytest.raises(CorrectionError, match="exactly one"):
        corrections.split_person(stored, guest, author="a", reason="r")
    assert stored.scalars(select(CorrectionRow)).all() == []


def test_corrections_cli_errors_are_one_line_with_a_code(stored, db_url):
    event_id, host, _ = _ids(stored)
    runner = CliRunner()
    bad = runner.invoke(
        app, ["corrections", "set-event", str(event_id), "--type", "party", "--reason", "r", "--db", db_url]
    )
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: [E070] unknown event type")
    missing = runner.invoke(app, ["corrections", "hide", "4242", "--reason", "r", "--db", db_url])
    assert missing.exit_code == 2 and missing.stderr.strip() == "Error: [E031] no event with id 4242"
    no_reason = runner.invoke(app, ["corrections", "hide", str(event_id), "--db", db_url])
    assert no_reason.exit_code == 2  # --reason is required
    default_author = runner.invoke(
        app,
        ["corrections", "hide", str(event_id), "--reason", "r", "--db", db_url],
        env={"PARLEYS_AUTHOR": "from-env"},
    )
    assert default_author.exit_code == 0 and "by from-env" in default_author.stdout


def test_corrections_split_conflicting_with_a_merge_is_reported(stored):
    _, host, guest = _ids(stored)
    store(stored, report("v2", date(2023, 10, 1), [P("Yerbol Tasmagambet", "speaker", "KAZ")], []))
    resolve_all(stored)
    split = corrections.split_person(stored, host, article="v2", author="a", reason="two people")
    merge = corrections.merge_persons(
        stored,
        host,
        "p:"
        + stored.scalars(select(ArticleRow.content_hash).where(ArticleRow.external_id == "v2")).one()[:16]
        + ":yerbol tasmagambet",
        author="a",
        reason="one person",
    )
    summary = resolve_all(stored)
    assert summary.conflicts == [merge.id] and split.id not in summary.conflicts
    assert summary.entities == 3


def test_corrections_api_makes_lists_and_revokes(stored, db_settings):
    event_id, host, guest = _ids(stored)
    # writes need a bearer token; the author is its holder ("web")
    writable = db_settings.model_copy(
        update={"api_tokens": "web:web-token-0123456789", "trusted_hosts": "testserver"}
    )
    with TestClient(create_app(writable), headers={"Authorization": "Bearer web-token-0123456789"}) as client:
        made = client.post(
            "/api/corrections",
            json={
                "action": "set_event",
                "event": event_id,
                "field": "type",
                "value": "call",
                "reason": "by phone",
            },
        )
        assert made.status_code == 201, made.text
        correction = made.json()["correction"]
        assert (correction["status"], correction["author"], correction["target_id"]) == (
            "active",
            "web",
            event_id,
        )
        assert client.get(f"/api/events/{event_id}").json()["type"] == "call"
        assert client.get("/api/corrections").json()["total"] == 1
        bad = client.post(
            "/api/corrections",
            json={
                "action": "set_person",
                "person": guest,
                "field": "role_class",
                "value": "king",
                "reason": "r",
            },
        )
        assert bad.status_code == 400 and bad.json()["error"]["code"] == "E070"
        unknown = client.post("/api/corrections", json={"action": "hide", "event": 777, "reason": "r"})
        assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "E031"
        revoked = client.post(f"/api/corrections/{correction['id']}/revoke")
        assert revoked.json()["correction"]["status"] == "revoked"
        assert client.get(f"/api/events/{event_id}").json()["type"] == "meeting"


@pytest.mark.parametrize(
    ("command", "flags"),
    [
        ("set-event", "--type, --date, --city, --country"),
        ("set-person", "--role-class, --title, --institution, --country"),
    ],
)
def test_corrections_cli_set_without_a_value_is_a_usage_error(command, flags, db_url):
    from typer.testing import CliRunner

    from parleys.cli import app

    result = CliRunner().invoke(app, ["corrections", command, "1", "--reason", "r", "--db", db_url])
    assert result.exit_code == 2
    assert all(flag in result.output for flag in flags.split(", "))  # Rich may wrap the message
