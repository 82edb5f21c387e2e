"""A synthetic news corpus of any size, with gold records: for ingest, scale and API benchmarks.

    .venv/bin/python bench/synth_articles.py 10000 --out /tmp/synth10k             # text files
    .venv/bin/python bench/synth_articles.py 1000 --out /tmp/s --formats txt,html,jsonl --seed 3

Writes N articles into ``OUT/articles/`` and their gold records (``shared/eval/FORMAT.md``) into
``OUT/gold.jsonl``, so that a run can be scored as well as timed (``parleys evaluate``). Everything
comes from our own templates and a seed; the same seed writes the same files.

What varies, so that a benchmark sees the spread of real input:
- **countries and offices**: every country of the shipped lexicon that has a parliament, with its
  chambers and their chair titles, capital and other cities; speakers, deputy speakers, members,
  ministers, ambassadors, presidents and prime ministers;
- **people**: invented names (syllable tables of ``bench/synth.py``), who recur across articles,
  sometimes under a variant (initial, bare surname);
- **event types**: meetings, visits, calls, messages, forums of an international body, signings;
- **dates**: absolute ("12 March 2024", "March 12"), weekdays, "yesterday", "today";
- **outlets**: invented agencies with their own dateline style, bylines, and page clutter (menus,
  currency rates, photo credits, "Related news"), in ``.txt``, ``.html`` and ``.jsonl`` files.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from synth import GIVEN, GIVEN_END, SUR, WEEKDAYS  # noqa: E402

from parleys.lexicons import Country, load_lexicons  # noqa: E402

SUR_ENDINGS = [
    "ov",
    "ev",
    "ian",
    "escu",
    "ovic",
    "sen",
    "berg",
    "ez",
    "ini",
    "oglu",
    "shvili",
    "ski",
    "anu",
    "oko",
    "ani",
    "ula",
    "ard",
    "ton",
]
OUTLETS = [  # invented agencies: (name, dateline style)
    ("Meridian Press", "{CITY}, {Month} {d} (Meridian Press) -"),
    ("Northwind News Agency", "{CITY}. NNA -"),
    ("The Daily Ledger", "{City} -"),
    ("Capital Wire", "{City}, {d} {Month} /Capital Wire/."),
    ("Republic Herald", ""),
    ("Atlas Info", "{CITY} (Atlas Info) --"),
]
BODIES = [  # (name as written, FORMAT.md code)
    ("Inter-Parliamentary Union", "IPU"),
    ("OSCE Parliamentary Assembly", "OSCE PA"),
    ("Parliamentary Assembly of the Council of Europe", "PACE"),
    ("Asian Parliamentary Assembly", "APA"),
    ("Shanghai Cooperation Organisation", "SCO"),
    ("United Nations", "UN"),
]
TOPICS = [  # (phrase, FORMAT.md topic)
    ("trade and economic cooperation", "trade_economy"),
    ("investment projects", "investment_finance"),
    ("transport corridors", "transport_logistics"),
    ("energy cooperation", "energy"),
    ("agriculture", "agriculture_food"),
    ("water management", "water_environment"),
    ("digital technologies", "industry_digital"),
    ("cultural and humanitarian ties", "culture_humanitarian"),
    ("education", "education_science"),
    ("health care", "health"),
    ("tourism", "tourism"),
    ("regional security", "security"),
    ("inter-parliamentary cooperation", "interparliamentary"),
]
CLUTTER_TOP = [
    "Home | Politics | Economy | Society | World | Sport",
    "USD 1.00  EUR 0.92  GBP 0.79  RUB 91.4",
    "Login  Subscribe  Search",
]
CLUTTER_BOTTOM = [
    "Related news",
    "Share on social networks",
    "All rights reserved. Reproduction is prohibited.",
]


@dataclass(frozen=True)
class Person:
    name: str
    surname: str
    role: str
    country: str
    title: str

    def written(self, rng: random.Random) -> str:
        kind = rng.choices(["full", "initial", "bare"], [85, 8, 7])[0]
        given = self.name.split()[0]
        return {"full": self.name, "initial": f"{given[0]}. {self.surname}", "bare": self.surname}[kind]


class World:
    """The countries, their offices and the people who hold them."""

    def __init__(self, rng: random.Random) -> None:
        lex = load_lexicons()
        self.rng = rng
        self.countries: list[Country] = [
            c for c in lex.countries.values() if c.chambers and c.capital and c.status == "un_member"
        ]
        self.lex = lex
        self.cities = {c.code: [c.capital] for c in self.countries}
        self.people: dict[tuple[str, str], list[Person]] = {}

    def person(self, country: Country, role: str, *, host: Country | None = None) -> Person:
        holders = self.people.setdefault((country.code, role), [])
        if holders and self.rng.random() < 0.8:  # the same office holder recurs across articles
            return self.rng.choice(holders)
        given = self.rng.choice(GIVEN).capitalize() + self.rng.choice(GIVEN_END)
        surname = "".join(self.rng.choice(SUR) for _ in range(2)).capitalize() + self.rng.choice(SUR_ENDINGS)
        picked = self.rng.choice(country.chambers)
        chair, chamber = picked.chair_title, picked.name
        if self.lex.is_ambiguous_institution(chamber) or self.lex.institution(chamber) is None:
            chamber = f"{chamber} of {country.name}"  # as a careful writer names a "National Assembly"
        title = {
            "speaker": f"{chair} of the {chamber}",
            "deputy_speaker": f"Deputy {chair} of the {chamber}",
            "mp": f"member of the {chamber}",
            "minister": f"Minister of Foreign Affairs of {country.name}",
            "ambassador": f"Ambassador of {country.name} to {(host or country).name}",
            "head_of_state": f"President of {country.name}",
            "head_of_government": f"Prime Minister of {country.name}",
        }[role]
        person = Person(f"{given} {surname}", surname, role, country.code, title)
        holders.append(person)
        return person


def _date_text(rng: random.Random, day: date, published: date) -> str:
    if day == published and rng.random() < 0.3:
        return "today"
    if day == published - timedelta(days=1) and rng.random() < 0.5:
        return "yesterday"
    if 0 < (published - day).days < 6 and rng.random() < 0.5:
        return f"on {WEEKDAYS[day.weekday()]}"
    return rng.choice(
        [f"on {day.day} {day:%B} {day.year}", f"on {day:%B} {day.day}", f"on {day.day} {day:%B}"]
    )


def article(world: World, i: int, start: date) -> tuple[dict, str, str]:
    """(gold record, title, body) of article ``i``."""
    rng = world.rng
    host_c, guest_c = rng.sample(world.countries, 2)
    published = start + timedelta(days=rng.randrange(3 * 365))
    day = published - timedelta(days=rng.choice([0, 0, 1, 2]))
    when = _date_text(rng, day, published)
    kind = rng.choices(
        ["meeting", "visit", "call", "message", "forum", "agreement"], [40, 12, 12, 10, 14, 12]
    )[0]
    host_role = rng.choice(["speaker", "deputy_speaker", "head_of_state", "minister", "head_of_government"])
    guest_role = rng.choice(["speaker", "mp", "ambassador", "minister", "deputy_speaker"])
    host = world.person(host_c, host_role)
    guest = world.person(guest_c, guest_role, host=host_c)
    city = host_c.capital
    topics = rng.sample(TOPICS, rng.choice([1, 2, 3]))
    about = ", ".join(t for t, _ in topics[:-1]) + (" and " if len(topics) > 1 else "") + topics[-1][0]
    bodies: list[str] = []
    participants = [host, guest]
    location: dict = {"city": city, "country": host_c.code}
    hw, gw = host.name, guest.name
    if kind == "meeting":
        title = f"{host.title.split(' of ')[0]} meets {guest_c.name}'s delegation"
        body = (
            f"{host.title} {hw} met with {guest.title} {gw} in {city} {when}.\n\n"
            f"The sides discussed {about}. {host.surname} noted the importance of regular contacts."
        )
    elif kind == "visit":
        title = f"{guest_c.name}'s delegation visits {host_c.name}"
        participants = [guest]
        body = (
            f"{guest.title} {gw} paid an official visit to {host_c.name} {when} and toured the "
            f"{host_c.chambers[0].name} in {city}.\n\nThe programme of the visit covers {about}."
        )
    elif kind == "call":
        title = f"{host.surname} holds phone talks with {guest.surname}"
        location = {"city": None, "country": None}
        body = (
            f"{host.title} {hw} held a telephone conversation with {guest.title} {gw} {when}.\n\n"
            f"The interlocutors discussed {about}."
        )
    elif kind == "message":
        title = f"{host.surname} sends message to {guest.surname}"
        location = {"city": None, "country": None}
        body = (
            f"{host.title} {hw} sent a congratulatory message to {guest.title} {gw} {when} on the "
            f"occasion of the national day of {guest_c.name}.\n\nThe message stressed {about}."
        )
    elif kind == "forum":
        body_name, code = rng.choice(BODIES)
        bodies.append(code)
        title = f"{host.surname} attends session of the {body_name}"
        body = (
            f"{host.title} {hw} and {guest.title} {gw} took part in the plenary session of the "
            f"{body_name} held in {city} {when}.\n\nDelegates discussed {about}."
        )
    else:
        title = f"{host_c.name} and {guest_c.name} sign memorandum"
        body = (
            f"{host.title} {hw} and {guest.title} {gw} signed a memorandum of understanding in "
            f"{city} {when}.\n\nThe document covers {about}."
        )
    people = [{"name": p.name, "role_class": p.role, "country": p.country} for p in participants]
    gold = {
        "id": f"synth-{i:07d}",
        "published": published.isoformat(),
        "events": [
            {
                "type": kind,
                "date": day.isoformat(),
                "location": location,
                "participants": people,
                "countries": sorted({p.country for p in participants}),
            }
        ],
        "persons": people,
        "organizations": bodies,
        "topics": sorted({t for _, t in topics}),
    }
    return gold, title, body


def dressed(rng: random.Random, gold: dict, title: str, body: str, city: str | None) -> tuple[str, str]:
    """(outlet, body) with the outlet's dateline, a byline and clutter around the text."""
    outlet, style = rng.choice(OUTLETS)
    day = date.fromisoformat(gold["published"])
    if style and city:
        dateline = style.format(CITY=city.upper(), City=city, Month=f"{day:%B}", d=day.day)
        body = f"{dateline} {body}"
    if rng.random() < 0.4:
        body = f"By {rng.choice(GIVEN).capitalize()}{rng.choice(GIVEN_END)} Staff Writer\n\n{body}"
    if rng.random() < 0.3:
        body += "\n\nPhoto: press service"
    return outlet, body


