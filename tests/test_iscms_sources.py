"""The registry's data files against a transcription of the 2019 ISCM assessment report's Annex 2 (fact sheet)
and Annex 10 (thematic foci), made by hand from /work/shared/seeds/iscm-assessment-report-2019.txt so that
nothing reads the source at run time."""

from typing import NamedTuple

import pytest
import sqlalchemy as sa
import yaml

from coordinator.extensions import db
from coordinator.iscms.models import Theme
from coordinator.iscms.seed import DATA_DIR, seed_registry


class FactSheetRow(NamedTuple):
    """One row of Annex 2, cell by cell; the lists are the cell's items, the notes its words around them."""

    name: str
    acronym: str | None
    type: str
    member_states: int
    established: int
    established_note: str | None
    organisations: tuple[str, ...]
    #: The cell's words when it names no organisation ("Not applicable", "None").
    organisations_wording: str | None
    #: The chair-in-office cell as printed, and the holders it names (past or incoming ones too).
    chair: str
    chair_holders: tuple[str, ...]
    secretariats: tuple[str, ...]
    #: Words of the secretariat cell beyond the names of the secretariats.
    secretariats_note: str | None = None


NA = "Not applicable"
ANNEX_2 = {
    1: FactSheetRow(
        "5+5 Dialogue on Migration in the Western Mediterranean",
        "5+5 Dialogue on Migration",
        "IRF",
        10,
        2002,
        None,
        ("Union for the Mediterranean", "Western Mediterranean Forum"),
        None,
        "Morocco",
        ("Morocco",),
        ("Union for the Mediterranean", "Western Mediterranean Forum"),
    ),
    2: FactSheetRow(
        "African Union–Horn of Africa Initiative on Human Trafficking and Smuggling of Migrants",
        "AU–HoAI",
        "RCP",
        8,
        2014,
        None,
        ("African Union",),
        None,
        "Sudan",
        ("Sudan",),
        ("African Union", "IOM", "UNHCR"),
    ),
    3: FactSheetRow(
        "African, Caribbean and Pacific Group of States–European Union Dialogue on Migration",
        "ACP–EU",
        "IRF",
        108,
        2000,
        None,
        ("African, Caribbean and Pacific Group of States (ACP)", "European Commission"),
        None,
        "Romania and Namibia",
        ("Romania", "Namibia"),
        ("ACP Secretariat",),
    ),
    4: FactSheetRow(
        "Almaty Process on Refugee Protection and International Migration",
        None,
        "RCP",
        7,
        2013,
        None,
        (),
        NA,
        "Tajikistan",
        ("Tajikistan",),
        ("IOM", "UNHCR"),
    ),
    5: FactSheetRow(
        "Arab Regional Consultative Process on Migration and Refugee Affairs",
        "ARCP",
        "RCP",
        21,
        2015,
        None,
        ("League of Arab States",),
        None,
        NA,
        (),
        ("League of Arab States",),
    ),
    6: FactSheetRow(
        "Bali Process on People Smuggling, Trafficking in Persons and Related Transnational Crime",
        None,
        "IRF",
        45,
        2002,
        None,
        (),
        NA,
        "Australia and Indonesia",
        ("Australia", "Indonesia"),
        ("IOM",),
    ),
    7: FactSheetRow(
        "Budapest Process",
        None,
        "IRF",
        53,
        1993,
        None,
        (),
        NA,
        "Turkey and Hungary (co-chair)",
        ("Turkey", "Hungary"),
        ("ICMPD",),
    ),
    8: FactSheetRow(
        "Caribbean Migration Consultations",
        "CMC",
        "RCP",
        23,
        2016,
        None,
        (),
        NA,
        "None currently (incoming: Jamaica)",
        ("Jamaica",),
        ("IOM", "UNHCR"),
    ),
    9: FactSheetRow(
        "Central American Commission of Migration Directors",
        "OCAM",
        "RCP",
        8,
        1999,
        None,
        ("Central American Integration System (SICA)",),
        None,
        "Guatemala",
        ("Guatemala",),
        ("IOM",),
    ),
    10: FactSheetRow(
        "Coordinated Mekong Ministerial Initiative Against Trafficking",
        "COMMIT",
        "RCP",
        6,
        2004,
        None,
        (),
        "None",
        "Myanmar",
        ("Myanmar",),
        ("UNDP",),
    ),
    11: FactSheetRow(
        "Eastern Partnership Panel on Migration, Mobility and Integrated Border Management",
        "EaP Panel",
        "RCP",
        34,
        2001,
        "as the Söderköping Process",
        ("European Commission",),
        None,
        "None",
        (),
        ("European Commission", "IOM"),
    ),
    12: FactSheetRow(
        "Euro-African Dialogue on Migration and Development",
        "Rabat Process",
        "IRF",
        57,
        2006,
        None,
        ("European Commission", "Commission of the Economic Community of West African States (ECOWAS)"),
        None,
        "Burkina Faso",
        ("Burkina Faso",),
        ("European Commission", "ECOWAS", "ICMPD"),
    ),
    13: FactSheetRow(
        "European Union–Horn of Africa Migration Route Initiative",
        "Khartoum Process",
        "IRF",
        41,
        2014,
        None,
        ("African Union Commission (AUC)", "European Commission"),
        None,
        "Eritrea",
        ("Eritrea",),
        ("AUC", "European Commission", "ICMPD"),
    ),
    14: FactSheetRow(
        "European Union–Latin America and the Caribbean Structured and Comprehensive Bi-regional Dialogue on "
        "Migration",
        "EU-CELAC MD",
        "IRF",
        61,
        2009,
        None,
        ("European Union", "Community of Latin American and Caribbean States (CELAC)"),
        None,
        "Bolivia (Plurinational State of) and the European Commission",
        ("Bolivia (Plurinational State of)", "European Commission"),
        (),
        "None currently (past secretariats: IOM and International and Ibero-American Foundation for "
        "Administration and Public Policies (FIAPP))",
    ),
    15: FactSheetRow(
        "Global Forum on Migration and Development",
        "GFMD",
        "Global process",
        195,
        2007,
        None,
        (),
        NA,
        "Ecuador",
        ("Ecuador",),
        ("GFMD Support Unit",),
    ),
    16: FactSheetRow(
        "Ibero-American Forum on Migration and Development",
        "FIBEMYD",
        "IRF",
        22,
        2008,
        None,
        ("Ibero-American General Secretariat (SEGIB)",),
        None,
        "Andorra",
        ("Andorra",),
        ("SEGIB",),
    ),
    17: FactSheetRow(
        "Ibero-American Network of Migration Authorities",
        "RIAM",
        "IRF",
        18,
        2012,
        None,
        (),
        NA,
        "Peru",
        ("Peru",),
        ("IOM",),
    ),
    18: FactSheetRow(
        "Migration Dialogue for the Intergovernmental Authority on Development Region",
        "MID-IGAD",
        "RCP",
        7,
        2008,
        None,
        ("Intergovernmental Authority on Development (IGAD)",),
        None,
        "Ethiopia",
        ("Ethiopia",),
        ("IGAD Secretariat",),
        "in collaboration with the African Union Commission and IOM",
    ),
    19: FactSheetRow(
        "Inter-Governmental Consultations on Migration, Asylum and Refugees",
        "IGC",
        "IRF",
        17,
        1985,
        None,
        (),
        NA,
        "Canada (past Chair until May 2019 and during GHRCIP 8 and ISCM Assessment Survey: Spain)",
        ("Canada", "Spain"),
        ("IGC Administration",),
    ),
    20: FactSheetRow(
        "Migration Dialogue for Central African States",
        "MIDCAS",
        "RCP",
        10,
        2012,
        None,
        ("Economic Community of Central African States (ECCAS)",),
        None,
        "Gabon",
        ("Gabon",),
        ("ECCAS Secretariat",),
        "with IOM support",
    ),
    21: FactSheetRow(
        "Migration Dialogue for Southern Africa",
        "MIDSA",
        "RCP",
        16,
        2000,
        None,
        ("Southern African Development Community (SADC)",),
        None,
        "Namibia",
        ("Namibia",),
        ("IOM",),
    ),
    22: FactSheetRow(
        "Migration Dialogue for West Africa",
        "MIDWA",
        "RCP",
        15,
        2001,
        None,
        ("Economic Community of West African States (ECOWAS)",),
        None,
        "Nigeria",
        ("Nigeria",),
        ("ECOWAS",),
    ),
    23: FactSheetRow(
        "Migration Dialogue from the Common Market for Eastern and Southern Africa Member States",
        "MIDCOM",
        "RCP",
        19,
        2013,
        None,
        ("Common Market for Eastern and Southern Africa (COMESA)",),
        None,
        "Zambia",
        ("Zambia",),
        ("COMESA",),
    ),
    24: FactSheetRow(
        "Ministerial Consultation on Overseas Employment and Contractual Labour for Countries of Origin and "
        "Destination in Asia",
        "Abu Dhabi Dialogue",
        "IRF",
        18,
        2008,
        None,
        (),
        "None",
        "Sri Lanka",
        ("Sri Lanka",),
        ("United Arab Emirates",),
    ),
    25: FactSheetRow(
        "Pacific Immigration Development Community",
        "PIDC",
        "RCP",
        19,
        1996,
        None,
        (),
        NA,
        "Fiji",
        ("Fiji",),
        ("PIDC Secretariat",),
    ),
    26: FactSheetRow(
        "Pan-African Forum on migration",
        None,
        "IRF",
        55,
        2015,
        None,
        ("African Union",),
        None,
        "None",
        (),
        ("African Union",),
        "with IOM Support",
    ),
    27: FactSheetRow(
        "Prague Process",
        None,
        "RCP",
        50,
        2009,
        None,
        ("European Commission",),
        None,
        "Lithuania",
        ("Lithuania",),
        ("ICMPD",),
    ),
    28: FactSheetRow(
        "Regional Conference on Migration",
        "RCM",
        "RCP",
        11,
        1996,
        None,
        (),
        NA,
        "Guatemala",
        ("Guatemala",),
        ("RCM Secretariat",),
    ),
    29: FactSheetRow(
        "Regional Consultative Process on Overseas Employment and Contractual Labour for Countries of Origin "
        "in Asia",
        "Colombo Process",
        "RCP",
        12,
        2003,
        None,
        (),
        NA,
        "Nepal",
        ("Nepal",),
        ("IOM",),
    ),
    30: FactSheetRow(
        "South American Conference on Migration",
        "SACM",
        "RCP",
        12,
        2000,
        None,
        (),
        NA,
        "Bolivia (Plurinational State of)",
        ("Bolivia (Plurinational State of)",),
        ("IOM",),
    ),
}
TYPE_CODES = {"RCP": "RCP", "IRF": "IRF", "Global process": "GLOBAL"}

