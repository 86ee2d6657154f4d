"""Independent readers agree with ``cnd-data validate``: the JavaScript reference library
(datapackage 1.x, a Data Package v1 reader), DuckDB and Frictionless read the package and a
multi-chapter release as valid, and see the defects of a sample of the defect corpus, except
the ones listed with the reason each reader misses them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import frictionless
import pytest

from cnd_data.build import build
from cnd_data.validate import Unreadable, validate
from conftest import REGISTRY, ROOT
from duckdb_reader import check_package
from mutations import copy_package, reseal
from test_validate_defects import DEFECTS

JS = Path(__file__).parent / "js"
# The library's checkRelations() reports this foreign key of `groups` as violated although
# every footnote exists: a bug in tableschema-js when two composite keys share a field.
JS_FALSE_GROUPS = 'Foreign key "report_id,footnote" violation'
# A sample of the defect corpus, and the readers that miss a defect, with the reason.
MISSES: dict[str, dict[str, str]] = {
    "dangling actor of a speaker": {},
    "dangling composite key of a footnote": {},
    "dangling sentence reference": {},
    "duplicate primary key": {},
    "actor twice in a group": {},
    "invalid date": {},
    "row with an extra cell": {},
    "missing required column": {},
    "truncated file (bytes)": {},
    "path with ..": {},
    "enum violation": {"duckdb": "it reads types and keys, not enum constraints"},
    "pattern violation": {"duckdb": "it reads types and keys, not patterns"},
    "dangling speaker of a group": {
        "js": "checkRelations() stops at the false groups violation (its composite-key bug)"
    },
    "non-UTF-8 byte": {"js": "it decodes the file leniently, replacing the byte"},
    "byte order mark": {
        "frictionless": "it drops a UTF-8 byte order mark without a word",
        "duckdb": "it drops a UTF-8 byte order mark without a word",
    },
    "altered file (hash)": {
        "duckdb": "it does not read the descriptor's hash",
        "js": "it does not check the descriptor's hash",
    },
    "rows lost to an unbalanced quote": {
        reader: "the stray quotes make legal CSV: the lost rows become one long cell"
        for reader in ("frictionless", "duckdb", "js")
    },
    "misspelled descriptor key": {
        reader: "it ignores keys the specification does not define"
        for reader in ("frictionless", "duckdb", "js")
    },
    "paragraph cut off in mid-sentence": {
        reader: "a rule of the report, which no Table Schema can state"
        for reader in ("frictionless", "duckdb", "js")
    },
    "State both representative and observer": {
        reader: "a rule of the report, which no Table Schema can state"
        for reader in ("frictionless", "duckdb", "js")
    },
}


def read_with_js(folder: Path) -> dict[str, object]:
    """What the JavaScript reference library makes of a package (see js/read-package.js)."""
    if shutil.which("node") is None:
        pytest.skip("node is not on this machine: the JavaScript reader is not tried")
    if not (JS / "node_modules" / "datapackage").is_dir():
        pytest.skip("the JavaScript reader is not installed: run nox -s interop (npm ci)")
    script = str(JS / "read-package.js")
    output = subprocess.run(
        ["node", script, str(folder / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    return dict(json.loads(output))


def js_problems(folder: Path) -> list[str]:
    """Everything the JavaScript reader reports, but the known false groups violation."""
    result = read_with_js(folder)
    problems = [str(e) for e in result["errors"]]  # type: ignore[attr-defined]
    resources: dict[str, dict[str, object]] = result["resources"]  # type: ignore[assignment]
    for name, found in resources.items():
        problems += [f"{name}: schema: {error}" for error in found["schema"]]  # type: ignore[attr-defined]
        for what in ("cast", "relations"):
            message = found[what]
            if message and not (name == "groups" and JS_FALSE_GROUPS in str(message)):
                problems.append(f"{name}: {what}: {message}")
    return problems


def cnd_problems(folder: Path) -> list[str]:
    try:
        return [f.message for f in validate(folder, reference=False).findings]
    except Unreadable as error:
        return [str(error)]


def frictionless_problems(folder: Path) -> list[str]:
    report = frictionless.validate(str(folder / "datapackage.json"))
    return [error.message for task in report.tasks for error in task.errors] + [
        error.message for error in report.errors
    ]


READERS: dict[str, Callable[[Path], list[str]]] = {
    "cnd-data": cnd_problems,
    "frictionless": frictionless_problems,
    "duckdb": check_package,
    "js": js_problems,
}


@pytest.fixture(scope="module")
def multi_chapter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The genre fixtures built into one release."""
    out = tmp_path_factory.mktemp("genre") / "release"
    build([ROOT / "tests" / "fixtures" / "genre"], out, REGISTRY)
    return out


@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_reader_reads_the_package_as_valid(reader: str) -> None:
    assert READERS[reader](ROOT) == []


# Frictionless checks a composite foreign key whose value is partly missing, and finds no
# footnote for a group that has none; cnd-data, DuckDB and the JavaScript reader, like SQL's
# MATCH SIMPLE, do not check such a key.
PARTLY_MISSING = re.compile(
    r'violates the foreign key: for "report_id, footnote": values "[^"]*None"'
)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_reader_reads_a_multi_chapter_release_as_valid(
    reader: str, multi_chapter: Path
) -> None:
    problems = READERS[reader](multi_chapter)
    if reader == "frictionless":
        assert problems, "Frictionless now skips partly missing keys: drop this exception"
        problems = [p for p in problems if not PARTLY_MISSING.search(p)]
    assert problems == []


def test_the_js_reader_accepts_every_schema_and_still_has_its_groups_bug() -> None:
    result = read_with_js(ROOT)
    resources: dict[str, dict[str, object]] = result["resources"]  # type: ignore[assignment]
    assert result["valid"] is True
    assert {name: found["schema"] for name, found in resources.items()} == {
        name: [] for name in resources
    }
    assert JS_FALSE_GROUPS in str(resources["groups"]["relations"])


@pytest.mark.parametrize("name", sorted(MISSES))
def test_the_readers_agree_on_a_defect(name: str, tmp_path: Path) -> None:
    defect = next(d for d in DEFECTS if d.name == name)
    folder = copy_package(tmp_path / "package")
    defect.mutate(folder)
    if defect.sealed:
        reseal(folder)
    seen = {reader: bool(problems(folder)) for reader, problems in READERS.items()}
    assert seen == {reader: reader not in MISSES[name] for reader in READERS}
