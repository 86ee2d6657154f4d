"""Random cell mutations never crash the validator and never let a broken key through."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnd_data.schema import foreign_keys
from cnd_data.validate import validate
from mutations import copy_package, read, reseal, shipped_chapter, write

# The mutations start from the shipped chapter's build; rows are drawn from it too.
BASE = shipped_chapter()
LISTED = [r["name"] for r in json.loads((BASE / "datapackage.json").read_text())["resources"]]
SCHEMAS = {t: json.loads((BASE / "schemas" / f"{t}.json").read_text()) for t in LISTED}
SIZES = {t: len(read(BASE, t)[1]) for t in LISTED}
# the tables with rows to mutate (a chapter without actions has none of them or their sponsors)
TABLES = [t for t in LISTED if SIZES[t]]
# Local foreign-key fields (single-field keys) and the values they may take.
FOREIGN = [
    (table, fields[0], resource, ref[0])
    for table in TABLES
    for fields, resource, ref in foreign_keys(SCHEMAS[table], table)
    if len(fields) == 1
]
SETTINGS = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def mutated(table: str, row: int, column: str, value: str) -> Path:
    folder = copy_package(Path(tempfile.mkdtemp()) / "package")
    header, rows = read(folder, table)
    rows[row % len(rows)][column] = value
    write(folder, table, header, rows)
    reseal(folder)
    return folder


@SETTINGS
@given(
    table=st.sampled_from(TABLES),
    row=st.integers(min_value=0, max_value=10_000),
    column=st.integers(min_value=0, max_value=20),
    value=st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
)
def test_random_cells_never_crash_the_validator(
    table: str, row: int, column: int, value: str
) -> None:
    fields = [f["name"] for f in SCHEMAS[table]["fields"]]
    folder = mutated(table, row, fields[column % len(fields)], value)
    try:
        report = validate(folder, reference=False)
        assert report.total == len(report.findings) + sum(report.omitted().values())
    finally:
        shutil.rmtree(folder.parent)


@SETTINGS
@given(
    key=st.sampled_from(FOREIGN),
    row=st.integers(min_value=0, max_value=10_000),
    value=st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ-0123456789", min_size=1, max_size=12),
)
def test_a_dangling_foreign_key_never_passes(
    key: tuple[str, str, str, str], row: int, value: str
) -> None:
    table, field, resource, ref_field = key
    referenced = {r[ref_field] for r in read(BASE, resource)[1]}
    if value in referenced:
        return
    folder = mutated(table, row, field, value)
    try:
        report = validate(folder, reference=False)
        assert any(f.rule == "foreign-key" and f.resource == table for f in report.findings)
    finally:
        shutil.rmtree(folder.parent)


@SETTINGS
@given(table=st.sampled_from(TABLES), pair=st.tuples(st.integers(0, 500), st.integers(0, 500)))
def test_a_duplicated_primary_key_never_passes(table: str, pair: tuple[int, int]) -> None:
    source, target = (i % SIZES[table] for i in pair)
    if source == target:
        return
    key = SCHEMAS[table]["primaryKey"]
    folder = copy_package(Path(tempfile.mkdtemp()) / "package")
    try:
        header, rows = read(folder, table)
        for field in key:
            rows[target][field] = rows[source][field]
        write(folder, table, header, rows)
        reseal(folder)
        report = validate(folder, reference=False)
        assert any(f.rule == "primary-key" and f.resource == table for f in report.findings)
    finally:
        shutil.rmtree(folder.parent)


@pytest.mark.parametrize("key", FOREIGN, ids=lambda key: f"{key[0]}.{key[1]}")
def test_each_foreign_key_left_dangling_is_found(key: tuple[str, str, str, str]) -> None:
    """Every single-field foreign key, given a value its table does not hold, is a finding and
    nothing else stops the validator (a dangling sentence_id once did, where pandas holds
    strings in Arrow)."""
    table, field, _, _ = key
    folder = mutated(table, 1, field, "zz-dangling")
    try:
        report = validate(folder, reference=False)
        assert any(f.rule == "foreign-key" and f.resource == table for f in report.findings)
    finally:
        shutil.rmtree(folder.parent)
