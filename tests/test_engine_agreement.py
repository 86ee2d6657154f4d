"""The engine (DuckDB queries) and the pandera schemas, both derived from the Table Schemas,
find the same defects: over the whole defect corpus, constraint mutations of every kind, and
random cells (hypothesis)."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cnd_data.validate.constraints import constraint_findings
from cnd_data.validate.engine import engine_findings
from cnd_data.validate.findings import Finding, Report
from cnd_data.validate.read import read_descriptor, read_tables
from mutations import copy_package, read, reseal, schema, set_cell, write
from test_validate_defects import DEFECTS
from test_validate_fuzz import SCHEMAS, SETTINGS, TABLES

Key = tuple[str, str | None, int | None, str | None, str | None, str]


def _keys(findings: list[Finding]) -> set[Key]:
    return {(f.rule, f.resource, f.row, f.field, f.value, f.message) for f in findings}


def both(folder: Path) -> tuple[set[Key], set[Key]]:
    """The findings of the engine and of pandera on every table of the package."""
    descriptor, root = read_descriptor(folder)
    tables = read_tables(descriptor, root, Report(str(folder)), allow_remote=False)
    engine: list[Finding] = []
    declared: list[Finding] = []
    for table in tables.values():
        engine += engine_findings(table, tables)
        declared += constraint_findings(table, tables)
    return _keys(engine), _keys(declared)


def _enum_number(document: dict[str, Any]) -> None:
    document["fields"][1]["constraints"]["minimum"] = 6  # meetings.number ≥ 6: one row fails


def _lengths(document: dict[str, Any]) -> None:
    field = next(f for f in document["fields"] if f["name"] == "name")
    field.setdefault("constraints", {}).update(minLength=5, maxLength=12, pattern="[A-Z][a-z]+")


def _date_bounds(document: dict[str, Any]) -> None:
    field = next(f for f in document["fields"] if f["name"] == "date")
    field.setdefault("constraints", {}).update(exclusiveMaximum="2025-03-13", unique=True)


def _composite_key_with_a_gap(folder: Path) -> None:
    header, rows = read(folder, "speakers")
    rows[3]["report_id"], rows[4]["paragraph"] = "", ""
    rows[5]["report_id"] = "elsewhere"
    write(folder, "speakers", header, rows)


MUTATIONS: dict[str, Callable[[Path], None]] = {
    "minimum": schema("meetings", _enum_number),
    "lengths and pattern": schema("actors", _lengths),
    "date bound and unique": schema("meetings", _date_bounds),
    "composite keys with gaps": _composite_key_with_a_gap,
    "enum value": set_cell("speakers", 4, "capacity", "delegate"),
    "duplicate key": set_cell("actors", 3, "actor_id", "AGO"),
}
CASES = [(d.name, d.mutate, d.sealed) for d in DEFECTS] + [
    (name, mutate, True) for name, mutate in MUTATIONS.items()
]


@pytest.mark.parametrize(("name", "mutate", "sealed"), CASES, ids=[c[0] for c in CASES])
def test_engine_and_pandera_agree_on_each_defect(
    package_copy: Path, name: str, mutate: Callable[[Path], None], sealed: bool
) -> None:
    mutate(package_copy)
    if sealed:
        reseal(package_copy)
    engine, declared = both(package_copy)
    assert engine == declared, {"engine only": engine - declared, "pandera only": declared - engine}


def test_the_mutations_are_caught_at_all(package_copy: Path) -> None:
    """The agreement above is not two empty sets."""
    for mutate in MUTATIONS.values():
        mutate(package_copy)
    engine, _ = both(package_copy)
    rules = {key[0] for key in engine}
    assert {"minimum", "minLength", "maxLength", "pattern", "exclusiveMaximum", "unique"} <= rules
    assert {"required", "foreign-key", "enum", "primary-key"} <= rules


@SETTINGS
@given(
    table=st.sampled_from(TABLES),
    row=st.integers(min_value=0, max_value=10_000),
    column=st.integers(min_value=0, max_value=20),
    value=st.one_of(
        st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
        st.sampled_from(["", "0", "-1", "2025-03-12", "true", "AGO", "cnd68-item6", "x" * 300]),
    ),
)
def test_engine_and_pandera_agree_on_random_cells(
    table: str, row: int, column: int, value: str
) -> None:
    folder = copy_package(Path(tempfile.mkdtemp()) / "package")
    try:
        fields = [f["name"] for f in SCHEMAS[table]["fields"]]
        header, rows = read(folder, table)
        rows[row % len(rows)][fields[column % len(fields)]] = value
        write(folder, table, header, rows)
        reseal(folder)
        engine, declared = both(folder)
        assert engine == declared
    finally:
        shutil.rmtree(folder.parent)


def test_the_shipped_package_has_no_findings_by_either() -> None:
    from conftest import ROOT

    assert both(ROOT) == (set(), set())
    assert json.loads((ROOT / "datapackage.json").read_text())["resources"]


def test_validation_runs_on_the_engine_without_importing_pandera_or_frictionless() -> None:
    """Frictionless is the second opinion of ``--reference`` only; the shape check reads the
    profiles as JSON files."""
    import subprocess
    import sys

    from conftest import ROOT

    code = (
        "import sys; from cnd_data.validate import validate;"
        f" r = validate({str(ROOT)!r}); assert r.valid;"
        " print('pandera' in sys.modules, 'frictionless' in sys.modules, 'duckdb' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (result.returncode, result.stdout.strip()) == (0, "False False True"), result.stderr


def test_a_field_named_like_the_engine_row_column_is_checked_as_itself(
    package_copy: Path,
) -> None:
    """The engine adds a row-label column; a field of that name must not be overwritten."""

    def rename(document: dict[str, Any]) -> None:
        document["fields"][1]["name"] = "__row"  # meetings.number
        document["fields"][1]["constraints"]["minimum"] = 6
        document["primaryKey"] = ["report_id", "__row"]
        document.pop("foreignKeys", None)

    schema("meetings", rename)(package_copy)
    _, rows = read(package_copy, "meetings")
    for row in rows:
        row["__row"] = row.pop("number")
    write(package_copy, "meetings", ["report_id", "__row", "date"], rows)
    reseal(package_copy)
    engine, declared = both(package_copy)
    assert engine == declared
    assert {(k[0], k[1], k[2]) for k in engine} >= {("minimum", "meetings", 2)}
