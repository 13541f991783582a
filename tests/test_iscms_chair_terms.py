"""Chair terms with dates known to the year or the month: the form and the database agree on what is valid."""

from datetime import date

import pytest
import sqlalchemy as sa

from coordinator.extensions import db
from coordinator.iscms.models import ChairTerm, Iscm


def terms_of(app, slug: str) -> list[tuple]:
    with app.app_context():
        iscm = db.session.scalar(sa.select(Iscm).where(Iscm.slug == slug))
        return [
            (t.holder, t.status, t.starts_on, t.starts_precision, t.ends_on, t.ends_precision)
            for t in iscm.chair_history
        ]


def add_term(client, slug="rcm", **values):
    data = {"holder": "Honduras", "role": "chair", "status": "past", "starts": "", "ends": "", "source": ""}
    data.update(values)
    return client.post(f"/iscms/{slug}/chairs/new", data=data)


@pytest.mark.parametrize(
    ("starts", "ends", "stored_end"),
    [
        ("2021-06", "2021", (date(2021, 12, 31), "year")),
        ("2021-06-15", "2021-06", (date(2021, 6, 30), "month")),
        ("2021", "2021", (date(2021, 12, 31), "year")),
        ("2020-02", "2020-02", (date(2020, 2, 29), "month")),
    ],
)
def test_a_term_ending_in_the_period_it_starts_is_saved(
    app, client, as_role, registry, starts, ends, stored_end
):
    as_role("admin")
    response = add_term(client, starts=starts, ends=ends)
    assert response.status_code == 302
    saved = [term for term in terms_of(app, "rcm") if term[0] == "Honduras"]
    assert [term[4:] for term in saved] == [stored_end]


def test_the_edit_form_gives_back_the_end_as_it_was_written(app, client, as_role, registry):
    as_role("admin")
    add_term(client, starts="2021-06", ends="2021")
    with app.app_context():
        term_id = db.session.scalar(sa.select(ChairTerm.id).where(ChairTerm.holder == "Honduras"))
    page = client.get(f"/iscms/rcm/chairs/{term_id}/edit").get_data(as_text=True)
    assert 'name="starts" type="text" value="2021-06"' in page
    assert 'name="ends" type="text" value="2021"' in page


def test_a_new_current_chair_ends_the_previous_one_in_the_period_it_starts(app, client, as_role, registry):
    as_role("admin")
    assert add_term(client, status="current", starts="2024").status_code == 302
    terms = {term[0]: term for term in terms_of(app, "rcm")}
    assert terms["Mexico"][1:] == ("past", None, None, date(2024, 12, 31), "year")
    assert terms["Honduras"][1:] == ("current", date(2024, 1, 1), "year", None, None)


def test_a_current_chair_starting_before_the_current_one_is_refused(app, client, as_role, registry):
    as_role("admin")
    assert add_term(client, status="current", starts="2024").status_code == 302
    before = terms_of(app, "rcm")
    response = add_term(client, holder="Belize", status="current", starts="2023")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert (
        "Honduras is the current chair since 2024: a new current chair cannot start before that. "
        "Record this term as past, or correct its start."
    ) in page
    assert "Nothing was saved" in page
    assert terms_of(app, "rcm") == before


def test_a_current_chair_starting_within_the_year_of_the_current_one_is_saved(app, client, as_role, registry):
    as_role("admin")
    add_term(client, status="current", starts="2024-06")
    assert add_term(client, holder="Belize", status="current", starts="2024").status_code == 302
    terms = {term[0]: term for term in terms_of(app, "rcm")}
    assert terms["Honduras"][1:] == ("past", date(2024, 6, 1), "month", date(2024, 12, 31), "year")


def test_editing_a_term_into_a_backdated_current_chair_is_refused(app, client, as_role, registry):
    as_role("admin")
    add_term(client, status="current", starts="2024")
    add_term(client, holder="Belize", status="past", starts="2019", ends="2020")
    before = terms_of(app, "rcm")
    with app.app_context():
        term_id = db.session.scalar(sa.select(ChairTerm.id).where(ChairTerm.holder == "Belize"))
    response = client.post(
        f"/iscms/rcm/chairs/{term_id}/edit",
        data={"holder": "Belize", "role": "chair", "status": "current", "starts": "2019", "ends": ""},
    )
    assert response.status_code == 400
    assert "Honduras is the current chair since 2024" in response.get_data(as_text=True)
    assert terms_of(app, "rcm") == before


@pytest.mark.parametrize(
    ("language", "starts", "ends"),
    [
        ("en", "June 2021", "Jun 15, 2022"),
        ("fr", "juin 2021", "15 juin 2022"),
        ("es", "junio de 2021", "15 jun 2022"),
    ],
)
def test_chair_history_dates_are_written_for_the_readers_language(
    client, as_role, registry, language, starts, ends
):
    as_role("admin")
    add_term(client, starts="2021-06", ends="2022-06-15")
    add_term(client, holder="Belize", starts="2019", ends="2020")
    page = client.get("/iscms/rcm", headers={"Accept-Language": language}).get_data(as_text=True)
    assert "<td>Honduras</td>" in page
    assert f"<td>{starts}</td>\n        <td>{ends}</td>" in page
    assert "<td>2019</td>\n        <td>2020</td>" in page
