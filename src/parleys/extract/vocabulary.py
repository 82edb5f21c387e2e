"""The title vocabulary of ``data/titles.json``, read once per process and shared by the components
that use it (mentions, coreference, persons): treat it as read-only."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources

from parleys.extract.organizations import LEXICON, load_data


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
    name_honorifics: frozenset[str] = frozenset()  # honorifics that are also name words: "Sheikh"
    subnational: frozenset[str] = frozenset()  # "province", "oblast": a premier of one is an official
    # the international bodies of data/organizations.json: an office of one serves no country
    body_acronyms: frozenset[str] = frozenset()  # as written: "ECOWAS", "SADC", "ParlAmericas"
    body_names: frozenset[str] = frozenset()  # lower case: "council of europe", "pan-african parliament"
    # who acts for or stands beside an office holder ("the representative of the Speaker X",
    # "wife of the President"): the role they hold themselves
    agents: dict[str, str] = field(default_factory=dict)
    # derived from the fields above when the vocabulary is made (see __post_init__)
    portfolio_nouns: frozenset[str] = field(init=False, default=frozenset())  # "minister", "secretary"
    registered: frozenset[str] = field(init=False, default=frozenset())  # body_names and body_countries
    registered_words: int = field(init=False, default=0)  # the most words a registered name has
    # the single words of ``modifiers`` and ``former`` together, and of ``former`` alone
    modifier_words: frozenset[str] = field(init=False, default=frozenset())
    former_words: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        # the nouns of the heads that hold a portfolio: those of a minister's heads
        nouns = frozenset(head_noun(h) for h, base in self.heads.items() if base == "minister")
        registered = self.body_names | frozenset(self.body_countries)
        object.__setattr__(self, "portfolio_nouns", nouns)
        object.__setattr__(self, "registered", registered)
        object.__setattr__(self, "registered_words", max((len(n.split(" ")) for n in registered), default=0))
        former = frozenset(w for m in self.former for w in m.split())
        object.__setattr__(self, "former_words", former)
        object.__setattr__(self, "modifier_words", former | {w for m in self.modifiers for w in m.split()})

    def names_a_body(self, text: str, *, countries: bool = True) -> bool:
        """Whether a registered body's name stands in ``text`` between two spaces: some run of the
        text's space-separated words is one of ``body_names`` (or, with ``countries``, of the
        government bodies of ``body_countries``)."""
        names = self.registered if countries else self.body_names
        words = text.split(" ")
        for i in range(1, len(words) - 1):
            for j in range(i + 1, min(len(words) - 1, i + self.registered_words) + 1):
                if " ".join(words[i:j]) in names:
                    return True
        return False

    @classmethod
    def load(cls) -> TitleVocabulary:
        """The vocabulary of the shipped data (one instance per process)."""
        return _shipped()

    @classmethod
    def _read(cls) -> TitleVocabulary:
        raw = json.loads(resources.files("parleys.data").joinpath("titles.json").read_text("utf-8"))
        return cls(
            heads=_with_plurals({k.lower(): v for k, v in raw["heads"].items()}),
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
            name_honorifics=frozenset(w.lower() for w in raw.get("name_honorifics", ())),
            subnational=frozenset(raw.get("subnational_words", ())),
            agents=dict(raw.get("agent_words", {})),
            **_international_bodies(),
        )


def head_noun(head: str) -> str:
    """The noun of a lower-case office head: the last word before its "of", read after a hyphen
    ("foreign secretary" -> "secretary", "secretary of state" -> "secretary", "vice-minister" ->
    "minister"), and before a "general" that follows its noun ("secretary-general" -> "secretary")."""
    words = head.split(" of ")[0].replace("-", " ").split()
    if len(words) > 1 and words[-1] == "general":
        return words[-2]
    return words[-1]


@functools.cache
def _shipped() -> TitleVocabulary:
    return TitleVocabulary._read()


# plurals that are also common verbs after a name ("Jane Doe chairs the session")
_NO_PLURAL = frozenset({"chair"})


def _plural(head: str) -> str | None:
    """The regular English plural of a title head's last word ("leader" -> "leaders", "secretary"
    -> "secretaries"); none for heads that are plural already, have an "of" phrase, a hyphenated
    or several-word tail ("president-elect", "pro tempore"), or are abbreviations."""
    words = head.split()
    last = words[-1]
    if (
        " of " in f" {head} "
        or " and " in f" {head} "
        or head in _NO_PLURAL
        or len(last) <= 3
        or not last.isalpha()
        or last.endswith(("men", "s", "sh", "ch", "x", "ore", "arge"))
    ):
        return None
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif last.endswith("y") and last[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return " ".join([*words[:-1], plural])


def _with_plurals(heads: dict[str, str]) -> dict[str, str]:
    """The heads with the plural of each office ("leaders of the committee A, B and C"), so a list of
    names after a plural office shares it; honorifics have no plural office."""
    out = dict(heads)
    for head, base in heads.items():
        plural = _plural(head) if base != "honorific" else None
        if plural is not None:
            out.setdefault(plural, base)
    return out


def _international_bodies() -> dict[str, frozenset[str]]:
    """Acronyms and names of the registry's international bodies and of the parents of its
    assemblies; members' titles ("MEP") are heads, not bodies, and a body called a parliament is
    left to the parliament words."""
    raw = load_data(LEXICON)
    acronyms: set[str] = set()
    names: set[str] = set()
    for entry in (*raw.get("organizations", ()), *raw.get("assemblies", ())):
        if any(n.lower().endswith("parliament") for n in entry.get("names", ())):
            continue  # a body called a parliament ("European Parliament") is chaired by its speaker
        acronyms.update(a for a in entry.get("acronyms", ()) if len(a) >= 2 and not a.startswith("MEP"))
        names.update(n.lower() for n in entry.get("names", ()) if len(n.split()) >= 2)
        if isinstance(entry.get("of"), str) and len(entry["of"].split()) >= 2:
            names.add(entry["of"].lower())
    return {"body_acronyms": frozenset(acronyms), "body_names": frozenset(names)}
