"""The reference engine: Frictionless's own row-by-row validation, as findings.

Frictionless opens whatever a descriptor names: a FIFO (and hangs), a file linked outside the
package (and prints its cells), a URL (and fetches it). So it never sees the package itself: it
validates a copy made through the package's trust boundary — each file the descriptor names read
with ``read_inside`` into a fresh folder, remote paths kept only with ``--allow-remote``, and a
``$schema`` only if it is one of the specification's own profiles. If a copy cannot be made, the
reference is not run and a finding says why.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cnd_data.declared_rules import REFERENCE_PREFIX
from cnd_data.paths import (
    DESCRIPTOR,
    MAX_DATA_BYTES,
    MAX_JSON_BYTES,
    REMOTE,
    UnsafePath,
    read_inside,
    unsafe_path,
)
from cnd_data.validate.findings import Finding

_PROFILES = "https://datapackage.org/profiles/"
# Resource keys whose string values Frictionless opens, with the size each may have.
_OPENED = {"path": MAX_DATA_BYTES, "schema": MAX_JSON_BYTES, "dialect": MAX_JSON_BYTES}


class _NotCopied(Exception):
    """Why the package could not be copied for Frictionless."""


def frictionless_findings(
    descriptor: dict[str, Any], folder: Path, allow_remote: bool = False
) -> Iterator[Finding]:
    """Everything ``frictionless validate`` reports for the package, rule names prefixed."""
    try:
        import frictionless
    except ImportError:
        yield Finding(
            f"{REFERENCE_PREFIX}not-run",
            "Frictionless is not installed: pip install 'cnd-data[validate]'",
        )
        return

    with tempfile.TemporaryDirectory(prefix="cnd-data-reference-") as scratch:
        try:
            copied = _copy(descriptor, folder, Path(scratch), allow_remote)
        except _NotCopied as why:
            yield Finding(f"{REFERENCE_PREFIX}not-run", f"Frictionless was not run: {why}")
            return
        try:
            report = frictionless.validate(str(copied))
        except Exception as error:  # the reference engine must never crash the validator
            yield Finding(f"{REFERENCE_PREFIX}crash", f"Frictionless could not validate: {error}")
            return
    yield from _findings(report)


def _copy(descriptor: dict[str, Any], folder: Path, scratch: Path, allow_remote: bool) -> Path:
    """The package copied into ``scratch`` through the trust boundary; its descriptor's path."""
    document = copy.deepcopy(descriptor)
    _check_profiles(document)
    resources = document.get("resources")
    for resource in resources if isinstance(resources, list) else []:
        for key, limit in _OPENED.items():
            value = resource.get(key) if isinstance(resource, dict) else None
            for path in value if isinstance(value, list) else [value]:
                if isinstance(path, str):
                    _copy_file(folder, scratch, path, limit, allow_remote)
    target = scratch / DESCRIPTOR
    target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return target


# Keys whose URLs are links for a reader, never fetched by Frictionless.
_LINKS = {"homepage", "image", "licenses", "sources", "contributors"}


def _check_profiles(node: Any, key: str | None = None) -> None:
    """A URL Frictionless could fetch is refused: a ``$schema`` other than the specification's
    profiles, and any other (a v1 ``profile`` or ``profiles``) outside the links and the
    resource paths copied or allowed (``_copy_file``)."""
    if isinstance(node, dict):
        for inner, value in node.items():
            if inner not in _LINKS and inner not in _OPENED:
                _check_profiles(value, inner)
    elif isinstance(node, list):
        for value in node:
            _check_profiles(value, key)
    elif isinstance(node, str) and key == "$schema" and not node.startswith(_PROFILES):
        raise _NotCopied(f"$schema {node!r} is not a profile of the specification")
    elif isinstance(node, str) and key != "$schema" and REMOTE.match(node):
        raise _NotCopied(f"{key} {node!r} is a URL Frictionless would fetch")


def _copy_file(folder: Path, scratch: Path, path: str, limit: int, allow_remote: bool) -> None:
    problem = unsafe_path(path, allow_remote)
    if problem:
        raise _NotCopied(f"{path!r}: {problem}")
    if REMOTE.match(path):
        return  # an http(s) URL, fetched by Frictionless, as the user asked
    try:
        data = read_inside(folder, path, limit)
    except UnsafePath as error:
        raise _NotCopied(str(error)) from None
    target = scratch / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _findings(report: Any) -> Iterator[Finding]:
    for problem in report.errors:
        yield Finding(f"{REFERENCE_PREFIX}{problem.type}", problem.message)
    for task in report.tasks:
        for problem in task.errors:
            cell = getattr(problem, "cell", None)
            yield Finding(
                f"{REFERENCE_PREFIX}{problem.type}",
                problem.message,
                task.name,
                getattr(problem, "row_number", None),
                getattr(problem, "field_name", None),
                None if cell is None else str(cell),
            )
