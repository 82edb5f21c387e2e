"""Anchor keys: names for per-article persons and events that survive re-extraction.

Row ids change when an article is extracted again; an anchor key names content instead: the
article's content hash, then the person's folded name or the event's position. Corrections and
entity/cluster keys use them.
"""

from __future__ import annotations

import re
import unicodedata


def fold_name(name: str) -> str:
    """Case-folded, diacritics and punctuation removed: "Emre Koşkun" -> "emre koskun"."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("ı", "i").replace("ə", "a")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def person_key(content_hash: str, name: str) -> str:
    return f"p:{content_hash[:16]}:{fold_name(name)}"


def event_key(content_hash: str, position: int) -> str:
    return f"e:{content_hash[:16]}:{position}"
