"""The demo summary report of GRCP 9: page, PDF text and outline, cache, and the organizers' edits."""

import io
import re
import time

import pytest
import sqlalchemy as sa
from flask import render_template
from pypdf import PdfReader

from coordinator.cli import seed_demo_data
from coordinator.extensions import db
from coordinator.meetings.queries import get_meeting
from coordinator.participants.lists import ListOptions, participant_list_rows, speakers_list
from coordinator.reports.models import SummaryReport
from tests.conftest import when_built

pytest_plugins = ("tests.reports_fixtures",)


@pytest.fixture
def demo(app):
    with app.app_context():
        seed_demo_data()
        db.session.commit()


def _pdf(client, path="/meetings/grcp-9/report.pdf"):
    response = when_built(client, path)
    assert response.status_code == 200
    return response


def _outline(items, out):
    for item in items:
        if isinstance(item, list):
            _outline(item, out)
        else:
            out.append(item.title)
    return out


def test_seed_is_idempotent(app, demo):
    with app.app_context():
        from coordinator.reports.seed import seed_reports

        assert seed_reports() == {"rapporteur reports": 0, "summary reports": 0}


def test_demo_pdf_reproduces_the_grcp9_structure_and_is_cached(app, client, demo):
    response = _pdf(client)
    reader = PdfReader(io.BytesIO(response.data))
    toc = reader.pages[2].extract_text()
    for entry in (
        "List of acronyms",
        "Introduction",
        "Key outcomes of GRCP 9",
        "Conclusion",
        "Annex I: ISCMs Survey Summary 2021",
        "Annex VIII: GRCP 9 Rapporteur reports",
    ):
        assert entry in toc
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Annex VI: GRCP 9 List of Participants" in text
    assert "Importance of cooperation and coordination of Inter-State Mechanisms" in text
    assert "Producing a declaration statement on the implementation of the GCM in Africa" in text
    outline = _outline(reader.outline, [])
    assert "Annex IV: GRCP 9 Agenda" in outline and "Dedicated Discussion Session 2" in outline
    assert "Draft" not in reader.pages[3].extract_text()
    exports = list((app.config["EXPORT_DIR"] / "summary-report").glob("*.pdf"))
    assert len(exports) == 1
    assert client.get("/meetings/grcp-9/report.pdf").status_code == 200
    assert len(list((app.config["EXPORT_DIR"] / "summary-report").glob("*.pdf"))) == 1


def test_a_change_rebuilds_the_pdf_with_a_draft_watermark(app, client, auth, demo):
    auth.login("organizer@example.org", "demo-organizer-password")
    _pdf(client)
    with app.app_context():
        summary = db.session.scalar(sa.select(SummaryReport))
        version = summary.version
    form = {
        "version": version,
        "title": "GRCP 9 report",
        "subtitle": "",
        "date_line": "2021",
        "annexes": ["agenda"],
    }
    assert client.post("/meetings/grcp-9/report/edit", data=form).status_code == 302
    reader = PdfReader(io.BytesIO(_pdf(client).data))
    assert "Draft" in reader.pages[2].extract_text()
    assert len(list((app.config["EXPORT_DIR"] / "summary-report").glob("*.pdf"))) == 2
    stale = client.post("/meetings/grcp-9/report/edit", data={**form, "title": "Other"})
    assert stale.status_code == 409


def test_draft_summary_is_hidden_from_the_public(app, client, demo):
    with app.app_context():
        db.session.scalar(sa.select(SummaryReport)).final = False
        db.session.commit()
    assert client.get("/meetings/grcp-9/report").status_code == 403
    assert client.get("/meetings/grcp-9/report.pdf").status_code == 403


def test_summary_page_and_section_quote_and_acronym_edits(app, client, auth, demo):
    page = client.get("/meetings/grcp-9/report").get_data(as_text=True)
    assert "The bigger context" in page and "Regional Conference on Migration" in page
    auth.login("organizer@example.org", "demo-organizer-password")
    with app.app_context():
        summary = db.session.scalar(sa.select(SummaryReport))
        section = summary.sections[0]
        section_id, section_version, version = section.id, section.version, summary.version
    url = f"/meetings/grcp-9/report/sections/{section_id}/edit"
    data = {
        "version": section_version,
        "title": "Introduction",
        "level": 1,
        "part": "body",
        "body": "New **text**",
    }
    assert client.post(url, data=data).status_code == 302
    assert client.post(url, data=data).status_code == 409
    assert (
        client.post(
            f"/meetings/grcp-9/report/sections/{section_id}/quotes", data={"speaker": "", "words": "x"}
        ).status_code
        == 400
    )
    client.post(
        f"/meetings/grcp-9/report/sections/{section_id}/quotes",
        data={"speaker": "Ms A", "words": "Cooperate."},
    )
    bad = client.post("/meetings/grcp-9/report/acronyms", data={"version": version, "text": "GCM Global"})
    assert bad.status_code == 400
    client.post("/meetings/grcp-9/report/acronyms", data={"version": version, "text": ""})
    page = client.get("/meetings/grcp-9/report").get_data(as_text=True)
    assert "New <strong>text</strong>" in page and "Cooperate." in page
    assert "Caribbean Migration Consultations" in page


