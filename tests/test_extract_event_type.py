"""The learned event typer: its model arithmetic, its features from a hand-built parse, the weights."""

from __future__ import annotations

import json
from importlib import resources

import pytest
import spacy
from spacy.tokens import Doc

from parleys.extract.event_type import (
    FEATURE_VERSION,
    TypeModel,
    frame_triggers,
    headline,
    load_model,
    type_features,
    withheld,
)
from parleys.records import EVENT_TYPES

CUES = {"visit": ("visit",), "meet": ("meeting",), "phone": ("call",), "sideline": ()}


def _model(margin: float) -> TypeModel:
    return TypeModel(
        classes=("call", "meeting"),
        intercept=(0.0, 0.0),
        coef={"cue=call@l0": (2.0, -2.0), "rule=meeting": (-0.5, 0.5)},
        margin=margin,
    )


def test_event_type_model_probabilities_sum_to_one_and_follow_the_weights():
    probs = _model(0.0).probabilities({"cue=call@l0": 1.0, "unknown feature": 5.0})
    assert probs["call"] + probs["meeting"] == pytest.approx(1.0)
    assert probs["call"] > 0.95  # 4 logits apart; an unknown feature weighs nothing


def test_event_type_model_keeps_the_rules_type_unless_the_learned_one_wins_by_the_margin():
    feats = {"cue=call@l0": 1.0, "rule=meeting": 1.0}
    # call scores 1.5, meeting -1.5: p(call) ~ 0.95, p(meeting) ~ 0.05
    assert _model(0.5).decide(feats, "meeting")[0] == "call"
    assert _model(0.95).decide(feats, "meeting")[0] == "meeting"
    # with no trigger at all the rules say "other", and the learned type stands whatever the margin
    assert _model(0.95).decide(feats, "other")[0] == "call"


def test_event_type_model_refuses_weights_of_another_feature_version():
    data = {"feature_version": FEATURE_VERSION + 1, "classes": ["call"], "intercept": [0.0], "coef": {}}
    with pytest.raises(ValueError, match="scripts/train_"):
        TypeModel.from_json(data)


def test_event_type_packaged_weights_load_and_name_only_event_types():
    raw = json.loads(resources.files("parleys.data").joinpath("event_type.json").read_text("utf-8"))
    model = load_model()
    assert model is not None
    assert set(model.classes) <= set(EVENT_TYPES) and "meeting" in model.classes
    assert all(len(row) == len(model.classes) for row in model.coef.values())
    assert 0.0 <= model.margin < 1.0
    # no feature carries a name: every feature is one of the computed families
    families = (
        "rule=",
        "cue=",
        "countries=",
        "persons=",
        "sidelines",
        "session@",
        "orgsession@",
        "orgs=",
        "travel",
        "gathering",
        "main=",
    )
    assert all(f.startswith(families) for f in raw["coef"])


def _parsed(words, heads, deps, pos, lemmas) -> Doc:
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_event_type_features_carry_position_role_and_modality_of_cue_words():
    # "Speaker Olsen will visit Oslo ." / "He met the mayor ."
    words = ["Speaker", "Olsen", "will", "visit", "Oslo", ".", "He", "met", "the", "mayor", "."]
    heads = [1, 3, 3, 3, 3, 3, 7, 7, 9, 7, 7]
    deps = ["compound", "nsubj", "aux", "ROOT", "dobj", "punct", "nsubj", "ROOT", "det", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "AUX", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "DET", "NOUN", "PUNCT"]
    lemmas = ["speaker", "Olsen", "will", "visit", "Oslo", ".", "he", "meet", "the", "mayor", "."]
    doc = _parsed(words, heads, deps, pos, lemmas)
    lead = [doc[0:6], doc[6:11]]
    feats = type_features(doc, lead, "visit", countries=5, persons=1, cues=CUES)
    assert feats["rule=visit"] == 1.0
    assert feats["cue=visit@l0"] == 1.0 and feats["cue=visit:root"] == 1.0
    assert feats["cue=visit:planned"] == 1.0  # "will visit" is announced
    assert feats["cue=meeting@l1"] == 1.0 and "cue=meeting:planned" not in feats  # "met" happened
    assert feats["countries=5+"] == 1.0  # five or more countries: a multilateral gathering
    assert not any("olsen" in f.lower() or "oslo" in f.lower() for f in feats)


