"""Read a package for validation without trusting it: descriptor, paths, bytes, encoding, CSV.

Every problem becomes a finding; what can still be read is returned for the later checks.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cnd_data.paths import REMOTE, unsafe_path
from cnd_data.schema import coerce, missing_values
from cnd_data.validate.findings import Finding, Report
from cnd_data.validate.scan import Column

BOM = b"\xef\xbb\xbf"
_NEWLINE = re.compile("\n")


class Unreadable(Exception):
    """The package cannot be read at all (no descriptor, or one that is not JSON)."""


@dataclass
class Table:
    """One resource as read: its descriptor, schema, raw strings and typed columns."""

    name: str
    resource: dict[str, Any]
    schema: dict[str, Any] | None = None
    raw: pd.DataFrame | None = None
    typed: pd.DataFrame | None = None
    type_errors: set[tuple[int, str]] = field(default_factory=set)

    @property
    def fields(self) -> list[dict[str, Any]]:
        return list(self.schema.get("fields", [])) if self.schema else []


def read_descriptor(path: Path) -> tuple[dict[str, Any], Path]:
    """The descriptor at a datapackage.json path or in a folder, and the package folder."""
    if path.is_dir():
        path = path / "datapackage.json"
    if not path.is_file():
        raise Unreadable(f"no such file: {path}")
    try:
        descriptor = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise Unreadable(f"{path}: not a JSON document ({error})") from None
    if not isinstance(descriptor, dict):
        raise Unreadable(f"{path}: the descriptor must be a JSON object")
    return descriptor, path.parent


def _fetch(folder: Path, path: str) -> bytes:
    if REMOTE.match(path):
        with urllib.request.urlopen(
            path, timeout=30
        ) as response:  # the user opted in to remote paths
            data: bytes = response.read()
            return data
    return (folder / path).read_bytes()


def _schema(table: Table, folder: Path, report: Report, allow_remote: bool) -> None:
    schema = table.resource.get("schema")
    if isinstance(schema, str):
        problem = unsafe_path(schema, allow_remote)
        if problem:
            report.add(Finding("unsafe-path", f"schema path: {problem}", table.name, value=schema))
            return
        try:
            schema = json.loads(_fetch(folder, schema).decode("utf-8-sig"))
        except OSError as error:
            report.add(
                Finding(
                    "schema-missing",
                    f"cannot read the schema: {error}",
                    table.name,
                    value=table.resource.get("schema"),
                )
            )
            return
        except (UnicodeDecodeError, ValueError) as error:
            report.add(
                Finding(
                    "schema-json",
                    f"the schema is not JSON: {error}",
                    table.name,
                    value=table.resource.get("schema"),
                )
            )
            return
    problems = schema_shape(schema)
    for problem in problems:
        report.add(Finding("schema-invalid", problem, table.name))
    if not problems:
        table.schema = schema


def _names(value: Any) -> list[str] | None:
    """A field list as Table Schema allows it (a name or a list of names), or None."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def schema_shape(schema: Any) -> list[str]:
    """What makes a Table Schema unusable: its structure, not its values."""
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        return ["the schema must be an object with a list of fields"]
    fields = schema["fields"]
    if not all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in fields):
        return ["every field must be an object with a name"]
    problems = [
        f"field {f['name']!r}: constraints must be an object"
        for f in fields
        if not isinstance(f.get("constraints", {}), dict)
    ]
    problems += [
        f"field {f['name']!r}: {key} must be a list of strings"
        for f in fields
        for key in ("trueValues", "falseValues", "missingValues")
        if key in f and not (isinstance(f[key], list) and all(isinstance(v, str) for v in f[key]))
    ]
    names = {f["name"] for f in fields}
    missing = schema.get("missingValues", [])
    if not isinstance(missing, list) or not all(isinstance(v, str) for v in missing):
        problems.append("missingValues must be a list of strings")
    key = _names(schema.get("primaryKey", []))
    if key is None or not set(key) <= names:
        problems.append(f"primaryKey {schema.get('primaryKey')!r} must name fields of the schema")
    foreign = schema.get("foreignKeys", [])
    for item in foreign if isinstance(foreign, list) else [foreign]:
        reference = item.get("reference") if isinstance(item, dict) else None
        local = _names(item.get("fields")) if isinstance(item, dict) else None
        remote = _names(reference.get("fields")) if isinstance(reference, dict) else None
        if local is None or remote is None or not set(local) <= names:
            problems.append(f"foreign key {item!r} must have fields of the schema and a reference")
        elif len(local) != len(remote):
            problems.append(
                f"foreign key {item!r} has fields and reference fields of different lengths"
            )
    return problems


