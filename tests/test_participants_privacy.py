"""Erasure: an erased person keeps their row and number in every printed list, and the audit log keeps
its entries but nothing that names them."""

import io
import json

import sqlalchemy as sa

from coordinator.audit.models import AuditEntry
from coordinator.audit.operations import record
from coordinator.extensions import db
from coordinator.meetings.models import MeetingRole
from coordinator.participants import importing, privacy
from coordinator.participants.lists import ListOptions, participant_list_rows
from coordinator.participants.operations import add_participant, group_by_key, update_participant
from coordinator.participants.seed import load_data
from coordinator.people.models import Person
from coordinator.people.operations import create_person, update_person
from tests.conftest import age_file
from tests.participants_factories import (
    add_meeting,
    add_person_participant,
    get_meeting,
    grant,
    pdf_text,
    seed_grcp9,
    stored_keys,
)


def printed(meeting, order: str) -> list[tuple]:
    sections = participant_list_rows(meeting, ListOptions(order=order))
    return [(row.number, row.name, row.position, row.erased) for section in sections for row in section.rows]


def test_erasing_grcp9_no_4_keeps_every_number_and_prints_it_withheld(app):
    seed_grcp9(app)
    number_4 = next(row["person"] for row in load_data()["participants"] if row["number"] == 4)
    with app.test_request_context():
        meeting = get_meeting("grcp-9")
        before = {order: printed(meeting, order) for order in ("iscm", "alphabetical")}
        person = db.session.scalar(sa.select(Person).where(Person.key == number_4))
        assert before["iscm"][3][1].endswith(person.name)
        alphabetical_number = next(row[0] for row in before["alphabetical"] if person.name in row[1])
        privacy.erase_person(person)
        db.session.commit()
    with app.test_request_context():
        meeting = get_meeting("grcp-9")
        for order, erased_number in (("iscm", 4), ("alphabetical", alphabetical_number)):
            after = printed(meeting, order)
            assert [row[0] for row in after] == list(range(1, 68))
            assert after[erased_number - 1] == (erased_number, "(name withheld)", "", True)
            assert [row for row in after if row[0] != erased_number] == [
                row for row in before[order] if row[0] != erased_number
            ]


def test_erased_rows_next_to_each_other_keep_their_numbers(app, registry):
    add_meeting(app)
    for given, family in (("Ana", "Abel"), ("Ben", "Brun"), ("Cleo", "Costa"), ("Dan", "Dia")):
        add_person_participant(app, "som-2024", given, family, iscm="bali-process", capacity="delegate")
    with app.test_request_context():
        for family in ("Costa", "Brun"):
            privacy.erase_person(db.session.scalar(sa.select(Person).where(Person.family_name == family)))
        db.session.commit()
        rows = participant_list_rows(get_meeting("som-2024"))[0].rows
        assert [(row.number, row.name) for row in rows] == [
            (1, "Ana Abel"),
            (2, "(name withheld)"),
            (3, "(name withheld)"),
            (4, "Dan Dia"),
        ]


def test_erasure_scrubs_names_and_emails_from_past_audit_entries_and_keeps_them(app, registry):
    add_meeting(app)
    with app.test_request_context():
        meeting = get_meeting("som-2024")
        person = create_person(
            {
                "honorific": "Ms",
                "given_name": "Rüya",
                "family_name": "Gümürkçü",
                "email": "ruya@example.org",
                "position": "Head of Unit",
            }
        )
        update_person(person, {"family_name": "Gümürkçü-Ak", "email": "ruya.ak@example.org"}, person.version)
        participant = add_participant(
            meeting, person, {"group_id": group_by_key(meeting, "iscms").id, "remarks": "Vegetarian"}
        )
        update_participant(participant, {"remarks": "Vegetarian; arrives late"})
        record(
            "agenda_item.attach",
            meeting,
            "Opening: Rüya Gümürkçü-Ak as speaker",
            {"person": [None, "Rüya Gümürkçü-Ak"], "role": [None, "speaker"]},
        )
        record(
            "meeting.update",
            meeting,
            "Edited Senior Officials Meeting: title",
            {"title": ["SOM", "SOM 2024"]},
        )
        db.session.commit()
        count = db.session.scalar(sa.select(sa.func.count(AuditEntry.id)))
        privacy.erase_person(person)
        db.session.commit()
        entries = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()
    assert len(entries) == count + 1
    logged = json.dumps([[entry.summary, entry.changes] for entry in entries], ensure_ascii=False)
    for text in ("Rüya", "Gümürkçü", "ruya@example.org", "ruya.ak@example.org", "Head of Unit", "Vegetarian"):
        assert text not in logged
    by_action = {entry.action: entry for entry in entries}
    assert by_action["person.create"].summary == "Added [erased]"
    assert by_action["person.create"].changes["family_name"] == [None, "[erased]"]
    assert by_action["person.update"].changes["family_name"] == ["[erased]", "[erased]"]
    assert by_action["participant.update"].changes["remarks"] == ["[erased]", "[erased]"]
    assert by_action["agenda_item.attach"].changes == {
        "person": [None, "[erased]"],
        "role": [None, "speaker"],
    }
    assert by_action["meeting.update"].changes == {"title": ["SOM", "SOM 2024"]}


