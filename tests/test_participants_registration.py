"""Invitations, answers, confirmation, open registration, long exports off the request, and erasure."""

import json
import threading

import sqlalchemy as sa

from coordinator.audit.models import AuditEntry
from coordinator.exporting import jobs
from coordinator.exporting.store import ExportStore
from coordinator.extensions import db
from coordinator.meetings.models import MeetingRole
from coordinator.participants import printouts, views
from coordinator.participants.lists import participant_list_rows
from coordinator.participants.models import Participant
from coordinator.people.models import Person
from tests.conftest import AuthActions
from tests.participants_factories import (
    add_meeting,
    add_person_participant,
    fetch_pdf,
    finished_export,
    get_meeting,
    grant,
)


def staff_on_meeting(app, make_user, auth, role="staff"):
    user = make_user("staff")
    grant(app, "som-2024", user, role)
    auth.login(user)
    return user


def test_invitation_link_answer_and_confirmation(app, client, make_user, auth, registry):
    add_meeting(app)
    pid = add_person_participant(app, "som-2024", "Ana", "Costa", status="invited", email="ana@example.org")
    staff_on_meeting(app, make_user, auth, "organizer")
    response = client.post(f"/meetings/som-2024/participants/{pid}/invite", follow_redirects=True)
    assert "Invitation link for Ana Costa" in response.get_data(as_text=True)
    with app.app_context():
        token = db.session.get(Participant, pid).token
    auth.logout()
    form = client.get(f"/invitations/{token}")
    assert form.status_code == 200 and "Ana" in form.get_data(as_text=True)
    client.post(
        f"/invitations/{token}",
        data={"family_name": "Costa", "given_name": "Ana", "language": "fr", "answer": "accept"},
    )
    with app.app_context():
        participant = db.session.get(Participant, pid)
        assert (participant.status, participant.language) == ("registered", "fr")
    assert client.get("/invitations/not-a-token").status_code == 404


def test_confirming_gives_an_account_holder_the_participant_role(app, client, make_user, auth, registry):
    add_meeting(app)
    account = make_user("user")
    pid = add_person_participant(app, "som-2024", "Ana", "Costa", status="registered", user_id=account.id)
    staff_on_meeting(app, make_user, auth)
    client.post(f"/meetings/som-2024/participants/{pid}/status", data={"status": "confirmed"})
    with app.app_context():
        roles = db.session.scalars(sa.select(MeetingRole.role).where(MeetingRole.user_id == account.id)).all()
        assert roles == ["participant"]
    client.post(f"/meetings/som-2024/participants/{pid}/status", data={"status": "declined"})
    with app.app_context():
        assert db.session.scalars(sa.select(MeetingRole).where(MeetingRole.user_id == account.id)).all() == []


def test_open_registration_waits_for_approval(app, client, make_user, auth, registry):
    add_meeting(app)
    assert client.get("/meetings/som-2024/register").status_code == 404
    staff_on_meeting(app, make_user, auth, "organizer")
    client.post(
        "/meetings/som-2024/participants/settings",
        data={"form": "settings", "settings-open_registration": "y"},
    )
    auth.logout()
    client.post(
        "/meetings/som-2024/register",
        data={"given_name": "Li", "family_name": "Wen", "email": "li@example.org"},
    )
    with app.app_context():
        participant = db.session.scalar(sa.select(Participant))
        assert (participant.person.name, participant.status, participant.group.key) == (
            "Li Wen",
            "registered",
            "observers",
        )


def test_adding_a_group(app, client, make_user, auth):
    add_meeting(app)
    staff_on_meeting(app, make_user, auth, "organizer")
    client.post(
        "/meetings/som-2024/participants/settings", data={"form": "group", "group-title": "Guests of honour"}
    )
    page = client.get("/meetings/som-2024/participants/settings").get_data(as_text=True)
    assert "Guests of honour" in page


