"""datapackage.json + CSV files → typed pandas DataFrames, through the package's one reader."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from cnd_data.paths import descriptor_path, unsafe_path
from cnd_data.reader import PackageError, read_table, schema_shape


class UnknownTableError(KeyError):
    """A table name the package does not have."""

    def __str__(self) -> str:
        return str(self.args[0])


__all__ = ["Package", "PackageError", "UnknownTableError", "load", "load_table"]


def _read_json(path: Path) -> Any:
    # utf-8-sig: a descriptor that starts with a byte order mark reads as the validator reads it
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as error:
        raise PackageError(f"cannot read {path}: {error}") from None


def _inside(folder: Path, relative: str, table: str) -> Path:
    """The file a descriptor path names, refusing absolute paths, '..' and URLs."""
    problem = unsafe_path(relative)
    if problem:
        raise PackageError(f"table {table}: path {relative!r} leaves the package folder: {problem}")
    return folder / relative


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

    @property
    def name(self) -> str | None:
        return self.descriptor.get("name")

    @property
    def title(self) -> str | None:
        return self.descriptor.get("title")

    @property
    def version(self) -> str | None:
        return self.descriptor.get("version")

    @property
    def licenses(self) -> list[dict[str, str]]:
        return list(self.descriptor.get("licenses", []))

    @property
    def sources(self) -> list[dict[str, str]]:
        return list(self.descriptor.get("sources", []))

    def schema(self, name: str) -> Mapping[str, Any]:
        """The Table Schema of a resource."""
        if name not in self._schemas:
            schema = self._resource(name)["schema"]
            if isinstance(schema, str):
                try:
                    schema = _read_json(_inside(self.folder, schema, name))
                except PackageError as error:
                    message = str(error).removeprefix(f"table {name}: ")
                    raise PackageError(f"table {name}: schema: {message}") from None
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

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._tables:
            path = self.path(name)
            try:
                data = path.read_bytes()
            except OSError as error:
                raise PackageError(f"table {name}: cannot read {path}: {error}") from None
            self._tables[name] = read_table(data, self.schema(name), f"table {name}")
        return self._tables[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_") or name not in self.__dict__.get("_resources", {}):
            raise AttributeError(name)
        return self[name]

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._resources))

    def __iter__(self) -> Iterator[str]:
        return iter(self._resources)

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

    With no source, the package shipped with cnd_data. Tables are read on first use.
    """
    path = descriptor_path(source)
    return Package(_read_json(path), path.parent)


def load_table(name: str, source: str | Path | None = None) -> pd.DataFrame:
    """One table of a data package (see ``load``); an unknown name lists the valid ones."""
    return load(source)[name]
