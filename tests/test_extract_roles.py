"""Roles: which office a name holds when the office is set off from it (appositions, relative
clauses, glosses and letters between), which of two offices wins, and the role class by office type.

The names here are invented for the tests; none comes from the gold files.
"""

from __future__ import annotations

import pytest

from test_extract_titles import _roles  # one reading of a text's persons for both files

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "name", "role", "title"),
    [
        # honours and degrees between the name and its office
        (
            "The delegation met Dr. Marek Halvorsen, CBE, Director of Parliamentary Security, in London.",
            "Marek Halvorsen",
            "official",
            "Director of Parliamentary Security",
        ),
        # a bracketed gloss (a party, a country) between the name and its office
        (
            "The meeting was also attended by Tiit Kask (Reform Party), chair of Estonia's National "
            "Defense Committee.",
            "Tiit Kask",
            "mp",
            "chair of Estonia's National Defense Committee",
        ),
        # a modifier that opens a head of its own ("First Secretary", "First Deputy Chairman")
        (
            "Accompanying the Ambassador was Mr. Daniyar Omarov, First Secretary at the Embassy of "
            "Kazakhstan in Brazil.",
            "Daniyar Omarov",
            "official",
            "First Secretary at the Embassy of Kazakhstan in Brazil",
        ),
        (
            "The delegation consists of: Ivan Pelkov, First Deputy Chairman of the Federation Council "
            "Committee on International Affairs; Oleg Sarin, a senator.",
            "Ivan Pelkov",
            "mp",
            "First Deputy Chairman of the Federation Council Committee on International Affairs",
        ),
        # words the vocabulary does not know qualify the head and stay in the office
        (
            '"We agree," said Rolan Pitt, Southern African Regional Representative of the UNHCR.',
            "Rolan Pitt",
            "official",
            "Southern African Regional Representative of the UNHCR",
        ),
        (
            "The Senate President received Karel Novak, Resident Ambassador-Designate of the Czech "
            "Republic to the Philippines.",
            "Karel Novak",
            "ambassador",
            "Resident Ambassador-Designate of the Czech Republic to the Philippines",
        ),
        (
            "According to Paulo Mendes, Marov's spokesman, the president talked with his guest.",
            "Paulo Mendes",
            "official",
            "Marov's spokesman",
        ),
        ("Anna Holm, Sweden's ambassador, met the press.", "Anna Holm", "ambassador", "Sweden's ambassador"),
        # a relative clause: "X, who is the ..."
        (
            "The guests were received by Tomas Berg, who is the Speaker of the Riksdag.",
            "Tomas Berg",
            "speaker",
            "Speaker of the Riksdag",
        ),
        # the last noun of a compound is its head: an assistant deputy speaker is a deputy speaker
        (
            "The team will include Alana Brooks, M.P., Assistant Deputy Speaker, and others.",
            "Alana Brooks",
            "deputy_speaker",
            "Assistant Deputy Speaker",
        ),
    ],
)
def test_extract_roles_office_set_off_after_a_name(extractor, text, name, role, title):
    assert _roles(extractor, text)[name] == (role, title)


def test_extract_roles_unknown_capitalised_words_of_a_body_after_the_head(extractor):
    got = _roles(
        extractor,
        "The meetings were attended by Salma Al Harbi, FNC Assistant Secretary-General for "
        "Parliamentary Communication.",
    )
    assert got["Salma Al Harbi"] == (
        "official",
        "FNC Assistant Secretary-General for Parliamentary Communication",
    )


def test_extract_roles_a_label_of_unknown_words_is_no_office(extractor):
    # ", XYZP member": a party's label before "member" says nothing of an office
    got = _roles(extractor, "Speaker Ana Lopes met John Peterson, XYZP member, on Monday.")
    assert got["John Peterson"] == ("other", None)
    # ... so a list's office reaches the name
    got = _roles(
        extractor, "The delegation consists of Senator Mary Fulton, Peter Johnson, XYZP member, and others."
    )
    assert got["Peter Johnson"] == ("mp", "Senator")


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a fuller office after the name
        (
            "Participating Ministers included Senator the Hon Jane Mirrow, Minister for Defence, and others.",
            "Jane Mirrow",
            "minister",
        ),
        # ... after a line break
        (
            "At the invitation of Her Excellency Ana Rivas, Senator,\nPresident of the Senate, and others.",
            "Ana Rivas",
            "speaker",
        ),
        # ... or set before the legislator's title by a comma
        (
            "The speaker of Freedonia's National Assembly, Rep. Kim Dong-su, said he is seeking unity.",
            "Kim Dong-su",
            "speaker",
        ),
        (
            "The Senate leader met the President Pro Tempore of the Senate, Senator Otto Grell.",
            "Otto Grell",
            "speaker",
        ),
    ],
)
def test_extract_roles_bare_legislator_gives_way_to_a_fuller_office(extractor, text, name, role):
    assert _roles(extractor, text)[name][0] == role


