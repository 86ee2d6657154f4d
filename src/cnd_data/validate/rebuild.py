"""Rebuild as a check: where a package's sources are beside it (a checkout), build them afresh
and compare the result with the package, so that a release cannot hold a hand edit.

The build starts from the package's own descriptor and schemas and writes nothing; every
data file is compared byte for byte and, where it differs, cell by cell to name the first row
and field; the descriptor is compared key by key (its ``version`` and ``created`` are the
release's, not the build's).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from cnd_data.declared_rules import declare
from cnd_data.paths import DESCRIPTOR, MAX_JSON_BYTES, REMOTE, UnsafePath, read_inside
from cnd_data.reader import parse_records
from cnd_data.validate.findings import Finding

# The rules this module checks; docs/rules.md is generated from them.
REBUILD = declare(
    "rebuild",
    "rules",
    "where the package's sources are beside it (a checkout), every data file and the descriptor"
    " equal a fresh build of them: no hand edit",
    "differs from a build of sources/ ('Singapore' built): an edit the sources do not make",
)

SOURCES = Path("sources")
_RELEASE_KEYS = {"version", "created"}


def sources_of(folder: Path) -> Path | None:
    """The sources folder beside a package (its report texts and registry), or None."""
    sources = folder / SOURCES
    if (sources / "reports").is_dir() and (sources / "registry").is_dir():
        return sources
    return None


def _schemas(descriptor: dict[str, Any], folder: Path) -> dict[str, bytes]:
    """The text of each resource's schema file, by its path: the build's starting point."""
    schemas: dict[str, bytes] = {}
    for resource in descriptor.get("resources", []):
        schema = resource.get("schema") if isinstance(resource, dict) else None
        if isinstance(schema, str):
            schemas[schema] = read_inside(folder, schema, MAX_JSON_BYTES)
    return schemas


def _first_difference(held: bytes, built: bytes) -> tuple[int | None, str | None, str | None, str]:
    """Where a data file first differs from its build, both read by the package's one reader:
    row (the header is row 1), field, the file's value, and what the build gives there."""
    mine, theirs = parse_records(held, {}), parse_records(built, {})
    if mine.header != theirs.header:
        return 1, None, None, f"header {theirs.header} built"
    for index in range(min(len(mine.raw), len(theirs.raw))):
        a, b = mine.raw.iloc[index].tolist(), theirs.raw.iloc[index].tolist()
        if a != b:
            column = next(i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y)
            return index + 2, theirs.header[column], str(a[column]), f"{b[column]!r} built"
    if len(mine.raw) == len(theirs.raw):
        return None, None, None, "the same cells, written otherwise: quotes or line ends"
    rows = min(len(mine.raw), len(theirs.raw)) + 2
    return rows, None, None, f"the build has {len(theirs.raw)} rows, the file {len(mine.raw)}"


def _data_findings(
    descriptor: dict[str, Any], folder: Path, files: dict[str, bytes], read: Mapping[str, str]
) -> Iterator[Finding]:
    """Each data file against its build: by the SHA-256 of the bytes the validation read, and
    only where that differs (or is not known) by reading the file again to say where."""
    for resource in descriptor.get("resources", []):
        name, path = resource.get("name"), resource.get("path")
        if REMOTE.match(str(path)):
            # what a URL serves may change after the check: a release is not proven by it
            yield Finding(
                REBUILD,
                "the data file is read from a URL, not the package folder: a build of sources/"
                " cannot vouch for it",
                name,
                value=str(path),
            )
            continue
        built = files[path]
        if read.get(name) == hashlib.sha256(built).hexdigest():
            continue
        held = read_inside(folder, path)
        if held == built:
            continue
        row, field, value, what = _first_difference(held, built)
        yield Finding(
            REBUILD,
            f"differs from a build of sources/ ({what}): an edit the sources do not make",
            name,
            row=row,
            field=field,
            value=value,
        )


def _descriptor_findings(descriptor: dict[str, Any], files: dict[str, bytes]) -> Iterator[Finding]:
    built = json.loads(files[DESCRIPTOR])
    for key in sorted((descriptor.keys() | built.keys()) - _RELEASE_KEYS - {"resources"}):
        if descriptor.get(key) != built.get(key):
            yield Finding(
                REBUILD,
                f"the descriptor's {key} differs from what a build of sources/ writes",
                field=key,
            )


def rebuild_findings(
    descriptor: dict[str, Any], folder: Path, sources: Path, read: Mapping[str, str] | None = None
) -> Iterator[Finding]:
    """Findings where the package differs from a fresh build of ``sources``; the package has
    passed every other check, so its paths are safe and its files readable. ``read``: the
    SHA-256 of each data file's bytes as the validation read them, by resource name."""
    from cnd_data.build import BuildError, build_in_memory

    inside = folder.resolve()
    if any(
        not path.resolve().is_relative_to(inside)
        for path in (sources, sources / "reports", sources / "registry")
    ):  # a package's links are not followed out of it, nor are the sources beside it
        yield Finding(REBUILD, f"{SOURCES} beside the package is a link that leads outside it")
        return
    try:
        files = build_in_memory(sources, descriptor, _schemas(descriptor, folder), folder)
    except (BuildError, UnsafePath, OSError) as error:
        yield Finding(REBUILD, f"the sources beside the package do not build: {error}")
        return
    try:  # a file gone or replaced since it was read
        found = [
            *_data_findings(descriptor, folder, files, read or {}),
            *_descriptor_findings(descriptor, files),
        ]
    except (UnsafePath, OSError) as error:
        yield Finding(REBUILD, f"the package cannot be compared with a build of sources/: {error}")
        return
    yield from found
