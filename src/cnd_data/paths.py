"""Where the data package shipped with cnd_data lives."""

from __future__ import annotations

from pathlib import Path

DESCRIPTOR = "datapackage.json"


def shipped_package() -> Path:
    """Folder of the package's own datapackage.json: inside a wheel, or the source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "package"
    if (installed / DESCRIPTOR).is_file():
        return installed
    return here.parent.parent


def descriptor_path(source: str | Path | None = None) -> Path:
    """A datapackage.json path from a descriptor, its folder, or None for the shipped package."""
    path = shipped_package() if source is None else Path(source)
    return path / DESCRIPTOR if path.is_dir() else path