def test_extract_roles_party_or_agency_post_does_not_outrank_a_legislator(extractor):
    got = _roles(
        extractor,
        "Members of the party, led by MP Dr Karl Weiss, Parliamentary State Secretary at the Federal "
        "Ministry of Defence, visited. Speaker Ivo Raab also received the head of the Green Dawn Movement, "
        "MP Hana Kell.",
    )
    assert got["Karl Weiss"][0] == "mp"
    assert got["Hana Kell"][0] == "mp"


def test_extract_roles_stated_office_outranks_a_bare_president(extractor):
    # "President X" alone is read from the kind of news; the office the text states wins
    got = _roles(
        extractor,
        "President Lina Borg opened the session of the assembly. Lina Borg, Speaker of the Riksdag, "
        "thanked the guests.",
    )
    assert got["Lina Borg"] == ("speaker", "Speaker of the Riksdag")


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # the premier or president of a province or region is its official
        (
            "Lord Hemsley met Jane Pradhan, the Premier of Northern Cape Province, on Monday.",
            "Jane Pradhan",
            "official",
        ),
        # a chair of a subject, not of a body, chairs a committee or a portfolio
        (
            "The delegation includes the House Chairperson on International Relations, Mr Sipho Dlamini.",
            "Sipho Dlamini",
            "mp",
        ),
        # a party's general secretary holds a party post; a parliament's is its official
        (
            "General Secretary of the Central Committee of the Communist Party Tuan Minh met the guests.",
            "Tuan Minh",
            "other",
        ),
        ("Ole Saar, general secretary of the Finnish parliament, attended.", "Ole Saar", "official"),
        # a chief executive of a state agency is an official
        (
            "The talks included the Chief Executive Officer of the Tirana Planning Agency, Dr. Omar Bekele.",
            "Omar Bekele",
            "official",
        ),
        # an heir to a throne is no head of state
        (
            "The Senate thanked Sheikh Rashid bin Saif Al Qasimi, Crown Prince of Dubai, for his support.",
            "Rashid bin Saif Al Qasimi",
            "official",
        ),
        # a parliament's principal deputy speaker under its own name
        (
            "Officials present included Rafael Ortiz, Chairman of Ways and Means of the House of Commons.",
            "Rafael Ortiz",
            "deputy_speaker",
        ),
    ],
)
def test_extract_roles_role_class_by_office_type(extractor, text, name, role):
    assert _roles(extractor, text)[name][0] == role