def test_the_report_prints_the_participant_and_speakers_lists_from_the_participants_partials(
    app, client, demo
):
    page = client.get("/meetings/grcp-9/report").get_data(as_text=True)
    with app.test_request_context():
        meeting = get_meeting("grcp-9")
        participants = render_template(
            "participants/pdf/_participant_table.html",
            sections=participant_list_rows(meeting),
            options=ListOptions(),
        )
        speakers = render_template("participants/pdf/_speakers_list.html", speakers=speakers_list(meeting))
    assert participants.count("<tr>") == 67 + 2 and participants in page
    assert "António Vitorino" in speakers and speakers in page


def test_the_summary_page_prints_practice_tags_inline_and_annex_i_tables_with_headers(client, demo):
    page = client.get("/meetings/grcp-9/report").get_data(as_text=True)
    assert '<li><p><span class="tag">ARCP</span> Raising awareness amongst countries on the GCM' in page
    annex_i = page.split('id="annex-survey-summary"')[1].split('id="annex-background"')[0]
    assert "<th>Objective</th>\n<th>GCM objective</th>" in annex_i
    assert "<th>ISCM</th>\n<th>Main update</th>" in annex_i and "<th>ISCM</th>\n<th>Practice</th>" in annex_i
    assert "<th></th>" not in annex_i


def _som_summary(app, slug="som-1"):
    from coordinator.meetings.models import Meeting
    from coordinator.reports import operations

    with app.app_context():
        summary = operations.get_or_start_summary(
            db.session.scalar(sa.select(Meeting).where(Meeting.slug == slug))
        )
        db.session.commit()
        return summary.id


def _wrote_and_submitted(client, auth, setup, index, text):
    auth.login(setup.rapporteurs[index])
    client.post(setup.url(index, "/edit"), data={"base_revision": "0", "consensuses-0": text})
    client.post(setup.url(index, "/submit"))
    auth.logout()


def test_only_approved_rapporteur_reports_are_printed_in_the_annex(app, client, auth, report_setup):
    from coordinator.reports.pdf import build_summary_pdf

    _wrote_and_submitted(client, auth, report_setup, 0, "Session A agreed on cooperation.")
    _wrote_and_submitted(client, auth, report_setup, 1, "Session B agreed on funding.")
    auth.login(report_setup.organizer)
    client.post(report_setup.url(0, "/approve"))
    summary_id = _som_summary(app)
    with app.app_context():
        text = " ".join(
            " ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(build_summary_pdf(summary_id, "en"))).pages
        )
    assert "Session A agreed on cooperation." in text and "Session B agreed on funding." not in text
    client.post(report_setup.url(0, "/reopen"), data={"comment": "One more point."})
    with app.app_context():
        text = " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(build_summary_pdf(summary_id, "en"))).pages
        )
    assert "Session A agreed" not in text and "No rapporteur report is approved yet." in text


def test_the_pdf_key_changes_when_any_template_the_report_renders_changes(app, tmp_path, report_setup):
    import shutil

    from coordinator.reports.models import SummaryReport as Summary
    from coordinator.reports.pdf import build_request

    copy = tmp_path / "templates"
    shutil.copytree(app.template_folder, copy)
    app.template_folder = str(copy)
    _som_summary(app)

    def key():
        with app.test_request_context():
            return build_request(db.session.scalar(sa.select(Summary))).key

    keys = [key()]
    for name in (
        "reports/_annex_agenda.html",
        "reports/_report_content.html",
        "reports/_annex_materials.html",
        "reports/summary_pdf.css",
        "pdf/base.html",
        "participants/pdf/_participant_table.html",
    ):
        with open(copy / name, "a", encoding="utf-8") as template:
            template.write("\n{# a change of layout #}\n")
        keys.append(key())
    with open(copy / "meetings" / "show.html", "a", encoding="utf-8") as unrelated:
        unrelated.write("\n{# not printed in the report #}\n")
    assert len(set(keys)) == 7 and key() == keys[-1]


