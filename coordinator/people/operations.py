"""Changes to the people directory, each recorded in the audit log. Operations flush; views commit."""

from coordinator.audit.operations import diff, record
from coordinator.core.concurrency import check_version
from coordinator.extensions import db
from coordinator.people.models import PERSON_DETAILS, Person

FIELDS = (*PERSON_DETAILS, "iscm_id")


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


def build_person(values: dict, key: str | None = None) -> Person:
    """A new person added to the session, neither flushed nor audited: for bulk imports, which audit once."""
    person = Person(key=key, **{name: _clean(name, values.get(name)) for name in FIELDS if name in values})
    person.given_name = person.given_name or ""
    db.session.add(person)
    return person


def assign_person(person: Person, values: dict) -> dict:
    """Set the given fields without flushing; returns {field: [old, new]} of what changed."""
    before = snapshot(person)
    for name in FIELDS:
        if name in values:
            setattr(person, name, _clean(name, values[name]))
    return diff(before, snapshot(person))


def create_person(values: dict, key: str | None = None) -> Person:
    person = build_person(values, key)
    db.session.flush()
    record("person.create", person, f"Added {person.name}", diff({}, snapshot(person)))
    return person


def update_person(person: Person, values: dict, expected_version) -> dict:
    """Apply a form's values; refuses a stale form."""
    check_version(person, expected_version)
    changes = assign_person(person, values)
    if changes:
        db.session.flush()
        record("person.update", person, f"Edited {person.name}: {', '.join(changes)}", changes)
    return changes
