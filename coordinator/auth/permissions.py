"""Global access checks. Per-meeting checks live with meetings."""

from functools import wraps

from flask import abort
from flask_login import current_user

from coordinator.extensions import login_manager


def _requires(allowed):
    """A decorator: anonymous users are sent to log in; signed-in users who fail `allowed` get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not allowed(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


admin_required = _requires(lambda user: user.is_admin)
staff_required = _requires(lambda user: user.is_staff)
