"""The one reader of the package's CSV files: bytes → records → typed columns.

``load``, ``validate``, ``diff`` and ``export`` all read through here, so every command sees the
same cells and the same values: what the validator accepts, the loader returns; what it rejects
in a cell, the loader refuses. This is the careful path, pandas and the standard library only;
where pyarrow is installed, a plainly well-formed file takes ``arrow_reader.py`` instead, which
gives the same frames.

Records are parsed by pandas' C parser. It pads a row that has too few cells without a word, so
the reader counts the commas outside quotes: a file whose rows all have the header's width has
exactly (width − 1) of them per record. Only a file that fails that count, or that pandas finds
a long row in, is parsed again record by record (with the standard ``csv`` module) to say which
rows are wrong.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections import Counter
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from cnd_data.errors import InputError
from cnd_data.paths import MAX_DATA_BYTES
from cnd_data.schema import DEFAULT_FALSE, DEFAULT_TRUE, field_type, missing_values

BOM = b"\xef\xbb\xbf"
_SLICE = 1 << 20  # bytes searched at a time for commas, quotes and line ends
_BLANK = re.compile(rb"\s*\Z")
MAX_COLUMNS = 1000  # a header of more columns is refused before it is parsed
CHUNKED = 1 << 23  # bytes: a larger file is parsed a chunk of about this size at a time


class PackageError(InputError):
    """A package the loader cannot read as its schemas say; the message says where and why."""


class CsvSyntaxError(InputError):
    """CSV text that cannot be parsed at all (a quote that is never closed)."""


class HeaderTooWide(CsvSyntaxError):
    """A header with more columns than the reader takes."""


@dataclass
class Records:
    """A CSV file's header and its rows of the header's width, as strings (missing values as
    NA), with the rows of another width: (row number, header row = 1; cells)."""

    header: list[str]
    raw: pd.DataFrame
    bad_rows: list[tuple[int, int]] = field(default_factory=list)


class RowTooWide(CsvSyntaxError):
    """A record with more cells than the reader takes, refused before any parser holds it."""


def record_widths(data: bytes, width: int) -> tuple[int, bool]:
    """(number of records, header included; whether each has exactly ``width - 1`` commas
    outside quotes), counting the commas of each record in turn: a long row cannot make up for
    a short one, as pandas lets it when the long row is the first. A comma is outside quotes
    when an even number of quotes precede it (a doubled quote inside a cell counts twice).

    The file is searched a megabyte at a time, so memory stays bounded whatever its content;
    a record of more than MAX_COLUMNS cells raises RowTooWide at once (a parser would hold
    every cell of it: 13 GB for a line of twenty million commas)."""
    records, pending, odd, even = 0, 0, 0, True
    for start in range(0, len(data), _SLICE):
        chunk = np.frombuffer(data, np.uint8, min(_SLICE, len(data) - start), start)
        quotes = np.flatnonzero(chunk == ord('"'))
        ends, commas = (
            found[(np.searchsorted(quotes, found) + odd) % 2 == 0]
            for found in (_line_ends(data, chunk, start), np.flatnonzero(chunk == ord(",")))
        )
        odd = (odd + len(quotes)) % 2
        counts = np.diff(np.searchsorted(commas, ends), prepend=0)
        counts[:1] += pending
        pending = (
            len(commas) - int(np.searchsorted(commas, ends[-1]))
            if len(ends)
            else pending + len(commas)
        )
        _refuse_wide(np.append(counts, pending), records)
        even = even and bool(np.all(counts == width - 1))
        records += len(ends)
    if data and data[-1] not in b"\r\n":  # the last record has no line end
        records, even = records + 1, even and pending == width - 1
    return records, even


def _line_ends(data: bytes, chunk: np.ndarray, start: int) -> np.ndarray:
    """Offsets in the chunk of each LF, and of each CR not followed by an LF: the line ends
    pandas and the csv module both read (LF, CRLF and a lone CR)."""
    returns = np.flatnonzero(chunk == ord("\r"))
    following = data[start + 1 : start + len(chunk) + 1].ljust(len(chunk), b"\0")
    lone = returns[np.frombuffer(following, np.uint8)[returns] != ord("\n")]
    return np.union1d(np.flatnonzero(chunk == ord("\n")), lone)


def _refuse_wide(counts: np.ndarray, before: int) -> None:
    """RowTooWide for the first of these records (``before`` records precede them) that has
    more than MAX_COLUMNS cells."""
    wide = np.flatnonzero(counts >= MAX_COLUMNS)
    if len(wide):
        raise RowTooWide(f"row {before + int(wide[0]) + 1} has more than {MAX_COLUMNS} cells")


def _slow_records(text: str, missing: Mapping[str, list[str]]) -> Records:
    """Every record with the standard csv module: exact row numbers for rows of another width."""
    csv.field_size_limit(MAX_DATA_BYTES)  # a cell is bounded by its file, not by 128 KiB
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        raise CsvSyntaxError(f"{error} (an unterminated quote swallows the rest)") from None
    if not records:
        return Records([], pd.DataFrame())
    header, rows = records[0], records[1:]
    width = len(header)
    bad = [(number, len(row)) for number, row in enumerate(rows, start=2) if len(row) != width]
    good = [row for row in rows if len(row) == width]
    columns = [np.array(cells, dtype=object) for cells in zip(*good, strict=True)] or [
        np.array([], dtype=object) for _ in header
    ]
    raw = pd.DataFrame(dict(enumerate(columns)), copy=False)
    raw.columns = pd.Index(header)
    return Records(header, missing_as_na(raw, missing), bad)


def missing_as_na(
    raw: pd.DataFrame, missing: Mapping[str, list[str]], done: AbstractSet[int] = frozenset()
) -> pd.DataFrame:
    """The cells that are exactly one of their column's missing values, as NA (but in the
    columns at the positions ``done``, which the parser has marked)."""
    for position, name in enumerate(raw.columns):
        if name in missing and position not in done:
            cells = raw.iloc[:, position]
            raw.isetitem(position, cells.mask(cells.isin(missing[name])).to_numpy())
    return raw


# What the reader does not implement is refused, never ignored: Frictionless would read the file
# otherwise (a comment line skipped, "NA" missing, a date in another order). A property is
# accepted at the value the reader reads; one listed as unread, not at all.
_DIALECT_READ = {
    "delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True, "headerRows": [1],
    "skipInitialSpace": False, "commentRows": [],
}  # fmt: skip
_DIALECT_UNREAD = ("commentChar", "escapeChar", "nullSequence")
LINE_ENDS = ("\n", "\r\n")  # the reader reads either, whichever the dialect names
_FIELD_READ = {"format": "default", "bareNumber": True, "decimalChar": "."}
_FIELD_UNREAD = ("groupChar", "categories", "categoriesOrdered")
_RESOURCE_READ = {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8"}
_SCHEMA_READ = {"fieldsMatch": "exact"}
_SCHEMA_UNREAD = ("uniqueKeys",)


def _unread(node: Mapping[str, Any], read: dict[str, Any], unread: tuple[str, ...]) -> list[str]:
    """The properties of ``node`` the reader does not read as they say."""
    problems = [
        f"{key} {node[key]!r} is not read (only {value!r})"
        for key, value in read.items()
        if key in node and not _same(node[key], value)
    ]
    return problems + [f"{key} {node[key]!r} is not read" for key in unread if key in node]


def _same(value: Any, read: Any) -> bool:
    """Equal as JSON values: ``[1.0]`` is not ``[1]``, nor ``1`` ``true``."""
    if isinstance(read, list):
        return (
            isinstance(value, list)
            and len(value) == len(read)
            and all(_same(v, r) for v, r in zip(value, read, strict=True))
        )
    return type(value) is type(read) and value == read


def dialect_problems(dialect: Any) -> list[str]:
    """What in a resource's CSV dialect the reader does not read (it reads RFC 4180: a comma,
    double quotes doubled inside quoted cells, one header row)."""
    if dialect is None:
        return []
    if not isinstance(dialect, dict):
        return ["the dialect must be an object"]
    problems = _unread(dialect, _DIALECT_READ, _DIALECT_UNREAD)
    end = dialect.get("lineTerminator", "\r\n")
    if not (isinstance(end, str) and end in LINE_ENDS):
        # a reader that honours it would read a file of other line ends as one line
        problems.append(f"lineTerminator {end!r} is not read (only '\\n' or '\\r\\n')")
    return [f"dialect {problem}" for problem in problems]


def resource_problems(resource: Mapping[str, Any]) -> list[str]:
    """What of a resource the reader does not read: a file that is not UTF-8 CSV (names are
    compared without regard to case)."""
    return [
        f"{key} {resource[key]!r} is not read (only {value!r})"
        for key, value in _RESOURCE_READ.items()
        if key in resource
        and not (isinstance(resource[key], str) and resource[key].lower() == value)
    ]


def line_end_problems(dialect: Any, data: bytes) -> list[str]:
    """A file whose line ends are not the dialect's: a CR where it says LF (a CRLF, or a CR
    alone, which readers take for a line end too)."""
    terminator = dialect.get("lineTerminator") if isinstance(dialect, dict) else None
    # a one-byte search first: a file without a CR (the usual one) is passed at memory speed
    if terminator != "\n" or (at := data.find(b"\r")) < 0:
        return []
    line = data.count(b"\n", 0, at) + 1
    if data[at + 1 : at + 2] == b"\n":
        return [f"line {line} ends in CRLF; the dialect says LF"]
    return [f"line {line} holds a CR without an LF, which readers take for a line end; the"
            " dialect says LF"]  # fmt: skip


def _header(data: bytes, end: int, errors: str) -> list[str] | None:
    """The header's names when its line is plain (no quote, no CR): split at the commas, as
    any CSV reader would; None when only a full CSV parse can say."""
    line = data[: end if end >= 0 else len(data)]
    if b'"' in line or b"\r" in line:
        return None
    return line.decode("utf-8", errors=errors).split(",")


def parse_records(
    data: bytes, missing: Mapping[str, list[str]], *, errors: str = "strict"
) -> Records:
    """The records of a CSV file's bytes (no byte order mark), with ``missing[column]`` read as
    NA; ``errors="replace"`` reads bytes that are not UTF-8 as U+FFFD instead of raising
    UnicodeDecodeError."""
    if _BLANK.match(data):
        return Records([], pd.DataFrame())
    end = min((e for e in (data.find(b"\n"), data.find(b"\r")) if e >= 0), default=-1)
    if data[: end if end >= 0 else len(data)].count(b",") >= MAX_COLUMNS:
        raise HeaderTooWide(f"the header has more than {MAX_COLUMNS} columns")
    options: dict[str, Any] = {
        "dtype": object,
        "keep_default_na": False,
        "skip_blank_lines": False,
        "encoding": "utf-8",
        "encoding_errors": errors,
        "header": None,
        "index_col": False,  # never a row's extra first cell taken for an index
    }
    try:
        header = _header(data, end, errors) or [
            str(v)
            for v in pd.read_csv(io.BytesIO(data), nrows=1, na_filter=False, **options)
            .iloc[0]
            .tolist()
        ]
        records, even = record_widths(data, len(header))
        # Missing values are matched after parsing, exactly: pandas' na_values also takes a
        # number's other spellings (missingValues "00" made the cell "0" missing too). An
        # empty cell, the usual missing value, has no other spelling: the parser marks it.
        empty = [i for i, name in enumerate(header) if list(missing.get(name, ())) == [""]]
        rows: dict[str, Any] = {
            "on_bad_lines": "warn",
            "na_filter": bool(empty),
            "na_values": {i: [""] for i in empty},
        }
        with warnings.catch_warnings(record=True) as long_rows:
            warnings.simplefilter("always")
            frame = _body(data, records, options | rows | {"names": list(range(len(header)))})
    except pd.errors.EmptyDataError:
        frame = pd.DataFrame(columns=list(range(len(header))), dtype=object)
        long_rows = []
    except pd.errors.ParserError:
        return _slow_records(data.decode("utf-8", errors=errors), missing)
    if long_rows or not even or records != len(frame) + 1 or _lone_returns(data):
        return _slow_records(data.decode("utf-8", errors=errors), missing)
    frame.columns = pd.Index(header)
    return Records(header, missing_as_na(frame, missing, set(empty)))


def _lone_returns(data: bytes) -> bool:
    """Whether a CR stands without an LF after it (a line end of old Macs, or a CR in a cell):
    pandas' parser then drops the empty first cell of the first row after the header."""
    return b"\r" in data and data.count(b"\r") != data.count(b"\r\n")