def test_a_download_is_audited_and_a_look_while_it_builds_does_not_gather_the_document_again(
    app, client, auth, report_setup, monkeypatch
):
    from coordinator.audit.models import AuditEntry
    from coordinator.reports import views

    _som_summary(app)
    auth.login(report_setup.organizer)
    assert client.get("/meetings/som-1/report.pdf").status_code == 202
    for _ in range(120):
        if list((app.config["EXPORT_DIR"] / "summary-report").glob("*.pdf")):
            break
        time.sleep(0.25)

    def gathered_again(summary):
        raise AssertionError("the waiting page's look gathered the whole document again")

    monkeypatch.setattr(views, "build_request", gathered_again)
    response = client.get("/meetings/som-1/report.pdf")
    assert (response.status_code, response.mimetype) == (200, "application/pdf")
    monkeypatch.undo()
    with app.app_context():
        logged = db.session.execute(sa.select(AuditEntry.action, AuditEntry.summary)).all()
    assert [tuple(row) for row in logged if row.action == "participants.export"] == [
        ("participants.export", "First SOM: downloaded the summary report (list of participants)")
    ]


def test_the_agenda_annex_prints_an_appearances_own_wording_and_role_label_when_the_agenda_has_them(app):
    from coordinator.reports.document import agenda_sessions

    person = {
        "person_id": 1,
        "name": "Mr Luis Alonso Serrano Echeverría",
        "role": "rapporteur",
        "delivery": "in_person",
        "position": "",
        "capacity": "Head of Technical Secretariat of the RCM",
        "role_label": "",
        "listed_as": "",
    }
    item = {
        "title": "Panel",
        "description": "",
        "starts_at": "2021-11-11T14:00:00+00:00",
        "ends_at": "2021-11-11T14:30:00+00:00",
        "people": [
            {
                **person,
                "listed_as": "Head of Technical Secretariat of the Regional Conference on Migration (RCM)",
                "role_label": "Rapporteur for Discussion Session 1",
            },
            person,
        ],
    }
    session = {
        "title": "General Closing Session",
        "audience": "",
        "status": "scheduled",
        "interpretation": ["en"],
        "starts_at": item["starts_at"],
        "ends_at": item["ends_at"],
        "items": [item],
    }
    with app.test_request_context():
        sessions = agenda_sessions({"sessions": [session]}, "Europe/Zurich")
        html = render_template(
            "reports/_annex_agenda.html",
            annex={
                "sessions": sessions,
                "timezone": "Europe/Zurich",
                "zone_name": "Central European Time (Europe/Zurich)",
            },
        )
    assert (sessions[0]["day"], sessions[0]["time"]) == ("11 November 2021", "15:00–15:30")
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert (
        "Rapporteur for Discussion Session 1: Mr Luis Alonso Serrano Echeverría , Head of Technical Secretariat "
        "of the Regional Conference on Migration (RCM)"
    ) in text
    assert "Rapporteur: Mr Luis Alonso Serrano Echeverría , Head of Technical Secretariat of the RCM" in text


def test_organizers_set_the_imprint_annex_notes_material_headings_and_a_third_level(
    app, client, auth, report_setup
):
    from coordinator.meetings.models import Material, Meeting
    from coordinator.reports.models import SummaryReport as Summary

    with app.app_context():
        meeting = db.session.scalar(sa.select(Meeting))
        meeting.materials = [
            Material(title="GCM", position=0),
            Material(title="GRCP 8 report", description="IOM, “GRCP 8 report”, 2019", position=1),
        ]
        db.session.commit()
        first, second = (m.id for m in meeting.materials)
    summary_id = _som_summary(app)
    auth.login(report_setup.organizer)
    editor = client.get("/meetings/som-1/report/edit").get_data(as_text=True)
    assert f'name="material-heading-{second}"' in editor and 'name="notes-description"' in editor
    with app.app_context():
        version = db.session.get(Summary, summary_id).version
    form = {
        "version": version,
        "title": "SOM 1 report",
        "annexes": ["description", "materials"],
        "imprint": "© 2024 IOM",
        "notes-description": "## Website\n\n<https://example.org/som-1>",
        f"material-heading-{first}": "Materials",
        f"material-heading-{second}": "Previous reports",
    }
    assert client.post("/meetings/som-1/report/edit", data=form).status_code == 302
    section = {"key": "sub", "title": "A sub-section", "level": 3, "part": "body", "body": "Detail"}
    assert client.post("/meetings/som-1/report/sections/new", data=section).status_code == 302
    assert (
        client.post(
            "/meetings/som-1/report/sections/new", data={**section, "key": "deeper", "level": 4}
        ).status_code
        == 400
    )
    page = " ".join(client.get("/meetings/som-1/report").get_data(as_text=True).split())
    assert "© 2024 IOM" in page and '<h2>Website</h2> <p><a href="https://example.org/som-1"' in page
    assert (
        '<h2 id="annex-materials-1">Materials</h2>' in page
        and '<h2 id="annex-materials-2">Previous reports</h2>' in page
    )
    assert "<li>IOM, “GRCP 8 report”, 2019</li>" in page
    assert (
        '<li class="toc-3"><a href="#s-sub">A sub-section</a></li>' in page
        and '<h3 id="s-sub">A sub-section</h3>' in page
    )
    with app.app_context():
        summary = db.session.get(Summary, summary_id)
        assert summary.material_headings == {str(first): "Materials", str(second): "Previous reports"}
        summary_version = summary.version
    client.post(
        "/meetings/som-1/report/edit",
        data={"version": summary_version, "title": "SOM 1 report", "annexes": ["materials"]},
    )
    with app.app_context():
        assert db.session.get(Summary, summary_id).material_headings == {
            str(first): "Materials",
            str(second): "Previous reports",
        }


