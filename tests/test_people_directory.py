"""The people directory: search, add, edit with optimistic locking; bad input keeps the form."""

import sqlalchemy as sa

from coordinator.extensions import db
from coordinator.people.models import Person


def person_id(app, key):
    with app.app_context():
        return db.session.scalar(sa.select(Person.id).where(Person.key == key))


def test_search_by_name_and_organisation(client, grcp9, sign_in):
    sign_in("staff")
    page = client.get("/people?q=icmpd").get_data(as_text=True)
    assert "Sedef Dearing" in page and "Wen Li" not in page
    assert "67 people" in client.get("/people").get_data(as_text=True)


def test_add_a_person(app, client, registry, sign_in):
    sign_in("staff")
    response = client.post(
        "/people/new",
        data={
            "honorific": "Ms",
            "given_name": "Maria",
            "family_name": "Santos",
            "country": "ph",
            "timezone": "Asia/Manila",
            "email": "maria@example.org",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        person = db.session.scalar(sa.select(Person).where(Person.family_name == "Santos"))
        assert (person.name_with_honorific, person.country, person.timezone) == (
            "Ms Maria Santos",
            "PH",
            "Asia/Manila",
        )


def test_bad_person_input_is_refused_and_kept(app, client, registry, sign_in):
    sign_in("staff")
    response = client.post(
        "/people/new",
        data={
            "given_name": "Nameless",
            "timezone": "Asia/Atlantis",
            "country": "Philippines",
            "email": "not-an-address",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Unknown time zone “Asia/Atlantis”" in page and "Use the two-letter code" in page
    assert 'value="Nameless"' in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Person.id))) == 0


def test_editing_a_person_twice_from_the_same_form_is_refused(app, client, grcp9, sign_in):
    sign_in("staff")
    pid = person_id(app, "wen-li")
    data = {
        "version": "1",
        "honorific": "Ms",
        "given_name": "Wen",
        "family_name": "Li",
        "position": "Director",
    }
    assert client.post(f"/people/{pid}/edit", data=data).status_code == 302
    response = client.post(f"/people/{pid}/edit", data={**data, "position": "Someone else"})
    assert response.status_code == 409
    assert "changed by someone else since you opened it" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Person, pid).position == "Director"


def test_a_person_page_lists_their_agenda_items(app, client, grcp9, sign_in):
    sign_in("admin")
    page = client.get(f"/people/{person_id(app, 'wen-li')}").get_data(as_text=True)
    assert "Closing remarks" in page and "Walk-through the agenda" in page


def test_unknown_person_is_404(client, grcp9, sign_in):
    sign_in("staff")
    assert client.get("/people/999999").status_code == 404