def generate(n: int, *, seed: int = 5) -> Iterator[tuple[dict, str, str, str]]:
    """(gold, outlet, title, body) for N articles."""
    rng = random.Random(seed)
    world = World(rng)
    start = date(2022, 1, 1)
    for i in range(n):
        gold, title, body = article(world, i, start)
        outlet, body = dressed(rng, gold, title, body, gold["events"][0]["location"]["city"])
        yield gold, outlet, title, body


def write(n: int, out: Path, *, seed: int = 5, formats: tuple[str, ...] = ("txt",)) -> int:
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 1)
    jsonl = None
    try:
        with (out / "gold.jsonl").open("w", encoding="utf-8") as gold_file:
            for gold, outlet, title, body in generate(n, seed=seed):
                gold_file.write(json.dumps(gold, ensure_ascii=False) + "\n")
                kind = rng.choice(formats)
                if kind == "txt":
                    top = f"{rng.choice(CLUTTER_TOP)}\n" if rng.random() < 0.3 else ""
                    bottom = f"\n{rng.choice(CLUTTER_BOTTOM)}\n" if rng.random() < 0.3 else ""
                    (folder / f"{gold['id']}.txt").write_text(
                        f" date {gold['published']} {top}{title}\n\n{body}\n{bottom}", encoding="utf-8"
                    )
                elif kind == "html":
                    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
                    menu = "".join(f"<li>{html.escape(c)}</li>" for c in CLUTTER_TOP)
                    related = "".join(f"<li>{html.escape(c)}</li>" for c in CLUTTER_BOTTOM)
                    (folder / f"{gold['id']}.html").write_text(
                        f"<!doctype html><html><head><title>{html.escape(title)} | {outlet}</title>"
                        f'<meta property="article:published_time" content="{gold["published"]}T09:00:00">'
                        f"</head><body><nav><ul>{menu}</ul></nav><article><h1>{html.escape(title)}</h1>"
                        f"{paragraphs}</article><aside><ul>{related}</ul></aside></body></html>",
                        encoding="utf-8",
                    )
                else:
                    if jsonl is None:
                        jsonl = (folder / "feed.jsonl").open("w", encoding="utf-8")
                    jsonl.write(
                        json.dumps(
                            {
                                "id": gold["id"],
                                "title": title,
                                "text": body,
                                "published": gold["published"],
                                "url": f"https://example.org/news/{gold['id']}",
                            }
                        )
                        + "\n"
                    )
    finally:
        if jsonl is not None:
            jsonl.close()
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("--out", type=Path, required=True, help="folder for articles/ and gold.jsonl")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--formats", default="txt", help="comma-separated: txt, html, jsonl (default txt)")
    args = parser.parse_args(argv)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    if args.n < 1 or not formats or set(formats) - {"txt", "html", "jsonl"}:
        parser.error("n must be positive and --formats a list of txt, html, jsonl")
    write(args.n, args.out, seed=args.seed, formats=formats)
    print(f"wrote {args.n} articles to {args.out / 'articles'}, gold records to {args.out / 'gold.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
