"""Write files so that a crash never leaves a half-written one behind.

Each write goes to a temporary file beside the target, then ``os.replace``
renames it over the target in one step: readers see the old file or the new
one, never a mix.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, content: str) -> None:
    """Atomically replace ``path`` with ``content`` (UTF-8, LF line endings as given)."""
    write_bytes(path, content.encode("utf-8"))
