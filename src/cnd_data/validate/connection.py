"""The one DuckDB connection of a validation run, shared by the engine, the report rules and the
pattern checks, and the one way frames are lent to it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import duckdb
import pandas as pd

from cnd_data import arrow_reader

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


def scannable(frame: pd.DataFrame) -> Any:
    """The frame as DuckDB reads it fastest: an Arrow table where pyarrow is installed (each
    query over a lent pandas frame converts its columns again: five times the time of an Arrow
    scan on a small table), else the frame itself. A column Arrow cannot hold as one type is
    left to DuckDB's own reading of pandas, as is the whole frame then."""
    if not arrow_reader.available():
        return frame
    import pyarrow as pa

    try:
        return pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowException, TypeError, ValueError):
        return frame


@contextmanager
def registered(**frames: pd.DataFrame) -> Iterator[duckdb.DuckDBPyConnection]:
    """The connection with each frame registered under its keyword's name, for the block."""
    engine = connection()
    for name, frame in frames.items():
        engine.register(name, scannable(frame))
    try:
        yield engine
    finally:
        for name in frames:
            engine.unregister(name)


def query(sql: str, **frames: pd.DataFrame) -> pd.DataFrame:
    """Run SQL over the given frames (each under its keyword's name)."""
    with registered(**frames) as engine:
        return engine.execute(sql).df()
