"""The summary report's PDF: built from the document data, kept in the export store under its content key."""

from flask import current_app
from flask_babel import force_locale, get_locale

from coordinator.exporting.jobs import BuildRequest
from coordinator.exporting.pdf import render_pdf, render_pdf_html, template_fingerprint
from coordinator.exporting.store import content_key
from coordinator.extensions import db
from coordinator.reports.document import TEMPLATE_GLOBS, build_document
from coordinator.reports.models import SummaryReport

KIND = "summary-report"
TEMPLATE = "reports/summary_pdf.html"


def summary_key(document: dict, locale: str) -> str:
    return content_key(KIND, locale, document, template_fingerprint(*TEMPLATE_GLOBS))


def summary_html(document: dict) -> str:
    """The HTML the PDF is laid out from (the benchmark renders it alone to compare)."""
    return render_pdf_html(TEMPLATE, doc=document)


def build_summary_pdf(summary_id: int, locale: str) -> bytes:
    """The export job's builder: runs in an app context, possibly on another thread or process.

    It renders inside a blank, anonymous request so that the app's context processors (which may ask
    for the signed-in user) behave as for a reader who is not signed in.
    """
    with current_app.test_request_context("/"), force_locale(locale):
        summary = db.session.get(SummaryReport, summary_id)
        return render_pdf(TEMPLATE, doc=build_document(summary))


def _request(summary_id: int, key: str, locale: str) -> BuildRequest:
    return BuildRequest(
        KIND,
        key,
        "pdf",
        "coordinator.reports.pdf:build_summary_pdf",
        {"summary_id": summary_id, "locale": locale},
    )


def build_request(summary: SummaryReport) -> BuildRequest:
    """What to build for the summary report as it stands, in the reader's language (gathers the whole document)."""
    locale = str(get_locale() or "en")
    return _request(summary.id, summary_key(build_document(summary), locale), locale)


def pending_request(summary: SummaryReport, key: str) -> BuildRequest:
    """A build asked for earlier under `key`, found again without gathering the document."""
    return _request(summary.id, key, str(get_locale() or "en"))


def filename(summary: SummaryReport) -> str:
    stem = summary.meeting.number or summary.meeting.slug
    return f"{stem} Summary Report{'' if summary.final else ' (draft)'}.pdf"
