"""The home page, the language switcher and the health check."""

from flask import Blueprint, Response, current_app, redirect, render_template, request, session
from flask_login import current_user

from coordinator.core.http import safe_next_url
from coordinator.extensions import db
from coordinator.iscms.queries import registry_counts

bp = Blueprint("core", __name__)


def home():
    return render_template("core/home.html", counts=registry_counts())


def set_language():
    """A POST from the switcher on every page; remembered on the account of a signed-in user."""
    locale = request.form.get("locale", "")
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated:
            current_user.locale = locale
            db.session.commit()
    return redirect(safe_next_url(request.form.get("next")))


def healthz():
    """For load balancers and the benchmarks' trivial endpoint: the app answers, nothing else is touched."""
    return Response("ok\n", content_type="text/plain; charset=utf-8")


bp.add_url_rule("/", "home", home)
bp.add_url_rule("/language", "set_language", set_language, methods=["POST"])
bp.add_url_rule("/healthz", "healthz", healthz)
