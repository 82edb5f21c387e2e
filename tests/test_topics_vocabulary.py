"""The topics component's word lists are data: the name checks and the legislature contact read
them from ``topics.json`` (or a lexicon given in its place), once per component (blank English
pipeline, invented names)."""

from __future__ import annotations

import json
from importlib import resources

import pytest
import spacy

from parleys.extract import extensions
from parleys.extract.topic_contact import LegislatureContact
from parleys.extract.topic_names import NameWords, bracketed_label
from parleys.extract.topics import TopicTagger


@pytest.fixture(scope="module")
def nlp():
    extensions.register()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def shipped() -> dict:
    return json.loads(resources.files("parleys.data").joinpath("topics.json").read_text(encoding="utf-8"))


def span_of(doc, words: str) -> tuple[int, int]:
    """The token range of the first occurrence of ``words`` in ``doc``."""
    n = len(words.split())
    for i in range(len(doc) - n + 1):
        if doc[i : i + n].text == words:
            return i, i + n
    raise AssertionError(words)


def test_topics_vocabulary_shipped_data_has_every_word_list():
    data = shipped()
    for key in ("name_heads", "office_heads", "field_words", "office_titles"):
        words = data["names"][key]
        assert words and all(w == w.lower() and w.strip() == w for w in words), key
        assert len(words) == len(set(words)), key
    contact = data["topics"]["interparliamentary"]["contact"]
    assert "house" in contact["buildings"]
    assert [t for t, spec in data["topics"].items() if spec.get("names_count")] == ["interparliamentary"]


def test_topics_vocabulary_name_head_makes_a_capitalised_run_a_name(nlp):
    doc = nlp.make_doc("They visited the Zorbian Energy Gateway last week.")
    s, e = span_of(doc, "Energy")
    assert NameWords({"name_heads": ["gateway"]}).in_proper_name(doc, s, e)
    assert not NameWords({"name_heads": ["council"]}).in_proper_name(doc, s, e)
    # a lower-case word is no part of a name
    low = nlp.make_doc("They visited the zorbian energy gateway.")
    assert not NameWords({"name_heads": ["gateway"]}).in_proper_name(low, *span_of(low, "energy"))


def test_topics_vocabulary_office_head_and_field_words_make_an_office_name(nlp):
    names = NameWords({"office_heads": ["minister"], "field_words": ["rural"]})
    doc = nlp.make_doc("She met the minister of rural tourism yesterday.")
    assert names.in_office_name(doc, *span_of(doc, "tourism"), covered=set())
    # without the field word "rural" between them, the office's name ends before the topic word
    assert not NameWords({"office_heads": ["minister"]}).in_office_name(
        doc, *span_of(doc, "tourism"), covered=set()
    )
    # an office head after a list of titled fields: "the Fishing and Tourism Board"
    doc = nlp.make_doc("She met the Fishing and Tourism Board.")
    assert NameWords({"office_heads": ["board"]}).in_office_name(doc, *span_of(doc, "Tourism"), covered=set())
    assert not NameWords({"office_heads": ["minister"]}).in_office_name(
        doc, *span_of(doc, "Tourism"), covered=set()
    )


def test_topics_vocabulary_office_title_before_a_body(nlp):
    names = NameWords({"office_titles": ["rapporteur"]})
    doc = nlp.make_doc("Rapporteur of the Northern Assembly Elin Varga spoke.")
    assert names.after_office_title(doc, span_of(doc, "Northern Assembly")[0])
    doc = nlp.make_doc("A delegation of the Northern Assembly arrived.")
    assert not names.after_office_title(doc, span_of(doc, "Northern Assembly")[0])


def test_topics_vocabulary_bracketed_label(nlp):
    doc = nlp.make_doc("Oren Kalt (Green Energy Party) asked a question.")
    assert bracketed_label(doc, *span_of(doc, "Energy"))
    doc = nlp.make_doc("They spoke (about energy prices) at length.")
    assert not bracketed_label(doc, *span_of(doc, "energy"))


def test_topics_vocabulary_building_word_after_a_legislature_is_no_body(nlp):
    spec = {"bodies": ["parliament", "storting"], "verbs": ["received"], "buildings": ["house"]}
    doc = nlp("The Storting delegation was received at Parliament House.")
    segment_of = [0] * len(doc)
    assert LegislatureContact(spec).find(doc, segment_of) is None
    spec_without = {k: v for k, v in spec.items() if k != "buildings"}
    assert LegislatureContact(spec_without).find(doc, segment_of) == span_of(doc, "received")


def test_topics_vocabulary_lexicon_file_supplies_the_name_heads(nlp, tmp_path):
    text = "The sides discussed cooperation with the Zorbian Energy Gateway."
    assert [t.code for t in TopicTagger(nlp)(nlp(text))._.topics] == ["energy"]
    data = shipped()
    data["names"]["name_heads"].append("gateway")
    path = tmp_path / "topics.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert TopicTagger(nlp, lexicon=path)(nlp(text))._.topics == []