#: Annex 10's column headers, as printed, left to right.
ANNEX_10_COLUMNS = (
    "5+5 Dialogue on Migration",
    "Abu Dhabi Dialogue",
    "ACP-EU MD",
    "Almaty Process",
    "ARCP",
    "AU-HoAI",
    "Bali Process",
    "Budapest Process",
    "CMC",
    "Colombo Process",
    "EaP Panel on Migration",
    "EU-CELAC MD",
    "FIBEMTD",
    "GFMd",
    "MID-IGAD",
    "IGC",
    "Khartoum Process",
    "MIDCAS",
    "MIDCOM",
    "MIDSA",
    "MIDWA",
    "OACAM",
    "PAFoM",
    "PIDC",
    "Prague Process",
    "Rabat Process",
    "RCM",
    "RIAM",
    "SACM",
)
#: Annex 10's rows: the label as printed, then one cell per column ("✓" or "-"). The copy writes
#: "Migration trends/ drivers of migration" (a line break after the slash); the space is left out here. The row
#: "Migration and development" has a 30th cell, a tick after SACM's "-": left out (see the note in iscms.yaml).
ANNEX_10_ROWS = {
    "Asylum": "---✓✓--✓--✓----✓✓-----✓✓✓✓---",
    "Biometrics": "---------------✓--------✓----",
    "Border management": "--✓--✓--✓-✓✓--✓✓✓---✓-✓-✓✓✓✓✓",
    "Brain drain": "----✓---------✓--------------",
    "Counter-human smuggling": "--✓--✓-✓✓--✓--✓-✓---✓-✓--✓✓✓✓",
    "Counter-trafficking": "✓-✓✓-✓✓✓✓-✓✓--✓-✓✓--✓-✓-✓✓✓✓✓",
    "Diaspora": "--------✓----✓------✓-------✓",
    "Global Compact for Migration": "-✓-✓✓-✓✓-✓---✓✓✓✓-✓✓✓✓✓-✓✓--✓",
    "Humanitarian emergency preparedness": "--------✓--------------------",
    "IDPs": "--------------✓--------------",
    "Irregular migration": "✓✓-✓✓-✓✓---✓-✓✓-✓✓✓✓✓✓✓✓✓✓✓✓✓",
    "Labour migration": "✓✓-✓----✓✓-✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓",
    "Migrant integration": "✓--✓✓-✓----✓-✓-✓-✓✓✓✓✓✓--✓✓✓✓",
    "Migrants' rights": "✓--✓✓-✓--✓✓✓✓✓-✓✓✓✓✓✓✓----✓✓✓",
    "Migrants in vulnerable situations": "---✓--✓------------------✓✓--",
    "Migration and development": "✓✓--✓--✓✓✓-✓✓✓✓-✓✓✓✓✓✓✓✓✓✓✓✓-",
    "Migration and gender": "✓--------✓-------------------",
    "Migration and security": "-----------------------------",
    "Migration and health": "✓-------✓✓----✓--✓✓✓-----✓✓--",
    "Migration data and statistics": "✓---✓---✓--✓-✓✓-✓✓✓-✓--✓✓✓✓✓✓",
    "Migration management": "✓✓-✓--✓✓----✓✓--✓---✓--✓---✓-",
    "Migration policy and governance": "---✓✓✓-✓--✓-✓✓✓✓---✓✓✓-✓✓✓--✓",
    "Migration, environment and climate change": "------✓-✓---✓✓✓✓-✓----✓------",
    "Migration trends/drivers of migration": "---✓-------------------------",
    "Mixed migration": "----✓---------------✓----✓---",
    "Multi-stakeholder engagement (private and/or civil society)": "------✓------✓---------------",
    "Partnerships and cooperation on migration": "✓------✓------✓------✓--✓----",
    "Refugees and protection": "---✓----✓-✓-✓--✓---✓---✓-✓✓--",
    "Remittances": "-✓✓-✓----✓-✓✓✓---------✓-----",
    "Return, reintegration and readmission": "--✓---✓✓---✓-✓✓✓✓✓--✓----✓✓--",
    "Sustainable Development Goals": "----✓----✓-------------------",
}


