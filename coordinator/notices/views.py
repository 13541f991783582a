"""The signed-in user's notices, and the count of unread ones shown in the top bar after login."""

from flask import Blueprint, has_request_context, redirect, render_template, url_for
from flask_login import current_user, login_required

from coordinator.extensions import db
from coordinator.notices.operations import mark_all_read, notices_of, unread_count

bp = Blueprint("notices", __name__)


@bp.app_context_processor
def unread_notices():
    """Also called by templates rendered off a request (export builds), where nobody is signed in."""
    if has_request_context() and current_user.is_authenticated:
        return {"unread_notices": unread_count(current_user)}
    return {"unread_notices": 0}


@login_required
def index():
    return render_template("notices/index.html", notices=notices_of(current_user))


@login_required
def read_all():
    mark_all_read(current_user)
    db.session.commit()
    return redirect(url_for("notices.index"))


bp.add_url_rule("/notices", "index", index)
bp.add_url_rule("/notices/read", "read_all", read_all, methods=["POST"])
