"""One reader: what ``validate`` accepts, ``load`` returns with the same values; what it
rejects in reading a table (bytes, CSV, header, a cell's type or allowed values), ``load``
refuses with a PackageError that names the table — over the package and the defect corpus."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cnd_data
from cnd_data.reader import _header, parse_records
from cnd_data.schema import coerce
from cnd_data.validate import validate
from cnd_data.validate.findings import Report
from cnd_data.validate.read import read_descriptor, read_tables
from mutations import copy_package, reseal, set_cell
from test_validate_defects import DEFECTS

# The findings of reading a table's cells; the loader refuses a table that has one. The other
# rules (constraints such as patterns, keys, the report's rules, swallowed rows, which are
# legal CSV, a schema whose keys or constraints are malformed but whose fields still type the
# columns) judge values the loader can still represent, so it loads them.
READING = {
    "encoding", "csv-syntax", "row-length", "missing-column", "extra-column", "header-order",
    "type", "empty-file", "file-missing", "enum", "schema-json", "schema-missing", "unsafe-path",
    "nul-byte", "header-width", "dialect",
}  # fmt: skip


def refused(folder: Path) -> dict[str, bool]:
    """For each table, whether the validator found a problem in reading it."""
    report = validate(folder, reference=False)
    return {
        name: any(f.resource == name and f.rule in READING for f in report.findings)
        for name in set(report.tables) | {f.resource for f in report.findings if f.resource}
    }


def validator_frames(folder: Path) -> dict[str, pd.DataFrame]:
    descriptor, base = read_descriptor(folder)
    tables = read_tables(descriptor, base, Report(str(folder)), allow_remote=False)
    return {name: t.typed for name, t in tables.items() if t.typed is not None}


def agree(folder: Path) -> None:
    pkg = cnd_data.load(folder)
    verdicts = refused(folder)
    frames = validator_frames(folder)
    for name in pkg:
        if verdicts.get(name, False) or name not in frames:
            with pytest.raises(cnd_data.PackageError, match=f"table {name}"):
                pkg[name]
            continue
        loaded = pkg[name]
        judged = frames[name]
        for column in loaded:
            values = loaded[column]
            if isinstance(values.dtype, pd.CategoricalDtype):
                values = values.astype("string")
            pd.testing.assert_series_equal(values, judged[column], check_names=False)


def test_the_loader_returns_what_the_validator_judged(tmp_path: Path) -> None:
    agree(copy_package(tmp_path / "package"))


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.name)
def test_loader_and_validator_agree_on_each_defect(tmp_path: Path, defect: object) -> None:
    folder = copy_package(tmp_path / "package")
    defect.mutate(folder)  # type: ignore[attr-defined]
    if defect.sealed:  # type: ignore[attr-defined]
        reseal(folder)
    try:
        cnd_data.load(folder)
    except cnd_data.PackageError:
        return  # the descriptor itself cannot be followed: both refuse the whole package
    agree(folder)


@pytest.mark.parametrize(
    ("table", "row", "field", "cell"),
    [
        ("meetings", 2, "number", "1e3"),
        ("meetings", 2, "number", " 7"),
        ("meetings", 2, "number", "7.0"),
        ("meetings", 2, "number", "1" * 40),
        ("actors", 3, "un_member", "yes"),
        ("meetings", 2, "date", "2025-02-30"),
        ("meetings", 2, "date", "2025-3-12"),
        ("speakers", 2, "capacity", "delegate"),
    ],
)
def test_cells_the_validator_rejects_are_refused_by_the_loader(
    tmp_path: Path, table: str, row: int, field: str, cell: str
) -> None:
    folder = copy_package(tmp_path / "package")
    set_cell(table, row, field, cell)(folder)
    reseal(folder)
    assert not validate(folder, reference=False).valid
    with pytest.raises(cnd_data.PackageError, match=f"table {table}: row {row}, field {field}"):
        cnd_data.load(folder)[table]


def test_a_short_row_is_refused_not_padded(tmp_path: Path) -> None:
    folder = copy_package(tmp_path / "package")
    path = folder / "data" / "meetings.csv"
    path.write_text(path.read_text(encoding="utf-8") + "cnd68-item6,8\n", encoding="utf-8")
    with pytest.raises(cnd_data.PackageError, match="row 5: the row has 2 cells, the header 3"):
        cnd_data.load(folder)["meetings"]


@pytest.mark.parametrize("extra", ["", "x"])
def test_a_long_first_row_does_not_make_up_for_a_short_one(tmp_path: Path, extra: str) -> None:
    """pandas takes a first row with one cell too many for a row label (or drops an empty
    last cell), and the commas of the whole file then add up; each row is counted."""
    folder = copy_package(tmp_path / "package")
    path = folder / "data" / "meetings.csv"
    header, first, *rest = path.read_text(encoding="utf-8").splitlines()
    short = ",".join(rest[0].split(",")[:-1])
    path.write_text("\n".join([header, f"{first},{extra}", short, *rest[1:]]) + "\n", "utf-8")
    reseal(folder)
    found = {(f.rule, f.row) for f in validate(folder).findings}
    assert {("row-length", 2), ("row-length", 3)} <= found
    with pytest.raises(cnd_data.PackageError, match="row 2: the row has 4 cells, the header 3"):
        cnd_data.load(folder)["meetings"]


def test_a_descriptor_with_a_byte_order_mark_loads_as_it_validates(tmp_path: Path) -> None:
    folder = copy_package(tmp_path / "package")
    descriptor = folder / "datapackage.json"
    descriptor.write_bytes(b"\xef\xbb\xbf" + descriptor.read_bytes())
    assert validate(folder, reference=False).valid
    assert len(cnd_data.load(folder)["meetings"]) == 3


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        ("integer", ["0", "-12", "+7", "007"], ["1e3", " 7", "7.0", "", "٣", "1_000"]),
        ("number", ["1.5", "-2", "1e3", ".5", "INF"], ["1,5", " 1", "one", "1e400"]),
        ("boolean", ["true", "false", "1", "0"], ["yes", "TRUE ", "t"]),
        ("date", ["2025-03-12", "2024-02-29"], ["2025-02-30", "12/03/2025", "2025-3-12"]),
    ],
)
def test_the_type_table_parses_strictly(kind: str, good: list[str], bad: list[str]) -> None:
    values = coerce(pd.Series(good + bad, dtype="string"), {"name": "x", "type": kind}, [""])
    assert values[: len(good)].notna().all()
    assert values[len(good) :].isna().all()


def test_importing_the_validator_does_not_import_pandera() -> None:
    """pandera is imported only when there are tables to check with it."""
    import subprocess
    import sys

    code = "import sys, cnd_data.validate; print('pandera' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


def test_a_header_of_1000_columns_is_read_and_one_more_is_refused() -> None:
    from cnd_data.reader import MAX_COLUMNS, HeaderTooWide

    def table(width: int) -> bytes:
        return (",".join(f"c{i}" for i in range(width)) + "\n" + "," * (width - 1) + "\n").encode()

    assert len(parse_records(table(MAX_COLUMNS), {}).header) == MAX_COLUMNS
    with pytest.raises(HeaderTooWide, match=f"more than {MAX_COLUMNS} columns"):
        parse_records(table(MAX_COLUMNS + 1), {})


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from('ab ,"\r\n\té_'), max_size=6), min_size=1, max_size=6)
)
def test_the_plain_header_shortcut_reads_what_the_csv_parser_reads(names: list[str]) -> None:
    """A header line without quotes or CR is split at its commas; any other goes to pandas."""
    line = ",".join(names).split("\n", 1)[0].encode()
    data = line + b"\n1\n"
    if not line.strip():
        return  # a blank header: the file has no records
    shortcut = _header(data, data.find(b"\n"), "strict")
    if b'"' in line or b"\r" in line:
        assert shortcut is None
        return
    parsed = pd.read_csv(
        io.BytesIO(data), nrows=1, header=None, dtype=object, na_filter=False,
        skip_blank_lines=False,
    ).iloc[0].tolist()  # fmt: skip
    assert shortcut == [str(v) for v in parsed]


CELL = st.text(alphabet=st.sampled_from('ab ,"\r\n'), max_size=5)


def _csv(rows: list[list[str]], end: str = "\n") -> bytes:
    def quoted(cell: str) -> str:
        return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell

    return "".join(",".join(map(quoted, row)) + end for row in rows).encode()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=12),
    st.integers(min_value=1, max_value=40),
)
def test_a_large_file_read_in_chunks_gives_the_records_of_one_read(
    rows: list[list[str]], chunk: int
) -> None:
    """Rows of every width, quoted line breaks and missing cells: a file parsed a chunk of
    rows at a time gives the same header, cells and wrong rows as one parse."""
    from cnd_data import reader

    data = b"h1,h2,h3\n" + _csv(rows)
    whole = reader.parse_records(data, {"h2": [""]})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reader, "CHUNKED", chunk)
        chunked = reader.parse_records(data, {"h2": [""]})
    assert chunked.header == whole.header
    assert chunked.bad_rows == whole.bad_rows
    pd.testing.assert_frame_equal(chunked.raw, whole.raw)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(CELL, min_size=1, max_size=5), min_size=1, max_size=10),
    st.integers(min_value=1, max_value=9),
    st.booleans(),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_records_are_counted_alike_whatever_slices_the_file_is_searched_in(
    rows: list[list[str]], size: int, last_line_end: bool, end: str
) -> None:
    """The count of records and of each one's cells carries across slices cut anywhere, with
    LF, CRLF or CR line ends: it equals what the csv module reads."""
    import csv

    from cnd_data import reader

    data = _csv(rows, end)
    if not last_line_end:
        data = data[: -len(end)]
    parsed = list(csv.reader(io.StringIO(data.decode(), newline="")))
    expected = (len(parsed), all(len(r) == 3 for r in parsed))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reader, "_SLICE", size)
        assert reader.record_widths(data, 3) == expected


def test_a_file_with_lone_cr_line_ends_is_read_row_by_row() -> None:
    """Lines ended by a CR alone are records (pandas and the csv module read them so), not one
    long row or header."""
    from cnd_data import reader

    data = b"h1,h2,h3\r" + b"".join(b"a%d,b,c\r" % i for i in range(1000))
    records = reader.parse_records(data, {})
    assert records.header == ["h1", "h2", "h3"]
    assert records.raw.shape == (1000, 3)
    assert records.bad_rows == []


@pytest.mark.parametrize("size", [1, 5, 1 << 20])
def test_a_row_of_too_many_cells_is_refused_before_it_is_parsed(size: int) -> None:
    from cnd_data import reader

    data = b"a,b\n1,2\n" + b"," * 5000 + b"\n3,4\n"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reader, "_SLICE", size)
        with pytest.raises(reader.RowTooWide, match="row 3 has more than 1000 cells"):
            reader.parse_records(data, {})


def test_a_valid_package_is_read_once_for_the_command_that_goes_on(tmp_path: Path) -> None:
    """validate(keep=True) keeps the tables it read as load() gives them: a command that
    validates and then exports reads each file once (here the files are gone after
    validation, and every table is still there, equal to what load() read)."""
    folder = copy_package(tmp_path / "package")
    loaded = cnd_data.load(folder)
    expected = {name: loaded[name] for name in loaded}
    report = validate(folder, keep=True)
    assert report.valid, report.findings[:3]
    for path in (folder / "data").iterdir():
        path.unlink()
    assert report.package is not None
    assert list(report.package) == list(expected)
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(report.package[name], frame)
        assert report.package.schema(name) == loaded.schema(name)


def test_an_invalid_package_keeps_no_tables(tmp_path: Path) -> None:
    folder = copy_package(tmp_path / "package")
    set_cell("meetings", 2, "number", "x")(folder)
    reseal(folder)
    report = validate(folder, keep=True)
    assert not report.valid
    assert report.package is None


@pytest.mark.parametrize("end", ["\r", "\r\n", "\n"])
def test_a_row_keeps_its_empty_first_cell_whatever_the_line_ends(end: str) -> None:
    """pandas' parser drops the empty first cell of the first row after the header where lines
    end in a lone CR; the reader must not."""

    data = end.join(["a,b", ",1", ",2"]).encode()
    records = parse_records(data, {"a": [""], "b": [""]})
    assert records.raw.fillna("").values.tolist() == [["", "1"], ["", "2"]]
