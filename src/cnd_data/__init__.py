"""The reports of the UN Commission on Narcotic Drugs as pandas tables.

>>> import cnd_data
>>> pkg = cnd_data.load()
>>> pkg.speakers.head()
"""

from __future__ import annotations

import json

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

__all__ = ["Package", "PackageError", "UnknownTableError", "__version__", "load", "load_table"]