def load_data(name: str):
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def plain(text: str) -> str:
    """Dashes and case aside, as the documents spell names inconsistently."""
    return text.replace("–", "-").casefold()


def fact_sheet_rows() -> dict[int, dict]:
    return {row["fact_sheet_number"]: row for row in load_data("iscms.yaml") if row.get("fact_sheet_number")}


def test_the_transcriptions_have_the_size_of_the_annexes():
    assert sorted(ANNEX_2) == list(range(1, 31))
    assert len(ANNEX_10_COLUMNS) == 29
    assert len(ANNEX_10_ROWS) == 31
    assert {len(cells) for cells in ANNEX_10_ROWS.values()} == {29}


@pytest.mark.parametrize("number", sorted(ANNEX_2))
def test_each_fact_sheet_row_is_in_the_data_as_the_annex_gives_it(number):
    source, row = ANNEX_2[number], fact_sheet_rows()[number]
    names = [plain(text) for text in (row["name"], *(row.get("other_names") or []))]
    assert plain(source.name) in names
    if source.acronym:
        assert any(plain(source.acronym) in text for text in [plain(row["acronym"]), *names])
    assert row["type"] == TYPE_CODES[source.type]
    assert (row["member_states"], row["established"], row["established_note"]) == (
        source.member_states,
        source.established,
        source.established_note,
    )
    assert tuple(row.get("organisations") or ()) == source.organisations
    assert row.get("organisations_note") == source.organisations_wording
    assert tuple(row.get("secretariats") or ()) == source.secretariats
    if source.secretariats_note:
        assert source.secretariats_note.casefold() in (row["secretariats_note"] or "").casefold()
    fact_sheet_terms = [
        term for term in row.get("chair_terms") or [] if term["source"].startswith("2019 fact sheet")
    ]
    assert sorted(term["holder"] for term in fact_sheet_terms) == sorted(source.chair_holders)


