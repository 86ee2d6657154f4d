"""Deterministic CSV serialisation and atomic file writes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from cnd_data.build.errors import BuildError


def cell(value: Any) -> str:
    """A value as its Table Schema lexical form; None is the empty missing value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_bytes(fields: list[str], rows: list[dict[str, Any]], resource: str) -> bytes:
    """UTF-8 CSV (no BOM, LF line ends, quotes only where needed, doubled inside)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(fields)
    for number, row in enumerate(rows, start=1):
        if set(row) != set(fields):
            raise BuildError(
                f"{resource} row {number}: columns {sorted(row)} do not match the schema {fields}"
            )
        writer.writerow([cell(row[name]) for name in fields])
    return buffer.getvalue().encode("utf-8")


def _mode(path: Path) -> int:
    """The mode a written file gets: the one it had, else what the umask lets a new file have
    (mkstemp's 0600 would hide the package from other users)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Replace path with data in one step: readers see the old file or the new, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, _mode(path))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
