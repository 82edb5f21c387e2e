"""Hand-built articles and records for the store, query, export, CLI and API tests.

The names are invented for these tests. ``SAMPLES`` covers: diacritics in a name, two events
in one article, an undated article, topics and organizations with and without evidence.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from parleys.documents import Article
from parleys.records import ArticleRecord, EventRecord, Evidence, LabelRecord, PersonRecord


def _ev(text: str, needle: str, confidence: float = 0.9) -> Evidence:
    start = text.index(needle)
    return Evidence(start, start + len(needle), needle, confidence)


def _person(
    text: str,
    key: str,
    name: str,
    role: str,
    country: str | None,
    title: str | None = None,
    institution: str | None = None,
) -> PersonRecord:
    evidence = {"name": _ev(text, name, 0.95), "role_class": _ev(text, title or name, 0.8)}
    if country:
        evidence["country"] = _ev(text, title or name, 0.7)
    return PersonRecord(
        key=key,
        name=name,
        role_class=role,
        country=country,
        title=title,
        institution=institution,
        mentions=[_ev(text, name, 0.95)],
        evidence=evidence,
    )


KZ_GE = (
    "TBILISI. Ambassador of Kazakhstan to Georgia Aidar Nurlanov met with Member of Parliament "
    "Levan Beridze. The parties discussed inter-parliamentary cooperation and trade."
)
TR_VISIT = (
    "ANKARA. Speaker of the Grand National Assembly Selim Şahinoğlu received Chairman of the Senate "
    "Dauren Qoshanov, who paid an official visit to Türkiye. An agreement on energy was signed. "
    "Both are members of TURKPA."
)
UZ_CALL = (
    "President Timur Rashidov held a phone call with Minister for Europe Élodie Fournier. "
    "Security issues were on the agenda."
)
UNDATED = "Aliya Sarsenova sent a letter of congratulations to her colleagues."


def kz_ge() -> tuple[Article, ArticleRecord]:
    text = KZ_GE
    article = Article(
        id="kz-ge",
        source="/in/kz-ge.txt",
        text=text,
        title="Kazakhstan and Georgia",
        published=date(2023, 10, 21),
        url="https://example.org/kz-ge",
        site="example.org",
    )
    persons = [
        _person(text, "p0", "Aidar Nurlanov", "ambassador", "KAZ", "Ambassador of Kazakhstan to Georgia"),
        _person(text, "p1", "Levan Beridze", "mp", "GEO", "Member of Parliament"),
    ]
    events = [
        EventRecord(
            type="meeting",
            date=date(2023, 10, 21),
            city="Tbilisi",
            country="GEO",
            participants=["p0", "p1"],
            countries=["KAZ", "GEO"],
            evidence={"type": _ev(text, "met with", 0.9), "city": _ev(text, "TBILISI", 0.8)},
        )
    ]
    topics = [
        LabelRecord("interparliamentary", _ev(text, "inter-parliamentary cooperation", 0.85)),
        LabelRecord("trade_economy", _ev(text, "trade", 0.6)),
    ]
    return article, ArticleRecord(
        id=article.id,
        published=article.published,
        title=article.title,
        source=article.source,
        url=article.url,
        events=events,
        persons=persons,
        topics=topics,
        pipeline_version="test-1",
    )


def tr_visit() -> tuple[Article, ArticleRecord]:
    text = TR_VISIT
    article = Article(
        id="tr-visit",
        source="/in/tr-visit.txt",
        text=text,
        title="Official visit",
        published=date(2024, 2, 5),
    )
    persons = [
        _person(
            text,
            "p0",
            "Selim Şahinoğlu",
            "speaker",
            "TUR",
            "Speaker of the Grand National Assembly",
            "Grand National Assembly",
        ),
        _person(text, "p1", "Dauren Qoshanov", "speaker", "KAZ", "Chairman of the Senate", "Senate"),
    ]
    events = [
        EventRecord(
            type="visit",
            date=date(2024, 2, 5),
            city="Ankara",
            country="TUR",
            participants=["p0", "p1"],
            countries=["TUR", "KAZ"],
            evidence={"type": _ev(text, "official visit", 0.9)},
        ),
        EventRecord(
            type="agreement",
            date=date(2024, 2, 5),
            city="Ankara",
            country="TUR",
            participants=["p1"],
            countries=["KAZ"],
            evidence={"type": _ev(text, "agreement", 0.7)},
        ),
    ]
    return article, ArticleRecord(
        id=article.id,
        published=article.published,
        title=article.title,
        source=article.source,
        events=events,
        persons=persons,
        topics=[LabelRecord("energy", _ev(text, "energy", 0.8))],
        organizations=[LabelRecord("TURKPA", _ev(text, "TURKPA", 0.99))],
        pipeline_version="test-1",
    )


def uz_call() -> tuple[Article, ArticleRecord]:
    text = UZ_CALL
    article = Article(id="uz-call", source="/in/uz-call.txt", text=text, published=date(2024, 3, 10))
    persons = [
        _person(text, "p0", "Timur Rashidov", "head_of_state", "UZB", "President"),
        _person(text, "p1", "Élodie Fournier", "minister", "FRA", "Minister for Europe"),
    ]
    events = [
        EventRecord(
            type="call",
            date=date(2024, 3, 10),
            participants=["p0", "p1"],
            countries=["UZB", "FRA"],
            evidence={"type": _ev(text, "phone call", 0.95)},
        )
    ]
    return article, ArticleRecord(
        id=article.id,
        published=article.published,
        source=article.source,
        events=events,
        persons=persons,
        topics=[LabelRecord("security", None)],
        pipeline_version="test-1",
    )


def undated() -> tuple[Article, ArticleRecord]:
    text = UNDATED
    article = Article(id="undated", source="/in/undated.txt", text=text)
    persons = [PersonRecord(key="p0", name="Aliya Sarsenova", role_class="official", country="KAZ")]
    events = [EventRecord(type="message", date=None, participants=["p0"], countries=["KAZ"])]
    return article, ArticleRecord(
        id=article.id,
        published=None,
        source=article.source,
        events=events,
        persons=persons,
        pipeline_version="test-1",
    )


SAMPLES = (kz_ge, tr_visit, uz_call, undated)


def save_samples(session: Session) -> dict[str, int]:
    """Store every sample and commit; returns article external id -> article row id."""
    from parleys.store.repository import save_article_record

    ids = {}
    for build in SAMPLES:
        article, record = build()
        ids[article.id] = save_article_record(session, article, record).id
    session.commit()
    return ids


def store_samples(db_url: str) -> dict[str, int]:
    """Migrate the database at ``db_url`` and store the samples in it."""
    from parleys.settings import Settings
    from parleys.store.db import open_session

    with open_session(Settings.load(config_file=None, database_url=db_url)) as session:
        return save_samples(session)


# --- article files for the ingest tests ----------------------------------------------------------

FIRST = ["Aidar", "Berik", "Daniyar", "Dauren", "Marat", "Serik", "Zhanibek", "Olzhas", "Galym", "Rustem"]
LAST = [
    "Tulegenov",
    "Seitkali",
    "Omarov",
    "Zhaksybekov",
    "Amanov",
    "Bekturov",
    "Kassenov",
    "Mukanov",
    "Sadykov",
    "Temirov",
]
FOREIGN = [
    ("Georgia", "Georgian", "Tbilisi", "Levan Kapanadze"),
    ("Hungary", "Hungarian", "Budapest", "Gabor Szalai"),
    ("Japan", "Japanese", "Tokyo", "Kenji Watanabe"),
    ("Poland", "Polish", "Warsaw", "Piotr Zielinski"),
    ("Egypt", "Egyptian", "Cairo", "Osman Mansour"),
]
TOPICS = [
    "trade and investment",
    "energy and transport",
    "education and culture",
    "agriculture and water",
    "digital technologies and industry",
    "tourism and health care",
]


def article_text(i: int) -> str:
    """An English news article, distinct for every ``i`` (so every content hash differs)."""
    kz = f"{FIRST[i % 10]} {LAST[(i * 3 + 1) % 10]}"
    country, adjective, capital, foreign = FOREIGN[i % len(FOREIGN)]
    topic = TOPICS[i % len(TOPICS)]
    return (
        f"ASTANA. KAZINFORM - Chairman of the Mazhilis of the Parliament of Kazakhstan {kz} met with "
        f"the Ambassador of {country} to Kazakhstan {foreign} on Tuesday, the Mazhilis press service "
        f"reports.\n\nDuring the meeting, the parties discussed the development of inter-parliamentary "
        f"cooperation as well as {topic}. {kz.split()[1]} noted that the {adjective} side is an important "
        f"partner of Kazakhstan and that regular dialogue between the parliaments helps to strengthen "
        f"bilateral relations.\n\nThe Ambassador expressed interest in expanding ties and invited the "
        f"delegation of the Mazhilis to visit {capital} next year. The meeting number {i} ended with an "
        f"agreement to hold consultations between the friendship groups of the two parliaments.\n"
    )


def write_articles(folder: Path, n: int, *, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"article-{i:03d}.txt"
        path.write_text(article_text(i), encoding="utf-8")
        paths.append(path)
    return paths