@pytest.mark.parametrize(
    ("text", "name", "role", "title"),
    [
        # honorifics between an office and its name, with their stops and a "the" between them
        (
            "They met Prime Minister Dr. the Rt Hon. Keith Mitchum and others.",
            "Keith Mitchum",
            "head_of_government",
            "Prime Minister",
        ),
        (
            "She recalled the visit by Samdech Techo Prime Minister Sok Vireak to Baku in 2014.",
            "Sok Vireak",
            "head_of_government",
            "Prime Minister",
        ),
        (
            "Home Minister Datuk Seri Rahim Osman met the guests.",
            "Rahim Osman",
            "minister",
            "Home Minister",
        ),
        # "Prince" is an honorific, and the given name after it no office
        (
            "The talks included Saudi Ambassador to Kuwait Prince Sultan bin Saad Al-Faisal.",
            "Sultan bin Saad Al-Faisal",
            "ambassador",
            "Saudi Ambassador to Kuwait",
        ),
        # a body's name of common words before the office is no person whose office it is
        (
            "Speaker Omar Haddad received them in the presence of ‘Bright Future’ Bloc MP Rami Khoury.",
            "Rami Khoury",
            "mp",
            "Bright Future’ Bloc MP",
        ),
        # an "of" phrase after the name completes the office before it
        (
            "Present were Chairperson Ms Thandi Mokoena of the Portfolio Committee on Health and others.",
            "Thandi Mokoena",
            "mp",
            "Chairperson of the Portfolio Committee on Health",
        ),
    ],
)
def test_extract_roles_office_before_a_name_across_honorifics_and_bodies(extractor, text, name, role, title):
    assert _roles(extractor, text)[name] == (role, title)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # an acronym that names no place or parliament makes a president an organization's
        (
            "PA President Giorgi Tsertsvadze addressed the Ministerial Council.",
            "Giorgi Tsertsvadze",
            "official",
        ),
        ("He met the President of the XYZO, Lars Vinter, in Oslo.", "Lars Vinter", "official"),
        # ... but a state named beside it keeps the head of state
        ("(UNI) Russian President Ivan Petrovsky spoke by phone.", "Ivan Petrovsky", "head_of_state"),
    ],
)
def test_extract_roles_president_of_an_acronym_body(extractor, text, name, role):
    assert _roles(extractor, text)[name][0] == role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # ", respectively, A and B": a plural office before a list that the adverb announces
        (
            "The Senate President discussed with Italian and Spanish ambassadors to Jordan, respectively, "
            "Paolo Verdi and Ana Ruiz Lopez, bilateral relations.",
            "Ana Ruiz Lopez",
            "ambassador",
        ),
        # a plural's possessive inside the office: "the United Arab Emirates’ Federal National Council"
        (
            "They included the first female President of the United Arab Emirates’ Federal National "
            "Council, Dr Noura Al Suwaidi, and others.",
            "Noura Al Suwaidi",
            "speaker",
        ),
        # an international subject of a committee does not make its chair an international official
        (
            "The delegation included Oleg Vetrov, Chairman of the Committee on CIS Affairs and Relations "
            "with Compatriots, and others.",
            "Oleg Vetrov",
            "mp",
        ),
        # an office "on" or "for" a subject is an official's, not a diplomat's or a legislator's
        ("He met High Commissioner on National Minorities, Karl Verri.", "Karl Verri", "official"),
        ("He met Representative on Freedom of the Media, Harald Dessel.", "Harald Dessel", "official"),
        # a member of a ministry's council is an official
        (
            "The Vice Chairman received a delegation led by Mr. Xu Dunlin, a member of policy council of "
            "Ministry of Foreign Affairs of China.",
            "Xu Dunlin",
            "official",
        ),
        # "Her Honour" is an honorific between the office and the name
        (
            "The President was represented by the Republican Vice president, Her Honour Mrs Wendy Nalu, MP.",
            "Wendy Nalu",
            "official",
        ),
    ],
)
def test_extract_roles_structures_and_subjects_of_offices(extractor, text, name, role):
    assert _roles(extractor, text)[name][0] == role


def test_extract_roles_bare_president_yields_to_a_stated_state_office_after_the_name(extractor):
    got = _roles(
        extractor,
        "The meetings will be hosted by the Parliament. The 2011 President, Rt Hon John Bertram, MP, "
        "Speaker of the House of Commons, will preside.",
    )
    assert got["John Bertram"] == ("speaker", "Speaker of the House of Commons")
    # ... but not to an international body's chair: a president chairing a summit stays a president
    got = _roles(
        extractor,
        "President Kwame Asante, Chairman of the Authority of Heads of State and Government of the "
        "Economic Community of West African States (ECOWAS), visited Abuja.",
    )
    assert got["Kwame Asante"][0] == "head_of_state"


def test_extract_roles_an_office_between_commas_is_the_name_before_it(extractor):
    # ", the Hon B MP, Minister for Y": the office between A and B's honorific is A's; B's follows B
    got = _roles(
        extractor,
        "Ministers included Senator the Hon Clara Fenn, Minister for International Development and the "
        "Pacific, the Hon Craig Lund MP, Minister for Small and Family Business, and others.",
    )
    assert got["Clara Fenn"] == ("minister", "Minister for International Development and the Pacific")
    assert got["Craig Lund"] == ("minister", "Minister for Small and Family Business")


