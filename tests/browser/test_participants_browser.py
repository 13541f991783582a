"""Staff import a spreadsheet with an error, see it listed, fix it, import, and download the list."""

from pathlib import Path

from tests.conftest import PASSWORD
from tests.participants_factories import add_meeting, grant, pdf_text

HEADER = "Title,First name,Last name,E-mail,ISCM,Capacity\n"
WITH_ERROR = (
    HEADER
    + "Ms,Rüya,Gümürkçü,ruya@example.org,Almaty Process,Chair\nDr,Tomáš,Urubek,tomas@example.org,Prage Process,Chair\n"
)
FIXED = WITH_ERROR.replace("Prage Process", "Prague Process")


def sign_in(page, live_server, user) -> None:
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")


def test_import_fix_and_download_the_participant_list(live_server, page, app, registry, make_user, tmp_path):
    add_meeting(app)
    user = make_user("staff")
    grant(app, "som-2024", user, "staff")
    sign_in(page, live_server, user)

    page.goto(f"{live_server}/meetings/som-2024/participants")
    page.click("text=Import from a spreadsheet")
    (tmp_path / "list.csv").write_text(WITH_ERROR, encoding="utf-8")
    page.set_input_files("input[type=file]", str(tmp_path / "list.csv"))
    page.click("button.primary")
    errors = page.locator(".import-errors")
    assert "Row 3: unknown ISCM “Prage Process” — did you mean “Prague Process”?" in errors.inner_text()
    assert page.locator("button[value=import]").is_disabled()

    page.click("text=Upload a corrected file")
    (tmp_path / "fixed.csv").write_text(FIXED, encoding="utf-8")
    page.set_input_files("input[type=file]", str(tmp_path / "fixed.csv"))
    page.click("button.primary")
    assert "Every row is valid." in page.locator("main").inner_text()
    page.click("button[value=import]")
    assert "Imported 2 participants" in page.locator(".flashes").inner_text()
    assert page.locator("table.participants tbody tr").count() == 2

    page.click("text=Print lists, badges and place cards")
    with page.expect_download() as download_info:
        page.click("text=Participant list (PDF)")
    assert download_info.value.path().read_bytes()[:4] == b"%PDF"


def test_grcp9s_own_list_imports_after_fixing_a_typo(live_server, page, app, registry, make_user, tmp_path):
    annex = Path(__file__).resolve().parent.parent / "data" / "grcp9_annex_vi.csv"
    add_meeting(app)
    user = make_user("staff")
    grant(app, "som-2024", user, "staff")
    sign_in(page, live_server, user)

    page.goto(f"{live_server}/meetings/som-2024/participants/import")
    typo = tmp_path / "grcp9.csv"
    typo.write_text(
        annex.read_text(encoding="utf-8").replace("Budapest Process Chair", "Budapset Process Chair"),
        encoding="utf-8",
    )
    page.set_input_files("input[type=file]", str(typo))
    page.click("button.primary")
    errors = page.locator(".import-errors").inner_text()
    assert "Row 17: unknown ISCM “Budapset Process Chair” — did you mean “Budapest Process”?" in errors

    page.click("text=Upload a corrected file")
    page.set_input_files("input[type=file]", str(annex))
    page.click("button.primary")
    assert "Every row is valid." in page.locator("main").inner_text()
    page.click("button[value=import]")
    assert "Imported 67 participants (67 new people, 0 updated)." in page.locator(".flashes").inner_text()
    assert page.locator("table.participants tbody tr").count() == 67

    page.click("text=Print lists, badges and place cards")
    with page.expect_download() as download_info:
        page.click("text=Participant list (PDF)")
    text = pdf_text(download_info.value.path().read_bytes())
    assert "Chief of Mission, IOM Guyana" in text and "II. Host and Organizers" in text
