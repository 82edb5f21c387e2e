"""The README's defaults are the code's: every setting's default, and the defaults of the options
the command table names (issue 8: ``demo``'s folder was documented but not a default)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parleys.cli import app
from parleys.kb.filters import DEFAULT_LIMIT
from parleys.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _shown(default: object) -> str:
    if default is None:
        return "none"
    if isinstance(default, bool):
        return str(default).lower()
    return str(default)


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_docs_defaults_of_settings_match_the_code(name):
    row = re.search(rf"\| `{name}` \| `PARLEYS_[A-Z_]+` \| ([^|]+) \|", README)
    if row is None:
        pytest.skip(f"{name} is not in the settings table yet")
    documented = row.group(1).strip().strip("`")
    default = _shown(Settings.model_fields[name].default)
    if documented.endswith("…"):  # a long default, shortened
        assert default.startswith(documented.rstrip("… "))
    else:
        assert documented == default


def _option_default(command: str, param: str) -> object:
    info = next(c for c in app.registered_commands if (c.name or c.callback.__name__) == command)
    import inspect

    return inspect.signature(info.callback).parameters[param].default


def test_docs_defaults_of_command_options_match_the_code():
    assert f"`--limit` (default {DEFAULT_LIMIT}" in README
    assert _option_default("events", "limit") == str(DEFAULT_LIMIT)
    assert _option_default("events", "country_by") == "either" and "default `either`" in README
    assert str(_option_default("demo", "samples")) == "samples" and "(default `samples`)" in README
