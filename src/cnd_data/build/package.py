"""Write the tables into a data package folder and record each file's size and hash."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

from cnd_data.atomic import write_tree
from cnd_data.build.errors import BuildError
from cnd_data.build.metadata import package_metadata
from cnd_data.build.tables import Tables
from cnd_data.build.write import csv_bytes
from cnd_data.paths import (
    DESCRIPTOR,
    MAX_JSON_BYTES,
    UnsafePath,
    read_inside,
    shipped_package,
    unsafe_path,
)


def _read_inside(folder: Path, relative: str) -> bytes:
    """A descriptor or schema of the package ``out`` or the shipped template, read through the
    package's trust boundary."""
    try:
        return read_inside(folder, relative, MAX_JSON_BYTES)
    except UnsafePath as error:
        raise BuildError(f"{folder}: {error}") from None


def _json(data: bytes, where: Path) -> Any:
    try:
        return json.loads(data)
    except ValueError as error:
        raise BuildError(f"cannot read {where}: {error}") from None


def json_bytes(document: Any) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _target(out: Path, relative: Any, what: str) -> Path:
    """Where the build may write a file a descriptor names: inside ``out``, links resolved."""
    problem = unsafe_path(relative)
    if problem:
        raise BuildError(f"{out / DESCRIPTOR}: {what} {relative!r}: {problem}")
    target = out / str(relative)
    if not target.resolve().is_relative_to(out.resolve()):
        raise BuildError(f"{out / DESCRIPTOR}: {what} {relative!r} leads outside {out}")
    if (target.exists() or target.is_symlink()) and not target.is_file():
        # found now, not when the files are being moved into place one by one
        raise BuildError(f"{target}: not a regular file; the build would replace it")
    return target


def _described(descriptor: dict[str, Any], tables: Tables) -> dict[str, Any]:
    """The descriptor with the title, description, keywords, temporal coverage and sources of
    the chapters built, each in its place (a new key after ``keywords``)."""
    metadata = package_metadata(tables["reports"], descriptor.get("sources"))
    result: dict[str, Any] = {}
    new = {key: value for key, value in metadata.items() if key not in descriptor}
    for key, value in descriptor.items():
        result[key] = metadata.get(key, value)
        if key == "keywords":
            result |= new
    return result | new


# Where a table's values come from, for a message that says which file to mend.
_MADE_FROM = {"actors": "sources/registry/organizations.csv or state-corrections.csv"}


def _check_values(name: str, fields: list[Any], rows: list[dict[str, Any]]) -> None:
    """A value outside its field's allowed values stops the build, naming the row and the
    source to mend, rather than waiting for validate to find it in the CSV."""
    for field in fields:
        allowed = field.get("constraints", {}).get("enum") if isinstance(field, dict) else None
        if not isinstance(allowed, list):
            continue
        for number, row in enumerate(rows, start=2):
            value = row.get(field["name"])
            if value is not None and value not in allowed:
                source = f" (from {_MADE_FROM[name]})" if name in _MADE_FROM else ""
                raise BuildError(
                    f"{name} row {number}, field {field['name']}: {value!r} is not one of"
                    f" {', '.join(map(str, allowed))}{source}"
                )


def write_package(tables: Tables, out: Path) -> list[Path]:
    """Write every table as the descriptor in ``out`` (or the shipped one) says; return the files.

    The schemas and the rest of the descriptor are edited by hand; the build writes the CSV
    files, the ``bytes`` and ``hash`` of each resource, and what the chapters say of the release
    (see ``metadata``). Every file is made and read back with the package's own reader before
    the first is moved into ``out``: a build that fails changes nothing.
    """
    files, schemas = package_files(tables, out)
    _target(out, DESCRIPTOR, "descriptor")
    try:
        write_tree(out, files, lambda staged: _read_back(staged, tables), beside=schemas)
    except OSError as error:
        raise BuildError(f"cannot write into {out}: {error}") from None
    return [out / relative for relative in files]


def package_files(tables: Tables, out: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The files of the package built from ``tables`` into ``out``, by path relative to it: the
    CSV files, the descriptor and each schema ``out`` does not have yet; then the schemas it
    has, which the build reads and leaves as they are."""
    template = out if (out / DESCRIPTOR).is_file() else shipped_package()
    descriptor = _json(_read_inside(template, DESCRIPTOR), template / DESCRIPTOR)
    files: dict[str, bytes] = {}
    kept: dict[str, bytes] = {}
    for resource in _resources(descriptor, tables, template / DESCRIPTOR).values():
        schema_path = _target(out, resource.get("schema"), "schema")
        _target(out, resource.get("path"), "path")
        if schema_path.is_file():
            kept[resource["schema"]] = _read_inside(out, resource["schema"])
        else:
            files[resource["schema"]] = _read_inside(template, resource["schema"])
    files |= built_files(tables, descriptor, files | kept, out)
    return files, kept


def _resources(descriptor: Any, tables: Tables, where: Path) -> dict[str, dict[str, Any]]:
    """The descriptor's resources by name: one for each table, and no other."""
    listed = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(listed, list) or not all(
        isinstance(r, dict) and isinstance(r.get("name"), str) for r in listed
    ):
        raise BuildError(f"{where}: resources must be objects with names")
    resources = {resource["name"]: resource for resource in listed}
    if set(resources) != set(tables):
        raise BuildError(
            f"{where}: resources {sorted(resources)} differ from the tables {sorted(tables)}"
        )
    return resources


def built_files(
    tables: Tables, descriptor: dict[str, Any], schemas: dict[str, bytes], out: Path
) -> dict[str, bytes]:
    """The data files and the descriptor a build of ``tables`` makes, by path relative to the
    package, without writing: ``descriptor`` is the template (not changed) and ``schemas`` the
    text of each resource's schema by its path; ``out`` names the package in messages."""
    descriptor = copy.deepcopy(descriptor)  # its bytes and hashes become the build's
    resources = _resources(descriptor, tables, out / DESCRIPTOR)
    files: dict[str, bytes] = {}
    for name, rows in tables.items():
        resource = resources[name]
        schema_path = out / str(resource.get("schema"))
        text = schemas.get(str(resource.get("schema")))
        schema = _json(text, schema_path) if text is not None else None
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            raise BuildError(f"{schema_path}: not a Table Schema with a list of fields")
        fields = [str(field.get("name")) for field in schema["fields"]]
        _check_values(name, schema["fields"], rows)
        data = csv_bytes(fields, rows, name)
        files[str(resource.get("path"))] = data
        resource["bytes"] = len(data)
        resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    files[DESCRIPTOR] = json_bytes(_described(descriptor, tables))
    return files


def _read_back(folder: Path, tables: Tables) -> None:
    """Every table of the package staged in ``folder`` reads with the package's reader."""
    from cnd_data.errors import InputError
    from cnd_data.loader import load

    try:
        package = load(folder)
        for name in tables:
            package[name]
    except InputError as error:
        raise BuildError(f"the package built does not read back: {error}") from None
