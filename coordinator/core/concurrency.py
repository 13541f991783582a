"""Optimistic locking: a save made from a form opened before someone else's save is refused."""


class EditConflict(Exception):
    """The object changed since the form was opened; the message is for the user."""

    def __init__(self, obj):
        super().__init__("changed by someone else since you opened it")
        self.obj = obj


def check_version(obj, expected: str | int | None) -> None:
    """Raise EditConflict unless the form was opened on the object's current version."""
    try:
        expected_version = int(expected)
    except (TypeError, ValueError):
        expected_version = None
    if expected_version != obj.version:
        raise EditConflict(obj)
