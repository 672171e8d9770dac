"""A stage's parameters: ``params.yaml`` is their one source.

``dvc repro`` passes them to each stage on its command line (``dvc.yaml``);
a stage run by hand without them takes the same values from here, so no
default is written a second time in code (where it could drift: the docs
stage's own default once named another descriptor than the build's).
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from pipeline.run.cache import ROOT

PARAMS = ROOT / "params.yaml"


@lru_cache(maxsize=None)
def stage_params(stage: str) -> dict:
    """The parameters ``params.yaml`` gives ``stage`` (paths as written there)."""
    return yaml.safe_load(PARAMS.read_text(encoding="utf-8"))[stage]
