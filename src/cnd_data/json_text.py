"""JSON documents read as JSON (RFC 8259) has them, for every command."""

from __future__ import annotations

import json
from typing import Any


def _refused(constant: str) -> Any:
    raise ValueError(f"{constant} is not a JSON value")


def loads(text: str) -> Any:
    """A JSON document's value. Python's json reads NaN, Infinity and -Infinity, which JSON does
    not have (a NaN equals nothing, itself included, and is written back as no JSON reader
    reads it): they are refused with ValueError, as any other text that is not JSON."""
    return json.loads(text, parse_constant=_refused)
