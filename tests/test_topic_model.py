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


def test_topic_model_candidate_features_describe_the_mentions():
    from parleys.extract.organizations import Segments
    from parleys.extract.topic_model import candidate_features, segment_topics

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Talks held.\nThe agenda covered trade, energy and tourism.\nHe said tourism was fine.")
    seg = Segments(doc).keys.tolist()
    at = [t.i for t in doc if t.text in ("trade", "energy", "tourism")]
    assert [seg[i] for i in at] == [1, 1, 1, 2]
    tourism = [(at[2], at[2] + 1, "strong", True), (at[3], at[3] + 1, "strong", False)]
    cands = {
        "tourism": tourism,
        "energy": [(at[1], at[1] + 1, "term", True)],
        "trade_economy": [(at[0], at[0] + 1, "term", True)],
    }
    feats = candidate_features(doc, "tourism", tourism, seg, True, segment_topics(cands, seg))
    assert {"t=tourism", "rule", "rule&t=tourism", "kind=strong", "cued", "subject_any"} <= feats
    assert {"nseg=2", "first=2", "list=2", "ntopics=3"} <= feats
    alone = candidate_features(doc, "energy", [(at[1], at[1] + 1, "term", False)], seg, False)
    assert "rule" not in alone and "uncued" in alone and "uncued_term&t=energy" in alone
    assert candidate_features(doc, "security", [], seg, True) == {
        "t=security",
        "bias",
        "rule",
        "rule&t=security",
        "structure_only",
    }


def test_topic_model_contact_lemmas_come_from_the_topic_data_and_set_the_speech_feature():
    from parleys.extract.organizations import Segments
    from parleys.extract.topic_model import candidate_features, contact_lemmas

    subject, speech = contact_lemmas()
    assert {"discuss", "agenda", "memorandum"} <= subject and {"say", "thank", "recall"} <= speech
    assert not subject & speech
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("They met.\nThey thank the hosts for tourism.\nThe agenda covered tourism.")
    seg = Segments(doc).keys.tolist()
    at = [t.i for t in doc if t.text == "tourism"]
    only_speech = candidate_features(doc, "tourism", [(at[0], at[0] + 1, "strong", False)], seg, True)
    assert {"subject_none", "speech_only"} <= only_speech
    on_agenda = candidate_features(doc, "tourism", [(at[1], at[1] + 1, "strong", False)], seg, True)
    assert "subject_any" in on_agenda and not {"subject_none", "speech_only"} & on_agenda


def test_topic_model_candidate_model_decides_its_topics_in_the_component(tmp_path):
    data = {
        "version": "test",
        "topics": {},
        "candidates": {
            "topics": ["transport_logistics", "energy"],
            "threshold": 0.5,
            "intercept": -1.0,
            "weights": {"t=transport_logistics": 3.0, "t=energy": -3.0},
        },
    }
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    extensions.register()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("parleys_topics_v1", name="parleys_topics", config={"model": str(path)})
    # a plain term with no cue in its sentence ("the new roads") is dropped by the rules and
    # kept by the model; the model drops the energy that the rules found; trade is not the
    # model's and stays with the rules
    doc = nlp("The new roads opened.\nThey discussed cooperation in energy and trade.")
    assert sorted(t.code for t in doc._.topics) == ["trade_economy", "transport_logistics"]
    rules = spacy.blank("en")
    rules.add_pipe("sentencizer")
    rules.add_pipe("parleys_topics_v1", name="parleys_topics", config={"model": "none"})
    doc = rules("The new roads opened.\nThey discussed cooperation in energy and trade.")
    assert sorted(t.code for t in doc._.topics) == ["energy", "trade_economy"]
