"""How every command ends: an exit status, and on Ctrl-C one line, not a traceback.

Each stage and the command line call ``run`` as their entry point. Worker
processes ignore Ctrl-C (``pipeline.run.parallel``): the main process alone says
that the run was interrupted, once.
"""
from __future__ import annotations

import sys
from collections.abc import Callable
from typing import NoReturn

INTERRUPTED = 130  # the shell's status for a process ended by SIGINT


def run(main: Callable[[], int], name: str) -> NoReturn:
    """Exit with ``main()``'s status; on Ctrl-C say so in one line and exit 130.

    Every file is replaced atomically, so an interrupted stage leaves each of
    its outputs either as it was or complete."""
    try:
        status = main()
    except KeyboardInterrupt:
        print(f"error: {name}: interrupted (Ctrl-C)", file=sys.stderr)
        status = INTERRUPTED
    sys.exit(status)
