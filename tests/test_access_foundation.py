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
