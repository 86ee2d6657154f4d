"""Where the data package shipped with cnd_data lives."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Any

DESCRIPTOR = "datapackage.json"
REMOTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


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


def unsafe_path(value: Any, allow_remote: bool = False) -> str | None:
    """Why a descriptor path may not be followed, or None if it stays inside the package."""
    if not isinstance(value, str) or not value:
        return "the path must be a non-empty string"
    if REMOTE.match(value):
        return None if allow_remote else "remote paths need --allow-remote"
    pure = PurePosixPath(value)
    if pure.is_absolute() or "\\" in value or re.match(r"^[A-Za-z]:", value):
        return "absolute paths are not allowed"
    if ".." in pure.parts:
        return "'..' would leave the package folder"
    return None
