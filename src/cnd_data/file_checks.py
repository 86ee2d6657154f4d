"""The checks of one data file, from its bytes to its typed columns, said once for every command:
a byte order mark, NUL bytes, the dialect, bytes that are not UTF-8, CSV syntax, the header
against the schema, row widths and the type of every cell.

Each problem is handed to the caller's ``say`` as it is found. The loader's raises, so it stops at
the first; the validator's records a finding and reading goes on with what can still be read (a
byte order mark dropped, bytes that are not UTF-8 read as U+FFFD).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from cnd_data.arrow_reader import typed_frame
from cnd_data.declared_rules import declare
from cnd_data.reader import (
    BOM,
    CsvSyntaxError,
    HeaderTooWide,
    PackageError,
    Records,
    dialect_problems,
    line_end_problems,
    missing_as_na,
    missing_by_column,
    parse_records,
    typed_columns,
)
from cnd_data.schema import field_dtype, is_text, typed_values

# The rules this module checks; docs/rules.md is generated from them.
NUL_BYTE = declare(
    "nul-byte",
    "file",
    "no NUL byte in a text file",
    "a NUL byte on line 3",
)
DIALECT = declare(
    "dialect",
    "file",
    "the resource is UTF-8 CSV and its dialect one the reader reads (comma, double quotes, one"
    " header row, no comment character, escape or null sequence; line ends LF or CRLF, as the"
    " dialect says)",
    "line 1 ends in CRLF; the dialect says LF",
)
EMPTY_FILE = declare(
    "empty-file",
    "file",
    "the data file is not empty and has a header row",
    "the file is empty",
)
ENCODING = declare(
    "encoding",
    "file",
    "UTF-8 without a byte order mark",
    "not UTF-8: byte 0xe9 at offset 120 (line 4)",
)
CSV_SYNTAX = declare(
    "csv-syntax",
    "file",
    "the CSV can be parsed",
    "the CSV cannot be parsed: unexpected end of data (an unterminated quote swallows the rest)",
)
HEADER_WIDTH = declare(
    "header-width",
    "file",
    "the header has at most 1,000 columns",
    "the header has more than 1000 columns",
)
MISSING_COLUMN = declare(
    "missing-column",
    "header",
    "every schema field has its column",
    "column 'date' of the schema is missing",
)
EXTRA_COLUMN = declare(
    "extra-column",
    "header",
    "every column is a schema field",
    "column 'venue' is not in the schema",
)
HEADER_ORDER = declare(
    "header-order",
    "header",
    "the columns are in the schema's order",
    "the columns are not in the schema's order",
)
ROW_LENGTH = declare(
    "row-length",
    "rows",
    "every row has as many cells as the header",
    "the row has 4 cells, the header 3",
)
TYPE = declare(
    "type",
    "cells",
    "every cell is of its field's type, strictly (no 1e3 or ' 7' as an integer)",
    "'1e3' is not a valid integer",
)
ENUM = declare(
    "enum",
    "cells",
    "a value is one of its field's values",
    "'delegate' breaks the enum constraint (representative, observer, …)",
)

_SLICE = 1 << 20  # bytes decoded at a time by the UTF-8 check


@dataclass(frozen=True)
class Problem:
    """What keeps a data file from being read exactly as its schema says: the validator's rule
    id, a message, and where (row: the header is row 1)."""

    rule: str
    message: str
    row: int | None = None
    field: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"row {self.row}" if self.row is not None else "",
                f"field {self.field}" if self.field is not None else "",
            )
            if part
        )
        return f"{where}: {self.message}" if where else self.message


Say = Callable[[Problem], None]


def file_records(
    data: bytes, schema: Mapping[str, Any] | None, dialect: Any, say: Say
) -> Records | None:
    """The records of a data file's bytes, or None where none can be read."""
    if (nul := data.find(b"\x00")) >= 0:
        line = data.count(b"\n", 0, nul) + 1
        say(Problem(NUL_BYTE, f"a NUL byte on line {line}", row=line))
    for problem in dialect_problems(dialect) + line_end_problems(dialect, data):
        say(Problem(DIALECT, problem))
    if not data:
        say(Problem(EMPTY_FILE, "the file is empty"))
        return None
    if data.startswith(BOM):
        say(Problem(ENCODING, "the file starts with a byte order mark (BOM)", row=1))
        data = data[len(BOM) :]
    if (error := utf8_error(data)) is not None:
        line = data[: error.start].count(b"\n") + 1
        byte = f"0x{data[error.start]:02x}"
        say(Problem(ENCODING, f"not UTF-8: byte {byte} at offset {error.start} (line {line})"))
    missing = missing_by_column(schema) if schema is not None else {}
    try:
        return parse_records(data, missing, errors="replace")
    except HeaderTooWide as error:
        say(Problem(HEADER_WIDTH, str(error), row=1))
    except CsvSyntaxError as error:
        say(Problem(CSV_SYNTAX, f"the CSV cannot be parsed: {error}"))
    return None


