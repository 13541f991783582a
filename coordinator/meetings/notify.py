"""Telling the people attached to agenda items that moved or changed in a release."""

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _

from coordinator.auth.models import User
from coordinator.extensions import db
from coordinator.meetings.releases import people_to_tell
from coordinator.notices.operations import give_notice
from coordinator.people.models import Person


def _accounts(person_ids: set[int]) -> dict[int, User]:
    """The account of each person: the linked one, else the one with the person's e-mail."""
    if not person_ids:
        return {}
    people = list(db.session.scalars(sa.select(Person).where(Person.id.in_(person_ids))))
    emails = {p.email.lower() for p in people if p.email and p.user_id is None}
    by_email = (
        {u.email: u for u in db.session.scalars(sa.select(User).where(User.email.in_(emails)))}
        if emails
        else {}
    )
    accounts = {}
    for person in people:
        user = person.user or by_email.get((person.email or "").lower())
        if user is not None and user.is_active:
            accounts[person.id] = user
    return accounts


def _summary(changes: list[dict], person_id: int) -> str:
    return "; ".join(
        f"{change['title']} ({change['session']})" for change in changes if person_id in change["people"]
    )


def tell_people(meeting, release) -> int:
    """A notice (and an e-mail when SMTP is configured) to every attached person with an account."""
    url = url_for("meetings.changes", slug=meeting.slug, _anchor=f"v{release.number}", _external=True)
    subject = _(
        "%(meeting)s: agenda version %(number)d changes your part",
        meeting=meeting.number or meeting.title,
        number=release.number,
    )
    told = 0
    for person_id, user in _accounts(people_to_tell(release.changes)).items():
        body = _(
            "Changed: %(items)s. %(comment)s",
            items=_summary(release.changes, person_id),
            comment=release.comment,
        )
        give_notice(user, subject, body, url, meeting)
        told += 1
    return told
