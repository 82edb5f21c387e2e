"""The learned chooser's home-side features: the article's home scores and its departures."""

from __future__ import annotations

from dataclasses import replace

from parleys.extract.person_country import ArticleFrame
from test_extract_person_country import _features as _x
from test_extract_person_country import _frame as _counted


def _frame(home: dict[str, float], departed: frozenset[str] = frozenset()) -> ArticleFrame:
    """Indonesia named three times, Kenya once, with the home scores and departures given."""
    return replace(_counted({"IDN": 3.0, "KEN": 1.0}, {}), home=home, departed=departed)


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
