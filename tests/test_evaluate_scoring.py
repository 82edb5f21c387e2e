"""The scoring rules of FORMAT.md on hand-written records (invented names) with exact expected numbers."""

from __future__ import annotations

from typing import Any

import pytest

from parleys.evaluate import (
    format_summary,
    match_people,
    name_tokens,
    normalize_org,
    same_person,
    score,
)


def person(name: str, role: str = "mp", country: str | None = "KAZ") -> dict[str, Any]:
    return {"name": name, "role_class": role, "country": country}


def record(
    article_id: str = "a1",
    *,
    persons: list[dict] | None = None,
    participants: list[dict] | None = None,
    event_type: str | None = "meeting",
    date: str | None = "2024-05-02",
    city: str | None = None,
    countries: list[str] | None = None,
    organizations: list[str] | None = None,
    topics: list[str] | None = None,
    extra_events: list[dict] | None = None,
) -> dict[str, Any]:
    events = []
    if event_type is not None:
        events.append(
            {
                "type": event_type,
                "date": date,
                "location": {"city": city, "country": None},
                "participants": participants or [],
                "countries": countries or [],
            }
        )
    events.extend(extra_events or [])
    return {
        "id": article_id,
        "published": "2024-05-02",
        "events": events,
        "persons": persons or [],
        "organizations": organizations or [],
        "topics": topics or [],
    }


def prf(summary, field: str) -> tuple[float, float, float]:
    c = summary.fields[field]
    return round(c.precision, 4), round(c.recall, 4), round(c.f1, 4)


def counts(summary, field: str) -> tuple[int, int, int]:
    c = summary.fields[field]
    return c.tp, c.fp, c.fn


# --- names -------------------------------------------------------------------------------------


def test_evaluate_name_tokens_fold_case_diacritics_punctuation():
    assert name_tokens("Şükrü ÖZDEMİRTAŞ-Kaya") == ("sukru", "ozdemirtas", "kaya")
    assert name_tokens("Elçin Məmmədli") == ("elcin", "mammadli")
    assert name_tokens("Yıldız Kılıçarslan") == ("yildiz", "kilicarslan")
    assert name_tokens("  ") == ()
    assert name_tokens(None) == ()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Şükrü Özdemirtaş", "Sukru Ozdemirtas"),  # diacritics
        ("Elçin Məmmədli", "ELCIN MAMMADLI"),  # schwa -> a, case
        ("Yıldız Kılıçarslan", "Yildiz Kilicarslan"),  # dotless i
        ("Gulnar Utepova", "Utepova Gulnar"),  # other order
        ("Temirkhan Sarsenov Bolatuly", "Temirkhan Sarsenov"),  # added patronymic
        ("Sarsenov Temirkhan Bolatuly", "Temirkhan Sarsenov"),  # both at once
        ("T. Sarsenov", "Temirkhan Sarsenov"),  # initial and last name
        ("Tair Sarsenov", "Temirkhan Sarsenov"),  # same initial, same last name
        ("Madina Ospanova-Kerey", "Madina Ospanova Kerey"),  # punctuation
    ],
)
def test_evaluate_same_person_matches(a: str, b: str):
    assert same_person(a, b)
    assert same_person(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Dias Sarsenov", "Temirkhan Sarsenov"),  # other initial
        ("Sarsenov", "Temirkhan Sarsenov"),  # one word is not enough to be contained
        ("Temirkhan Sarsenova", "Temirkhan Sarsenov"),
        ("", "Temirkhan Sarsenov"),
        (None, None),
    ],
)
def test_evaluate_same_person_rejects(a: str | None, b: str | None):
    assert not same_person(a, b)


def test_evaluate_match_people_is_greedy_in_gold_order():
    # the first gold name takes the first system name it matches, even though the second gold name
    # could only have matched that one: greedy, not optimal
    gold = [person("T. Sarsenov"), person("Sarsenov Tair")]
    system = [person("Tair Sarsenov"), person("Timur Sarsenov")]
    pairs, extra, missed = match_people(gold, system)
    assert [(g["name"], s["name"]) for g, s in pairs] == [("T. Sarsenov", "Tair Sarsenov")]
    assert (extra, missed) == (1, 1)


def test_evaluate_match_people_uses_each_system_person_once():
    gold = [person("Gulnar Utepova"), person("Gulnar Utepova")]
    pairs, extra, missed = match_people(gold, [person("Utepova Gulnar")])
    assert (len(pairs), extra, missed) == (1, 0, 1)


# --- fields ------------------------------------------------------------------------------------


