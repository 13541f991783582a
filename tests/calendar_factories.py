"""Factories shared by the calendar tests: entries as the meeting operations create them."""

from datetime import date

import icalendar
import vobject

from coordinator.extensions import db
from coordinator.meetings.operations import create_meeting


def entry_values(**overrides) -> dict:
    values = {
        "title": "Senior Officials Meeting",
        "kind": "som",
        "level": "senior",
        "format": "in_person",
        "all_day": True,
        "start_date": date(2023, 5, 10),
        "end_date": date(2023, 5, 11),
        "iscms": ["bali-process"],
        "themes": ["labour-migration"],
        "status": "published",
        "visibility": "public",
    }
    values.update(overrides)
    return values


def add_entry(app, **overrides) -> str:
    """Create an entry and return its slug (usable outside the app context)."""
    with app.app_context():
        meeting = create_meeting(entry_values(**overrides))
        db.session.commit()
        return meeting.slug


def parse(body: bytes) -> dict[str, icalendar.Event]:
    """Both parsers must read the feed; returns icalendar's events by UID."""
    other = vobject.readOne(body.decode("utf-8"))
    events = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    assert sorted(e.uid.value for e in getattr(other, "vevent_list", [])) == sorted(events)
    return events
