"""The demo summary report of GRCP 9: page, PDF text and outline, cache, and the organizers' edits."""

import io
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


@pytest.fixture
def demo(app):
    with app.app_context():
        seed_demo_data()
        db.session.commit()


def _pdf(client, path="/meetings/grcp-9/report.pdf"):
    response = client.get(path)
    for _ in range(120):
        if response.status_code != 202:
            break
        time.sleep(0.5)
        response = client.get(path)
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
    for entry in ("List of acronyms", "Introduction", "Key outcomes of GRCP 9", "Conclusion",
                  "Annex I: ISCMs Survey Summary 2021", "Annex VIII: GRCP 9 Rapporteur reports"):
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
    form = {"version": version, "title": "GRCP 9 report", "subtitle": "", "date_line": "2021", "annexes": ["agenda"]}
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
    data = {"version": section_version, "title": "Introduction", "level": 1, "part": "body", "body": "New **text**"}
    assert client.post(url, data=data).status_code == 302
    assert client.post(url, data=data).status_code == 409
    assert client.post(f"/meetings/grcp-9/report/sections/{section_id}/quotes", data={"speaker": "", "words": "x"}).status_code == 400
    client.post(f"/meetings/grcp-9/report/sections/{section_id}/quotes", data={"speaker": "Ms A", "words": "Cooperate."})
    bad = client.post("/meetings/grcp-9/report/acronyms", data={"version": version, "text": "GCM Global"})
    assert bad.status_code == 400
    client.post("/meetings/grcp-9/report/acronyms", data={"version": version, "text": ""})
    page = client.get("/meetings/grcp-9/report").get_data(as_text=True)
    assert "New <strong>text</strong>" in page and "Cooperate." in page
    assert "Caribbean Migration Consultations" in page


def test_the_report_prints_the_participant_and_speakers_lists_from_the_participants_partials(app, client, demo):
    page = client.get("/meetings/grcp-9/report").get_data(as_text=True)
    with app.test_request_context():
        meeting = get_meeting("grcp-9")
        participants = render_template("participants/pdf/_participant_table.html",
                                       sections=participant_list_rows(meeting), options=ListOptions())
        speakers = render_template("participants/pdf/_speakers_list.html", speakers=speakers_list(meeting))
    assert participants.count("<tr>") == 67 + 2 and participants in page
    assert "António Vitorino" in speakers and speakers in page