def test_evaluate_persons_country_and_role():
    gold = record(
        persons=[
            person("Gulnar Utepova", "speaker", "KAZ"),
            person("Şükrü Özdemirtaş", "ambassador", "TUR"),
            person("Elçin Məmmədli", "mp", "AZE"),
            person("Madina Ospanova", "minister", "KAZ"),
        ]
    )
    system = record(
        persons=[
            person("Utepova Gulnar", "speaker", "kaz "),  # country compared trimmed, upper-cased
            person("Sukru Ozdemirtas", "official", "TUR"),  # wrong role
            person("Elcin Mammadli", "mp", "TUR"),  # wrong country
            person("Dias Omarov", "mp", "KAZ"),  # not in gold
        ]
    )
    summary = score({"a1": gold}, {"a1": system})
    assert counts(summary, "persons") == (3, 1, 1)
    assert prf(summary, "persons") == (0.75, 0.75, 0.75)
    # a matched person with a wrong attribute counts as one false positive and one false negative
    assert counts(summary, "persons+country") == (2, 2, 2)
    assert prf(summary, "persons+country") == (0.5, 0.5, 0.5)
    assert counts(summary, "persons+role") == (2, 2, 2)


def test_evaluate_null_country_and_role_compare_equal_to_missing():
    gold = record(persons=[{"name": "Gulnar Utepova", "role_class": None, "country": None}])
    system = record(persons=[{"name": "Gulnar Utepova"}])
    summary = score({"a1": gold}, {"a1": system})
    assert counts(summary, "persons+country") == (1, 0, 0)
    assert counts(summary, "persons+role") == (1, 0, 0)


def test_evaluate_participants_come_from_the_main_event_only():
    second = {
        "type": "visit",
        "date": "2024-05-03",
        "location": {"city": None, "country": None},
        "participants": [person("Madina Ospanova")],
        "countries": ["KAZ"],
    }
    gold = record(
        participants=[person("Gulnar Utepova", country="KAZ"), person("Dias Omarov", country="UZB")],
        countries=["KAZ", "UZB"],
        extra_events=[second],
    )
    system = record(
        participants=[person("Gulnar Utepova", country="KAZ"), person("Madina Ospanova")], countries=["kaz"]
    )
    summary = score({"a1": gold}, {"a1": system})
    assert counts(summary, "participants") == (1, 1, 1)
    assert counts(summary, "participants+country") == (1, 1, 1)
    assert counts(summary, "event.countries") == (1, 0, 1)
    assert prf(summary, "event.countries") == (1.0, 0.5, 0.6667)


def test_evaluate_organizations_are_normalized():
    gold = record(organizations=["OSCE PA", "CIS IPA", "Parliamentary Assembly of Turkic States", "UN"])
    system = record(
        organizations=["osce-pa", "CIS  IPA.", "PARLIAMENTARY ASSEMBLY OF TURKIC STATES", "EU", "OTS"]
    )
    summary = score({"a1": gold}, {"a1": system})
    assert counts(summary, "organizations") == (3, 2, 1)
    assert prf(summary, "organizations") == (0.6, 0.75, 0.6667)
    assert normalize_org(" cis/ipa ") == "CIS IPA"


def test_evaluate_topics_are_exact_codes():
    gold = record(topics=["energy", "trade_economy", "security"])
    system = record(topics=["energy", "Trade_Economy", "health", "energy"])
    summary = score({"a1": gold}, {"a1": system})
    assert counts(summary, "topics") == (1, 2, 2)


def test_evaluate_micro_average_sums_counts_over_articles():
    gold = {
        "a1": record("a1", topics=["energy"]),
        "a2": record("a2", topics=["energy", "health", "tourism", "security"]),
    }
    system = {
        "a1": record("a1", topics=["energy", "health"]),
        "a2": record("a2", topics=["energy", "health", "tourism", "security"]),
    }
    summary = score(gold, system)
    # micro: 5 tp, 1 fp, 0 fn -> P = 5/6 (a macro average would give (0.5 + 1) / 2 = 0.75)
    assert prf(summary, "topics") == (0.8333, 1.0, 0.9091)
    assert [row.counts["topics"].fp for row in summary.rows] == [1, 0]


