"""load() and load_table(): typed DataFrames as the Table Schemas say, from pandas alone."""

from __future__ import annotations

import csv
import importlib.metadata
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import cnd_data
from cnd_data.schema import SchemaError, field_dtype
from cnd_data.validate import Unreadable, validate
from conftest import ROOT
from mutations import schema, shipped_chapter


@pytest.fixture(scope="module")
def pkg() -> cnd_data.Package:
    return cnd_data.load(shipped_chapter())


def _expected_kind(field: dict[str, object]) -> str:
    constraints = field.get("constraints", {})
    assert isinstance(constraints, dict)
    if "enum" in constraints:
        return "category"
    return {"string": "string", "integer": "Int64", "boolean": "boolean", "date": "datetime"}[
        str(field["type"])
    ]


def test_every_column_has_the_dtype_its_schema_implies(pkg: cnd_data.Package) -> None:
    for name in pkg:
        frame = pkg[name]
        fields = pkg.schema(name)["fields"]
        assert list(frame.columns) == [f["name"] for f in fields]
        for field in fields:
            dtype = frame[field["name"]].dtype
            kind = _expected_kind(field)
            if kind == "category":
                assert isinstance(dtype, pd.CategoricalDtype), (name, field["name"])
                assert list(dtype.categories) == field["constraints"]["enum"]
            elif kind == "datetime":
                assert pd.api.types.is_datetime64_dtype(dtype), (name, field["name"])
            else:
                assert str(dtype) == kind, (name, field["name"], dtype)
            assert not pd.api.types.is_object_dtype(dtype), (name, field["name"])


def test_missing_values_are_na_and_na_codes_are_not(pkg: cnd_data.Package) -> None:
    actors = pkg.actors.set_index("actor_id")
    assert actors.loc["NAM", "iso2"] == "NA"
    assert actors.loc["unodc", "un_member"] is pd.NA
    assert pkg.speakers["group_id"].isna().sum() == len(pkg.speakers) - 3
    assert pkg.reports.loc[0, "session_start"] == pd.Timestamp("2025-03-10")


def test_written_cells_are_the_csv_as_written(pkg: cnd_data.Package) -> None:
    for name in pkg:
        with pkg.path(name).open(encoding="utf-8", newline="") as file:
            header, *rows = list(csv.reader(file))
        written = pkg.written(name)
        assert list(written.columns) == header
        assert written.to_numpy().tolist() == rows, name


def test_asking_whether_a_table_is_there_does_not_read_it() -> None:
    fresh = cnd_data.load(shipped_chapter())
    assert "speakers" in fresh
    assert "nothing" not in fresh
    assert not fresh._tables


def test_tables_by_attribute_name_and_iteration(pkg: cnd_data.Package) -> None:
    assert pkg.speakers is pkg["speakers"]
    assert list(pkg) == [r["name"] for r in pkg.descriptor["resources"]]
    assert len(pkg) == len(pkg.descriptor["resources"])
    assert "group_members" in dir(pkg)
    assert pkg.licenses[0]["name"] == "CC-BY-4.0"
    assert "speakers" in repr(pkg)


def test_an_unknown_table_lists_the_valid_ones() -> None:
    with pytest.raises(KeyError, match="no table 'speaker'; the tables are: reports, meetings"):
        cnd_data.load_table("speaker")
    with pytest.raises(AttributeError):
        _ = cnd_data.load().speaker


def test_version_is_the_data_package_version() -> None:
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert cnd_data.__version__ == descriptor["version"] == cnd_data.load().version
    assert importlib.metadata.version("cnd-data") == descriptor["version"]


def test_load_another_release_by_folder_or_descriptor(package_copy: Path) -> None:
    speakers = package_copy / "data" / "speakers.csv"
    speakers.write_text(speakers.read_text(encoding="utf-8").replace(",Kenya,", ",Kenia,"))
    for source in (package_copy, package_copy / "datapackage.json", str(package_copy)):
        table = cnd_data.load_table("speakers", source)
        assert "Kenia" in set(table["name_in_report"])


def test_a_path_outside_the_package_is_refused(package_copy: Path) -> None:
    path = package_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"] = "../../etc/passwd"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(cnd_data.PackageError, match="would leave the package folder"):
        cnd_data.load_table("reports", package_copy)


def test_an_unreadable_descriptor_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "datapackage.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(cnd_data.PackageError, match="cannot read"):
        cnd_data.load(tmp_path)


def test_an_unsupported_field_type_is_a_clear_error() -> None:
    with pytest.raises(SchemaError, match="type 'geojson' is not supported"):
        field_dtype({"name": "shape", "type": "geojson"})


def test_loading_imports_neither_frictionless_nor_pandera() -> None:
    code = (
        "import sys, cnd_data; p = cnd_data.load(); [p[n] for n in p];"
        " print(sorted(m for m in ('frictionless', 'pandera', 'pycountry') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (result.returncode, result.stdout.strip()) == (0, "[]"), result.stderr


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("title", ["a", "list"], "title is not a string"),
        ("version", 1.2, "version is not a string"),
        ("licenses", "CC-BY-4.0", "licenses is not a list of objects"),
        ("sources", ["a string"], "sources is not a list of objects"),
    ],
)
def test_metadata_of_the_wrong_shape_is_refused_not_passed_on(
    package_copy: Path, key: str, value: object, message: str
) -> None:
    path = package_copy / "datapackage.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document[key] = value
    path.write_text(json.dumps(document), encoding="utf-8")
    pkg = cnd_data.load(package_copy)
    with pytest.raises(cnd_data.PackageError, match=message):
        getattr(pkg, key)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s["fields"][0].setdefault("constraints", {}).update(enum=None),
         "enum must be a list"),
        (lambda s: s.update(foreignKeys={"fields": ["report_id"],
         "reference": {"resource": "reports", "fields": ["report_id"]}}),
         "foreignKeys must be a list"),
    ],
)  # fmt: skip
def test_a_schema_of_the_wrong_shape_is_refused_by_each_reader(
    package_copy: Path, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    schema("meetings", change)(package_copy)
    pkg = cnd_data.load(package_copy)
    with pytest.raises(cnd_data.PackageError, match=message):
        pkg["meetings"]
    with pytest.raises(cnd_data.PackageError, match=message):
        pkg.written("meetings")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_a_number_json_does_not_have_is_refused_by_every_reader(
    package_copy: Path, constant: str
) -> None:
    """Python's json reads NaN, which equals nothing (a diff of a release with itself found a
    change) and is written back as no JSON reader reads it."""
    path = package_copy / "schemas" / "meetings.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"type": "date"', f'"type": "date", "example": {constant}', 1))
    with pytest.raises(cnd_data.PackageError, match=f"{constant} is not a JSON value"):
        cnd_data.load(package_copy)["meetings"]
    report = validate(package_copy, rebuild=False)
    assert [(f.rule, f.resource) for f in report.findings] == [("schema-json", "meetings")]
    descriptor = package_copy / "datapackage.json"
    descriptor.write_text(descriptor.read_text(encoding="utf-8").replace("{", '{"x": NaN,', 1))
    with pytest.raises(cnd_data.PackageError, match="NaN is not a JSON value"):
        cnd_data.load(package_copy)
    with pytest.raises(Unreadable, match="NaN is not a JSON value"):
        validate(package_copy, rebuild=False)
