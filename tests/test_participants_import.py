"""Import from CSV and Excel: reading, column guesses, row errors, all or nothing, de-duplication; export."""

import csv
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import Workbook, load_workbook

from coordinator.audit.models import AuditEntry
from coordinator.extensions import db
from coordinator.meetings.models import MeetingRole
from coordinator.participants import importing
from coordinator.participants.exports import safe_cell
from coordinator.participants.models import Participant
from coordinator.participants.operations import sync_roles
from coordinator.participants.seed import load_data
from coordinator.people.models import Person
from tests.participants_factories import add_meeting, add_person_participant, get_meeting, grant, seed_grcp9

HEADERS = ["Title", "First name", "Last name", "E-mail", "Organization", "ISCM", "Capacity"]
GOOD = [
    [
        "Ms",
        "Rüya",
        "Gümürkçü",
        "ruya@example.org",
        "Ministry of Interior of Turkey",
        "Almaty Process",
        "Chair",
    ],
    ["Dr", "Tomáš", "Urubek", "tomas@example.org", "Ministry of the Interior", "Prague Process", "Chair"],
    ["Mr", "Eugene", "Hong", "", "IOM", "almaty-process", "Co-Secretariat"],
]


def as_csv(rows, headers=HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode()


def as_xlsx(rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def staff_client(app, client, auth, make_user, registry):
    add_meeting(app)
    staff = make_user("staff")
    grant(app, "som-2024", staff, "staff")
    auth.login(staff)
    return client


def upload(client, data: bytes, name: str):
    return client.post(
        "/meetings/som-2024/participants/import",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def participants_count(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(Participant.id)))


def test_guess_mapping_of_usual_headers():
    assert importing.guess_mapping(HEADERS + ["Notes", "Whatever"]) == [
        "honorific",
        "given_name",
        "family_name",
        "email",
        "organisation",
        "iscm",
        "capacity",
        "remarks",
        "",
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("list.csv", b"", "The file is empty."),
        ("list.pdf", b"%PDF-1.4", "Upload a CSV file (.csv) or an Excel workbook (.xlsx)."),
        ("list.xlsx", b"not a zip", "This is not an Excel workbook (.xlsx) that can be read."),
        ("list.csv", b"Name\n", "The file has no rows under its header row."),
    ],
)
def test_unreadable_files_are_refused(app, name, data, message):
    with app.test_request_context(), pytest.raises(importing.ImportFileError) as error:
        importing.read_table(name, data)
    assert str(error.value) == message


def test_csv_and_xlsx_read_the_same(app):
    with app.test_request_context():
        from_csv = importing.read_table("a.csv", as_csv(GOOD))
        from_xlsx = importing.read_table("a.xlsx", as_xlsx(GOOD))
    assert from_csv.headers == from_xlsx.headers == HEADERS
    assert from_csv.rows == from_xlsx.rows


def test_every_row_error_is_listed_with_its_row_number(app, staff_client):
    rows = GOOD + [
        ["Mr", "No", "", "", "", "", ""],
        ["Ms", "Bad", "Mail", "not-an-email", "", "", ""],
        ["Ms", "Typo", "Iscm", "", "", "Bali Procss", ""],
        ["Ms", "Odd", "Capacity", "", "", "Bali Process", "Grand Vizier"],
        ["Mr", '=HYPERLINK("http://x")', "Formula", "", "", "", ""],
        ["Mr", "Html", "<b>Bold</b>", "", "", "", ""],
    ]
    key_page = upload(staff_client, as_csv(rows), "list.csv")
    assert key_page.status_code == 302
    review = staff_client.post(key_page.headers["Location"], data={"action": "import"})
    assert review.status_code == 422
    page = review.get_data(as_text=True)
    assert "Row 5: the name is missing" in page
    assert "Row 6: “not-an-email” is not a valid e-mail address" in page
    assert "Row 7: unknown ISCM “Bali Procss” — did you mean “Bali Process”?" in page
    assert "Row 8: unknown capacity “Grand Vizier”" in page
    assert "Row 9: First name: formulas are not accepted" in page
    assert "Row 10: Last name: HTML is not accepted" in page
    assert "<b>Bold</b>" not in page and "&lt;b&gt;Bold&lt;/b&gt;" in page
    assert participants_count(app) == 0


def test_a_clean_file_imports_and_a_known_person_is_updated_not_duplicated(app, staff_client):
    add_person_participant(app, "som-2024", "Eugene", "Hong", organisation="IOM", position="Old title")
    response = upload(staff_client, as_xlsx(GOOD), "list.xlsx")
    review = staff_client.get(response.headers["Location"])
    assert "Every row is valid." in review.get_data(as_text=True)
    done = staff_client.post(response.headers["Location"], data={"action": "import"})
    assert done.status_code == 302
    with app.app_context():
        people = db.session.scalars(sa.select(Person).order_by(Person.family_name)).all()
        assert [p.name for p in people] == ["Rüya Gümürkçü", "Eugene Hong", "Tomáš Urubek"]
        hong = next(p for p in people if p.family_name == "Hong")
        participant = db.session.scalar(sa.select(Participant).where(Participant.person_id == hong.id))
        assert participant.capacity == "co_secretariat"
        assert participant.iscm.slug == "almaty-process"
    assert participants_count(app) == 3
    again = upload(staff_client, as_csv(GOOD), "again.csv")
    staff_client.post(again.headers["Location"], data={"action": "import"})
    assert participants_count(app) == 3


def test_the_same_person_twice_in_one_file_is_an_error(app, staff_client):
    response = upload(staff_client, as_csv([GOOD[0], GOOD[0]]), "list.csv")
    page = staff_client.post(response.headers["Location"], data={"action": "import"}).get_data(as_text=True)
    assert "Row 3: the same person as row 2" in page
    assert participants_count(app) == 0


def test_columns_can_be_remapped(app, staff_client):
    response = upload(staff_client, as_csv([["Ana Costa", "x"]], headers=["Participant", "Misc"]), "list.csv")
    location = response.headers["Location"]
    done = staff_client.post(location, data={"action": "import", "map-0": "full_name", "map-1": ""})
    assert done.status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(Person.family_name)) == "Costa"


