"""Knowledge-base rows built by hand, for the dossier, graph, export and API tests.

:class:`KB` inserts person entities, offices and event clusters directly (as resolution would
write them), each cluster with one article per report so that topics come from real article
rows. :func:`build_world` stores the small corpus most tests share; its names are invented.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from parleys.normalize.names import fold
from parleys.store.models import (
    ArticleRow,
    ClusterCountryRow,
    ClusterParticipantRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventRow,
    OfficeRow,
    PersonEntityRow,
    TopicRow,
)


class KB:
    """Builds knowledge-base rows in ``session``; the caller commits."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.articles = 0

    def person(
        self,
        name: str,
        country: str | None,
        role: str,
        *,
        title: str | None = None,
        institution: str | None = None,
        first_seen: date | None = None,
        last_seen: date | None = None,
        articles: int = 1,
        corrected: bool = False,
        name_folded: str | None = None,
    ) -> PersonEntityRow:
        row = PersonEntityRow(
            key=f"p:kb:{fold(name)}",
            name=name,
            name_folded=name_folded if name_folded is not None else fold(name),
            role_class=role,
            country=country,
            title=title,
            institution=institution,
            first_seen=first_seen,
            last_seen=last_seen,
            articles=articles,
            corrected=int(corrected),
        )
        self.session.add(row)
        self.session.flush()
        return row

    def office(
        self,
        entity: PersonEntityRow,
        role: str,
        *,
        title: str | None = None,
        institution: str | None = None,
        first_seen: date | None = None,
        last_seen: date | None = None,
        reports: int = 1,
    ) -> OfficeRow:
        row = OfficeRow(
            entity_id=entity.id,
            role_class=role,
            title=title,
            institution=institution,
            country=entity.country,
            first_seen=first_seen,
            last_seen=last_seen,
            reports=reports,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def event(
        self,
        type: str,
        day: date | None,
        participants: Sequence[PersonEntityRow],
        *,
        city: str | None = None,
        country: str | None = None,
        topics: Sequence[Sequence[str]] = ((),),
        hidden: bool = False,
        corrected: bool = False,
        countries: Sequence[str] | None = None,
    ) -> EventClusterRow:
        """A cluster reported by ``len(topics)`` articles, the i-th naming the topics ``topics[i]``;
        its countries are those of the participants unless ``countries`` are given."""
        reports = []
        for codes in topics:
            self.articles += 1
            n = self.articles
            article = ArticleRow(
                external_id=f"kb-{n:03d}",
                source=f"/kb/kb-{n:03d}.txt",
                text=f"report {n}",
                content_hash=hashlib.sha256(f"kb-{n}".encode()).hexdigest(),
                published=day,
                pipeline_version="test",
                ingested_at=datetime.now(UTC),
            )
            self.session.add(article)
            self.session.flush()
            event = EventRow(
                article_id=article.id, position=0, type=type, date=day, city=city, country=country
            )
            self.session.add(event)
            self.session.add_all(
                TopicRow(article_id=article.id, position=i, code=code) for i, code in enumerate(codes)
            )
            self.session.flush()
            reports.append((article, event))
        first_article, first = reports[0]
        # as resolution writes it: the cluster's id and key are its earliest report's
        cluster = EventClusterRow(
            id=first.id,
            key=f"e:{first_article.content_hash[:16]}:0",
            type=type,
            date=day,
            city=city,
            country=country,
            reports=len(topics),
            hidden=int(hidden),
            corrected=int(corrected),
        )
        self.session.add(cluster)
        self.session.flush()
        self.session.add_all(
            EventClusterMemberRow(event_id=event.id, cluster_id=cluster.id) for _a, event in reports
        )
        self.session.add_all(
            ClusterParticipantRow(cluster_id=cluster.id, entity_id=p.id, position=i)
            for i, p in enumerate(participants)
        )
        if countries is None:
            countries = sorted({p.country for p in participants if p.country})
        self.session.add_all(ClusterCountryRow(cluster_id=cluster.id, country=c) for c in countries)
        self.session.flush()
        return cluster


def build_world(session: Session) -> dict[str, int]:
    """The shared corpus, committed; returns name -> row id (persons by first name, events e1..e6).

    - e1 2022-03-10 meeting in Astana: Dauren (KAZ), Selim (TUR); two reports
      (interparliamentary + trade_economy; energy)
    - e2 2023-06-01 visit to Ankara: Dauren, Selim, Aidar (KAZ); energy
    - e3 2023-10-21 meeting in Tbilisi: Aidar, Levan (GEO); interparliamentary
    - e4 2024-02-05 call: Dauren, Timur (UZB); security
    - e5 2024-05-01 meeting: Dauren, Selim; HIDDEN by a correction
    - e6 undated message: Aliya (KAZ) alone
    """
    kb = KB(session)
    dauren = kb.person(
        "Dauren Qoshanov",
        "KAZ",
        "speaker",
        title="Chairman of the Senate",
        institution="Senate",
        first_seen=date(2019, 4, 2),
        last_seen=date(2024, 2, 5),
        articles=5,
    )
    kb.office(
        dauren,
        "mp",
        title="Member of the Mazhilis",
        institution="Mazhilis",
        first_seen=date(2019, 4, 2),
        last_seen=date(2021, 12, 1),
        reports=2,
    )
    kb.office(
        dauren,
        "speaker",
        title="Chairman of the Senate",
        institution="Senate",
        first_seen=date(2022, 3, 10),
        last_seen=date(2024, 2, 5),
        reports=4,
    )
    selim = kb.person(
        "Selim Şahinoğlu",
        "TUR",
        "speaker",
        title="Speaker of the Grand National Assembly",
        first_seen=date(2022, 3, 10),
        last_seen=date(2023, 6, 1),
        articles=3,
    )
    aidar = kb.person(
        "Aidar Nurlanov",
        "KAZ",
        "ambassador",
        title="Ambassador of Kazakhstan to Georgia",
        first_seen=date(2023, 6, 1),
        last_seen=date(2023, 10, 21),
        articles=2,
    )
    levan = kb.person("Levan Beridze", "GEO", "mp", title="Member of Parliament", articles=1)
    timur = kb.person("Timur Rashidov", "UZB", "head_of_state", title="President", articles=1)
    aliya = kb.person("Aliya Sarsenova", "KAZ", "official", articles=1, corrected=True)
    e1 = kb.event(
        "meeting",
        date(2022, 3, 10),
        [dauren, selim],
        city="Astana",
        country="KAZ",
        topics=[["interparliamentary", "trade_economy"], ["energy"]],
    )
    e2 = kb.event(
        "visit", date(2023, 6, 1), [dauren, selim, aidar], city="Ankara", country="TUR", topics=[["energy"]]
    )
    e3 = kb.event(
        "meeting",
        date(2023, 10, 21),
        [aidar, levan],
        city="Tbilisi",
        country="GEO",
        topics=[["interparliamentary"]],
    )
    e4 = kb.event("call", date(2024, 2, 5), [dauren, timur], topics=[["security"]], corrected=True)
    e5 = kb.event(
        "meeting",
        date(2024, 5, 1),
        [dauren, selim],
        city="Astana",
        country="KAZ",
        topics=[["energy"]],
        hidden=True,
    )
    e6 = kb.event("message", None, [aliya])
    session.commit()
    rows = {
        "Dauren": dauren,
        "Selim": selim,
        "Aidar": aidar,
        "Levan": levan,
        "Timur": timur,
        "Aliya": aliya,
        "e1": e1,
        "e2": e2,
        "e3": e3,
        "e4": e4,
        "e5": e5,
        "e6": e6,
    }
    return {name: row.id for name, row in rows.items()}
