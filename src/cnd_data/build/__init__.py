"""Build the data package from the report text: parse → resolve names → write CSVs + hashes."""

from __future__ import annotations

from pathlib import Path

from cnd_data.build.errors import BuildError
from cnd_data.build.package import write_package
from cnd_data.build.registry import load_registry
from cnd_data.build.tables import build_tables

DEFAULT_SOURCES = Path("sources")
DEFAULT_REGISTRY = DEFAULT_SOURCES / "registry"


def report_files(sources: list[Path]) -> list[Path]:
    """Report files named directly, or the ``*.md`` files in a folder's ``reports/`` (or itself),
    but for a folder's README.md."""
    files: list[Path] = []
    for source in sources:
        if source.is_file():
            files.append(source)
        elif source.is_dir():
            folder = source / "reports" if (source / "reports").is_dir() else source
            files += sorted(p for p in folder.glob("*.md") if p.name.lower() != "readme.md")
        else:
            raise BuildError(f"no such source file or folder: {source}")
    if not files:
        raise BuildError(f"no report files (*.md) in {', '.join(map(str, sources))}")
    return files


def build(
    sources: list[Path] | None = None,
    out: Path = Path("."),
    registry: Path = DEFAULT_REGISTRY,
) -> list[Path]:
    """Build the package from report files into ``out``; return the files written."""
    tables = build_tables(report_files(sources or [DEFAULT_SOURCES]), load_registry(registry))
    return write_package(tables, out)


__all__ = ["BuildError", "build"]
