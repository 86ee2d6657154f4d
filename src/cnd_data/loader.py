"""datapackage.json + CSV files → typed pandas DataFrames, through the package's one reader."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from cnd_data import json_text
from cnd_data.file_checks import as_loaded, read_table, written_table
from cnd_data.paths import (
    MAX_JSON_BYTES,
    UnsafePath,
    descriptor_path,
    read_inside,
    read_regular_file,
    unsafe_path,
)
from cnd_data.reader import PackageError, resource_problems, schema_shape
from cnd_data.schema import SchemaError


class UnknownTableError(PackageError, KeyError):
    """A table name the package does not have (a KeyError too, as for any mapping)."""

    def __str__(self) -> str:
        return str(self.args[0])


__all__ = ["Package", "PackageError", "UnknownTableError", "load", "load_table"]


def _json(data: bytes, where: str) -> Any:
    # utf-8-sig: a descriptor that starts with a byte order mark reads as the validator reads it
    try:
        return json_text.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError) as error:
        raise PackageError(f"cannot read {where}: {error}") from None


def _read_json(path: Path) -> Any:
    try:
        return _json(read_regular_file(path, MAX_JSON_BYTES), str(path))
    except UnsafePath as error:
        raise PackageError(f"cannot read {path}: {error}") from None


def _inside(folder: Path, relative: Any, table: str) -> Path:
    """The file a descriptor path names, refusing absolute paths, '..' and URLs."""
    problem = unsafe_path(relative)
    if problem:
        raise PackageError(f"table {table}: path {relative!r} leaves the package folder: {problem}")
    return folder / str(relative)


def _descriptor(document: Any, path: Path) -> dict[str, Any]:
    """A descriptor whose shape the loader can follow: an object whose resources each have a
    name, a path and a schema."""
    if not isinstance(document, dict):
        raise PackageError(f"{path}: the descriptor must be a JSON object")
    resources = document.get("resources")
    if not isinstance(resources, list) or not all(
        isinstance(r, dict) and isinstance(r.get("name"), str) for r in resources
    ):
        raise PackageError(f"{path}: resources must be a list of objects, each with a name")
    names = [r["name"] for r in resources]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise PackageError(f"{path}: two resources share a name: {', '.join(twice)}")
    for resource in resources:
        if not isinstance(resource.get("path"), str):
            raise PackageError(f"table {resource['name']}: path must be a string")
        if not isinstance(resource.get("schema"), (str, dict)):
            raise PackageError(f"table {resource['name']}: schema must be a path or an object")
    return document


class Package(Mapping[str, pd.DataFrame]):
    """A package's tables by name (``pkg["speakers"]``) and attribute (``pkg.speakers``)."""

    def __init__(self, descriptor: Mapping[str, Any], folder: Path) -> None:
        self.descriptor = descriptor
        self.folder = folder
        self._resources: dict[str, Mapping[str, Any]] = {
            r["name"]: r for r in descriptor.get("resources", [])
        }
        self._schemas: dict[str, Mapping[str, Any]] = {}
        self._tables: dict[str, pd.DataFrame] = {}

    @classmethod
    def of_frames(
        cls,
        descriptor: Mapping[str, Any],
        folder: Path,
        schemas: Mapping[str, Mapping[str, Any]],
        typed: Mapping[str, pd.DataFrame],
    ) -> Package:
        """A package whose tables were read and typed already by the one reader (the
        validator's, of a package it found valid): the same frames ``load()`` gives, without
        reading the files again."""
        package = cls(descriptor, folder)
        for name, frame in typed.items():
            package._schemas[name] = schemas[name]
            package._tables[name] = as_loaded(frame, schemas[name])
        return package

    def _text(self, key: str) -> str | None:
        value = self.descriptor.get(key)
        if value is not None and not isinstance(value, str):
            raise PackageError(f"datapackage.json: {key} is not a string")
        return value

    def _objects(self, key: str) -> list[dict[str, str]]:
        value = self.descriptor.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise PackageError(f"datapackage.json: {key} is not a list of objects")
        return list(value)

    @property
    def name(self) -> str | None:
        return self._text("name")

    @property
    def title(self) -> str | None:
        return self._text("title")

    @property
    def version(self) -> str | None:
        return self._text("version")

    @property
    def licenses(self) -> list[dict[str, str]]:
        return self._objects("licenses")

    @property
    def sources(self) -> list[dict[str, str]]:
        return self._objects("sources")

    def schema(self, name: str) -> Mapping[str, Any]:
        """The Table Schema of a resource."""
        if name not in self._schemas:
            schema = self._resource(name)["schema"]
            if isinstance(schema, str):
                try:
                    schema = _json(read_inside(self.folder, schema, MAX_JSON_BYTES), schema)
                except (UnsafePath, PackageError) as error:
                    raise PackageError(f"table {name}: schema: {error}") from None
            problems = schema_shape(schema)
            if problems:
                raise PackageError(f"table {name}: schema: {problems[0]}")
            self._schemas[name] = schema
        return self._schemas[name]

    def _resource(self, name: str) -> Mapping[str, Any]:
        try:
            return self._resources[name]
        except KeyError:
            valid = ", ".join(self._resources)
            raise UnknownTableError(f"no table {name!r}; the tables are: {valid}") from None

    def path(self, name: str) -> Path:
        """The data file of a resource, inside the package folder."""
        return _inside(self.folder, self._resource(name)["path"], name)

    def read_bytes(self, name: str) -> bytes:
        """The bytes of a resource's data file, read through the package's trust boundary."""
        try:
            return read_inside(self.folder, self._resource(name)["path"])
        except UnsafePath as error:
            raise PackageError(f"table {name}: {error}") from None

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._tables:
            self._tables[name] = self._read(name, read_table)
        return self._tables[name]

    def written(self, name: str) -> pd.DataFrame:
        """A table's cells exactly as its CSV writes them, as strings (an empty cell is "").
        The file is refused as ``pkg[name]`` refuses it (PackageError): it is parsed once,
        checked and typed from that parse, and neither result is kept (each call reads it)."""
        return self._read(name, written_table)

    def _read(self, name: str, reader: Callable[..., pd.DataFrame]) -> pd.DataFrame:
        problems = resource_problems(self._resource(name))
        if problems:
            raise PackageError(f"table {name}: {problems[0]}")
        data, schema = self.read_bytes(name), self.schema(name)
        dialect = self._resource(name).get("dialect")
        try:
            return reader(data, schema, dialect, f"table {name}")
        except (SchemaError, TypeError, ValueError) as error:
            if isinstance(error, PackageError):
                raise
            # a schema of the right shape whose values cannot type the table
            raise PackageError(f"table {name}: the schema cannot be applied: {error}") from None

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_") or name not in self.__dict__.get("_resources", {}):
            raise AttributeError(name)
        return self[name]

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._resources))

    def __iter__(self) -> Iterator[str]:
        return iter(self._resources)

    def __contains__(self, name: object) -> bool:
        # Mapping's would read the table to answer
        return name in self._resources

    def __len__(self) -> int:
        return len(self._resources)

    def __repr__(self) -> str:
        lines = [f"<{self.name} {self.version}: {self.title}>"]
        for name in self:
            frame = self[name]
            lines.append(f"  {name:<14} {len(frame):>6} rows × {frame.shape[1]:>2} columns")
        return "\n".join(lines)


def load(source: str | Path | None = None) -> Package:
    """Every table of a data package: ``source`` is a datapackage.json or its folder.

    With no source, the package in the current folder when it holds a datapackage.json (a
    checkout, or a release folder), else the one installed with cnd_data; ``Package.folder``
    says which was read. Tables are read on first use.
    """
    path = descriptor_path(source)
    return Package(_descriptor(_read_json(path), path), path.parent)


def load_table(name: str, source: str | Path | None = None) -> pd.DataFrame:
    """One table of a data package (see ``load``); an unknown name lists the valid ones."""
    return load(source)[name]
