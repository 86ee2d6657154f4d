"""The checks of one data file, from its bytes to its typed columns: size and hash, encoding,
NUL bytes, dialect, CSV syntax, header, row widths, rows swallowed by a stray quote, and the
type of every cell. Every problem is a finding; what can be read is left on the ``Table``."""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator

import pandas as pd

from cnd_data.reader import (
    BOM,
    CsvSyntaxError,
    HeaderTooWide,
    Records,
    dialect_problems,
    line_end_problems,
    missing_by_column,
    parse_records,
    typed_columns,
)
from cnd_data.schema import SchemaError
from cnd_data.validate import scan
from cnd_data.validate.findings import Finding, Report
from cnd_data.validate.patterns import checked, fullmatches
from cnd_data.validate.scan import Column, batches
from cnd_data.validate.table import Table

_NEWLINE = re.compile("\n")
_SLICE = 1 << 20  # bytes decoded at a time by the UTF-8 check


def parse_data(table: Table, data: bytes, report: Report) -> Records | None:
    """Check the file's bytes (size, hash, NUL, dialect, encoding) and parse its records."""
    _check_bytes(table, data, report)
    if (nul := data.find(b"\x00")) >= 0:
        line = data.count(b"\n", 0, nul) + 1
        report.add(Finding("nul-byte", f"a NUL byte on line {line}", table.name, row=line))
    dialect = table.resource.get("dialect")
    for problem in dialect_problems(dialect) + line_end_problems(dialect, data):
        report.add(Finding("dialect", problem, table.name))
    if not data:
        path = table.resource.get("path")
        report.add(Finding("empty-file", "the file is empty", table.name, value=path))
        return None
    return _parse(table, data, report)


def type_records(table: Table, records: Records, report: Report) -> None:
    """Check the records' structure against the schema, and type them: ``table.raw`` holds the
    strings, ``table.typed`` the typed columns."""
    if table.schema is None:
        return
    _structure(table, records, report)
    if table.raw is not None:
        report.tables[table.name] = len(table.raw)
        _types(table, report)


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
    if (error := _utf8_error(data)) is not None:
        line = data[: error.start].count(b"\n") + 1
        report.add(
            Finding(
                "encoding",
                f"not UTF-8: byte 0x{data[error.start]:02x} at offset {error.start} (line {line})",
                table.name,
            )
        )
    return data


def _utf8_error(data: bytes) -> UnicodeDecodeError | None:
    """The first place where the bytes are not UTF-8, offsets counted in the whole file; the
    file is decoded a slice at a time, never held twice (a text of 25 MB in which one
    character is past U+00FF takes 50 MB as one Python string)."""
    view, start = memoryview(data), 0
    while start < len(data):
        end = min(start + max(_SLICE, 4), len(data))
        # Cut before a character's first byte, found within three bytes back (a character
        # has at most four); a longer run of continuation bytes is broken anyway.
        end = next((e for e in range(end, end - 4, -1) if not _continues(data, e)), end)
        try:
            str(view[start:end], "utf-8")
        except UnicodeDecodeError as error:
            return UnicodeDecodeError("utf-8", data, start + error.start, start + error.end,
                                      error.reason)  # fmt: skip
        start = end
    return None


def _continues(data: bytes, at: int) -> bool:
    """Whether the byte at ``at`` continues a character (0b10xxxxxx); the end does not."""
    return at < len(data) and data[at] & 0xC0 == 0x80


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
        for index in _multi_line(texts):
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


def _multi_line(texts: list[str]) -> Iterator[int]:
    """Positions of the cells that hold a line break, a batch of the column at a time."""
    for start, batch in batches(texts, scan.BATCH):
        for index in Column(batch).matching(_NEWLINE):
            yield start + index


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
