"""Datasette plugin for ``make explore``: an error page for the browser, never a
traceback in the terminal.

Datasette prints every exception it turns into an error page, a 404 for a
mistyped address included, as a traceback with the local variables of every
frame (when ``rich`` is installed, as it is here for DVC). For a user browsing
the package these are noise; a page that fails on the server (500) is one line.
"""
from __future__ import annotations

import contextlib
import io
import sys

from datasette import handle_exception as default
from datasette import hookimpl

default.rich = None  # the default handler prints a traceback with locals when rich is importable


@hookimpl(tryfirst=True)
def handle_exception(datasette, request, exception):  # noqa: ANN001, ANN201 (Datasette's hook signature)
    """Datasette's own error page, with what it prints on the way swallowed;
    a server error (status 500) is one line on stderr."""
    async def inner():
        with contextlib.redirect_stderr(io.StringIO()):
            response = await default.handle_exception(datasette, request, exception)()
        if response.status >= 500:
            print(f"error: explore: {request.path}: {type(exception).__name__}: {exception}", file=sys.stderr)
        return response

    return inner
