"""The agenda PDF (laid out like GRCP 9's Annex IV), kept in the export store under its content key.

A small agenda is laid out inside the request; a large one (WeasyPrint takes some 25 ms a row, so the
benchmark's 450 rows take about 12 s) is built off the request by the export jobs, while the reader's
page refreshes until the file is there.
"""

from flask import current_app
from flask_babel import force_locale

from coordinator.exporting.jobs import BuildRequest
from coordinator.exporting.pdf import render_pdf, render_pdf_html, template_fingerprint
from coordinator.exporting.store import content_key
from coordinator.extensions import db
from coordinator.meetings import agenda
from coordinator.meetings.models import AgendaRelease

KIND = "agendas"
TEMPLATE = "pdf/meetings/agenda.html"
#: Every file the layout depends on: editing one gives new keys, so no stale PDF is served.
TEMPLATES = (TEMPLATE, "meetings/_annex_people.html", "pdf/base.html", "pdf/base.css")
#: Above this many rows (items, and people in them), the PDF is built off the request.
INLINE_ROWS = 100


def rows(snapshot: dict) -> int:
    """The cost of laying an agenda out: one row per item and per person in it."""
    return sum(1 + len(item["people"]) for session in snapshot["sessions"] for item in session["items"])


def is_small(release: AgendaRelease) -> bool:
    return rows(release.snapshot) <= INLINE_ROWS


def _context(release: AgendaRelease, columns: list[agenda.ZoneColumn], left_out: list[str]) -> dict:
    return {
        "meeting": release.meeting,
        "release": release,
        **agenda.zone_layout(release.snapshot, columns, left_out),
    }


def agenda_html(release: AgendaRelease, columns: list[agenda.ZoneColumn], left_out: list[str]) -> str:
    """The HTML the PDF is laid out from (the benchmark lays it out alone to compare)."""
    return render_pdf_html(TEMPLATE, **_context(release, columns, left_out))


def agenda_pdf(release: AgendaRelease, columns: list[agenda.ZoneColumn], left_out: list[str]) -> bytes:
    return render_pdf(TEMPLATE, **_context(release, columns, left_out))


def build_agenda_pdf(release_id: int, zones: list[list[str]], left_out: list[str], locale: str) -> bytes:
    """The export job's builder: runs in an app context, perhaps on another thread or process, as an anonymous
    reader in the reader's language."""
    with current_app.test_request_context("/"), force_locale(locale):
        release = db.session.get(AgendaRelease, release_id)
        return agenda_pdf(release, [agenda.ZoneColumn(tuple(column)) for column in zones], left_out)


def build_request(
    release: AgendaRelease, columns: list[agenda.ZoneColumn], left_out: list[str], locale: str
) -> BuildRequest:
    """What to build for this release in these zones and language; its key names the file in the store."""
    zones = [list(column.zones) for column in columns]
    key = content_key(
        KIND,
        release.meeting.id,
        release.meeting.version,
        release.id,
        zones,
        left_out,
        locale,
        template_fingerprint(*TEMPLATES),
    )
    return BuildRequest(
        KIND,
        key,
        "pdf",
        "coordinator.meetings.pdf:build_agenda_pdf",
        {"release_id": release.id, "zones": zones, "left_out": left_out, "locale": locale},
    )
