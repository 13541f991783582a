"""Accounts, their global role, and the record of login attempts used to slow down guessing."""

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

from coordinator.db import UTCDateTime, utcnow
from coordinator.extensions import db

#: Global roles. Per-meeting roles (organizer, rapporteur, participant) live with meetings.
ROLE_ADMIN = "admin"
ROLE_STAFF = "staff"
ROLE_USER = "user"
ROLES = (ROLE_ADMIN, ROLE_STAFF, ROLE_USER)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-cased; the login name.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(20), default=ROLE_USER)
    #: Preferred interface language; None follows the browser.
    locale: Mapped[str | None] = mapped_column(sa.String(10))
    #: Preferred reading time zone (IANA name); None follows the browser.
    timezone: Mapped[str | None] = mapped_column(sa.String(64))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Secret part of the personal calendar feed URL /feeds/<token>.ics; regenerating it kills the old URL.
    feed_token: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    #: When the follows and roles that scope the personal feed last changed (see calendars.models).
    calendar_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (sa.CheckConstraint(f"role IN {ROLES!r}", name="role_known"),)

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role == ROLE_ADMIN

    @property
    def is_staff(self) -> bool:
        """Staff rights: admins have them too."""
        return self.role in (ROLE_ADMIN, ROLE_STAFF)

    @property
    def display_name(self) -> str:
        return self.name or self.email

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"


class LoginAttempt(db.Model):
    """One try at logging in; failures within a window refuse further tries for a while."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    address: Mapped[str] = mapped_column(sa.String(64), index=True)
    succeeded: Mapped[bool] = mapped_column(default=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
