"""The learned check that a proposed person is a person (``parleys.extract.name_filter``).
Names are invented for the tests."""

from __future__ import annotations

from datetime import date

import pytest

from parleys.documents import Article
from parleys.extract.name_filter import NameModel


def _names(extractor, text: str) -> set[str]:
    rec = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 3, 5)))
    return {p.name for p in rec.persons}


def test_name_filter_model_ships_with_the_package():
    model = NameModel.load()
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    assert "tokens_1" in model.weights and "ent_PERSON" in model.weights


def test_name_filter_keep_follows_the_threshold():
    model = NameModel(weights={"bias": 1.0, "tokens_1": -3.0}, threshold=0.5)
    assert model.keep({"bias": 1.0, "tokens_1": 0.0})
    assert not model.keep({"bias": 1.0, "tokens_1": 1.0})
    assert model.probability({"bias": 1.0}) == pytest.approx(0.7311, abs=1e-4)


@pytest.mark.model
def test_name_filter_features_hold_no_name_words(extractor):
    from parleys.extract import persons as persons_module

    finder = extractor.nlp.get_pipe("parleys_name_check")
    finder.collect = True
    try:
        doc = extractor.nlp("Speaker of the Senate Orvel Tandrick met Ambassador Quilla Marsden in Rome.")
    finally:
        finder.collect = False
    proposed = doc.user_data[persons_module.NAME_DECISIONS_KEY]
    assert {name for name, _ in proposed} == {"Orvel Tandrick", "Quilla Marsden"}
    for _, features in proposed:
        keys = " ".join(features).lower()
        assert "orvel" not in keys and "tandrick" not in keys and "quilla" not in keys
        assert all(isinstance(v, float) for v in features.values())


@pytest.mark.model
def test_name_filter_drops_words_of_an_office_and_party_labels(extractor):
    names = _names(
        extractor,
        "The Minister of Home Affairs, Dara Vellum, met the delegation.\n"
        "Rep. Corwin Hale, R-Texas, and Rep. Ada Pruitt, D-Vermont, joined the trip.",
    )
    assert {"Dara Vellum", "Corwin Hale", "Ada Pruitt"} <= names
    assert not names & {"Home", "Immigration", "R-Texas", "D-Vermont"}


@pytest.mark.model
def test_name_filter_keeps_untitled_full_names(extractor):
    names = _names(
        extractor,
        "The panel was chaired by Marisol Quenta. The guests were received by Speaker Oleg Varin, "
        "Teodor Vlasic and Bakyt Orunbekov.",
    )
    assert names == {"Marisol Quenta", "Oleg Varin", "Teodor Vlasic", "Bakyt Orunbekov"}


def test_name_filter_a_run_only_after_in_or_at_is_a_place(extractor):
    names = _names(
        extractor,
        "Speaker Tomas Ferrick on Monday received at the Second Presidency in Ain Tala, British "
        "Ambassador to Lebanon, Ivo Brandl.",
    )
    assert "Ivo Brandl" in names
    assert not any("Tala" in n for n in names)
