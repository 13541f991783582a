"""Language: the user's preference, then the switcher, then the browser; catalogs really translated."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

CATALOGS = Path(__file__).resolve().parent.parent / "coordinator" / "translations"


def test_browser_language_is_followed(client, registry):
    page = client.get("/iscms", headers={"Accept-Language": "es-ES,es;q=0.9"}).get_data(as_text=True)
    assert '<html lang="es">' in page
    assert "Registro de MCIM" in page


def test_an_unsupported_browser_language_falls_back_to_english(client):
    page = client.get("/", headers={"Accept-Language": "de-DE"}).get_data(as_text=True)
    assert '<html lang="en">' in page


def test_the_switcher_overrides_the_browser_and_returns_to_the_page(client, registry):
    response = client.post("/language", data={"locale": "fr", "next": "/iscms?type=RCP"}, headers={"Accept-Language": "es"})
    assert response.headers["Location"] == "/iscms?type=RCP"
    page = client.get("/iscms?type=RCP", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert '<html lang="fr">' in page
    assert "Registre des MCIM" in page


def test_the_switcher_ignores_unknown_languages_and_foreign_hosts(client):
    response = client.post("/language", data={"locale": "xx", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_a_signed_in_users_choice_is_remembered_on_the_account(app, client, auth, make_user):
    user = make_user("staff")
    auth.login(user)
    client.post("/language", data={"locale": "es", "next": "/"})
    auth.logout()
    other_browser = app.test_client()
    other_browser.post("/login", data={"email": user.email, "password": "correct horse battery"})
    assert '<html lang="es">' in other_browser.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_message_is_translated(language):
    with open(CATALOGS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    untranslated = [message.id for message in catalog if message.id and not message.string]
    assert untranslated == []
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert fuzzy == []


@pytest.mark.parametrize("language", ["fr", "es"])
def test_translations_are_not_copies_of_the_english(language):
    with open(CATALOGS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    long_messages = [m for m in catalog if isinstance(m.id, str) and len(m.id) > 25]
    copied = [m.id for m in long_messages if m.string == m.id]
    assert len(copied) <= len(long_messages) // 20