def test_upload_refusals_show_a_message(app, staff_client):
    for data, name, message in [
        (b"", "a.csv", "The file is empty."),
        (b"hello", "a.docx", "Upload a CSV file (.csv) or an Excel workbook (.xlsx)."),
    ]:
        response = upload(staff_client, data, name)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert participants_count(app) == 0


def test_a_50_megabyte_file_is_refused(app, staff_client):
    big = b"Name\n" + b"x" * (50 * 1024 * 1024)
    response = upload(staff_client, big, "big.csv")
    assert response.status_code == 400
    assert "The file is larger than 10 MB." in response.get_data(as_text=True)


def test_exports_never_write_live_formulas(app, staff_client):
    add_person_participant(app, "som-2024", "=cmd|' /C calc'!A0", "Costa", email="ana@example.org")
    csv_text = staff_client.get("/meetings/som-2024/participants.csv").data.decode("utf-8-sig")
    assert "'=cmd|" in csv_text
    workbook = load_workbook(io.BytesIO(staff_client.get("/meetings/som-2024/participants.xlsx").data))
    cell = workbook.active["B2"]
    assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", "=cmd|' /C calc'!A0", True)
    assert (workbook.active["C2"].value, workbook.active["C2"].quotePrefix) == ("Costa", False)
    assert safe_cell("Ana") == "Ana"


def test_each_spreadsheet_download_is_logged_as_an_export_of_the_list(app, staff_client):
    staff_client.get("/meetings/som-2024/participants.csv")
    staff_client.get("/meetings/som-2024/participants.xlsx")
    with app.app_context():
        logged = db.session.execute(
            sa.select(AuditEntry.action, AuditEntry.object_type, AuditEntry.summary).order_by(AuditEntry.id)
        ).all()
    assert [tuple(row) for row in logged] == [
        ("participants.export", "Meeting", "Senior Officials Meeting: downloaded the participant list (CSV)"),
        (
            "participants.export",
            "Meeting",
            "Senior Officials Meeting: downloaded the participant list (Excel)",
        ),
    ]


def test_an_exported_list_imports_back_unchanged(app, staff_client):
    add_person_participant(
        app, "som-2024", "Ana", "Costa", iscm="bali-process", capacity="co_chair", email="ana@example.org"
    )
    data = staff_client.get("/meetings/som-2024/participants.xlsx").data
    response = upload(staff_client, data, "export.xlsx")
    assert staff_client.post(response.headers["Location"], data={"action": "import"}).status_code == 302
    assert participants_count(app) == 1


@pytest.mark.parametrize("locale", ["en", "fr", "es"])
def test_the_exports_headers_map_back_to_their_columns_in_each_language(app, locale):
    from flask_babel import force_locale

    from coordinator.participants import exports

    with app.test_request_context(), force_locale(locale):
        assert importing.guess_mapping(exports.headers()) == [name for name, _value in exports.COLUMNS]


