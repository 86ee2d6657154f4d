"""Where the data package shipped with cnd_data lives, and the one way into a package's files.

A package is untrusted input: a path it names is followed only if it stays inside the package
folder once every symbolic link is resolved, and names a regular file (not a FIFO, a device or
a folder) no larger than the limit for its kind. Every command reads a package's files through
``read_inside``.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath
from typing import Any

from cnd_data.errors import InputError

DESCRIPTOR = "datapackage.json"
# Documented limits (README, "Validating a new release in CI").
MAX_DATA_BYTES = 2 * 2**30  # a data file
MAX_JSON_BYTES = 16 * 2**20  # a descriptor or a Table Schema
REMOTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
# A link a reader may follow: http or https to a host, nothing a browser would run or open
# locally (javascript:, data:, file:), no space or control character.
_WEB_URL = re.compile(
    r"https?://[^\s/?#\x00-\x1f\x7f]+(?:[/?#][^\s\x00-\x1f\x7f]*)?\Z", re.ASCII | re.IGNORECASE
)


def web_url(value: Any) -> bool:
    """Whether ``value`` is an http(s) URL, the only kind of link the package may carry."""
    return isinstance(value, str) and _WEB_URL.match(value) is not None


def shipped_package() -> Path:
    """Folder of the package's own datapackage.json: inside a wheel, or the source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "package"
    if (installed / DESCRIPTOR).is_file():
        return installed
    return here.parent.parent


def default_package() -> tuple[Path, str]:
    """The package every command means when none is named, and how it was chosen: the one in
    the current folder when it holds a datapackage.json (a checkout, or a release folder),
    whatever the install mode; else the one installed with cnd_data."""
    here = Path.cwd()
    if (here / DESCRIPTOR).is_file():
        return here, "the package in the current folder"
    return shipped_package(), "the package installed with cnd_data"


def descriptor_path(source: str | Path | None = None) -> Path:
    """A datapackage.json path from a descriptor, its folder, or None for the default package
    (see ``default_package``)."""
    path = default_package()[0] if source is None else Path(source)
    return path / DESCRIPTOR if path.is_dir() else path


def unsafe_path(value: Any, allow_remote: bool = False) -> str | None:
    """Why a descriptor path may not be followed, or None if it stays inside the package."""
    if not isinstance(value, str) or not value:
        return "the path must be a non-empty string"
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        return "the path holds a control character"
    if REMOTE.match(value):
        if not allow_remote:
            return "remote paths need --allow-remote"
        # a file: URL (or any other scheme) would read the machine's own files
        return None if _WEB_URL.match(value) else "only http and https URLs are followed"
    pure = PurePosixPath(value)
    if pure.is_absolute() or "\\" in value or re.match(r"^[A-Za-z]:", value):
        return "absolute paths are not allowed"
    if ".." in pure.parts:
        return "'..' would leave the package folder"
    return None


class UnsafePath(InputError):
    """A path that may not be followed, or a file that may not be read; says which and why."""


class MissingFile(UnsafePath):
    """A path that names no file."""


def read_inside(folder: Path, relative: str, limit: int = MAX_DATA_BYTES) -> bytes:
    """The bytes of the file a package path names, or UnsafePath: the path must be safe (see
    ``unsafe_path``), stay inside ``folder`` with symbolic links resolved, and name a regular
    file of at most ``limit`` bytes. A FIFO is refused without being opened for a blocking read."""
    problem = unsafe_path(relative)
    if problem:
        raise UnsafePath(f"{relative!r}: {problem}")
    root = folder.resolve()
    try:
        target = (folder / relative).resolve(strict=True)
    except FileNotFoundError:
        raise MissingFile(f"{relative!r}: no such file") from None
    except (OSError, RuntimeError) as error:
        raise UnsafePath(f"{relative!r}: {getattr(error, 'strerror', None) or error}") from None
    if not target.is_relative_to(root):
        raise UnsafePath(f"{relative!r}: a link that leads outside the package folder")
    return read_regular_file(target, limit, relative)


def read_regular_file(path: Path, limit: int, shown: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or UnsafePath."""
    shown = shown or str(path)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise MissingFile(f"{shown!r}: no such file") from None
    except OSError as error:
        raise UnsafePath(f"{shown!r}: {error.strerror or error}") from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafePath(f"{shown!r}: not a regular file")
        if info.st_size > limit:
            raise UnsafePath(f"{shown!r}: {info.st_size} bytes, more than the limit of {limit}")
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        raise UnsafePath(f"{shown!r}: {error.strerror or error}") from None
    finally:
        os.close(handle)
    if len(data) > limit:
        raise UnsafePath(f"{shown!r}: more than the limit of {limit} bytes")
    return data
