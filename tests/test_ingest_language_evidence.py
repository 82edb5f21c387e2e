"""The language check rejects a text only when another language's function words explain it: a
scorecard or roster in English has few English function words, but no other language's either."""

from __future__ import annotations

from parleys.ingest.language import not_english

SCORECARD = """Ruritania innings on Friday:
Ivo Brandt c Lindqvist b Quint 41 (corrects from 40)
Per Holm run out 12
Ana Kolar st Marek b Orsini 7
Tomas Quint lbw b Holm 19
Marta Vale c and b Brandt 3
Emil Orsini not out 25
Lukas Marek c Vale b Kolar 0
Extras (b-2 lb-4 nb-1 w-3) 10"""

ITALIAN = (
    "Il presidente della Camera ha ricevuto la delegazione del parlamento di Ruritania per parlare "
    "della cooperazione tra i due paesi e della sicurezza nella regione, con il sostegno dei gruppi "
    "di amicizia e delle commissioni per gli affari esteri."
)


def test_ingest_language_scorecard_in_english_is_not_rejected():
    assert not_english(SCORECARD.splitlines()) is None


def test_ingest_language_foreign_prose_is_rejected_naming_its_language():
    why = not_english([ITALIAN, ITALIAN.replace("Ruritania", "Arcadia")])
    assert why is not None and "'it'" in why


def test_ingest_language_foreign_prose_beside_a_scorecard_is_still_rejected():
    assert not_english([ITALIAN, ITALIAN, *SCORECARD.splitlines()]) is not None
