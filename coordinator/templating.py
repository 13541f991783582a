"""Template filters and globals shared by every page."""

from flask import Flask, request, url_for

from coordinator.core.markup import render_markdown
from coordinator.core.partial_dates import format_partial_date


def url_with(**overrides) -> str:
    """The current page's URL with some query parameters replaced (None removes one)."""
    args = request.args.to_dict(flat=False)
    for key, value in overrides.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value if isinstance(value, list) else [value]
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def register(app: Flask) -> None:
    app.jinja_env.globals["url_with"] = url_with
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["partial_date"] = lambda value, precision: format_partial_date(value, precision)
