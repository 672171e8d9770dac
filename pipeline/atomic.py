"""Write files so that a crash never leaves a half-written one behind.

Each write goes to a temporary file beside the target, then ``os.replace``
renames it over the target in one step: readers see the old file or the new
one, never a mix. Several files written together are all renamed only once
every one of them is complete.

Temporary files are created private (mode 0600); each is given the mode a
plain ``open()`` would have given it under the user's umask (0644 under the
usual 022) before it is renamed into place, so a published CSV, chart, zip or
database is as readable as any other file the user writes.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def file_mode() -> int:
    """The mode a new file gets from ``open()`` under this process's umask.

    ``os.umask`` can only be read by setting it, so it is set back at once, and
    read once per process."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def publish_mode(fd: int) -> None:
    """Give an open temporary file (``mkstemp`` makes them 0600) the umask's mode."""
    os.fchmod(fd, file_mode())


def write_files(contents: dict[Path, bytes | Iterable[bytes | memoryview]]) -> None:
    """Replace every file of ``contents`` together: a failure while writing any
    of them (a full disk) leaves all targets as they were.

    A file's content is bytes or parts written one after the other, so a file
    made of many pieces is never copied into one buffer first."""
    temps: list[tuple[str, Path]] = []
    try:
        for path, data in contents.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            temps.append((tmp, path))
            publish_mode(fd)
            with os.fdopen(fd, "wb") as fh:
                fh.writelines([data] if isinstance(data, bytes | bytearray | memoryview) else data)
        for tmp, path in temps:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes(path: Path, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``."""
    write_files({path: data})


def write_text(path: Path, content: str) -> None:
    """Atomically replace ``path`` with ``content`` (UTF-8, LF line endings as given)."""
    write_bytes(path, content.encode("utf-8"))