def utf8_error(data: bytes) -> UnicodeDecodeError | None:
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


def header_problems(records: Records, names: list[str], say: Say) -> None:
    """The header against the schema's field names, and the rows of another width."""
    if not records.header:
        say(Problem(EMPTY_FILE, "the file has no header row"))
        return
    header, width = records.header, len(records.header)
    for name in names:
        if name not in header:
            say(Problem(MISSING_COLUMN, f"column {name!r} of the schema is missing", 1, name))
    for name in header:
        if name not in names:
            say(Problem(EXTRA_COLUMN, f"column {name!r} is not in the schema", 1, name))
    if set(header) == set(names) and header != names:
        say(Problem(HEADER_ORDER, "the columns are not in the schema's order", row=1))
    for number, cells in records.bad_rows:
        say(Problem(ROW_LENGTH, f"the row has {cells} cells, the header {width}", row=number))


def typed_table(raw: pd.DataFrame, schema: Mapping[str, Any], say: Say) -> pd.DataFrame:
    """The schema's fields of the raw strings in their types; a cell not of its type is said
    (and missing in the result). A schema whose types cannot be read raises SchemaError."""
    fields = {str(f.get("name")): f for f in schema.get("fields", [])}
    columns = raw.columns
    known = raw.loc[:, columns.isin(list(fields)) & ~columns.duplicated()]
    typed, failures = typed_columns(known, schema)
    for index, name, cell in failures:
        kind = fields[name].get("type")
        say(Problem(TYPE, f"{cell!r} is not a valid {kind}", index + 2, name, cell))
    return pd.DataFrame(typed, index=raw.index)


def read_table(data: bytes, schema: Mapping[str, Any], dialect: Any, where: str) -> pd.DataFrame:
    """A table typed as its schema says (enums as Categoricals), or PackageError for the first
    thing that keeps it from being read exactly as written: by Arrow where pyarrow is installed
    and the file is plain, else the careful way."""
    fast = typed_frame(data, schema, dialect, loaded=True)
    return fast if fast is not None else careful_table(data, schema, dialect, where)


def careful_table(data: bytes, schema: Mapping[str, Any], dialect: Any, where: str) -> pd.DataFrame:
    """``read_table`` without Arrow: every check in turn, the first problem raised."""
    refuse = _refuser(where)
    records = file_records(data, schema, dialect, refuse)
    if records is None:  # every way to no records is said, and refuse raised
        raise PackageError(f"{where}: no records")
    return _checked(records, schema, refuse)


def written_table(data: bytes, schema: Mapping[str, Any], dialect: Any, where: str) -> pd.DataFrame:
    """The cells exactly as the CSV writes them (strings; an empty cell is ""), after every
    check of ``careful_table``: the bytes are parsed once, and typed from the same records."""
    refuse = _refuser(where)
    records = file_records(data, None, dialect, refuse)
    if records is None:
        raise PackageError(f"{where}: no records")
    missing = missing_by_column(schema)
    marked = missing_as_na(records.raw.copy(deep=False), missing)
    _checked(Records(records.header, marked, records.bad_rows), schema, refuse)
    return records.raw.astype("string")


def _refuser(where: str) -> Say:
    def refuse(problem: Problem) -> None:
        raise PackageError(f"{where}: {problem}")

    return refuse


def _checked(records: Records, schema: Mapping[str, Any], refuse: Say) -> pd.DataFrame:
    """The typed table of records read with their missing values, or the first problem
    refused: the header, then each cell's type, then each enum."""
    header_problems(records, [str(f.get("name")) for f in schema.get("fields", [])], refuse)
    frame = typed_table(records.raw, schema, refuse)
    for spec in schema.get("fields", []):
        enum = spec.get("constraints", {}).get("enum")
        if enum is None or spec["name"] not in frame:
            continue
        name = spec["name"]
        # text as written; any other type as typed, so that [68] allows "068", [true] "true"
        values = records.raw[name] if is_text(spec) else frame[name]
        allowed = [str(v) for v in enum] if is_text(spec) else typed_values(spec, list(enum))
        outside = values.notna() & ~values.isin(allowed)
        if outside.any():
            index = int(outside[outside].index[0])
            cell = str(records.raw[name][index])
            refuse(Problem(ENUM, f"{cell!r} is not one of its values", index + 2, name, cell))
    return as_loaded(frame, schema)


def as_loaded(typed: pd.DataFrame, schema: Mapping[str, Any]) -> pd.DataFrame:
    """Typed columns as the loader returns them: a field with an enum as a Categorical of its
    values, in the schema's order (a value outside them, which the caller has refused, would be
    missing)."""
    frame = typed.copy(deep=False)
    for spec in schema.get("fields", []):
        dtype = field_dtype(spec)
        if isinstance(dtype, pd.CategoricalDtype) and spec["name"] in frame:
            frame[spec["name"]] = pd.Categorical(frame[spec["name"]], dtype=dtype)
    return frame
