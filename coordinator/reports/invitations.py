"""Invitation links for new rapporteurs: signed, valid two weeks, and usable once.

The token carries the account id and a fragment of its password hash: setting the password changes
the hash, so the same link cannot set it a second time.
"""

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from coordinator.auth.models import User
from coordinator.extensions import db

MAX_AGE = 14 * 24 * 3600
SALT = "rapporteur-invitation"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=SALT)


def make_token(user: User) -> str:
    return _serializer().dumps({"user": user.id, "hash": user.password_hash[-16:]})


def read_token(token: str) -> User | None:
    """The invited account, or None for a forged, expired or already used link."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE)
    except BadSignature:
        return None
    user = db.session.get(User, data.get("user")) if isinstance(data, dict) else None
    if user is None or not user.is_active or user.password_hash[-16:] != data.get("hash"):
        return None
    return user
