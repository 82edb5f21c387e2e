"""The learned check on the topic rules: features, probabilities and per-topic decisions."""

from __future__ import annotations

import json

import pytest
import spacy

from parleys.extract import extensions
from parleys.extract import topics as _topics  # noqa: F401  (registers the factory)
from parleys.extract.topic_model import TopicModel, doc_features


def model_data() -> dict:
    return {
        "version": "test",
        "topics": {
            "reforms_lawmaking": {
                "mode": "filter",
                "low": 0.2,
                "intercept": -2.0,
                "weights": {"reform": 3.0, "legislative": 2.0},
            },
            "tourism": {
                "mode": "union",
                "high": 0.8,
                "intercept": -2.0,
                "weights": {"tourist": 2.0, "resort": 2.0},
            },
            "energy": {"mode": "rules", "intercept": 5.0, "weights": {}},
        },
    }


def test_topic_model_features_are_lemmas_and_pairs_without_clutter():
    nlp = spacy.blank("en")
    doc = nlp("Tourist resorts grew.\nRelated news\nbanking")
    feats = doc_features(doc, [(doc.text.index("Related"), len(doc.text))])
    assert {"tourist", "resorts", "grew", "tourist resorts"} <= feats
    assert "banking" not in feats and "related" not in feats


def test_topic_model_probability_is_logistic():
    model = TopicModel(model_data())
    assert model.probability("tourism", set()) == pytest.approx(1 / (1 + 2.718281828**2), rel=1e-4)
    assert model.probability("tourism", {"tourist", "resort"}) == pytest.approx(
        1 / (1 + 2.718281828**-2), rel=1e-4
    )
    assert model.probability("migration", {"x"}) is None


def test_topic_model_decides_per_topic_mode():
    model = TopicModel(model_data())
    # filter drops a rule's topic the model finds unlikely, union adds a sure one, rules ignores the model
    add, drop = model.decide({"reforms_lawmaking"}, {"tourist", "resort"})
    assert add == {"tourism"} and drop == {"reforms_lawmaking"}
    add, drop = model.decide({"reforms_lawmaking"}, {"reform"})
    assert add == set() and drop == set()


def test_topic_model_in_the_component(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model_data()), encoding="utf-8")
    extensions.register()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("parleys_topics_v1", name="parleys_topics", config={"model": str(path)})
    doc = nlp("They talked.\nThe new tourist resort opened at the lake.")
    assert [t.code for t in doc._.topics] == ["tourism"]
    assert doc._.topics[0].evidence.text == "The new tourist resort opened at the lake."
    off = spacy.blank("en")
    off.add_pipe("parleys_topics_v1", name="parleys_topics", config={"model": "none"})
    assert off.get_pipe("parleys_topics").model is None
