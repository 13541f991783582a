"""Coordinator: plan ISCM meetings across time zones and keep one shared calendar of ISCM events."""

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from coordinator.config import Config

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: object | None = None) -> Flask:
    """Wire configuration, extensions, blueprints, error handlers and commands; compute nothing."""
    app = Flask(__name__, template_folder=str(ROOT / "templates"), instance_path=str(ROOT / "instance"))
    app.config.from_object(config or Config())
    _trust_proxies(app)
    _init_extensions(app)
    _register_blueprints(app)
    from coordinator import cli, errors, i18n, templating

    errors.register(app)
    i18n.register(app)
    templating.register(app)
    cli.register(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind TRUSTED_PROXIES proxies, the client's address, scheme and host are the ones they forward."""
    hops = app.config.get("TRUSTED_PROXIES", 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _init_extensions(app: Flask) -> None:
    from coordinator import models  # noqa: F401 - the whole schema, for Alembic and relationships
    from coordinator.extensions import babel, csrf, db, login_manager, migrate
    from coordinator.i18n import select_locale, select_timezone

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)


def _register_blueprints(app: Flask) -> None:
    from coordinator.audit.views import bp as audit_bp
    from coordinator.auth.views import bp as auth_bp
    from coordinator.calendars.views import bp as calendars_bp
    from coordinator.core.views import bp as core_bp
    from coordinator.iscms.views import bp as iscms_bp
    from coordinator.meetings.views import bp as meetings_bp
    from coordinator.notices.views import bp as notices_bp
    from coordinator.participants.views import bp as participants_bp
    from coordinator.people.views import bp as people_bp
    from coordinator.reports.views import bp as reports_bp

    for blueprint in (
        core_bp,
        auth_bp,
        iscms_bp,
        audit_bp,
        calendars_bp,
        meetings_bp,
        people_bp,
        notices_bp,
        participants_bp,
        reports_bp,
    ):
        app.register_blueprint(blueprint)
