"""The one name fold: how names are compared everywhere (lexicons, person search, resolution).

:func:`fold` ignores case, diacritics, apostrophes, dots and commas, and treats dashes, slashes
and underscores as spaces: "Jonas Gahr Støre" -> "jonas gahr store", "Łukasz" -> "lukasz",
"Əliyev" -> "aliyev", "Kurtulmuş" -> "kurtulmus", "Straße" -> "strasse", "U.S." -> "us".
Letters that Unicode does not decompose into a base letter and a mark (ı, ł, ø, ə, đ, þ, æ, œ,
ß) are spelt out by a table first.

Anchor keys stored in the database (``p:<hash>:<name>``) keep the fold they were made with:
see :func:`parleys.keys.anchor_fold`.
"""

from __future__ import annotations

import re
import unicodedata

LETTERS = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "ʻ": "'",
        "ʼ": "'",
        "ı": "i",
        "İ": "I",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ə": "a",  # Azerbaijani schwa: "Əliyev" is written "Aliyev" in English
        "Ə": "A",
        "ß": "ss",
    }
)
_DROP = re.compile(r"[.',]")
_SPACE = re.compile(r"[\s\-‐‑‒–—_/]+")
_WORD = re.compile(r"\w+")


def ascii_form(text: str) -> str:
    """The text with diacritics and typographic apostrophes removed, case kept ("Côte d’Ivoire" ->
    "Cote d'Ivoire"); letters of other scripts stay as they are."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text.translate(LETTERS))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """The comparison key of a name: case, diacritics, apostrophes, dots and commas ignored, dashes
    and runs of spaces one space, "&" as "and"."""
    text = ascii_form(text.replace("&", " and "))
    return _SPACE.sub(" ", _DROP.sub("", text)).strip().casefold()


def fold_words(text: str) -> list[str]:
    """The words of :func:`fold` (letters and digits only): what a name search looks for."""
    return _WORD.findall(fold(text).replace("_", " "))
