"""Template filters and globals shared by every page."""

from flask import Flask, request, url_for
from flask_babel import get_locale, get_timezone

from coordinator.core.markup import render_markdown
from coordinator.core.partial_dates import describe_partial_date
from coordinator.exporting.labels import stage_label


def url_with(**overrides) -> str:
    """The current page's URL with some query parameters replaced (None removes one)."""
    args = request.args.to_dict(flat=False)
    for key, value in overrides.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value if isinstance(value, list) else [value]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def partial_date(value, precision) -> str:
    return describe_partial_date(value, precision, get_locale())


def reader_zone() -> str:
    """The IANA name of the zone instants are shown in."""
    return str(get_timezone())


def register(app: Flask) -> None:
    app.jinja_env.globals["url_with"] = url_with
    app.jinja_env.globals["reader_zone"] = reader_zone
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["partial_date"] = partial_date
    app.jinja_env.filters["stage_label"] = stage_label
