"""A rapporteur report through the app: saves, revisions, conflicts, restore, and the review workflow."""

import sqlalchemy as sa

from coordinator.extensions import db
from coordinator.reports.models import RapporteurReport

pytest_plugins = ("tests.reports_fixtures",)


def _report(app, session_id):
    with app.app_context():
        report = db.session.scalar(
            sa.select(RapporteurReport).where(RapporteurReport.session_id == session_id)
        )
        return (report.status, report.head, report.content) if report else None


def _save(client, setup, base, index=0, **fields):
    return client.post(setup.url(index, "/edit"), data={"base_revision": str(base), **fields})


def test_editor_is_prefilled_from_the_agenda(client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    page = client.get(report_setup.url(0, "/edit")).get_data(as_text=True)
    assert "To discuss the IMRF." in page and "What works?" in page


def test_every_save_is_a_revision_and_a_stale_one_is_refused(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    assert _save(client, report_setup, 0, **{"consensuses-0": "We agree"}).status_code == 302
    assert client.post(
        report_setup.url(0, "/autosave"), data={"base_revision": "1", "consensuses-0": "We agree on more"}
    ).json == {"revision": 2, "saved": True}
    stale = _save(client, report_setup, 1, **{"consensuses-0": "Typed in an old tab"})
    assert stale.status_code == 409
    assert "Typed in an old tab" in stale.get_data(as_text=True)
    assert _report(app, report_setup.session_ids[0])[1:] == (2, _report(app, report_setup.session_ids[0])[2])
    assert _report(app, report_setup.session_ids[0])[2]["consensuses"] == ["We agree on more"]
    stale_json = client.post(
        report_setup.url(0, "/autosave"), data={"base_revision": "1", "consensuses-0": "x"}
    )
    assert stale_json.status_code == 409 and stale_json.json["head"] == 2


def test_revisions_compare_and_restore_and_a_restore_over_a_newer_one_is_refused(
    app, client, auth, report_setup
):
    auth.login(report_setup.rapporteurs[0])
    _save(client, report_setup, 0, **{"consensuses-0": "First"})
    _save(client, report_setup, 1, **{"consensuses-0": "Second"})
    diff = client.get(report_setup.url(0, "/revisions/2")).get_data(as_text=True)
    assert "- - First" in diff and "+ - Second" in diff
    refused = client.post(report_setup.url(0, "/revisions/1/restore"), data={"base_revision": "1"})
    assert refused.status_code == 303
    assert _report(app, report_setup.session_ids[0])[1] == 2
    assert (
        client.post(report_setup.url(0, "/revisions/1/restore"), data={"base_revision": "2"}).status_code
        == 302
    )
    status, head, content = _report(app, report_setup.session_ids[0])
    assert (head, content["consensuses"]) == (3, ["First"])


def test_an_empty_report_cannot_be_submitted(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    client.get(report_setup.url(0, "/edit"))
    response = client.post(report_setup.url(0, "/submit"))
    assert response.status_code == 400
    assert "The report is empty" in response.get_data(as_text=True)
    assert _report(app, report_setup.session_ids[0])[0] == "draft"


def test_a_rapporteur_cannot_edit_another_sessions_report(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    response = _save(client, report_setup, 0, index=1, **{"consensuses-0": "Not mine"})
    assert response.status_code == 403
    assert "may work on its report" in response.get_data(as_text=True)
    assert _report(app, report_setup.session_ids[1]) is None


def test_only_organizers_approve(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    _save(client, report_setup, 0, **{"consensuses-0": "We agree"})
    client.post(report_setup.url(0, "/submit"))
    response = client.post(report_setup.url(0, "/approve"))
    assert response.status_code == 403
    assert "may request changes to a report or approve it" in response.get_data(as_text=True)
    assert _report(app, report_setup.session_ids[0])[0] == "submitted"


def test_draft_submitted_changes_requested_resubmitted_approved(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    _save(client, report_setup, 0, **{"consensuses-0": "We agree"})
    client.post(report_setup.url(0, "/submit"))
    assert client.get(report_setup.url(0, "/edit")).status_code == 403
    auth.logout()
    auth.login(report_setup.organizer)
    assert client.post(report_setup.url(0, "/request_changes"), data={"comment": ""}).status_code == 400
    client.post(report_setup.url(0, "/request_changes"), data={"comment": "Add the challenges."})
    assert _report(app, report_setup.session_ids[0])[0] == "changes_requested"
    auth.logout()
    auth.login(report_setup.rapporteurs[0])
    assert "Add the challenges." in client.get(report_setup.url(0)).get_data(as_text=True)
    _save(client, report_setup, 1, **{"consensuses-0": "We agree", "challenges-0": "Funding"})
    client.post(report_setup.url(0, "/resubmit"))
    auth.logout()
    auth.login(report_setup.organizer)
    client.post(report_setup.url(0, "/approve"))
    status, head, content = _report(app, report_setup.session_ids[0])
    assert (status, content["challenges"]) == ("approved", ["Funding"])
    history = client.get(report_setup.url(0)).get_data(as_text=True)
    for label in ("Submitted", "Changes requested", "Resubmitted", "Approved"):
        assert label in history


def test_an_approved_report_is_public_on_a_public_meeting_and_sanitised(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    _save(client, report_setup, 0, **{"consensuses-0": "<script>alert(1)</script> **Agreed**"})
    assert client.get(report_setup.url(0)).status_code == 200
    client.post(report_setup.url(0, "/submit"))
    auth.logout()
    assert client.get(report_setup.url(0)).status_code == 403
    auth.login(report_setup.organizer)
    client.post(report_setup.url(0, "/approve"))
    auth.logout()
    page = client.get(report_setup.url(0)).get_data(as_text=True)
    assert "<strong>Agreed</strong>" in page and "<script>alert" not in page


def test_organizer_assigns_an_existing_account_and_invites_a_new_one(
    app, client, auth, report_setup, make_user
):
    existing = make_user("user", email="known@example.org")
    auth.login(report_setup.organizer)
    url = f"/meetings/{report_setup.slug}/rapporteurs"
    client.post(url, data={"session_id": report_setup.session_ids[1], "email": existing.email})
    page = client.post(
        url, data={"session_id": report_setup.session_ids[1], "email": "new@example.org", "name": "New One"}
    )
    html = page.get_data(as_text=True)
    link = (
        html.split('class="invitation-link" aria-label="Invitation link"')[0]
        .rsplit('value="', 1)[1]
        .split('"')[0]
    )
    path = "/" + link.split("/", 3)[3]
    auth.logout()
    form = {"new_password": "a long new password", "confirm": "a long new password"}
    assert client.post(path, data=form).status_code == 302
    assert "Discussion B" in client.get("/my/sessions").get_data(as_text=True)
    assert client.get(path).status_code == 404
    auth.logout()
    auth.login(existing)
    assert "Discussion B" in client.get("/my/sessions").get_data(as_text=True)


def _submitted(client, auth, setup):
    auth.login(setup.rapporteurs[0])
    _save(client, setup, 0, **{"consensuses-0": "We agree"})
    client.post(setup.url(0, "/submit"))
    auth.logout()
    auth.login(setup.organizer)


def test_an_approval_racing_another_organizers_step_is_refused_with_409_and_changes_nothing(
    app, client, auth, report_setup, written_by_someone_else_first
):
    _submitted(client, auth, report_setup)
    with written_by_someone_else_first("UPDATE rapporteur_reports SET version = version + 1"):
        response = client.post(report_setup.url(0, "/approve"))
    assert response.status_code == 409
    assert "Someone else changed this report at the same moment: nothing was changed." in response.get_data(
        as_text=True
    )
    assert _report(app, report_setup.session_ids[0])[0] == "submitted"
    with app.app_context():
        assert [e.action for e in db.session.scalar(sa.select(RapporteurReport)).events] == ["submit"]


def test_a_restore_racing_another_save_of_the_same_revision_number_is_refused_with_409(
    app, client, auth, report_setup, written_by_someone_else_first
):
    auth.login(report_setup.rapporteurs[0])
    _save(client, report_setup, 0, **{"consensuses-0": "First"})
    _save(client, report_setup, 1, **{"consensuses-0": "Second"})
    with app.app_context():
        report_id = db.session.scalar(sa.select(RapporteurReport.id))
    statement = (
        "INSERT INTO report_revisions (report_id, number, content, created_at, origin) "
        "VALUES (:report, 3, '{}', '2024-03-05 12:00:00', 'save')"
    )
    with written_by_someone_else_first(statement, report=report_id):
        response = client.post(report_setup.url(0, "/revisions/1/restore"), data={"base_revision": "2"})
    assert response.status_code == 409
    assert "nothing was changed" in response.get_data(as_text=True)
    status, head, content = _report(app, report_setup.session_ids[0])
    assert (head, content["consensuses"]) == (2, ["Second"])


def test_a_save_of_the_saved_text_from_an_older_tab_is_no_conflict(app, client, auth, report_setup):
    auth.login(report_setup.rapporteurs[0])
    _save(client, report_setup, 0, **{"consensuses-0": "Typed before the reload"})
    late = client.post(
        report_setup.url(0, "/autosave"),
        data={"base_revision": "0", "consensuses-0": "Typed before the reload"},
    )
    assert (late.status_code, late.json) == (200, {"revision": 1, "saved": False})
    other = client.post(
        report_setup.url(0, "/autosave"), data={"base_revision": "0", "consensuses-0": "Something else"}
    )
    assert other.status_code == 409
    assert _report(app, report_setup.session_ids[0])[1] == 1


def _final_summary(app, slug):
    from coordinator.meetings.models import Meeting
    from coordinator.reports import operations
    from coordinator.reports.models import SummaryReport

    with app.app_context():
        summary = operations.get_or_start_summary(
            db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug))
        )
        summary.final = True
        db.session.commit()
    return lambda: _scalar(app, sa.select(SummaryReport.final))


def _scalar(app, query):
    with app.app_context():
        return db.session.scalar(query)


def test_reopening_a_report_a_final_summary_prints_makes_the_summary_a_draft_and_says_so(
    app, client, auth, report_setup
):
    from coordinator.audit.models import AuditEntry

    _submitted(client, auth, report_setup)
    client.post(report_setup.url(0, "/approve"))
    summary_final = _final_summary(app, report_setup.slug)
    page = client.get(report_setup.url(0)).get_data(as_text=True)
    assert (
        "The summary report is final and prints this report: reopening it makes the summary a draft again."
        in page
    )
    response = client.post(
        report_setup.url(0, "/reopen"), data={"comment": "A figure is wrong."}, follow_redirects=True
    )
    assert "The summary report was final and printed this report: it is a draft again." in response.get_data(
        as_text=True
    )
    assert (_report(app, report_setup.session_ids[0])[0], summary_final()) == ("changes_requested", False)
    logged = _scalar(app, sa.select(AuditEntry.summary).where(AuditEntry.object_type == "SummaryReport"))
    assert logged == "Summary report of som-1: a draft again, the report of Discussion A was reopened"


def test_reopening_leaves_a_draft_summary_and_one_without_the_reports_alone(app, client, auth, report_setup):
    from coordinator.reports.models import SummaryReport

    _submitted(client, auth, report_setup)
    client.post(report_setup.url(0, "/approve"))
    summary_final = _final_summary(app, report_setup.slug)
    with app.app_context():
        db.session.scalar(sa.select(SummaryReport)).annexes = ["agenda"]
        db.session.commit()
    response = client.post(
        report_setup.url(0, "/reopen"), data={"comment": "A figure is wrong."}, follow_redirects=True
    )
    assert "it is a draft again" not in response.get_data(as_text=True)
    assert summary_final() is True


def test_the_editor_sets_the_reports_title_headings_introductions_and_order_without_javascript(
    app, client, auth, report_setup
):
    auth.login(report_setup.rapporteurs[0])
    page = client.get(report_setup.url(0, "/edit")).get_data(as_text=True)
    assert (
        'name="heading-challenges" value="Challenges"' in page
        and 'name="position-challenges" value="9"' in page
    )
    form = {
        "base_revision": "0",
        "title": "Discussion A: the notes",
        "opening": "SESSION A",
        "facilitator": "Ms F",
        "iscms_present-0": "Regional Conference on Migration (RCM)",
        "challenges-0": "Funding",
        "practices-0-text": "Networks",
        "next_steps-0": "A workshop in 2022",
        "heading-challenges": "Main migration trends, challenges, and gaps",
        "heading-practices": "",
        "intro-challenges": "What are the main trends?",
        "heading-objective": "Objective",
        "position-opening": "1",
        "position-challenges": "2",
        "position-practices": "3",
        **{
            f"position-{part}": "5"
            for part in (
                "people",
                "objective",
                "guiding_questions",
                "iscms_present",
                "floor",
                "consensuses",
                "recommendations",
                "next_steps",
                "free_text",
            )
        },
    }
    assert client.post(report_setup.url(0, "/edit"), data=form).status_code == 302
    content = _report(app, report_setup.session_ids[0])[2]
    assert content["headings"] == {
        "challenges": "Main migration trends, challenges, and gaps",
        "practices": "",
    }
    assert content["order"][:3] == ["opening", "challenges", "practices"]
    shown = client.get(report_setup.url(0)).get_data(as_text=True)
    positions = [
        shown.index(text)
        for text in (
            "SESSION A",
            "Main migration trends, challenges, and gaps",
            "What are the main trends?",
            "Funding",
            "Networks",
            "Ms F",
            "Regional Conference on Migration (RCM)",
            "Next steps",
            "A workshop in 2022",
        )
    ]
    assert positions == sorted(positions)
    assert "Effective practices" not in shown.split('class="report-body"')[1]
    editor = client.get(report_setup.url(0, "/edit")).get_data(as_text=True)
    assert (
        editor.index('name="challenges-0"')
        < editor.index('name="practices-0-text"')
        < editor.index('name="objective"')
    )


def _new_report_with_agenda_people(app, client, auth, report_setup, people, iscms=()):
    """The content a rapporteur's first look at the editor pre-fills, the first session's agenda naming `people`."""
    from datetime import UTC, datetime

    from coordinator.meetings.models import AgendaItem, Session

    with app.app_context():
        session = db.session.get(Session, report_setup.session_ids[0])
        session.iscms.extend(iscms)
        item = AgendaItem(
            title="Discussion",
            starts_at=datetime(2024, 3, 5, 9, tzinfo=UTC),
            ends_at=datetime(2024, 3, 5, 10, tzinfo=UTC),
        )
        item.people = people
        session.items.append(item)
        db.session.commit()
    auth.login(report_setup.rapporteurs[0])
    client.get(report_setup.url(0, "/edit"))
    return _report(app, report_setup.session_ids[0])[2]


def test_a_new_report_is_prefilled_with_the_agendas_facilitator_and_the_sessions_iscms(
    app, client, auth, report_setup
):
    from coordinator.iscms.models import Iscm
    from coordinator.meetings.models import ItemPerson
    from coordinator.people.models import Person

    facilitator = ItemPerson(
        person=Person(honorific="H.E. Mr", given_name="Frank", family_name="Tressler"),
        role="facilitator",
        capacity="Chair of the SACM",
    )
    iscms = [
        Iscm(slug="rcm", acronym="RCM", name="Regional Conference on Migration"),
        Iscm(slug="prague-process", acronym="Prague Process", name="Prague Process"),
    ]
    content = _new_report_with_agenda_people(app, client, auth, report_setup, [facilitator], iscms)
    assert content["facilitator"] == "H.E. Mr Frank Tressler, Chair of the SACM"
    assert content["iscms_present"] == ["Prague Process", "Regional Conference on Migration (RCM)"]


def test_a_new_report_names_the_facilitator_and_speakers_in_the_agendas_own_wording(
    app, client, auth, report_setup
):
    from coordinator.meetings.models import ItemPerson
    from coordinator.people.models import Person

    people = [
        ItemPerson(
            person=Person(honorific="Mr", given_name="Luis", family_name="Serrano", position="Head"),
            role="facilitator",
            capacity="Head of the RCM Secretariat",
            listed_name="Mr Luis Alonso Serrano Echeverría",
            listed_as="Head of Technical Secretariat of the Regional Conference on Migration (RCM)",
        ),
        ItemPerson(
            person=Person(honorific="Ms", given_name="Ana", family_name="Ruiz", position="Director"),
            role="speaker",
            capacity="Chair of the SACM",
        ),
    ]
    content = _new_report_with_agenda_people(app, client, auth, report_setup, people)
    assert content["facilitator"] == (
        "Mr Luis Alonso Serrano Echeverría, "
        "Head of Technical Secretariat of the Regional Conference on Migration (RCM)"
    )
    assert [row["speaker"] for row in content["floor"]] == ["Ms Ana Ruiz, Director, Chair of the SACM"]


def test_the_editor_offers_the_agendas_facilitator_label_and_rapporteur_line_and_prints_what_is_saved(
    app, client, auth, report_setup
):
    from coordinator.meetings.models import ItemPerson
    from coordinator.people.models import Person

    people = [
        ItemPerson(
            person=Person(honorific="H.E. Mr", given_name="Julio", family_name="Fiol Zuñiga"),
            role="facilitator",
            role_label="Discussion Session Facilitator",
            capacity="Chair of the SACM",
        ),
        ItemPerson(
            person=Person(honorific="Mr", given_name="Luis", family_name="Serrano"),
            role="rapporteur",
            role_label="Discussion Session Rapporteur",
            listed_as="Head of Technical Secretariat of the RCM",
        ),
    ]
    content = _new_report_with_agenda_people(app, client, auth, report_setup, people)
    assert (content["facilitator_label"], content["rapporteur"]) == ("Discussion Session Facilitator", None)
    editor = client.get(report_setup.url(0, "/edit")).get_data(as_text=True)
    assert 'name="facilitator_label" value="Discussion Session Facilitator"' in editor
    assert 'name="rapporteur" value="Mr Luis Serrano, Head of Technical Secretariat of the RCM"' in editor
    page = client.get(report_setup.url(0, "")).get_data(as_text=True)
    assert "<strong>Rapporteur:</strong> Mr Luis Serrano, Head of Technical Secretariat of the RCM" in page

    _save(
        client,
        report_setup,
        0,
        facilitator="H.E. Mr Julio Fiol Zuñiga",
        facilitator_label="Session Chair",
        rapporteur="",
    )
    page = client.get(report_setup.url(0, "")).get_data(as_text=True)
    assert "<strong>Session Chair:</strong> H.E. Mr Julio Fiol Zuñiga" in page and "Rapporteur:" not in page
    _save(client, report_setup, 1, facilitator="H.E. Mr Julio Fiol Zuñiga", rapporteur="Mr L. Serrano")
    page = client.get(report_setup.url(0, "")).get_data(as_text=True)
    assert "<strong>Facilitator:</strong> H.E. Mr Julio Fiol Zuñiga" in page
    assert "<strong>Rapporteur:</strong> Mr L. Serrano" in page
