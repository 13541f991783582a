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


def _hasher() -> PasswordHasher:
    parameters = current_app.config.get("ARGON2_PARAMETERS") if has_app_context() else None
    return _hasher_for(tuple(sorted((parameters or {}).items())))


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)