def test_a_long_list_is_built_off_the_request(app, client, make_user, auth, monkeypatch):
    monkeypatch.setitem(printouts.INLINE_LIMITS, "participant-list", 1)
    add_meeting(app)
    add_person_participant(app, "som-2024", "Ana", "Costa")
    add_person_participant(app, "som-2024", "Ben", "Dia")
    staff_on_meeting(app, make_user, auth)
    response = client.get("/meetings/som-2024/participants.pdf")
    assert response.status_code == 302 and "/exports/participant-list/" in response.headers["Location"]
    progress = response.headers["Location"]
    page = client.get(progress).get_data(as_text=True)
    assert 'http-equiv="refresh"' in page or "Your file is ready." in page
    state = finished_export(client, progress)
    assert state["state"] == "done"
    download = client.get(state["download"])
    assert download.status_code == 200 and download.data.startswith(b"%PDF")
    repeat = client.get("/meetings/som-2024/participants.pdf")
    assert repeat.status_code == 200 and repeat.data == download.data


def test_a_participants_looks_at_their_lists_build_do_not_build_the_list_again(
    app, client, make_user, auth, monkeypatch
):
    monkeypatch.setitem(printouts.INLINE_LIMITS, "participant-list", 1)
    add_meeting(app, participants_visible=True)
    add_person_participant(app, "som-2024", "Ana", "Costa")
    add_person_participant(app, "som-2024", "Ben", "Dia")
    participant = make_user("user")
    grant(app, "som-2024", participant, "participant")
    auth.login(participant)
    built, participant_list = [], printouts.participant_list
    monkeypatch.setattr(
        printouts,
        "participant_list",
        lambda *args, **kwargs: built.append(1) or participant_list(*args, **kwargs),
    )
    progress = client.get("/meetings/som-2024/participants.pdf").headers["Location"]
    assert "/exports/participant-list/" in progress
    assert client.get(progress).status_code == 200
    state = finished_export(client, progress)
    download = client.get(state["download"])
    assert (download.status_code, download.data[:4]) == (200, b"%PDF")
    assert len(built) == 1
    other_browser = app.test_client()
    AuthActions(other_browser).login(participant)
    assert other_browser.get(state["download"]).status_code == 404


def test_admin_exports_and_erases_a_person_keeping_the_numbers(app, client, as_role, registry):
    add_meeting(app)
    add_person_participant(app, "som-2024", "Ana", "Costa", email="ana@example.org", iscm="bali-process")
    add_person_participant(app, "som-2024", "Ben", "Dia", iscm="bali-process")
    as_role("admin")
    with app.app_context():
        person_id = db.session.scalar(sa.select(Person.id).where(Person.family_name == "Costa"))
    exported = json.loads(client.get(f"/admin/people/{person_id}/export.json").data)
    assert exported["person"]["email"] == "ana@example.org"
    assert exported["participations"][0]["meeting"] == "som-2024"
    client.post(f"/admin/people/{person_id}/erase")
    with app.test_request_context():
        person = db.session.get(Person, person_id)
        assert (person.family_name, person.email, person.erased_at is not None) == ("", None, True)
        rows = participant_list_rows(get_meeting("som-2024"))[0].rows
        assert [(row.number, row.name) for row in rows] == [(1, "(name withheld)"), (2, "Ben Dia")]
        actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert actions[-2:] == ["person.export", "person.erase"]


