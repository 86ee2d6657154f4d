"""The checks of one data file, from its bytes to its typed columns: size and hash, rows
swallowed by a stray quote, and the checks the loader makes too (``file_checks.py``: encoding,
NUL bytes, dialect, CSV syntax, header, row widths, the type of every cell). Every problem is a
finding; what can be read is left on the ``Table``."""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator

import pandas as pd

from cnd_data.arrow_reader import typed_frame
from cnd_data.declared_rules import declare
from cnd_data.file_checks import Problem, Say, file_records, header_problems, typed_table
from cnd_data.reader import Records
from cnd_data.schema import SchemaError, is_text
from cnd_data.validate import scan
from cnd_data.validate.findings import Finding, Report
from cnd_data.validate.patterns import checked, fullmatches
from cnd_data.validate.scan import Column, batches
from cnd_data.validate.table import Table

# The rules this module checks; docs/rules.md is generated from them.
SCHEMA_INVALID = declare(
    "schema-invalid",
    "schema",
    "the schema has a list of named fields with string types, and keys and constraints that can"
    " be applied",
    "every field must be an object with a name",
)
BYTES = declare(
    "bytes",
    "file",
    "the file's size is the descriptor's bytes, a whole number",
    "the file has 5778 bytes, the descriptor says 5777",
)
HASH = declare(
    "hash",
    "file",
    "the file's hash is the descriptor's hash",
    "the file's sha256 differs from the descriptor's",
)
SWALLOWED_ROWS = declare(
    "swallowed-rows",
    "rows",
    "no quoted cell holds what look like whole rows",
    "a quoted cell holds what look like whole rows: an unbalanced quote?",
)

_NEWLINE = re.compile("\n")


def read_data(table: Table, data: bytes, report: Report) -> None:
    """Check the file's bytes (size and hash here; the rest in the shared file checks) and
    type its cells: ``table.raw`` holds the text fields' strings, ``table.typed`` every field's
    typed column. A plain file is read by Arrow where pyarrow is installed; any other, or where
    it is not, record by record, each problem a finding."""
    _check_bytes(table, data, report)
    dialect = table.resource.get("dialect")
    typed = typed_frame(data, table.schema, dialect) if table.schema is not None else None
    if typed is not None:  # nothing to say: its header, records and cells are as they should be
        _plain_table(table, typed, report)
        return
    records = file_records(data, table.schema, dialect, _say(table, report))
    if records is not None:
        type_records(table, records, report)


def _plain_table(table: Table, typed: pd.DataFrame, report: Report) -> None:
    table.typed = typed
    # the other fields hold no text that the cell checks read, nor a line break
    text = [str(f["name"]) for f in table.fields if is_text(f)]
    table.raw = typed.loc[:, text]
    report.tables[table.name] = len(typed)
    _swallowed(table, table.raw, len(table.fields), report)


def _say(table: Table, report: Report) -> Say:
    """The shared file checks' problems as findings of this table."""

    def say(problem: Problem) -> None:
        value = problem.value
        if problem.rule == "empty-file" and value is None:
            value = table.resource.get("path")
        if problem.rule == "type" and problem.row is not None and problem.field is not None:
            table.type_errors.add((problem.row - 2, problem.field))
        report.add(
            Finding(problem.rule, problem.message, table.name, problem.row, problem.field, value)
        )

    return say


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
        report.add(Finding(BYTES, "bytes must be a whole number", table.name, value=repr(declared)))
    elif declared is not None and declared != len(data):
        report.add(
            Finding(
                BYTES,
                f"the file has {len(data)} bytes, the descriptor says {declared}",
                table.name,
                value=str(declared),
            )
        )
    table.sha256 = hashlib.sha256(data).hexdigest()
    declared_hash = table.resource.get("hash")
    if isinstance(declared_hash, str):
        algorithm, _, digest = declared_hash.rpartition(":")
        algorithm = algorithm or "md5"
        if algorithm not in hashlib.algorithms_available:
            report.add(
                Finding(
                    HASH, f"unknown hash algorithm {algorithm!r}", table.name, value=declared_hash
                )
            )
        elif _digest(algorithm, data, table.sha256) != digest.lower():
            report.add(
                Finding(
                    HASH,
                    f"the file's {algorithm} differs from the descriptor's",
                    table.name,
                    value=declared_hash,
                )
            )


def _digest(algorithm: str, data: bytes, sha256: str) -> str:
    """The bytes' digest by ``algorithm`` (their SHA-256, known already, is not made twice)."""
    return sha256 if algorithm.lower() == "sha256" else hashlib.new(algorithm, data).hexdigest()


def _structure(table: Table, records: Records, report: Report) -> None:
    """Header against the schema, row lengths, and rows swallowed by a stray quote."""
    header_problems(records, [str(f.get("name")) for f in table.fields], _say(table, report))
    if not records.header:
        return
    table.raw = records.raw
    _swallowed(table, records.raw, len(records.header), report)


def _swallowed(table: Table, raw: pd.DataFrame, width: int, report: Report) -> None:
    """Rows swallowed by a stray quote: a multi-line cell whose lines read as this table's
    records (led by a value of its first field, where that field has a pattern)."""
    pattern = table.fields[0].get("constraints", {}).get("pattern") if table.fields else None
    try:
        first = checked(pattern) if pattern is not None else None
    except ValueError:
        first = None  # the pattern's own finding comes from the constraint checks
    for position, name in enumerate(raw.columns):
        texts = raw.iloc[:, position].fillna("").tolist()
        for index in _multi_line(texts):
            if _holds_records(texts[index], width, first):
                report.add(
                    Finding(
                        SWALLOWED_ROWS,
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
    try:
        table.typed = typed_table(table.raw, table.schema, _say(table, report))
    except SchemaError as error:
        report.add(Finding(SCHEMA_INVALID, str(error), table.name))