def test_an_incoming_chair_of_the_fact_sheet_is_recorded_as_incoming():
    cmc = fact_sheet_rows()[8]
    assert [(term["holder"], term["status"]) for term in cmc["chair_terms"]] == [("Jamaica", "incoming")]


def test_theme_names_are_annex_10s_row_labels_in_its_order():
    assert [row["name"] for row in load_data("themes.yaml")] == list(ANNEX_10_ROWS)


def test_each_annex_10_column_has_exactly_the_ticked_themes():
    slugs = [row["slug"] for row in load_data("themes.yaml")]
    by_column = {row["annex10_column"]: row for row in load_data("iscms.yaml") if row.get("annex10_column")}
    assert sorted(by_column) == sorted(ANNEX_10_COLUMNS)
    for index, column in enumerate(ANNEX_10_COLUMNS):
        ticked = sorted(
            slug for slug, cells in zip(slugs, ANNEX_10_ROWS.values(), strict=True) if cells[index] == "✓"
        )
        assert sorted(by_column[column].get("themes") or []) == ticked, column


def test_iscms_outside_annex_10_have_no_column_and_no_themes():
    outside = {
        row["acronym"]: row.get("themes") for row in load_data("iscms.yaml") if not row.get("annex10_column")
    }
    assert outside == {"COMMIT": [], "Quito Process": [], "RMFM": [], "MIDEAC": [], "MiDIOCC": []}


def test_seeding_gives_existing_themes_their_full_names(app):
    with app.app_context():
        seed_registry()
        db.session.commit()
        for slug, cut in (("migration-environment-climate", "Migration"), ("return-reintegration", "Return")):
            db.session.scalar(sa.select(Theme).where(Theme.slug == slug)).name = cut
        db.session.commit()
        assert seed_registry() == {"regions": 0, "themes": 0, "iscms": 0}
        db.session.commit()
        names = db.session.scalars(sa.select(Theme.name).order_by(Theme.position)).all()
        assert names == list(ANNEX_10_ROWS)
