"""Export a package to one Excel workbook (openpyxl, in the ``xlsx`` extra).

The first sheet says what the file is (title, version, licences, sources) and holds the data
dictionary; then one sheet per table, with typed cells (numbers, booleans, dates; text stays
text, even when it starts with ``=``), a frozen header with filters, and column widths from the
data. What a spreadsheet cannot hold exactly is refused with its table, row and field, never
rounded or cut.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from cnd_data.atomic import write_all
from cnd_data.dictionary import constraints_text
from cnd_data.export import ExportError, plain
from cnd_data.export.atomic import check_targets
from cnd_data.loader import Package, load
from cnd_data.schema import primary_key

ABOUT = "About the data"  # a sheet name no resource can take: resource names have no spaces
MAX_ROWS = 1_048_576  # per sheet, the header included
MAX_TEXT = 32_767  # characters in one cell
MAX_DIGITS = 15  # significant digits a spreadsheet keeps in a number
MAX_WIDTH = 60
SHEET_NAME = re.compile(r"[^\[\]:*?/\\]{1,31}")
# characters XML 1.0 cannot carry: controls and the noncharacters U+FFFE and U+FFFF (a
# surrogate cannot come from a UTF-8 file)
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Spreadsheet dates count days from 1900 and count 29 February 1900, which never was: a date
# before 1 March 1900 would be written as a serial read back as another day, or none.
FIRST_DAY = pd.Timestamp("1900-03-01")


def _check_sheet_names(names: list[str]) -> None:
    seen: set[str] = {ABOUT.casefold()}
    for name in names:
        if not SHEET_NAME.fullmatch(name):
            raise ExportError(
                f"table {name!r}: a sheet name has 1 to 31 characters and none of []:*?/\\"
            )
        if name.casefold() in seen:
            raise ExportError(f"table {name!r}: another sheet has this name (case is ignored)")
        seen.add(name.casefold())


def _check_table(name: str, frame: pd.DataFrame) -> None:
    if len(frame) + 1 > MAX_ROWS:
        raise ExportError(f"table {name}: {len(frame)} rows; a sheet holds {MAX_ROWS - 1}")
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_integer_dtype(values):
            too_big = values.abs() >= 10**MAX_DIGITS
            what = f"more than {MAX_DIGITS} digits, which a spreadsheet rounds"
        elif pd.api.types.is_float_dtype(values):
            too_big = values.abs() == float("inf")
            what = "an infinite number, which a spreadsheet cannot hold"
        elif pd.api.types.is_datetime64_any_dtype(values):
            too_big = values < FIRST_DAY
            what = "a date before 1900-03-01, which a spreadsheet reads as another day"
        elif pd.api.types.is_string_dtype(values) or isinstance(values.dtype, pd.CategoricalDtype):
            text = values.astype("string")
            too_big = text.str.len() > MAX_TEXT
            what = f"more than {MAX_TEXT} characters, which a cell cannot hold"
            if not too_big.fillna(False).any():
                too_big = text.str.contains(ILLEGAL)
                what = "a control character or noncharacter, which the file format cannot carry"
        else:
            continue
        hits = too_big.fillna(False).to_numpy().nonzero()[0]
        if len(hits):
            row = int(hits[0]) + 2  # the CSV's line: the header is line 1
            raise ExportError(f"table {name}, row {row}, field {column}: {what}")


def _check_about(rows: list[list[Any]]) -> None:
    """The first sheet's texts (the descriptor's and the schemas' words) are written whole."""
    for number, row in enumerate(rows, start=1):
        for value in row:
            if isinstance(value, str) and (ILLEGAL.search(value) or len(value) > MAX_TEXT):
                raise ExportError(
                    f"{ABOUT!r} sheet, row {number}: {value[:60]!r} holds a control character"
                    f" or noncharacter, or more than {MAX_TEXT} characters, which a cell cannot"
                    " hold"
                )


def _width(header: str, values: pd.Series) -> float:
    lengths = values.dropna().astype(str).str.len()
    longest = max(len(header), int(lengths.max()) if len(lengths) else 0)
    return float(min(longest + 2, MAX_WIDTH))


