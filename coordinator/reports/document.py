"""The summary report as plain data: what the HTML page and the PDF print, and what the PDF cache is keyed by.

Everything the report shows is gathered here once (front sections, quotes, acronyms, annexes from the
agenda, the speakers and participant lists, materials and approved rapporteur reports), so a change
to any of it gives a new content key and a new PDF, and nothing else does.
"""

from dataclasses import asdict
from pathlib import Path

from flask import current_app

from coordinator.core.timezones import utc_to_local
from coordinator.meetings import agenda
from coordinator.participants.lists import participant_list_rows, roman, speakers_list
from coordinator.reports import queries
from coordinator.reports.acronyms import derive
from coordinator.reports.models import SummaryReport

TEMPLATES = (
    "reports/summary_pdf.html", "reports/_summary_document.html", "reports/summary_pdf.css", "pdf/base.css",
    "participants/pdf/_participant_table.html", "participants/pdf/_speakers_list.html", "participants/pdf/_lists.css",
)


def _local(iso: str, zone: str, pattern: str) -> str:
    return utc_to_local(agenda.parse(iso), zone).strftime(pattern)


def _agenda(meeting) -> list[dict]:
    """Sessions and items with their times in the meeting's reference zone, as Annex IV prints them."""
    snapshot, zone = agenda.snapshot(meeting), meeting.timezone
    return [
        {
            "title": session["title"], "audience": session["audience"],
            "day": _local(session["starts_at"], zone, "%d %B %Y").lstrip("0"),
            "time": f"{_local(session['starts_at'], zone, '%H:%M')}–{_local(session['ends_at'], zone, '%H:%M')}",
            "interpretation": session["interpretation"],
            "items": [
                {
                    "time": f"{_local(item['starts_at'], zone, '%H:%M')}–{_local(item['ends_at'], zone, '%H:%M')}",
                    "title": item["title"], "description": item["description"], "people": item["people"],
                }
                for item in session["items"]
            ],
        }
        for session in snapshot["sessions"]
        if session["status"] != "cancelled"
    ]


def _rapporteur_line(report) -> str:
    """Who wrote the notes, as the agenda names the session's rapporteur (else the rapporteur's account)."""
    for item in report.session.items:
        for link in item.people:
            if link.role == "rapporteur":
                return ", ".join(p for p in (link.person.name_with_honorific, link.capacity) if p)
    names = queries.rapporteur_names(report.session.meeting).get(report.session_id, [])
    return ", ".join(names)


def _reports(meeting, iscm_names: dict[str, str]) -> list[dict]:
    return [
        {
            "session": report.session.title, "rapporteur": _rapporteur_line(report),
            "content": report.content, "revision": report.head,
        }
        for report in queries.approved_reports(meeting)
    ]


def _annex_builders(meeting, iscm_names):
    return {
        "description": lambda: {
            "description": meeting.description, "objective": meeting.objectives,
            "guiding_questions": list(meeting.guiding_questions or []),
        },
        "agenda": lambda: {"sessions": _agenda(meeting), "timezone": meeting.timezone},
        "speakers": lambda: {"rows": [asdict(row) for row in speakers_list(meeting)]},
        "participants": lambda: {"sections": [asdict(section) for section in participant_list_rows(meeting)]},
        "materials": lambda: {
            "rows": [{"title": m.title, "url": m.url or "", "description": m.description or ""} for m in meeting.materials]
        },
        "rapporteur_reports": lambda: {"reports": _reports(meeting, iscm_names)},
    }


def _annexes(summary: SummaryReport, iscm_names: dict[str, str]) -> list[dict]:
    """Written annexes first, then the chosen built-in ones, numbered I, II, III... in that order."""
    annexes = [
        {"kind": "text", "key": section.key, "title": section.title, "body": section.body}
        for section in summary.part("annex")
    ]
    builders = _annex_builders(summary.meeting, iscm_names)
    annexes += [{"kind": key, "key": key, **builders[key]()} for key in summary.annexes if key in builders]
    for number, annex in enumerate(annexes, start=1):
        annex["numeral"] = roman(number)
    return annexes


def derived_acronyms(summary_or_meeting) -> list[dict]:
    """The acronyms the meeting's ISCMs, initiatives and texts call for (before anyone edits the list)."""
    meeting = getattr(summary_or_meeting, "meeting", summary_or_meeting)
    texts = [meeting.title, meeting.subtitle or "", meeting.description or ""]
    if isinstance(summary_or_meeting, SummaryReport):
        texts += [section.body for section in summary_or_meeting.sections]
        texts += [quote.words for section in summary_or_meeting.sections for quote in section.quotes]
    return derive(
        [(iscm.acronym, iscm.name) for iscm in meeting.iscms], queries.iscm_acronyms_and_names(),
        meeting.initiatives or [], texts,
    )


def build_document(summary: SummaryReport) -> dict:
    """Everything the summary report prints, as JSON-safe data."""
    iscm_names = queries.iscm_names()
    meeting = summary.meeting
    return {
        "meeting": {"slug": meeting.slug, "number": meeting.number or "", "organiser": meeting.organiser or ""},
        "title": summary.title, "subtitle": summary.subtitle, "date_line": summary.date_line, "final": summary.final,
        "acronyms": summary.acronyms if summary.acronyms_edited else derived_acronyms(summary),
        "sections": [
            {
                "key": section.key, "title": section.title, "level": section.level, "body": section.body,
                "quotes": [{"speaker": q.speaker, "words": q.words} for q in section.quotes],
            }
            for section in summary.part("body")
        ],
        "annexes": _annexes(summary, iscm_names),
        "iscm_names": iscm_names,
    }


def template_fingerprint() -> list[str]:
    """The templates' text, so a change of layout also gives a new content key."""
    root = Path(current_app.template_folder)
    return [(root / name).read_text() for name in TEMPLATES if (root / name).is_file()]
