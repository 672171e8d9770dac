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

import ctypes
import errno
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: publishes are then not serialised
    fcntl = None


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


# --- Publishing a folder of files as one step -------------------------------
#
# Renaming several files one by one can be cut short between two renames (a
# kill, a power cut), which leaves old and new files side by side. A folder is
# replaced in one step instead: the new files are linked into a fresh folder
# beside it, which is then swapped with the published one by a single
# ``renameat2(RENAME_EXCHANGE)`` (Linux). Readers see every old file or every
# new one. Where the kernel or file system cannot exchange, the old folder is
# renamed away and the new one into place: for an instant there is no folder,
# but never a mixed one. A journal written just before the swap names the new
# folder (device and inode) and the files outside it to replace with it
# (``metrics.json``); ``recover`` finishes or undoes a publish that was cut
# short, and every stage calls it before it starts.

JOURNAL = "journal.json"
AT_FDCWD = -100
RENAME_EXCHANGE = 2


def _identity(path: Path) -> list[int] | None:
    try:
        st = path.lstat()
    except FileNotFoundError:
        return None
    return [st.st_dev, st.st_ino]


def _link_or_copy(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source`` (no bytes copied), or a copy where
    links are impossible. Published files are only ever replaced, never written
    in place, so a link is as good as a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
        os.chmod(target, file_mode())


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


@contextmanager
def _locked(work: Path):
    """An exclusive lock on ``work`` (a publish and a recovery never overlap)."""
    work.mkdir(parents=True, exist_ok=True)
    with open(work / "lock", "a") as fh:
        if fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def is_stray(name: str) -> bool:
    """Whether a file name is one of ``write_files``' temporary files (``.<name>.<random>.tmp``)."""
    return name.startswith(".") and name.endswith(".tmp")


def publish_folder(folder: Path, files: dict[str, Path | bytes], work: Path,
                   outside: dict[Path, bytes] | None = None, keep_others: bool = True) -> None:
    """Replace the files ``files`` names in ``folder`` (paths relative to it, in
    subfolders too; each the file to link, or its bytes) and the files ``outside``
    it, all as one step. Other plain files of ``folder`` are kept (unless
    ``keep_others`` is false: then the folder holds exactly ``files``); its
    subfolders that ``files`` does not write into (caches) are moved into the new
    folder right after the swap. ``work`` (same file system) holds the transaction."""
    outside = outside or {}
    with _locked(work):
        _recover(folder, work)
        building, ready, pending = work / "next.partial", work / "next", work / "pending"
        building.mkdir()
        if folder.is_dir() and keep_others:
            for entry in folder.iterdir():
                if entry.name not in files and not is_stray(entry.name) and entry.is_file() and not entry.is_symlink():
                    _link_or_copy(entry, building / entry.name)
        for name, source in files.items():
            (building / name).parent.mkdir(parents=True, exist_ok=True)
            if isinstance(source, Path):
                _link_or_copy(source, building / name)
            else:
                write_bytes(building / name, source)
        pending.mkdir()
        for n, data in enumerate(outside.values()):
            write_bytes(pending / str(n), data)
        os.rename(building, ready)
        journal = {"folder": _identity(ready), "outside": {str(n): str(path) for n, path in enumerate(outside)}}
        write_text(work / JOURNAL, json.dumps(journal))
        if not folder.exists():
            os.rename(ready, folder)
        elif not _exchange(ready, folder):
            os.rename(folder, work / "old")
            os.rename(ready, folder)
        _recover(folder, work)


def recover(folder: Path, work: Path) -> None:
    """Finish a publish of ``folder`` that was cut short after its swap, or undo one
    cut short before it; move the caches back; remove every temporary file."""
    if not work.is_dir() and not any(is_stray(p.name) for p in _entries(folder)):
        return
    with _locked(work):
        _recover(folder, work)


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []


def _recover(folder: Path, work: Path) -> None:
    ready, old, pending = work / "next", work / "old", work / "pending"
    try:
        journal = json.loads((work / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        journal = None
    if journal:
        if not folder.exists() and _identity(ready) == journal["folder"]:
            os.rename(ready, folder)  # cut short between the two renames: the new folder is complete
        if _identity(folder) == journal["folder"]:  # the swap happened: finish the files outside it
            for n, target in journal["outside"].items():
                if (pending / n).exists():
                    os.replace(pending / n, target)
    for left in (ready, old):  # the folder swapped out (or an unused new one): its caches go back
        for entry in _entries(left):
            if entry.is_dir() and not entry.is_symlink() and not (folder / entry.name).exists():
                os.rename(entry, folder / entry.name)
    for left in (ready, old, pending, work / "next.partial"):
        shutil.rmtree(left, ignore_errors=True)
    (work / JOURNAL).unlink(missing_ok=True)
    for stray in [*_entries(folder), *_entries(work)]:
        if is_stray(stray.name) and stray.is_file():
            stray.unlink(missing_ok=True)
