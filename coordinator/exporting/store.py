"""Generated files kept under EXPORT_DIR, named by a hash of the data they were built from.

An unchanged list is served from disk at once; a change gives a new key and so a new build. A build
in progress is claimed by a lock file next to its target (`<key>.<ext>.lock`, linked into place with
its content, which fails when it exists), so every process sharing the directory (web workers, RQ
workers) sees it and only one starts it; the lock holds the build's stage, and a failed build leaves
`<key>.<ext>.failed` with its message.
"""

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from flask import current_app

#: A claim untouched for this long is taken for a build whose process died, and may be taken over.
CLAIM_LIFETIME = 3600


def content_key(*parts) -> str:
    """A stable hash of whatever the export is built from (rows, options, template version)."""
    payload = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


class ExportStore:
    def __init__(self, root: Path):
        self.root = Path(root)

    @classmethod
    def current(cls) -> "ExportStore":
        return cls(current_app.config["EXPORT_DIR"])

    def path(self, kind: str, key: str, extension: str) -> Path:
        return self.root / kind / f"{key}.{extension}"

    def get(self, kind: str, key: str, extension: str) -> Path | None:
        path = self.path(kind, key, extension)
        return path if path.is_file() else None

    def put(self, kind: str, key: str, extension: str, data: bytes) -> Path:
        """Written to a temporary file and renamed, so a reader never sees half a file."""
        path = self.path(kind, key, extension)
        self._write(path, data)
        return path

    def _write(self, path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(_temporary(path.parent, data), path)

    def get_or_build(self, kind: str, key: str, extension: str, build: Callable[[], bytes]) -> Path:
        return self.get(kind, key, extension) or self.put(kind, key, extension, build())

    def remove_kind(self, kind: str, extension: str | None = None) -> int:
        """Delete every file of a kind (of one extension), e.g. cached printouts holding a name to erase."""
        return sum(self._unlink(path) for path in self._files(kind, extension))

    def remove_older(self, kind: str, extension: str, seconds: float) -> int:
        """Delete the files of a kind not written for `seconds`: the lifetime of working files."""
        limit = time.time() - seconds
        return sum(self._unlink(path) for path in self._files(kind, extension) if _mtime(path) < limit)

    def keep_latest(self, kind: str, extension: str, kept: str, prefix: str, limit: int) -> int:
        """Make room for the file of key `kept`: the kind's other files named `prefix...` (older versions of
        the same thing) go, and the least recently written others beyond `limit` files in all."""
        others = [path for path in self._files(kind, extension) if path.name != f"{kept}.{extension}"]
        older = [path for path in others if path.name.startswith(prefix)]
        rest = sorted((path for path in others if not path.name.startswith(prefix)), key=_mtime)
        return sum(self._unlink(path) for path in older + rest[: max(0, len(rest) + 1 - limit)])

    def is_older(self, path: Path, seconds: float) -> bool:
        return _mtime(path) < time.time() - seconds

    def _files(self, kind: str, extension: str | None) -> list[Path]:
        folder = self.root / kind
        pattern = f"*.{extension}" if extension else "*"
        return [path for path in folder.glob(pattern) if path.is_file()] if folder.is_dir() else []

    @staticmethod
    def _unlink(path: Path) -> bool:
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        return True

    # Claims on builds in progress ---------------------------------------------------------------

    def _lock(self, kind: str, key: str, extension: str) -> Path:
        return self.root / kind / f"{key}.{extension}.lock"

    def _failure(self, kind: str, key: str, extension: str) -> Path:
        return self.root / kind / f"{key}.{extension}.failed"

    def claim(self, kind: str, key: str, extension: str, stage: str) -> bool:
        """True for exactly one caller, in any process, until the claim is released (or goes stale).

        The lock appears with its content: a written temporary file is linked to the lock's name, which
        fails when the name exists, so a reader never finds a claim without its stage.
        """
        lock = self._lock(kind, key, extension)
        lock.parent.mkdir(parents=True, exist_ok=True)
        if _is_stale(lock):
            lock.unlink(missing_ok=True)
        temporary = _temporary(lock.parent, json.dumps({"since": time.time(), "stage": stage}).encode())
        try:
            os.link(temporary, lock)
        except FileExistsError:
            return False
        finally:
            os.unlink(temporary)
        self._failure(kind, key, extension).unlink(missing_ok=True)
        return True

    def claimed(self, kind: str, key: str, extension: str) -> dict | None:
        """{"since": epoch seconds, "stage": ...} of a build in progress; None when none is (or it died)."""
        lock = self._lock(kind, key, extension)
        if _is_stale(lock):
            return None
        try:
            return json.loads(lock.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    def set_stage(self, kind: str, key: str, extension: str, stage: str) -> None:
        """Record how far the claimed build is (it also keeps the claim fresh)."""
        claim = self.claimed(kind, key, extension)
        if claim is not None:
            self._write(self._lock(kind, key, extension), json.dumps({**claim, "stage": stage}).encode())

    def release(self, kind: str, key: str, extension: str, failure: str | None = None) -> None:
        """End the claim; with a message, the build is remembered as failed until claimed again."""
        if failure is not None:
            self._write(self._failure(kind, key, extension), failure.encode())
        self._lock(kind, key, extension).unlink(missing_ok=True)

    def failure(self, kind: str, key: str, extension: str) -> str | None:
        try:
            return self._failure(kind, key, extension).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None


def _temporary(folder: Path, data: bytes) -> str:
    """A new file in `folder` holding `data`, to be renamed or linked into place."""
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    return temporary


def _is_stale(lock: Path) -> bool:
    """A claim untouched for CLAIM_LIFETIME: the process building it died."""
    try:
        return time.time() - lock.stat().st_mtime >= CLAIM_LIFETIME
    except FileNotFoundError:
        return False


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return time.time()
