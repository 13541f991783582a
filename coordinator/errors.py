"""Error pages that answer in HTML or JSON, and roll back whatever a failed request began."""

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from coordinator.core.http import wants_json
from coordinator.extensions import db


def _titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        403: _("You may not open this page"),
        404: _("Page not found"),
        405: _("Method not allowed"),
        409: _("Changed in the meantime"),
        413: _("The file is too large"),
        429: _("Too many requests"),
        500: _("Something went wrong on our side"),
    }


def _messages() -> dict[int, str]:
    """What each status means to the reader, in their language (Werkzeug's descriptions are English only)."""
    return {
        400: _("The request could not be understood. Check the address, or go back and send the form again."),
        403: _("Your account does not give access to this page."),
        404: _("There is nothing at this address. Check it, or start again from the start page."),
        405: _("This page cannot be used this way."),
        409: _("This was changed by someone else in the meantime: reload the page and try again."),
        429: _("Too many requests in a short time: wait a few minutes and try again."),
        500: _("The error is recorded. Try again in a moment; if it happens again, tell the administrators."),
    }


def _message_for(error: HTTPException) -> str:
    """A view's own description (translated where it is raised), else the app's message for the status."""
    if error.description and error.description != type(error).description:
        return str(error.description)
    return _messages().get(error.code or 500, "")


def _respond(code: int, message: str):
    title = _titles().get(code, _("Error"))
    if wants_json():
        return jsonify(error={"code": code, "title": title, "message": message}), code
    return render_template("errors/error.html", code=code, title=title, message=message), code


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return _respond(
            400,
            _(
                "The form had expired, so nothing was saved. Go back to it: your browser still shows what you typed. "
                "Copy what you need, reload the page to get a fresh form, and send it again."
            ),
        )

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error):
        size = (request.max_content_length or 0) // (1024 * 1024)
        return _respond(413, _("Files of up to %(size)d MB are accepted: send a smaller one.", size=size))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code and error.code >= 500:
            db.session.rollback()
        return _respond(error.code or 500, _message_for(error))

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error")
        return _respond(500, _messages()[500])
