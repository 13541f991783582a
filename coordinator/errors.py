"""Error pages that answer in HTML or JSON, and roll back whatever a failed request began."""

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge

from coordinator.core.http import wants_json
from coordinator.extensions import db


def _titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        403: _("You may not open this page"),
        404: _("Page not found"),
        405: _("Method not allowed"),
        413: _("The file is too large"),
        429: _("Too many requests"),
        500: _("Something went wrong on our side"),
    }


def _respond(code: int, message: str):
    title = _titles().get(code, _("Error"))
    if wants_json():
        return jsonify(error={"code": code, "title": title, "message": message}), code
    return render_template("errors/error.html", code=code, title=title, message=message), code


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return _respond(400, _("The form had expired. Your input is shown again: please send it once more."))

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error):
        size = (request.max_content_length or 0) // (1024 * 1024)
        return _respond(413, _("Files of up to %(size)d MB are accepted: send a smaller one.", size=size))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code and error.code >= 500:
            db.session.rollback()
        return _respond(error.code or 500, error.description or "")

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error")
        return _respond(500, InternalServerError.description)
