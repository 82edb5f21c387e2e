"""Participants the parse sets apart after the main sentence, and parties it names in a subordinate
phrase: a contact announced later in a report of one that happened ("He is scheduled to meet X"),
the inviter, the object of an attitude and the source of a report outside the main sentence; the
agent of a participle clause ("accompanied by X"), the members of an acting group ("Diplomats
including X met ..."), the one a courtesy call is paid on. Invented names only."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from hand_parses import mention as _mention
from hand_parses import parsed as _parsed
from parleys.documents import Article
from parleys.extract.participants import (
    _active,
    _after_distributive,
    _agent_of_contact,
    _announces,
    _elsewhere,
    _frame,
    _in_acting_group,
    _only_planned,
    _sends_through,
    _set_aside,
    _takes_part,
    _trailing_source,
)


def _never_recalled(_sent) -> bool:
    return False


# (words, heads, deps, pos, lemmas, announces)
MAIN_SENTENCES = [
    # "Dosov to visit Riga": a headline's infinitive with its own subject
    (
        "Dosov to visit Riga",
        [2, 2, 2, 2],
        "nsubj aux ROOT dobj",
        "PROPN PART VERB PROPN",
        "Dosov to visit Riga",
        True,
    ),
    (
        "Dosov will visit Riga",
        [2, 2, 2, 2],
        "nsubj aux ROOT dobj",
        "PROPN AUX VERB PROPN",
        "Dosov will visit Riga",
        True,
    ),
    (
        "Dosov is to visit Riga",
        [1, 1, 3, 1, 3],
        "nsubj ROOT aux xcomp dobj",
        "PROPN AUX PART VERB PROPN",
        "Dosov be to visit Riga",
        True,
    ),
    # "Speaker to visit Riga" parsed as a clause on a verbless root
    (
        "Speaker to visit Riga",
        [0, 2, 0, 2],
        "ROOT aux relcl dobj",
        "NOUN PART VERB PROPN",
        "speaker to visit Riga",
        True,
    ),
    # "Dosov arrived on a visit to meet Varan": the clause hangs on a noun inside a report
    (
        "Dosov arrived on a visit to meet Varan",
        [1, 1, 1, 4, 2, 6, 4, 6],
        "nsubj ROOT prep det pobj aux relcl dobj",
        "PROPN VERB ADP DET NOUN PART VERB PROPN",
        "Dosov arrive on a visit to meet Varan",
        False,
    ),
    # a report; its purpose clause announces nothing
    (
        "Dosov visited Riga to meet Varan",
        [1, 1, 1, 4, 1, 4],
        "nsubj ROOT dobj aux advcl dobj",
        "PROPN VERB PROPN PART VERB PROPN",
        "Dosov visit Riga to meet Varan",
        False,
    ),
]


@pytest.mark.parametrize("words,heads,deps,pos,lemmas,announces", MAIN_SENTENCES)
def test_participants_announced_the_main_sentence_announces_or_reports(
    words, heads, deps, pos, lemmas, announces
):
    doc = _parsed(words.split(), heads, deps.split(), pos.split(), lemmas.split())
    assert _announces(doc[:]) is announces


def _reported_then(aux: str | None) -> tuple[Doc, list]:
    """ "Dosov met Ilze Berzina . He [will] meet Olek Varan ." with the mentions of both."""
    words = ["Dosov", "met", "Ilze", "Berzina", ".", "He"]
    heads = [1, 1, 3, 1, 1, 7 if aux else 6]
    deps = ["nsubj", "ROOT", "compound", "dobj", "punct", "nsubj"]
    pos = ["PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PRON"]
    lemmas = ["Dosov", "meet", "Ilze", "Berzina", ".", "he"]
    if aux:
        words, heads, deps, pos, lemmas = (
            [*words, aux],
            [*heads, 7],
            [*deps, "aux"],
            [*pos, "AUX"],
            [*lemmas, aux],
        )
    v = len(words)
    words += ["meet", "Olek", "Varan", "."]
    heads += [v, v + 2, v, v]
    deps += ["ROOT", "compound", "dobj", "punct"]
    pos += ["VERB", "PROPN", "PROPN", "PUNCT"]
    lemmas += ["meet", "Olek", "Varan", "."]
    starts = [True, False, False, False, False, True] + [False] * (len(words) - 6)
    doc = _parsed(words, heads, deps, pos, lemmas, sent_starts=starts)
    mentions = [_mention(0, 1, "a"), _mention(2, 4, "b"), _mention(v + 1, v + 3, "c")]
    return doc, mentions


def test_participants_announced_a_later_planned_contact_is_not_yet_part_of_the_event():
    doc, mentions = _reported_then("will")
    main = doc[0:5]
    assert not _announces(main)
    assert _only_planned(doc, "c", mentions, main)
    # named in the main sentence: a party whatever is said of them later
    assert not _only_planned(doc, "b", mentions, main)
    # "He met Olek Varan": a contact told as done, not announced
    doc, mentions = _reported_then(None)
    assert not _only_planned(doc, "c", mentions, doc[0:5])


def _said_after(kind_word: str = "said") -> Doc:
    # "The talks were fruitful , said Olek Varan ."
    return _parsed(
        ["The", "talks", "were", "fruitful", ",", kind_word, "Olek", "Varan", "."],
        [1, 2, 5, 2, 5, 5, 7, 5, 5],
        ["det", "nsubj", "ccomp", "acomp", "punct", "ROOT", "compound", "nsubj", "punct"],
        ["DET", "NOUN", "AUX", "ADJ", "PUNCT", "VERB", "PROPN", "PROPN", "PUNCT"],
        ["the", "talk", "be", "fruitful", ",", "say", "Olek", "Varan", "."],
    )


def test_participants_announced_a_source_outside_a_forum_is_set_aside():
    doc = _said_after()
    m = _mention(6, 8)
    main = doc[0:0]
    assert "source" in _frame(doc, m, doc[:], main, frozenset())
    assert _set_aside(doc, m, main, "meeting")
    # at a forum, speaking is taking part
    assert not _set_aside(doc, m, main, "forum")


def test_participants_announced_the_inviter_and_the_object_of_praise_are_set_aside():
    # "It follows an invitation received from Olek Varan ."
    doc = _parsed(
        ["It", "follows", "an", "invitation", "received", "from", "Olek", "Varan", "."],
        [1, 1, 3, 1, 3, 4, 7, 5, 1],
        ["nsubj", "ROOT", "det", "dobj", "acl", "prep", "compound", "pobj", "punct"],
        ["PRON", "VERB", "DET", "NOUN", "VERB", "ADP", "PROPN", "PROPN", "PUNCT"],
        ["it", "follow", "an", "invitation", "receive", "from", "Olek", "Varan", "."],
    )
    m = _mention(6, 8)
    assert "inviter" in _frame(doc, m, doc[:], doc[0:0], frozenset())
    assert _set_aside(doc, m, doc[0:0], "visit")
    # "a letter received from Olek Varan": its sender is no inviter
    doc[3].lemma_ = "letter"
    assert "inviter" not in _frame(doc, m, doc[:], doc[0:0], frozenset())
    assert not _set_aside(doc, m, doc[0:0], "visit")
    # "Dosov praised Olek Varan ."
    doc = _parsed(
        ["Dosov", "praised", "Olek", "Varan", "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "compound", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PROPN", "PUNCT"],
        ["Dosov", "praise", "Olek", "Varan", "."],
    )
    assert _set_aside(doc, _mention(2, 4), doc[0:0], "meeting")
    doc[1].lemma_ = "meet"
    assert not _set_aside(doc, _mention(2, 4), doc[0:0], "meeting")


def test_participants_announced_a_signer_on_behalf_of_a_body_is_no_inviter():
    # "signed on behalf of the Union by Olek Varan": Varan signed; the Union is the one behind him
    doc = _parsed(
        ["It", "was", "signed", "on", "behalf", "of", "the", "Union", "by", "Olek", "Varan"],
        [2, 2, 2, 2, 3, 4, 7, 5, 4, 10, 8],
        ["nsubjpass", "auxpass", "ROOT", "prep", "pobj", "prep", "det", "pobj", "prep", "compound", "pobj"],
        ["PRON", "AUX", "VERB", "ADP", "NOUN", "ADP", "DET", "PROPN", "ADP", "PROPN", "PROPN"],
        ["it", "be", "sign", "on", "behalf", "of", "the", "Union", "by", "Olek", "Varan"],
    )
    assert "inviter" not in _frame(doc, _mention(9, 11), doc[:], doc[0:0], frozenset())
    # "at the invitation by Olek Varan" still names the inviter
    doc[4].lemma_ = "invitation"
    assert "inviter" in _frame(doc, _mention(9, 11), doc[:], doc[0:0], frozenset())


def test_participants_announced_the_agent_of_a_participle_clause_takes_part():
    # "Dosov , accompanied by Olek Varan , entered the Chamber ."
    words = ["Dosov", ",", "accompanied", "by", "Olek", "Varan", ",", "entered", "the", "Chamber", "."]
    heads = [7, 0, 0, 2, 5, 3, 0, 7, 9, 7, 7]
    deps = ["nsubj", "punct", "acl", "agent", "compound", "pobj", "punct", "ROOT", "det", "dobj", "punct"]
    pos = ["PROPN", "PUNCT", "VERB", "ADP", "PROPN", "PROPN", "PUNCT", "VERB", "DET", "PROPN", "PUNCT"]
    lemmas = ["Dosov", ",", "accompany", "by", "Olek", "Varan", ",", "enter", "the", "Chamber", "."]
    tags = ["NNP", ",", "VBN", "IN", "NNP", "NNP", ",", "VBD", "DT", "NNP", "."]
    doc = _parsed(words, heads, deps, pos, lemmas, tags=tags)
    assert _agent_of_contact(doc[5])
    # a participle of no contact on a noun of none: "Dosov , praised by Olek Varan , ..."
    doc[2].lemma_ = "praise"
    assert not _agent_of_contact(doc[5])
    # "the address , delivered by Olek Varan": a speech's agent
    words = ["the", "address", "delivered", "by", "Olek", "Varan"]
    doc = _parsed(
        words,
        [1, 1, 1, 2, 5, 3],
        ["det", "ROOT", "acl", "agent", "compound", "pobj"],
        ["DET", "NOUN", "VERB", "ADP", "PROPN", "PROPN"],
        ["the", "address", "deliver", "by", "Olek", "Varan"],
        tags=["DT", "NN", "VBN", "IN", "NNP", "NNP"],
    )
    assert _agent_of_contact(doc[5])
    doc[1].lemma_ = "book"
    assert not _agent_of_contact(doc[5])
    # "the coalition led by Olek Varan": a group's leader, no party to a contact
    doc[1].lemma_ = "coalition"
    doc[2].lemma_ = "lead"
    assert not _agent_of_contact(doc[5])


def test_participants_announced_members_of_an_acting_group_take_part():
    # "Diplomats including Olek Varan met the Speaker ."
    doc = _parsed(
        ["Diplomats", "including", "Olek", "Varan", "met", "the", "Speaker", "."],
        [4, 0, 3, 1, 4, 6, 4, 4],
        ["nsubj", "prep", "compound", "pobj", "ROOT", "det", "dobj", "punct"],
        ["NOUN", "VERB", "PROPN", "PROPN", "VERB", "DET", "PROPN", "PUNCT"],
        ["diplomat", "include", "Olek", "Varan", "meet", "the", "Speaker", "."],
    )
    assert _in_acting_group(doc[3])
    assert _takes_part(doc, _mention(2, 4), doc[3])
    # a group that is praised does not act: "Diplomats including Olek Varan praised the Speaker"
    doc[4].lemma_ = "praise"
    assert not _in_acting_group(doc[3])


def _courtesy_call() -> Doc:
    # "Olek Varan paid a courtesy call on Ilze Berzina ."
    return _parsed(
        ["Olek", "Varan", "paid", "a", "courtesy", "call", "on", "Ilze", "Berzina", "."],
        [1, 2, 2, 5, 5, 2, 5, 8, 6, 2],
        ["compound", "nsubj", "ROOT", "det", "compound", "dobj", "prep", "compound", "pobj", "punct"],
        ["PROPN", "PROPN", "VERB", "DET", "NOUN", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT"],
        ["Olek", "Varan", "pay", "a", "courtesy", "call", "on", "Ilze", "Berzina", "."],
    )


def test_participants_announced_a_courtesy_call_has_two_parties():
    doc = _courtesy_call()
    assert _active(doc, _mention(0, 2))  # the subject of a verb that holds a contact noun
    assert _takes_part(doc, _mention(7, 9), doc[8])  # the one it is paid on
    # "paid a tribute on Ilze Berzina's birthday": no contact, no party
    doc[5].lemma_ = "tribute"
    assert not _active(doc, _mention(0, 2))
    assert not _takes_part(doc, _mention(7, 9), doc[8])


def test_participants_announced_also_paying_a_call_is_another_meeting():
    # "Dosov also paid a courtesy call on Ilze Berzina ."
    doc = _parsed(
        ["Dosov", "also", "paid", "a", "courtesy", "call", "on", "Ilze", "Berzina", "."],
        [2, 2, 2, 5, 5, 2, 5, 8, 6, 2],
        ["nsubj", "advmod", "ROOT", "det", "compound", "dobj", "prep", "compound", "pobj", "punct"],
        ["PROPN", "ADV", "VERB", "DET", "NOUN", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT"],
        ["Dosov", "also", "pay", "a", "courtesy", "call", "on", "Ilze", "Berzina", "."],
    )
    assert _elsewhere(doc[:], _never_recalled)
    doc = _parsed(
        ["Dosov", "paid", "a", "courtesy", "call", "on", "Ilze", "Berzina", "."],
        [1, 1, 4, 4, 1, 4, 7, 5, 1],
        ["nsubj", "ROOT", "det", "compound", "dobj", "prep", "compound", "pobj", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT"],
        ["Dosov", "pay", "a", "courtesy", "call", "on", "Ilze", "Berzina", "."],
    )
    assert not _elsewhere(doc[:], _never_recalled)


def test_participants_announced_end_to_end_a_later_scheduled_meeting(extractor):
    text = (
        "Speaker of the Senate Arman Dosov met with Speaker of the Saeima Ilze Berzina in Riga "
        "on Monday.\n\nThe two speakers discussed parliamentary cooperation.\n\n"
        "Dosov is scheduled to meet Prime Minister Olek Varan on Wednesday."
    )
    rec = extractor.extract(Article(id="t", source="t", text=text, published=date(2024, 6, 4)))
    assert rec.events, "no event found"
    names = [rec.person(k).name for k in rec.events[0].participants]
    assert names == ["Arman Dosov", "Ilze Berzina"]


def test_participants_announced_separately_received_the_first_is_the_main_contact():
    # "Dosov separately received Olek Varan and Ilze Berzina in the presence of Arno Kask ."
    words = ["Dosov", "separately", "received", "Olek", "Varan", "and", "Ilze", "Berzina"]
    words += ["in", "the", "presence", "of", "Arno", "Kask", "."]
    heads = [2, 2, 2, 4, 2, 4, 7, 4, 2, 10, 8, 10, 13, 11, 2]
    deps = ["nsubj", "advmod", "ROOT", "compound", "dobj", "cc", "compound", "conj"]
    deps += ["prep", "det", "pobj", "prep", "compound", "pobj", "punct"]
    pos = ["PROPN", "ADV", "VERB", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN"]
    pos += ["ADP", "DET", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT"]
    lemmas = [w.lower() if i in (1, 5, 8, 9, 10, 11) else w for i, w in enumerate(words)]
    lemmas[2] = "receive"
    doc = _parsed(words, heads, deps, pos, lemmas)
    mentions = [_mention(0, 1, "a"), _mention(3, 5, "b"), _mention(6, 8, "c"), _mention(12, 14, "d")]
    main = doc[:]
    assert [_after_distributive(doc, main, m, mentions) for m in mentions] == [False, False, True, False]
    # without the adverb, one meeting with both
    plain = _parsed(["Dosov", "warmly", *words[2:]], heads, deps, pos, ["Dosov", "warmly", *lemmas[2:]])
    assert not any(_after_distributive(plain, plain[:], m, mentions) for m in mentions)


def test_participants_announced_candidate_features_name_the_new_frames(extractor):
    text = (
        "Speaker of the Senate Arman Dosov met with Speaker of the Saeima Ilze Berzina in Riga "
        "on Monday.\n\nDosov is scheduled to meet Prime Minister Olek Varan on Wednesday.\n\n"
        "Senator Arno Kask.\n\nThe delegation included Senators Tiit Lepp, Mart Sepp and Juri Tamm."
    )
    article = Article(id="t", source="t", text=text, published=date(2024, 6, 4))
    doc = extractor.nlp(extractor._prepare(article))
    keys, feats = extractor.nlp.get_pipe("parleys_events").candidates(doc)
    by_name = {p.name: feats[p.key] for p in doc._.persons if p.key in feats}
    assert by_name["Olek Varan"].get("all:planned-later") == 1.0
    assert "all:planned-later" not in by_name["Ilze Berzina"]
    assert (
        by_name["Arno Kask"].get("body:verbless") == 1.0 or by_name["Arno Kask"].get("lead:verbless") == 1.0
    )
    assert any(k.endswith(":roster") for k in by_name["Mart Sepp"])
    assert by_name["Arman Dosov"].get("main-announced=False") == 1.0


def _arrived_said(said_first: bool) -> tuple[Doc, list]:
    """ "Dosov arrived to meet Varan , Olek Kask said ." or "Olek Kask said Dosov arrived to meet Varan ." """
    if not said_first:
        words = ["Dosov", "arrived", "to", "meet", "Varan", ",", "Olek", "Kask", "said", "."]
        heads = [1, 8, 3, 1, 3, 8, 7, 8, 8, 8]
        deps = ["nsubj", "ccomp", "aux", "advcl", "dobj", "punct", "compound", "nsubj", "ROOT", "punct"]
        pos = ["PROPN", "VERB", "PART", "VERB", "PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"]
        lemmas = ["Dosov", "arrive", "to", "meet", "Varan", ",", "Olek", "Kask", "say", "."]
        return _parsed(words, heads, deps, pos, lemmas), [
            _mention(0, 1, "a"),
            _mention(4, 5, "b"),
            _mention(6, 8, "c"),
        ]
    words = ["Olek", "Kask", "said", "Dosov", "arrived", "to", "meet", "Varan", "."]
    heads = [1, 2, 2, 4, 2, 6, 4, 6, 2]
    deps = ["compound", "nsubj", "ROOT", "nsubj", "ccomp", "aux", "advcl", "dobj", "punct"]
    pos = ["PROPN", "PROPN", "VERB", "PROPN", "VERB", "PART", "VERB", "PROPN", "PUNCT"]
    lemmas = ["Olek", "Kask", "say", "Dosov", "arrive", "to", "meet", "Varan", "."]
    return _parsed(words, heads, deps, pos, lemmas), [
        _mention(0, 2, "c"),
        _mention(3, 4, "a"),
        _mention(7, 8, "b"),
    ]


def test_participants_announced_a_source_after_the_clause_it_reports():
    doc, mentions = _arrived_said(False)
    assert _trailing_source(doc, mentions[2], mentions)
    assert not _trailing_source(doc, mentions[0], mentions)
    # "Olek Kask said Dosov arrived ...": the subject before what it reports may be a party
    doc, mentions = _arrived_said(True)
    assert not _trailing_source(doc, mentions[0], mentions)


def test_participants_announced_the_sender_behind_conveyed_greetings():
    # "Dosov conveyed Olek Varan 's greetings to Kask ."
    words = ["Dosov", "conveyed", "Olek", "Varan", "'s", "greetings", "to", "Kask", "."]
    heads = [1, 1, 3, 5, 3, 1, 1, 6, 1]
    deps = ["nsubj", "ROOT", "compound", "poss", "case", "dobj", "prep", "pobj", "punct"]
    pos = ["PROPN", "VERB", "PROPN", "PROPN", "PART", "NOUN", "ADP", "PROPN", "PUNCT"]
    lemmas = ["Dosov", "convey", "Olek", "Varan", "'s", "greeting", "to", "Kask", "."]
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert _sends_through(doc, _mention(2, 4))
    # "Dosov returned Olek Varan 's greetings": nothing passed on
    doc[1].lemma_ = "return"
    assert not _sends_through(doc, _mention(2, 4))
    # "Dosov conveyed Olek Varan 's proposals": the possessor of a proposal is not a sender
    doc[1].lemma_ = "convey"
    doc[5].lemma_ = "proposal"
    assert not _sends_through(doc, _mention(2, 4))


# the rules above, end to end through participants(): each test fails with its rule's call removed
WIRED = [
    pytest.param(
        "Speaker of the Senate Arman Dosov met Speaker of the Saeima Ilze Berzina in Riga on Monday, "
        "Olek Kask said.",
        ["Arman Dosov", "Ilze Berzina"],
        id="trailing-source",
    ),
    pytest.param(
        "Speaker of the Senate Arman Dosov on Monday separately received Ambassador of Latvia Ilze "
        "Berzina and Ambassador of Estonia Olek Kask in Astana.",
        ["Arman Dosov", "Ilze Berzina"],
        id="separately-received",
    ),
    pytest.param(
        "During a meeting in Astana on Monday, the visiting minister conveyed Prime Minister Olek "
        "Varan's warm wishes to Speaker Arman Dosov.",
        ["Arman Dosov"],
        id="sender-behind-conveyed-wishes",
    ),
]


@pytest.mark.parametrize(("text", "expected"), WIRED)
def test_participants_announced_end_to_end_sources_and_senders(extractor, text, expected):
    rec = extractor.extract(Article(id="t", source="t", text=text, published=date(2024, 6, 4)))
    assert rec.events, "no event found"
    assert [rec.person(k).name for k in rec.events[0].participants] == expected