def _body(data: bytes, records: int, options: dict[str, Any]) -> pd.DataFrame:
    """The rows after the header; a large file is parsed some megabytes of rows at a time,
    which halves the parser's passing memory (its buffers hold one chunk, not the file)."""
    if len(data) <= CHUNKED:
        whole: pd.DataFrame = pd.read_csv(io.BytesIO(data), skiprows=1, **options)
        return whole
    rows = max(1, CHUNKED * records // len(data))  # records as counted, whatever the line ends
    with pd.read_csv(io.BytesIO(data), skiprows=1, chunksize=rows, **options) as chunks:
        return pd.concat(list(chunks), ignore_index=True)


def missing_by_column(schema: Mapping[str, Any]) -> dict[str, list[str]]:
    """The strings that stand for a missing value, for each field of a schema."""
    return {str(f.get("name")): missing_values(schema, f) for f in schema.get("fields", [])}


def _names(value: Any) -> list[str] | None:
    """A field list as Table Schema allows it (a name or a list of names), or None."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _strings_of(field: dict[str, Any], key: str, default: list[str]) -> set[str]:
    """The strings of a field's list (its default where it has none)."""
    values = field.get(key, default)
    return {v for v in values if isinstance(v, str)} if isinstance(values, list) else set()


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
        f"field {f['name']!r}: enum must be a list"
        for f in fields
        if isinstance(f.get("constraints"), dict)
        and not isinstance(f["constraints"].get("enum", []), list)
    ]
    problems += [
        f"field {f['name']!r}: type must be a string"
        for f in fields
        if not isinstance(f.get("type", "string"), str)
    ]
    problems += [
        f"field {f['name']!r}: {key} must be a list of strings"
        for f in fields
        for key in ("trueValues", "falseValues", "missingValues")
        if key in f and not (isinstance(f[key], list) and all(isinstance(v, str) for v in f[key]))
    ]
    names = {f["name"] for f in fields}
    if len(names) != len(fields):
        twice = sorted(n for n, k in Counter(f["name"] for f in fields).items() if k > 1)
        problems.append(f"two fields share a name: {', '.join(map(repr, twice))}")
    problems += [
        f"field {f['name']!r}: {problem}"
        for f in fields
        for problem in _unread(f, _FIELD_READ, _FIELD_UNREAD)
    ]
    problems += [
        f"field {f['name']!r}: {sorted(both)!r} are both trueValues and falseValues"
        for f in fields
        if (
            both := _strings_of(f, "trueValues", DEFAULT_TRUE)
            & _strings_of(f, "falseValues", DEFAULT_FALSE)
        )
    ]
    problems += _unread(schema, _SCHEMA_READ, _SCHEMA_UNREAD)
    missing = schema.get("missingValues", [])
    if not isinstance(missing, list) or not all(isinstance(v, str) for v in missing):
        problems.append("missingValues must be a list of strings")
    key = _names(schema.get("primaryKey", []))
    if key is None or not set(key) <= names:
        problems.append(f"primaryKey {schema.get('primaryKey')!r} must name fields of the schema")
    foreign = schema.get("foreignKeys", [])
    if not isinstance(foreign, list):
        return [*problems, "foreignKeys must be a list"]
    for item in foreign:
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


def typed_columns(
    raw: pd.DataFrame, schema: Mapping[str, Any]
) -> tuple[dict[str, pd.Series], list[tuple[int, str, str]]]:
    """Each schema field's column in its type (enums as strings), and the cells that are not
    of their field's type: (index, field, cell)."""
    typed: dict[str, pd.Series] = {}
    failures: list[tuple[int, str, str]] = []
    for spec in schema.get("fields", []):
        name = str(spec.get("name"))
        if name not in raw:
            continue
        cells, kind = raw[name], field_type(spec)
        values = kind.parse(cells.astype("string"), spec)
        if kind.dtype != "string":  # text is always of its type
            failed = values.isna() & cells.notna()
            failures += [(int(i), name, str(cells[i])) for i in failed[failed].index]
        typed[name] = values
    return typed, failures
