"""Write files so that a crash never leaves a half-written one behind.

Each write goes to a temporary file beside the target, then ``os.replace``
renames it over the target in one step: readers see the old file or the new
one, never a mix. Several files written together are all renamed only once
every one of them is complete.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def _file_mode() -> int:
    """The mode ``open()`` gives a new file under this process's umask (0644 under the usual 022)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


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
            os.fchmod(fd, FILE_MODE)  # mkstemp makes 0600; a published file is readable by all, as open() makes it
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
