"""The learned chooser's home-side features: the article's home scores and its departures."""

from __future__ import annotations

from parleys.extract.person_country import ArticleFrame, features


def _frame(home: dict[str, float], departed: frozenset[str] = frozenset()) -> ArticleFrame:
    empty: frozenset[str] = frozenset()
    counts = {"IDN": 3.0, "KEN": 1.0}
    return ArticleFrame(
        counts=counts,
        first={"IDN": 0, "KEN": 5},
        positions={"IDN": [0], "KEN": [5]},
        sentences={"IDN": {0}, "KEN": {1}},
        lead=empty,
        delegation=empty,
        partner=empty,
        destination=empty,
        located=empty,
        dateline=None,
        host=None,
        outlet=None,
        stated={},
        in_office={},
        envoys_to=empty,
        envoys_from=empty,
        home=home,
        departed=departed,
    )


def _x(f: ArticleFrame, country: str) -> dict[str, float]:
    return features(
        f,
        country,
        role="speaker",
        mention_tokens=[2],
        mention_sents={0},
        visitor=False,
        taken=set(),
        by_role=set(),
        bodies=set(),
        neighbours=set(),
        rule=None,
        n_tokens=50,
    )


def test_person_country_home_features_share_and_top():
    f = _frame({"IDN": 1.0, "KEN": 3.0})
    assert _x(f, "KEN")["home_share"] == 0.75
    assert _x(f, "KEN")["home_top"] == 1.0
    assert _x(f, "IDN")["home_top"] == 0.0
    assert _x(f, "KEN")["departed"] == 0.0


def test_person_country_home_top_skips_a_departure():
    # Indonesia scores highest but someone sets off for it: Kenya is the home side
    f = _frame({"IDN": 4.0, "KEN": 1.0}, frozenset({"IDN"}))
    assert _x(f, "IDN")["departed"] == 1.0
    assert _x(f, "IDN")["home_top"] == 0.0
    assert _x(f, "KEN")["home_top"] == 1.0


def test_person_country_home_features_zero_without_scores():
    x = _x(_frame({}), "KEN")
    assert (x["home_share"], x["home_top"], x["departed"]) == (0.0, 0.0, 0.0)
