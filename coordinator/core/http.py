"""Small request helpers shared by every capability."""

from urllib.parse import urlsplit

from flask import request, url_for


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
