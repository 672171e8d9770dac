"""A build is a transaction: the published package changes only after validate passes.

normalize writes the CSVs into a staging folder (``build/staging/data/``,
git-ignored); validate checks them there and, only if they pass, publishes
them into ``data/`` together with ``metrics.json`` in one step
(``atomic.publish_folder``: the folder is swapped, so no reader ever sees old
and new CSVs side by side). A build that fails or is killed before that step
leaves ``data/`` and ``metrics.json`` byte for byte as they were; one killed
during it is finished (or undone) by ``recover``, which every stage calls
first, and which also removes temporary files a killed run left in ``data/``.
The charts are drawn from ``data/`` after it, so they too show only data that
passed.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.run.atomic import publish_folder, recover as recover_folder

PUBLISHED = Path("data")  # under the repository root: the package's CSVs
STAGING = Path("build/staging")  # the same layout, for the build under way
WORK = Path("build/publish")  # the swap's journal, lock and folders


def recover(root: Path) -> None:
    """Finish or undo a publish of ``root``'s package cut short; remove stray temporary files."""
    recover_folder(root / PUBLISHED, root / WORK)


def publish(root: Path, staging: Path, names: list[str], outside: dict[Path, bytes]) -> None:
    """Publish the staged files ``names`` (paths relative to the root, all under
    ``data/``: a partitioned resource's files are in subfolders) and the files
    ``outside`` as one step. ``data/`` then holds exactly these files (and the
    caches): a partition that is gone, or a file of an older layout, goes too."""
    files = {}
    for name in names:
        path = Path(name)
        if PUBLISHED not in path.parents or ".." in path.parts:
            raise ValueError(f"{name}: only files in {PUBLISHED}/ are published")
        files[path.relative_to(PUBLISHED).as_posix()] = staging / path
    publish_folder(root / PUBLISHED, files, root / WORK, outside, keep_others=False)
