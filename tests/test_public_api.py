"""The public API is small and pinned: changing it is a decision, not an accident."""

import parleys


def test_public_api_is_pinned():
    assert sorted(parleys.__all__) == [
        "Article",
        "ArticleRecord",
        "EventRecord",
        "Evidence",
        "ParleysError",
        "PersonRecord",
        "RawDocument",
        "Rejection",
        "Settings",
        "__version__",
    ]
    for name in parleys.__all__:
        assert getattr(parleys, name) is not None