def test_event_type_features_tell_a_relative_clause_from_the_main_predicate():
    # "Olsen , who is on a visit , met Berg ."
    words = ["Olsen", ",", "who", "is", "on", "a", "visit", ",", "met", "Berg", "."]
    heads = [8, 0, 3, 0, 3, 6, 4, 0, 8, 8, 8]
    deps = ["nsubj", "punct", "nsubj", "relcl", "prep", "det", "pobj", "punct", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PUNCT", "PRON", "AUX", "ADP", "DET", "NOUN", "PUNCT", "VERB", "PROPN", "PUNCT"]
    lemmas = ["Olsen", ",", "who", "be", "on", "a", "visit", ",", "meet", "Berg", "."]
    doc = _parsed(words, heads, deps, pos, lemmas)
    feats = type_features(doc, [doc[:]], "visit", countries=2, persons=2, cues=CUES)
    assert feats["cue=visit:relcl"] == 1.0
    assert feats["cue=meeting:root"] == 1.0
    assert "cue=visit:root" not in feats


def test_event_type_headline_is_a_short_first_line_only():
    nlp = spacy.blank("en")
    doc = nlp.make_doc("Speakers meet in Oslo\nThe Speaker of the Storting met her guest on Monday.")
    assert headline(doc).text == "Speakers meet in Oslo"
    assert headline(nlp.make_doc("One paragraph with no line break at all.")) is None
    long_line = "word " * 80 + "\nbody"
    assert headline(nlp.make_doc(long_line)) is None


FRAMES = {
    "agreement": {"verbs": ["sign"], "objects": ["agreement", "memorandum"]},
    "message": {"verbs": ["receive"], "objects": ["cable", "message"]},
    "call": {"contacts": ["speak", "call"], "means": ["phone"]},
}


def test_event_type_frame_triggers_read_verb_object_and_means_from_the_parse():
    # "Olsen signed two agreements ." / "Berg received a cable ." / "They spoke on the phone ."
    words = [
        "Olsen",
        "signed",
        "two",
        "agreements",
        ".",
        "Berg",
        "received",
        "a",
        "cable",
        ".",
        "They",
        "spoke",
        "on",
        "the",
        "phone",
        ".",
    ]
    heads = [1, 1, 3, 1, 1, 6, 6, 8, 6, 6, 11, 11, 11, 14, 12, 11]
    deps = [
        "nsubj",
        "ROOT",
        "nummod",
        "dobj",
        "punct",
        "nsubj",
        "ROOT",
        "det",
        "dobj",
        "punct",
        "nsubj",
        "ROOT",
        "prep",
        "det",
        "pobj",
        "punct",
    ]
    pos = [
        "PROPN",
        "VERB",
        "NUM",
        "NOUN",
        "PUNCT",
        "PROPN",
        "VERB",
        "DET",
        "NOUN",
        "PUNCT",
        "PRON",
        "VERB",
        "ADP",
        "DET",
        "NOUN",
        "PUNCT",
    ]
    lemmas = [
        "Olsen",
        "sign",
        "two",
        "agreement",
        ".",
        "Berg",
        "receive",
        "a",
        "cable",
        ".",
        "they",
        "speak",
        "on",
        "the",
        "phone",
        ".",
    ]
    doc = _parsed(words, heads, deps, pos, lemmas)
    sents = [doc[0:5], doc[5:10], doc[10:16]]
    assert frame_triggers(doc, sents, FRAMES) == [
        (0, "agreement", 1, 4),
        (1, "message", 6, 9),
        (2, "call", 11, 15),
    ]


def test_event_type_frame_triggers_need_the_object_or_the_means():
    # "Olsen signed the register ." / "They spoke at length ."
    words = ["Olsen", "signed", "the", "register", ".", "They", "spoke", "at", "length", "."]
    heads = [1, 1, 3, 1, 1, 6, 6, 6, 7, 6]
    deps = ["nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "ROOT", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "PUNCT", "PRON", "VERB", "ADP", "NOUN", "PUNCT"]
    lemmas = ["Olsen", "sign", "the", "register", ".", "they", "speak", "at", "length", "."]
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert frame_triggers(doc, [doc[0:5], doc[5:10]], FRAMES) == []


@pytest.mark.parametrize(("countries", "bucket"), [(0, "0"), (2, "2"), (3, "3-4"), (4, "3-4"), (9, "5+")])
def test_event_type_countries_are_counted_in_buckets(countries, bucket):
    doc = _parsed(
        ["They", "met", "."],
        [1, 1, 1],
        ["nsubj", "ROOT", "punct"],
        ["PRON", "VERB", "PUNCT"],
        ["they", "meet", "."],
    )
    feats = type_features(doc, [doc[:]], "meeting", countries=countries, persons=2, cues=CUES)
    assert feats[f"countries={bucket}"] == 1.0
    assert sum(f.startswith("countries=") for f in feats) == 1


def test_event_type_a_numbered_or_named_session_of_a_body_is_a_feature():
    # "The 19th Meeting of the Bureau ended ." / "the bureau held a meeting ."
    words = [
        "The",
        "19th",
        "Meeting",
        "of",
        "the",
        "Bureau",
        "ended",
        ".",
        "The",
        "bureau",
        "held",
        "a",
        "meeting",
        ".",
    ]
    heads = [2, 2, 6, 2, 5, 3, 6, 6, 9, 10, 10, 12, 10, 10]
    deps = [
        "det",
        "amod",
        "nsubj",
        "prep",
        "det",
        "pobj",
        "ROOT",
        "punct",
        "det",
        "nsubj",
        "ROOT",
        "det",
        "dobj",
        "punct",
    ]
    pos = [
        "DET",
        "ADJ",
        "PROPN",
        "ADP",
        "DET",
        "PROPN",
        "VERB",
        "PUNCT",
        "DET",
        "NOUN",
        "VERB",
        "DET",
        "NOUN",
        "PUNCT",
    ]
    lemmas = [
        "the",
        "19th",
        "meeting",
        "of",
        "the",
        "bureau",
        "end",
        ".",
        "the",
        "bureau",
        "hold",
        "a",
        "meeting",
        ".",
    ]
    doc = _parsed(words, heads, deps, pos, lemmas)
    feats = type_features(doc, [doc[0:8], doc[8:14]], "meeting", countries=2, persons=1, cues=CUES)
    assert feats["session@l0"] == 1.0
    assert "session@l1" not in feats  # "held a meeting": no number, no name


def test_event_type_frame_triggers_a_means_on_the_contact_and_a_call_with_someone():
    # "Olsen spoke with the Prime Minister of Norway by phone ."
    words = ["Olsen", "spoke", "with", "the", "Prime", "Minister", "of", "Norway", "by", "phone", "."]
    heads = [1, 1, 1, 5, 5, 2, 5, 6, 1, 8, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "compound", "pobj", "prep", "pobj", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "ADP", "DET", "PROPN", "PROPN", "ADP", "PROPN", "ADP", "NOUN", "PUNCT"]
    lemmas = ["Olsen", "speak", "with", "the", "Prime", "Minister", "of", "Norway", "by", "phone", "."]
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert frame_triggers(doc, [doc[:]], FRAMES) == [(0, "call", 1, 10)]
    # "in a call with Berg ." / "a courtesy call with Berg ." (a visit in person)
    for courtesy in (False, True):
        words = ["in", "a", *(["courtesy"] if courtesy else []), "call", "with", "Berg", "."]
        n = len(words)
        call = n - 4
        heads = [call, call, *([call] if courtesy else []), call, call, call + 1, call]
        deps = ["prep", "det", *(["compound"] if courtesy else []), "ROOT", "prep", "pobj", "punct"]
        pos = ["ADP", "DET", *(["NOUN"] if courtesy else []), "NOUN", "ADP", "PROPN", "PUNCT"]
        lemmas = ["in", "a", *(["courtesy"] if courtesy else []), "call", "with", "Berg", "."]
        doc = _parsed(words, heads, deps, pos, lemmas)
        expected = [] if courtesy else [(0, "call", call, call + 2)]
        assert frame_triggers(doc, [doc[:]], FRAMES) == expected


def _rows(rows, ents=None) -> Doc:
    """A hand-parsed sentence from (word, head, dep, pos, lemma, tag) rows."""
    words, heads, deps, pos, lemmas, tags = (list(x) for x in zip(*rows, strict=True))
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, tags=tags, ents=ents)


TRAVEL_CUES = {"arrive": ("visit",), "talk": ("meeting",), "meeting": ("meeting",), "meet": ("meeting",)}


def test_event_type_features_read_a_trips_destination_and_purpose():
    # "Olsen arrived in Lisbon for talks ."
    doc = _rows(
        [
            ("Olsen", 1, "nsubj", "PROPN", "Olsen", "NNP"),
            ("arrived", 1, "ROOT", "VERB", "arrive", "VBD"),
            ("in", 1, "prep", "ADP", "in", "IN"),
            ("Lisbon", 2, "pobj", "PROPN", "Lisbon", "NNP"),
            ("for", 1, "prep", "ADP", "for", "IN"),
            ("talks", 4, "pobj", "NOUN", "talk", "NNS"),
            (".", 1, "punct", "PUNCT", ".", "."),
        ],
        ents=["O", "O", "O", "B-GPE", "O", "O", "O"],
    )
    feats = type_features(doc, [doc[:]], "meeting", countries=2, persons=1, cues=TRAVEL_CUES)
    assert feats["travel>place@l0"] == 1.0 and feats["travel>meeting@l0"] == 1.0
    assert feats["main=visit"] == 1.0  # the sentence's main act is the arrival


def test_event_type_features_a_place_in_the_subject_is_no_destination():
    # "The Lisbon delegation arrived ."
    doc = _rows(
        [
            ("The", 2, "det", "DET", "the", "DT"),
            ("Lisbon", 2, "compound", "PROPN", "Lisbon", "NNP"),
            ("delegation", 3, "nsubj", "NOUN", "delegation", "NN"),
            ("arrived", 3, "ROOT", "VERB", "arrive", "VBD"),
            (".", 3, "punct", "PUNCT", ".", "."),
        ],
        ents=["O", "B-GPE", "O", "O", "O"],
    )
    feats = type_features(doc, [doc[:]], "visit", countries=1, persons=0, cues=TRAVEL_CUES)
    assert feats["travel@l0"] == 1.0
    assert not any(f.startswith("travel>") for f in feats)


def _session_doc() -> Doc:
    # "Speakers of eight countries held a meeting of the Nordic Union ."
    return _rows(
        [
            ("Speakers", 4, "nsubj", "NOUN", "speaker", "NNS"),
            ("of", 0, "prep", "ADP", "of", "IN"),
            ("eight", 3, "nummod", "NUM", "eight", "CD"),
            ("countries", 1, "pobj", "NOUN", "country", "NNS"),
            ("held", 4, "ROOT", "VERB", "hold", "VBD"),
            ("a", 6, "det", "DET", "a", "DT"),
            ("meeting", 4, "dobj", "NOUN", "meeting", "NN"),
            ("of", 6, "prep", "ADP", "of", "IN"),
            ("the", 10, "det", "DET", "the", "DT"),
            ("Nordic", 10, "compound", "PROPN", "Nordic", "NNP"),
            ("Union", 7, "pobj", "PROPN", "Union", "NNP"),
            (".", 4, "punct", "PUNCT", ".", "."),
        ]
    )


def test_event_type_features_a_session_hosted_by_a_registered_body_and_a_gathering_of_states():
    doc = _session_doc()
    doc.spans["parleys_organizations"] = [doc.char_span(doc[9].idx, doc[10].idx + 5, label="NU|name")]
    feats = type_features(doc, [doc[:]], "meeting", countries=0, persons=0, cues=TRAVEL_CUES)
    assert feats["orgsession@l0"] == 1.0 and feats["orgs=1"] == 1.0
    assert feats["gathering"] == 1.0  # "eight countries"
    assert feats["main=meeting"] == 1.0  # "held a meeting": the object of the main verb
    # no registered body: a session of no known body, and none counted
    other = _session_doc()
    bare = type_features(other, [other[:]], "meeting", countries=0, persons=0, cues=TRAVEL_CUES)
    assert "orgsession@l0" not in bare and bare["orgs=0"] == 1.0


def test_event_type_features_two_countries_are_no_gathering():
    doc = _rows(
        [
            ("two", 1, "nummod", "NUM", "two", "CD"),
            ("countries", 2, "nsubj", "NOUN", "country", "NNS"),
            ("met", 2, "ROOT", "VERB", "meet", "VBD"),
            (".", 2, "punct", "PUNCT", ".", "."),
        ]
    )
    feats = type_features(doc, [doc[:]], "meeting", countries=2, persons=0, cues=TRAVEL_CUES)
    assert "gathering" not in feats and feats["main=meeting"] == 1.0


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "lemmas", "trigger", "expected"),
    [
        # "Olsen cancelled the visit ." : the visit noun under a verb of calling off
        (
            ["Olsen", "cancelled", "the", "visit", "."],
            [1, 1, 3, 1, 1],
            ["nsubj", "ROOT", "det", "dobj", "punct"],
            ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
            ["Olsen", "cancel", "the", "visit", "."],
            3,
            True,
        ),
        # "Olsen refused to meet Berg ." : the contact verb is the complement of a refusal
        (
            ["Olsen", "refused", "to", "meet", "Berg", "."],
            [1, 1, 3, 1, 3, 1],
            ["nsubj", "ROOT", "aux", "xcomp", "dobj", "punct"],
            ["PROPN", "VERB", "PART", "VERB", "PROPN", "PUNCT"],
            ["Olsen", "refuse", "to", "meet", "Berg", "."],
            3,
            True,
        ),
        # "Olsen did not meet Berg ." : negated
        (
            ["Olsen", "did", "not", "meet", "Berg", "."],
            [3, 3, 3, 3, 3, 3],
            ["nsubj", "aux", "neg", "ROOT", "dobj", "punct"],
            ["PROPN", "AUX", "PART", "VERB", "PROPN", "PUNCT"],
            ["Olsen", "do", "not", "meet", "Berg", "."],
            3,
            True,
        ),
        # "Olsen held a meeting ." : a contact that took place
        (
            ["Olsen", "held", "a", "meeting", "."],
            [1, 1, 3, 1, 1],
            ["nsubj", "ROOT", "det", "dobj", "punct"],
            ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
            ["Olsen", "hold", "a", "meeting", "."],
            3,
            False,
        ),
        # "Olsen agreed to meet Berg ." : agreed, not refused
        (
            ["Olsen", "agreed", "to", "meet", "Berg", "."],
            [1, 1, 3, 1, 3, 1],
            ["nsubj", "ROOT", "aux", "xcomp", "dobj", "punct"],
            ["PROPN", "VERB", "PART", "VERB", "PROPN", "PUNCT"],
            ["Olsen", "agree", "to", "meet", "Berg", "."],
            3,
            False,
        ),
    ],
)
def test_event_type_withheld_contacts_read_from_the_parse(words, heads, deps, pos, lemmas, trigger, expected):
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert withheld(doc[trigger]) is expected
