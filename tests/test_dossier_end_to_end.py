"""From article files to cross-corpus answers: ingest with the real pipeline, resolve, then ask.

Two outlets report one meeting of the Kazakh and Turkish speakers; a third article reports an
earlier meeting in Tbilisi. The articles and names are invented for this test.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest

from parleys import service
from parleys.export import export
from parleys.kb import dossier, people
from parleys.kb import network as graph
from parleys.store.db import open_session

ARTICLES = {
    "senate.txt": (
        " date 2024-03-12 Senate press service\n\n"
        "ASTANA, March 12. Chairman of the Senate of the Parliament of Kazakhstan Dauren Qoshanov met with "
        "Speaker of the Grand National Assembly of Türkiye Selim Şahinoğlu, who arrived in Astana on an "
        "official visit. The parties discussed inter-parliamentary cooperation, trade and energy projects "
        "between Kazakhstan and Türkiye. Qoshanov noted that Türkiye is a strategic partner of Kazakhstan.\n"
    ),
    "assembly.txt": (
        " date 2024-03-12 Parliament news\n\n"
        "ASTANA, March 12. Speaker of the Grand National Assembly of Türkiye Selim Şahinoğlu met with "
        "Chairman of the Senate of Kazakhstan Dauren Qoshanov in Astana. The speakers discussed the "
        "development of inter-parliamentary relations and trade between the two countries. Şahinoğlu "
        "invited Qoshanov to visit Ankara.\n"
    ),
    "tbilisi.txt": (
        " date 2023-10-21 Kazakh MFA\n\n"
        "TBILISI, October 21. Ambassador of Kazakhstan to Georgia Aidar Nurlanov met with Member of the "
        "Parliament of Georgia Levan Beridze. The parties discussed the prospects for inter-parliamentary "
        "cooperation and education between Kazakhstan and Georgia. Nurlanov invited Georgian deputies to "
        "visit Astana next year.\n"
    ),
}


@pytest.mark.model
def test_dossier_end_to_end_after_resolution(extractor, db_settings, tmp_path):
    resolve = pytest.importorskip("parleys.resolve")
    if not hasattr(resolve, "resolve_all"):  # the package is being written alongside
        pytest.skip("parleys.resolve.resolve_all is not there yet")
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    summary = service.ingest([folder], settings=db_settings, extractor=extractor)
    assert len(summary.stored) == 3 and not summary.rejected

    with open_session(db_settings) as session:
        resolve.resolve_all(session)
        session.commit()

        (speaker,) = people.find_persons(session, name="qoshanov")
        assert (speaker.name, speaker.country, speaker.role_class) == ("Dauren Qoshanov", "KAZ", "speaker")
        (meeting,) = people.person_events(session, speaker.id)
        assert (meeting.date, meeting.reports, meeting.countries) == (date(2024, 3, 12), 2, ["KAZ", "TUR"])
        assert sorted(p.name for p in meeting.participants) == ["Dauren Qoshanov", "Selim Şahinoğlu"]
        assert [o.role_class for o in people.office_history(session, speaker.id)] == ["speaker"]

        timeline = dossier.pair_timeline(session, "Kazakhstan", "Türkiye")
        assert [c.id for c in timeline.contacts] == [meeting.id]

        found = dossier.country_dossier(session, "KAZ")
        assert [(y.year, y.counts) for y in found.partners] == [(2023, {"GEO": 1}), (2024, {"TUR": 1})]
        assert "interparliamentary" in found.topics[1].counts

        network = graph.build_network(session)
        weights = {(e.kind, e.source, e.target): e.weight for e in network.edges}
        assert weights[("together", "country-KAZ", "country-TUR")] == 1
        assert weights[("together", "country-GEO", "country-KAZ")] == 1
        selim = people.resolve_person(session, "Şahinoğlu")
        pair = tuple(sorted((speaker.id, selim)))
        assert weights[("co_participation", *(graph.person_node_id(i) for i in pair))] == 1

        out = tmp_path / "events.csv"
        assert export(session, fmt="events-csv", out=out) == 2
        rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
        assert sorted(r["date"] for r in rows) == ["2023-10-21", "2024-03-12"]
