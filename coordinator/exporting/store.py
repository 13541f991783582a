"""Generated files kept under EXPORT_DIR, named by a hash of the data they were built from.

An unchanged list is served from disk at once; a change gives a new key and so a new build.
"""

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from flask import current_app


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
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
        return path

    def get_or_build(self, kind: str, key: str, extension: str, build: Callable[[], bytes]) -> Path:
        return self.get(kind, key, extension) or self.put(kind, key, extension, build())
