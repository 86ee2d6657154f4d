"""The one DuckDB connection of a validation run, shared by the engine, the report rules and the
pattern checks, and the one way frames are lent to it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import duckdb
import pandas as pd

# DuckDB's own buffers stay under this; beyond it, sorts and joins spill to a temporary folder
# of the system's (never the working directory, which may be the package under validation).
MEMORY_LIMIT = "1GB"
FLUSH = "1MB"


@cache
def connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that keeps large packages out of core."""
    spill = os.path.join(tempfile.gettempdir(), f"cnd-data-duckdb-{os.getpid()}")
    config: dict[str, str | bool | int | float | list[str]] = {
        "memory_limit": MEMORY_LIMIT,
        "temp_directory": spill,
        # Each thread's allocations go back to the system after each task rather than being
        # kept for the next query: the tables in pandas stay the largest thing in memory.
        "allocator_flush_threshold": FLUSH,
    }
    return duckdb.connect(config=config)


@contextmanager
def registered(**frames: pd.DataFrame) -> Iterator[duckdb.DuckDBPyConnection]:
    """The connection with each frame registered under its keyword's name, for the block."""
    engine = connection()
    for name, frame in frames.items():
        engine.register(name, frame)
    try:
        yield engine
    finally:
        for name in frames:
            engine.unregister(name)


def query(sql: str, **frames: pd.DataFrame) -> pd.DataFrame:
    """Run SQL over the given frames (each under its keyword's name)."""
    with registered(**frames) as engine:
        return engine.execute(sql).df()
