"""Everything that changes accounts. Operations flush; the calling view or command commits."""

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from coordinator.auth.models import ROLES, LoginAttempt, User
from coordinator.auth.passwords import dummy_hash, hash_password, needs_rehash, verify_password
from coordinator.db import utcnow
from coordinator.extensions import db


class AccountError(ValueError):
    """A request about an account that cannot be carried out; the message is for the user."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def create_user(email: str, password: str, role: str, name: str = "") -> User:
    email = normalise_email(email)
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    if get_user_by_email(email) is not None:
        raise AccountError(f"An account for {email} exists already.")
    user = User(email=email, name=name, role=role, password_hash=hash_password(password))
    db.session.add(user)
    db.session.flush()
    return user


def set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    db.session.flush()


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    locked_out: bool = False


def _recent_failures(column, value: str, since) -> int:
    query = sa.select(sa.func.count(LoginAttempt.id)).where(
        column == value, LoginAttempt.succeeded.is_(False), LoginAttempt.at >= since
    )
    return db.session.scalar(query)


def is_locked_out(email: str, address: str) -> bool:
    """Too many recent failures for this account or from this address refuse further tries."""
    config = current_app.config
    since = utcnow() - timedelta(minutes=config["LOGIN_LOCKOUT_MINUTES"])
    return (
        _recent_failures(LoginAttempt.email, normalise_email(email), since)
        >= config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
        or _recent_failures(LoginAttempt.address, address, since) >= config["LOGIN_MAX_FAILURES_PER_ADDRESS"]
    )


def _forget_old_attempts() -> None:
    """Attempts older than a day no longer count for anything; they are not kept."""
    db.session.execute(sa.delete(LoginAttempt).where(LoginAttempt.at < utcnow() - timedelta(days=1)))


def authenticate(email: str, password: str, address: str) -> LoginResult:
    """Check a login, recording the attempt; a locked-out account is refused without a check."""
    email = normalise_email(email)
    if is_locked_out(email, address):
        return LoginResult(user=None, locked_out=True)
    user = get_user_by_email(email)
    password_ok = verify_password(user.password_hash if user else dummy_hash(), password)
    valid = user is not None and user.is_active and password_ok
    db.session.add(LoginAttempt(email=email, address=address, succeeded=valid))
    if not valid:
        _forget_old_attempts()
        db.session.flush()
        return LoginResult(user=None)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    db.session.flush()
    return LoginResult(user=user)
