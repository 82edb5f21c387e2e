"""The organizations component on hand-built documents (blank English pipeline, no model)."""

from __future__ import annotations

import pytest
import spacy

from conftest import organization_codes
from parleys.extract import extensions
from parleys.extract.organizations import Segments, clutter_ranges, in_ranges, name_variants


@pytest.fixture(scope="module")
def nlp(organizations_nlp):
    return organizations_nlp


codes = organization_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The delegation attended the OSCE Parliamentary Assembly session.", ["OSCE PA"]),
        ("The OSCE PA Bureau met in Vienna.", ["OSCE PA"]),
        ("He addressed the Parliamentary Assembly of the OSCE.", ["OSCE PA"]),
        (
            "She is President of the Organization for Security and Co-operation in Europe (OSCE) "
            "Parliamentary Assembly.",
            ["OSCE PA"],
        ),
        ("The CIS IPA Council convened.", ["CIS IPA"]),
        (
            "Deputies met at the Inter-Parliamentary Assembly of the Commonwealth of Independent States.",
            ["CIS IPA"],
        ),
        ("The NATO Parliamentary Assembly held its spring session.", ["NATO PA"]),
        (
            "A session of the CSTO Parliamentary Assembly took place.",
            ["Parliamentary Assembly of the Collective Security Treaty Organization"],
        ),
        ("The ASEAN Inter-Parliamentary Assembly (AIPA) met.", ["AIPA"]),
        ("The Arab Inter-Parliamentary Union sent observers.", ["Arab Inter-Parliamentary Union"]),
        (
            "The Parliamentary Union of the OIC Member States convened.",
            ["Parliamentary Union of the OIC Member States"],
        ),
    ],
)
def test_organizations_nested_name_gives_only_the_outer_body(nlp, text, expected):
    assert codes(nlp, text) == expected


def test_organizations_parent_named_separately_is_kept(nlp):
    text = "The OSCE Parliamentary Assembly met in Vienna. Ministers of the OSCE will gather later."
    assert codes(nlp, text) == ["OSCE PA", "OSCE"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kazakhstan hosted the UNESCO Director-General.", ["UNESCO"]),
        ("He praised the UN's role and the UNDP office.", ["UN", "United Nations Development Programme"]),
        ("The UN-backed plan was welcomed.", ["UN"]),
        ("An unnamed official and a UNIT of engineers arrived.", []),
        ("The EURO 2024 tournament and the Eurovision contest.", []),
        ("Pace of reforms was discussed.", []),
        ("They joined the EU/UN statement.", ["EU", "UN"]),
    ],
)
def test_organizations_acronyms_match_whole_tokens_only(nlp, text, expected):
    assert codes(nlp, text) == expected


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("Inter-Parliamentary Union", "IPU"),
        ("Interparliamentary Union", "IPU"),
        ("TurkPA", "TURKPA"),
        ("Parliamentary Assembly of Turkic States", "TURKPA"),
        ("Parliamentary Assembly of the Turkic-speaking countries", "TURKPA"),
        ("Organization of Turkic States", "OTS"),
        ("Organisation of Turkic States", "OTS"),
        ("Turkic Council", "OTS"),
        ("Commonwealth of Independent States", "CIS"),
        ("CIS Inter-Parliamentary Assembly", "CIS IPA"),
        ("IPA CIS", "CIS IPA"),
        ("Shanghai Cooperation Organisation", "SCO"),
        ("Eurasian Economic Union", "EAEU"),
        ("EEU", "EAEU"),
        ("United Nations", "UN"),
        ("UN General Assembly", "UN"),
        ("European Parliament", "EP"),
        ("MEPs", "EP"),
        ("Congress of Leaders of World and Traditional Religions", "CONGRESS_RELIGIONS"),
        ("Central Asian Interparliamentary Forum", "CA_FORUM"),
        ("Consultative Meeting of the Heads of State of Central Asia", "CA_FORUM"),
        ("C5+1", "C5"),
        ("Central Asia plus Japan", "C5"),
        ("Asian Parliamentary Assembly", "APA"),
        ("Commonwealth of Nations", "Commonwealth of Nations"),
        (
            "Conference of Eurasian Parliaments\u2019 Speakers",
            "Meeting of Speakers of Eurasian Countries' Parliaments",
        ),
        ("PA CSTO", "Parliamentary Assembly of the Collective Security Treaty Organization"),
    ],
)
def test_organizations_alias_maps_to_code(nlp, alias, code):
    assert codes(nlp, f"The sides praised the work of the {alias} last year.") == [code]


def test_organizations_partner_format_is_c5_not_the_regional_forum(nlp):
    text = (
        "He will attend the Inter-Parliamentary Forum of the countries of Central Asia and the "
        "Republic of Korea next week."
    )
    assert codes(nlp, text) == ["C5"]
    assert codes(nlp, "Stability in Central Asia and beyond was discussed.") == []


