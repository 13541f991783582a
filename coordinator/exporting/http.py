"""Conditional GET for generated files: ETag and Last-Modified, and a 304 that never builds the body."""

from collections.abc import Callable
from datetime import datetime

from flask import Response, request


def _not_modified(etag: str, last_modified: datetime) -> bool:
    if request.if_none_match:
        return request.if_none_match.contains(etag)
    since = request.if_modified_since
    return since is not None and last_modified.replace(microsecond=0) <= since


def conditional_response(
    etag: str, last_modified: datetime, build: Callable[[], bytes], content_type: str, private: bool = False
) -> Response:
    """304 when the client's copy is current (the body is not built); otherwise the body with validators."""
    if _not_modified(etag, last_modified):
        response = Response(status=304)
    else:
        response = Response(build(), content_type=content_type)
    response.set_etag(etag)
    response.last_modified = last_modified.replace(microsecond=0)
    response.cache_control.no_cache = True
    if private:
        response.cache_control.private = True
    else:
        response.cache_control.public = True
    return response
