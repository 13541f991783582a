"""Language: the user's preference, then the switcher, then the browser; catalogs really translated."""

import re
from pathlib import Path

import pytest
import sqlalchemy as sa
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from coordinator.extensions import db

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "coordinator" / "translations"
#: The keywords `make extract-messages` gives pybabel: its defaults (_, gettext, ngettext...) and the lazy ones.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}


def messages_in_the_code() -> set[str | tuple[str, ...]]:
    """Every message the code and templates mark for translation, found as `make extract-messages` finds them."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    return {
        message
        for _filename, _lineno, message, _comments, _context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS
        )
        if message
    }


def read_catalog(language: str):
    with open(CATALOGS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle)


def test_extraction_finds_the_messages_of_code_and_templates():
    messages = messages_in_the_code()
    assert "ISCM registry" in messages
    assert "The year of establishment cannot be in the future." in messages
    assert ("%(num)d ISCM", "%(num)d ISCMs") in messages


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_message_of_the_code_is_in_the_catalog_and_translated(language):
    """Fails while the catalogs lag behind the code: run `make update-catalogs` and translate."""
    catalog = read_catalog(language)
    missing, untranslated = [], []
    for message in sorted(messages_in_the_code(), key=str):
        msgid = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(msgid)
        if entry is None:
            missing.append(msgid)
        elif entry.fuzzy or not all(entry.string if isinstance(entry.string, tuple) else [entry.string]):
            untranslated.append(msgid)
    assert missing == []
    assert untranslated == []


def test_browser_language_is_followed(client, registry):
    page = client.get("/iscms", headers={"Accept-Language": "es-ES,es;q=0.9"}).get_data(as_text=True)
    assert '<html lang="es">' in page
    assert "Registro de MCIM" in page


def test_an_unsupported_browser_language_falls_back_to_english(client):
    page = client.get("/", headers={"Accept-Language": "de-DE"}).get_data(as_text=True)
    assert '<html lang="en">' in page


def test_the_switcher_overrides_the_browser_and_returns_to_the_page(client, registry):
    response = client.post(
        "/language", data={"locale": "fr", "next": "/iscms?type=RCP"}, headers={"Accept-Language": "es"}
    )
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
    assert '<html lang="es">' in other_browser.get("/", headers={"Accept-Language": "fr"}).get_data(
        as_text=True
    )


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_message_is_translated(language):
    catalog = read_catalog(language)
    untranslated = [message.id for message in catalog if message.id and not message.string]
    assert untranslated == []
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert fuzzy == []


@pytest.mark.parametrize("language", ["fr", "es"])
def test_translations_are_not_copies_of_the_english(language):
    catalog = read_catalog(language)
    long_messages = [m for m in catalog if isinstance(m.id, str) and len(m.id) > 25]
    copied = [m.id for m in long_messages if m.string == m.id]
    assert len(copied) <= len(long_messages) // 20


def test_theme_labels_cover_every_theme_of_the_data_file(app):
    from coordinator.iscms.labels import THEME_LABELS
    from coordinator.iscms.seed import load_yaml

    with app.test_request_context(headers={"Accept-Language": "en"}):
        labels = {slug: str(label) for slug, label in THEME_LABELS.items()}
    assert labels == {row["slug"]: row["name"] for row in load_yaml("themes.yaml")}


def test_registry_pages_name_themes_in_the_readers_language(client, registry):
    french = {"Accept-Language": "fr"}
    matrix = client.get("/iscms/themes?theme=biometrics", headers=french).get_data(as_text=True)
    assert re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', matrix) == ["Biométrie"]
    assert 'title="IGC — Biométrie"' in matrix
    for path in ("/iscms", "/calendar"):
        page = client.get(path, headers=french).get_data(as_text=True)
        assert '<option value="biometrics" >Biométrie</option>' in page, path
    assert '<a href="/iscms?theme=biometrics">Biométrie</a>' in client.get(
        "/iscms/igc", headers=french
    ).get_data(as_text=True)


def test_a_theme_renamed_since_the_data_file_shows_its_new_name(app, client, registry):
    from coordinator.iscms.models import Theme

    with app.app_context():
        db.session.scalar(sa.select(Theme).where(Theme.slug == "biometrics")).name = "Biometric systems"
        db.session.commit()
    page = client.get("/iscms/igc", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<a href="/iscms?theme=biometrics">Biometric systems</a>' in page


def test_the_registry_table_gives_types_in_the_readers_language(client, registry):
    page = client.get("/iscms?q=colombo", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "<td>PCR</td>" in page
    assert "<td>RCP</td>" not in page
    assert '<input type="checkbox" name="type" value="GLOBAL" > Processus mondial</label>' in page
