"""Generated files kept under EXPORT_DIR, named by a hash of the data they were built from.

An unchanged list is served from disk at once; a change gives a new key and so a new build. A build
in progress is claimed by a lock file next to its target (`<key>.<ext>.lock`, created with O_EXCL), so
every process sharing the directory (web workers, RQ workers) sees it and only one starts it; the
lock holds the build's stage, and a failed build leaves `<key>.<ext>.failed` with its message.
"""

import hashlib
import json
import os
import tempfile
import time
import uuid
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
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)

    def get_or_build(self, kind: str, key: str, extension: str, build: Callable[[], bytes]) -> Path:
        return self.get(kind, key, extension) or self.put(kind, key, extension, build())

    def remove_kind(self, kind: str, extension: str | None = None) -> int:
        """Delete every file of a kind (of one extension), e.g. cached printouts holding a name to erase."""
        return sum(self._unlink(path) for path in self._files(kind, extension))

    def remove_older(self, kind: str, extension: str, seconds: float) -> int:
        """Delete the files of a kind not written for `seconds`: the lifetime of working files."""
        limit = time.time() - seconds
        return sum(self._unlink(path) for path in self._files(kind, extension) if _mtime(path) < limit)

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
        """True for exactly one caller, in any process, until the claim is released (or goes stale)."""
        lock = self._lock(kind, key, extension)
        lock.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(2):
            try:
                handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                if not self._took_over_stale(lock):
                    return False
                continue
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"since": time.time(), "stage": stage}, out)
            self._failure(kind, key, extension).unlink(missing_ok=True)
            return True
        return False

    def _took_over_stale(self, lock: Path) -> bool:
        """A stale lock is moved aside by one caller only (a rename succeeds once); then claim again."""
        aside = lock.with_name(f"{lock.name}.stale-{uuid.uuid4().hex}")
        try:
            if time.time() - lock.stat().st_mtime < CLAIM_LIFETIME:
                return False
            os.rename(lock, aside)
        except FileNotFoundError:
            return True
        aside.unlink(missing_ok=True)
        return True

    def claimed(self, kind: str, key: str, extension: str) -> dict | None:
        """{"since": epoch seconds, "stage": ...} of a build in progress; None when none is (or it died).

        A lock whose claimer has not written it yet is a claim of this instant, at no stage yet.
        """
        lock = self._lock(kind, key, extension)
        try:
            since = lock.stat().st_mtime
            text = lock.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        if time.time() - since >= CLAIM_LIFETIME:
            return None
        try:
            return json.loads(text)
        except ValueError:
            return {"since": since, "stage": ""}

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


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return time.time()
