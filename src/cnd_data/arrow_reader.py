"""The one reader's fast path, where pyarrow is installed: a data file that is plainly
well-formed is parsed and typed by Arrow (its CSV reader, and RE2 patterns and casts in
``pyarrow.compute``), then handed to pandas in the dtypes of the type table.

The fast path says nothing about a file: it returns None as soon as anything is not plain (a
byte order mark, a NUL, a CR, a blank line, a quote left open, a header other than the
schema's, a record of another width, bytes that are not UTF-8, a cell not of its type, a
number field), and the caller reads the file the careful way, which says what is wrong and
where. Where both read a file, they return equal frames (``tests/test_arrow_reader.py`` holds
them to it on hostile bytes).
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from cnd_data.reader import (
    MAX_COLUMNS,
    RowTooWide,
    dialect_problems,
    line_end_problems,
    record_widths,
)
from cnd_data.schema import DEFAULT_FALSE, DEFAULT_TRUE, field_dtype, is_text, missing_values

# RE2 patterns (linear time) of the lexical forms read here; others (a sign '+', digits of
# other scripts, a number) fall back to the careful reader, which reads them as the schema says.
_INTEGER = r"^-?[0-9]{1,18}$"
_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_NAME = re.compile('[^",\r\n\ufeff]+')  # a field name a header line holds as itself
_BLOCK = 1 << 20  # bytes parsed at a time, on every core; a longer record falls back
_FAST = ("string", "any", "integer", "boolean", "date")


def available() -> bool:
    """Whether pyarrow is installed (found without importing it)."""
    return importlib.util.find_spec("pyarrow") is not None


def use_the_system_allocator() -> None:
    """Arrow's buffers taken from the system's allocator for the rest of a cnd-data process,
    unless its user chose one (``ARROW_DEFAULT_MEMORY_POOL``). Arrow's own (mimalloc) keeps the
    pages it frees for reuse: validating the package scaled x1000 peaked at 610 MB with it and
    at 480 MB without, and ran a tenth faster. For the command line only: a library does not
    change its caller's allocator."""
    if not available() or os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    try:
        import pyarrow as pa
    except ImportError:  # installed but broken: the commands that read say so, the rest run
        return
    pa.set_memory_pool(pa.system_memory_pool())


def typed_frame(
    data: bytes, schema: Mapping[str, Any], dialect: Any = None, *, loaded: bool = False
) -> pd.DataFrame | None:
    """The table of a data file's bytes, each field in its type (a field with an enum as text,
    as ``file_checks.typed_table`` gives it; ``loaded``: as a Categorical of its values, as the
    loader gives it), or None where the careful reader must read it."""
    fields = list(schema.get("fields", []))
    names = [str(f.get("name")) for f in fields]
    if not available() or not _plain(data, names, dialect):
        return None
    if any(f.get("type", "string") not in _FAST for f in fields):
        return None
    import pyarrow as pa

    records = _records(data, len(names))  # before Arrow holds a hostile file's cells
    if records is None:
        return None
    try:
        table = _parse(data, names)
        if table.num_rows + 1 != records or _blank_lines(table, data):
            return None
        columns = [_typed(table.column(i), f, missing_values(schema, f)) for i, f in
                   enumerate(fields)]  # fmt: skip
        codes = {n: _codes(c, f) for n, c, f in zip(names, columns, fields, strict=True)
                 if loaded and _enum(f)}  # fmt: skip
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, _NotPlain):
        return None
    typed = pa.table(columns, names=names)
    frame: pd.DataFrame = typed.to_pandas(types_mapper=_dtypes().get, self_destruct=True)
    for name, code in codes.items():
        frame[name] = pd.Categorical.from_codes(code, dtype=field_dtype(fields[names.index(name)]))
    return frame


class _NotPlain(Exception):
    """A column that only the careful reader can type (or say what is wrong with)."""


def _plain(data: bytes, names: list[str], dialect: Any) -> bool:
    """Whether nothing in the bytes needs the careful reader before Arrow parses them: the
    header is the schema's names, each written as itself (no quote, comma, line end or byte
    order mark; fewer than MAX_COLUMNS), every line ends in LF (Arrow drops the LF of a CRLF
    inside a quoted cell where a block ends between the two), and there is no NUL."""
    header = ",".join(names).encode()
    return (
        0 < len(names) < MAX_COLUMNS
        and all(_NAME.fullmatch(name) for name in names)
        and data[: len(header)] == header
        and data[len(header) : len(header) + 1] in (b"\n", b"")
        and b"\r" not in data
        and b"\x00" not in data
        and data.count(b'"') % 2 == 0
        and not dialect_problems(dialect)
        and not line_end_problems(dialect, data)
    )