def _participations(app, slug: str) -> list[tuple]:
    """What each participation of the meeting says, as its list prints it and its form edits it."""
    with app.app_context():
        participants = db.session.scalars(
            sa.select(Participant).where(Participant.meeting_id == get_meeting(slug).id)
        ).all()
        return sorted(
            (
                p.person.email,
                p.group.key,
                p.iscm.slug if p.iscm else None,
                p.capacity,
                p.represented,
                p.position,
                p.organisation or p.person.organisation,
                p.status,
                p.language,
                p.remarks,
            )
            for p in participants
        )


@pytest.mark.parametrize(
    ("path", "name"), [("participants.csv", "export.csv"), ("participants.xlsx", "export.xlsx")]
)
def test_an_export_imported_into_another_meeting_gives_the_same_participations(app, staff_client, path, name):
    ana = add_person_participant(
        app, "som-2024", "Ana", "Costa", iscm="bali-process", capacity="co_chair", email="ana@example.org"
    )
    add_person_participant(
        app,
        "som-2024",
        "Ben",
        "Dia",
        group="host",
        organisation="IOM",
        email="ben@example.org",
        status="invited",
    )
    with app.app_context():
        participant = db.session.get(Participant, ana)
        participant.represented = "Bali Process on People Smuggling (Bali Process) Co-Chair"
        participant.position = "Director, Department of Foreign Affairs and Trade of Australia"
        participant.language, participant.remarks = "fr", "- vegetarian"
        db.session.commit()
    add_meeting(app, slug="other")
    with app.app_context():
        staff = db.session.scalar(sa.select(MeetingRole).where(MeetingRole.role == "staff"))
        db.session.add(MeetingRole(meeting_id=get_meeting("other").id, user_id=staff.user_id, role="staff"))
        db.session.commit()
    data = staff_client.get(f"/meetings/som-2024/{path}").data
    response = staff_client.post(
        "/meetings/other/participants/import",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    assert staff_client.post(response.headers["Location"], data={"action": "import"}).status_code == 302
    assert _participations(app, "other") == _participations(app, "som-2024")
    assert _participations(app, "other")[0][4:6] == (
        "Bali Process on People Smuggling (Bali Process) Co-Chair",
        "Director, Department of Foreign Affairs and Trade of Australia",
    )


def test_an_import_is_one_audit_entry_naming_the_file_counts_and_people(app, staff_client):
    add_person_participant(app, "som-2024", "Eugene", "Hong", organisation="IOM")
    response = upload(staff_client, as_xlsx(GOOD), "grcp9.xlsx")
    staff_client.post(response.headers["Location"], data={"action": "import"})
    with app.app_context():
        entries = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action != "participant.create")
        ).all()
        people = db.session.scalars(sa.select(Person.id).order_by(Person.id)).all()
        assert [entry.action for entry in entries] == ["participants.import"]
        assert entries[0].user_id is not None and entries[0].object_type == "Meeting"
        assert entries[0].changes == {
            "file": "grcp9.xlsx",
            "rows": 3,
            "created": 2,
            "updated": 1,
            "people": people,
        }


def test_an_import_confirming_an_account_holder_gives_the_participant_role(app, staff_client, make_user):
    account = make_user("user")
    add_person_participant(
        app, "som-2024", "Eugene", "Hong", organisation="IOM", status="invited", user_id=account.id
    )
    rows = [[*GOOD[2], "confirmed"], [*GOOD[0], "confirmed"]]
    response = upload(staff_client, as_csv(rows, headers=[*HEADERS, "Status"]), "list.csv")
    assert staff_client.post(response.headers["Location"], data={"action": "import"}).status_code == 302
    with app.app_context():
        roles = db.session.scalars(sa.select(MeetingRole.role).where(MeetingRole.user_id == account.id)).all()
        assert roles == ["participant"]
        statuses = db.session.scalars(sa.select(Participant.status)).all()
        assert statuses == ["confirmed", "confirmed"]


def urubek(app):
    with app.app_context():
        person = db.session.scalar(sa.select(Person).where(Person.key == "tomas-urubek"))
        return db.session.scalar(sa.select(Participant).where(Participant.person_id == person.id))


