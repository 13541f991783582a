"""Who may open which page of the foundation: anonymous, user, staff, admin."""

from urllib.parse import quote

import pytest
import sqlalchemy as sa
from flask import url_for

from coordinator.extensions import db
from coordinator.iscms.models import ChairTerm, Iscm

ROLES = ("anonymous", "user", "staff", "admin")
FOUNDATION_BLUEPRINTS = ("core", "auth", "iscms", "audit")


def everyone(status: int) -> dict:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int) -> dict:
    """Anonymous visitors are sent to log in; every account gets `status`."""
    return {"anonymous": 302, "user": status, "staff": status, "admin": status}


def admins(status: int) -> dict:
    return {"anonymous": 302, "user": 403, "staff": 403, "admin": status}


#: (endpoint, method) -> status per role, for the request below: GET, or POST of POST_DATA (empty by default, so
#: an admin's form POST is refused as incomplete, 400, and a non-admin's never reaches the form).
EXPECTED = {
    ("core.home", "GET"): everyone(200),
    ("core.set_language", "POST"): everyone(302),
    ("core.healthz", "GET"): everyone(200),
    ("auth.login", "GET"): everyone(200),
    ("auth.login", "POST"): everyone(200),
    ("auth.logout", "POST"): everyone(302),
    ("auth.account", "GET"): signed_in(200),
    ("auth.change_password", "POST"): signed_in(400),
    ("auth.save_preferences", "POST"): signed_in(400),
    ("iscms.index", "GET"): everyone(200),
    ("iscms.themes", "GET"): everyone(200),
    ("iscms.show", "GET"): everyone(200),
    ("iscms.create", "GET"): admins(200),
    ("iscms.create", "POST"): admins(400),
    ("iscms.edit", "GET"): admins(200),
    ("iscms.edit", "POST"): admins(400),
    ("iscms.add_term", "GET"): admins(200),
    ("iscms.add_term", "POST"): admins(400),
    ("iscms.edit_term", "GET"): admins(200),
    ("iscms.edit_term", "POST"): admins(400),
    ("iscms.delete_term", "POST"): admins(302),
    ("audit.index", "GET"): admins(200),
}
POST_DATA = {"core.set_language": {"locale": "fr", "next": "/iscms"}}


def foundation_routes(app) -> list[tuple[str, str]]:
    return sorted(
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in FOUNDATION_BLUEPRINTS
        for method in rule.methods - {"HEAD", "OPTIONS"}
    )


def bali_term_id(app) -> int:
    with app.app_context():
        return db.session.scalar(
            sa.select(ChairTerm.id).join(Iscm).where(Iscm.slug == "bali-process").order_by(ChairTerm.id)
        )


def url_of(app, endpoint: str) -> str:
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)
    values = {"slug": "bali-process", "term_id": bali_term_id(app)}
    with app.test_request_context():
        return url_for(endpoint, **{name: values[name] for name in rule.arguments})


def test_every_foundation_route_has_an_expected_status_for_every_role(app):
    assert foundation_routes(app) == sorted(EXPECTED)
    assert [route for route, statuses in EXPECTED.items() if tuple(statuses) != ROLES] == []


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("endpoint", "method"), sorted(EXPECTED))
def test_each_foundation_route_answers_each_role_as_expected(
    app, client, as_role, registry, endpoint, method, role
):
    url, statuses = url_of(app, endpoint), EXPECTED[(endpoint, method)]
    as_role(role)
    response = client.get(url) if method == "GET" else client.post(url, data=POST_DATA.get(endpoint, {}))
    assert response.status_code == statuses[role]
    needs_login = statuses["anonymous"] == 302 and statuses["user"] != 302
    if role == "anonymous" and needs_login:
        assert response.headers["Location"] == f"/login?next={quote(url, safe='')}"


@pytest.mark.parametrize("role", ["anonymous", "user", "staff"])
def test_refused_chair_term_posts_change_nothing(app, client, as_role, registry, role):
    term_id = bali_term_id(app)
    as_role(role)
    client.post(f"/iscms/bali-process/chairs/{term_id}/delete")
    client.post(
        f"/iscms/bali-process/chairs/{term_id}/edit", data={"holder": "X", "role": "chair", "status": "past"}
    )
    client.post("/iscms/bali-process/chairs/new", data={"holder": "X", "role": "chair", "status": "current"})
    with app.app_context():
        holders = db.session.scalars(
            sa.select(ChairTerm.holder).join(Iscm).where(Iscm.slug == "bali-process")
        )
        assert sorted(holders) == ["Australia", "Indonesia"]


PUBLIC_PAGES = ("/", "/iscms", "/iscms/bali-process", "/iscms/themes", "/iscms?type=RCP", "/login")
ADMIN_PAGES = ("/iscms/new", "/iscms/bali-process/edit", "/iscms/bali-process/chairs/new", "/audit")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_open_for_everyone(client, as_role, registry, role, path):
    as_role(role)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ADMIN_PAGES)
@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", 302), ("user", 403), ("staff", 403), ("admin", 200)]
)
def test_admin_pages(client, as_role, registry, path, role, expected):
    as_role(role)
    response = client.get(path)
    assert response.status_code == expected
    if expected == 302:
        assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(("role", "expected"), [("anonymous", 302), ("user", 403), ("staff", 403)])
def test_admin_posts_are_refused_and_change_nothing(client, as_role, registry, role, expected):
    as_role(role)
    assert client.post("/iscms/bali-process/edit", data={"acronym": "X", "name": "Y"}).status_code == expected
    assert client.post("/iscms/new", data={"acronym": "X", "name": "Y"}).status_code == expected
    assert "Bali Process" in client.get("/iscms").get_data(as_text=True)


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", 302), ("user", 200), ("staff", 200), ("admin", 200)]
)
def test_account_page_needs_a_login(client, as_role, role, expected):
    as_role(role)
    assert client.get("/account").status_code == expected


def test_unknown_pages_are_404_in_html_and_json(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == 404


def test_error_pages_say_what_happened_in_the_apps_own_words(client, as_role):
    missing = client.get("/no/such/page").get_data(as_text=True)
    assert "There is nothing at this address. Check it, or start again from the start page." in missing
    assert "The requested URL was not found on the server" not in missing
    wrong_method = client.get("/logout")
    assert wrong_method.status_code == 405
    assert "This page cannot be used this way." in wrong_method.get_data(as_text=True)
    assert "not allowed for the requested URL" not in wrong_method.get_data(as_text=True)
    as_role("user")
    forbidden = client.get("/audit", headers={"Accept": "application/json"}).get_json()
    assert forbidden == {
        "error": {
            "code": 403,
            "title": "You may not open this page",
            "message": "Your account does not give access to this page.",
        }
    }


def test_an_error_page_in_french_keeps_no_english_description(client):
    page = client.get("/no/such/page", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Page introuvable" in page
    assert "The requested URL was not found on the server" not in page


def test_a_views_own_description_is_shown(app, client):
    from flask import abort

    app.add_url_rule(
        "/test-own-description", "own_description", lambda: abort(404, description="Not released yet.")
    )
    page = client.get("/test-own-description").get_data(as_text=True)
    assert "Not released yet." in page
    assert "There is nothing at this address" not in page
