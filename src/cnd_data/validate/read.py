"""Read a package for validation without trusting it: the descriptor, each schema and each data
file through the trust boundary (data_file.py checks and types what a file holds).

Every problem becomes a finding; what can still be read is returned for the later checks.
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cnd_data import json_text
from cnd_data.declared_rules import declare
from cnd_data.errors import InputError
from cnd_data.file_checks import DIALECT, ENCODING
from cnd_data.freed import give_back
from cnd_data.paths import (
    MAX_DATA_BYTES,
    MAX_JSON_BYTES,
    REMOTE,
    MissingFile,
    UnsafePath,
    read_inside,
    read_regular_file,
    unsafe_path,
)
from cnd_data.reader import (
    resource_problems,
    schema_shape,
)
from cnd_data.validate.data_file import SCHEMA_INVALID, read_data
from cnd_data.validate.findings import Finding, Report
from cnd_data.validate.table import Table

# The rules this module checks; docs/rules.md is generated from them.
DESCRIPTOR = declare(
    "descriptor",
    "descriptor",
    "the descriptor has a list of resources, each with a unique name",
    "two resources share this name",
)
SCHEMA_MISSING = declare(
    "schema-missing",
    "schema",
    "the schema file can be read",
    "cannot read the schema",
)
SCHEMA_JSON = declare(
    "schema-json",
    "schema",
    "the schema file is JSON",
    "the schema is not JSON",
)
UNSAFE_PATH = declare(
    "unsafe-path",
    "file",
    "a path stays inside the package with links resolved, names a regular file, and is not a "
    "URL unless --allow-remote",
    "a link that leads outside the package folder",
)
FILE_MISSING = declare(
    "file-missing",
    "file",
    "the data file exists",
    "cannot read the file: no such file",
)

_NEWLINE = re.compile("\n")


class Unreadable(InputError):
    """The package cannot be read at all (no descriptor, or one that is not JSON)."""


def read_descriptor(path: Path) -> tuple[dict[str, Any], Path]:
    """The descriptor at a datapackage.json path or in a folder, and the package folder."""
    if path.is_dir():
        path = path / "datapackage.json"
    if not path.exists():
        raise Unreadable(f"no such file: {path}")
    try:
        data = read_regular_file(path, MAX_JSON_BYTES)
    except UnsafePath as error:
        raise Unreadable(f"cannot read the descriptor: {error}") from None
    try:
        descriptor = json_text.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise Unreadable(f"{path}: not a JSON document ({type(error).__name__}: {error})") from None
    if not isinstance(descriptor, dict):
        raise Unreadable(f"{path}: the descriptor must be a JSON object")
    return descriptor, path.parent


def _fetch(folder: Path, path: str, limit: int = MAX_DATA_BYTES) -> bytes:
    """A file's bytes through the trust boundary (or, when the user opted in, from a URL)."""
    if REMOTE.match(path):
        with urllib.request.urlopen(path, timeout=30) as response:
            data: bytes = response.read(limit + 1)
            if len(data) > limit:
                raise UnsafePath(f"{path!r}: more than the limit of {limit} bytes")
            return data
    return read_inside(folder, path, limit)


def _schema(table: Table, folder: Path, report: Report, allow_remote: bool) -> None:
    schema = table.resource.get("schema")
    if isinstance(schema, str):
        problem = unsafe_path(schema, allow_remote)
        if problem:
            report.add(Finding(UNSAFE_PATH, f"schema path: {problem}", table.name, value=schema))
            return
        try:
            schema = json_text.loads(_fetch(folder, schema, MAX_JSON_BYTES).decode("utf-8-sig"))
        except (OSError, UnsafePath) as error:
            report.add(
                Finding(
                    SCHEMA_MISSING if isinstance(error, (OSError, MissingFile)) else UNSAFE_PATH,
                    f"cannot read the schema: {error}",
                    table.name,
                    value=table.resource.get("schema"),
                )
            )
            return
        except (UnicodeDecodeError, ValueError, RecursionError) as error:
            report.add(
                Finding(
                    SCHEMA_JSON,
                    f"the schema is not JSON: {error}",
                    table.name,
                    value=table.resource.get("schema"),
                )
            )
            return
    problems = schema_shape(schema)
    for problem in problems:
        report.add(Finding(SCHEMA_INVALID, problem, table.name))
    if not problems:
        table.schema = schema


def read_tables(
    descriptor: dict[str, Any],
    folder: Path,
    report: Report,
    allow_remote: bool,
    on_read: Callable[[Table], None] | None = None,
) -> dict[str, Table]:
    """Every resource that can be read, as typed frames; problems go in the report.

    ``on_read`` sees each table while its raw strings are still there; they are dropped after
    it, so that only one table's raw strings are held at a time.
    """
    tables: dict[str, Table] = {}
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        report.add(Finding(DESCRIPTOR, "the package has no list of resources"))
        return tables
    for index, resource in enumerate(resources):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            report.add(Finding(DESCRIPTOR, f"resource {index} has no name"))
            continue
        table = Table(resource["name"], resource)
        if table.name in tables:
            report.add(Finding(DESCRIPTOR, "two resources share this name", table.name))
            continue
        tables[table.name] = table
        _schema(table, folder, report, allow_remote)
        for unread in resource_problems(resource):
            rule = ENCODING if unread.startswith("encoding") else DIALECT
            report.add(Finding(rule, unread, table.name))
        path = resource.get("path")
        problem = unsafe_path(path, allow_remote)
        if problem:
            report.add(Finding(UNSAFE_PATH, f"data path: {problem}", table.name, value=str(path)))
            continue
        report.files[table.name] = str(path if REMOTE.match(str(path)) else folder / str(path))
        try:
            data = _fetch(folder, str(path))
        except (OSError, UnsafePath) as error:
            missing = isinstance(error, (OSError, MissingFile))
            report.add(
                Finding(
                    FILE_MISSING if missing else UNSAFE_PATH,
                    f"cannot read the file: {getattr(error, 'strerror', None) or error}",
                    table.name,
                    value=path,
                )
            )
            continue
        read_data(table, data, report)
        del data  # the file's bytes are not needed once read
        if table.raw is not None:
            if on_read is not None:
                on_read(table)
            table.raw = None
    give_back()  # the files' bytes, freed: not held through the checks that follow
    return tables
