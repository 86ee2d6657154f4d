"""Exports of a package to other formats: SQLite (with Datasette metadata) and spreadsheets."""

from __future__ import annotations

from typing import Any

import pandas as pd

from cnd_data.errors import RefusedError


class ExportError(RefusedError):
    """The package cannot be exported (file exists, folder missing, or the data is refused)."""


def plain(value: Any) -> Any:
    """A loaded cell as a plain Python value: None for missing, ``int``/``float``/``bool`` for
    NumPy scalars; anything else (a string, a Timestamp) as it is."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value