def test_organizations_ordered_by_first_mention_each_once(nlp):
    text = "The EU and the UN issued statements. The UN later met the SCO. The EU agreed."
    assert codes(nlp, text) == ["EU", "UN", "SCO"]


def test_organizations_evidence_is_the_first_mention_sentence(nlp):
    text = (
        "The speakers met in Astana.\n\nThey discussed work within the Inter-Parliamentary Union. "
        "The IPU assembly opens in October."
    )
    doc = nlp(text)
    (rec,) = doc._.organizations
    ev = rec.evidence
    assert rec.code == "IPU"
    assert ev.text == "They discussed work within the Inter-Parliamentary Union."
    assert text[ev.start : ev.end] == ev.text


def test_organizations_confidence_follows_alias_specificity(nlp):
    full = nlp("They praised the Shanghai Cooperation Organization.")._.organizations[0]
    short = nlp("They praised the SCO.")._.organizations[0]
    weak = nlp("The Asian Parliamentary Assembly met. APA members voted.")._.organizations[0]
    assert full.evidence.confidence > short.evidence.confidence
    assert weak.evidence.confidence == full.evidence.confidence  # the full name came first


def test_organizations_weak_acronym_needs_another_mention(nlp):
    assert codes(nlp, "The speaker met the ambassador, APA reports.") == []
    text = "The Asian Parliamentary Assembly (APA) met in Baku. APA members adopted a resolution."
    doc = nlp(text)
    assert [o.code for o in doc._.organizations] == ["APA"]


def test_organizations_group_takes_the_first_written_form(nlp):
    assert codes(nlp, "He praised the Turkic Academy. The International Turkic Academy replied.") == [
        "Turkic Academy"
    ]
    text = (
        "The NAM Parliamentary Network met. "
        "The Parliamentary Network of the Non-Aligned Movement adopted a plan."
    )
    assert codes(nlp, text) == ["Non-Aligned Movement Parliamentary Network"]


def test_organizations_national_bodies_are_not_organizations(nlp):
    text = "The Senate and the Grand National Assembly of Turkiye and the State Duma met."
    assert codes(nlp, text) == []


def test_organizations_page_clutter_is_ignored(nlp):
    text = (
        "The Senate speaker met the ambassador of Japan.\n"
        "Also Read: UNESCO lists a new site\n"
        "They discussed trade.\n"
        "Related news\n"
        "President meets EU Commissioner for Agriculture\n"
    )
    assert codes(nlp, text) == []
    assert codes(nlp, "The SCO summit opens.\nRelated news\nEU news") == ["SCO"]


def test_organizations_work_without_sentence_boundaries():
    extensions.register()
    bare = spacy.blank("en")
    bare.add_pipe("parleys_organizations_v1", name="parleys_organizations")
    text = "Headline about talks\nThe sides discussed the CICA agenda. More to come."
    (rec,) = bare(text)._.organizations
    assert rec.code == "CICA"
    assert rec.evidence.text == "The sides discussed the CICA agenda. More to come."


def test_organizations_clutter_ranges_and_lookup():
    text = "Body line\nRead also: other story\nBody again\nRelated news\nA\nB"
    ranges = clutter_ranges(text, {"section_headings": ["related news"], "line_prefixes": ["read also:"]})
    assert [text[s:e] for s, e in ranges] == ["Read also: other story", "Related news\nA\nB"]
    assert not in_ranges(0, ranges)
    assert in_ranges(text.index("other"), ranges)
    assert not in_ranges(text.index("Body again"), ranges)
    assert in_ranges(len(text) - 1, ranges)


def test_organizations_name_variants_cover_spelling_and_articles():
    forms = name_variants("Organization for Security and Co-operation in Europe")
    assert "Organisation for Security and Cooperation in Europe" in forms
    assert "Meeting of the Speakers" in " ".join(name_variants("Meeting of Speakers"))
    assert "Eurasian Countries\u2019 Parliaments" in name_variants("Eurasian Countries' Parliaments")


def test_organizations_segments_split_at_sentences_and_lines(nlp):
    doc = nlp("One two. Three\nfour five.")
    seg = Segments(doc)
    assert seg.key(0) == seg.key(1)  # One two
    assert seg.key(2) != seg.key(3)  # the sentence break
    assert seg.key(3) != seg.key(5)  # the line break inside the second sentence
    assert seg.evidence(5, 6, 0.5).text == "four five."
    assert seg.evidence(3, 6, 0.5).text == "Three\nfour five."  # a mention across the line break


