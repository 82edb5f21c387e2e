"""People across articles: one entity per real person, built from stored records (invented names)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from parleys.resolve import resolve_all
from parleys.store.models import OfficeRow, PersonEntityRow, PersonLinkRow, PersonRow
from resolve_samples import E, P, report, store

D = date(2024, 5, 6)
SENATE = "the Senate of the Parliament of Kazakhstan"


def _entities(session) -> dict[str, set[str]]:
    """Entity name -> the names of its mentions."""
    out: dict[str, set[str]] = {}
    for entity, name in session.execute(
        select(PersonEntityRow.name, PersonRow.name)
        .join(PersonLinkRow, PersonLinkRow.entity_id == PersonEntityRow.id)
        .join(PersonRow, PersonRow.id == PersonLinkRow.person_id)
    ):
        out.setdefault(entity, set()).add(name)
    return out


def test_resolve_persons_links_variants_typos_orders_initials_and_surnames(db_session):
    kz = dict(role="speaker", country="KAZ", title="Chairman of the Senate", institution=SENATE)
    jp = dict(role="speaker", country="JPN", title="Speaker of the House of Representatives")
    store(
        db_session,
        report("a1", D, [P("Serik Ashimbekov", **kz), P("Kenjiro Tamura", **jp)], [E("meeting", D, [0, 1])]),
        report("a2", date(2024, 5, 9), [P("Serik Ashymbekov", **kz), P("TAMURA Kenjiro", **jp)], []),
        report("a3", date(2024, 6, 1), [P("Serik Ashimnekov", **kz)], []),
        report("a4", date(2024, 6, 2), [P("S. Ashimbekov", **kz)], []),
        report("a5", date(2024, 6, 3), [P("Ashimbekov", **kz)], []),
        report("a6", date(2024, 6, 4), [P("Serik Temirovich Ashimbekov", **kz)], []),
    )
    summary = resolve_all(db_session)
    db_session.commit()
    assert summary.mentions == 8 and summary.entities == 2
    assert _entities(db_session) == {
        "Serik Ashimbekov": {
            "Serik Ashimbekov",
            "Serik Ashymbekov",
            "Serik Ashimnekov",
            "S. Ashimbekov",
            "Ashimbekov",
            "Serik Temirovich Ashimbekov",
        },
        "Kenjiro Tamura": {"Kenjiro Tamura", "TAMURA Kenjiro"},
    }
    methods = dict(
        db_session.execute(
            select(PersonRow.name, PersonLinkRow.method).join(
                PersonLinkRow, PersonLinkRow.person_id == PersonRow.id
            )
        ).all()
    )
    assert methods["S. Ashimbekov"] == "initials" and methods["Ashimbekov"] == "surname"
    assert methods["Serik Ashimnekov"] == "variant" and methods["TAMURA Kenjiro"] in ("exact", "order")


def test_resolve_persons_keeps_apart_people_who_share_a_surname(db_session):
    store(
        db_session,
        report(
            "b1",
            D,
            [
                P("Marat Dosbolov", "minister", "KAZ", "Minister of Energy"),
                P("Ilyas Dosbolov", "mp", "KAZ", "member of the Mazhilis"),
            ],
            [],
        ),
        report("b2", D, [P("Aigerim Dosbolova", "ambassador", "KAZ")], []),
        # a bare surname that fits both brothers equally stays apart from both
        report("b3", D, [P("Dosbolov", "other", "KAZ")], []),
        # one of another country never joins them
        report("b4", D, [P("Dosbolov", "speaker", "KGZ")], []),
        # the office tells this one apart: he is the minister
        report("b5", D, [P("Dosbolov", "minister", "KAZ", "Minister of Energy")], []),
    )
    resolve_all(db_session)
    entities = _entities(db_session)
    assert entities["Marat Dosbolov"] == {"Marat Dosbolov", "Dosbolov"}
    assert entities["Ilyas Dosbolov"] == {"Ilyas Dosbolov"}
    assert entities["Aigerim Dosbolova"] == {"Aigerim Dosbolova"}
    countries = sorted(
        c
        for (c,) in db_session.execute(
            select(PersonEntityRow.country).where(PersonEntityRow.name == "Dosbolov")
        )
    )
    assert countries == ["KAZ", "KGZ"]


def test_resolve_persons_two_people_of_one_name_in_two_countries_stay_two(db_session):
    kz, eg = P("Karim Zhanbolov", "speaker", "KAZ"), P("Karim Zhanbolov", "minister", "EGY")
    store(
        db_session, *(report(f"c{i}", date(2024, 1, i + 1), [p], []) for i, p in enumerate([kz, kz, eg, eg]))
    )
    resolve_all(db_session)
    rows = db_session.execute(
        select(PersonEntityRow.country, PersonEntityRow.articles).order_by(PersonEntityRow.country)
    ).all()
    assert [tuple(r) for r in rows] == [("EGY", 2), ("KAZ", 2)]


def test_resolve_persons_office_history_has_first_and_last_dates(db_session):
    deputy = P("Olzhas Berkimbay", "deputy_speaker", "KAZ", "Deputy Chairman of the Senate", SENATE)
    chair = P("Olzhas Berkimbay", "speaker", "KAZ", "Chairman of the Senate", SENATE)
    store(
        db_session,
        report("d1", date(2019, 3, 1), [deputy], []),
        report("d2", date(2021, 7, 9), [deputy], []),
        report("d3", date(2023, 2, 2), [chair], []),
        report("d4", None, [chair], []),
    )  # undated: counted, no date
    resolve_all(db_session)
    entity = db_session.scalars(select(PersonEntityRow)).one()
    assert (entity.first_seen, entity.last_seen, entity.articles) == (date(2019, 3, 1), date(2023, 2, 2), 4)
    assert entity.role_class == "speaker"  # on a tie, the latest office
    offices = db_session.execute(
        select(
            OfficeRow.role_class,
            OfficeRow.first_seen,
            OfficeRow.last_seen,
            OfficeRow.reports,
            OfficeRow.institution,
        )
        .where(OfficeRow.entity_id == entity.id)
        .order_by(OfficeRow.first_seen)
    ).all()
    assert [tuple(o) for o in offices] == [
        ("deputy_speaker", date(2019, 3, 1), date(2021, 7, 9), 2, "Senate"),
        ("speaker", date(2023, 2, 2), date(2023, 2, 2), 2, "Senate"),
    ]


def test_resolve_persons_keys_are_stable_and_the_earliest_mention_names_the_entity(db_session):
    from parleys.keys import person_key
    from parleys.store.models import ArticleRow

    p = P("Nurlybek Sarsenbay", "mp", "KAZ")
    store(db_session, report("e2", date(2022, 2, 2), [p], []), report("e1", date(2020, 1, 1), [p], []))
    resolve_all(db_session)
    first = db_session.execute(select(PersonEntityRow.id, PersonEntityRow.key)).all()
    earliest = db_session.scalars(select(ArticleRow).where(ArticleRow.external_id == "e1")).one()
    assert first[0][1] == person_key(earliest.content_hash, "Nurlybek Sarsenbay")
    mention = db_session.scalars(select(PersonRow).where(PersonRow.article_id == earliest.id)).one()
    assert first[0][0] == mention.id  # the entity id is its earliest mention's person id
    resolve_all(db_session)
    assert db_session.execute(select(PersonEntityRow.id, PersonEntityRow.key)).all() == first
