"""One finding of the validator: where, which rule, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """A problem found in a package; ``row`` is the 1-based data row (header excluded)."""

    rule: str
    message: str
    resource: str | None = None
    row: int | None = None
    field: str | None = None
    value: str | None = None