def test_organizations_segments_of_an_empty_doc(nlp):
    doc = nlp("")
    assert doc._.organizations == []
    assert len(Segments(doc).keys) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no FORMAT.md code: the full name the article writes
        (
            "Envoys of the Cooperation Council for the Arab States of the Gulf arrived.",
            ["Cooperation Council for the Arab States of the Gulf"],
        ),
        ("Envoys of the Gulf Cooperation Council arrived.", ["Gulf Cooperation Council"]),
        # only the acronym: the registry's full name
        ("Envoys of the GCC arrived.", ["Gulf Cooperation Council"]),
        ("The G7 leaders met.", ["Group of Seven"]),
        # a written form that holds an acronym is no full name: the code
        (
            "He addressed the SADC Parliamentary Forum.",
            ["Southern African Development Community Parliamentary Forum"],
        ),
        # a FORMAT.md code is always the code
        ("He addressed the Organisation for Security and Cooperation in Europe.", ["OSCE"]),
    ],
)
def test_organizations_reported_name_follows_the_article(nlp, text, expected):
    assert codes(nlp, text) == expected


def test_organizations_written_name_wins_over_an_earlier_acronym(nlp):
    text = "The GCC summit opened. The Cooperation Council for the Arab States of the Gulf adopted a text."
    assert codes(nlp, text) == ["Cooperation Council for the Arab States of the Gulf"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leaders met at the Commonwealth Heads of Government Meeting.", ["Commonwealth of Nations"]),
        ("The Commonwealth Parliamentary Conference opened.", ["Commonwealth Parliamentary Association"]),
        ("The Council of the European Union adopted the text.", ["Council of the European Union", "EU"]),
        ("The European Council met.", ["European Council"]),
    ],
)
def test_organizations_meetings_and_implied_bodies(nlp, text, expected):
    assert codes(nlp, text) == expected


def test_organizations_bare_commonwealth_unless_the_cis_is_named(nlp):
    assert codes(nlp, "Fiji is a proud Commonwealth member.") == ["Commonwealth of Nations"]
    text = "The CIS Inter-Parliamentary Assembly met. Commonwealth countries sent delegates."
    assert codes(nlp, text) == ["CIS IPA"]


@pytest.mark.parametrize(
    "text",
    [
        "He met the Minister of the Foreign, Commonwealth and Development Office.",
        "The Committee on EU Affairs held hearings.",
        "She chairs the Committee on CIS Affairs and Eurasian Integration.",
    ],
)
def test_organizations_mentions_inside_national_bodies_do_not_count(nlp, text):
    assert codes(nlp, text) == []


def test_organizations_bracketed_acronym_glosses_the_name_before_it(nlp):
    text = (
        "A session of the Interparliamentary Assembly of the Commonwealth of Independent States (CIS) opened."
    )
    assert codes(nlp, text) == ["CIS IPA"]
    assert codes(nlp, "The Commonwealth of Independent States (CIS) and the CIS IPA met.") == [
        "CIS",
        "CIS IPA",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nato allies and Asean members met.", ["NATO", "ASEAN"]),
        ("Talks with Mercosur and Caricom.", ["Southern Common Market", "Caribbean Community"]),
        ("Alba Ferreira met Irena Novak.", []),  # acronyms that are also given names match only in capitals
        ("The PA-BSEC General Assembly opened.", ["PABSEC"]),
    ],
)
def test_organizations_acronym_spelling_variants(nlp, text, expected):
    assert codes(nlp, text) == expected


def test_organizations_registry_is_built_from_the_script():
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_organizations.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_organizations_coordinated_parliamentary_assemblies_name_each_assembly(nlp):
    text = "She met members of the parliamentary assemblies of NATO, the OSCE and the Council of Europe."
    assert codes(nlp, text) == ["NATO PA", "OSCE PA", "PACE"]
    # the same bodies without "assemblies of" are the organizations themselves
    assert codes(nlp, "She met envoys of NATO, the OSCE and the Council of Europe.") == [
        "NATO",
        "OSCE",
        "Council of Europe",
    ]


def test_organizations_acronym_the_article_defines_otherwise_is_not_the_registry_body(nlp):
    text = "The Agricultural Development Board (ADB) met farmers. ADB officials visited the fields."
    assert codes(nlp, text) == []
    # the registry body's own definition keeps its acronym
    assert codes(nlp, "The Gulf Cooperation Council (GCC) met. The GCC agreed.") == [
        "Gulf Cooperation Council"
    ]
    assert codes(nlp, "The Asian Development Bank (ADB) lent funds. ADB staff visited.") == [
        "Asian Development Bank"
    ]


def test_organizations_misspelt_expansion_of_a_registry_acronym_is_that_body(nlp):
    text = (
        "A delegation of the Coastal Branch of the Commonwealth Parliamentarian Association (CPA) "
        "arrived. The CPA team met MPs."
    )
    assert codes(nlp, text) == ["Commonwealth Parliamentary Association"]
