"""The ``parleys_organizations`` component: international organizations named in an article.

Sets ``doc._.organizations`` to a list of :class:`~parleys.records.LabelRecord`, one per code, in
order of first mention; the evidence is the sentence of the first mention. Every mention is kept
in ``doc.spans["parleys_organizations"]`` (the topics component reads it). The lexicon is
``parleys/data/organizations.json``: FORMAT.md codes with their spelled-out names and acronyms,
and full English names for other multilateral bodies.

Names match case-insensitively, acronyms case-sensitively as whole tokens (so "UN" is not found in
"UNESCO"). Overlapping matches keep the longest, so "OSCE Parliamentary Assembly" gives ``OSCE PA``
and not also ``OSCE``. Mentions in page clutter (related-news lists and the like) are ignored.

The helpers :func:`clutter_ranges` and :class:`Segments` are shared with the topics component.
"""

from __future__ import annotations

import functools
import json
import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import filter_spans

from parleys.extract.extensions import lowers_of, text_of
from parleys.extract.open_organizations import OpenWorldWords, find_open_bodies
from parleys.extract.phrase_table import PhraseTable, plain_words
from parleys.extract.shared import once
from parleys.extract.token_patterns import literal_first, required_words
from parleys.records import Evidence, LabelRecord

LEXICON = "organizations.json"
SPANS_KEY = "parleys_organizations"  # doc.spans[SPANS_KEY]: every mention, labelled "<code>|<kind>"
# doc.spans[FOUND_KEY]: what :meth:`OrganizationTagger.find_once` found before this component ran
# (an earlier component that reads the bodies, ``body_offices``); this component takes it over
FOUND_KEY = "parleys_organizations_found"


def load_data(name: str, path: str | Path | None = None) -> dict[str, Any]:
    """A JSON data file: ``path`` when given, else ``parleys/data/<name>`` (a new object on each
    call: callers may change what they get)."""
    if path:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    return json.loads(_shipped_text(name))


@functools.cache
def _shipped_text(name: str) -> str:
    """The text of a shipped data file, read once per process: ``organizations.json`` alone is
    read by the organizations tagger, the offices of bodies and the unstated countries."""
    return resources.files("parleys.data").joinpath(name).read_text(encoding="utf-8")


# --- page clutter -----------------------------------------------------------------------------