@pytest.mark.parametrize("path", ["move", "delete"])
def test_section_moves_and_deletions_racing_another_organizers_are_refused_with_409(
    app, client, auth, report_setup, written_by_someone_else_first, path
):
    from coordinator.meetings.models import Meeting
    from coordinator.reports import operations
    from coordinator.reports.models import SummarySection

    with app.app_context():
        summary = operations.get_or_start_summary(db.session.scalar(sa.select(Meeting)))
        sections = [
            operations.save_section(
                summary,
                None,
                {"key": key, "title": key.title(), "level": 1, "part": "body", "body": ""},
                None,
            )
            for key in ("a", "b")
        ]
        db.session.commit()
        first = sections[0].id
    auth.login(report_setup.organizer)
    with written_by_someone_else_first("UPDATE summary_sections SET version = version + 1"):
        response = client.post(f"/meetings/som-1/report/sections/{first}/{path}", data={"direction": "down"})
    assert response.status_code == 409
    assert "Someone else saved the summary report since you opened it." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(sa.select(SummarySection.key).order_by(SummarySection.position)).all() == [
            "a",
            "b",
        ]


def test_the_report_lists_only_who_took_part_and_the_released_agenda(app, client, demo):
    from tests.participants_factories import add_person_participant

    add_person_participant(app, "grcp-9", "Ines", "Invitedonly", status="invited")
    add_person_participant(app, "grcp-9", "Rita", "Registeredonly", status="registered")
    with app.app_context():
        meeting = get_meeting("grcp-9")
        meeting.sessions[0].title = "Unreleased working title"
        db.session.commit()
    page = client.get("/meetings/grcp-9/report").get_data(as_text=True)
    assert "Invitedonly" not in page and "Registeredonly" not in page
    assert "Unreleased working title" not in page
    assert page.count('id="annex-agenda-') == 4


def test_saving_the_cover_form_unchanged_logs_no_change(app, client, auth, report_setup):
    from coordinator.audit.models import AuditEntry
    from coordinator.reports.models import SummaryReport as Summary

    summary_id = _som_summary(app)
    auth.login(report_setup.organizer)
    blank_notes = {f"notes-{key}": "" for key in ("agenda", "speakers", "participants", "materials")}
    form = {
        "title": "SOM 1 report",
        "annexes": ["agenda", "description"],
        "imprint": " © 2024 IOM ",
        "notes-description": "The website ",
        "notes-rapporteur_reports": " ",
        **blank_notes,
    }
    for _ in range(2):
        with app.app_context():
            version = db.session.get(Summary, summary_id).version
        assert (
            client.post("/meetings/som-1/report/edit", data={**form, "version": version}).status_code == 302
        )
    with app.app_context():
        changes = db.session.scalars(
            sa.select(AuditEntry.changes)
            .where(AuditEntry.object_type == "SummaryReport", AuditEntry.action == "update")
            .order_by(AuditEntry.id)
        ).all()
        summary = db.session.get(Summary, summary_id)
        assert (summary.annexes, summary.imprint, summary.annex_notes) == (
            ["description", "agenda"],
            "© 2024 IOM",
            {"description": "The website"},
        )
    assert changes[-1] == {}
    assert changes[-2]["annex_notes"] == [{}, {"description": "The website"}]


def test_acronyms_saved_over_another_organizers_save_are_refused_with_409_and_kept_in_the_editor(
    app, client, auth, report_setup
):
    from coordinator.reports.models import SummaryReport as Summary

    summary_id = _som_summary(app)
    auth.login(report_setup.organizer)
    with app.app_context():
        version = db.session.get(Summary, summary_id).version
    saved = {"version": version, "text": "GCM: Global Compact for Migration"}
    assert client.post("/meetings/som-1/report/acronyms", data=saved).status_code == 302
    stale = client.post("/meetings/som-1/report/acronyms", data={**saved, "text": "IMRF: Review Forum"})
    assert stale.status_code == 409
    assert "IMRF: Review Forum" in stale.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Summary, summary_id).acronyms == [
            {"acronym": "GCM", "expansion": "Global Compact for Migration"}
        ]
