"""The spreadsheet export, read back by an independent reader (calamine, written in Rust)."""

from __future__ import annotations

import datetime as dt
import sys
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

import cnd_data
from cnd_data.cli import main
from cnd_data.dictionary import dictionary
from cnd_data.export import ExportError
from cnd_data.export.xlsx import ABOUT, MAX_TEXT, MAX_WIDTH, export_xlsx
from mutations import descriptor, reseal, schema, set_cell


def _sheets(path: Path) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def _expected(value: Any) -> Any:
    """A loaded value as a spreadsheet cell holds it: empty for missing, a date for a date."""
    if value is pd.NA or value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_xlsx(tmp_path_factory.mktemp("xlsx") / "cnd.xlsx")


def test_every_table_is_a_sheet_of_typed_cells_equal_to_what_load_returns(workbook: Path) -> None:
    pkg = cnd_data.load()
    sheets = _sheets(workbook)
    assert list(sheets) == [ABOUT, *pkg]
    for name in pkg:
        frame = pkg[name]
        header, *rows = sheets[name]
        assert header == list(frame.columns), name
        expected = [[_expected(v) for v in row] for row in frame.astype(object).to_numpy()]
        assert rows == expected, name  # 68 == 68.0, True is True, a date is a date
    dates = [row[4] for row in sheets["reports"][1:]]
    assert all(isinstance(d, dt.date) for d in dates)
    m49 = {row[0]: row[6] for row in sheets["actors"][1:]}
    assert m49["DZA"] == "012"  # text stays text: no leading zero lost


def test_the_first_sheet_says_what_the_file_is_and_holds_the_dictionary(workbook: Path) -> None:
    pkg = cnd_data.load()
    about = _sheets(workbook)[ABOUT]
    labels = {row[0]: row[1] for row in about if row and row[0]}
    assert about[0][0] == pkg.title
    assert labels["Version"] == pkg.version
    assert "CC-BY-4.0" in str(about)
    assert pkg.sources[0]["title"] in str(about)
    fields = {(row[0], row[1]) for row in about if len(row) > 4 and row[0] in pkg}
    assert fields >= {(n, f["name"]) for n in pkg for f in pkg.schema(n)["fields"]}


def test_headers_are_frozen_filtered_and_columns_sized(workbook: Path) -> None:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = load_workbook(workbook, read_only=False)
    speakers = book["speakers"]
    assert speakers.freeze_panes == "A2"
    table = cnd_data.load_table("speakers")
    last = get_column_letter(len(table.columns))
    assert speakers.auto_filter.ref == f"A1:{last}{len(table) + 1}"
    widths = [d.width for d in speakers.column_dimensions.values()]
    assert len(widths) == len(table.columns)
    assert all(0 < w <= MAX_WIDTH for w in widths)
    assert speakers["A1"].font.bold


def test_text_that_looks_like_a_formula_stays_text(package_copy: Path, tmp_path: Path) -> None:
    set_cell("speakers", 2, "name_in_report", '=HYPERLINK("http://x","y")')(package_copy)
    out = export_xlsx(tmp_path / "f.xlsx", package_copy)
    assert _sheets(out)["speakers"][1][6] == '=HYPERLINK("http://x","y")'
    with zipfile.ZipFile(out) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets"))
    assert b"<f>" not in xml
    assert b"<f " not in xml


def test_a_field_without_type_and_a_resource_without_description_are_written(
    package_copy: Path, tmp_path: Path
) -> None:
    """Both are valid Table Schema (a field is then a string); the dictionary sheet and
    DATA.md read them so instead of stopping with a KeyError."""
    schema("names", lambda s: s["fields"][2].pop("type"))(package_copy)
    descriptor(lambda d: d["resources"][0].pop("description"))(package_copy)
    reseal(package_copy)
    about = _sheets(export_xlsx(tmp_path / "f.xlsx", package_copy))[ABOUT]
    assert ["names", "kind", "string"] in [row[:3] for row in about]
    assert "| `kind` | string |" in dictionary(package_copy)


@pytest.mark.parametrize(
    ("table", "field", "value", "message"),
    [
        ("paragraphs", "text", "a\x07b", "row 2, field text: a control character"),
        ("paragraphs", "text", "x" * (MAX_TEXT + 1), "row 2, field text: more than 32767"),
        ("paragraphs", "number", "1234567890123456", "row 2, field number: more than 15 digits"),
        ("meetings", "number", "INF", "row 2, field number: an infinite number"),
        ("paragraphs", "text", "a\uffffb", "row 2, field text: a control character or non"),
        ("meetings", "date", "1899-12-31", "row 2, field date: a date before 1900-03-01"),
        ("meetings", "date", "1900-02-28", "row 2, field date: a date before 1900-03-01"),
    ],
)
def test_what_a_spreadsheet_cannot_hold_exactly_is_refused_with_its_place(
    package_copy: Path, tmp_path: Path, table: str, field: str, value: str, message: str
) -> None:
    if value == "INF":  # a number field, as a release may declare one
        schema("meetings", lambda d: d["fields"][1].update(type="number"))(package_copy)
    set_cell(table, 2, field, value)(package_copy)
    out = tmp_path / "bad.xlsx"
    with pytest.raises(ExportError, match=f"table {table}, {message}"):
        export_xlsx(out, package_copy)
    assert list(tmp_path.iterdir()) == [package_copy]  # nothing written, no temporary left


def test_the_command_validates_first_and_keeps_an_existing_file(
    package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cnd.xlsx"
    set_cell("speakers", 2, "name_in_report", "=1+1")(package_copy)
    assert main(["export", "xlsx", str(out), "--package", str(package_copy)]) == 1
    assert not out.exists()
    out.write_bytes(b"keep me")
    assert main(["export", "xlsx", str(out)]) == 1
    assert "exists; use --force" in capsys.readouterr().err
    assert out.read_bytes() == b"keep me"
    assert main(["export", "xlsx", str(out), "--force"]) == 0
    assert zipfile.is_zipfile(out)


def test_without_openpyxl_the_command_says_which_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    assert main(["export", "xlsx", str(tmp_path / "cnd.xlsx"), "--no-validate"]) == 1
    assert "pip install 'cnd-data[xlsx]'" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["a\x01b", "a\uffffb"])
def test_the_first_sheet_refuses_what_a_cell_cannot_carry(
    package_copy: Path, tmp_path: Path, text: str
) -> None:
    """The descriptor's and the schemas' words are written too (U+FFFF made a workbook that
    was not well-formed, exit 0)."""
    descriptor(lambda d: d.update(description=text))(package_copy)
    with pytest.raises(ExportError, match="'About the data' sheet, row 3"):
        export_xlsx(tmp_path / "f.xlsx", package_copy)
    assert not (tmp_path / "f.xlsx").exists()
