"""Changes to the people directory, each recorded in the audit log. Operations flush; views commit."""

from coordinator.audit.operations import diff, record
from coordinator.core.concurrency import check_version
from coordinator.extensions import db
from coordinator.people.models import Person

FIELDS = ("honorific", "given_name", "family_name", "position", "organisation", "country", "iscm_id", "email",
          "timezone", "full_position")


def _clean(name: str, value):
    if isinstance(value, str):
        value = value.strip()
        if name == "country":
            value = value.upper()
        if not value and name not in ("given_name", "family_name"):
            return None
    return value


def snapshot(person: Person) -> dict:
    return {name: getattr(person, name) for name in FIELDS}


def create_person(values: dict, key: str | None = None) -> Person:
    person = Person(key=key, **{name: _clean(name, values.get(name)) for name in FIELDS if name in values})
    person.given_name = person.given_name or ""
    db.session.add(person)
    db.session.flush()
    record("person.create", person, f"Added {person.name}", diff({}, snapshot(person)))
    return person


def update_person(person: Person, values: dict, expected_version) -> dict:
    """Apply a form's values; refuses a stale form."""
    check_version(person, expected_version)
    before = snapshot(person)
    for name in FIELDS:
        if name in values:
            setattr(person, name, _clean(name, values[name]))
    changes = diff(before, snapshot(person))
    if changes:
        db.session.flush()
        record("person.update", person, f"Edited {person.name}: {', '.join(changes)}", changes)
    return changes
