"""The registry as a reader sees it: the documents' facts, sorting, filtering, the theme matrix."""

import re

import pytest
import sqlalchemy as sa
import yaml

from coordinator.extensions import db
from coordinator.iscms.models import Iscm
from coordinator.iscms.queries import RegistryFilter, list_iscms, theme_matrix
from coordinator.iscms.seed import DATA_DIR, seed_registry


def acronyms_in(page: str) -> list[str]:
    return re.findall(r'<td><a href="/iscms/[^"]+">([^<]+)</a></td>', page)


def test_all_thirty_iscms_of_the_fact_sheet_are_loaded_in_its_order(app, registry):
    with app.app_context():
        numbered = db.session.scalars(
            sa.select(Iscm).where(Iscm.fact_sheet_number.is_not(None)).order_by(Iscm.fact_sheet_number)
        ).all()
        assert [iscm.fact_sheet_number for iscm in numbered] == list(range(1, 31))
        assert numbered[0].slug == "5-plus-5-dialogue"
        assert numbered[29].slug == "sacm"


@pytest.mark.parametrize(
    ("slug", "facts"),
    [
        ("bali-process", {"type": "IRF", "member_states": 45, "established": 2002, "secretariats": ["IOM"]}),
        (
            "budapest-process",
            {"type": "IRF", "member_states": 53, "established": 1993, "secretariats": ["ICMPD"]},
        ),
        ("gfmd", {"type": "GLOBAL", "member_states": 195, "established": 2007}),
        ("eap-panel", {"type": "RCP", "member_states": 34, "established": 2001}),
        ("pidc", {"type": "RCP", "member_states": 19, "established": 1996}),
        ("rcm", {"type": "RCP", "member_states": 11, "established": 1996}),
        ("abu-dhabi-dialogue", {"type": "IRF", "member_states": 18, "established": 2008}),
    ],
)
def test_fact_sheet_figures_are_as_the_document_gives_them(app, registry, slug, facts):
    with app.app_context():
        iscm = db.session.scalar(sa.select(Iscm).where(Iscm.slug == slug))
        for name, value in facts.items():
            assert getattr(iscm, name) == value, name


def test_regions_and_themes_follow_the_documents(app, registry):
    with app.app_context():
        bali = db.session.scalar(sa.select(Iscm).where(Iscm.slug == "bali-process"))
        assert sorted(region.name for region in bali.regions) == ["Africa", "Americas", "Asia", "Europe"]
        almaty = db.session.scalar(sa.select(Iscm).where(Iscm.slug == "almaty-process"))
        assert "asylum" in {theme.slug for theme in almaty.themes}
        assert "biometrics" not in {theme.slug for theme in almaty.themes}


def test_the_data_files_are_consistent():
    iscms = yaml.safe_load((DATA_DIR / "iscms.yaml").read_text())
    themes = {row["slug"] for row in yaml.safe_load((DATA_DIR / "themes.yaml").read_text())}
    assert len({row["slug"] for row in iscms}) == len(iscms)
    assert len({row["acronym"].lower() for row in iscms}) == len(iscms)
    for row in iscms:
        assert set(row.get("themes") or []) <= themes, row["slug"]


def test_seeding_twice_changes_nothing(app, registry):
    with app.app_context():
        assert seed_registry() == {"regions": 0, "themes": 0, "iscms": 0}


def test_registry_page_lists_every_iscm_with_counts(client, registry):
    page = client.get("/iscms").get_data(as_text=True)
    assert len(acronyms_in(page)) == 34
    assert "34 ISCMs" in page


def test_registry_filters_by_type_region_theme_and_text(client, registry):
    rcp = client.get("/iscms?type=RCP").get_data(as_text=True)
    assert "Colombo Process" in rcp and "Bali Process" not in rcp
    asia_labour = client.get("/iscms?region=asia&theme=labour-migration").get_data(as_text=True)
    assert "Colombo Process" in asia_labour
    assert "Bali Process" not in asia_labour
    assert re.search(r"\d+ of 34 ISCMs", asia_labour)
    text = acronyms_in(client.get("/iscms?q=icmpd").get_data(as_text=True))
    assert {"Budapest Process", "Prague Process", "Rabat Process"} <= set(text)
    nothing = client.get("/iscms?q=no+such+mechanism").get_data(as_text=True)
    assert "No ISCM matches these filters." in nothing