def _records(data: bytes, width: int) -> int | None:
    """The file's records as the careful reader counts them (line ends outside quotes), which
    Arrow's must equal; None unless each has ``width - 1`` commas outside quotes (a quote in the
    middle of a cell is a character, and one that opens a cell and is never closed would have
    Arrow swallow the rest of the file into it) and none is wider than MAX_COLUMNS."""
    try:
        records, even = record_widths(data, width)
    except RowTooWide:
        return None
    return records if even else None


def _blank_lines(table: Any, data: bytes) -> bool:
    """Whether the file may have a blank line, which Arrow reads as a row of empty cells: only
    looked for in the bytes where such a row was read."""
    import pyarrow.compute as pc

    if not table.num_columns or not pc.any(pc.equal(table.column(0), "")).as_py():
        return False
    return b"\n\n" in data  # the file holds no CR (_plain)


def _enum(field: Mapping[str, Any]) -> bool:
    return "enum" in field.get("constraints", {})


def _codes(cells: Any, field: Mapping[str, Any]) -> Any:
    """The codes of a text field's values among its enum's (-1 for missing); _NotPlain for a
    value outside them or a field that is not text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not is_text(field):
        raise _NotPlain("an enum of a field that is not text")
    values = pa.array([str(v) for v in field["constraints"]["enum"]], pa.string())
    codes = pc.index_in(cells, value_set=values)
    _require(pc.or_kleene(pc.is_null(cells), pc.is_valid(codes)))
    return pc.fill_null(codes, -1).to_numpy()


def _parse(data: bytes, names: list[str]) -> Any:
    """Every record after the header as strings; a row of another width raises ArrowInvalid."""
    import pyarrow as pa
    from pyarrow import csv

    return csv.read_csv(
        io.BytesIO(data),
        read_options=csv.ReadOptions(column_names=names, skip_rows=1, block_size=_BLOCK),
        parse_options=csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
        convert_options=csv.ConvertOptions(
            column_types={name: pa.string() for name in names},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def _typed(cells: Any, field: Mapping[str, Any], missing: list[str]) -> Any:
    """One column of strings in its field's type, missing values null; _NotPlain for a cell
    that is not of the type in the forms read here."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if missing == [""]:  # the usual case, without hashing every cell
        empty = pc.equal(pc.binary_length(cells), 0)
        if pc.any(empty).as_py():  # else the column is kept, not copied (a text column's MBs)
            cells = pc.if_else(empty, None, cells)
    elif missing:
        cells = pc.if_else(pc.is_in(cells, value_set=pa.array(missing, pa.string())), None, cells)
    kind = field.get("type", "string")
    if kind in ("string", "any"):
        return cells
    if kind == "boolean":
        return _booleans(cells, field)
    _require(pc.match_substring_regex(cells, _INTEGER if kind == "integer" else _DATE))
    if kind == "integer":
        return pc.cast(cells, pa.int64())
    days = pc.cast(cells, pa.date32())  # ArrowInvalid for a day that does not exist
    first = pc.min(pc.year(days)).as_py()
    if first is not None and first < 1:
        raise _NotPlain("a year before 1")  # pandas reads none
    return pc.cast(days, pa.timestamp("us"))


def _booleans(cells: Any, field: Mapping[str, Any]) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    true, false = (
        pc.is_in(cells, value_set=pa.array(field.get(key, default), pa.string()))
        for key, default in (("trueValues", DEFAULT_TRUE), ("falseValues", DEFAULT_FALSE))
    )
    _require(pc.or_(pc.is_null(cells), pc.or_(true, false)))  # is_in of a null is false
    return pc.if_else(pc.is_null(cells), None, true)


def _require(matches: Any) -> None:
    """_NotPlain unless every given cell matches (a null cell is missing, not a mismatch)."""
    import pyarrow.compute as pc

    if pc.any(pc.invert(pc.fill_null(matches, True))).as_py():
        raise _NotPlain("a cell that is not of its type")


def _dtypes() -> dict[Any, Any]:
    """Arrow types → the pandas dtypes of the type table (a date stays datetime64[us])."""
    import pyarrow as pa

    return {
        pa.string(): pd.StringDtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
    }
