"""Is a text English? A dependency-free check for the one language the pipeline reads.

Two measures over the paragraph lines (lines of six words or more, so that menus and
language switchers do not count): the share of Latin letters among all letters, and the
share of common English function words among Latin-script words.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from importlib import resources

MIN_LATIN_SHARE = 0.5
MIN_STOPWORD_SHARE = 0.12
# another language's function words at this share (and above English's) mark foreign prose; a
# table, roster or scorecard has neither (CoNLL-2003 scorecards reach 0.05, Turkish prose 0.10)
MIN_OTHER_SHARE = 0.08
MIN_WORDS = 20  # below this the stopword share says little; the length check takes over
PARAGRAPH_WORDS = 6
_LATIN_WORD = re.compile(r"[a-zà-ɏḀ-ỿ]+(?:['’][a-z]+)?")


@functools.cache
def english_stopwords() -> frozenset[str]:
    data = json.loads(resources.files("parleys.ingest").joinpath("data/stopwords_en.json").read_text("utf-8"))
    return frozenset(data["words"])


def is_latin(ch: str) -> bool:
    """A Latin letter (Basic Latin through Latin Extended-B, and Latin Extended Additional)."""
    code = ord(ch)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF


def latin_share(text: str) -> float:
    """Share of Latin letters among the letters of ``text`` (1.0 when it has none)."""
    letters = latin = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            latin += ch < "\u0250" or is_latin(ch)
    return latin / letters if letters else 1.0


def _script(text: str) -> str:
    """The most common non-Latin script of ``text``, by Unicode name ("CYRILLIC")."""
    scripts = Counter(
        unicodedata.name(ch, "UNKNOWN").split()[0] for ch in text if ch.isalpha() and not is_latin(ch)
    )
    return scripts.most_common(1)[0][0] if scripts else "UNKNOWN"


def is_table_row(line: str) -> bool:
    """A row of names and numbers ("Kashima 2 Urawa 1", "3. Ana Kolar (Ruritania) 19.32"): a
    quarter of its tokens hold digits, or no word in it starts with a small letter. Such rows say
    nothing of the language; results tables, rosters and scores are mostly made of them."""
    tokens = line.split()
    if not tokens:
        return False
    digits = sum(any(ch.isdigit() for ch in token) for token in tokens)
    if digits >= 0.25 * len(tokens):
        return True
    return not any(token[0].islower() for token in tokens if token[0].isalpha())


# Latin-script languages whose function words spaCy ships (spacy.lang.<code>.stop_words): a text
# whose English share is low is rejected only when one of these explains it
OTHER_LATIN_LANGUAGES = (
    "af",
    "az",
    "ca",
    "cs",
    "da",
    "de",
    "es",
    "et",
    "eu",
    "fi",
    "fr",
    "ga",
    "hr",
    "hu",
    "id",
    "is",
    "it",
    "lb",
    "lt",
    "lv",
    "ms",
    "nb",
    "nl",
    "pl",
    "pt",
    "ro",
    "sk",
    "sl",
    "sq",
    "sv",
    "tl",
    "tn",
    "tr",
    "vi",
    "yo",
)


@functools.cache
def other_stopwords() -> dict[str, frozenset[str]]:
    """Function words of other Latin-script languages, two letters or more (one-letter ones say
    little beside initials and scorecard abbreviations)."""
    import importlib

    out = {}
    for code in OTHER_LATIN_LANGUAGES:
        try:
            words = importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS
        except (ImportError, AttributeError):  # a spaCy build without that language
            continue
        out[code] = frozenset(w.lower() for w in words if len(w) >= 2) - english_stopwords()
    return out


def _other_language(words: list[str]) -> tuple[str, float] | None:
    """The other language whose function words are the largest share of ``words``, with it."""
    shares = {code: sum(w in stop for w in words) / len(words) for code, stop in other_stopwords().items()}
    if not shares:
        return None
    code = max(shares, key=lambda c: shares[c])
    return code, shares[code]


def not_english(lines: list[str]) -> str | None:
    """Why the text is not English, or None when it is (or is too short to tell).

    The function-word share is measured on prose lines only: a text that is mostly a table of
    names and numbers is judged by the prose it has, and is not rejected when it has too little.
    """
    paragraphs = [line for line in lines if len(line.split()) >= PARAGRAPH_WORDS] or lines
    sample = "\n".join(paragraphs)
    share = latin_share(sample)
    if share < MIN_LATIN_SHARE:
        return f"only {share:.0%} of letters are Latin; the text is mostly {_script(sample)} script"
    prose = [line for line in paragraphs if not is_table_row(line)]
    words = _LATIN_WORD.findall("\n".join(prose).lower())
    if len(words) < MIN_WORDS:
        return None
    stopwords = english_stopwords()
    ratio = sum(word in stopwords for word in words) / len(words)
    if ratio >= MIN_STOPWORD_SHARE:
        return None
    other = _other_language(words)
    if other is None or other[1] < MIN_OTHER_SHARE or other[1] <= ratio:
        return None  # no language's function words: a table, roster or scorecard, not foreign prose
    return (
        f"English function words are {ratio:.0%} of words (English text has at least "
        f"{MIN_STOPWORD_SHARE:.0%}); those of language '{other[0]}' are {other[1]:.0%}"
    )
