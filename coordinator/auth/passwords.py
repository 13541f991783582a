"""Password hashing with Argon2id, a memory-hard scheme.

The cost comes from the library's recommended defaults unless the app's config sets
ARGON2_PARAMETERS (the test configuration lowers it so hundreds of logins stay quick).
"""

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

MIN_LENGTH = 10


@cache
def _hasher_for(parameters: tuple) -> PasswordHasher:
    return PasswordHasher(**dict(parameters))


def _parameters() -> tuple:
    parameters = current_app.config.get("ARGON2_PARAMETERS") if has_app_context() else None
    return tuple(sorted((parameters or {}).items()))


def _hasher() -> PasswordHasher:
    return _hasher_for(_parameters())


@cache
def _dummy_hash_for(parameters: tuple) -> str:
    return _hasher_for(parameters).hash("no account has this password")


def dummy_hash() -> str:
    """A hash at the accounts' cost, checked when no account has the e-mail given: a login for an unknown
    address then takes as long as one for a known address, and its timing tells nothing."""
    return _dummy_hash_for(_parameters())


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)