def test_a_participant_signs_in_answers_and_sees_the_names_only_when_the_meeting_allows(
    app, client, make_user, auth
):
    add_meeting(app, visibility="private")
    pid = add_person_participant(app, "som-2024", "Ana", "Costa", status="invited", email="Ana@Example.org")
    add_person_participant(app, "som-2024", "Ben", "Dia", status="confirmed", email="ben@example.org")
    add_person_participant(app, "som-2024", "Cy", "Eto", status="invited", email="cy@example.org")
    ana, stranger = make_user("user", email="ana@example.org"), make_user("user")
    organizer = staff_on_meeting(app, make_user, auth, "organizer")
    client.post(f"/meetings/som-2024/participants/{pid}/invite")
    with app.app_context():
        token = db.session.get(Participant, pid).token
    auth.logout()

    auth.login(ana)
    assert "Sign in before answering" not in client.get(f"/invitations/{token}").get_data(as_text=True)
    client.post(
        f"/invitations/{token}",
        data={"given_name": "Ana", "family_name": "Costa", "email": "ana@example.org", "answer": "accept"},
    )
    with app.app_context():
        assert db.session.get(Participant, pid).person.user_id == ana.id
    assert client.get("/meetings/som-2024/participants").status_code == 404  # registered: no role yet

    def as_organizer(url, data):
        auth.logout()
        auth.login(organizer)
        client.post(url, data=data)
        auth.logout()
        auth.login(ana)

    as_organizer(f"/meetings/som-2024/participants/{pid}/status", {"status": "confirmed"})
    assert client.get("/meetings/som-2024/participants").status_code == 403
    as_organizer(
        "/meetings/som-2024/participants/settings", {"form": "settings", "settings-participants_visible": "y"}
    )
    page = client.get("/meetings/som-2024/participants")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert (
        "Ana Costa" in text and "Ben Dia" in text and "Cy Eto" not in text and "ben@example.org" not in text
    )
    as_organizer("/meetings/som-2024/participants/settings", {"form": "settings"})
    assert client.get("/meetings/som-2024/participants").status_code == 403
    auth.logout()
    auth.login(stranger)
    assert client.get("/meetings/som-2024/participants").status_code == 404


def test_an_invitation_answered_from_another_account_links_nothing(app, client, make_user, auth):
    add_meeting(app)
    pid = add_person_participant(app, "som-2024", "Ana", "Costa", status="invited", email="ana@example.org")
    other = make_user("user", email="other@example.org")
    with app.app_context():
        token = db.session.get(Participant, pid).token
    anonymous = client.get(f"/invitations/{token}").get_data(as_text=True)
    assert "Sign in before answering" in anonymous
    auth.login(other)
    client.post(
        f"/invitations/{token}",
        data={"given_name": "Ana", "family_name": "Costa", "email": "other@example.org", "answer": "accept"},
    )
    with app.app_context():
        participant = db.session.get(Participant, pid)
        assert (participant.status, participant.person.email, participant.person.user_id) == (
            "registered",
            "other@example.org",
            None,
        )


def test_registering_while_signed_in_links_only_the_own_address(app, client, make_user, auth):
    add_meeting(app)
    with app.app_context():
        from coordinator.participants.operations import set_open_registration

        set_open_registration(get_meeting("som-2024"), True)
        db.session.commit()
    li = make_user("user", email="li@example.org")
    auth.login(li)
    client.post(
        "/meetings/som-2024/register",
        data={"given_name": "Li", "family_name": "Wen", "email": "li@example.org"},
    )
    client.post(
        "/meetings/som-2024/register",
        data={"given_name": "Mo", "family_name": "Ode", "email": "mo@example.org"},
    )
    with app.app_context():
        people = db.session.scalars(sa.select(Person).order_by(Person.family_name)).all()
        assert [(p.family_name, p.user_id) for p in people] == [("Ode", None), ("Wen", li.id)]
        entries = db.session.scalars(
            sa.select(AuditEntry.action).where(AuditEntry.action == "person.link_account")
        )
        assert list(entries) == ["person.link_account"]


def test_the_settings_page_sets_whether_participants_see_each_other(app, client, make_user, auth):
    add_meeting(app)
    staff_on_meeting(app, make_user, auth, "organizer")
    client.post(
        "/meetings/som-2024/participants/settings",
        data={"form": "settings", "settings-participants_visible": "y"},
    )
    with app.app_context():
        assert get_meeting("som-2024").participants_visible is True
    page = client.get("/meetings/som-2024/participants/settings").get_data(as_text=True)
    assert '<input checked id="settings-participants_visible"' in page


