"""Build the data package from the report text: parse → resolve names → write CSVs + hashes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cnd_data.build.errors import BuildError
from cnd_data.build.inputs import report_files
from cnd_data.build.package import built_files, write_package
from cnd_data.build.registry import load_registry
from cnd_data.build.tables import build_tables

DEFAULT_SOURCES = Path("sources")
DEFAULT_REGISTRY = DEFAULT_SOURCES / "registry"


def build(
    sources: list[Path] | None = None,
    out: Path = Path("."),
    registry: Path = DEFAULT_REGISTRY,
) -> list[Path]:
    """Build the package from report files into ``out``; return the files written."""
    tables = build_tables(report_files(sources or [DEFAULT_SOURCES]), load_registry(registry))
    return write_package(tables, out)


def build_in_memory(
    sources: Path, descriptor: dict[str, Any], schemas: dict[str, bytes], where: Path
) -> dict[str, bytes]:
    """The data files and descriptor a build of ``sources`` (with its ``registry`` folder) makes
    for the package at ``where``, whose descriptor and schema texts are given; nothing is
    written."""
    tables = build_tables(report_files([sources]), load_registry(sources / "registry"))
    return built_files(tables, descriptor, schemas, where)


__all__ = ["BuildError", "build", "build_in_memory"]
