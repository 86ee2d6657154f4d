"""Exports of a package to other formats: SQLite (with Datasette metadata) and spreadsheets."""

from __future__ import annotations

from cnd_data.errors import RefusedError


class ExportError(RefusedError):
    """The package cannot be exported (file exists, folder missing, or the data is refused)."""
