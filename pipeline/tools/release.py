"""Release archive: ``dist/<name>-<version>.zip`` with ``datapackage.json``,
every resource's CSV, the report texts of ``raw/`` (every offset points into
them, so a user can check any row) and the README and licence, for users who
want one download they can cite. The version is the descriptor's.

``datapackage.json`` sits at the top of the archive, so Frictionless opens the
zip as a package as it is (``frictionless validate dist/….zip``). The archive
is byte-identical for the same files: entries sorted, fixed timestamps and
permissions, no directory entries.
"""
from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

from pipeline.run.atomic import write_bytes
from pipeline.package.schema import paths

EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
FILE_MODE = (stat.S_IFREG | 0o644) << 16  # a regular file, rw-r--r--, as unzip restores it


DOCUMENTS = ("README.md", "LICENSE")


def archive_members(package: dict, root: Path) -> list[str]:
    """Paths inside the archive, as in the repository: the descriptor, each
    resource's file, every file of ``raw/`` (reports and sidecars), README and licence."""
    raw = [p.relative_to(root).as_posix() for p in (root / "raw").rglob("*")
           if p.is_file() and not p.name.startswith(".")]
    data = [path for res in package["resources"] for path in paths(res)]  # every part of a partitioned resource
    return sorted({"datapackage.json", *data, *raw, *DOCUMENTS})


def build_zip(root: Path, members: list[str]) -> bytes:
    """A deterministic zip of ``members`` (paths relative to ``root``)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name in members:
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = FILE_MODE
            archive.writestr(info, (root / name).read_bytes())
    return buf.getvalue()


def release(package: dict, root: Path, out_dir: Path) -> Path:
    """Write the release archive of the package at ``root`` into ``out_dir``; its path."""
    target = out_dir / f"{package['name']}-{package['version']}.zip"
    write_bytes(target, build_zip(root, archive_members(package, root)))
    return target
