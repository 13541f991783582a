"""Signing in and out, passwords, preferences, the login throttle, and cookie settings."""

import pytest
import sqlalchemy as sa
from flask import url_for

from coordinator.auth.models import LoginAttempt, User
from coordinator.auth.passwords import hash_password, verify_password
from coordinator.extensions import db
from tests.conftest import PASSWORD


def test_passwords_are_hashed_with_argon2id():
    hashed = hash_password("a long enough secret")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "a long enough secret")
    assert not verify_password(hashed, "another secret")
    assert not verify_password("not a hash", "a long enough secret")


def test_login_then_logout(client, auth, make_user):
    user = make_user("staff")
    response = auth.login(user)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert user.email in client.get("/").get_data(as_text=True)
    auth.logout()
    assert "Sign in" in client.get("/").get_data(as_text=True)


def test_login_follows_next_only_on_this_site(client, auth, make_user):
    user = make_user("staff")
    response = auth.login(user, query_string={"next": "/iscms?type=RCP"})
    assert response.headers["Location"] == "/iscms?type=RCP"
    auth.logout()
    response = auth.login(user, query_string={"next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_wrong_password_is_refused_with_a_message_and_the_email_kept(client, auth, make_user):
    user = make_user("staff")
    response = auth.login(user, password="wrong password")
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "The e-mail or the password is not right." in page
    assert f'value="{user.email}"' in page


def test_repeated_failures_lock_the_account_for_a_while(app, client, auth, make_user):
    user = make_user("staff")
    for _ in range(app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]):
        assert auth.login(user, password="wrong password").status_code == 401
    response = auth.login(user)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.get_data(as_text=True)
    assert "Sign in" in client.get("/").get_data(as_text=True)
    with app.app_context():
        failures = db.session.scalar(
            sa.select(sa.func.count()).select_from(LoginAttempt).where(LoginAttempt.succeeded.is_(False))
        )
    assert failures == app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]


def test_repeated_failures_from_one_address_lock_it_for_every_account(app, auth, make_user):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 3
    victim = make_user("staff")
    for index in range(3):
        auth.login(f"nobody{index}@example.org", password="guess")
    assert auth.login(victim).status_code == 429


def test_change_password(client, auth, make_user):
    user = make_user("staff")
    auth.login(user)
    response = client.post(
        "/account/password",
        data={
            "pw-current_password": PASSWORD,
            "pw-new_password": "a brand new secret",
            "pw-confirm": "a brand new secret",
        },
    )
    assert response.status_code == 302
    auth.logout()
    assert auth.login(user).status_code == 401
    assert auth.login(user, password="a brand new secret").status_code == 302


def test_change_password_refuses_a_wrong_current_password_and_a_mismatch(app, client, auth, make_user):
    user = make_user("staff")
    auth.login(user)
    response = client.post(
        "/account/password",
        data={
            "pw-current_password": "wrong",
            "pw-new_password": "a brand new secret",
            "pw-confirm": "a brand new secret",
        },
    )
    assert response.status_code == 400
    assert "This is not your current password." in response.get_data(as_text=True)
    response = client.post(
        "/account/password",
        data={
            "pw-current_password": PASSWORD,
            "pw-new_password": "a brand new secret",
            "pw-confirm": "different secret!",
        },
    )
    assert "The two passwords differ." in response.get_data(as_text=True)
    with app.app_context():
        assert verify_password(db.session.get(User, user.id).password_hash, PASSWORD)


def test_preferences_are_saved_and_a_bad_zone_refused(app, client, auth, make_user):
    user = make_user("staff")
    auth.login(user)
    response = client.post(
        "/account/preferences",
        data={"prefs-name": "Wen Li", "prefs-locale": "fr", "prefs-timezone": "Europe/Geneva"},
    )
    assert response.status_code == 400
    assert "Unknown time zone" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, user.id).timezone is None
    client.post(
        "/account/preferences",
        data={"prefs-name": "Wen Li", "prefs-locale": "fr", "prefs-timezone": "Asia/Manila"},
    )
    with app.app_context():
        saved = db.session.get(User, user.id)
        assert (saved.name, saved.locale, saved.timezone) == ("Wen Li", "fr", "Asia/Manila")


