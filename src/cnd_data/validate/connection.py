"""The one DuckDB connection of a validation run, shared by the engine and the pattern checks."""

from __future__ import annotations

import os
import tempfile
from functools import cache

import duckdb

# DuckDB's own buffers stay under this; beyond it, sorts and joins spill to a temporary folder
# of the system's (never the working directory, which may be the package under validation).
MEMORY_LIMIT = "1GB"


@cache
def connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that keeps large packages out of core."""
    spill = os.path.join(tempfile.gettempdir(), f"cnd-data-duckdb-{os.getpid()}")
    return duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": spill})
