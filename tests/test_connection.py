"""The tables lent to DuckDB: each under a view name of the validator's own, read fastest where
pyarrow is installed, and given back when the validation ends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from cnd_data import arrow_reader
from cnd_data.validate import validate
from cnd_data.validate.connection import connection, query, scannable
from cnd_data.validate.engine import _typed_once, constraint_values
from conftest import read_rows
from mutations import copy_package, reseal, set_cell


def _views() -> set[str]:
    rows = connection().execute("SELECT view_name FROM duckdb_views() WHERE NOT internal")
    return {name for (name,) in rows.fetchall()}


def test_a_column_arrow_cannot_hold_as_one_type_is_lent_as_pandas_holds_it() -> None:
    mixed = pd.DataFrame({"cell": pd.Series([1, "one", None], dtype=object)})
    assert scannable(mixed) is mixed
    assert list(query("SELECT count(*) AS n FROM f WHERE cell IS NULL", f=mixed)["n"]) == [1]


@pytest.mark.skipif(not arrow_reader.available(), reason="pyarrow is not installed")
def test_a_typed_frame_is_lent_as_arrow_with_its_values() -> None:
    frame = pd.DataFrame({"a": pd.array(["x", None], dtype="string"), "n": pd.array([1, None])})
    lent = scannable(frame)
    assert lent is not frame
    found = query("SELECT a, n FROM f WHERE a IS NULL AND n IS NULL", f=frame)
    assert len(found) == 1


def test_views_are_named_apart_from_resources_and_given_back(tmp_path: Path) -> None:
    """A resource named as SQL would name a table is only ever a key of the lent views: its own
    checks run on its own rows; no view is left behind for the next validation."""
    folder = copy_package(tmp_path / "package")
    first = read_rows(folder, "actors")[0]["actor_id"]
    set_cell("actors", 3, "actor_id", first)(folder)
    descriptor = folder / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8")
    descriptor.write_text(text.replace('"name": "actors"', '"name": "t"'), encoding="utf-8")
    reseal(folder)
    before = _views()
    report = validate(folder, rebuild=False)
    keys = [(f.rule, f.resource, f.row) for f in report.findings if f.rule == "primary-key"]
    assert keys == [("primary-key", "t", 2), ("primary-key", "t", 3)], report.findings
    assert _views() == before


def test_a_large_enum_is_typed_but_not_kept() -> None:
    """A field's typed constraint values are kept between validations only at a schema's size:
    an enum of twenty thousand values is typed, and let go."""
    large = list(range(20000))
    small: dict[str, Any] = {"name": "code", "type": "integer", "constraints": {"enum": [1, 2]}}
    hostile: dict[str, Any] = {"name": "code", "type": "integer", "constraints": {"enum": large}}
    before = _typed_once.cache_info().currsize
    assert constraint_values(small, [1, 2]) == [1, 2]
    assert _typed_once.cache_info().currsize == before + 1
    assert constraint_values(hostile, large)[-1] == 19999
    assert _typed_once.cache_info().currsize == before + 1
