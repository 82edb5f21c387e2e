"""The title vocabulary of ``data/titles.json``, loaded once per pipeline."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class TitleVocabulary:
    heads: dict[str, str]  # lower-case title head -> base role
    head_countries: dict[str, str]  # heads only one country uses: "elbasy" -> KAZ
    body_countries: dict[str, str]  # government bodies: "foreign and commonwealth office" -> GBR
    modifiers: frozenset[str]
    former: frozenset[str]
    parliament: frozenset[str]
    committee: frozenset[str]
    organization: frozenset[str]
    civil: frozenset[str]  # non-state bodies (foundations, news agencies, companies)
    party: frozenset[str]
    executive: frozenset[str]
    person_words: frozenset[str]  # capitalised words that are never part of a name
    title_words: frozenset[str]  # lower-case words that may sit inside a title phrase
    international: frozenset[str]  # words that mark an office of an international body
    international_heads: frozenset[str]  # heads that, bare, are offices of international bodies

    @classmethod
    def load(cls) -> TitleVocabulary:
        raw = json.loads(resources.files("parleys.data").joinpath("titles.json").read_text("utf-8"))
        return cls(
            heads={k.lower(): v for k, v in raw["heads"].items()},
            head_countries={k.lower(): v for k, v in raw["head_countries"].items()},
            body_countries={k.lower(): v for k, v in raw["body_countries"].items()},
            modifiers=frozenset(raw["modifiers"]),
            former=frozenset(raw["former_modifiers"]),
            parliament=frozenset(raw["parliament_words"]),
            committee=frozenset(raw["committee_words"]),
            organization=frozenset(raw["organization_words"]),
            civil=frozenset(raw["civil_words"]),
            party=frozenset(raw["party_words"]),
            executive=frozenset(raw["executive_words"]),
            person_words=frozenset(w.lower() for w in raw["person_words"]),
            title_words=frozenset(raw["title_words"]),
            international=frozenset(raw["international_markers"]),
            international_heads=frozenset(raw["international_heads"]),
        )
