"""An independent reader: DuckDB reads every CSV with the types its Table Schema declares and
checks required fields, primary keys and foreign keys in SQL.

It maps Table Schema types to DuckDB types itself, on purpose: as a second opinion it must not
share the package's own reading code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
}


def _name(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _fields(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _load(db: duckdb.DuckDBPyConnection, folder: Path, resource: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((folder / resource["schema"]).read_text(encoding="utf-8"))
    columns = {f["name"]: TYPES[f.get("type", "string")] for f in schema["fields"]}
    db.execute(
        f"CREATE TABLE {_name(resource['name'])} AS SELECT * FROM read_csv(?, header = true,"
        " auto_detect = false, columns = ?, delim = ',', quote = '\"', escape = '\"',"
        " nullstr = '', strict_mode = true)",
        [str(folder / resource["path"]), columns],
    )
    return schema


def _count(db: duckdb.DuckDBPyConnection, query: str) -> int:
    row = db.execute(query).fetchone()
    return int(row[0]) if row else 0


def _key_problems(db: duckdb.DuckDBPyConnection, table: str, schema: dict[str, Any]) -> list[str]:
    problems = []
    quoted = _name(table)
    for field in schema["fields"]:
        column = _name(field["name"])
        required = field.get("constraints", {}).get("required")
        if required and _count(db, f"SELECT count(*) FROM {quoted} WHERE {column} IS NULL"):
            problems.append(f"{table}.{field['name']}: missing required values")
        if field.get("constraints", {}).get("unique"):
            query = f"SELECT count({column}) - count(DISTINCT {column}) FROM {quoted}"
            if _count(db, query):
                problems.append(f"{table}.{field['name']}: repeated unique values")
    key = _fields(schema.get("primaryKey", []))
    if key:
        columns = ", ".join(map(_name, key))
        nulls = " OR ".join(f"{_name(k)} IS NULL" for k in key)
        repeated = f"SELECT count(*) - count(DISTINCT ({columns})) FROM {quoted}"
        if _count(db, repeated) or _count(db, f"SELECT count(*) FROM {quoted} WHERE {nulls}"):
            problems.append(f"{table}: primary key ({', '.join(key)}) not unique or missing")
    for foreign in schema.get("foreignKeys", []):
        fields = _fields(foreign["fields"])
        target = foreign["reference"].get("resource") or table
        referenced = _fields(foreign["reference"]["fields"])
        given = " AND ".join(f"c.{_name(f)} IS NOT NULL" for f in fields)
        match = " AND ".join(
            f"p.{_name(r)} = c.{_name(f)}" for f, r in zip(fields, referenced, strict=True)
        )
        dangling = (
            f"SELECT count(*) FROM {quoted} AS c WHERE {given} AND NOT EXISTS"
            f" (SELECT 1 FROM {_name(target)} AS p WHERE {match})"
        )
        if _count(db, dangling):
            problems.append(f"{table}: foreign key ({', '.join(fields)}) → {target} dangles")
    return problems


def check_package(folder: Path) -> list[str]:
    """What DuckDB finds wrong with the package in ``folder``: an empty list if nothing."""
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    problems: list[str] = []
    schemas: dict[str, dict[str, Any]] = {}
    with duckdb.connect() as db:
        for resource in descriptor["resources"]:
            try:
                schemas[resource["name"]] = _load(db, folder, resource)
            except duckdb.Error as error:
                problems.append(f"{resource['name']}: not read: {str(error).splitlines()[0]}")
        for table, schema in schemas.items():
            try:
                problems += _key_problems(db, table, schema)
            except duckdb.Error as error:
                problems.append(f"{table}: keys not checked: {str(error).splitlines()[0]}")
    return problems
