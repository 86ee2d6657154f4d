"""Rebuild as a check: where a package's sources are beside it (a checkout), build them afresh
and compare the result with the package, so that a release cannot hold a hand edit.

The build starts from the package's own descriptor and schemas, in a temporary folder; every
data file is compared byte for byte and, where it differs, cell by cell to name the first row
and field; the descriptor is compared key by key (its ``version`` and ``created`` are the
release's, not the build's).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cnd_data.paths import DESCRIPTOR, MAX_JSON_BYTES, UnsafePath, read_inside
from cnd_data.validate.findings import Finding

SOURCES = Path("sources")
_RELEASE_KEYS = {"version", "created"}


def sources_of(folder: Path) -> Path | None:
    """The sources folder beside a package (its report texts and registry), or None."""
    sources = folder / SOURCES
    if (sources / "reports").is_dir() and (sources / "registry").is_dir():
        return sources
    return None


def _template(descriptor: dict[str, Any], folder: Path, out: Path) -> None:
    """The package's descriptor and schema files, as the build's starting point in ``out``."""
    (out / DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")
    for resource in descriptor.get("resources", []):
        schema = resource.get("schema") if isinstance(resource, dict) else None
        if isinstance(schema, str):
            target = out / schema
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(read_inside(folder, schema, MAX_JSON_BYTES))


def _first_difference(
    name: str, held: bytes, built: bytes
) -> tuple[int, str | None, str | None, str]:
    """Where a data file first differs from its build: row (the header is row 1), field, the
    file's value, and what the build gives there."""
    mine = csv.reader(io.StringIO(held.decode("utf-8", "replace"), newline=""))
    theirs = csv.reader(io.StringIO(built.decode("utf-8", "replace"), newline=""))
    header: list[str] = []
    for row, (a, b) in enumerate(zip(mine, theirs, strict=False), start=1):
        header = header or b
        if a != b:
            for index, (x, y) in enumerate(zip(a, b, strict=False)):
                if x != y:
                    field = header[index] if index < len(header) else None
                    return row, field, x, f"{y!r} built"
            return row, None, None, f"{len(a)} cells, {len(b)} built"
    rows_held = held.count(b"\n")
    rows_built = built.count(b"\n")
    return (
        min(rows_held, rows_built) + 1,
        None,
        None,
        f"the build has {rows_built} lines, the file {rows_held}",
    )


def _data_findings(descriptor: dict[str, Any], folder: Path, out: Path) -> Iterator[Finding]:
    for resource in descriptor.get("resources", []):
        name, path = resource.get("name"), resource.get("path")
        built = (out / path).read_bytes()
        held = read_inside(folder, path)
        if held == built:
            continue
        row, field, value, what = _first_difference(name, held, built)
        yield Finding(
            "rebuild",
            f"differs from a build of sources/ ({what}): an edit the sources do not make",
            name,
            row=row,
            field=field,
            value=value,
        )


def _descriptor_findings(descriptor: dict[str, Any], out: Path) -> Iterator[Finding]:
    built = json.loads((out / DESCRIPTOR).read_text(encoding="utf-8"))
    for key in sorted((descriptor.keys() | built.keys()) - _RELEASE_KEYS - {"resources"}):
        if descriptor.get(key) != built.get(key):
            yield Finding(
                "rebuild",
                f"the descriptor's {key} differs from what a build of sources/ writes",
                field=key,
            )


def rebuild_findings(descriptor: dict[str, Any], folder: Path, sources: Path) -> Iterator[Finding]:
    """Findings where the package differs from a fresh build of ``sources``; the package has
    passed every other check, so its paths are safe and its files readable."""
    from cnd_data.build import BuildError, build

    with tempfile.TemporaryDirectory(prefix="cnd-data-rebuild-") as temporary:
        out = Path(temporary)
        try:
            _template(descriptor, folder, out)
            build([sources], out, sources / "registry")
        except (BuildError, UnsafePath, OSError) as error:
            yield Finding("rebuild", f"the sources beside the package do not build: {error}")
            return
        yield from _data_findings(descriptor, folder, out)
        yield from _descriptor_findings(descriptor, out)