def test_evaluate_missing_system_record_counts_as_empty():
    gold = {
        "a1": record("a1", persons=[person("Gulnar Utepova")], topics=["energy"], city="Astana"),
        "a2": record("a2", persons=[person("Madina Ospanova"), person("Dias Omarov")], topics=["health"]),
    }
    system = {
        "a1": record("a1", persons=[person("Gulnar Utepova")], topics=["energy"], city="Astana"),
        "zz": record("zz", persons=[person("Madina Ospanova")]),  # not in gold: ignored
    }
    summary = score(gold, system)
    assert counts(summary, "persons") == (1, 0, 2)
    assert prf(summary, "persons") == (1.0, 0.3333, 0.5)
    assert counts(summary, "topics") == (1, 0, 1)
    assert (summary.articles_gold, summary.articles_scored) == (2, 1)
    assert [row.scored for row in summary.rows] == [True, False]
    assert summary.accuracy("event.type") == 0.5  # "meeting" vs nothing
    assert summary.accuracies["event.type"].total == 2


def test_evaluate_type_and_date_accuracy():
    gold = {
        "a1": record("a1", event_type="meeting", date="2024-05-02"),
        "a2": record("a2", event_type="call", date="2024-05-01"),
        "a3": record("a3", event_type="forum", date="2024-04-30"),
        "a4": record("a4", event_type=None),
    }  # no events in gold, none in system: right
    system = {
        "a1": record("a1", event_type="meeting", date="2024-05-01"),
        "a2": record("a2", event_type="call", date="2024-05-01"),
        "a3": record("a3", event_type="visit", date="2024-04-30"),
        "a4": record("a4", event_type=None),
    }
    summary = score(gold, system)
    assert summary.accuracy("event.type") == 0.75
    assert summary.accuracy("event.date") == 0.75
    assert summary.accuracies["event.date"].total == 4


def test_evaluate_city_accuracy_only_over_gold_events_with_a_city():
    gold = {
        "a1": record("a1", city="Astana"),
        "a2": record("a2", city=None),
        "a3": record("a3", city="Baku"),
        "a4": record("a4", city="Nur-Sultan"),
    }
    system = {
        "a1": record("a1", city="ASTANA"),
        "a2": record("a2", city="Tashkent"),  # gold has no city: not counted at all
        "a3": record("a3", city=None),
        "a4": record("a4", city="Nur Sultan"),
    }
    summary = score(gold, system)
    assert summary.accuracies["event.city"].total == 3
    assert summary.accuracies["event.city"].right == 2
    assert round(summary.accuracy("event.city"), 4) == 0.6667
    assert "event.city" not in summary.rows[1].checks


def test_evaluate_empty_fields_score_perfect():
    summary = score({"a1": record(event_type=None)}, {"a1": record(event_type=None)})
    for name in summary.fields:
        assert prf(summary, name) == (1.0, 1.0, 1.0)
    assert summary.accuracies["event.city"].total == 0
    assert summary.accuracy("event.city") == 1.0


def test_evaluate_nothing_right_scores_zero():
    summary = score({"a1": record(topics=["energy"])}, {"a1": record(topics=["health"])})
    assert prf(summary, "topics") == (0.0, 0.0, 0.0)


def test_evaluate_malformed_system_values_count_as_nothing():
    gold = record(persons=[person("Gulnar Utepova")], topics=["energy"])
    system = {"id": "a1", "events": "meeting", "persons": ["Gulnar Utepova", None], "topics": "energy"}
    summary = score({"a1": gold}, {"a1": system})
    assert counts(summary, "persons") == (0, 0, 1)
    assert counts(summary, "topics") == (0, 0, 1)
    assert summary.accuracy("event.type") == 0.0


def test_evaluate_summary_json_and_table():
    gold = {"a1": record("a1", persons=[person("Gulnar Utepova")], topics=["energy", "health"], city="Baku")}
    system = {"a1": record("a1", persons=[person("Utepova Gulnar")], topics=["energy"], city="Baku")}
    summary = score(gold, system)
    data = summary.to_json()
    assert data["topics"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "tp": 1, "fp": 0, "fn": 1}
    assert data["event.city"] == {"accuracy": 1.0, "n": 1}
    assert data["articles"] == {"gold": 1, "system": 1}
    assert "per_article" not in data
    rows = summary.to_json(per_article=True)["per_article"]
    assert rows[0]["id"] == "a1"
    assert rows[0]["counts"]["persons"] == {"tp": 1, "fp": 0, "fn": 0}

    table = format_summary(summary).splitlines()
    assert table[0].split() == ["field", "P", "R", "F1"]
    assert "topics                    1.000  0.500  0.667" in table
    assert "event.city               accuracy 1.000 over 1" in table
    assert table[-1] == "articles: 1 of 1 scored"
    detailed = format_summary(summary, per_article=True).splitlines()
    assert detailed[0].startswith("id=a1  participants=0 matched, 0 extra, 0 missed  type=meeting / meeting")
