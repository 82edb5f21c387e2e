"""Synthetic articles for the resolution benchmarks, with invented names.

    .venv/bin/python bench/synth.py records 1000 --out records.jsonl   # N article records (JSON Lines)
    .venv/bin/python bench/synth.py rewrites --out bench/data/merge     # the merge set's synthetic part

``records``: N article records in the shape extraction produces (``parleys.records``), no text:
invented people (names from syllable tables) holding realistic offices of real countries, who
appear in many articles under spelling variants, initials, bare surnames and other name orders;
events reported by one to three articles a day apart; the same people meeting again days later.
:func:`records` yields them as (``Article``, ``ArticleRecord``) pairs for ``bench/resolve.py``.

``rewrites``: short news articles (text) written from a few templates, several reports of each
event (other wording, other order of the parties, spelling variants, a report a day later saying
"yesterday"), with hard negatives (the same people meeting again two or more days later, the same
host meeting someone else the same day, a call and a meeting a day apart). Each article comes
with its gold record, whose events carry an ``event_label``: reports of one event share it.
Everything is generated from a seed, so the files can be generated again identically.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from parleys.documents import Article  # noqa: E402
from parleys.records import ArticleRecord, EventRecord, PersonRecord  # noqa: E402

# syllables of invented names; no name here is a real person's on purpose
GIVEN = [
    "ar",
    "bo",
    "da",
    "er",
    "gal",
    "ka",
    "lan",
    "ma",
    "nur",
    "ol",
    "ra",
    "sa",
    "ta",
    "ul",
    "zha",
    "ve",
    "mi",
    "te",
    "yo",
    "fe",
]
GIVEN_END = ["lan", "bek", "mir", "dor", "zan", "tay", "nis", "rat", "gul", "sen", "vik", "ros"]
SUR = [
    "bal",
    "dor",
    "kas",
    "lem",
    "mur",
    "nas",
    "or",
    "pel",
    "sar",
    "tol",
    "ush",
    "vel",
    "zer",
    "gim",
    "hal",
    "jan",
    "kur",
    "lom",
    "tek",
    "bry",
]
SUR_END = {
    "KAZ": ["bayev", "ov", "ekov", "imov"],
    "TUR": ["oglu", "can", "tekin"],
    "AZE": ["zade", "li", "ov"],
    "UZB": ["ov", "bekov", "murodov"],
    "KGZ": ["uulu", "bekov"],
    "HUN": ["ossy", "anyi"],
    "GEO": ["shvili", "dze"],
    "MNG": ["baatar", "jav"],
    "POL": ["owski", "czak"],
    "EGY": ["awi", "ami"],
    "MYS": ["udin", "ahim"],
    "DEU": ["mann", "berger"],
    "JPN": ["moto", "kawa"],
    "ITA": ["elli", "oni"],
}

COUNTRIES = {  # code: (name, adjective, capital, parliament chamber, chair title)
    "KAZ": ("Kazakhstan", "Kazakh", "Astana", "Senate of the Parliament of Kazakhstan", "Chairman"),
    "TUR": ("Türkiye", "Turkish", "Ankara", "Grand National Assembly of Türkiye", "Speaker"),
    "AZE": ("Azerbaijan", "Azerbaijani", "Baku", "Milli Majlis", "Speaker"),
    "UZB": ("Uzbekistan", "Uzbek", "Tashkent", "Legislative Chamber of the Oliy Majlis", "Speaker"),
    "KGZ": ("Kyrgyzstan", "Kyrgyz", "Bishkek", "Jogorku Kenesh", "Speaker"),
    "HUN": ("Hungary", "Hungarian", "Budapest", "National Assembly of Hungary", "Speaker"),
    "GEO": ("Georgia", "Georgian", "Tbilisi", "Parliament of Georgia", "Chairman"),
    "MNG": ("Mongolia", "Mongolian", "Ulaanbaatar", "State Great Khural", "Chairman"),
    "POL": ("Poland", "Polish", "Warsaw", "Sejm", "Marshal"),
    "EGY": ("Egypt", "Egyptian", "Cairo", "House of Representatives of Egypt", "Speaker"),
    "MYS": ("Malaysia", "Malaysian", "Kuala Lumpur", "Dewan Rakyat", "Speaker"),
    "DEU": ("Germany", "German", "Berlin", "Bundestag", "President"),
    "JPN": ("Japan", "Japanese", "Tokyo", "House of Representatives of Japan", "Speaker"),
    "ITA": ("Italy", "Italian", "Rome", "Chamber of Deputies of Italy", "President"),
}
ROLES = ["speaker", "deputy_speaker", "mp", "minister", "ambassador", "head_of_government"]
TOPICS = [
    "trade and investment",
    "energy and transport",
    "education and culture",
    "agriculture and water",
    "digital technologies",
    "tourism and health care",
    "inter-parliamentary cooperation",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class Person:
    given: str
    surname: str
    country: str
    role: str
    east_asian: bool = False  # written surname first in capitals in some reports

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"

    def title(self, host: str) -> str:
        cname, adjective, _, chamber, chair = COUNTRIES[self.country]
        return {
            "speaker": f"{chair} of the {chamber}",
            "deputy_speaker": f"Deputy {chair} of the {chamber}",
            "mp": f"member of the {chamber}",
            "minister": f"Minister of Foreign Affairs of {cname}",
            "ambassador": f"Ambassador of {cname} to {COUNTRIES[host][0]}",
            "head_of_government": f"Prime Minister of {cname}",
        }[self.role]

    def institution(self) -> str | None:
        return {
            "speaker": COUNTRIES[self.country][3],
            "deputy_speaker": COUNTRIES[self.country][3],
            "mp": COUNTRIES[self.country][3],
        }.get(self.role)


def invent(rng: random.Random, country: str, *, host: bool = False) -> Person:
    given = rng.choice(GIVEN).capitalize() + rng.choice(GIVEN_END)
    stem = "".join(rng.choice(SUR) for _ in range(rng.choice([2, 3])))
    surname = stem.capitalize() + rng.choice(SUR_END[country])
    role = rng.choice([r for r in ROLES if r != "ambassador"] if host else ROLES)  # no ambassador at home
    return Person(given, surname, country, role, east_asian=country in ("JPN", "MNG"))


def variant(rng: random.Random, p: Person, *, kind: str | None = None) -> str:
    """The name as one article writes it: as is, a transliteration variant, initials, surname only,
    or surname first in capitals."""
    kind = kind or rng.choices(["full", "translit", "initial", "bare", "order"], [70, 10, 8, 7, 5])[0]
    if kind == "translit":
        swapped = p.surname.replace("ov", "ow", 1) if "ov" in p.surname else p.surname.replace("i", "y", 1)
        if swapped == p.surname:
            swapped = p.surname.replace("l", "ll", 1)
        return f"{p.given} {swapped}"
    if kind == "initial":
        return f"{p.given[0]}. {p.surname}"
    if kind == "bare":
        return p.surname
    if kind == "order":
        return f"{p.surname.upper()} {p.given}"
    return p.name


# --- records for the timing benchmark ----------------------------------------------------------------


def records(n: int, *, seed: int = 7, per_day: int | None = None) -> Iterator[tuple[Article, ArticleRecord]]:
    """N articles with their records: one to three persons each, events reported up to three times.

    Without ``per_day`` the events fall on any day of ten years, whatever N (so a larger corpus is
    a denser one: ten times the articles, ten times the events of each day). With ``per_day`` the
    articles come in date order, ``per_day`` a day (a repeated meeting falls a few days later), as
    a feed's do: a corpus of ten times the articles covers ten times the days, and the last
    articles are the latest news. The people are drawn alike in both: N/4 of them, uniformly.
    """
    rng = random.Random(seed)
    countries = list(COUNTRIES)
    people = [invent(rng, rng.choice(countries)) for _ in range(max(50, n // 4))]
    start = date(2015, 1, 1)
    i = 0
    while i < n:
        host, guest = rng.sample(people, 2)
        if per_day:
            day = start + timedelta(days=i // per_day)
        else:
            day = start + timedelta(days=rng.randrange(3650))
        kind = rng.choice(["meeting", "meeting", "visit", "call", "forum"])
        for _ in range(min(rng.choice([1, 1, 2, 3]), n - i)):
            published = day + timedelta(days=rng.choice([0, 0, 1]))
            yield _record(rng, i, host, guest, kind, day, published)
            i += 1
        if rng.random() < 0.2 and i < n:  # the same two meet again later: another event
            yield _record(rng, i, host, guest, kind, day + timedelta(days=rng.choice([2, 3, 7, 30])), None)
            i += 1


def _record(
    rng: random.Random, i: int, host: Person, guest: Person, kind: str, day: date, published: date | None
) -> tuple[Article, ArticleRecord]:
    published = published or day
    article = Article(
        id=f"synth-{i:06d}",
        source=f"synth://{i}",
        text=f"synthetic article {i} {rng.random()}",
        published=published,
    )
    persons = [
        PersonRecord(
            key=f"p{k}",
            name=variant(rng, p),
            role_class=p.role,
            country=p.country,
            title=p.title(host.country),
            institution=p.institution(),
        )
        for k, p in enumerate((host, guest))
    ]
    city = COUNTRIES[host.country][2] if rng.random() < 0.6 else None
    events = [
        EventRecord(
            type=kind,
            date=day,
            city=city,
            country=host.country if city else None,
            participants=["p0", "p1"],
            countries=sorted({host.country, guest.country}),
        )
    ]
    return article, ArticleRecord(
        id=article.id,
        published=published,
        source=article.source,
        events=events,
        persons=persons,
        pipeline_version="synth",
    )


# --- rewrites for the merge evaluation ---------------------------------------------------------------


def _date_text(d: date) -> str:
    return f"{d.day} {d.strftime('%B')}"


def _meeting_reports(
    rng: random.Random, host: Person, guest: Person, day: date, topic: str, count: int
) -> list[tuple[date, str, str, str]]:
    """(published, text, host name as written, guest name as written) for ``count`` reports."""
    _, host_adj, capital, _, _ = COUNTRIES[host.country]
    _, guest_adj, _, _, _ = COUNTRIES[guest.country]
    out = []
    styles = rng.sample(range(5), count)
    for k, style in enumerate(styles):
        later = k > 0 and rng.random() < 0.5
        published = day + timedelta(days=1 if later else 0)
        when = "yesterday" if later else f"on {WEEKDAYS[day.weekday()]}"
        hn = host.name
        gn = (
            variant(
                rng,
                guest,
                kind=rng.choice(["full", "full", "translit", "order" if guest.east_asian else "full"]),
            )
            if k
            else guest.name
        )
        h_sur, g_sur = host.surname, guest.surname
        if style == 0:
            text = (
                f"{capital.upper()}. KAZINFORM – {host.title(host.country)} {hn} met with "
                f"{guest.title(host.country)} {gn} {when}, the press service reports.\n\n"
                f"The sides discussed {topic}. {h_sur} noted that {COUNTRIES[guest.country][0]} is an "
                f"important partner of {COUNTRIES[host.country][0]}.\n\n"
                f"{g_sur} thanked for the warm welcome and invited the {host_adj} side to visit "
                f"{COUNTRIES[guest.country][2]}."
            )
        elif style == 1:
            text = (
                f"{guest.title(host.country)} {gn} was received by {host.title(host.country)} {hn} in "
                f"{capital} {when}.\n\nDuring the talks the two officials focused on {topic}, "
                f"according to the {host_adj} side. {g_sur} conveyed greetings from the {guest_adj} "
                f"leadership and stressed the importance of regular contacts."
            )
        elif style == 2:
            text = (
                f"{hn}, {host.title(host.country)}, held talks with {gn}, "
                f"{guest.title(host.country)}, in {capital} {when}.\n\nThe parties exchanged views on "
                f"{topic} and agreed to continue the dialogue. {h_sur} said that the relations between "
                f"the two countries are developing dynamically."
            )
        elif style == 3:
            text = (
                f"{capital} – The {host_adj} and {guest_adj} sides discussed {topic} at a meeting "
                f"between {gn}, {guest.title(host.country)}, and {host.title(host.country)} {hn}, "
                f"held in {capital} {when}.\n\n{g_sur} praised the level of cooperation."
            )
        else:
            text = (
                f"{capital.upper()} – Prospects of cooperation in {topic} were discussed {when} at the "
                f"meeting of {host.title(host.country)} {hn} and {guest.title(host.country)} {gn}.\n\n"
                f"{h_sur} briefed the guest on the reforms under way, and {g_sur} expressed interest "
                f"in expanding ties."
            )
        text += (
            f"\n\nThe parties agreed to hold the next round of consultations in "
            f"{COUNTRIES[guest.country][2]} later this year."
        )
        out.append((published, text, hn, gn))
    return out


def _call_report(host: Person, guest: Person, day: date, topic: str) -> tuple[date, str, str, str]:
    text = (
        f"{host.title(host.country)} {host.name} held a telephone conversation with "
        f"{guest.title(host.country)} {guest.name} on {WEEKDAYS[day.weekday()]}.\n\n"
        f"The interlocutors discussed {topic} and the schedule of upcoming contacts. Both sides "
        f"expressed satisfaction with the dynamics of the bilateral relations and agreed to meet soon."
    )
    return day, text, host.name, guest.name


def rewrites(*, seed: int = 11, events: int = 40) -> list[dict]:
    """Articles (``text``) with gold records; reports of one event share ``event_label``."""
    rng = random.Random(seed)
    out: list[dict] = []
    hosts = [invent(rng, "KAZ", host=True) for _ in range(6)]
    guests = [invent(rng, c) for c in rng.choices([c for c in COUNTRIES if c != "KAZ"], k=events)]

    def add(
        label: str, kind: str, day: date, host: Person, guest: Person, report: tuple[date, str, str, str]
    ) -> None:
        published, text, hn, gn = report
        n = len(out)
        people = [(hn, host), (gn, guest)]
        out.append(
            {
                "id": f"rw-{n:03d}",
                "published": published.isoformat(),
                "text": f" date {published} {text}\n",
                "events": [
                    {
                        "type": kind,
                        "date": day.isoformat(),
                        "event_label": label,
                        "location": {
                            "city": COUNTRIES[host.country][2] if kind != "call" else None,
                            "country": host.country if kind != "call" else None,
                        },
                        "participants": [
                            {"name": w, "role_class": p.role, "country": p.country} for w, p in people
                        ],
                        "countries": sorted({host.country, guest.country}),
                    }
                ],
                "persons": [{"name": w, "role_class": p.role, "country": p.country} for w, p in people],
            }
        )

    start = date(2023, 3, 6)
    for e in range(events):
        host, guest = hosts[e % len(hosts)], guests[e]
        day = start + timedelta(days=11 * e)
        topic = rng.choice(TOPICS)
        label = f"E{e:02d}"
        for report in _meeting_reports(rng, host, guest, day, topic, rng.choice([2, 2, 3])):
            add(label, "meeting", day, host, guest, report)
        shape = e % 3
        if shape == 0:  # the same two meet again some days later: another event
            again = day + timedelta(days=rng.choice([2, 3, 5]))
            for report in _meeting_reports(rng, host, guest, again, rng.choice(TOPICS), 1):
                add(label + "-again", "meeting", again, host, guest, report)
        elif shape == 1:  # the same host meets someone else the same day
            other = invent(rng, guest.country)
            for report in _meeting_reports(rng, host, other, day, rng.choice(TOPICS), 1):
                add(label + "-other", "meeting", day, host, other, report)
        else:  # a telephone call of the same two, a day earlier
            add(
                label + "-call",
                "call",
                day - timedelta(days=1),
                host,
                guest,
                _call_report(host, guest, day - timedelta(days=1), topic),
            )
    return out


def write_rewrites(folder: Path, *, seed: int = 11) -> int:
    items = rewrites(seed=seed)
    texts = folder / "synthetic"
    texts.mkdir(parents=True, exist_ok=True)
    for old in texts.glob("rw-*.txt"):
        old.unlink()
    with (folder / "synthetic.jsonl").open("w", encoding="utf-8") as gold:
        for item in items:
            (texts / f"{item['id']}.txt").write_text(item.pop("text"), encoding="utf-8")
            gold.write(json.dumps(item, ensure_ascii=False) + "\n")
    return len(items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    rec = sub.add_parser("records", help="N synthetic article records as JSON Lines")
    rec.add_argument("n", type=int)
    rec.add_argument("--out", type=Path, required=True)
    rec.add_argument("--seed", type=int, default=7)
    rew = sub.add_parser("rewrites", help="the synthetic articles of the merge set, with gold records")
    rew.add_argument("--out", type=Path, default=ROOT / "bench" / "data" / "merge")
    rew.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    if args.what == "records":
        with args.out.open("w", encoding="utf-8") as stream:
            for _, record in records(args.n, seed=args.seed):
                stream.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        print(f"wrote {args.n} records to {args.out}")
    else:
        print(f"wrote {write_rewrites(args.out, seed=args.seed)} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