def _check_bytes(table: Table, data: bytes, report: Report) -> None:
    declared = table.resource.get("bytes")
    if declared is not None and declared != len(data):
        report.add(
            Finding(
                "bytes",
                f"the file has {len(data)} bytes, the descriptor says {declared}",
                table.name,
                value=str(declared),
            )
        )
    declared_hash = table.resource.get("hash")
    if isinstance(declared_hash, str):
        algorithm, _, digest = declared_hash.rpartition(":")
        algorithm = algorithm or "md5"
        if algorithm not in hashlib.algorithms_available:
            report.add(
                Finding(
                    "hash", f"unknown hash algorithm {algorithm!r}", table.name, value=declared_hash
                )
            )
        elif hashlib.new(algorithm, data).hexdigest() != digest.lower():
            report.add(
                Finding(
                    "hash",
                    f"the file's {algorithm} differs from the descriptor's",
                    table.name,
                    value=declared_hash,
                )
            )


def _decode(table: Table, data: bytes, report: Report) -> str:
    if data.startswith(BOM):
        report.add(
            Finding("encoding", "the file starts with a byte order mark (BOM)", table.name, row=1)
        )
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        report.add(
            Finding(
                "encoding",
                f"not UTF-8: byte 0x{data[error.start]:02x} at offset {error.start} (line {line})",
                table.name,
            )
        )
        return data.decode("utf-8", errors="replace")


def _parse(table: Table, text: str, report: Report) -> list[list[str]] | None:
    """Records of a CSV text (header first), reporting an unterminated quote."""
    try:
        return list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        report.add(
            Finding(
                "csv-syntax",
                f"the CSV cannot be parsed: {error} (an unterminated"
                " quote swallows the rest of the file)",
                table.name,
            )
        )
        return None


def _structure(table: Table, records: list[list[str]], report: Report) -> None:
    """Header against the schema, row lengths, and rows swallowed by a stray quote."""
    if not records:
        report.add(Finding("empty-file", "the file has no header row", table.name))
        return
    header, rows = records[0], records[1:]
    names = [f.get("name") for f in table.fields]
    for name in names:
        if name not in header:
            report.add(
                Finding(
                    "missing-column",
                    f"column {name!r} of the schema is missing",
                    table.name,
                    row=1,
                    field=name,
                )
            )
    for name in header:
        if name not in names:
            report.add(
                Finding(
                    "extra-column",
                    f"column {name!r} is not in the schema",
                    table.name,
                    row=1,
                    field=name,
                )
            )
    if set(header) == set(names) and header != names:
        report.add(
            Finding("header-order", "the columns are not in the schema's order", table.name, row=1)
        )
    width = len(header)
    short = [n for n, row in enumerate(rows, start=2) if len(row) != width]
    for number in short:
        report.add(
            Finding(
                "row-length",
                f"the row has {len(rows[number - 2])} cells, the header {width}",
                table.name,
                row=number,
            )
        )
    if short:
        rows = [row for row in rows if len(row) == width]
    columns = [np.array(cells, dtype=object) for cells in zip(*rows, strict=True)] or [
        np.array([], dtype=object) for _ in header
    ]
    table.raw = pd.DataFrame(dict(enumerate(columns)), copy=False)
    table.raw.columns = header
    pattern = table.fields[0].get("constraints", {}).get("pattern") if table.fields else None
    try:
        first = re.compile(pattern) if isinstance(pattern, str) else None
    except re.error:
        first = None
    for position, name in enumerate(header):
        texts = columns[position].tolist()
        for index in Column(texts).matching(_NEWLINE):
            if _holds_records(texts[index], width, first):
                report.add(
                    Finding(
                        "swallowed-rows",
                        "a quoted cell holds what look like whole rows: an unbalanced quote?",
                        table.name,
                        row=index + 2,
                        field=name,
                    )
                )


