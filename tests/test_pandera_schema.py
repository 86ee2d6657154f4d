"""``cnd_data.pandera_schema``: the pandera schema of a table, for frames users derive from it.
Every loaded table passes its own; each edit that breaks a constraint or a key fails it on the
row and field where ``cnd-data validate`` finds it in the package written with that edit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pytest
from pandera.errors import SchemaErrors

import cnd_data
from cnd_data.validate import validate
from mutations import copy_package, reseal, set_cell

# pandera's names of the checks that are not named after their rule (the test's own reading of
# pandera's failure cases; the validator's mapping is not used here)
PANDERA_RULES = {"not_nullable": "required", "multiple_fields_uniqueness": "primary-key"}
CONSTRAINTS = {"required", "unique", "pattern", "minimum", "primary-key", "foreign-key"}

Place = tuple[str, int, str | None]  # (rule, row with the header as row 1, field)


def _pandera(frame: pd.DataFrame, schema: pa.DataFrameSchema) -> set[Place]:
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        cases = errors.failure_cases.dropna(subset=["index"])
    else:
        return set()
    found: set[Place] = set()
    for check, column, index in cases[["check", "column", "index"]].itertuples(index=False):
        rule = PANDERA_RULES.get(str(check), str(check).split(" ")[0])
        keyed = rule in ("primary-key", "foreign-key")
        found.add((rule, int(index) + 2, None if keyed else str(column)))
    return found


EDITS: dict[str, tuple[str, Callable[[Path], None]]] = {
    "a pattern broken": ("reports", set_cell("reports", 2, "report_id", "CND68_item6")),
    "a required value left out": ("speakers", set_cell("speakers", 2, "name_in_report", "")),
    "a number below its minimum": ("meetings", set_cell("meetings", 1, "number", "0")),
    "a speaker of an actor that is not there": ("speakers", set_cell("speakers", 3, "actor_id",
                                                                     "XXX")),
    "a primary key twice": ("actors", set_cell("actors", 3, "actor_id", "AGO")),
    "a unique name twice": ("names", set_cell("names", 5, "name", "Angola")),
}  # fmt: skip


def test_every_table_passes_its_own_schema() -> None:
    pkg = cnd_data.load()
    for name in pkg:
        cnd_data.pandera_schema(name, pkg).validate(pkg[name], lazy=True)


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_each_edit_fails_the_schema_where_the_validator_finds_it(edit: str, tmp_path: Path) -> None:
    table, change = EDITS[edit]
    folder = copy_package(tmp_path / "package")
    change(folder)
    reseal(folder)
    found = {
        (f.rule, f.row, None if f.rule in ("primary-key", "foreign-key") else f.field)
        for f in validate(folder, reference=False).findings
        if f.resource == table and f.rule in CONSTRAINTS and f.row is not None
    }
    pkg = cnd_data.load(folder)
    failed = _pandera(pkg[table], cnd_data.pandera_schema(table, pkg))
    assert found, "the edit breaks no constraint"
    assert failed == found


def test_a_derived_frame_is_checked_against_the_package() -> None:
    """A frame built from the package, with a speaker whose actor the package lacks."""
    pkg = cnd_data.load()
    mine = pkg.speakers.head(3).copy()
    mine.loc[1, "actor_id"] = "nobody-here"
    failed = _pandera(mine, cnd_data.pandera_schema("speakers", pkg))
    assert failed == {("foreign-key", 3, None)}


@pytest.mark.parametrize("missing", ["pandera", "duckdb"])
def test_without_the_validate_extra_the_error_says_what_to_install(missing: str) -> None:
    import subprocess
    import sys

    code = (
        f"import sys; sys.modules[{missing!r}] = None\n"
        "import cnd_data\n"
        "try:\n    cnd_data.pandera_schema('speakers')\n"
        "except ImportError as error:\n    print(error)\n"
    )
    said = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "needs the validate extra" in said.stdout
    assert missing in said.stdout


def test_loading_does_not_import_pandera() -> None:
    import subprocess
    import sys

    code = "import sys, cnd_data; cnd_data.load(); assert 'pandera' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
