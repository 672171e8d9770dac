"""Turn Chinese government work reports into a validated Frictionless data package.

Stages (see dvc.yaml): extract -> normalize -> validate, and docs and chart
beside them. Each stage is a module with a ``main()``; ``python -m pipeline``
is the command-line interface (which no stage imports).
"""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

# What every stage needs beyond the standard library. ``dvc repro`` runs each
# stage as ``python -m pipeline.<stage>`` with whatever ``python`` is first on
# PATH; run as ``.venv/bin/dvc repro`` from a shell without the venv active,
# that is the system's, which lacks them and would fail with a traceback.
NEEDED = ("yaml", "frictionless", "pandas")
PROJECT_VENV = Path(__file__).resolve().parents[1] / ".venv"
PROJECT_PYTHON = PROJECT_VENV / "bin" / "python"


def _use_project_python() -> None:
    """Re-run this command with the project's ``.venv`` interpreter when this one
    lacks the dependencies, or stop with one line saying how to run it."""
    if all(importlib.util.find_spec(name) for name in NEEDED):
        return
    if PROJECT_PYTHON.exists() and Path(sys.prefix).resolve() != PROJECT_VENV.resolve() \
            and not os.environ.get("PIPELINE_REEXEC"):
        os.environ["PIPELINE_REEXEC"] = "1"  # never loop if .venv itself is broken
        os.execv(PROJECT_PYTHON, [str(PROJECT_PYTHON), *sys.orig_argv[1:]])
    missing = ", ".join(name for name in NEEDED if not importlib.util.find_spec(name))
    sys.exit(f"error: {sys.executable} lacks the project's dependencies ({missing}): "
             "run `make build` (creates .venv), or `source .venv/bin/activate` first")


_use_project_python()
