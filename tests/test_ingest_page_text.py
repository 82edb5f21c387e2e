"""Page text around the article (issue 12, "Page text"): bylines, credits, captions, teasers and
footers go, every sentence of the article stays; publication stamps in the common printed shapes
are read; a text that is mostly a table of names and numbers is not rejected as "not English"."""

from __future__ import annotations

from datetime import date

import pytest

from parleys.documents import Article, RawDocument, Rejection
from parleys.ingest import clean
from parleys.ingest.language import is_table_row, not_english
from parleys.ingest.published import find_published, stamp
from parleys.settings import Settings

SENTENCES = [
    "VALLETTA - The President of the House of Representatives of Ruritania, Ana Kolar, held talks with "
    "the visiting Speaker of the Storting, Per Lindqvist, on Tuesday.",
    "The two Speakers discussed the work of the friendship groups and the exchange of parliamentary staff.",
    "Kolar said that the parliaments would sign a memorandum on cooperation next year.",
    "Listen, she said, our parliaments have worked together for thirty years.",
    "Video conference links between the two committees will be set up in the spring.",
]
PAGE_TEXT = [
    "By Marta Quint",
    "BY MARTA QUINT",
    "Marta Quint, Staff Reporter",
    "By Marta Quint and Ivo Brandt | Valletta",
    "Photo by Ivo Brandt",
    "(Photo: Press Office of the House)",
    "Photo/Ruritania News Agency",
    "AFP PHOTO",
    "Reporting by Marta Quint; Editing by Ivo Brandt",
    "You may also like: Speaker visits the Baltic states",
    "Watch: the Speaker addresses the Storting",
    "Contact us | About us | Privacy policy | Terms of use",
]
STAMPS = [
    ("Published Mar 3,2024", date(2024, 3, 3)),
    ("05/04/2023 - 10:12", date(2023, 4, 5)),
    ("04/25/2023 10:12 AM", date(2023, 4, 25)),
    ("Posted at 10:12, 3 March 2024", date(2024, 3, 3)),
    ("Last modified: 2024/03/05", date(2024, 3, 5)),
    ("Updated on Tuesday, 5 March 2024", date(2024, 3, 5)),
    ("12-11-2022 | 09:15", date(2022, 11, 12)),
]


def _raw(text: str) -> RawDocument:
    return RawDocument(source="mem", kind="text", content=text, doc_id="doc")


def test_ingest_page_text_bylines_credits_captions_teasers_footers_go_sentences_stay() -> None:
    lines = [SENTENCES[0], PAGE_TEXT[0], *SENTENCES[1:3], *PAGE_TEXT[1:9], *SENTENCES[3:], *PAGE_TEXT[9:]]
    article = clean(_raw("\n".join(lines)), settings=Settings())
    assert isinstance(article, Article)
    assert [line for line in article.text.split("\n") if line] == SENTENCES
    for line in PAGE_TEXT:
        assert line not in article.text


def test_ingest_page_text_captions_lose_their_credit_and_positions_but_stay() -> None:
    captions = [
        "Speaker Ana Kolar greets Per Lindqvist at the entrance. (Photo: Ivo Brandt)",
        "Ana Kolar (L) and Per Lindqvist (2nd R) pose for a picture in Valletta.",
    ]
    article = clean(_raw("\n".join([SENTENCES[0], *captions, SENTENCES[1]])), settings=Settings())
    assert isinstance(article, Article)
    assert [line for line in article.text.split("\n") if line] == [
        SENTENCES[0],
        "Speaker Ana Kolar greets Per Lindqvist at the entrance.",
        "Ana Kolar and Per Lindqvist pose for a picture in Valletta.",
        SENTENCES[1],
    ]
    assert "Ivo Brandt" not in article.text


@pytest.mark.parametrize(
    "sentence",
    [
        "Ana Kolar, Speaker of the House, met Per Lindqvist.",
        "Images of the meeting were shared by the press service of the parliament.",
        "The report by the committee was adopted unanimously on Monday.",
        "Text of the agreement was signed by both sides.",
        "Meeting on 5 March 2024",
        "The talks on 05/04/2023 were useful.",
    ],
)
def test_ingest_page_text_sentences_that_look_like_page_text_stay(sentence: str) -> None:
    article = clean(_raw(f"{SENTENCES[0]}\n{sentence}\n{SENTENCES[1]}"), settings=Settings())
    assert isinstance(article, Article)
    assert sentence in article.text


@pytest.mark.parametrize(("line", "expected"), STAMPS)
def test_ingest_page_text_publication_stamps_in_common_shapes(line: str, expected: date) -> None:
    assert stamp(line) == (True, expected)
    assert find_published(["Speakers meet in Valletta", line, SENTENCES[0]]) == expected
    article = clean(
        _raw(f"Speakers meet in Valletta\n{line}\n{SENTENCES[0]}\n{SENTENCES[1]}"), settings=Settings()
    )
    assert isinstance(article, Article)
    assert article.published == expected and line not in article.text


def test_ingest_page_text_sentences_with_numeric_dates_are_not_stamps() -> None:
    assert stamp("The talks on 05/04/2023 were useful.") == (False, None)
    assert stamp("Meeting on 5 March 2024") == (False, None)
    assert stamp("1/2/3") == (False, None)


RESULTS_TABLE = """SOCCER - RURITANIAN LEAGUE RESULTS .
VALLETTA 2024-03-02
Results of Ruritanian league matches on Saturday :
Kolar United 2 Lindqvist Rovers 1
Brandt City 0 Quint Athletic 0
Harbour Town 3 North Vale 2
Standings ( tabulate under played , won , drawn , lost , goals for , against , points ) :
Kolar United 17 11 4 2 32 12 37
Harbour Town 17 10 5 2 29 15 35
Brandt City 17 8 6 3 25 17 30
North Vale 17 6 4 7 21 22 22
Lindqvist Rovers 17 5 5 7 19 24 20
Quint Athletic 17 2 4 11 11 31 10
ATHLETICS - VALLETTA GRAND PRIX RESULTS .
Leading results at the Valletta Grand Prix on Saturday :
Men 's 200 metres
1. Ivo Brandt ( Ruritania ) 20.12 seconds
2. Per Lindqvist ( Norway ) 20.31
3. Tomas Quint ( Malta ) 20.44
Women 's 400 metres
1. Ana Kolar ( Ruritania ) 50.02
2. Marta Quint ( Malta ) 50.87
"""


def test_ingest_page_text_results_table_in_english_is_not_rejected_as_language() -> None:
    lines = RESULTS_TABLE.splitlines()
    assert is_table_row("Kolar United 17 11 4 2 32 12 37")
    assert is_table_row("1. Ivo Brandt ( Ruritania ) 20.12 seconds")
    assert not is_table_row("Results of Ruritanian league matches on Saturday :")
    assert not_english(lines) is None
    article = clean(_raw(RESULTS_TABLE), settings=Settings())
    assert isinstance(article, Article)
    assert "Kolar United 17 11 4 2 32 12 37" in article.text


def test_ingest_page_text_prose_in_another_language_beside_a_table_is_still_rejected() -> None:
    french = (
        "Le président de l'Assemblée a reçu la délégation du Storting pour parler de la coopération entre "
        "les deux parlements et de la sécurité dans la région."
    )
    text = "\n".join([french, french.replace("Storting", "Sénat"), *RESULTS_TABLE.splitlines()[3:6]])
    rejection = clean(_raw(text), settings=Settings())
    assert isinstance(rejection, Rejection) and rejection.reason == "language"