def _holds_records(cell: str, width: int, first: re.Pattern[str] | None) -> bool:
    """Whether a multi-line cell holds lines that parse as whole records of this table."""
    lines = [line for line in cell.split("\n")[1:] if line.count(",") >= width - 1]
    for line in lines:
        cells = next(csv.reader([line]), [])
        if len(cells) >= width and (first is None or first.fullmatch(cells[0])):
            return True
    return False


def _types(table: Table, report: Report) -> None:
    assert table.raw is not None
    assert table.schema is not None
    typed = {}
    for spec in table.fields:
        name = str(spec.get("name"))
        if name not in table.raw:
            continue
        raw = table.raw[name]
        missing = missing_values(table.schema, spec)
        try:
            values = coerce(raw, spec, missing)
        except ValueError as error:
            report.add(Finding("schema-invalid", str(error), table.name, field=name))
            continue
        failed = values.isna() & ~raw.isin(missing)
        for index in failed[failed].index:
            table.type_errors.add((int(index), name))
            report.add(
                Finding(
                    "type",
                    f"{raw[index]!r} is not a valid {spec.get('type')}",
                    table.name,
                    row=int(index) + 2,
                    field=name,
                    value=raw[index],
                )
            )
        typed[name] = values
    table.typed = pd.DataFrame(typed, index=table.raw.index)


def read_tables(
    descriptor: dict[str, Any],
    folder: Path,
    report: Report,
    allow_remote: bool,
    on_read: Callable[[Table], None] | None = None,
) -> dict[str, Table]:
    """Every resource that can be read, as typed frames; problems go in the report.

    ``on_read`` sees each table while its raw strings are still there; they are dropped after
    it, so that only one table's raw strings are held at a time.
    """
    tables: dict[str, Table] = {}
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        report.add(Finding("descriptor", "the package has no list of resources"))
        return tables
    for index, resource in enumerate(resources):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            report.add(Finding("descriptor", f"resource {index} has no name"))
            continue
        table = Table(resource["name"], resource)
        if table.name in tables:
            report.add(Finding("descriptor", "two resources share this name", table.name))
            continue
        tables[table.name] = table
        _schema(table, folder, report, allow_remote)
        path = resource.get("path")
        problem = unsafe_path(path, allow_remote)
        if problem:
            report.add(Finding("unsafe-path", f"data path: {problem}", table.name, value=str(path)))
            continue
        try:
            data = _fetch(folder, str(path))
        except OSError as error:
            report.add(
                Finding(
                    "file-missing",
                    f"cannot read the file: {error.strerror or error}",
                    table.name,
                    value=path,
                )
            )
            continue
        _check_bytes(table, data, report)
        if not data:
            report.add(Finding("empty-file", "the file is empty", table.name, value=path))
            continue
        records = _parse(table, _decode(table, data, report), report)
        del data  # the file's bytes, then its records, are not needed once parsed
        if records is not None and table.schema is not None:
            _structure(table, records, report)
            del records
            if table.raw is not None:
                report.tables[table.name] = len(table.raw)
                _types(table, report)
                if on_read is not None:
                    on_read(table)
                table.raw = None
    return tables
