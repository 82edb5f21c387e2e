"""Docs that are tested: every CLI command, setting, error code and rejection reason is in the README."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from parleys import errors
from parleys.cli import app
from parleys.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _error_classes() -> list[type[errors.ParleysError]]:
    return [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.ParleysError)]


def _command_names() -> list[str]:
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_docs_readme_lists_every_command():
    names = _command_names()
    assert "ingest" in names and "extract" in names
    missing = [n for n in names if f"`parleys {n}" not in README]
    assert missing == []


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_docs_readme_lists_every_setting(name):
    assert f"`{name}`" in README
    assert f"`PARLEYS_{name.upper()}`" in README


def test_docs_readme_lists_every_error_code():
    classes = _error_classes()
    assert len(classes) >= 9
    for cls in classes:
        row = re.search(rf"\| `{cls.code}` \| `{cls.__name__}` \|", README)
        assert row, f"{cls.__name__} ({cls.code}) is not documented"


def test_docs_error_codes_are_unique():
    classes = _error_classes()
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("reason", sorted(errors.REJECTION_REASONS))
def test_docs_readme_lists_every_rejection_reason(reason):
    assert f"| `{reason}` |" in README


def test_docs_quick_start_commands_exist_in_makefile():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make demo" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
