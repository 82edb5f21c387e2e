"""The ``parleys_topics`` component: the areas an article names as subjects of the contact.

Sets ``doc._.topics`` to a list of :class:`~parleys.records.LabelRecord` (codes from FORMAT.md's
topic list), one per topic, in order of the first supporting mention; the evidence is that
mention's sentence. The triggers are data: ``parleys/data/topics.json``.

Matching is case-insensitive on whole tokens with the inflected forms listed in the data, so the
component needs no lemmas and runs on a document that has only sentence boundaries (or none: then
lines stand in for sentences). A term counts unless it sits inside a blocking phrase ("economic
reforms" is no trade) or a committee's name, or in page clutter; a plain ``terms`` word also needs
a cue word ("cooperation", "discussed", "fields") in its sentence, a ``strong`` phrase does not.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from parleys.extract.organizations import LEXICON as ORG_LEXICON
from parleys.extract.organizations import clutter_ranges, in_ranges, load_data, sentence_evidence
from parleys.records import LabelRecord

LEXICON = "topics.json"


def sentence_keys(doc: Doc) -> list[tuple[int, int]]:
    """Per token, a key shared by the tokens of one sentence-and-line.

    Sentences come from the parser or a sentencizer when the document has them; a line break
    always separates, since parsers glue headlines and captions to the next paragraph.
    """
    try:
        sent_of = [0] * len(doc)
        for k, sent in enumerate(doc.sents):
            sent_of[sent.start:sent.end] = [k] * (sent.end - sent.start)
    except ValueError:  # no sentence boundaries
        sent_of = [0] * len(doc)
    keys = []
    line = 0
    for tok, k in zip(doc, sent_of, strict=True):
        keys.append((k, line))
        if "\n" in tok.text or "\n" in tok.whitespace_:
            line += 1
    return keys


class TopicTagger:
    """Labels the topics of ``topics.json``; the matchers are built once, in ``__init__``."""

    def __init__(self, nlp: Language, name: str = "parleys_topics", *,
                 lexicon: str | Path | None = None) -> None:
        self.name = name
        data = load_data(LEXICON, lexicon)
        self.clutter = data.get("clutter") or load_data(ORG_LEXICON).get("clutter", {})
        conf = data.get("confidence", {})
        self.confidence = {"strong": float(conf.get("strong", 0.9)), "term": float(conf.get("term", 0.7))}
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.blockers = Matcher(nlp.vocab)
        self.keys: dict[int, tuple[str, str]] = {}  # match key -> (topic, kind)
        self.topics = list(data["topics"])

        def add(topic: str, kind: str, phrases: list[str]) -> None:
            docs = [nlp.make_doc(p) for p in sorted(set(phrases)) if p.strip()]
            if docs:
                key = f"{topic}|{kind}"
                self.keys[nlp.vocab.strings.add(key)] = (topic, kind)
                self.phrases.add(key, docs)

        add("", "cue", data.get("cues", []))
        for topic, spec in data["topics"].items():
            add(topic, "strong", spec.get("strong", []))
            add(topic, "term", spec.get("terms", []))
            add(topic, "block", spec.get("block", []))
            add(topic, "needs", spec.get("needs", []))
        for i, entry in enumerate(data.get("block_patterns", ())):
            self.blockers.add(f"block{i}", [entry["pattern"]])
        self.use_cues = bool(data.get("cues"))

    def __call__(self, doc: Doc) -> Doc:
        keys = sentence_keys(doc)
        clutter = clutter_ranges(doc.text, self.clutter)
        blocked_any = [False] * len(doc)
        for _, s, e in self.blockers(doc):
            blocked_any[s:e] = [True] * (e - s)
        blocked: dict[str, list[tuple[int, int]]] = {}
        cue_sents: set[tuple[int, int]] = set()
        needs: dict[str, set[tuple[int, int]]] = {}
        mentions: list[tuple[int, int, str, str]] = []
        for match_id, s, e in self.phrases(doc):
            topic, kind = self.keys[match_id]
            if kind == "cue":
                cue_sents.add(keys[s])
            elif kind == "block":
                blocked.setdefault(topic, []).append((s, e))
            elif kind == "needs":
                needs.setdefault(topic, set()).add(keys[s])
            else:
                mentions.append((s, e, topic, kind))
        found: dict[str, LabelRecord] = {}
        for s, e, topic, kind in sorted(mentions):
            if topic in found or any(blocked_any[s:e]):
                continue
            if any(bs <= s and e <= be for bs, be in blocked.get(topic, ())):
                continue
            if kind == "term" and self.use_cues and keys[s] not in cue_sents:
                continue
            if topic in needs and keys[s] not in needs[topic] and kind == "term":
                continue
            if in_ranges(doc[s].idx, clutter):
                continue
            found[topic] = LabelRecord(topic, sentence_evidence(doc, s, e, self.confidence[kind]))
        doc._.topics = list(found.values())
        return doc


@Language.factory("parleys_topics", default_config={"lexicon": None})
def make_topic_tagger(nlp: Language, name: str, lexicon: str | None) -> TopicTagger:
    return TopicTagger(nlp, name, lexicon=lexicon)
