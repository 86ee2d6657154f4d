"""Export a data package to SQLite with its keys enforced by the database.

Each resource becomes a table with declared column types, NOT NULL, UNIQUE and CHECK (enum,
pattern-free) constraints, a PRIMARY KEY and FOREIGN KEYs. Foreign keys are checked once every
table is in, so tables that refer to each other load in any order, and a dangling key fails the
export with its table, row and fields. The descriptor travels in a ``_metadata`` table, and
``OUT.metadata.json`` beside ``OUT.db`` gives Datasette the titles, descriptions, facets and
canned queries.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from cnd_data.atomic import write_all
from cnd_data.export import ExportError, plain
from cnd_data.export.atomic import check_targets
from cnd_data.export.datasette import metadata
from cnd_data.loader import Package, load
from cnd_data.schema import field_type, foreign_keys, primary_key, sql_name


def _literal(value: Any) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return str(value)


def create_table(name: str, schema: dict[str, Any]) -> str:
    """CREATE TABLE for a Table Schema."""
    lines = []
    for field in schema["fields"]:
        column = sql_name(field["name"])
        sql_type = field_type(field).sql
        constraints = field.get("constraints", {})
        parts = [column, sql_type]
        if constraints.get("required"):
            parts.append("NOT NULL")
        if constraints.get("unique"):
            parts.append("UNIQUE")
        if "enum" in constraints:
            allowed = ", ".join(_literal(v) for v in constraints["enum"])
            parts.append(f"CHECK ({column} IN ({allowed}))")
        if field.get("type") == "boolean":
            parts.append(f"CHECK ({column} IN (0, 1))")
        if "minimum" in constraints and sql_type in {"INTEGER", "REAL"}:
            parts.append(f"CHECK ({column} >= {_literal(constraints['minimum'])})")
        lines.append(" ".join(parts))
    if primary_key(schema):
        lines.append(f"PRIMARY KEY ({', '.join(map(sql_name, primary_key(schema)))})")
    for fields, resource, ref_fields in foreign_keys(schema, name):
        lines.append(
            f"FOREIGN KEY ({', '.join(map(sql_name, fields))}) REFERENCES {sql_name(resource)}"
            f" ({', '.join(map(sql_name, ref_fields))}) DEFERRABLE INITIALLY DEFERRED"
        )
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {sql_name(name)} (\n  {body}\n)"


def _rows(frame: pd.DataFrame) -> Iterator[tuple[Any, ...]]:
    """Rows as Python values SQLite stores: ISO dates, 0/1 booleans, NULL for missing."""
    columns = []
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            series = series.dt.strftime("%Y-%m-%d")
        columns.append(series.astype(object).tolist())
    for values in zip(*columns, strict=True):
        yield tuple(int(v) if isinstance(v, bool) else v for v in map(plain, values))


def _fill(connection: sqlite3.Connection, pkg: Package) -> None:
    connection.execute("CREATE TABLE _metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    metadata = {
        "name": pkg.name,
        "title": pkg.title,
        "version": pkg.version,
        "licenses": json.dumps(pkg.licenses, ensure_ascii=False),
        "sources": json.dumps(pkg.sources, ensure_ascii=False),
        "descriptor": json.dumps(pkg.descriptor, ensure_ascii=False),
    }
    connection.executemany(
        "INSERT INTO _metadata VALUES (?, ?)",
        [(k, "" if v is None else str(v)) for k, v in metadata.items()],
    )
    for name in pkg:
        connection.execute(create_table(name, dict(pkg.schema(name))))
    for name in pkg:
        frame = pkg[name]
        marks = ", ".join("?" for _ in frame.columns)
        connection.executemany(f"INSERT INTO {sql_name(name)} VALUES ({marks})", _rows(frame))


def _dangling(connection: sqlite3.Connection, pkg: Package, problem: tuple[Any, ...]) -> str:
    """A row whose foreign key points at nothing, by table, row (as validate counts rows: the
    header is row 1) and fields."""
    table, rowid, parent, number = problem
    fields = [
        str(row[3])
        for row in connection.execute(f"PRAGMA foreign_key_list({sql_name(table)})")
        if row[0] == number
    ]
    columns = ", ".join(map(sql_name, fields))
    values = connection.execute(
        f"SELECT {columns} FROM {sql_name(table)} WHERE rowid = ?", (rowid,)
    ).fetchone()
    shown = ", ".join(f"{f}={v!r}" for f, v in zip(fields, values or (), strict=False))
    # rowid is the insertion order only where no INTEGER PRIMARY KEY stands in for it: the row
    # is found in the table as loaded.
    frame = pkg[table][fields].astype(object).astype(str)
    wanted = [str(v) for v in values or ()]
    matches = frame.index[(frame == wanted).all(axis=1)] if wanted else frame.index[:0]
    row = f", row {int(matches[0]) + 2}" if len(matches) else ""
    return f"table {table}{row}, field {', '.join(fields)}: {shown} not found in {parent}"


def _write_database(pkg: Package, path: Path) -> None:
    connection = sqlite3.connect(path)
    # Foreign keys are checked once every table is in, so that the row that breaks one is named
    # (an enforced key would only fail the commit); readers enforce them with the PRAGMA.
    connection.execute("PRAGMA foreign_keys = OFF")
    try:
        with connection:
            _fill(connection, pkg)
            problems = connection.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                raise ExportError(f"{_dangling(connection, pkg, problems[0])}{more}")
    except sqlite3.DatabaseError as error:  # a constraint, or keys SQLite cannot declare
        raise ExportError(f"the database refuses the data: {error}") from None
    finally:
        connection.close()


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def metadata_path(database: Path) -> Path:
    """Where Datasette's metadata for ``database`` goes: ``cnd.db`` → ``cnd.metadata.json``."""
    return database.with_name(database.stem + ".metadata.json")


def export_sqlite(
    out: str | Path, source: str | Path | Package | None = None, force: bool = False
) -> Path:
    """Write the package to a new SQLite file and its Datasette metadata beside it; nothing is
    left behind if the database refuses the data."""
    target = Path(out)
    beside = metadata_path(target)
    check_targets([target, beside], force)
    pkg = source if isinstance(source, Package) else load(source)
    text = json.dumps(metadata(pkg, target.stem), ensure_ascii=False, indent=2) + "\n"
    write_all(
        {
            target: lambda path: _write_database(pkg, path),
            beside: lambda path: _write_text(path, text),
        }
    )
    return target