def test_erasure_purges_cached_printouts_waiting_uploads_and_the_participant_role(
    app, client, make_user, auth, registry
):
    add_meeting(app)
    account = make_user("user", email="ana@example.org")
    add_person_participant(app, "som-2024", "Ana", "Costa", email="ana@example.org", user_id=account.id)
    add_person_participant(app, "som-2024", "Ben", "Dia")
    staff, admin = make_user("staff"), make_user("admin")
    grant(app, "som-2024", staff, "staff")
    with app.app_context():
        assert db.session.scalars(
            sa.select(MeetingRole.role).where(MeetingRole.user_id == account.id)
        ).all() == ["participant"]
    auth.login(staff)
    for url in ("/meetings/som-2024/participants.pdf", "/meetings/som-2024/badges.pdf"):
        assert "Ana Costa" in pdf_text(client.get(url).data)
    (list_key,) = stored_keys(app, "participant-list")
    upload = client.post(
        "/meetings/som-2024/participants/import",
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(b"Name,E-mail\nAna Costa,ana@example.org\n"), "list.csv")},
    )
    review = upload.headers["Location"]
    assert len(list((app.config["EXPORT_DIR"] / "imports").glob("*.json"))) == 1
    auth.logout()
    auth.login(admin)
    with app.app_context():
        person_id = db.session.scalar(sa.select(Person.id).where(Person.family_name == "Costa"))
    client.post(f"/admin/people/{person_id}/erase")
    with app.app_context():
        assert db.session.scalars(sa.select(MeetingRole).where(MeetingRole.user_id == account.id)).all() == []
    for kind in ("participant-list", "badges"):
        assert stored_keys(app, kind) == set()
    assert list((app.config["EXPORT_DIR"] / "imports").glob("*.json")) == []
    assert client.get(f"/meetings/som-2024/exports/participant-list/{list_key}/file").status_code == 404
    assert "Ana Costa" not in pdf_text(client.get("/meetings/som-2024/participants.pdf").data)
    auth.logout()
    auth.login(staff)
    gone = client.get(review, follow_redirects=True).get_data(as_text=True)
    assert "This upload is no longer kept" in gone


def test_an_upload_is_kept_a_day_and_no_longer(app, client, make_user, auth):
    add_meeting(app)
    staff = make_user("staff")
    grant(app, "som-2024", staff, "staff")
    auth.login(staff)

    def upload(text: bytes) -> str:
        return client.post(
            "/meetings/som-2024/participants/import",
            content_type="multipart/form-data",
            data={"file": (io.BytesIO(text), "list.csv")},
        ).headers["Location"]

    first = upload(b"Name\nAna Costa\n")
    (stored,) = (app.config["EXPORT_DIR"] / "imports").glob("*.json")
    age_file(stored, importing.UPLOAD_LIFETIME + 60)
    response = client.get(first)
    assert response.status_code == 302 and response.headers["Location"].endswith("/participants/import")
    second = upload(b"Name\nBen Dia\n")
    assert [path.name for path in (app.config["EXPORT_DIR"] / "imports").glob("*.json")] == [
        second.rsplit("/", 1)[1] + ".json"
    ]
    assert client.get(second).status_code == 200
