"""Write files so that a crash never leaves a half-written one behind.

Each write goes to a temporary file beside the target, then ``os.replace``
renames it over the target in one step: readers see the old file or the new
one, never a mix.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text(path: Path, content: str) -> None:
    """Atomically replace ``path`` with ``content`` (UTF-8, LF line endings)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
