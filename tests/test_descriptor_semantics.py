"""Every descriptor property is implemented as Frictionless implements it, or refused with a
finding (and a load error) that names it; none is ignored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cnd_data
from cnd_data.validate import validate
from mutations import descriptor, reseal, schema, set_cell


def _field(
    table: str, name: str, change: Callable[[dict[str, Any]], Any]
) -> Callable[[Path], None]:
    return schema(table, lambda s: change(next(f for f in s["fields"] if f["name"] == name)))


def _dialect(**values: Any) -> Callable[[Path], None]:
    return descriptor(lambda d: d["resources"][1].setdefault("dialect", {}).update(values))


REFUSED = {
    "format": _field("meetings", "date", lambda f: f.update(format="%Y-%d-%m")),
    "a string format": _field("actors", "name", lambda f: f.update(format="email")),
    "bareNumber": _field("meetings", "number", lambda f: f.update(bareNumber=False)),
    "groupChar": _field("meetings", "number", lambda f: f.update(groupChar=",")),
    "decimalChar": _field("meetings", "number", lambda f: f.update(decimalChar=",")),
    "categories": _field("actors", "region", lambda f: f.update(categories=["Asia"])),
    "fieldsMatch": schema("meetings", lambda s: s.update(fieldsMatch="subset")),
    "uniqueKeys": schema("meetings", lambda s: s.update(uniqueKeys=[["date"]])),
    "encoding": descriptor(lambda d: d["resources"][1].update(encoding="iso-8859-1")),
    "mediatype": descriptor(lambda d: d["resources"][1].update(mediatype="text/tsv")),
    "commentChar": _dialect(commentChar="#"),
    "escapeChar": _dialect(escapeChar="\\"),
    "nullSequence": _dialect(nullSequence="NA"),
    "skipInitialSpace": _dialect(skipInitialSpace=True),
    "headerRows": _dialect(headerRows=[2]),
    "a fractional headerRows": _dialect(headerRows=[1.0]),
    "a number for doubleQuote": _dialect(doubleQuote=1),
    "lineTerminator": _dialect(lineTerminator="\r"),
    "a list for lineTerminator": _dialect(lineTerminator=["\n"]),
    "commentRows": _dialect(commentRows=[3]),
}


@pytest.mark.parametrize("name", REFUSED)
def test_a_property_the_reader_does_not_implement_is_refused(name: str, package_copy: Path) -> None:
    REFUSED[name](package_copy)
    key = {"a string format": "format", "a number for doubleQuote": "doubleQuote",
           "a list for lineTerminator": "lineTerminator"}.get(name, name.split()[-1])  # fmt: skip
    report = validate(package_copy, rebuild=False)
    assert any(key in f.message for f in report.findings), report.findings
    assert not report.valid
    package = cnd_data.load(package_copy)
    with pytest.raises(cnd_data.PackageError, match=key):
        [package[table] for table in package]


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_a_line_end_the_reader_reads_is_valid_when_the_file_has_it(
    package_copy: Path, line_end: str
) -> None:
    """The dialect's line end holds a character not shown as itself, as a line end does."""
    path = package_copy / "data" / "meetings.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", line_end.encode()))
    _dialect(lineTerminator=line_end)(package_copy)
    reseal(package_copy)
    report = validate(package_copy, rebuild=False)
    assert report.valid, report.findings
    assert len(cnd_data.load(package_copy)["meetings"]) > 0


@pytest.mark.parametrize(
    ("line_end", "says"),
    [(b"\r\n", "line 1 ends in CRLF"), (b"\r", "line 1 holds a CR without an LF")],
)
def test_line_ends_other_than_the_dialects_are_refused(
    package_copy: Path, line_end: bytes, says: str
) -> None:
    path = package_copy / "data" / "meetings.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", line_end))
    _dialect(lineTerminator="\n")(package_copy)
    reseal(package_copy)
    report = validate(package_copy, rebuild=False)
    assert [(f.rule, f.resource) for f in report.findings] == [("dialect", "meetings")]
    assert says in report.findings[0].message
    with pytest.raises(cnd_data.PackageError, match=says):
        cnd_data.load(package_copy)["meetings"]


frictionless = pytest.importorskip("frictionless")

IMPLEMENTED = {
    "missingValues of the schema": (
        schema("actors", lambda s: s.update(missingValues=["", "Europe"])), "actors", "region"
    ),
    "missingValues of a field": (
        _field("actors", "region", lambda f: f.update(missingValues=["", "Asia"])),
        "actors",
        "region",
    ),
    "trueValues and falseValues swapped": (
        _field("actors", "un_member", lambda f: f.update(trueValues=["false"], falseValues=["true"])),  # noqa: E501
        "actors",
        "un_member",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", IMPLEMENTED)
def test_a_property_the_reader_implements_reads_as_frictionless_reads_it(
    name: str, package_copy: Path
) -> None:
    change, table, field = IMPLEMENTED[name]
    before = _values(cnd_data.load(package_copy)[table][field])
    change(package_copy)
    ours = _values(cnd_data.load(package_copy)[table][field])
    package = frictionless.Package(str(package_copy / "datapackage.json"))
    theirs = [row[field] for row in package.get_resource(table).read_rows()]
    assert ours == theirs
    assert ours != before  # the property changed what is read


def _values(column: Any) -> list[Any]:
    missing = column.isna()
    return [None if gone else value for value, gone in zip(column, missing, strict=True)]


def test_an_enum_of_integers_allows_the_cell_written_with_a_leading_zero(
    package_copy: Path,
) -> None:
    """Enum values are typed as their field: [5, 6, 7] allows "05" (Frictionless agrees)."""
    _field("meetings", "number", lambda f: f["constraints"].update(enum=[5, 6, 7]))(package_copy)
    set_cell("meetings", 2, "number", "05")(package_copy)
    reseal(package_copy)
    assert validate(package_copy, rebuild=False).valid
    assert cnd_data.load(package_copy)["meetings"]["number"].iloc[0] == 5


def test_an_enum_of_booleans_refuses_the_same_row_in_validate_and_load(
    package_copy: Path,
) -> None:
    _field("actors", "un_member", lambda f: f.setdefault("constraints", {}).update(enum=[True]))(
        package_copy
    )
    report = validate(package_copy, rebuild=False)
    rows = sorted(f.row for f in report.findings if f.rule == "enum" and f.row is not None)
    assert rows
    with pytest.raises(cnd_data.PackageError, match=f"row {rows[0]}, field un_member: 'false'"):
        cnd_data.load(package_copy)["actors"]


def test_an_enum_s_values_are_typed_one_for_one() -> None:
    from cnd_data.schema import typed_values

    boolean = {"name": "b", "type": "boolean", "trueValues": ["yes"], "falseValues": ["no"]}
    assert typed_values(boolean, [True, False]) == [True, False]
    assert typed_values({"name": "n", "type": "integer"}, [68, "007"]) == [68, 7]
    with pytest.raises(ValueError, match="'x' is not a integer"):
        typed_values({"name": "n", "type": "integer"}, ["x"])
