"""Which language and zone a request is shown in: the user's preference, then the session, then the browser."""

from flask import Flask, current_app, request, session
from flask_login import current_user

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("locale") in languages:
        return session["locale"]
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    if current_user.is_authenticated and current_user.timezone:
        return current_user.timezone
    return "UTC"


def register(app: Flask) -> None:
    @app.context_processor
    def language_context():
        from flask_babel import get_locale

        return {"language_names": LANGUAGE_NAMES, "current_locale": str(get_locale())}
