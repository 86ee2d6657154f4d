"""One resource as the validator reads it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass
class Table:
    """One resource as read: its descriptor, schema, raw strings and typed columns."""

    name: str
    resource: dict[str, Any]
    schema: dict[str, Any] | None = None
    raw: pd.DataFrame | None = None
    typed: pd.DataFrame | None = None
    type_errors: set[tuple[int, str]] = field(default_factory=set)
    sha256: str | None = None  # of the file's bytes as read: the rebuild compares without a re-read

    @property
    def fields(self) -> list[dict[str, Any]]:
        return list(self.schema.get("fields", [])) if self.schema else []
