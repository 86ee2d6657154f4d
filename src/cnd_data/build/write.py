"""Deterministic CSV serialisation."""

from __future__ import annotations

import csv
import datetime as dt
import io
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