def test_reimporting_a_known_person_keeps_what_the_file_does_not_say(app, client, auth, make_user):
    seed_grcp9(app)
    account = make_user("user")
    with app.app_context():
        participant = db.session.get(Participant, urubek(app).id)
        participant.status, participant.language, participant.remarks = "attended", "fr", "vegetarian"
        participant.person.user_id = account.id
        sync_roles(participant.meeting_id, [participant])
        db.session.commit()
    staff = make_user("staff")
    grant(app, "grcp-9", staff, "staff")
    auth.login(staff)
    data = as_csv(
        [
            ["Dr", "Tomáš", "Urubek", "Ministry of the Interior of the Czech Republic"],
            ["Ms", "Ana", "Costa", "IOM"],
        ],
        headers=["Title", "First name", "Last name", "Organisation"],
    )
    response = client.post(
        "/meetings/grcp-9/participants/import",
        data={"file": (io.BytesIO(data), "again.csv")},
        content_type="multipart/form-data",
    )
    done = client.post(response.headers["Location"], data={"action": "import"}, follow_redirects=True)
    assert "Imported 2 participants (1 new people, 1 updated)." in done.get_data(as_text=True)
    with app.app_context():
        participant = db.session.get(Participant, urubek(app).id)
        assert (
            participant.status,
            participant.iscm.slug,
            participant.group.key,
            participant.language,
            participant.remarks,
            participant.capacity,
        ) == ("attended", "prague-process", "iscms", "fr", "vegetarian", "chair")
        roles = db.session.scalars(sa.select(MeetingRole.role).where(MeetingRole.user_id == account.id)).all()
        assert roles == ["participant"]
        costa = db.session.scalar(sa.select(Participant).join(Person).where(Person.family_name == "Costa"))
        assert (costa.status, costa.group.key, costa.iscm_id, costa.organisation) == (
            "invited",
            "observers",
            None,
            "IOM",
        )


ANNEX_VI = Path(__file__).parent / "data" / "grcp9_annex_vi.csv"


def import_file(client, data: bytes, name: str, slug="som-2024"):
    """Upload, then ask to import: the review page (errors) or the redirect to the list."""
    response = client.post(
        f"/meetings/{slug}/participants/import",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return client.post(response.headers["Location"], data={"action": "import"})


def test_grcp9s_own_list_layout_imports_into_an_empty_meeting(app, staff_client):
    done = import_file(staff_client, ANNEX_VI.read_bytes(), "grcp9-participants.csv")
    assert done.status_code == 302, done.get_data(as_text=True)
    seeded = {row["number"]: row for row in load_data()["participants"]}
    with app.app_context():
        participants = db.session.scalars(sa.select(Participant).order_by(Participant.id)).all()
        assert len(participants) == 67
        assert [p.iscm.slug if p.iscm else None for p in participants] == [
            seeded[n]["iscm"] for n in range(1, 68)
        ]
        assert [p.group.key for p in participants] == ["iscms"] * 59 + ["host"] * 8
        by_name = {p.person.name: p for p in participants}
        vitorino, natiello = by_name["António Vitorino"], by_name["Robert Natiello"]
        assert (
            vitorino.person.honorific,
            vitorino.person.position,
            vitorino.organisation,
            vitorino.iscm,
        ) == (
            "H. E. Mr",
            "Director General",
            "International Organization for Migration (IOM) Headquarters",
            None,
        )
        assert (
            natiello.person.honorific,
            natiello.capacity,
            natiello.represented,
            natiello.person.position,
        ) == (
            "Mr",
            "secretariat",
            "Caribbean Migration Consultations (CMC) Secretariat",
            "Chief of Mission, IOM Guyana",
        )
        assert by_name["Simon K. Chelugui"].person.honorific == "H.E. Mr."
        assert by_name["Christophe Leonzi"].capacity == "incoming_chair"
        assert by_name["Aissata Kane"].capacity == "informal_support"
        assert by_name["Alba Goycoechea"].iscm.slug == "riam"
        assert (by_name["Ahmed Zanya Bugre"].iscm.slug, by_name["Ahmed Zanya Bugre"].capacity) == (
            "au-hoai",
            "co_secretariat",
        )
        assert by_name["Andrea Quezada"].capacity is None
        assert (
            sum(1 for p in participants if p.capacity) == 59 - 9
        )  # nine rows print the ISCM without a capacity
        honorifics = sorted({p.person.honorific for p in participants})
        assert honorifics == ["Dr", "H. E. Mr", "H. E. Ms", "H.E. Mr", "H.E. Mr.", "Mr", "Ms"]


def test_a_typo_in_grcp9s_list_names_its_row_suggests_and_imports_nothing(app, staff_client):
    text = ANNEX_VI.read_text(encoding="utf-8").replace("Budapest Process Chair", "Budapset Process Chair")
    review = import_file(staff_client, text.encode(), "grcp9-participants.csv")
    assert review.status_code == 422
    page = review.get_data(as_text=True)
    assert "1 problem: nothing will be imported until it is fixed." in page
    assert "Row 17: unknown ISCM “Budapset Process Chair” — did you mean “Budapest Process”?" in page
    assert participants_count(app) == 0


def test_a_bare_iscm_name_gets_a_suggestion(app, staff_client):
    review = import_file(staff_client, as_csv([["Ms", "Ana", "Costa", "", "", "Bali", ""]]), "list.csv")
    assert "Row 2: unknown ISCM “Bali” — did you mean “Bali Process”?" in review.get_data(as_text=True)


def test_a_header_repeated_under_a_section_with_other_titles_is_passed_over(app, staff_client):
    rows = [
        ["I. Participants from ISCMs"],
        ["Mr", "Eugene", "Hong", "Almaty Process"],
        ["II. Host and Organizers"],
        ["Title", "First name", "Last name", "Organization"],
        ["Ms", "Ana", "Costa", "IOM"],
    ]
    done = import_file(
        staff_client, as_csv(rows, headers=["Title", "First name", "Last name", "ISCM"]), "a.csv"
    )
    assert done.status_code == 302
    with app.app_context():
        names = db.session.scalars(sa.select(Person.family_name).order_by(Person.family_name)).all()
    assert names == ["Costa", "Hong"]


def test_row_numbers_are_the_files_own_past_title_lines_and_blank_rows(app, staff_client):
    rows = [
        ["Participants of the SOM"],
        [],
        ["Title", "First name", "Last name", "E-mail"],
        ["Ms", "Ana", "Costa", "ana@example.org"],
        [],
        [],
        ["Mr", "Ben", "Dia", "not-an-email"],
    ]
    for data, name in (
        (as_csv(rows[1:], headers=rows[0]), "list.csv"),
        (as_xlsx(rows[1:], headers=rows[0]), "list.xlsx"),
    ):
        page = import_file(staff_client, data, name).get_data(as_text=True)
        assert "Row 7: “not-an-email” is not a valid e-mail address" in page
        assert "1 problem" in page
    with app.test_request_context():
        table = importing.read_table("list.csv", as_csv(rows[1:], headers=rows[0]))
    assert (table.header_row, table.numbers, table.headers) == (
        3,
        [4, 7],
        ["Title", "First name", "Last name", "E-mail"],
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"Name\n\x81\x8d\x8f\x90\n",
            "The text of the file is neither UTF-8 nor Windows-1252: save it as “CSV UTF-8” "
            "and upload it again.",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x81\x00" * 64,
            "This is an old Excel workbook (.xls) renamed .csv: save it as .xlsx or as CSV, then upload it.",
        ),
    ],
)
def test_a_csv_that_cannot_be_decoded_gets_a_message_not_a_500(app, staff_client, data, message):
    response = upload(staff_client, data, "list.csv")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "+A1", "-5", "=", "@x"])
