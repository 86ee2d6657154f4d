"""Read a package for validation without trusting it: descriptor, paths, bytes, encoding, CSV.

Every problem becomes a finding; what can still be read is returned for the later checks.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from cnd_data.errors import InputError
from cnd_data.paths import (
    MAX_DATA_BYTES,
    MAX_JSON_BYTES,
    REMOTE,
    MissingFile,
    UnsafePath,
    read_inside,
    read_regular_file,
    unsafe_path,
)
from cnd_data.reader import (
    BOM,
    CsvSyntaxError,
    HeaderTooWide,
    Records,
    dialect_problems,
    line_end_problems,
    missing_by_column,
    parse_records,
    schema_shape,
    typed_columns,
)
from cnd_data.schema import SchemaError
from cnd_data.validate.findings import Finding, Report
from cnd_data.validate.patterns import checked, fullmatches
from cnd_data.validate.scan import Column

_NEWLINE = re.compile("\n")


class Unreadable(InputError):
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
    if not path.exists():
        raise Unreadable(f"no such file: {path}")
    try:
        data = read_regular_file(path, MAX_JSON_BYTES)
    except UnsafePath as error:
        raise Unreadable(f"cannot read the descriptor: {error}") from None
    try:
        descriptor = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise Unreadable(f"{path}: not a JSON document ({type(error).__name__}: {error})") from None
    if not isinstance(descriptor, dict):
        raise Unreadable(f"{path}: the descriptor must be a JSON object")
    return descriptor, path.parent


def _fetch(folder: Path, path: str, limit: int = MAX_DATA_BYTES) -> bytes:
    """A file's bytes through the trust boundary (or, when the user opted in, from a URL)."""
    if REMOTE.match(path):
        with urllib.request.urlopen(path, timeout=30) as response:
            data: bytes = response.read(limit + 1)
            if len(data) > limit:
                raise UnsafePath(f"{path!r}: more than the limit of {limit} bytes")
            return data
    return read_inside(folder, path, limit)


def _schema(table: Table, folder: Path, report: Report, allow_remote: bool) -> None:
    schema = table.resource.get("schema")
    if isinstance(schema, str):
        problem = unsafe_path(schema, allow_remote)
        if problem:
            report.add(Finding("unsafe-path", f"schema path: {problem}", table.name, value=schema))
            return
        try:
            schema = json.loads(_fetch(folder, schema, MAX_JSON_BYTES).decode("utf-8-sig"))
        except (OSError, UnsafePath) as error:
            report.add(
                Finding(
                    "schema-missing"
                    if isinstance(error, (OSError, MissingFile))
                    else "unsafe-path",
                    f"cannot read the schema: {error}",
                    table.name,
                    value=table.resource.get("schema"),
                )
            )
            return
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
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


def _check_bytes(table: Table, data: bytes, report: Report) -> None:
    declared = table.resource.get("bytes")
    if declared is not None and (not isinstance(declared, int) or isinstance(declared, bool)):
        report.add(
            Finding("bytes", "bytes must be a whole number", table.name, value=repr(declared))
        )
    elif declared is not None and declared != len(data):
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


def _decode(table: Table, data: bytes, report: Report) -> bytes:
    """The file's bytes without a byte order mark; a BOM or bytes that are not UTF-8 are
    findings."""
    if data.startswith(BOM):
        report.add(
            Finding("encoding", "the file starts with a byte order mark (BOM)", table.name, row=1)
        )
        data = data[len(BOM) :]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        report.add(
            Finding(
                "encoding",
                f"not UTF-8: byte 0x{data[error.start]:02x} at offset {error.start} (line {line})",
                table.name,
            )
        )
    return data


def _parse(table: Table, data: bytes, report: Report) -> Records | None:
    """The file's records through the package's one reader; an unterminated quote is a
    finding."""
    missing = missing_by_column(table.schema) if table.schema is not None else {}
    try:
        return parse_records(_decode(table, data, report), missing, errors="replace")
    except HeaderTooWide as error:
        report.add(Finding("header-width", str(error), table.name, row=1))
        return None
    except CsvSyntaxError as error:
        report.add(Finding("csv-syntax", f"the CSV cannot be parsed: {error}", table.name))
        return None


def _structure(table: Table, records: Records, report: Report) -> None:
    """Header against the schema, row lengths, and rows swallowed by a stray quote."""
    if not records.header:
        report.add(Finding("empty-file", "the file has no header row", table.name))
        return
    header, width = records.header, len(records.header)
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
    for number, cells in records.bad_rows:
        report.add(
            Finding(
                "row-length",
                f"the row has {cells} cells, the header {width}",
                table.name,
                row=number,
            )
        )
    table.raw = records.raw
    pattern = table.fields[0].get("constraints", {}).get("pattern") if table.fields else None
    try:
        first = checked(pattern) if pattern is not None else None
    except ValueError:
        first = None  # the pattern's own finding comes from the constraint checks
    for position, name in enumerate(header):
        texts = records.raw.iloc[:, position].fillna("").tolist()
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


def _holds_records(cell: str, width: int, first: str | None) -> bool:
    """Whether a multi-line cell holds lines that parse as whole records of this table."""
    lines = [line for line in cell.split("\n")[1:] if line.count(",") >= width - 1]
    leads = [cells[0] for line in lines if len(cells := next(csv.reader([line]), [])) >= width]
    if not leads or first is None:
        return bool(leads)
    return bool(fullmatches(pd.Series(leads, dtype="string"), first).any())


def _types(table: Table, report: Report) -> None:
    assert table.raw is not None
    assert table.schema is not None
    known = {str(f.get("name")) for f in table.fields}
    columns = table.raw.columns
    raw = table.raw.loc[:, columns.isin(known) & ~columns.duplicated()]
    try:
        typed, failures = typed_columns(raw, table.schema)
    except SchemaError as error:
        report.add(Finding("schema-invalid", str(error), table.name))
        return
    fields = {str(f.get("name")): f for f in table.fields}
    for index, name, cell in failures:
        table.type_errors.add((index, name))
        report.add(
            Finding(
                "type",
                f"{cell!r} is not a valid {fields[name].get('type')}",
                table.name,
                row=index + 2,
                field=name,
                value=cell,
            )
        )
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
        except (OSError, UnsafePath) as error:
            missing = isinstance(error, (OSError, MissingFile))
            report.add(
                Finding(
                    "file-missing" if missing else "unsafe-path",
                    f"cannot read the file: {getattr(error, 'strerror', None) or error}",
                    table.name,
                    value=path,
                )
            )
            continue
        _check_bytes(table, data, report)
        if (nul := data.find(b"\x00")) >= 0:
            line = data.count(b"\n", 0, nul) + 1
            report.add(Finding("nul-byte", f"a NUL byte on line {line}", table.name, row=line))
        dialect = resource.get("dialect")
        for problem in dialect_problems(dialect) + line_end_problems(dialect, data):
            report.add(Finding("dialect", problem, table.name))
        if not data:
            report.add(Finding("empty-file", "the file is empty", table.name, value=path))
            continue
        records = _parse(table, data, report)
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
