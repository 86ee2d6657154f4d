"""The reports of the UN Commission on Narcotic Drugs as pandas tables.

>>> import cnd_data
>>> pkg = cnd_data.load()
>>> pkg.speakers.head()
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from cnd_data.loader import Package, PackageError, UnknownTableError, load, load_table
from cnd_data.paths import DESCRIPTOR, shipped_package


def _version() -> str:
    """The version of the installed cnd_data and of the release it ships (one number, see
    pyproject); in a checkout whose descriptor cannot be read (a merge conflict), a stand-in,
    so that every command still runs and says what is wrong."""
    try:
        text = (shipped_package() / DESCRIPTOR).read_text(encoding="utf-8-sig")
        version = json.loads(text)["version"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return "0+unknown"
    return version if isinstance(version, str) else "0+unknown"


__version__: str = _version()

if TYPE_CHECKING:
    import pandera.pandas as pa


def pandera_schema(table: str, package: Package | None = None) -> pa.DataFrameSchema:
    """The pandera schema of one of the package's tables (the installed release, or
    ``package``), for the frames you derive from it: each field's dtype as ``load()`` gives it,
    its constraints, the primary key, and the foreign keys, checked against the package's
    tables. Needs the ``validate`` extra (pandera and DuckDB)."""
    try:
        from cnd_data.validate.constraints import frame_schema
    except ImportError as error:
        raise ImportError(
            f"cnd_data.pandera_schema needs the validate extra ({error.name} is missing):"
            " pip install 'cnd-data[validate]', or in a checkout pip install -e '.[validate]'",
            name=error.name,
        ) from error

    return frame_schema(table, package if package is not None else load())


__all__ = [
    "Package",
    "PackageError",
    "UnknownTableError",
    "__version__",
    "load",
    "load_table",
    "pandera_schema",
]