def test_formula_cells_are_refused(value):
    assert importing.is_formula(value)


@pytest.mark.parametrize(
    "value",
    [
        "+41 22 717 91 11",
        "+1 (202) 555-0100",
        "Jean-Pierre",
        "Al-Nuaim",
        "- vegetarian",
        "+ 2 guests",
        "@ the venue",
        "Smith-Jones",
        "a < b",
        "3 > 2",
    ],
)
def test_text_that_only_starts_like_a_formula_passes(app, value):
    with app.test_request_context():
        assert importing.cell_problem(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "<b>Bold</b>",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "text </div>",
        "<!-- hidden -->",
    ],
)
def test_markup_is_refused(app, value):
    with app.test_request_context():
        assert importing.cell_problem(value) == "HTML is not accepted; type plain text"


def test_a_real_formula_cell_in_a_workbook_is_refused(app, staff_client):
    workbook = Workbook()
    workbook.active.append(["Name", "E-mail", "Remarks"])
    workbook.active.append(["Ana Costa", "ana@example.org", '=HYPERLINK("http://example.org","x")'])
    assert workbook.active["C2"].data_type == "f"
    out = io.BytesIO()
    workbook.save(out)
    page = import_file(staff_client, out.getvalue(), "list.xlsx").get_data(as_text=True)
    assert "Row 2: Remarks: formulas are not accepted; type the value itself" in page
    assert participants_count(app) == 0


def test_full_names_give_up_their_honorific():
    assert importing.split_honorific("H. E. Mr António Vitorino") == ("H. E. Mr", "António Vitorino")
    assert importing.split_honorific("Dr Tomáš Urubek") == ("Dr", "Tomáš Urubek")
    assert importing.split_honorific("Mr. Raditya M. Kusumaningprang") == (
        "Mr.",
        "Raditya M. Kusumaningprang",
    )
    assert importing.split_honorific("Drago Mrsic") == ("", "Drago Mrsic")
    assert importing.split_honorific("Ms") == ("", "Ms")
