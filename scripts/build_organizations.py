"""Write the registry of international organizations into ``src/parleys/data/organizations.json``.

    .venv/bin/python scripts/build_organizations.py           # rewrite the registry part
    .venv/bin/python scripts/build_organizations.py --check   # exit 1 if the file is out of date

The registry below is written from general knowledge of international organizations and
multilateral bodies (the UN system, regional organizations, financial institutions,
interparliamentary assemblies), not from the evaluation articles. The script checks it (no code
twice, no strong acronym claimed by two bodies, every parent and assembly parent known) and writes
the keys ``organizations``, ``assemblies``, ``national`` and ``open_world`` of organizations.json; the
other keys
of the file (``about``, ``confidence``, ``patterns``, ``clutter``, ``format_codes``) are kept as
they are.

An entry is ``(code, names, acronyms, options)``:

- ``code``: the FORMAT.md code where the list has one (those entries say ``canonical``), else the
  body's full English name; a body without a FORMAT.md code is reported under the full name the
  article writes, when it writes one of ``names`` (``Cooperation Council for the Arab States of
  the Gulf`` rather than ``Gulf Cooperation Council``), else under ``code``;
- ``names``: full names, short names and former names (matched case-insensitively);
- ``acronyms``: case-sensitive whole-token forms; those of four letters or more also match in
  title case ("Nato", "Asean") unless ``exact`` is set;
- options: ``aliases`` (names reported under ``code``: the body's own summits, as the
  "Commonwealth Heads of Government Meeting" is the Commonwealth, and short or possessive forms),
  ``implies`` (bodies an article names by naming this one: the "Council of the European Union"
  names the EU), ``weak`` (forms that are also words or other bodies' initials: they count only when
  the article names the body another way), ``parent`` (the organization the body belongs to),
  ``group`` (entries that are one body written in two ways), ``unless`` (a bare short name that
  means another body when that body is named: "the Commonwealth" in an article about the CIS),
  ``canonical`` (always reported under ``code``), ``exact``, ``parliamentary`` (a body of
  parliaments whose names do not say so; names with "Parliament", "Legislative" or "Speakers"
  are parliamentary anyway).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "parleys" / "data" / "organizations.json"

C = {"canonical": True}


def o(code: str, names: list[str] | None = None, acronyms: list[str] | None = None, **opts: object):
    return (code, names or [], acronyms or [], opts)


# --- the UN system ------------------------------------------------------------------------------
UN_SYSTEM = [
    o(
        "UN",
        [
            "United Nations",
            "United Nations Organization",
            "UN General Assembly",
            "United Nations General Assembly",
            "General Assembly of the United Nations",
            "UN Security Council",
            "United Nations Security Council",
            "Security Council of the United Nations",
            "UN Secretary-General",
            "UN Secretary General",
            "United Nations Secretary-General",
            "United Nations Secretary General",
            "Secretary-General of the United Nations",
            "UN Secretariat",
            "United Nations Secretariat",
            "UN Charter",
            "Charter of the United Nations",
            "United Nations Charter",
        ],
        ["UN", "U.N.", "UNO", "UNGA", "UNSC"],
        **C,
    ),
    o(
        "UNESCO",
        [
            "United Nations Educational, Scientific and Cultural Organization",
            "UN Educational, Scientific and Cultural Organization",
        ],
        ["UNESCO"],
        **C,
    ),
    o("WTO", ["World Trade Organization"], ["WTO"], **C),
    o(
        "United Nations Development Programme",
        ["United Nations Development Programme", "UN Development Programme"],
        ["UNDP"],
        parent="UN",
    ),
    o(
        "United Nations Environment Programme",
        ["United Nations Environment Programme", "UN Environment Programme", "UN Environment"],
        ["UNEP"],
        parent="UN",
    ),
    o(
        "United Nations Human Settlements Programme",
        ["United Nations Human Settlements Programme", "UN Human Settlements Programme"],
        ["UN-Habitat", "UN-HABITAT", "UNHabitat"],
        parent="UN",
    ),
    o(
        "United Nations High Commissioner for Refugees",
        [
            "United Nations High Commissioner for Refugees",
            "UN High Commissioner for Refugees",
            "Office of the United Nations High Commissioner for Refugees",
            "UN Refugee Agency",
            "United Nations Refugee Agency",
        ],
        ["UNHCR"],
        parent="UN",
    ),
    o(
        "Office of the United Nations High Commissioner for Human Rights",
        ["Office of the United Nations High Commissioner for Human Rights", "UN Human Rights Office"],
        ["OHCHR"],
        parent="UN",
    ),
    o(
        "United Nations Human Rights Council",
        ["United Nations Human Rights Council", "UN Human Rights Council"],
        ["UNHRC"],
        parent="UN",
    ),
    o(
        "United Nations Economic and Social Council",
        ["United Nations Economic and Social Council", "UN Economic and Social Council"],
        ["ECOSOC"],
        parent="UN",
    ),
    o(
        "United Nations Children's Fund",
        ["United Nations Children's Fund", "UN Children's Fund"],
        ["UNICEF"],
        parent="UN",
    ),
    o(
        "United Nations Population Fund",
        ["United Nations Population Fund", "UN Population Fund"],
        ["UNFPA"],
        parent="UN",
    ),
    o(
        "World Food Programme",
        ["World Food Programme", "United Nations World Food Programme", "UN World Food Programme"],
        ["WFP"],
        parent="UN",
    ),
    o(
        "Food and Agriculture Organization",
        [
            "Food and Agriculture Organization",
            "Food and Agriculture Organization of the United Nations",
            "United Nations Food and Agriculture Organization",
            "UN Food and Agriculture Organization",
        ],
        ["FAO"],
        parent="UN",
    ),
    o("World Health Organization", ["World Health Organization"], [], weak=["WHO"], parent="UN"),
    o(
        "Pan American Health Organization",
        ["Pan American Health Organization", "Pan-American Health Organization"],
        ["PAHO"],
    ),
    o(
        "International Labour Organization",
        [
            "International Labour Organization",
            "International Labor Organization",
            "International Labour Office",
        ],
        ["ILO"],
        parent="UN",
    ),
    o(
        "International Maritime Organization",
        ["International Maritime Organization"],
        [],
        weak=["IMO"],
        parent="UN",
    ),
    o(
        "International Civil Aviation Organization",
        ["International Civil Aviation Organization"],
        ["ICAO"],
        parent="UN",
    ),
    o(
        "International Telecommunication Union",
        ["International Telecommunication Union", "International Telecommunications Union"],
        ["ITU"],
        parent="UN",
    ),
    o("Universal Postal Union", ["Universal Postal Union"], ["UPU"], parent="UN"),
    o("World Meteorological Organization", ["World Meteorological Organization"], ["WMO"], parent="UN"),
    o(
        "World Intellectual Property Organization",
        ["World Intellectual Property Organization"],
        ["WIPO"],
        parent="UN",
    ),
    o(
        "International Fund for Agricultural Development",
        ["International Fund for Agricultural Development"],
        ["IFAD"],
        parent="UN",
    ),
    o(
        "United Nations Industrial Development Organization",
        ["United Nations Industrial Development Organization", "UN Industrial Development Organization"],
        ["UNIDO"],
        parent="UN",
    ),
    o(
        "World Tourism Organization",
        [
            "World Tourism Organization",
            "United Nations World Tourism Organization",
            "UN World Tourism Organization",
            "UN Tourism",
        ],
        ["UNWTO"],
        parent="UN",
    ),
    o(
        "United Nations Conference on Trade and Development",
        ["United Nations Conference on Trade and Development", "UN Conference on Trade and Development"],
        ["UNCTAD"],
        parent="UN",
    ),
    o(
        "UN Women",
        ["UN Women", "United Nations Entity for Gender Equality and the Empowerment of Women"],
        parent="UN",
    ),
    o(
        "Joint United Nations Programme on HIV/AIDS",
        ["Joint United Nations Programme on HIV/AIDS"],
        ["UNAIDS"],
        parent="UN",
    ),
    o(
        "United Nations Office on Drugs and Crime",
        ["United Nations Office on Drugs and Crime", "UN Office on Drugs and Crime"],
        ["UNODC"],
        parent="UN",
    ),
    o(
        "United Nations Office for the Coordination of Humanitarian Affairs",
        [
            "United Nations Office for the Coordination of Humanitarian Affairs",
            "UN Office for the Coordination of Humanitarian Affairs",
        ],
        ["OCHA", "UNOCHA"],
        parent="UN",
        exact=True,
    ),
    o(
        "United Nations Relief and Works Agency for Palestine Refugees in the Near East",
        [
            "United Nations Relief and Works Agency for Palestine Refugees in the Near East",
            "United Nations Relief and Works Agency",
            "UN Relief and Works Agency",
        ],
        ["UNRWA"],
        parent="UN",
    ),
    o(
        "United Nations Framework Convention on Climate Change",
        [
            "United Nations Framework Convention on Climate Change",
            "UN Framework Convention on Climate Change",
        ],
        ["UNFCCC"],
        parent="UN",
    ),
    o(
        "United Nations Convention to Combat Desertification",
        ["United Nations Convention to Combat Desertification", "UN Convention to Combat Desertification"],
        ["UNCCD"],
        parent="UN",
    ),
    o(
        "United Nations Office for Disaster Risk Reduction",
        ["United Nations Office for Disaster Risk Reduction", "UN Office for Disaster Risk Reduction"],
        ["UNDRR"],
        parent="UN",
    ),
    o(
        "United Nations Office of Counter-Terrorism",
        ["United Nations Office of Counter-Terrorism", "UN Office of Counter-Terrorism"],
        ["UNOCT"],
        parent="UN",
    ),
    o(
        "United Nations Alliance of Civilizations",
        [
            "United Nations Alliance of Civilizations",
            "UN Alliance of Civilizations",
            "Alliance of Civilizations",
        ],
        ["UNAOC"],
        parent="UN",
    ),
    o("United Nations University", ["United Nations University", "UN University"], ["UNU"], parent="UN"),
    o(
        "United Nations Institute for Training and Research",
        ["United Nations Institute for Training and Research"],
        ["UNITAR"],
        parent="UN",
    ),
    o(
        "United Nations Office for Project Services",
        ["United Nations Office for Project Services"],
        ["UNOPS"],
        parent="UN",
    ),
    o(
        "United Nations Special Programme for the Economies of Central Asia",
        [
            "United Nations Special Programme for the Economies of Central Asia",
            "UN Special Programme for the Economies of Central Asia",
        ],
        ["SPECA"],
        parent="UN",
    ),
    o(
        "United Nations Regional Centre for Preventive Diplomacy for Central Asia",
        [
            "United Nations Regional Centre for Preventive Diplomacy for Central Asia",
            "UN Regional Centre for Preventive Diplomacy for Central Asia",
        ],
        ["UNRCCA"],
        parent="UN",
    ),
    o(
        "United Nations Economic and Social Commission for Asia and the Pacific",
        [
            "United Nations Economic and Social Commission for Asia and the Pacific",
            "UN Economic and Social Commission for Asia and the Pacific",
            "Economic and Social Commission for Asia and the Pacific",
        ],
        ["ESCAP", "UNESCAP"],
        parent="UN",
    ),
    o(
        "United Nations Economic Commission for Europe",
        [
            "United Nations Economic Commission for Europe",
            "UN Economic Commission for Europe",
            "Economic Commission for Europe",
        ],
        ["UNECE"],
        parent="UN",
    ),
    o(
        "United Nations Economic Commission for Africa",
        [
            "United Nations Economic Commission for Africa",
            "UN Economic Commission for Africa",
            "Economic Commission for Africa",
        ],
        ["UNECA"],
        parent="UN",
    ),
    o(
        "Economic Commission for Latin America and the Caribbean",
        [
            "Economic Commission for Latin America and the Caribbean",
            "United Nations Economic Commission for Latin America and the Caribbean",
            "UN Economic Commission for Latin America and the Caribbean",
        ],
        ["ECLAC", "CEPAL"],
        parent="UN",
    ),
    o(
        "United Nations Economic and Social Commission for Western Asia",
        [
            "United Nations Economic and Social Commission for Western Asia",
            "Economic and Social Commission for Western Asia",
        ],
        ["ESCWA"],
        parent="UN",
    ),
    o("International Atomic Energy Agency", ["International Atomic Energy Agency"], ["IAEA"]),
    o("International Organization for Migration", ["International Organization for Migration"], ["IOM"]),
    o("International Court of Justice", ["International Court of Justice"], ["ICJ"], parent="UN"),
    o("International Criminal Court", ["International Criminal Court"], [], weak=["ICC"]),
    o(
        "Organisation for the Prohibition of Chemical Weapons",
        ["Organisation for the Prohibition of Chemical Weapons"],
        ["OPCW"],
    ),
    o(
        "Comprehensive Nuclear-Test-Ban Treaty Organization",
        [
            "Comprehensive Nuclear-Test-Ban Treaty Organization",
            "Comprehensive Nuclear Test Ban Treaty Organization",
        ],
        ["CTBTO"],
    ),
    o(
        "United Nations Peacekeeping Force in Cyprus",
        ["United Nations Peacekeeping Force in Cyprus", "UN Peacekeeping Force in Cyprus"],
        ["UNFICYP"],
        parent="UN",
    ),
    o(
        "United Nations Interim Force in Lebanon",
        ["United Nations Interim Force in Lebanon", "UN Interim Force in Lebanon"],
        ["UNIFIL"],
        parent="UN",
    ),
    o(
        "United Nations Mission in South Sudan",
        ["United Nations Mission in South Sudan", "UN Mission in South Sudan"],
        ["UNMISS"],
        parent="UN",
    ),
    o(
        "United Nations Organization Stabilization Mission in the Democratic Republic of the Congo",
        ["United Nations Organization Stabilization Mission in the Democratic Republic of the Congo"],
        ["MONUSCO"],
        parent="UN",
    ),
]

# --- finance, trade and economy -----------------------------------------------------------------
FINANCE = [
    o("International Monetary Fund", ["International Monetary Fund"], ["IMF"]),
    o(
        "World Bank",
        ["World Bank", "World Bank Group", "International Bank for Reconstruction and Development"],
        ["IBRD"],
    ),
    o(
        "International Finance Corporation",
        ["International Finance Corporation"],
        ["IFC"],
        parent="World Bank",
    ),
    o("Asian Development Bank", ["Asian Development Bank"], ["ADB"]),
    o("Asian Infrastructure Investment Bank", ["Asian Infrastructure Investment Bank"], ["AIIB"]),
    o(
        "European Bank for Reconstruction and Development",
        ["European Bank for Reconstruction and Development"],
        ["EBRD"],
    ),
    o("European Investment Bank", ["European Investment Bank"], ["EIB"]),
    o("Eurasian Development Bank", ["Eurasian Development Bank"], [], weak=["EDB"]),
    o("Islamic Development Bank", ["Islamic Development Bank"], ["IsDB"], weak=["IDB"]),
    o(
        "Inter-American Development Bank",
        ["Inter-American Development Bank", "Interamerican Development Bank"],
        ["IADB"],
        weak=["IDB"],
    ),
    o("African Development Bank", ["African Development Bank"], ["AfDB"]),
    o(
        "New Development Bank",
        ["New Development Bank", "BRICS Development Bank", "BRICS Bank"],
        [],
        weak=["NDB"],
    ),
    o(
        "Development Bank of Latin America",
        ["Development Bank of Latin America", "Development Bank of Latin America and the Caribbean"],
        [],
        weak=["CAF"],
    ),
    o("Black Sea Trade and Development Bank", ["Black Sea Trade and Development Bank"], ["BSTDB"]),
    o(
        "Arab Fund for Economic and Social Development",
        ["Arab Fund for Economic and Social Development"],
        ["AFESD"],
    ),
    o("Arab Monetary Fund", ["Arab Monetary Fund"]),
    o("OPEC Fund for International Development", ["OPEC Fund for International Development", "OPEC Fund"]),
    o("Bank for International Settlements", ["Bank for International Settlements"], [], weak=["BIS"]),
    o("International Investment Bank", ["International Investment Bank"], [], weak=["IIB"]),
    o("Financial Action Task Force", ["Financial Action Task Force"], ["FATF"]),
    o(
        "Organisation for Economic Co-operation and Development",
        ["Organisation for Economic Co-operation and Development"],
        ["OECD"],
    ),
    o(
        "Organization of the Petroleum Exporting Countries",
        ["Organization of the Petroleum Exporting Countries"],
        ["OPEC", "OPEC+"],
    ),
    o(
        "Organization of Arab Petroleum Exporting Countries",
        ["Organization of Arab Petroleum Exporting Countries"],
        ["OAPEC"],
    ),
    o("Gas Exporting Countries Forum", ["Gas Exporting Countries Forum"], ["GECF"]),
    o("International Energy Agency", ["International Energy Agency"], [], weak=["IEA"]),
    o(
        "International Renewable Energy Agency",
        ["International Renewable Energy Agency"],
        ["IRENA"],
        exact=True,
    ),
    o("World Customs Organization", ["World Customs Organization"], ["WCO"]),
    o("Energy Charter", ["Energy Charter Conference", "Energy Charter Secretariat"]),
]

# --- plurilateral groups and global forums -------------------------------------------------------
GLOBAL = [
    o("Group of Seven", ["Group of Seven"], ["G7", "G-7"]),
    o("Group of Eight", ["Group of Eight"], ["G8", "G-8"]),
    o("G20", ["Group of Twenty"], ["G20", "G-20"], weak=["P20"]),
    o("Group of 77", ["Group of 77", "Group of Seventy-Seven"], ["G77", "G-77"]),
    o("BRICS", [], ["BRICS"]),
    o("MIKTA", [], ["MIKTA"]),
    o("Non-Aligned Movement", ["Non-Aligned Movement", "Non Aligned Movement"], [], weak=["NAM"]),
    # the Commonwealth's summits are the Commonwealth, as the General Assembly is the UN
    o(
        "Commonwealth of Nations",
        ["Commonwealth of Nations", "Commonwealth Secretariat"],
        ["CHOGM"],
        aliases=["Commonwealth Heads of Government Meeting"],
        bare=["Commonwealth"],
        unless=["CIS", "CIS IPA"],
    ),
    o(
        "International Organisation of La Francophonie",
        [
            "International Organisation of La Francophonie",
            "International Organization of the Francophonie",
            "Organisation internationale de la Francophonie",
            "La Francophonie",
            "Francophonie",
        ],
        ["OIF"],
    ),
    o(
        "Community of Portuguese Language Countries",
        ["Community of Portuguese Language Countries", "Community of Portuguese-Speaking Countries"],
        ["CPLP"],
    ),
    o("Organization of Ibero-American States", ["Organization of Ibero-American States"], ["OEI"]),
    o("Ibero-American Summit", ["Ibero-American Summit"]),
    o("Interpol", ["International Criminal Police Organization"], ["Interpol", "INTERPOL"]),
    o("International Committee of the Red Cross", ["International Committee of the Red Cross"], ["ICRC"]),
    o(
        "International Federation of Red Cross and Red Crescent Societies",
        ["International Federation of Red Cross and Red Crescent Societies"],
        ["IFRC"],
    ),
    o(
        "CONGRESS_RELIGIONS",
        [
            "Congress of Leaders of World and Traditional Religions",
            "Congress of World and Traditional Religions",
            "Congress of Leaders of the World and Traditional Religions",
            "Congress of the Leaders of World and Traditional Religions",
        ],
        **C,
    ),
]

# --- Europe -------------------------------------------------------------------------------------
EUROPE = [
    o(
        "EU",
        ["European Union", "European Community", "European Communities", "European Economic Community"],
        ["EU", "E.U."],
        **C,
    ),
    o(
        "EP",
        ["European Parliament", "Members of the European Parliament", "Member of the European Parliament"],
        ["MEP", "MEPs"],
        parent="EU",
        **C,
    ),
    o(
        "European Commission",
        ["European Commission", "Commission of the European Union", "EU Commission"],
        parent="EU",
    ),
    o("European Council", ["European Council"], parent="EU"),
    o(
        "Council of the European Union",
        ["Council of the European Union", "Council of the EU", "EU Council"],
        parent="EU",
        implies=["EU"],
    ),
    o(
        "Court of Justice of the European Union",
        ["Court of Justice of the European Union", "European Court of Justice"],
        ["CJEU"],
        parent="EU",
    ),
    o("European Central Bank", ["European Central Bank"], ["ECB"], parent="EU"),
    o("European External Action Service", ["European External Action Service"], ["EEAS"], parent="EU"),
    o(
        "European Economic and Social Committee",
        ["European Economic and Social Committee"],
        ["EESC"],
        parent="EU",
    ),
    o("European Committee of the Regions", ["European Committee of the Regions"], parent="EU"),
    o("Frontex", ["European Border and Coast Guard Agency"], ["Frontex"], parent="EU"),
    o("Europol", ["European Union Agency for Law Enforcement Cooperation"], ["Europol"], parent="EU"),
    o(
        "Conference of Speakers of the European Union Parliaments",
        [
            "Conference of Speakers of the European Union Parliaments",
            "Conference of Speakers of EU Parliaments",
        ],
    ),
    o(
        "Conference of Parliamentary Committees for Union Affairs",
        ["Conference of Parliamentary Committees for Union Affairs"],
        ["COSAC"],
    ),
    o("Council of Europe", ["Council of Europe"], ["CoE"]),
    o(
        "European Court of Human Rights",
        ["European Court of Human Rights"],
        ["ECHR", "ECtHR"],
        parent="Council of Europe",
    ),
    o(
        "European Commission for Democracy through Law",
        ["European Commission for Democracy through Law", "Venice Commission"],
        parent="Council of Europe",
    ),
    o(
        "Group of States against Corruption",
        ["Group of States against Corruption"],
        ["GRECO"],
        parent="Council of Europe",
        exact=True,
    ),
    o(
        "OSCE",
        [
            "Organization for Security and Co-operation in Europe",
            "Conference on Security and Co-operation in Europe",
        ],
        ["OSCE", "CSCE"],
        **C,
    ),
    o(
        "Office for Democratic Institutions and Human Rights",
        ["Office for Democratic Institutions and Human Rights"],
        ["ODIHR"],
        parent="OSCE",
    ),
    o("NATO", ["North Atlantic Treaty Organization", "North Atlantic Alliance"], ["NATO"], **C),
    o("European Free Trade Association", ["European Free Trade Association"], ["EFTA"]),
    o("Nordic Council", ["Nordic Council"], parliamentary=True),
    o("Nordic Council of Ministers", ["Nordic Council of Ministers"]),
    o("Baltic Assembly", ["Baltic Assembly"], parliamentary=True),
    o("Baltic Council of Ministers", ["Baltic Council of Ministers"]),
    o("Nordic-Baltic Eight", ["Nordic-Baltic Eight", "Nordic Baltic Eight"], ["NB8", "NB-8"]),
    o("Council of the Baltic Sea States", ["Council of the Baltic Sea States"], ["CBSS"]),
    o("Baltic Sea Parliamentary Conference", ["Baltic Sea Parliamentary Conference"], ["BSPC"]),
    o("Benelux", ["Benelux Union"], ["Benelux"]),
    o("Benelux Interparliamentary Assembly", ["Benelux Interparliamentary Assembly", "Benelux Parliament"]),
    o("Visegrad Group", ["Visegrad Group", "Visegrád Group", "Visegrad Four", "Visegrád Four"], ["V4"]),
    o("Three Seas Initiative", ["Three Seas Initiative"], [], weak=["3SI"]),
    o("Bucharest Nine", ["Bucharest Nine"], ["B9"]),
    o("Weimar Triangle", ["Weimar Triangle"]),
    o("Central European Initiative", ["Central European Initiative"], [], weak=["CEI"]),
    o(
        "South-East European Cooperation Process",
        ["South-East European Cooperation Process", "South East European Cooperation Process"],
        ["SEECP"],
    ),
    o("Regional Cooperation Council", ["Regional Cooperation Council"], ["RCC"]),
    o("Adriatic and Ionian Initiative", ["Adriatic and Ionian Initiative", "Adriatic-Ionian Initiative"]),
    o("Eastern Partnership", ["Eastern Partnership"], [], weak=["EaP"]),
    o(
        "Euronest Parliamentary Assembly",
        ["Euronest Parliamentary Assembly", "EURONEST Parliamentary Assembly"],
        ["EURONEST", "Euronest"],
    ),
    o("Union for the Mediterranean", ["Union for the Mediterranean"], ["UfM"]),
    o(
        "Parliamentary Assembly of the Union for the Mediterranean",
        ["Parliamentary Assembly of the Union for the Mediterranean"],
        ["PA-UfM"],
    ),
    o(
        "Parliamentary Assembly of the Mediterranean",
        ["Parliamentary Assembly of the Mediterranean"],
        [],
        weak=["PAM"],
    ),
    o("Asia-Europe Meeting", ["Asia-Europe Meeting", "Asia Europe Meeting"], ["ASEM"], exact=True),
    o("Asia-Europe Parliamentary Partnership", ["Asia-Europe Parliamentary Partnership"], ["ASEP"]),
    o("European Political Community", ["European Political Community"]),
    o(
        "Organization for Democracy and Economic Development",
        [
            "Organization for Democracy and Economic Development",
            "GUAM Organization for Democracy and Economic Development",
        ],
        ["GUAM"],
        exact=True,
    ),
    o(
        "Organization of the Black Sea Economic Cooperation",
        [
            "Organization of the Black Sea Economic Cooperation",
            "Black Sea Economic Cooperation Organization",
            "Black Sea Economic Cooperation",
        ],
        ["BSEC"],
    ),
    o(
        "PABSEC",
        [
            "Parliamentary Assembly of the Black Sea Economic Cooperation",
            "Black Sea Economic Cooperation Parliamentary Assembly",
        ],
        ["PABSEC", "PA-BSEC", "PA BSEC", "PABSEC's"],
        **C,
    ),
    o("Energy Community", ["Energy Community"]),
    o("Danube Commission", ["Danube Commission"]),
    o("Salzburg Forum", ["Salzburg Forum"]),
]

# --- Eurasia and the Turkic world ------------------------------------------------------------------
EURASIA = [
    o("CIS", ["Commonwealth of Independent States"], ["CIS", "C.I.S."], **C),
    o(
        "CSTO",
        ["Collective Security Treaty Organization", "Organization of the Collective Security Treaty"],
        ["CSTO", "OCST", "OTCS"],
        **C,
    ),
    o("EAEU", ["Eurasian Economic Union"], ["EAEU", "EEU", "EaEU"], **C),
    o("Eurasian Economic Commission", ["Eurasian Economic Commission"], [], weak=["EEC"], parent="EAEU"),
    o(
        "Eurasian Economic Community",
        ["Eurasian Economic Community"],
        ["EurAsEC", "EurasEC", "EuraSEC", "EURASEC"],
    ),
    o(
        "Union State of Russia and Belarus",
        ["Union State of Russia and Belarus", "Union State of Belarus and Russia"],
        aliases=["Union State"],
    ),
    o(
        "Parliamentary Assembly of the Union of Belarus and Russia",
        [
            "Parliamentary Assembly of the Union of Belarus and Russia",
            "Parliamentary Assembly of the Union State of Belarus and Russia",
            "Parliamentary Assembly of the Union State of Russia and Belarus",
            "Parliamentary Assembly of the Union State",
        ],
    ),
    o("SCO", ["Shanghai Cooperation Organization", "Shanghai Five"], ["SCO"], **C),
    o(
        "Regional Anti-Terrorist Structure",
        ["Regional Anti-Terrorist Structure"],
        ["RATS"],
        parent="SCO",
        exact=True,
    ),
    o(
        "CICA",
        [
            "Conference on Interaction and Confidence-Building Measures in Asia",
            "Conference on Interaction and Confidence Building Measures in Asia",
        ],
        ["CICA"],
        **C,
    ),
    o(
        "OTS",
        [
            "Organization of Turkic States",
            "Turkic Council",
            "Cooperation Council of Turkic Speaking States",
            "Cooperation Council of Turkic-speaking States",
            "Turkic-Speaking States Cooperation Council",
            "Turkic Speaking States Cooperation Council",
            "Council of Cooperation of Turkic-speaking States",
            "Council of Cooperation of Turkic Speaking States",
            "Turkic Cooperation Council",
        ],
        ["OTS"],
        **C,
    ),
    o(
        "TURKPA",
        [
            "Parliamentary Assembly of Turkic States",
            "Parliamentary Assembly of Turkic-speaking Countries",
            "Parliamentary Assembly of Turkic-speaking States",
            "Parliamentary Assembly of Turkic Speaking Countries",
            "Parliamentary Assembly of Turkic Speaking States",
            "Parliamentary Assembly of Turkic-speaking Nations",
            "Parliamentary Assembly of Turkic Countries",
            "Turkic Parliamentary Assembly",
        ],
        ["TurkPA", "TURKPA", "TÜRKPA", "Turkpa", "TürkPA"],
        **C,
    ),
    o(
        "International Organization of Turkic Culture",
        ["International Organization of Turkic Culture"],
        ["TURKSOY", "Turksoy", "TÜRKSOY"],
    ),
    o("International Turkic Academy", ["International Turkic Academy"], ["TWESCO"], group="Turkic Academy"),
    o("Turkic Academy", ["Turkic Academy"], group="Turkic Academy"),
    o("Economic Cooperation Organization", ["Economic Cooperation Organization"], [], weak=["ECO"]),
    o(
        "Central Asia Regional Economic Cooperation",
        ["Central Asia Regional Economic Cooperation"],
        ["CAREC"],
    ),
    o("International Fund for Saving the Aral Sea", ["International Fund for Saving the Aral Sea"], ["IFAS"]),
    o(
        "CA_FORUM",
        [
            "Consultative Meeting of the Heads of State of Central Asia",
            "Consultative Meetings of the Heads of State of Central Asia",
            "Consultative Meeting of Heads of State of Central Asian Countries",
            "Consultative Meeting of the Heads of State of Central Asian Countries",
            "Consultative Meeting of the Heads of Central Asian States",
            "Consultative meetings of the leaders of Central Asian states",
            "Consultative meeting of the leaders of Central Asian states",
            "Consultative meetings of the leaders of Central Asian countries",
            "Consultative meeting of the leaders of Central Asian countries",
            "Consultative meetings of the heads of Central Asian states",
            "Central Asian Interparliamentary Forum",
            "Central Asian Inter-Parliamentary Forum",
            "Central Asia Interparliamentary Forum",
            "Central Asia Inter-Parliamentary Forum",
            "Interparliamentary Forum of Central Asian States",
            "Inter-Parliamentary Forum of Central Asian States",
            "Interparliamentary Forum of Central Asian Countries",
            "Inter-Parliamentary Forum of Central Asian Countries",
            "Interparliamentary Forum of the countries of Central Asia",
            "Inter-Parliamentary Forum of the countries of Central Asia",
            "Forum of Central Asian Parliaments",
        ],
        **C,
    ),
    o("C5", ["C5+1", "C5 + 1", "C5+", "Central Asia plus", "Central Asia + 1", "Central Asia Plus One"], **C),
    o(
        "Meeting of Speakers of Eurasian Countries' Parliaments",
        [
            "Meeting of Speakers of Eurasian Countries' Parliaments",
            "Meeting of the Speakers of Eurasian Countries' Parliaments",
            "Meeting of Speakers of the Eurasian Countries' Parliaments",
            "Conference of Eurasian Parliaments' Speakers",
            "Conference of Speakers of Eurasian Parliaments",
            "Meeting of Eurasian Parliaments' Speakers",
            "Meeting of Speakers of Eurasian Parliaments",
            "Eurasian Speakers' Conference",
            "Eurasian Speakers' Meeting",
            "Eurasian Speakers Meeting",
        ],
        **C,
    ),
]

# --- the Middle East and the Islamic world ----------------------------------------------------------
MIDDLE_EAST = [
    o("League of Arab States", ["League of Arab States", "Arab League"]),
    o("Arab Parliament", ["Arab Parliament"], parent="League of Arab States"),
    o(
        "Arab Inter-Parliamentary Union",
        ["Arab Inter-Parliamentary Union", "Arab Interparliamentary Union", "Arab Parliamentary Union"],
        ["AIPU"],
    ),
    o(
        "Gulf Cooperation Council",
        ["Gulf Cooperation Council", "Cooperation Council for the Arab States of the Gulf"],
        ["GCC"],
    ),
    o("Arab Maghreb Union", ["Arab Maghreb Union"], ["UMA"]),
    o(
        "OIC",
        [
            "Organization of Islamic Cooperation",
            "Organization of the Islamic Conference",
            "Organization of Islamic Conference",
            "Organisation for Islamic Cooperation",
            "Organization for Islamic Cooperation",
        ],
        ["OIC"],
        **C,
    ),
    o(
        "Parliamentary Union of the OIC Member States",
        [
            "Parliamentary Union of the OIC Member States",
            "Parliamentary Union of OIC Member States",
            "Parliamentary Union of the Organization of Islamic Cooperation Member States",
            "OIC Parliamentary Union",
            "Parliamentary Union of the Organisation of Islamic Cooperation Member States",
            "Parliamentary Union of Islamic Countries",
        ],
        ["PUIC"],
        parent="OIC",
    ),
    o(
        "Islamic World Educational, Scientific and Cultural Organization",
        [
            "Islamic World Educational, Scientific and Cultural Organization",
            "Islamic Educational, Scientific and Cultural Organization",
        ],
        ["ICESCO", "ISESCO"],
        parent="OIC",
    ),
    o(
        "APA",
        ["Asian Parliamentary Assembly", "Association of Asian Parliaments for Peace"],
        ["AAPP"],
        weak=["APA"],
        parliamentary=True,
        **C,
    ),
]

# --- Africa -----------------------------------------------------------------------------------------
AFRICA = [
    o("African Union", ["African Union", "Organisation of African Unity"], ["AU", "OAU"]),
    o(
        "African Union Commission",
        ["African Union Commission", "AU Commission", "Commission of the African Union"],
        ["AUC"],
        parent="African Union",
    ),
    o(
        "Pan-African Parliament",
        ["Pan-African Parliament", "Pan African Parliament"],
        [],
        weak=["PAP"],
        parent="African Union",
    ),
    o(
        "Economic, Social and Cultural Council of the African Union",
        ["Economic, Social and Cultural Council of the African Union"],
        ["ECOSOCC"],
        parent="African Union",
        aliases=[
            "Economic, Social and Cultural Council",
            "African Union's Economic, Social and Cultural Council",
            "AU's Economic, Social and Cultural Council",
        ],
    ),
    o(
        "African Union Development Agency",
        ["African Union Development Agency"],
        ["AUDA-NEPAD"],
        parent="African Union",
        group="AUDA-NEPAD",
    ),
    o(
        "NEPAD Planning and Coordinating Agency",
        ["NEPAD Planning and Coordinating Agency", "NEPAD Planning and Coordination Agency", "NEPAD Agency"],
        parent="African Union",
        group="AUDA-NEPAD",
    ),
    o(
        "New Partnership for Africa's Development",
        ["New Partnership for Africa's Development"],
        ["NEPAD"],
        parent="African Union",
    ),
    o("African Peer Review Mechanism", ["African Peer Review Mechanism"], ["APRM"], parent="African Union"),
    o(
        "African Continental Free Trade Area",
        ["African Continental Free Trade Area", "African Continental Free Trade Agreement"],
        ["AfCFTA"],
    ),
    o("African Court on Human and Peoples' Rights", ["African Court on Human and Peoples' Rights"]),
    o("Economic Community of West African States", ["Economic Community of West African States"], ["ECOWAS"]),
    o("ECOWAS Commission", ["ECOWAS Commission"], parent="Economic Community of West African States"),
    o(
        "ECOWAS Court of Justice",
        ["ECOWAS Court of Justice", "ECOWAS Court"],
        parent="Economic Community of West African States",
    ),
    o("Southern African Development Community", ["Southern African Development Community"], ["SADC"]),
    o("East African Community", ["East African Community"], ["EAC"]),
    o(
        "East African Legislative Assembly",
        ["East African Legislative Assembly"],
        ["EALA"],
        parent="East African Community",
    ),
    o("Intergovernmental Authority on Development", ["Intergovernmental Authority on Development"], ["IGAD"]),
    o(
        "Economic Community of Central African States",
        ["Economic Community of Central African States"],
        ["ECCAS", "CEEAC"],
    ),
    o(
        "Central African Economic and Monetary Community",
        ["Central African Economic and Monetary Community"],
        ["CEMAC"],
    ),
    o(
        "West African Economic and Monetary Union",
        ["West African Economic and Monetary Union"],
        ["WAEMU", "UEMOA"],
    ),
    o(
        "Common Market for Eastern and Southern Africa",
        ["Common Market for Eastern and Southern Africa"],
        ["COMESA"],
    ),
    o("Southern African Customs Union", ["Southern African Customs Union"], ["SACU"]),
    o("Indian Ocean Commission", ["Indian Ocean Commission"]),
    o(
        "International Conference on the Great Lakes Region",
        ["International Conference on the Great Lakes Region"],
        ["ICGLR"],
    ),
    o("G5 Sahel", ["G5 Sahel", "G5 Sahel Joint Force"]),
    o("Alliance of Sahel States", ["Alliance of Sahel States"]),
    o("Community of Sahel-Saharan States", ["Community of Sahel-Saharan States"], ["CEN-SAD"]),
    o("African Parliamentary Union", ["African Parliamentary Union"]),
]

# --- Asia and the Pacific ------------------------------------------------------------------------------
ASIA_PACIFIC = [
    o(
        "ASEAN",
        [
            "Association of Southeast Asian Nations",
            "Association of South East Asian Nations",
            "Association of South-East Asian Nations",
        ],
        ["ASEAN"],
        **C,
    ),
    o("ASEAN Regional Forum", ["ASEAN Regional Forum"], ["ARF"], parent="ASEAN"),
    o("East Asia Summit", ["East Asia Summit"], [], parent="ASEAN"),
    o(
        "Asia-Pacific Economic Cooperation",
        ["Asia-Pacific Economic Cooperation", "Asia Pacific Economic Cooperation"],
        ["APEC"],
    ),
    o(
        "Asia-Pacific Parliamentary Forum",
        ["Asia-Pacific Parliamentary Forum", "Asia Pacific Parliamentary Forum"],
        ["APPF"],
    ),
    o("Pacific Islands Forum", ["Pacific Islands Forum", "South Pacific Forum"], [], weak=["PIF"]),
    o("Pacific Community", ["Pacific Community", "Secretariat of the Pacific Community"], [], weak=["SPC"]),
    o(
        "South Asian Association for Regional Cooperation",
        ["South Asian Association for Regional Cooperation"],
        ["SAARC"],
    ),
    o(
        "Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation",
        ["Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation"],
        ["BIMSTEC"],
    ),
    o("Indian Ocean Rim Association", ["Indian Ocean Rim Association"], ["IORA"]),
    o("Asia Cooperation Dialogue", ["Asia Cooperation Dialogue"], [], weak=["ACD"]),
    o("Mekong River Commission", ["Mekong River Commission"], [], weak=["MRC"]),
    o("Mekong-Lancang Cooperation", ["Mekong-Lancang Cooperation", "Lancang-Mekong Cooperation"]),
    o("Quadrilateral Security Dialogue", ["Quadrilateral Security Dialogue"]),
    o(
        "Regional Comprehensive Economic Partnership",
        ["Regional Comprehensive Economic Partnership"],
        ["RCEP"],
    ),
    o(
        "Comprehensive and Progressive Agreement for Trans-Pacific Partnership",
        ["Comprehensive and Progressive Agreement for Trans-Pacific Partnership"],
        ["CPTPP"],
    ),
    o("Colombo Plan", ["Colombo Plan"]),
]

# --- the Americas -------------------------------------------------------------------------------------
AMERICAS = [
    o("Organization of American States", ["Organization of American States"], ["OAS"]),
    o(
        "Inter-American Commission on Human Rights",
        ["Inter-American Commission on Human Rights"],
        ["IACHR"],
        parent="Organization of American States",
    ),
    o(
        "Inter-American Court of Human Rights",
        ["Inter-American Court of Human Rights"],
        parent="Organization of American States",
    ),
    o(
        "Caribbean Community",
        ["Caribbean Community", "Caribbean Community and Common Market"],
        ["CARICOM", "Caricom"],
    ),
    o("Organisation of Eastern Caribbean States", ["Organisation of Eastern Caribbean States"], ["OECS"]),
    o("Association of Caribbean States", ["Association of Caribbean States"], [], weak=["ACS"]),
    o(
        "Community of Latin American and Caribbean States",
        ["Community of Latin American and Caribbean States"],
        ["CELAC"],
    ),
    o("Southern Common Market", ["Southern Common Market"], ["MERCOSUR", "Mercosur", "Mercosul", "MERCOSUL"]),
    o(
        "Mercosur Parliament",
        ["Mercosur Parliament", "Parliament of Mercosur", "MERCOSUR Parliament"],
        ["Parlasur", "PARLASUR"],
        parent="Southern Common Market",
    ),
    o("Pacific Alliance", ["Pacific Alliance"]),
    o("Andean Community", ["Andean Community", "Andean Community of Nations"]),
    o("Andean Parliament", ["Andean Parliament"], parent="Andean Community"),
    o("Central American Integration System", ["Central American Integration System"], ["SICA"], exact=True),
    o(
        "Central American Parliament",
        ["Central American Parliament"],
        ["PARLACEN", "Parlacen"],
        parent="Central American Integration System",
    ),
    o(
        "Latin American and Caribbean Parliament",
        ["Latin American and Caribbean Parliament", "Latin American Parliament"],
        ["Parlatino", "PARLATINO"],
    ),
    o("ParlAmericas", [], ["ParlAmericas", "PARLAMERICAS"], parliamentary=True),
    o("Amazon Cooperation Treaty Organization", ["Amazon Cooperation Treaty Organization"], ["ACTO", "OTCA"]),
    o(
        "Amazonia Parliament",
        ["Amazonia Parliament", "Amazon Parliament", "Amazonian Parliament"],
        ["PARLAMAZ", "Parlamaz"],
    ),
    o(
        "Bolivarian Alliance for the Peoples of Our America",
        ["Bolivarian Alliance for the Peoples of Our America"],
        ["ALBA", "ALBA-TCP"],
        exact=True,
    ),
    o("Union of South American Nations", ["Union of South American Nations"], ["UNASUR", "Unasur"]),
    o(
        "Forum of Presidents of Legislative Powers of Central America and the Caribbean Basin",
        [
            "Forum of Presidents of Legislative Powers of Central America and the Caribbean Basin",
            "Forum of Presidents of Legislative Powers of Central America",
        ],
        ["FOPREL"],
    ),
    o("Summit of the Americas", ["Summit of the Americas"]),
    o("Lima Group", ["Lima Group"]),
]

# --- interparliamentary bodies without a parent organization ----------------------------------------
PARLIAMENTARY = [
    o(
        "IPU",
        [
            "Inter-Parliamentary Union",
            "Interparliamentary Union",
            "Inter Parliamentary Union",
            "InterParliamentary Union",
        ],
        ["IPU"],
        parliamentary=True,
        **C,
    ),
    o(
        "Association of Secretaries General of Parliaments",
        ["Association of Secretaries General of Parliaments"],
        ["ASGP"],
        parent="IPU",
    ),
    o(
        "Commonwealth Parliamentary Association",
        ["Commonwealth Parliamentary Association"],
        [],
        weak=["CPA", "CPC"],
        aliases=["Commonwealth Parliamentary Conference"],
    ),
    o(
        "Commonwealth Women Parliamentarians",
        ["Commonwealth Women Parliamentarians"],
        ["CWP"],
        parent="Commonwealth Parliamentary Association",
    ),
    o(
        "Society of Clerks-at-the-Table in Commonwealth Parliaments",
        [
            "Society of Clerks-at-the-Table in Commonwealth Parliaments",
            "Society of Clerks at the Table in Commonwealth Parliaments",
        ],
        ["SoCATT", "SOCATT"],
        group="SoCATT",
        parliamentary=True,
    ),
    o(
        "Society of Clerks-at-the-Table",
        ["Society of Clerks-at-the-Table", "Society of Clerks at the Table"],
        group="SoCATT",
        parliamentary=True,
    ),
    o(
        "Conference of Speakers and Presiding Officers of the Commonwealth",
        [
            "Conference of Speakers and Presiding Officers of the Commonwealth",
            "Commonwealth Conference of Speakers and Presiding Officers",
            "Conference of Commonwealth Speakers and Presiding Officers",
        ],
        ["CSPOC"],
    ),
    o(
        "Parliamentary Assembly of the Francophonie",
        [
            "Parliamentary Assembly of the Francophonie",
            "Parliamentary Assembly of La Francophonie",
            "Assemblée parlementaire de la Francophonie",
        ],
        ["APF"],
    ),
    o(
        "Parliamentary Assembly of the Community of Portuguese Language Countries",
        ["Parliamentary Assembly of the Community of Portuguese Language Countries"],
    ),
    o("Parliamentarians for Global Action", ["Parliamentarians for Global Action"]),
    o(
        "Parliamentary Network on the World Bank and International Monetary Fund",
        [
            "Parliamentary Network on the World Bank and International Monetary Fund",
            "Parliamentary Network on the World Bank and IMF",
            "Parliamentary Network on the World Bank",
        ],
    ),
    o(
        "Parliamentary Network of the Non-Aligned Movement",
        [
            "Parliamentary Network of the Non-Aligned Movement",
            "Parliamentary Network of Non-Aligned Movement",
            "Parliamentary Network of the NAM",
            "NAM's Parliamentary Network",
        ],
        group="NAM network",
    ),
    o(
        "Non-Aligned Movement Parliamentary Network",
        ["Non-Aligned Movement Parliamentary Network", "NAM Parliamentary Network"],
        group="NAM network",
    ),
]

ORGANIZATIONS = [
    e
    for e in UN_SYSTEM
    + FINANCE
    + GLOBAL
    + EUROPE
    + EURASIA
    + MIDDLE_EAST
    + AFRICA
    + ASIA_PACIFIC
    + AMERICAS
    + PARLIAMENTARY
]

# Parliamentary assemblies whose names are built from the parent's names and acronyms
# ("OSCE Parliamentary Assembly", "Parliamentary Assembly of the OSCE", "OSCE PA", "PA OSCE").
ASSEMBLIES = [
    {
        "code": "OSCE PA",
        "of": "OSCE",
        "kinds": ["Parliamentary Assembly"],
        "short": ["PA"],
        "canonical": True,
    },
    {
        "code": "CIS IPA",
        "of": "CIS",
        "kinds": ["Inter-Parliamentary Assembly", "Interparliamentary Assembly", "Parliamentary Assembly"],
        "short": ["IPA", "PA"],
        "canonical": True,
        "names": [
            "Inter-Parliamentary Assembly of Member Nations of the Commonwealth of Independent States",
            "Interparliamentary Assembly of Member Nations of the Commonwealth of Independent States",
            "Inter-Parliamentary Assembly of the Member Nations of the Commonwealth of Independent States",
            "Inter-Parliamentary Assembly of the CIS Member Nations",
            "Inter-Parliamentary Assembly of the CIS Member States",
            "Interparliamentary Assembly of the CIS Member States",
            "Inter-Parliamentary Assembly of CIS Member Nations",
            "IPA of the CIS",
            "CIS Interparliamentary Assembly",
        ],
    },
    {
        "code": "NATO PA",
        "of": "NATO",
        "kinds": ["Parliamentary Assembly"],
        "short": ["PA"],
        "canonical": True,
    },
    {
        "code": "PACE",
        "of": "Council of Europe",
        "kinds": ["Parliamentary Assembly"],
        "short": ["PA"],
        "canonical": True,
        "acronyms": ["PACE"],
        "exact": True,
    },
    {
        "code": "AIPA",
        "of": "ASEAN",
        "kinds": [
            "Inter-Parliamentary Assembly",
            "Interparliamentary Assembly",
            "Parliamentary Assembly",
            "Inter-Parliamentary Organization",
        ],
        "short": ["IPA"],
        "acronyms": ["AIPA", "AIPO"],
        "canonical": True,
    },
    {
        "code": "PABSEC",
        "of": "Organization of the Black Sea Economic Cooperation",
        "kinds": ["Parliamentary Assembly"],
        "short": ["PA"],
        "canonical": True,
    },
    {
        "code": "Parliamentary Assembly of the Collective Security Treaty Organization",
        "of": "CSTO",
        "kinds": ["Parliamentary Assembly"],
        "short": ["PA"],
        "canonical": True,
    },
    {
        "code": "Parliamentary Assembly of the Eurasian Economic Community",
        "of": "Eurasian Economic Community",
        "kinds": ["Interparliamentary Assembly", "Inter-Parliamentary Assembly", "Parliamentary Assembly"],
        "short": ["PA", "IPA"],
    },
    {
        "code": "Parliamentary Assembly of the Economic Cooperation Organization",
        "of": "Economic Cooperation Organization",
        "kinds": ["Parliamentary Assembly"],
        "short": ["PA"],
        "acronyms": ["PAECO"],
    },
    {
        "code": "Parliamentary Assembly of the Organization of Islamic Cooperation",
        "of": "OIC",
        "kinds": ["Parliamentary Assembly"],
        "short": [],
    },
    {
        "code": "ECOWAS Parliament",
        "of": "Economic Community of West African States",
        "kinds": ["Parliament"],
        "short": [],
        "names": ["Community Parliament of ECOWAS", "ECOWAS Community Parliament"],
    },
    {
        "code": "Southern African Development Community Parliamentary Forum",
        "of": "Southern African Development Community",
        "kinds": ["Parliamentary Forum"],
        "short": ["PF"],
        "acronyms": ["SADCPF"],
    },
    {"code": "BRICS Parliamentary Forum", "of": "BRICS", "kinds": ["Parliamentary Forum"], "short": []},
    {
        "code": "South-East European Cooperation Process Parliamentary Assembly",
        "of": "South-East European Cooperation Process",
        "kinds": ["Parliamentary Assembly"],
        "short": ["PA"],
    },
    {
        "code": "Parliamentary Dimension of the Central European Initiative",
        "of": "Central European Initiative",
        "kinds": ["Parliamentary Dimension"],
        "short": ["PD"],
    },
    {
        "code": "Parliamentary Assembly of the Organization for Democracy and Economic Development",
        "of": "Organization for Democracy and Economic Development",
        "kinds": ["Parliamentary Assembly"],
        "short": ["PA"],
    },
    {
        "code": "Parliamentary Assembly of the Union for the Mediterranean",
        "of": "Union for the Mediterranean",
        "kinds": ["Parliamentary Assembly"],
        "short": ["PA"],
    },
    {
        "code": "GCC Consultative Council",
        "of": "Gulf Cooperation Council",
        "kinds": ["Consultative Council"],
        "short": [],
    },
    {
        "code": "ICGLR Forum of Parliaments",
        "of": "International Conference on the Great Lakes Region",
        "kinds": ["Forum of Parliaments"],
        "short": [],
    },
]

# National bodies whose names contain an organization's name: a mention inside one of them is no
# organization ("Foreign, Commonwealth and Development Office", "Committee on EU Affairs").
NATIONAL = [
    "Foreign, Commonwealth and Development Office",
    "Foreign and Commonwealth Office",
    "Commonwealth of Australia",
    "Commonwealth of Dominica",
    "Commonwealth of the Bahamas",
    "Commonwealth of the Northern Mariana Islands",
    "Commonwealth of Massachusetts",
    "Commonwealth of Pennsylvania",
    "Commonwealth of Virginia",
    "Commonwealth of Kentucky",
    "Commonwealth of Puerto Rico",
    "Commonwealth Games",
    "Commonwealth Bank",
    "British Commonwealth Games",
]

# Open-world recognition (parleys/extract/open_organizations.py) of bodies no registry lists.
OPEN_WORLD = {
    "about": "A capitalised name whose head is one of 'heads' names a multilateral body when a cue stands "
    "before "
    "the head ('cues', words starting with 'cue_prefixes', 'regions') or its 'of' phrase holds a region or "
    "one of 'plurals'; a name holding a country, demonym or city, one of 'national' or one of 'stop' is no "
    "international body.",
    "heads": [
        "Assembly",
        "Organization",
        "Organisation",
        "Union",
        "Council",
        "Forum",
        "Network",
        "Partnership",
        "Parliament",
        "Commission",
        "Alliance",
        "Association",
        "Community",
        "Committee",
        "Fund",
        "Bank",
        "Agency",
        "Movement",
        "Group",
        "Initiative",
        "Court",
        "Secretariat",
        "Federation",
        "League",
        "Congress",
        "Dialogue",
        "Platform",
        "Coalition",
        "Society",
        "Caucus",
        "Bureau",
    ],
    "proposals": [
        "set",
        "establish",
        "establishing",
        "establishment",
        "create",
        "creating",
        "creation",
        "found",
        "founding",
        "form",
        "forming",
        "formation",
        "propose",
        "proposed",
        "proposal",
        "proposing",
        "idea",
        "initiative",
        "future",
        "planned",
        "would",
    ],
    "regional_heads": ["Committee", "Commission", "Group", "Court"],
    "generic": [
        "Parliamentary",
        "Parliament",
        "Parliaments",
        "Cooperation",
        "Co-operation",
        "Economic",
        "Joint",
        "Permanent",
        "Standing",
        "Secretary",
        "General",
        "Member",
        "States",
        "Countries",
        "Nations",
        "Speakers",
        "Women",
        "Youth",
        "Young",
    ],
    "cues": [
        "International",
        "World",
        "Global",
        "Regional",
        "Intergovernmental",
        "Interstate",
        "Interparliamentary",
        "Interregional",
        "Intercontinental",
        "Inter",
        "Multilateral",
        "Transnational",
        "Transatlantic",
        "Continental",
        "Pan",
        "Intra",
        "Latin",
        "Ibero",
        "Euro",
    ],
    "cue_prefixes": ["euro", "eurasia", "afro", "asia"],
    "regions": [
        "African",
        "Africa",
        "Asian",
        "Asia",
        "Arab",
        "Islamic",
        "Muslim",
        "European",
        "Europe",
        "Eurasian",
        "Pacific",
        "Atlantic",
        "Mediterranean",
        "Nordic",
        "Baltic",
        "Caribbean",
        "Balkan",
        "Balkans",
        "Caspian",
        "Commonwealth",
        "Francophone",
        "Turkic",
        "Slavic",
        "Andean",
        "Amazon",
        "Amazonian",
        "Amazonia",
        "Sahel",
        "Maghreb",
        "Mekong",
        "Danube",
        "Arctic",
        "Oceania",
        "Americas",
        "Adriatic",
        "Ionian",
        "Himalayan",
        "Scandinavian",
    ],
    "plurals": ["States", "Nations", "Countries", "Parliaments", "Peoples", "Governments", "Legislatures"],
    "national": [
        "National",
        "Federal",
        "Republic",
        "Republican",
        "Ministry",
        "State",
        "Presidential",
        "Royal",
        "Supreme",
        "Municipal",
        "City",
        "Provincial",
        "Party",
        "Government",
        "Senate",
        "House",
    ],
    "stop": [
        "Affairs",
        "Relations",
        "Policy",
        "University",
        "School",
        "College",
        "Company",
        "Corporation",
        "Airlines",
        "Airways",
        "News",
        "Media",
        "Championship",
        "Championships",
        "Cup",
        "Games",
        "Festival",
        "Expo",
        "Exhibition",
        "Day",
        "Week",
        "Prize",
        "Award",
        "Awards",
        "Olympic",
        "Football",
        "Club",
        "Church",
        "Hotel",
        "Hospital",
        "Foundation",
        "Institute",
        "Times",
        "Post",
        "Herald",
        "Tribune",
        "Friendship",
        "Chamber",
        "Inter-Chamber",
        "Bilateral",
        "Business",
    ],
}


def entry(code: str, names: list[str], acronyms: list[str], opts: dict) -> dict:
    out: dict = {"code": code}
    if names:
        out["names"] = names
    if acronyms:
        out["acronyms"] = acronyms
    for key in ("aliases", "weak", "bare", "unless", "implies", "parent", "group"):
        if opts.get(key):
            out[key] = opts[key]
    if opts.get("canonical"):
        out["canonical"] = True
    if opts.get("exact"):
        out["exact"] = True
    if opts.get("parliamentary"):
        out["parliamentary"] = True
    return out


def build() -> tuple[list[dict], list[dict]]:
    orgs = [entry(*e) for e in ORGANIZATIONS]
    codes = Counter(o["code"] for o in orgs)
    dup = [c for c, n in codes.items() if n > 1]
    if dup:
        raise SystemExit(f"codes listed twice: {dup}")
    strong = Counter(a for o in orgs for a in o.get("acronyms", ()))
    strong.update(a for asm in ASSEMBLIES for a in asm.get("acronyms", ()))
    shared = [a for a, n in strong.items() if n > 1]
    if shared:
        raise SystemExit(f"acronyms claimed by two bodies (make them 'weak'): {shared}")
    known = set(codes)
    for o in orgs:
        for key in ("parent",):
            if o.get(key) and o[key] not in known:
                raise SystemExit(f"{o['code']}: unknown {key} {o[key]!r}")
        for rival in list(o.get("unless", ())) + list(o.get("implies", ())):
            if rival not in known and rival not in {a["code"] for a in ASSEMBLIES}:
                raise SystemExit(f"{o['code']}: unknown rival {rival!r}")
    for asm in ASSEMBLIES:
        if asm["of"] not in known:
            raise SystemExit(f"{asm['code']}: unknown parent {asm['of']!r}")
    return orgs, ASSEMBLIES


def render(current: dict) -> str:
    orgs, assemblies = build()
    data = dict(current)
    data["organizations"] = orgs
    data["assemblies"] = assemblies
    data["national"] = NATIONAL
    data["open_world"] = OPEN_WORLD
    # one entry a line: the file stays readable and its diffs small
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            rows = ",\n".join("    " + json.dumps(v, ensure_ascii=False) for v in value)
            parts.append(f"  {json.dumps(key)}: [\n{rows}\n  ]")
        elif isinstance(value, dict) and len(json.dumps(value)) > 200:
            rows = ",\n".join(
                f"    {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in value.items()
            )
            parts.append(f"  {json.dumps(key)}: {{\n{rows}\n  }}")
        else:
            parts.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if organizations.json is out of date")
    args = parser.parse_args(argv)
    current = json.loads(OUT.read_text(encoding="utf-8"))
    text = render(current)
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run scripts/build_organizations.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(
        f"wrote {len(json.loads(text)['organizations'])} organizations, {len(ASSEMBLIES)} assemblies to {OUT}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
