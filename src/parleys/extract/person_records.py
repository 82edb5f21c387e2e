"""The last of the persons steps (``parleys_persons_v2``; see ``persons.py``): one
:class:`PersonRecord` per person the earlier steps kept, with the office its mentions give it,
the role class and the country; then the countries the text leaves unstated
(``unstated.py``). Sets ``doc._.persons``, fullest name, in the order persons are first named.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from parleys.extract.attach import bare_guess, bare_legislator
from parleys.extract.coreference import CLUSTERS, Person, register_clusters
from parleys.extract.extensions import text_of
from parleys.extract.focus import departures
from parleys.extract.names import clean_name
from parleys.extract.sides import other_side
from parleys.extract.titles import Office, TitleFinder
from parleys.extract.unstated import UnstatedCountries, destinations
from parleys.extract.vocabulary import TitleVocabulary
from parleys.records import Evidence, PersonRecord


@Language.factory(
    "parleys_persons_v2",
    requires=["doc._.person_clusters", "doc._.mentions", "doc._.places", "doc._.titles"],
    assigns=["doc._.persons"],
)
def make_person_finder(nlp: Language, name: str) -> PersonFinder:
    register_clusters()
    return PersonFinder(nlp)


class PersonFinder:
    """``doc._.persons`` from the persons and mentions the earlier steps left."""

    def __init__(self, nlp: Language) -> None:
        self.vocabulary = TitleVocabulary.load()
        self.titles = TitleFinder.shipped(nlp)
        self.unstated = UnstatedCountries(nlp, self.vocabulary, self.titles)
        self.two_sides = True  # sides.other_side (off only to measure it)

    def __call__(self, doc: Doc) -> Doc:
        persons: list[Person] = doc._.get(CLUSTERS) or []
        mentions = doc._.mentions or []
        places = doc._.places or []
        heads = doc._.titles or []
        records = [self._record(doc, p, places, heads, mentions) for p in persons]
        self.unstated.fill(doc, records, mentions, places, heads)
        if self.two_sides:  # a guess on a partner's stated country moves to the other side's
            other_side(
                doc,
                records,
                mentions,
                places,
                heads=heads,
                away=destinations(doc, mentions, places),
                departed=departures(doc, places),
                collect=self.unstated.collect,
            )
        doc._.persons = records
        return doc

    def _record(self, doc: Doc, person: Person, places, heads, mentions) -> PersonRecord:
        best = person.best
        offices = [m.office for m in person.mentions if m.office is not None]
        current = [o for o in offices if not o.former] or offices
        # the surest office; among equals a national one (a speaker who also chairs an international
        # network is first a speaker), then the first given
        # a stated office over a bare legislator's one ("X MP, Minister for Trade" is a minister)
        office = (
            max(current, key=lambda o: (_specific(o), o.confidence, o.country is not None))
            if current
            else None
        )
        role = office.role_class if office else "other"
        country = office.country if office else None
        evidence: dict[str, Evidence] = {}
        if office is not None:
            ev = Evidence(office.start_char, office.end_char, office.title, office.confidence)
            evidence["role_class"] = ev
            evidence["title"] = ev
            if country:
                evidence["country"] = ev
        if country is None and not (
            office
            and (  # "EU Ambassador to X": an international body's envoy takes no nearby demonym
                office.international
                or (office.role_class == "official" and office.institution)  # country is None: no state's
            )
        ):
            for m in person.mentions:
                if m.country_hint:
                    country = m.country_hint[0]
                    evidence["country"] = Evidence(
                        m.country_hint[1],
                        m.country_hint[2],
                        text_of(doc)[m.country_hint[1] : m.country_hint[2]],
                        0.7,
                    )
                    break
        name_span = doc[best.start : best.end]
        return PersonRecord(
            key=person.key,
            name=clean_name(best.text),
            role_class=role,
            country=country,
            title=office.title if office else None,
            institution=office.institution if office else None,
            mentions=[
                Evidence(
                    doc[m.start].idx,
                    doc[m.end - 1].idx + len(doc[m.end - 1].text),
                    doc[m.start : m.end].text,
                    0.9 if m.office else 0.7,
                )
                for m in person.mentions
            ],
            evidence={
                "name": Evidence(name_span.start_char, name_span.end_char, name_span.text, 0.9),
                **evidence,
            },
        )


def _specific(office: Office) -> bool:
    """An office that says more than membership of a parliament, and that the text states rather
    than titles.py guesses from the kind of news (a bare "President X")."""
    if bare_guess(office):
        return False
    return office.role_class not in ("mp", "other") or not bare_legislator(office)