def clutter_ranges(text: str, clutter: dict[str, Any]) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that are page furniture, sorted and disjoint.

    A line equal to a section heading ("Related news") starts clutter that runs to the end of the
    text; a line that starts with a line prefix ("Also Read:") is clutter by itself.
    """
    headings = {h.casefold() for h in clutter.get("section_headings", ())}
    prefixes = tuple(p.casefold() for p in clutter.get("line_prefixes", ()))
    ranges: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        stripped = line.group().strip().casefold()
        if stripped in headings:
            ranges.append((line.start(), len(text)))
            break
        if prefixes and stripped.startswith(prefixes):
            ranges.append((line.start(), line.end()))
    return ranges


def in_ranges(pos: int, ranges: Sequence[tuple[int, int]]) -> bool:
    i = bisect_right(ranges, (pos, math.inf)) - 1
    return i >= 0 and ranges[i][0] <= pos < ranges[i][1]


# --- sentences and evidence -------------------------------------------------------------------


class Segments:
    """The sentence-and-line segments of a ``Doc``, computed once per document.

    A segment is a sentence cut at line breaks: parsers glue a headline or a photo caption to the
    next paragraph. Sentences come from the parser or a sentencizer; without sentence boundaries
    the lines alone are the segments. Built from token arrays, not by walking ``doc.sents``,
    which is slow on long documents.
    """

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.doc = doc
        # Doc.text joins every token on each access: read it once
        self.text = text_of(doc) if text is None else text
        if not len(doc):
            self.keys = np.zeros(0, dtype=np.int64)
            self.starts = np.zeros(0, dtype=np.int64)
            return
        arr = doc.to_array([IDX, SENT_START]).astype(np.int64)
        newlines = np.array([m.start() for m in re.finditer("\n", self.text)], dtype=np.int64)
        lines = np.searchsorted(newlines, arr[:, 0], side="right")
        boundary = np.zeros(len(doc), dtype=bool)
        boundary[1:] = lines[1:] != lines[:-1]
        if doc.has_annotation("SENT_START"):
            boundary |= arr[:, 1] == 1
        boundary[0] = True
        self.keys = np.cumsum(boundary) - 1
        self.starts = np.flatnonzero(boundary)

    def key(self, i: int) -> int:
        """The segment of token ``i``."""
        return int(self.keys[i])

    def evidence(self, start: int, end: int, confidence: float) -> Evidence:
        """The segment(s) around tokens ``doc[start:end]`` as :class:`Evidence`, trimmed."""
        doc, text = self.doc, self.text
        first = int(self.starts[self.keys[start]])
        k_last = int(self.keys[end - 1]) + 1
        last = int(self.starts[k_last]) if k_last < len(self.starts) else len(doc)
        s = doc[first].idx
        e = doc[last - 1].idx + len(doc[last - 1])
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        return Evidence(s, e, text[s:e], confidence)


# --- the lexicon ------------------------------------------------------------------------------

_SPELLINGS = (
    (r"\bOrganization\b", "Organisation"),
    (r"\bCo-operation\b", "Cooperation"),
    (r"\bCooperation\b", "Co-operation"),
    (r"\bCenter\b", "Centre"),
    (r"\bProgramme\b", "Program"),
)


def name_variants(name: str) -> set[str]:
    """Spelling variants of a name: British/American spellings, with and without "the" after
    "of", and both kinds of apostrophe."""
    forms = {name}
    for pattern, repl in _SPELLINGS:
        forms |= {re.sub(pattern, repl, f) for f in forms}
    forms |= {re.sub(r"\bof the\b", "of", f) for f in forms}
    forms |= {re.sub(r"\bof (?!the\b)", "of the ", f) for f in forms}
    forms |= {f.replace("'", "\u2019") for f in forms}
    return forms


def assembly_names(parent: dict[str, Any], assembly: dict[str, Any]) -> tuple[set[str], set[str]]:
    """Names of a parliamentary assembly built from its parent organization's names and acronyms.

    Returns (names, acronyms): ``names`` match case-insensitively ("OSCE Parliamentary Assembly",
    "Parliamentary Assembly of the OSCE", "OSCE PA", "PA OSCE", "Organization for Security and
    Co-operation in Europe (OSCE) Parliamentary Assembly", and the entry's own ``names``);
    ``acronyms`` case-sensitively.
    """
    names: set[str] = set()
    parent_names = list(parent.get("names", ()))
    parent_acronyms = list(parent.get("acronyms", ())) + list(parent.get("weak", ()))
    for kind in assembly.get("kinds", ()):
        for base in parent_names + parent_acronyms:
            names |= {f"{base} {kind}", f"{kind} of the {base}", f"{kind} of {base}"}
        for base in parent_names:
            names |= {f"{base} ({acr}) {kind}" for acr in parent_acronyms}
    for short in assembly.get("short", ()):
        for acr in parent_acronyms:
            names |= {f"{acr} {short}", f"{short} {acr}"}
    names |= set(assembly.get("names", ()))
    return names, set(assembly.get("acronyms", ()))


_PARLIAMENTARY = re.compile(r"Parliament|Parliamentar|Legislat|Legislative|Speakers|\bParl", re.IGNORECASE)
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")


def _stems(name: str) -> frozenset[str]:
    """The first five letters of a name's content words: spellings and endings aside."""
    return frozenset(w[:5] for w in re.findall(r"[a-z]+", name.casefold()) if w not in _JOINERS)


_JOINERS = frozenset({"of", "the", "for", "and", "on", "in", "-", "&"})
_GLOSS_AFTER = frozenset({"Affairs", "Integration", "Issues", "Matters"})
_GLOSS_BEFORE = frozenset({"on", "for", "of"})


def acronym_forms(acronyms: Iterable[str], *, exact: bool = False) -> set[str]:
    """The acronyms, plus the title-case form of those of four letters or more ("Nato", "Asean")
    unless ``exact``: news styles that write acronyms as words."""
    forms = set(acronyms)
    if not exact:
        forms |= {a[0] + a[1:].lower() for a in acronyms if len(a) >= 4 and a.isalpha() and a.isupper()}
    return forms


def folded(text: str) -> str:
    """A phrase compared without case, spacing or apostrophe style."""
    return " ".join(text.replace("\u2019", "'").casefold().split())


class OrganizationTagger:
    """Finds the organizations of ``organizations.json`` in a ``Doc``.

    Built once per pipeline: the phrase and token matchers are compiled from the lexicon in
    ``__init__``; ``__call__`` only runs them over the document.

    A body with a FORMAT.md code (``canonical``) is reported under its code; any other body under
    the full name the article writes when it writes one of the registry's names (the gold records
    keep the article's form: "Cooperation Council for the Arab States of the Gulf"), else under
    its registry code. A mention does not count inside a national body's name ("Foreign,
    Commonwealth and Development Office", "Committee on EU Affairs"), and an acronym in brackets
    right after a name glosses that name ("Assembly of the Commonwealth of Independent States
    (CIS)" is the assembly alone).
    """

    def __init__(
        self, nlp: Language, name: str = "parleys_organizations", *, lexicon: str | Path | None = None
    ) -> None:
        self.name = name
        self.lexicon = str(lexicon or "")  # which registry: two taggers share found spans only if one
        data = load_data(LEXICON, lexicon)
        self.clutter = data.get("clutter", {})
        conf = data.get("confidence", {})
        # names match on lower-case text, acronyms on exact text (PhraseTable: a PhraseMatcher's hits)
        self.names = PhraseTable(lower=True)
        self.acronyms = PhraseTable(lower=False)
        plain = plain_words(nlp.tokenizer)
        self.patterns = Matcher(nlp.vocab)
        # per pattern, the word sets of its tokens that must occur (required_words): a text that
        # lacks one of each pattern's is not run through the Matcher
        self.pattern_words: list[list[frozenset[str]]] = []
        # match key -> (code, kind, confidence); keys are "<code>|<kind>"
        self.labels: dict[int, tuple[str, str, float]] = {}
        orgs = {o["code"]: o for o in data["organizations"]}
        # codes that are one body written differently ("Turkic Academy", "International Turkic Academy")
        self.groups = {o["code"]: o.get("group", o["code"]) for o in data["organizations"]}
        # bare short names that mean another body when that body is named ("the Commonwealth")
        self.unless = {
            o["code"]: frozenset(o.get("unless", ())) for o in data["organizations"] if o.get("unless")
        }
        # (code, folded written form) -> the registry name to report, for bodies without a FORMAT.md code
        self.written: dict[tuple[str, str], str] = {}
        self.parents = {o["code"]: o["parent"] for o in data["organizations"] if o.get("parent")}
        self.assembly_of: dict[str, int] = {}  # parent code -> match key of its assembly
        self.name_keys: dict[str, int] = {}  # code -> match key of its names
        # parliamentary bodies: a session or a contact of theirs is interparliamentary (topics)
        self.parliamentary = {
            o["code"]
            for o in data["organizations"]
            if o.get("parliamentary")
            or _PARLIAMENTARY.search(o["code"])
            or _PARLIAMENTARY.search(next(iter(o.get("names", ())), ""))
        } | {a["code"] for a in data.get("assemblies", ())}
        # bodies an article names by naming another: the "Council of the European Union" names the EU
        self.implies = {o["code"]: tuple(o["implies"]) for o in data["organizations"] if o.get("implies")}

        def add(matcher: PhraseTable, code: str, kind: str, phrases: Iterable[str]) -> None:
            texts = [p for p in sorted(set(phrases)) if p.strip()]
            if texts:
                key = f"{code}|{kind}"
                self.labels[nlp.vocab.strings.add(key)] = (code, kind, float(conf.get(kind, 0.8)))
                matcher.add_texts(key, texts, nlp.make_doc, plain)
                if kind == "name":
                    self.name_keys[code] = nlp.vocab.strings[key]

        # word stems of each body's names: an article's misspelt expansion of a registry acronym
        # ("Commonwealth Parliamentarian Association (CPA)") is still that body
        self.stems: dict[str, list[frozenset[str]]] = {}
        self.acronym_codes: dict[str, set[str]] = {}

        def add_names(code: str, names: Iterable[str], *, report: Iterable[str] = ()) -> None:
            names = set(names)
            self.stems.setdefault(code, []).extend(_stems(n) for n in names)
            add(self.names, code, "name", (v for n in names for v in name_variants(n)))
            for base in report:
                if _ACRONYM.search(base) and base != code:
                    continue  # "NAM Parliamentary Network" is no full name: the code is reported
                for v in name_variants(base):
                    self.written.setdefault((code, folded(v)), base)

        for org in data["organizations"]:
            code = org["code"]
            for acr in [*org.get("acronyms", ()), *org.get("weak", ())]:
                self.acronym_codes.setdefault(acr, set()).add(code)
            names = org.get("names", ())
            add_names(code, [*names, *org.get("aliases", ())], report=() if org.get("canonical") else names)
            add(
                self.acronyms,
                code,
                "acronym",
                acronym_forms(org.get("acronyms", ()), exact=org.get("exact", False)),
            )
            add(self.acronyms, code, "weak", org.get("weak", ()))
            add(self.acronyms, code, "bare", org.get("bare", ()))
        for assembly in data.get("assemblies", ()):
            parent = orgs[assembly["of"]]
            names, acronyms = assembly_names(parent, assembly)
            code = assembly["code"]
            self.parents[code] = assembly["of"]
            # "the parliamentary assemblies of NATO, the OSCE and ...": the parent's mention names this
            self.assembly_of.setdefault(assembly["of"], nlp.vocab.strings.add(f"{code}|name"))
            report: set[str] = set()
            if not assembly.get("canonical"):
                # the assembly's own name forms: "<parent> <kind>" and the listed names
                bases = list(parent.get("names", ())) + list(parent.get("acronyms", ()))
                report = {f"{b} {k}" for b in bases for k in assembly.get("kinds", ())}
                report |= set(assembly.get("names", ())) | {code}
            add_names(code, names, report=report)
            add(self.acronyms, code, "acronym", acronym_forms(acronyms, exact=assembly.get("exact", False)))
        add(self.names, "", "national", data.get("national", ()))
        self.names.finish(nlp.vocab)
        self.acronyms.finish(nlp.vocab)
        self.open_world = OpenWorldWords.from_data(data["open_world"]) if data.get("open_world") else None
        self.open_key = nlp.vocab.strings.add("|open")
        self.labels[self.open_key] = ("", "open", float(conf.get("open", 0.6)))
        self._places: Callable[[str], bool] | None = None
        for i, entry in enumerate(data.get("patterns", ())):
            key = f"{entry['code']}|pattern{i}"
            confidence = float(conf.get("pattern", 0.8))
            self.labels[nlp.vocab.strings.add(key)] = (entry["code"], "pattern", confidence)
            self.patterns.add(key, literal_first(entry["pattern"]))
            self.pattern_words.append(required_words(entry["pattern"]))

    @classmethod
    def shared(
        cls, nlp: Language, name: str = "parleys_organizations", *, lexicon: str | Path | None = None
    ) -> OrganizationTagger:
        """The tagger of one registry, built once per pipeline: the organizations component, the
        topics component and the offices of international bodies each find bodies with it (and
        :meth:`find_once` already lets them share what it finds in a doc)."""
        return once(nlp, (cls, name, str(lexicon or "")), lambda: cls(nlp, name, lexicon=lexicon))

    def find_once(self, doc: Doc, text: str | None = None) -> list[Span]:
        """:meth:`find`, run once per doc by all taggers of one registry: the first call keeps its
        spans in ``doc.spans[FOUND_KEY]`` and later calls read them back."""
        group = doc.spans.get(FOUND_KEY)
        if group is not None and group.attrs.get("lexicon") == self.lexicon:
            return list(group)
        spans = self.find(doc, text)
        doc.spans[FOUND_KEY] = SpanGroup(doc, name=FOUND_KEY, attrs={"lexicon": self.lexicon}, spans=spans)
        return spans

    def find(self, doc: Doc, text: str | None = None) -> list[Span]:
        """Non-overlapping organization mentions outside page clutter and national bodies' names,
        in text order (``text`` is ``text_of(doc)`` when the caller has it already)."""
        text = text_of(doc) if text is None else text
        matchers: list[Any] = [self.names, self.acronyms]
        if self.pattern_words:
            lowered = text.lower()
            if any(all(any(w in lowered for w in words) for words in need) for need in self.pattern_words):
                matchers.append(self.patterns)
        spans = [Span(doc, s, e, label=k) for matcher in matchers for k, s, e in matcher(doc)]
        clutter = clutter_ranges(text, self.clutter)
        kept: list[Span] = []
        for span in filter_spans(spans):
            code, kind, _ = self.labels[span.label]
            if kind == "national" or in_ranges(span.start_char, clutter) or self._in_office_name(span):
                continue
            if kind in ("acronym", "weak", "bare") and kept and self._glosses(kept[-1], span):
                continue
            kept.append(span)
        kept = self._coordinated_assemblies(kept)
        redefined, confirmed, expansions = self._defined_acronyms(doc, kept)
        if redefined or confirmed:
            named = []
            for k in kept:
                code, kind, _ = self.labels[k.label]
                if kind in ("acronym", "weak") and k.text in redefined:
                    continue
                if any(s <= k.start and k.end <= e for s, e in expansions):
                    continue  # a word of the misspelt name ("Commonwealth Parliamentarian ...")
                if kind == "weak" and code in confirmed.get(k.text, ()) and code in self.name_keys:
                    k = Span(doc, k.start, k.end, label=self.name_keys[code])  # named by its expansion
                named.append(k)
            kept = named
        if self.open_world is not None:
            kept.extend(
                Span(doc, s.start, s.end, label=self.open_key)
                for s in find_open_bodies(
                    doc, self.open_world, taken=[(k.start, k.end) for k in spans], is_place=self.is_place
                )
                if not in_ranges(s.start_char, clutter)
            )
            kept.sort(key=lambda s: s.start)
        return kept

    def _defined_acronyms(
        self, doc: Doc, spans: list[Span]
    ) -> tuple[set[str], dict[str, set[str]], list[tuple[int, int]]]:
        """Acronyms the article defines: (those defined as something else, {acronym: codes whose
        name the definition spells, misspelt}, the token ranges of those spellings). After
        "Comprehensive Partnership Agreement (CPA)", "CPA" is not the Commonwealth Parliamentary
        Association; after "Commonwealth Parliamentarian Association (CPA)" it is."""
        by_end = {s.end: s for s in spans}
        out: set[str] = set()
        confirmed: dict[str, set[str]] = {}
        expansions: list[tuple[int, int]] = []
        lowers = lowers_of(doc)
        for i in range(2, len(doc) - 1):
            if lowers[i - 1] != "(" or lowers[i + 1] != ")":
                continue
            acr = doc[i].text
            if not (2 <= len(acr) <= 8 and acr.isupper()):
                continue
            if i - 1 in by_end and self.labels[by_end[i - 1].label][1] != "open":
                continue  # "(CPA)" glosses the registry name before it
            words: list[tuple[int, str]] = []  # capitalised words before the bracket, last first
            j = i - 2
            while j >= 0 and len(words) < 10 and (doc[j].text[:1].isupper() or doc[j].lower_ in _JOINERS):
                if doc[j].text[:1].isupper():
                    words.append((j, doc[j].text[0]))
                j -= 1
            initials = "".join(c for _, c in reversed(words))
            if len(acr) >= 2 and initials.endswith(acr):
                j = words[len(acr) - 1][0] - 1  # the expansion: as many words as the acronym has letters
                stems = _stems(doc[j + 1 : i - 1].text)
                codes = {
                    c
                    for c in self.acronym_codes.get(acr, ())
                    if any(len(stems & n) >= 0.75 * max(len(stems), len(n)) for n in self.stems.get(c, ()))
                }
                if codes:
                    confirmed.setdefault(acr, set()).update(codes)
                    expansions.append((j + 1, i - 1))
                else:
                    out.add(acr)
        return out, confirmed, expansions

    def _coordinated_assemblies(self, spans: list[Span]) -> list[Span]:
        """Bodies listed after "parliamentary assemblies of" name their assemblies: "the
        parliamentary assemblies of NATO, the OSCE and the Council of Europe" -> NATO PA, OSCE PA,
        PACE."""
        out = list(spans)
        for k, span in enumerate(out):
            doc = span.doc
            i = span.start - 1
            if i >= 0 and doc[i].lower_ == "the":
                i -= 1
            if not (
                i >= 2
                and doc[i].lower_ == "of"
                and doc[i - 1].lower_ in ("assemblies", "dimensions")
                and doc[i - 2].lower_ in ("parliamentary", "inter-parliamentary", "interparliamentary")
            ):
                continue
            j = k
            while j < len(out):
                cur = out[j]
                code = self.labels[cur.label][0]
                if code in self.assembly_of:
                    out[j] = Span(doc, cur.start, cur.end, label=self.assembly_of[code])
                nxt = out[j + 1] if j + 1 < len(out) else None
                if nxt is None or any(
                    t.lower_ not in (",", "and", "the", "as", "well", "of") for t in doc[cur.end : nxt.start]
                ):
                    break
                j += 1
        return out

    def is_place(self, text: str) -> bool:
        """A country, a demonym or a city: the word of a national body's name."""
        if self._places is None:
            from parleys.lexicons import load_lexicons

            lex = load_lexicons()
            self._places = lambda t: bool(
                lex.country(t) or lex.demonym(t) or lex.city(t) or lex.institution(t)
            )
        return self._places(text)

    @staticmethod
    def _glosses(previous: Span, span: Span) -> bool:
        """``span`` is an acronym in brackets right after the mention ``previous``."""
        doc = span.doc
        return (
            previous.end == span.start - 1
            and doc[span.start - 1].text == "("
            and span.end < len(doc)
            and doc[span.end].text == ")"
        )

    @staticmethod
    def _in_office_name(span: Span) -> bool:
        """A mention inside the name of a national committee or ministry: "Committee on EU Affairs"."""
        doc = span.doc
        if span.end >= len(doc) or doc[span.end].text not in _GLOSS_AFTER:
            return False
        i = span.start - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        return i >= 0 and doc[i].lower_ in _GLOSS_BEFORE

    def is_parliamentary(self, label: str) -> bool:
        """The reported organization is a parliamentary body (an assembly, a union of parliaments)."""
        return label in self.parliamentary or bool(_PARLIAMENTARY.search(label))

    def label(self, span: Span, code: str, kind: str) -> str:
        """What the article's mention is reported as: the written full name of a body without a
        FORMAT.md code, else its code."""
        if kind == "name":
            return self.written.get((code, folded(span.text)), code)
        if kind == "open":
            return " ".join(span.text.split())
        return code

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        spans = self.find_once(doc, text)
        doc.spans.pop(FOUND_KEY, None)
        doc.spans[SPANS_KEY] = spans
        mentions = [
            (span, *self.labels[span.label])
            if span.label != self.open_key
            else (span, self.label(span, "", "open"), "open", self.labels[self.open_key][2])
            for span in spans
        ]
        # a weak acronym ("APA", "NAM") counts only when the body is also named another way
        named = {self.groups.get(code, code) for _, code, kind, _ in mentions if kind not in ("weak", "bare")}
        records: dict[str, LabelRecord] = {}
        segments = Segments(doc, text)
        # a written full name is preferred to an acronym that came first ("the SCO ... Shanghai ...")
        written: dict[str, str] = {}
        for span, code, kind, _confidence in mentions:
            group = self.groups.get(code, code)
            if kind == "name" and group not in written:
                written[group] = self.label(span, code, kind)
        for span, code, kind, confidence in mentions:
            group = self.groups.get(code, code)
            if kind == "bare" and (group in named or named & self.unless.get(code, frozenset())):
                continue
            if kind != "bare" and group not in named:
                continue
            if group not in records:
                label = written.get(group, code)
                records[group] = LabelRecord(label, segments.evidence(span.start, span.end, confidence))
            for other in self.implies.get(code, ()):
                if other not in records:
                    records[other] = LabelRecord(other, segments.evidence(span.start, span.end, confidence))
        doc._.organizations = list(records.values())
        return doc


@Language.factory(
    "parleys_organizations_v1",
    default_config={"lexicon": None},
    requires=["token.tag", "token.dep"],
    assigns=["doc._.organizations", "doc.spans"],
)
def make_organization_tagger(nlp: Language, name: str, lexicon: str | None) -> OrganizationTagger:
    return OrganizationTagger.shared(nlp, name, lexicon=lexicon)
