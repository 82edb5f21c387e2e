"""Guards that today's rules added and no broader test pinned down (found by forcing each added
condition off in a scratch copy and running the tests that reach it). Invented names only."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from hand_parses import mention, real_parse_with
from parleys.documents import Article
from parleys.extract.body_offices import BodyOffices
from parleys.extract.chambers import _divisions, _generic_parts, _owners, fold
from parleys.extract.sides import HOST, VISITOR, _cue, message_frame
from parleys.lexicons import load_lexicons


def _persons(extractor, text: str) -> dict[str, tuple[str | None, str | None, float | None, str | None]]:
    rec = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 3, 6)))
    out = {}
    for p in rec.persons:
        ev = p.evidence.get("country")
        out[p.name] = (p.role_class, p.country, ev.confidence if ev else None, ev.text if ev else None)
    return out


def test_guards_sweep_chamber_divisions_are_first_level_only():
    # a chamber "of X" takes X's country only for a first-level division (a province, a county):
    # second-level units (French departments) and names joined by a slash (two names in one) stay out
    table = _divisions()
    assert table[fold("Bungoma")] == "KEN"
    for second_level in ("Aisne", "Allier", "Hautes-Alpes"):
        assert fold(second_level) not in table, second_level
    for joined in ("Elgeyo/Marakwet", "Taita/Taveta", "Haute-Sangha / Mambéré-Kadéï"):
        assert fold(joined) not in table, joined


@pytest.mark.model
def test_guards_sweep_a_country_before_the_comma_in_brackets_is_part_of_the_office(extractor):
    # "(Ghana, Minister of Trade)": the office runs from the bracket, so its country is stated by
    # the office itself, not only by a country word beside the name
    got = _persons(
        extractor,
        "The talks in Oslo brought together Ama Kofi (Ghana, Minister of Trade) and Tom Reed "
        "(Minister of Energy). Norway hosted them.",
    )
    assert got["Ama Kofi"] == ("minister", "GHA", 0.8, "Ghana, Minister of Trade")


@pytest.mark.model
def test_guards_sweep_no_title_from_the_line_after_a_blank_line(extractor):
    # the name line of a signature, then a blank line, then a title alone on its line: a new
    # paragraph, not the name's title; the Speaker keeps the office the text gives her
    got = _persons(
        extractor,
        "Speaker Ilsa Varnholt thanked the hosts in Apia on Monday.\n"
        "Ilsa Varnholt\n\n"
        "Prime Minister of Samoa\n"
        "The talks ended with a joint statement.",
    )
    assert got["Ilsa Varnholt"][:2] == ("speaker", "WSM")


def _frame(extractor, text: str, names: dict[str, str], places: dict[str, tuple[str, str]]):
    """message_frame on the real parse of ``text``: ``names`` word -> person key, ``places`` word
    -> (kind, country), each found by its first occurrence."""
    doc, mentions, found = real_parse_with(extractor.nlp, text, names, places)
    return doc, message_frame(doc, mentions, found)


@pytest.mark.model
def test_guards_sweep_message_on_behalf_of_a_country_is_the_senders_own(extractor):
    doc, frame = _frame(
        extractor,
        "On behalf of the people of Norway, Ama Kofi expressed condolences to the people of Ghana.",
        {"Ama Kofi": "p0"},
        {"Norway": ("country", "NOR"), "Ghana": ("country", "GHA")},
    )
    assert set(frame.own) == {"NOR"}
    assert doc[frame.own["NOR"]].text == "Norway"
    assert set(frame.addressed) == {"GHA"}


@pytest.mark.model
def test_guards_sweep_whom_a_sender_congratulates_receives_the_message(extractor):
    _, frame = _frame(
        extractor,
        "Ama Kofi congratulated Tom Reed on his election as Speaker of the Storting.",
        {"Ama Kofi": "p0", "Tom Reed": "p1"},
        {"Storting": ("institution", "NOR")},
    )
    assert frame.addressees == {"p1"}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Speaker Ama Kofi extended a warm welcome to the delegation on Monday.", HOST),
        ("Speaker Ama Kofi received a warm welcome in Oslo on Monday.", VISITOR),
    ],
)
def test_guards_sweep_who_extends_a_welcome_hosts_who_receives_one_visits(extractor, text, side):
    doc = extractor.nlp(text)
    at = text.index("Ama Kofi")
    name = doc.char_span(at, at + len("Ama Kofi"))
    assert _cue(doc, mention(name.start, name.end, "p0")) == side


@pytest.mark.model
def test_guards_sweep_a_senders_guess_on_a_country_not_addressed_stays_as_it_is(extractor):
    # the dateline places the minister (0.45); the message goes to Peru, so the guess is not on an
    # addressed country and the message rule leaves it alone (no re-labelled 0.46 guess)
    got = _persons(
        extractor,
        "OSLO, March 5 - Foreign Minister Petra Vainio expressed condolences to the people of Peru "
        "over the floods. Chile has sent aid to its neighbour, and Chile will send more. Chile and "
        "Peru share a long border.",
    )
    assert got["Petra Vainio"] == ("minister", "NOR", 0.45, "OSLO")


@pytest.mark.model
def test_guards_sweep_a_sender_on_behalf_of_a_country_is_of_it(extractor):
    # the guess falls on Peru, where the condolences go; "on behalf of the people of Norway" gives
    # the sender's own country, not Chile, the most named country the message does not address
    got = _persons(
        extractor,
        "On behalf of the people of Norway, Foreign Minister Petra Vainio expressed condolences to the "
        "people of Peru over the floods. Peru has asked for help. Peru and Peru's neighbours count the "
        "losses. Chile has sent aircraft, and Chile will send more.",
    )
    assert got["Petra Vainio"] == ("minister", "NOR", 0.46, "Norway")


def test_guards_sweep_a_caption_glued_to_an_acronym_names_its_body():
    # "MFAOSCE": a photo credit run into the acronym that opens the next line; the token names the
    # registry's body, as the bare acronym does
    nlp = spacy.blank("en")
    offices = BodyOffices(nlp)
    glued = offices.bodies(nlp.make_doc("Photo : MFAOSCE"))
    bare = offices.bodies(nlp.make_doc("Photo : OSCE"))
    assert bare == [(2, 3, offices.acronyms["OSCE"])]
    assert glued == bare


def test_guards_sweep_a_countrys_parliament_as_a_whole_owns_the_generic_name():
    # "Parliament of Australia" is the registry's name for the whole parliament, beside its two
    # chambers: a bare "Parliament" may be Australia's
    owners, _ = _owners(load_lexicons())
    assert {"AUS", "AUT", "ATG"} <= owners["parliament"]


def test_guards_sweep_a_chamber_named_by_a_generic_name_alone_is_that_name():
    lexicons = load_lexicons()
    generic = {"senate", "national assembly"}
    assert _generic_parts("Senate", generic, lexicons) == ["senate"]
    assert _generic_parts("National Assembly", generic, lexicons) == ["national assembly"]
    assert _generic_parts("Senate of the Republic", generic, lexicons) == ["senate"]
