"""``make explore``: the package as an SQLite database, served by Datasette.

Users who do not write code still want to filter, sort and follow links from
a figure to its report or codebook concept. Datasette gives them that in the
browser, and it follows foreign keys that SQLite knows about, so the database
is created from ``datapackage.json``: every table with its primary key and
foreign keys, every column with its type, empty cells as NULL. Column
descriptions go into Datasette's metadata so they show on each table page.
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pipeline.run.atomic import publish_mode, write_text
from pipeline.package.schema import iter_resource

DB_NAME = "package"
SQL_TYPES = {"integer": "INTEGER", "number": "REAL"}
PYTHON_TYPES = {"integer": int, "number": float}
# Column a link to a table shows instead of the bare key (Datasette's label_column).
LABELS = {"reports": "region", "codebook": "name_en", "figures": "context", "sections": "title"}
KEY_SEPARATOR = "/"


def key_column(fields: list[str]) -> str:
    """The SQLite-only column joining a composite key: (target_report_id, target_figure_id) → target_figure_key."""
    return f"{fields[-1].removesuffix('_id')}_key"


def joined_keys(resource: dict, package: dict) -> list[list[str]]:
    """Composite keys of ``resource`` that get one joined column: its own primary key
    when another resource refers to it, and each foreign key to a composite key.
    Datasette links and labels single-column foreign keys only, so a scorecard
    row links to its figures (and shows their sentences) through these."""
    name, schema = resource["name"], resource["schema"]
    referenced = any(fk["reference"]["resource"] == name and len(fk["fields"]) > 1
                     for res in package["resources"] for fk in res["schema"].get("foreignKeys", []))
    own = [schema["primaryKey"]] if referenced and len(schema.get("primaryKey", [])) > 1 else []
    return own + [fk["fields"] for fk in schema.get("foreignKeys", []) if len(fk["fields"]) > 1]


def create_table_sql(resource: dict, package: dict | None = None) -> str:
    """CREATE TABLE for a resource: typed columns, primary key, foreign keys, and
    the joined key columns of :func:`joined_keys` with single-column links."""
    schema = resource["schema"]
    lines = [f'"{f["name"]}" {SQL_TYPES.get(f["type"], "TEXT")}' for f in schema["fields"]]
    joined = joined_keys(resource, package) if package else []
    lines += [f'"{key_column(fields)}" TEXT' for fields in joined]
    if schema.get("primaryKey"):
        lines.append(f"PRIMARY KEY ({_quoted(schema['primaryKey'])})")
    if package and joined and joined[0] == schema.get("primaryKey"):
        lines.append(f'UNIQUE ("{key_column(joined[0])}")')
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        lines.append(f"FOREIGN KEY ({_quoted(fk['fields'])}) "
                     f"REFERENCES \"{ref['resource']}\" ({_quoted(ref['fields'])})")
        if package and len(fk["fields"]) > 1:
            lines.append(f'FOREIGN KEY ("{key_column(fk["fields"])}") '
                         f'REFERENCES "{ref["resource"]}" ("{key_column(ref["fields"])}")')
    return f'CREATE TABLE "{resource["name"]}" (\n  ' + ",\n  ".join(lines) + "\n)"


def _quoted(names: list[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def iter_typed_rows(resource: dict, root: Path, joined: list[list[str]] = ()) -> Iterator[tuple]:
    """The resource's CSV rows as tuples of Python values (None for empty cells),
    then the ``joined`` key columns (None where a part of the key is empty): one at
    a time, file after file of a partitioned resource, so that loading a year of
    reports does not hold a table in memory."""
    fields = resource["schema"]["fields"]
    for row in iter_resource(root, resource):
        keys = [KEY_SEPARATOR.join(row[f] for f in key) if all(row[f] for f in key) else None for key in joined]
        yield (*(_value(row[f["name"]], f["type"]) for f in fields), *keys)


def _value(cell: str, kind: str) -> object:
    if cell == "":
        return None
    return PYTHON_TYPES.get(kind, str)(cell)


def build_database(package: dict, root: Path, db_path: Path) -> Path:
    """Write the package at ``root`` into a new SQLite file at ``db_path`` (replaced atomically).

    Raises sqlite3.IntegrityError when a foreign key does not hold.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=db_path.parent, prefix=f".{db_path.name}.", suffix=".tmp")
    publish_mode(fd)
    os.close(fd)
    try:
        load(package, root, tmp)
        os.replace(tmp, db_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return db_path


def load(package: dict, root: Path, db_file: str) -> None:
    """Create every resource's table in the empty database ``db_file`` and fill it."""
    conn = sqlite3.connect(db_file)
    try:
        with conn:
            for resource in package["resources"]:
                joined = joined_keys(resource, package)
                conn.execute(create_table_sql(resource, package))
                marks = ", ".join("?" * (len(resource["schema"]["fields"]) + len(joined)))
                conn.executemany(f'INSERT INTO "{resource["name"]}" VALUES ({marks})',
                                 iter_typed_rows(resource, root, joined))
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise sqlite3.IntegrityError(f"{len(broken)} row(s) break a foreign key, first: {broken[0]}")
    finally:
        conn.close()


def metadata(package: dict) -> dict:
    """Datasette metadata: titles, licence, and every table's and column's description."""
    tables = {}
    for res in package["resources"]:
        columns = {f["name"]: f.get("description", "") for f in res["schema"]["fields"]}
        columns.update({key_column(key): f"{KEY_SEPARATOR.join(key)} joined, to link to the row it names"
                        for key in joined_keys(res, package)})
        table = {"title": res.get("title", res["name"]), "description": res.get("description", ""),
                 "columns": columns}
        if res["name"] in LABELS:
            table["label_column"] = LABELS[res["name"]]
        tables[res["name"]] = table
    licence = package["licenses"][0]
    return {"title": package["title"], "description": package["description"],
            "license": licence["name"], "license_url": licence["path"],
            "databases": {DB_NAME: {"tables": tables}}}


PLUGINS = Path(__file__).parent / "datasette_plugins"  # quiet_errors: no tracebacks for a 404


def serve_command(db_path: Path, metadata_path: Path, port: int) -> list[str]:
    """The Datasette command line serving ``db_path`` read-only on the loopback interface.

    Files are named relative to their folder, where the command must run
    (``cwd=db_path.parent``): Datasette shows a database's path to every visitor
    (/-/databases.json), and the user's folders are none of their business."""
    return [sys.executable, "-m", "datasette", "serve", "--immutable", db_path.name,
            "--metadata", metadata_path.name, "--plugins-dir", str(PLUGINS),
            "--host", "127.0.0.1", "--port", str(port)]


def prepare(package: dict, root: Path, out_dir: Path) -> tuple[Path, Path]:
    """Build the database and its metadata file in ``out_dir``; their paths."""
    db_path = build_database(package, root, out_dir / f"{DB_NAME}.sqlite")
    metadata_path = out_dir / f"{DB_NAME}-metadata.json"
    write_text(metadata_path, json.dumps(metadata(package), ensure_ascii=False, indent=2) + "\n")
    return db_path, metadata_path


def serve(package: dict, root: Path, out_dir: Path, port: int) -> int:
    """Build the database, then become the Datasette server (never returns on success).

    The process replaces itself with Datasette (``exec``), so the PID a user
    sees for ``pipeline explore`` is the server's: ``kill PID`` stops it, and
    no orphaned server is left answering. Under ``make explore`` it also asks
    Linux to stop it when its parent (make) dies."""
    db_path, metadata_path = prepare(package, root, out_dir)
    print(f"explore: serving {db_path.name} from {out_dir} on http://127.0.0.1:{port}/ (Ctrl-C stops)",
          file=sys.stderr, flush=True)
    stop_with_parent()
    command = serve_command(db_path, metadata_path, port)
    os.chdir(db_path.parent)  # the command names its files relative to their folder
    os.execv(command[0], command)
    return 1  # not reached


def stop_with_parent() -> None:
    """Have the kernel send SIGTERM to this process (and what it execs) when
    its parent dies (Linux ``prctl(PR_SET_PDEATHSIG)``; elsewhere nothing)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):
        return
