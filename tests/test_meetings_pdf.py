"""The agenda PDF: its layout in several zones, right-to-left names, and large agendas built off the request."""

import io
import logging
from datetime import UTC, date, datetime, timedelta

from pypdf import PdfReader

from coordinator.extensions import db
from coordinator.meetings import pdf as agenda_pdfs
from coordinator.meetings.agenda import zone_columns
from coordinator.meetings.models import AgendaItem, ItemPerson, Meeting, Session
from coordinator.meetings.operations import latest_release, release_agenda
from coordinator.people.models import Person
from tests.conftest import when_built

TWO_ZONES = "?tz=Asia/Manila&tz=America/Guatemala"


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_other_zones_stack_under_the_reference_time_and_add_no_page(client, grcp9):
    plain = pages_text(client.get("/meetings/grcp-9/agenda.pdf").data)
    zoned = pages_text(client.get(f"/meetings/grcp-9/agenda.pdf{TWO_ZONES}").data)
    assert len(zoned) == len(plain) == 4
    lines = "\n".join(zoned).splitlines()
    # The item column keeps the page's width: the long title takes two lines, not seven.
    assert "DISCUSSION ON POSSIBLE ISCMS CONTRIBUTIONS TO THE IMRF," in lines
    assert "INCLUDING IMRF ROUNDTABLES ON GLOBAL COMPACT OBJECTIVES" in lines
    assert lines[lines.index("16:00–17:20") + 1 : lines.index("16:00–17:20") + 4] == [
        "23:00–00:20 (+1 day)",
        "Manila",
        "09:00–10:20 Guatemala",
    ]


def test_no_page_is_left_with_a_lone_guiding_question(client, grcp9):
    zoned = pages_text(client.get(f"/meetings/grcp-9/agenda.pdf{TWO_ZONES}").data)
    assert min(len(text) for text in zoned[:-1]) > 1500


def arabic_speaker(app, meeting_id: int, name: str = "عبد الله النعيم") -> None:
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        person = Person(given_name="", family_name=name)
        item = meeting.sessions[0].items[1]
        item.people.append(
            ItemPerson(
                person=person,
                role="speaker",
                capacity="Head of Abu Dhabi Dialogue Secretariat",
                position=len(item.people),
            )
        )
        db.session.flush()
        release_agenda(meeting, "Arabic name")
        db.session.commit()


def test_an_arabic_name_is_marked_right_to_left_and_no_unsupported_css_is_used(app, client, grcp9, caplog):
    arabic_speaker(app, grcp9.meeting_id)
    with app.test_request_context("/"), app.app_context():
        release = latest_release(db.session.get(Meeting, grcp9.meeting_id))
        columns, left_out = zone_columns(release.snapshot, ["Europe/Zurich"])
        html = agenda_pdfs.agenda_html(release, columns, left_out)
    assert '<span dir="rtl">عبد الله النعيم</span>, Head of Abu Dhabi Dialogue Secretariat' in html
    assert '<span dir="ltr">H.E. Mr António Vitorino</span>' in html
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        text = "\n".join(pages_text(client.get("/meetings/grcp-9/agenda.pdf").data))
    assert [record.getMessage() for record in caplog.records if record.name == "weasyprint"] == []
    # pypdf reads the name back in its logical order because it is drawn right to left (as a rendering shows).
    assert "– عبد الله النعيم" in text and "Head of Abu Dhabi Dialogue Secretariat" in text


def large_meeting(app, items: int) -> str:
    """One session of `items` items, each with one speaker: items * 2 rows to lay out."""
    with app.app_context():
        start = datetime(2024, 5, 6, 7, tzinfo=UTC)
        session = Session(
            title="Long session",
            kind="plenary",
            starts_at=start,
            ends_at=start + timedelta(minutes=5 * items),
        )
        for n in range(items):
            item = AgendaItem(
                title=f"Statement {n + 1}",
                kind="statements",
                position=n,
                starts_at=start + timedelta(minutes=5 * n),
                ends_at=start + timedelta(minutes=5 * n + 5),
            )
            item.people = [
                ItemPerson(
                    person=Person(
                        given_name=f"Given{n}",
                        family_name=f"Family{n}",
                        honorific="Ms",
                        position="Director",
                        organisation="Ministry",
                    ),
                    role="speaker",
                )
            ]
            session.items.append(item)
        meeting = Meeting(
            slug="long-agenda",
            title="A long agenda",
            timezone="Europe/Zurich",
            visibility="public",
            status="published",
            start_date=date(2024, 5, 6),
            end_date=date(2024, 5, 6),
            sessions=[session],
        )
        db.session.add(meeting)
        db.session.flush()
        release_agenda(meeting, "Long")
        db.session.commit()
        assert agenda_pdfs.rows(latest_release(meeting).snapshot) == 2 * items
    return "/meetings/long-agenda/agenda.pdf"


def test_a_large_agenda_is_built_off_the_request_behind_a_waiting_page(app, client, registry):
    url = large_meeting(app, items=60)
    waiting = client.get(url)
    assert waiting.status_code == 202
    page = waiting.get_data(as_text=True)
    assert (
        '<meta http-equiv="refresh" content="2">' in page
        and "this page opens the PDF when it is ready" in page
    )
    response = when_built(client, url)
    assert (response.status_code, response.mimetype) == (200, "application/pdf")
    assert "STATEMENT 60" in "\n".join(pages_text(response.data))
    assert client.get(url).data == response.data


def test_a_small_agenda_is_laid_out_at_once(app, client, registry):
    url = large_meeting(app, items=50)
    response = client.get(url)
    assert (response.status_code, response.mimetype) == (200, "application/pdf")
