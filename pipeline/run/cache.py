"""What makes a stage's per-report result still valid.

Each stage keeps what it computed for one report and reuses it while the
report's input and the stage's code are unchanged, so adding one report to a
corpus of thousands redoes one report's work. The stage's code is what
``dvc.yaml`` lists as its deps (the files DVC itself watches to decide that a
stage must re-run), so a cached result goes stale on exactly the edits that
make DVC re-run the stage, and there is no second list to keep in step.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DVC_YAML = ROOT / "dvc.yaml"


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=None)
def fingerprint(stage: str) -> str:
    """Hash of the code and rules ``stage`` depends on, per ``dvc.yaml``.

    Data deps (templated paths such as ``${extract.raw}`` and other stages'
    outputs) are left out: callers key their cache on the data themselves.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when there, is ten times faster
    stages = yaml.load(DVC_YAML.read_text(encoding="utf-8"), Loader=loader)["stages"]
    produced = {_path(out) for spec in stages.values() for kind in ("outs", "metrics")
                for out in spec.get(kind, [])}
    digest = hashlib.sha256()
    for dep in stages[stage]["deps"]:
        if "${" in dep or dep in produced:
            continue
        path = ROOT / dep
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and "__pycache__" not in file.parts:  # as .dvcignore: bytecode is no dependency
                digest.update(f"{file.relative_to(ROOT).as_posix()}\0".encode() + file.read_bytes())
    return digest.hexdigest()[:16]


def _path(out: str | dict) -> str:
    """The path of a ``dvc.yaml`` output entry (a string or a one-key mapping)."""
    return out if isinstance(out, str) else next(iter(out))