def test_registry_sorts_by_member_states_descending(client, registry):
    order = acronyms_in(client.get("/iscms?sort=-members").get_data(as_text=True))
    assert order[0] == "GFMD"
    assert order.index("ACP-EU MD") < order.index("Bali Process")


def test_fact_sheet_page_shows_chair_history_and_themes(client, registry):
    page = client.get("/iscms/budapest-process").get_data(as_text=True)
    assert "Budapest Process" in page
    assert "ICMPD" in page
    assert "Chair history" in page
    assert 'id="chair-history"' in page


def test_unknown_iscm_is_404(client, registry):
    assert client.get("/iscms/no-such-process").status_code == 404


def test_theme_matrix_matches_annex_10(app, registry):
    with app.app_context():
        matrix = theme_matrix(RegistryFilter())
        themes = {theme.slug: theme for theme in matrix.themes}
        iscms = {iscm.slug: iscm for iscm in matrix.iscms}
        assert len(matrix.themes) == 31
        assert matrix.has(themes["biometrics"], iscms["igc"])
        assert matrix.has(themes["biometrics"], iscms["prague-process"])
        assert matrix.row_count(themes["biometrics"]) == 2
        assert matrix.row_count(themes["idps"]) == 1


def test_theme_matrix_page_filters_rows_and_columns(client, registry):
    page = client.get("/iscms/themes?theme=biometrics").get_data(as_text=True)
    assert "Themes: 1 · ISCMs: 2" in page
    rows = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', page)
    assert rows == ["Biometrics"]


def test_list_iscms_filters_compose(app, registry):
    with app.app_context():
        both = list_iscms(RegistryFilter(regions=("africa",), types=("RCP",)))
        assert both
        assert all(iscm.type == "RCP" and "africa" in {r.slug for r in iscm.regions} for iscm in both)


@pytest.mark.parametrize("text", ["Söderköping", "söderköping process"])
def test_text_search_finds_other_names_with_letters_outside_ascii(client, registry, text):
    assert acronyms_in(client.get("/iscms", query_string={"q": text}).get_data(as_text=True)) == ["EaP Panel"]


@pytest.mark.parametrize("text", ["%", "_", "5%5", '"'])
def test_text_search_takes_wildcards_and_quotes_as_letters(client, registry, text):
    page = client.get("/iscms", query_string={"q": text}).get_data(as_text=True)
    assert acronyms_in(page) == []
    assert "No ISCM matches these filters." in page


def test_lists_are_stored_with_their_letters_as_they_are(app, registry):
    with app.app_context():
        stored = db.session.scalar(
            sa.select(sa.cast(Iscm.other_names, sa.String)).where(Iscm.slug == "eap-panel")
        )
    assert "Söderköping Process" in stored


def test_the_matrix_marks_the_iscms_annex_10_did_not_assess(client, registry):
    page = client.get("/iscms/themes").get_data(as_text=True)
    marked = re.findall(r'>([^<]+)</a> <span class="muted outside-annex">\(not in Annex 10\)</span>', page)
    assert sorted(marked) == ["COMMIT", "MIDEAC", "MiDIOCC", "Quito Process", "RMFM"]
    assert page.count('<td class="no"><span class="sr-only">not in Annex 10</span></td>') == 5 * 31
    assert 'id="outside-annex-note"' in page
    assert 'id="outside-annex-note"' not in client.get("/iscms/themes?theme=biometrics").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("slug", "organisations"),
    [
        ("bali-process", "Not applicable"),
        ("commit", "None"),
        ("abu-dhabi-dialogue", "None"),
        ("quito-process", "—"),
        ("rmfm", "—"),
        ("mideac", "East African Community (EAC)"),
        (
            "rabat-process",
            "European Commission; Commission of the Economic Community of West African States (ECOWAS)",
        ),
    ],
)
def test_the_fact_sheet_gives_the_organisations_in_the_sources_words(client, registry, slug, organisations):
    page = client.get(f"/iscms/{slug}").get_data(as_text=True)
    assert f"<dt>Associated organisations</dt><dd>{organisations}</dd>" in page
