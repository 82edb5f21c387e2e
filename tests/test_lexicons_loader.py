"""load_lexicons(): user files merged over the shipped ones, validation, caching, fold()."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parleys.errors import SettingsError
from parleys.lexicons import clear_cache, fold, load_lexicons


def _write(folder: Path, name: str, data: object) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_lexicons_fold_ignores_case_diacritics_punctuation_and_dashes():
    assert fold("NUR-SULTAN") == fold("Nur Sultan") == "nur sultan"
    assert fold("Côte d’Ivoire") == fold("Cote d'Ivoire") == "cote divoire"
    assert fold("St. Petersburg") == "st petersburg"
    assert fold("Bosnia & Herzegovina") == "bosnia and herzegovina"
    assert fold("Alþingi") == "althingi"


def test_lexicons_user_files_extend_and_override(tmp_path):
    _write(
        tmp_path,
        "countries.json",
        {
            "KAZ": {"aliases": ["Qazaq Eli"], "demonyms": ["Qazaqstani"], "cities": ["Zhanaozen"]},
            "XAA": {
                "name": "Atlantis",
                "aliases": ["Republic of Atlantis"],
                "demonyms": ["Atlantean"],
                "capital": "Poseidonia",
                "cities": ["Poseidonia"],
                "parliament": {
                    "name": "Atlantean Parliament",
                    "chambers": [
                        {"name": "Senate", "kind": "upper", "chair_title": "President"},
                        {"name": "Great Hall", "kind": "lower", "chair_title": "Speaker"},
                    ],
                },
            },
            "_regions": ["Lost Continent"],
        },
    )
    _write(
        tmp_path,
        "cities.json",
        {
            "Almaty": {"country": "XAA"},
            "Old Poseidonia": {"country": "XAA", "canonical": "Poseidonia"},
        },
    )
    _write(
        tmp_path,
        "institutions.json",
        {
            "Hall of Elders": {"country": "XAA", "kind": "upper", "name": "Senate"},
        },
    )
    lex = load_lexicons(tmp_path)
    assert lex.country("Qazaq Eli") == "KAZ" and lex.country("Kazakhstan") == "KAZ"
    assert lex.demonym("Qazaqstani") == "KAZ"
    assert lex.city("Zhanaozen").country == "KAZ"
    assert lex.country("Republic of Atlantis") == "XAA" and lex.demonym("Atlantean") == "XAA"
    assert lex.countries["XAA"].capital == "Poseidonia"
    assert lex.city("Poseidonia").country == "XAA"
    assert tuple(lex.city("Old Poseidonia")) == ("Old Poseidonia", "XAA", "Poseidonia")
    assert lex.city("Almaty").country == "XAA"  # the user's entry wins
    assert lex.institution("Great Hall").country == "XAA"
    assert lex.institution("Senate of Atlantis") == ("XAA", "upper", "Senate")
    assert lex.institution("Atlantean Senate").country == "XAA"
    assert lex.institution("Hall of Elders").country == "XAA"
    assert lex.institution("Senate") is None  # still generic
    assert lex.is_region("Lost Continent")
    shipped = load_lexicons()
    assert shipped.country("Qazaq Eli") is None and shipped.city("Almaty").country == "KAZ"


def test_lexicons_user_parliament_replaces_the_shipped_one(tmp_path):
    _write(
        tmp_path,
        "countries.json",
        {
            "KAZ": {
                "parliament": {
                    "name": "Kurultai",
                    "chambers": [{"name": "Kurultai", "kind": "unicameral", "chair_title": "Chair"}],
                }
            }
        },
    )
    lex = load_lexicons(tmp_path)
    assert lex.institution("Kurultai") == ("KAZ", "unicameral", "Kurultai")
    assert lex.institution("Mazhilis") is None
    assert [chamber.name for chamber in lex.countries["KAZ"].chambers] == ["Kurultai"]
    assert load_lexicons().institution("Mazhilis").country == "KAZ"


def test_lexicons_user_alias_moves_from_a_shipped_country(tmp_path):
    _write(tmp_path, "countries.json", {"USA": {"aliases": ["Georgia"]}})
    assert load_lexicons(tmp_path).country("Georgia") == "USA"
    assert load_lexicons().country("Georgia") == "GEO"


def test_lexicons_are_cached_per_folder(tmp_path):
    assert load_lexicons() is load_lexicons()
    assert load_lexicons(tmp_path) is load_lexicons(str(tmp_path))
    first = load_lexicons(tmp_path)
    clear_cache()
    assert load_lexicons(tmp_path) is not first


def test_lexicons_tables_are_read_only():
    lex = load_lexicons()
    with pytest.raises(TypeError):
        lex.names["atlantis"] = "XAA"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("countries.json", "{not json", "is not valid JSON (line 1"),
        ("countries.json", [], "top level must be an object"),
        ("countries.json", {"kaz": {"name": "Kazakhstan"}}, "'kaz' is not an ISO alpha-3 code"),
        ("countries.json", {"KAZ": {"aliases": "Qazaq Eli"}}, "KAZ.aliases must be a list"),
        ("countries.json", {"KAZ": {"alias": ["Qazaq Eli"]}}, "KAZ has unknown key(s) alias"),
        ("countries.json", {"XAA": {"aliases": ["Atlantis"]}}, "XAA is not a shipped country"),
        (
            "countries.json",
            {"KAZ": {"parliament": {"name": "P", "chambers": [{"name": "C", "kind": "middle"}]}}},
            "kind must be one of upper, lower, unicameral",
        ),
        ("countries.json", {"KAZ": {"status": "empire"}}, "KAZ.status must be one of"),
        ("cities.json", {"Poseidonia": {"country": "XAA"}}, "names unknown country XAA"),
        ("cities.json", {"Poseidonia": "KAZ"}, "'Poseidonia' must be an object"),
        ("cities.json", {"Poseidonia": {"country": "KAZ", "exact": "yes"}}, "exact must be true or false"),
        ("institutions.json", {"Kurultai": {"country": "KAZ", "kind": "lower"}}, "'Kurultai' lacks name"),
        (
            "institutions.json",
            {"_ambiguous_institution_names": "Senate"},
            "must be a list of non-empty strings",
        ),
    ],
)
def test_lexicons_malformed_user_file_raises_settings_error(tmp_path, name, content, message):
    path = _write(tmp_path, name, content)
    with pytest.raises(SettingsError) as error:
        load_lexicons(tmp_path)
    assert str(path) in str(error.value)
    assert message in str(error.value)
    assert error.value.code == "E001"


def test_lexicons_missing_user_folder_raises_settings_error(tmp_path):
    with pytest.raises(SettingsError, match="does not exist"):
        load_lexicons(tmp_path / "nowhere")