def test_extract_roles_headline_pair_of_subjects_is_no_apposition(extractor):
    # "A, B's president talk": a plural verb after the pair; the office is another person's
    got = _roles(
        extractor, "Lindqvist, Norway's president talk about trade\nPresident Erik Lindqvist met the press."
    )
    assert got["Erik Lindqvist"] == ("head_of_state", "President")


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # common words of a body's name do not break the office read leftwards from a name
        (
            "He met the Acting Assistant Secretary for the Department of State's Bureau of Western "
            "Hemisphere Affairs, Michael Kovak, on Monday.",
            "Michael Kovak",
            "official",
        ),
        (
            "The Speaker met Secretary for Relations with States within the Holy See's Secretariat of State "
            "Paul Galloway on Saturday.",
            "Paul Galloway",
            "official",
        ),
        # a gloss on the body inside the office
        (
            "Attending were Deputy Chairman of the Federation Council, the upper house of the Russian "
            "parliament Konstantin Kosov, and others.",
            "Konstantin Kosov",
            "deputy_speaker",
        ),
        # a friendship league's president heads a friendship group: a legislator
        (
            "He met Mr. ETO Seiji, President of the Japan-Canada Parliamentary Friendship League.",
            "ETO Seiji",
            "mp",
        ),
        # a plural in a body's name after "of" is no office of the name
        (
            "The Ambassador met the President of the Conference of Speakers Lena Holt on Monday.",
            "Lena Holt",
            "official",
        ),
        # a name "of" or "from" a named state body that only officials serve
        (
            "They were accompanied by Ms Lena Grazi from the Embassy of the German Federal Republic.",
            "Lena Grazi",
            "official",
        ),
    ],
)
def test_extract_roles_office_chains_across_body_names(extractor, text, name, role):
    assert _roles(extractor, text)[name][0] == role


def test_extract_roles_body_name_tail_of_common_words_is_no_person(extractor):
    got = _roles(
        extractor,
        "The Society of Clerks-at-the-Table in Commonwealth Parliaments will also meet, and the Minister "
        "for Immigration and Border Protection Carl Dunne attended.",
    )
    assert "Commonwealth Parliaments" not in got
    assert "Border Protection" not in got
    # the body names' tails are dropped, the person after them is kept with the whole office
    assert got == {"Carl Dunne": ("minister", "Minister for Immigration and Border Protection")}


def test_extract_roles_counterpart_holds_the_office_of_the_possessor(extractor):
    # "A and her Russian counterpart B": B holds the office A holds, stated elsewhere in the text
    got = _roles(
        extractor,
        "Chairperson of the Council of the Republic Nadia Kovalenko arrived in Moscow on Monday, where "
        "she met Prime Minister Oleg Marin. Nadia Kovalenko and her Russian counterpart Vera Lebedeva "
        "also visited a monastery.",
    )
    assert got["Vera Lebedeva"][0] == "speaker"


@pytest.mark.parametrize(
    "text",
    [
        # a word no name may hold ends the first name early: the list goes on past it
        "Chief Whip Rafiq Alam Kabir and lawmakers Tovan Islam, Sorel Okaru, Nadim Veshty and Kamrul "
        "Ahsandi are accompanying the speaker.",
        # a place's name inside a name breaks it in two: the list goes on past both pieces
        "Chief Whip Rafiq Alam Kabir and lawmakers Tanvir Hossainul Karim, Rezaul Bari Munshi, Sorel "
        "Okaru, Nadim Veshty and Kamrul Ahsandi are accompanying the speaker.",
    ],
)
def test_extract_roles_a_plural_office_reaches_past_a_broken_item_of_its_list(extractor, text):
    roles = _roles(extractor, text)
    assert roles["Rafiq Alam Kabir"] == ("mp", "Chief Whip")
    for name in ("Sorel Okaru", "Nadim Veshty", "Kamrul Ahsandi"):
        assert roles[name] == ("mp", "lawmakers"), name


def test_extract_roles_listed_over_needs_commas_capitals_and_names_between():
    import spacy

    from parleys.extract.names import NameRun
    from parleys.extract.persons import _listed_over

    doc = spacy.blank("en")(
        "lawmakers Ana Bel Islam , Cor Dun , Eda Fen and Gil Hart spoke with Ivo Jas , Kim"
    )
    ana, cor, eda, gil, ivo, kim = (
        NameRun(1, 3),
        NameRun(5, 7),
        NameRun(8, 10),
        NameRun(11, 13),
        NameRun(15, 17),
        NameRun(18, 19),
    )
    names = {i for r in (ana, cor, eda, gil, ivo, kim) for i in range(r.start, r.end)}
    assert _listed_over(doc, ana, cor, names)  # "Islam ," : the rest of Ana's item
    assert _listed_over(doc, ana, eda, names)  # and one more item between
    assert _listed_over(doc, ana, gil, names)  # two items, the last closed by "and"
    assert not _listed_over(doc, gil, ivo, names)  # "spoke with": lowercase words end the list
    assert not _listed_over(doc, ivo, kim, names)  # a comma alone: the plain list rule's case
    assert not _listed_over(doc, ana, eda, names - {5, 6})  # an item with no name's word
