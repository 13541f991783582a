"""Finding people in the directory."""

import sqlalchemy as sa

from coordinator.extensions import db
from coordinator.people.models import Person

PAGE_SIZE = 50


def _search_clause(text: str):
    words = [word for word in text.split() if word]
    columns = (Person.given_name, Person.family_name, Person.organisation, Person.position, Person.email)
    return sa.and_(
        *(sa.or_(*(sa.func.lower(column).contains(word.lower()) for column in columns)) for word in words)
    )


def search_people(text: str = "", limit: int | None = PAGE_SIZE, offset: int = 0) -> list[Person]:
    """People whose name, organisation, position or e-mail holds every word of `text`, by family name."""
    query = sa.select(Person).where(Person.erased_at.is_(None))
    if text.strip():
        query = query.where(_search_clause(text))
    query = query.order_by(sa.func.lower(Person.family_name), sa.func.lower(Person.given_name), Person.id)
    if limit:
        query = query.limit(limit).offset(offset)
    return list(db.session.scalars(query))


def count_people(text: str = "") -> int:
    query = sa.select(sa.func.count(Person.id)).where(Person.erased_at.is_(None))
    if text.strip():
        query = query.where(_search_clause(text))
    return db.session.scalar(query)


def get_person_by_key(key: str) -> Person | None:
    return db.session.scalar(sa.select(Person).where(Person.key == key))