def test_the_participation_form_sets_the_position_printed_in_this_meetings_list(app, client, make_user, auth):
    add_meeting(app)
    pid = add_person_participant(app, "som-2024", "Ana", "Costa", position="Director", organisation="IOM")
    staff_on_meeting(app, make_user, auth)
    with app.app_context():
        participant = db.session.get(Participant, pid)
        form = {
            "family_name": "Costa",
            "given_name": "Ana",
            "position": "Director",
            "organisation": "IOM",
            "group_id": participant.group_id,
            "status": "confirmed",
            "version": participant.version,
            "list_position": "Chief of Mission, IOM Guyana",
        }
    assert client.post(f"/meetings/som-2024/participants/{pid}/edit", data=form).status_code == 302
    assert "Chief of Mission, IOM Guyana" in client.get(
        f"/meetings/som-2024/participants/{pid}/edit"
    ).get_data(as_text=True)
    with app.test_request_context():
        rows = participant_list_rows(get_meeting("som-2024"))[0].rows
        assert [(row.name, row.position) for row in rows] == [("Ana Costa", "Chief of Mission, IOM Guyana")]
        assert db.session.get(Person, db.session.get(Participant, pid).person_id).position == "Director"


def test_badges_past_their_inline_cost_are_built_off_the_request_a_list_as_long_is_not(
    app, client, make_user, auth
):
    add_meeting(app)
    for number in range(printouts.INLINE_LIMITS["badges"] + 1):
        add_person_participant(app, "som-2024", "Delegate", f"Number {number:02d}")
    staff_on_meeting(app, make_user, auth)
    badges = client.get("/meetings/som-2024/badges.pdf")
    assert badges.status_code == 302 and "/exports/badges/" in badges.headers["Location"]
    assert client.get("/meetings/som-2024/participants.pdf").status_code == 200
    client.post("/meetings/som-2024/participants/1/status", data={"status": "declined"})
    inline = client.get("/meetings/som-2024/badges.pdf")
    assert inline.status_code == 200 and inline.data.startswith(b"%PDF")


def test_simultaneous_requests_for_a_long_printout_render_and_build_it_once(app, make_user, monkeypatch):
    from coordinator.exporting import pdf

    monkeypatch.setitem(printouts.INLINE_LIMITS, "participant-list", 1)
    add_meeting(app)
    add_person_participant(app, "som-2024", "Ana", "Costa")
    add_person_participant(app, "som-2024", "Ben", "Dia")
    user = make_user("staff")
    grant(app, "som-2024", user, "staff")
    rendered, built, go = [], [], threading.Event()
    render, lay_out = views.render_pdf_html, pdf.html_to_pdf
    monkeypatch.setattr(
        views, "render_pdf_html", lambda *args, **kwargs: rendered.append(1) or render(*args, **kwargs)
    )
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: built.append(1) or go.wait(10) and lay_out(html))
    clients = [app.test_client() for _ in range(3)]
    for each in clients:
        AuthActions(each).login(user)
    barrier, answers = threading.Barrier(2), []

    def ask(each):
        barrier.wait()
        answers.append(each.get("/meetings/som-2024/participants.pdf"))

    threads = [threading.Thread(target=ask, args=(each,)) for each in clients[:2]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [answer.status_code for answer in answers] == [302, 302]
    assert answers[0].headers["Location"] == answers[1].headers["Location"]
    assert clients[2].get("/meetings/som-2024/participants.pdf").status_code == 302  # while it runs
    go.set()
    assert fetch_pdf(clients[2], "/meetings/som-2024/participants.pdf").startswith(b"%PDF")
    assert (len(rendered), len(built)) == (1, 1)


def test_the_progress_page_names_the_stage(app, client, make_user, auth):
    add_meeting(app)
    staff_on_meeting(app, make_user, auth)
    with app.app_context():
        store = ExportStore.current()
        store.claim("badges", "abc123", "pdf", jobs.BUILDING)
    page = client.get("/meetings/som-2024/exports/badges/abc123").get_data(as_text=True)
    assert "Laying out the pages…" in page and 'http-equiv="refresh"' in page
    state = client.get(
        "/meetings/som-2024/exports/badges/abc123", headers={"Accept": "application/json"}
    ).get_json()
    assert (state["state"], state["stage"], state["stage_label"]) == (
        "running",
        "building",
        "Laying out the pages…",
    )
