"""The summary report as plain data: what the HTML page and the PDF print, and what the PDF cache is keyed by.

Everything the report shows is gathered here once (front sections, quotes, acronyms, annexes from the
agenda, the speakers and participant lists, materials and approved rapporteur reports), so a change
to any of it gives a new content key and a new PDF, and nothing else does.
"""

from dataclasses import asdict

from babel.dates import get_timezone, get_timezone_name
from flask_babel import format_date, get_locale

from coordinator.core.timezones import utc_to_local
from coordinator.meetings import agenda
from coordinator.meetings.operations import latest_release
from coordinator.participants.lists import ListOptions, participant_list_rows, roman, speakers_list
from coordinator.reports import queries
from coordinator.reports.acronyms import derive
from coordinator.reports.models import SummaryReport

#: Every template the summary report's page and PDF may render (under the templates folder): its own, the
#: PDF base, and the participant lists' partials it includes.
TEMPLATE_GLOBS = ("reports/**/*", "pdf/*", "participants/pdf/**/*", "meetings/_annex_people.html")


def _time(iso: str, zone: str) -> str:
    return utc_to_local(agenda.parse(iso), zone).strftime("%H:%M")


def _range(entry: dict, zone: str) -> str:
    return f"{_time(entry['starts_at'], zone)}–{_time(entry['ends_at'], zone)}"


def zone_name(zone: str) -> str:
    """A zone as an agenda names it: "Central European Time (Europe/Zurich)", in the reader's language."""
    return f"{get_timezone_name(get_timezone(zone), locale=str(get_locale() or 'en'))} ({zone})"


def agenda_sessions(snapshot: dict, zone: str) -> list[dict]:
    """Sessions and items with their times in the reference zone, and what Annex IV prints of each session."""
    return [
        {
            "title": session["title"],
            "audience": session["audience"],
            "day": format_date(utc_to_local(agenda.parse(session["starts_at"]), zone).date(), "d MMMM y"),
            "time": _range(session, zone),
            "interpretation": session["interpretation"],
            "iscms": [iscm["acronym"] for iscm in session.get("iscms", [])],
            "objective": session.get("objective", ""),
            "guiding_questions": session.get("guiding_questions", []),
            "items": [
                {
                    "time": _range(item, zone),
                    "title": item["title"],
                    "description": item["description"],
                    "people": item["people"],
                }
                for item in session["items"]
            ],
        }
        for session in snapshot["sessions"]
        if session["status"] != "cancelled"
    ]


def agenda_rapporteur(report) -> str:
    """Who wrote the notes, as the agenda names the session's rapporteur (else the rapporteur's account): the
    line a report prints until its rapporteur writes their own."""
    for item in report.session.items:
        for link in item.people:
            if link.role == "rapporteur":
                return agenda.appearance_text(link)
    names = queries.rapporteur_names(report.session.meeting).get(report.session_id, [])
    return ", ".join(names)


def _reports(meeting) -> list[dict]:
    return [
        {
            "title": report.content.get("title") or report.session.title,
            "rapporteur": agenda_rapporteur(report),
            "content": report.content,
            "revision": report.head,
        }
        for report in queries.approved_reports(meeting)
    ]


def _material_row(material) -> dict:
    """Title and link; a description that cites the title ("IOM, “Title”, 2019") is printed around it, not after it."""
    citation = material.description or ""
    before, found, after = citation.partition(material.title)
    return {
        "title": material.title,
        "url": material.url or "",
        "before": before if found else "",
        "after": after if found else "",
        "description": "" if found else citation,
    }


def material_groups(materials, headings: dict) -> list[dict]:
    """[{heading, rows}]: the materials in order, a new group starting at each material given a heading."""
    groups = [{"heading": "", "rows": []}]
    for material in materials:
        if headings.get(str(material.id)):
            groups.append({"heading": headings[str(material.id)], "rows": []})
        groups[-1]["rows"].append(_material_row(material))
    return [group for group in groups if group["rows"]]


#: The report lists who took part: people only invited or registered are not printed in it.
CONFIRMED_ONLY = ListOptions(only_confirmed=True)


def _published_agenda(meeting) -> dict:
    """The latest released agenda, as readers know it; the working copy only for a meeting never released."""
    release = latest_release(meeting)
    return release.snapshot if release else agenda.snapshot(meeting)


def _annex_builders(summary: SummaryReport):
    meeting = summary.meeting
    return {
        "description": lambda: {
            "description": meeting.description,
            "objective": meeting.objectives,
            "guiding_questions": list(meeting.guiding_questions or []),
        },
        "agenda": lambda: {
            "sessions": agenda_sessions(_published_agenda(meeting), meeting.timezone),
            "timezone": meeting.timezone,
            "zone_name": zone_name(meeting.timezone),
        },
        "speakers": lambda: {"rows": [asdict(row) for row in speakers_list(meeting)]},
        "participants": lambda: {
            "sections": [asdict(section) for section in participant_list_rows(meeting, CONFIRMED_ONLY)]
        },
        "materials": lambda: {"groups": material_groups(meeting.materials, summary.material_headings or {})},
        "rapporteur_reports": lambda: {"reports": _reports(meeting)},
    }


def _annexes(summary: SummaryReport) -> list[dict]:
    """Written annexes first, then the chosen built-in ones, numbered I, II, III... in that order."""
    annexes = [
        {"kind": "text", "key": section.key, "title": section.title, "body": section.body}
        for section in summary.part("annex")
    ]
    builders, notes = _annex_builders(summary), summary.annex_notes or {}
    annexes += [
        {"kind": key, "key": key, **builders[key](), "notes": notes.get(key, "")}
        for key in summary.annexes
        if key in builders
    ]
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
        [(iscm.acronym, iscm.name) for iscm in meeting.iscms],
        queries.iscm_acronyms_and_names(),
        meeting.initiatives or [],
        texts,
    )


def build_document(summary: SummaryReport) -> dict:
    """Everything the summary report prints, as JSON-safe data."""
    meeting = summary.meeting
    return {
        "meeting": {
            "slug": meeting.slug,
            "number": meeting.number or "",
            "organiser": meeting.organiser or "",
        },
        "title": summary.title,
        "subtitle": summary.subtitle,
        "date_line": summary.date_line,
        "final": summary.final,
        "imprint": summary.imprint or "",
        "acronyms": summary.acronyms if summary.acronyms_edited else derived_acronyms(summary),
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "level": section.level,
                "body": section.body,
                "quotes": [{"speaker": q.speaker, "words": q.words} for q in section.quotes],
            }
            for section in summary.part("body")
        ],
        "annexes": _annexes(summary),
        "iscm_names": queries.iscm_names(),
    }
