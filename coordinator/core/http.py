"""Small request helpers shared by every capability."""

from urllib.parse import urlsplit

from flask import abort, request, url_for

from coordinator.extensions import db


def safe_next_url(target: str | None) -> str:
    """Only same-site paths are followed after a form, never another host."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("core.home")


def client_address() -> str:
    return request.remote_addr or "unknown"


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return request.path.startswith("/api/") or (
        best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def child_or_404(model, object_id, **parent):
    """The row, or 404 when there is none or it belongs to another parent (`meeting_id=meeting.id`), so a
    URL cannot reach one meeting's rows through another's."""
    row = db.get_or_404(model, object_id)
    if any(getattr(row, name) != value for name, value in parent.items()):
        abort(404)
    return row
