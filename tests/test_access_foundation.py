"""Who may open which page of the foundation: anonymous, user, staff, admin."""

import pytest

ROLES = ("anonymous", "user", "staff", "admin")
PUBLIC_PAGES = ("/", "/iscms", "/iscms/bali-process", "/iscms/themes", "/iscms?type=RCP", "/login")
ADMIN_PAGES = ("/iscms/new", "/iscms/bali-process/edit", "/iscms/bali-process/chairs/new", "/audit")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_open_for_everyone(client, as_role, registry, role, path):
    as_role(role)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ADMIN_PAGES)
@pytest.mark.parametrize(("role", "expected"), [("anonymous", 302), ("user", 403), ("staff", 403), ("admin", 200)])
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


@pytest.mark.parametrize(("role", "expected"), [("anonymous", 302), ("user", 200), ("staff", 200), ("admin", 200)])
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
    assert forbidden == {"error": {"code": 403, "title": "You may not open this page",
                                   "message": "Your account does not give access to this page."}}


def test_an_error_page_in_french_keeps_no_english_description(client):
    page = client.get("/no/such/page", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Page introuvable" in page
    assert "The requested URL was not found on the server" not in page


def test_a_views_own_description_is_shown(app, client):
    from flask import abort

    app.add_url_rule("/test-own-description", "own_description", lambda: abort(404, description="Not released yet."))
    page = client.get("/test-own-description").get_data(as_text=True)
    assert "Not released yet." in page
    assert "There is nothing at this address" not in page
