"""Anchor keys: names for per-article persons and events that survive re-extraction.

Row ids change when an article is extracted again; an anchor key names content instead: the
article's content hash, then the person's folded name or the event's position. Corrections and
entity/cluster keys use them.
"""

from __future__ import annotations

import re
import unicodedata


def anchor_fold(name: str) -> str:
    """The fold inside stored anchor keys and name-form splits ("Emre Koşkun" -> "emre koskun").

    Frozen: keys already stored in corrections were made with it, so it must not change (a new
    fold would need a migration that rewrites them). Everything compared live uses
    :func:`parleys.normalize.names.fold` instead, which also spells out ø, ł and ß.
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("ı", "i").replace("ə", "a")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def person_key(content_hash: str, name: str) -> str:
    return f"p:{content_hash[:16]}:{anchor_fold(name)}"


def event_key(content_hash: str, position: int) -> str:
    return f"e:{content_hash[:16]}:{position}"


# the name extraction imports (parleys.extract.names); the same frozen fold
fold_name = anchor_fold
