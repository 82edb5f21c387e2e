"""The ``parleys_topics`` component: the areas an article names as subjects of the contact.

Sets ``doc._.topics`` to a list of :class:`~parleys.records.LabelRecord` (codes from FORMAT.md's
topic list), one per topic, in order of the first supporting mention; the evidence is that
mention's sentence. The triggers are data: ``parleys/data/topics.json``.

Matching is case-insensitive on whole tokens with the inflected forms listed in the data, so the
component needs no lemmas and runs on a document that has only sentence boundaries (or none: then
lines stand in for sentences). A mention does not count inside a blocking phrase ("economic
reforms" is no trade), a committee's or a post's name, an international organization's name, or
page clutter. A ``strong`` phrase counts on its own; a plain term also needs a cue word
("cooperation", "discussed", "fields") in its sentence, so background sentences do not count.

The component's steps live in modules of their own, each reading its part of the data once, in
``__init__``: the sense rules (:mod:`~parleys.extract.topic_senses`: "good health" in a wish is no
health topic), the name checks (:mod:`~parleys.extract.topic_names`: "minister of transport" names
a post, not a subject), the contact between two legislatures
(:mod:`~parleys.extract.topic_contact`: "the Speaker of the Storting received a delegation of the
Sejm" is interparliamentary whatever words the sentence uses for it) and the learned check on the
rules (:mod:`~parleys.extract.topic_model`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from parleys.extract.extensions import lemmas_of, lowers_of, text_of
from parleys.extract.organizations import (
    SPANS_KEY,
    OrganizationTagger,
    Segments,
    clutter_ranges,
    in_ranges,
    load_data,
)
from parleys.extract.token_patterns import AnchoredMatcher
from parleys.extract.topic_contact import LegislatureContact
from parleys.extract.topic_model import (
    TopicModel,
    candidate_features,
    doc_features,
    lemma,
    segment_topics,
)
from parleys.extract.topic_names import NameWords, bracketed_label, person_tokens
from parleys.extract.topic_senses import Sense
from parleys.records import LabelRecord

LEXICON = "topics.json"
ALL = "*"  # the topic key of cues and global blocks
PARLIAMENTARY = "interparliamentary"


def outermost(spans: list[tuple[int, int, frozenset[str]]]) -> list[tuple[int, int, frozenset[str]]]:
    """The spans not inside another span with the same exemptions (the block matcher yields every
    sub-span of a committee's name)."""
    kept: dict[frozenset[str], tuple[int, int]] = {}
    out = []
    for s, e, exempt in sorted(spans, key=lambda x: (x[0], -x[1])):
        last = kept.get(exempt)
        if last is None or e > last[1]:
            kept[exempt] = (s, e)
            out.append((s, e, exempt))
    return out


def with_apostrophes(phrases: list[str]) -> set[str]:
    """The phrases, plus each with a curly apostrophe where it has a straight one."""
    return {v for p in phrases if p.strip() for v in (p, p.replace("'", "\u2019"))}


class TopicTagger:
    """Labels the topics of ``topics.json``; the matchers are built once, in ``__init__``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "parleys_topics",
        *,
        lexicon: str | Path | None = None,
        organizations: str | Path | None = None,
        model: str | None = None,
    ) -> None:
        self.name = name
        # the learned check on the rules (topic_model.py): "none" turns it off, a path replaces it
        self.model = None if model == "none" else TopicModel.load(model)
        data = load_data(LEXICON, lexicon)
        # organization names are not topics; the same tagger also knows the page clutter
        self.organizations = OrganizationTagger.shared(nlp, lexicon=organizations)
        conf = data.get("confidence", {})
        self.confidence = {"strong": float(conf.get("strong", 0.9)), "term": float(conf.get("term", 0.7))}
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.blockers = AnchoredMatcher(nlp.vocab)
        self.keys: dict[int, tuple[str, str]] = {}  # match key -> (topic, kind)
        self.exempt: dict[str, frozenset[str]] = {}  # block kind -> topics it does not block

        def key(topic: str, kind: str) -> str:
            k = f"{topic}|{kind}"
            self.keys[nlp.vocab.strings.add(k)] = (topic, kind)
            return k

        def add(matcher: PhraseMatcher, topic: str, kind: str, phrases: list[str]) -> None:
            docs = [nlp.make_doc(p) for p in sorted(with_apostrophes(phrases))]
            if docs:
                matcher.add(key(topic, kind), docs)

        def add_patterns(topic: str, entries: list[dict[str, Any]]) -> None:
            for i, entry in enumerate(entries):
                if topic == ALL:  # blocks every topic but its exceptions: one key per pattern
                    kind = f"block{i}"
                    self.exempt[kind] = frozenset(entry.get("except", ()))
                else:
                    kind = "block"
                self.blockers.add(key(topic, kind), entry["pattern"])

        add(self.phrases, ALL, "cue", data.get("cues", []))
        self.cue_lemmas = frozenset(c.lower() for c in data.get("cues", []) if " " not in c)
        for topic, spec in data["topics"].items():
            add(self.phrases, topic, "strong", spec.get("strong", []))
            add(self.phrases, topic, "term", spec.get("terms", []))
            add(self.acronyms, topic, "term", spec.get("acronyms", []))
            add(self.phrases, topic, "block", spec.get("block", []))
            add(self.phrases, topic, "needs", spec.get("needs", []))
            add_patterns(topic, spec.get("block_patterns", []))
            for entry in spec.get("patterns", []):  # structures that name the topic on their own
                self.blockers.add(key(topic, "strong"), entry["pattern"])
        add_patterns(ALL, data.get("block_patterns", []))
        self.with_needs = {t for t, spec in data["topics"].items() if spec.get("needs")}
        # topics that a name names (a legislature's name is interparliamentary): exempt from the
        # name checks and from the block of organization names
        self.in_names = frozenset(t for t, spec in data["topics"].items() if spec.get("names_count"))
        self.names = NameWords(data.get("names", {}))
        common = [Sense(x) for x in data.get("senses", ())]  # sense rules of every topic
        self.senses = {
            t: [Sense(x) for x in spec.get("senses", ())] + common for t, spec in data["topics"].items()
        }
        contact = data["topics"].get(PARLIAMENTARY, {}).get("contact")
        self.contact = LegislatureContact(contact) if contact else None

    def _apply_model(
        self, doc: Doc, found: dict[str, LabelRecord], segments: Segments, clutter: list[tuple[int, int]]
    ) -> None:
        """Topics the model adds to or drops from the rules' (per topic, as trained)."""
        assert self.model is not None
        feats = doc_features(doc, clutter)
        add, drop = self.model.decide(set(found), feats)
        for topic in drop:
            del found[topic]
        for topic in sorted(add):
            weights = self.model.topics[topic]["weights"]
            best = max(
                (tok for tok in doc if not in_ranges(tok.idx, clutter)),
                key=lambda tok: weights.get(lemma(tok), 0.0),
                default=None,
            )
            if best is not None and weights.get(lemma(best), 0.0) > 0:
                p = self.model.probability(topic, feats) or 0.0
                found[topic] = LabelRecord(topic, segments.evidence(best.i, best.i + 1, round(p, 3)))

    @staticmethod
    def _segment_words(doc: Doc, segments: Segments, seg: int) -> set[str]:
        first = int(segments.starts[seg])
        last = int(segments.starts[seg + 1]) if seg + 1 < len(segments.starts) else len(doc)
        return set(lowers_of(doc)[first:last])

    def _parliamentary_body(self, span: Span) -> bool:
        """The organization mention names a parliamentary body, and not inside an office's title."""
        tagger = self.organizations
        code, kind, _ = tagger.labels.get(span.label, ("", "", 0.0))
        label = span.text if kind == "open" else code
        if not label or not tagger.is_parliamentary(label):
            return False
        return not self.names.after_office_title(span.doc, span.start)

    def __call__(self, doc: Doc) -> Doc:
        found, candidates, segments, clutter = self.candidates(doc)
        model = self.model
        if model is not None and model.candidates is not None:
            self._apply_candidate_model(doc, found, candidates, segments)
        if model is not None and model.topics:  # a model that no topic uses costs nothing
            self._apply_model(doc, found, segments, clutter)
        doc._.topics = list(found.values())
        return doc

    def _apply_candidate_model(
        self,
        doc: Doc,
        found: dict[str, LabelRecord],
        candidates: dict[str, list[tuple[int, int, str, bool]]],
        segments: Segments,
    ) -> None:
        """Whether each candidate topic is a subject of the contact, as the learned model says."""
        assert self.model is not None and self.model.candidates is not None
        cmodel = self.model.candidates
        segment_of = segments.keys.tolist()
        seg_topics = segment_topics(candidates, segment_of)
        for topic in sorted(set(candidates) | set(found)):
            if topic not in cmodel.topics:
                continue
            mentions = candidates.get(topic, [])
            feats = candidate_features(doc, topic, mentions, segment_of, topic in found, seg_topics)
            p = cmodel.probability(feats)
            if p < cmodel.threshold:
                found.pop(topic, None)
            elif topic not in found and mentions:
                s, e, _, _ = mentions[0]
                found[topic] = LabelRecord(topic, segments.evidence(s, e, round(p, 3)))

    def candidates(
        self, doc: Doc
    ) -> tuple[
        dict[str, LabelRecord],
        dict[str, list[tuple[int, int, str, bool]]],
        Segments,
        list[tuple[int, int]],
    ]:
        """The rules' topics, and every topic's mentions that survive the blocks and sense rules
        ((start, end, kind, whether a cue is in its sentence)), with the document's segments and
        page-clutter ranges."""
        text = text_of(doc)  # Doc.text joins every token on each access: read it once
        segments = Segments(doc, text)
        segment_of = segments.keys.tolist()
        # (start, end, topics not blocked); an organization's name blocks all but those names name
        # (an "Inter-Parliamentary Union" session is interparliamentary, a "Collective Security
        # Treaty Organization" is no security topic)
        if SPANS_KEY in doc.spans:  # the organizations component ran before this one
            org_spans = list(doc.spans[SPANS_KEY])
        else:
            org_spans = self.organizations.find(doc, text)
        blocked_all = [(s.start, s.end, self.in_names) for s in org_spans]
        blocked: dict[str, list[tuple[int, int]]] = {}
        cued: dict[str, set[int]] = {}  # topic (or ALL for the cues) -> segments holding a cue
        mentions: list[tuple[int, int, str, str]] = []
        for matcher in (self.phrases, self.acronyms, self.blockers):
            for match_id, s, e in matcher(doc):
                topic, kind = self.keys[match_id]
                if topic == ALL and kind.startswith("block"):
                    blocked_all.append((s, e, self.exempt[kind]))
                elif kind == "block":
                    blocked.setdefault(topic, []).append((s, e))
                elif kind in ("cue", "needs"):
                    cued.setdefault(topic, set()).add(segment_of[s])
                else:
                    mentions.append((s, e, topic, kind))
        if self.cue_lemmas and doc.has_annotation("LEMMA"):
            # a cue in any inflection: "supporting", "cooperated"
            for i, lemma in enumerate(lemmas_of(doc)):
                if lemma in self.cue_lemmas:
                    cued.setdefault(ALL, set()).add(segment_of[i])
        blocked_all = outermost(blocked_all)
        clutter = clutter_ranges(text, self.organizations.clutter)
        covered = {i for s, e, _, _ in mentions for i in range(s, e)}
        in_person = person_tokens(doc)
        words_of: dict[int, set[str]] = {}  # segment -> its lower-case words (for sense rules)
        found: dict[str, LabelRecord] = {}
        candidates: dict[str, list[tuple[int, int, str, bool]]] = {}
        for s, e, topic, kind in sorted(mentions):
            if self.senses.get(topic):
                seg = segment_of[s]
                if seg not in words_of:
                    words_of[seg] = self._segment_words(doc, segments, seg)
                if any(sense.rules_out(doc, s, e, words_of[seg]) for sense in self.senses[topic]):
                    continue
            if topic not in self.in_names and (
                self.names.in_office_name(doc, s, e, covered) or bracketed_label(doc, s, e)
            ):
                continue
            if any(bs <= s and e <= be for bs, be in blocked.get(topic, ())):
                continue
            if any(bs <= s and e <= be and topic not in exempt for bs, be, exempt in blocked_all):
                continue
            if topic not in self.in_names and self.names.in_proper_name(doc, s, e):
                continue
            if doc[s].is_title and all(i in in_person for i in range(s, e)):
                continue  # a person's name: "Islam", "Banks"
            if topic in self.in_names and kind == "term" and self.names.in_titled_body(doc, s):
                continue
            if in_ranges(doc[s].idx, clutter):
                continue
            cue = segment_of[s] in cued.get(topic if topic in self.with_needs else ALL, ())
            candidates.setdefault(topic, []).append((s, e, kind, cue))
            if topic in found or (kind == "term" and not cue):
                continue
            found[topic] = LabelRecord(topic, segments.evidence(s, e, self.confidence[kind]))
        if PARLIAMENTARY not in found and self.contact is not None:
            hit = self.contact.find(doc, segment_of)
            if hit is not None and not in_ranges(doc[hit[0]].idx, clutter):
                found[PARLIAMENTARY] = LabelRecord(
                    PARLIAMENTARY, segments.evidence(hit[0], hit[1], self.confidence["term"])
                )
        if PARLIAMENTARY not in found:
            # a session or a contact of a parliamentary body (the IPU, an assembly) is
            # interparliamentary; a body named only in someone's office ("President of the
            # European Parliament X") is not
            for span in org_spans:
                if self._parliamentary_body(span) and not in_ranges(span.start_char, clutter):
                    found[PARLIAMENTARY] = LabelRecord(
                        PARLIAMENTARY, segments.evidence(span.start, span.end, self.confidence["term"])
                    )
                    break
        return found, candidates, segments, clutter


@Language.factory(
    "parleys_topics_v1",
    default_config={"lexicon": None, "organizations": None, "model": None},
    requires=["token.lemma", "doc.spans"],
    assigns=["doc._.topics"],
)
def make_topic_tagger(
    nlp: Language, name: str, lexicon: str | None, organizations: str | None, model: str | None
) -> TopicTagger:
    return TopicTagger(nlp, name, lexicon=lexicon, organizations=organizations, model=model)