def test_session_cookie_is_httponly_and_lax(client, auth, make_user):
    user = make_user("staff")
    response = auth.login(user)
    cookie = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_cookies_are_secure_when_https_is_configured(monkeypatch):
    monkeypatch.setenv("HTTPS", "1")
    import importlib

    from coordinator import config

    reloaded = importlib.reload(config)
    try:
        assert reloaded.Config.SESSION_COOKIE_SECURE is True
        assert reloaded.Config.PREFERRED_URL_SCHEME == "https"
    finally:
        monkeypatch.delenv("HTTPS")
        importlib.reload(config)


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    from coordinator.config import Config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = Config()
    config.ENV_NAME = "production"
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set"):
        _ = config.SECRET_KEY


def test_csrf_protects_every_form(app, make_user):
    app.config["WTF_CSRF_ENABLED"] = True
    user = make_user("staff")
    client = app.test_client()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert (
        "The form had expired, so nothing was saved. Go back to it: your browser still shows what you typed. "
        "Copy what you need, reload the page to get a fresh form, and send it again."
    ) in page
    assert "Your input is shown again" not in page


def test_outside_tests_passwords_use_argon2s_recommended_cost():
    from argon2 import PasswordHasher

    recommended = PasswordHasher()
    hashed = hash_password("a long enough secret")
    assert f"m={recommended.memory_cost},t={recommended.time_cost},p={recommended.parallelism}" in hashed


def test_an_unknown_email_costs_the_same_password_check_as_a_known_one(app, make_user, monkeypatch):
    from coordinator.auth import operations

    user = make_user("staff")
    checked = []
    real_verify = operations.verify_password
    monkeypatch.setattr(
        operations,
        "verify_password",
        lambda hashed, password: checked.append(hashed) or real_verify(hashed, password),
    )
    with app.test_request_context():
        assert operations.authenticate("nobody@example.org", PASSWORD, "203.0.113.1").user is None
        assert operations.authenticate(user.email, "wrong password", "203.0.113.1").user is None
        known_hash = db.session.get(User, user.id).password_hash
    assert len(checked) == 2
    assert checked[1] == known_hash
    assert checked[0] != known_hash
    assert checked[0].split("$")[1:4] == known_hash.split("$")[1:4]


def proxied_app(app, tmp_path, hops: int):
    """A second app on the same database, created with TRUSTED_PROXIES set."""
    from coordinator import create_app
    from tests.conftest import make_config

    config = make_config(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path)
    config.TRUSTED_PROXIES = hops
    proxied = create_app(config)
    proxied.add_url_rule(
        "/test-external-url", "test_external_url", lambda: url_for("core.home", _external=True)
    )
    return proxied


FORWARDED = {
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "coordinator.example.org",
}


def through_a_proxy(app, tmp_path, hops: int, user) -> tuple[list[str], str]:
    """A failed login and a page with an external link, both sent with forwarded headers from 127.0.0.1:
    the addresses the login throttle recorded, and the link."""
    client = proxied_app(app, tmp_path, hops).test_client()
    client.post(
        "/login",
        data={"email": user.email, "password": "wrong"},
        headers=FORWARDED,
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    link = client.get("/test-external-url", headers=FORWARDED).get_data(as_text=True)
    with app.app_context():
        return list(db.session.scalars(sa.select(LoginAttempt.address).order_by(LoginAttempt.id))), link


def test_behind_a_trusted_proxy_the_forwarded_client_scheme_and_host_are_used(app, tmp_path, make_user):
    user = make_user("staff")
    assert through_a_proxy(app, tmp_path, 1, user) == (["203.0.113.7"], "https://coordinator.example.org/")


def test_forwarded_headers_are_ignored_unless_proxies_are_trusted(app, tmp_path, make_user):
    user = make_user("staff")
    assert through_a_proxy(app, tmp_path, 0, user) == (["127.0.0.1"], "http://localhost/")


def test_trusted_proxies_come_from_the_environment(monkeypatch):
    import importlib

    from coordinator import config

    assert config.Config.TRUSTED_PROXIES == 0
    monkeypatch.setenv("TRUSTED_PROXIES", "2")
    try:
        assert importlib.reload(config).Config.TRUSTED_PROXIES == 2
    finally:
        monkeypatch.delenv("TRUSTED_PROXIES")
        importlib.reload(config)