def _cell_value(value: Any) -> Any:
    """A cell as the workbook stores it: a date for a Timestamp, else its plain value."""
    return value.date() if isinstance(value, pd.Timestamp) else plain(value)


def _cells(sheet: Any, values: list[Any]) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text, never a formula
        elif isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        cells.append(cell)
    return cells


def _rows(frame: pd.DataFrame) -> Iterator[list[Any]]:
    columns = [frame[c].astype(object).tolist() for c in frame.columns]
    for row in zip(*columns, strict=True):
        yield [_cell_value(v) for v in row]


def _header(sheet: Any, names: list[str]) -> list[Any]:
    from openpyxl.styles import Font

    cells = _cells(sheet, list(names))
    for cell in cells:
        cell.font = Font(bold=True)
    return cells


def _table_sheet(book: Any, name: str, frame: pd.DataFrame) -> None:
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name)
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(frame.columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(frame) + 1}"
    for index, column in enumerate(frame.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _width(column, frame[column])
    sheet.append(_header(sheet, list(frame.columns)))
    for row in _rows(frame):
        sheet.append(_cells(sheet, row))


def _about_rows(pkg: Package) -> Iterator[list[Any]]:
    yield [pkg.title]
    yield ["Version", pkg.version]
    yield ["Description", pkg.descriptor.get("description", "")]
    for licence in pkg.licenses:
        name, title = licence.get("name", ""), licence.get("title", "")
        label = f"{title} ({name})" if name and title else name or title
        yield ["Licence", label, licence.get("path", "")]
    for source in pkg.sources:
        yield ["Source", source.get("title", ""), source.get("path", "")]
    yield ["Written by", "cnd-data export xlsx, from datapackage.json and its Table Schemas"]
    yield ["Missing values", "empty cells"]
    yield []
    yield ["table", "rows", "primary key", "description"]
    for resource in pkg.descriptor["resources"]:
        name = resource["name"]
        key = ", ".join(primary_key(pkg.schema(name)))
        yield [name, len(pkg[name]), key, resource.get("description", "")]
    yield []
    yield ["table", "field", "type", "constraints", "description"]
    for name in pkg:
        schema: Mapping[str, Any] = pkg.schema(name)
        keys = set(primary_key(schema))
        for field in schema["fields"]:
            constraints = constraints_text(field, keys, quote="")
            kind = field.get("type", "string")  # Table Schema's default
            yield [name, field["name"], kind, constraints, field.get("description", "")]


def _about_sheet(book: Any, rows: list[list[Any]]) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet(ABOUT)
    for letter, width in zip("ABCDE", (16, 24, 16, 40, MAX_WIDTH), strict=True):
        sheet.column_dimensions[letter].width = width
    for number, row in enumerate(rows):
        cells = _cells(sheet, [_cell_value(v) for v in row])
        if number == 0 or (cells and cells[0].value == "table"):
            for cell in cells:
                cell.font = Font(bold=True, size=14 if number == 0 else 11)
        sheet.append(cells)


def _write_book(pkg: Package, about: list[list[Any]], path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    book.properties.title = pkg.title
    _about_sheet(book, about)
    for name in pkg:
        _table_sheet(book, name, pkg[name])
    book.save(path)


def export_xlsx(
    out: str | Path, source: str | Path | Package | None = None, force: bool = False
) -> Path:
    """Write the package to a new .xlsx file; nothing is left behind if it cannot."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise ExportError(
            "the spreadsheet export needs openpyxl: pip install 'cnd-data[xlsx]'"
        ) from None
    target = Path(out)
    check_targets([target], force)
    pkg = source if isinstance(source, Package) else load(source)
    _check_sheet_names(list(pkg))
    for name in pkg:
        _check_table(name, pkg[name])
    about = list(_about_rows(pkg))  # checked before the workbook is begun
    _check_about(about)
    write_all({target: lambda path: _write_book(pkg, about, path)})
    return target
