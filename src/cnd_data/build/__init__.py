"""Build the data package from the report text: parse → resolve names → write CSVs + hashes."""

from __future__ import annotations

from pathlib import Path

from cnd_data.build.errors import BuildError
from cnd_data.build.inputs import report_files
from cnd_data.build.package import write_package
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


__all__ = ["BuildError", "build"]
