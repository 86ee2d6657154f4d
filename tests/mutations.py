"""Mutations of a copy of the package, for tests that feed the tools broken or changed releases.

Each mutation is a function of the package folder; ``reseal`` records the new sizes and hashes
as a release that was edited on purpose would.
"""

from __future__ import annotations

import atexit
import csv
import functools
import hashlib
import io
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cnd_data.build import build
from cnd_data.validate import validate
from conftest import REGISTRY, SHIPPED_SOURCE

Rows = list[dict[str, str]]


@functools.cache
def shipped_chapter() -> Path:
    """The package built from the shipped chapter's source alone, once per test process: the
    release the mutations start from, whatever other chapters ``data/`` holds."""
    folder = Path(tempfile.mkdtemp(prefix="cnd-data-chapter-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    build([SHIPPED_SOURCE], folder, REGISTRY)
    return folder


def copy_package(folder: Path) -> Path:
    """A writable copy of the shipped chapter's package in ``folder``."""
    source = shipped_chapter()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "datapackage.json", folder)
    shutil.copytree(source / "schemas", folder / "schemas")
    shutil.copytree(source / "data", folder / "data")
    return folder


def read(folder: Path, table: str) -> tuple[list[str], Rows]:
    text = (folder / "data" / f"{table}.csv").read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


def write(folder: Path, table: str, header: list[str], rows: Rows) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (folder / "data" / f"{table}.csv").write_text(buffer.getvalue(), encoding="utf-8")


def edit(table: str, change: Callable[[Rows], Any]) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        header, rows = read(folder, table)
        change(rows)
        write(folder, table, header, rows)

    return mutate


def set_cell(table: str, row: int, field: str, value: str) -> Callable[[Path], None]:
    """Set a cell; ``row`` counts the header as row 1."""
    return edit(table, lambda rows: rows[row - 2].__setitem__(field, value))


def both(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    """The changes, one after the other."""

    def mutate(folder: Path) -> None:
        for change in changes:
            change(folder)

    return mutate


def set_where(table: str, key: str, value: str, **cells: str) -> Callable[[Path], None]:
    """Set cells of the one row whose ``key`` column is ``value``."""

    def change(rows: Rows) -> None:
        [row] = [r for r in rows if r[key] == value]
        row.update(cells)

    return edit(table, change)


Caught = tuple[str, str | None, int | None, str | None]  # rule, table, row (header: 1), field


def findings_after(built: Path, into: Path, mutate: Callable[[Path], None]) -> list[Caught]:
    """What the gate finds in a copy of a built package, edited and sealed again."""
    package = into / "package"
    shutil.copytree(built, package)
    mutate(package)
    reseal(package)
    report = validate(package, rebuild=False)
    return [(f.rule, f.resource, f.row, f.field) for f in report.findings]


def json_file(relative: str, change: Callable[[dict[str, Any]], Any]) -> Callable[[Path], None]:
    """Edit a JSON document of the package in place."""

    def mutate(folder: Path) -> None:
        path = folder / relative
        document = json.loads(path.read_text(encoding="utf-8"))
        change(document)
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")

    return mutate


def descriptor(change: Callable[[dict[str, Any]], Any]) -> Callable[[Path], None]:
    return json_file("datapackage.json", change)


def schema(table: str, change: Callable[[dict[str, Any]], Any]) -> Callable[[Path], None]:
    return json_file(f"schemas/{table}.json", change)


def raw(table: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        path = folder / "data" / f"{table}.csv"
        path.write_bytes(change(path.read_bytes()))

    return mutate


def raw_file(relative: str, content: bytes) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        (folder / relative).write_bytes(content)

    return mutate


def reseal(folder: Path) -> None:
    """Record the files' new sizes and hashes, as a release that was edited would."""
    path = folder / "datapackage.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    for resource in document["resources"]:
        file = folder / resource["path"] if isinstance(resource.get("path"), str) else None
        if file is not None and file.is_file() and ".." not in resource["path"]:
            data = file.read_bytes()
            resource["bytes"] = len(data)
            resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
