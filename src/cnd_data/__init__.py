"""The reports of the UN Commission on Narcotic Drugs as pandas tables.

>>> import cnd_data
>>> pkg = cnd_data.load()
>>> pkg.speakers.head()
"""

from __future__ import annotations

import json

from cnd_data.loader import Package, PackageError, UnknownTableError, load, load_table
from cnd_data.paths import DESCRIPTOR, shipped_package

# The version of the installed cnd_data and of the release it ships (one number, see pyproject).
__version__: str = json.loads((shipped_package() / DESCRIPTOR).read_text(encoding="utf-8"))[
    "version"
]

__all__ = ["Package", "PackageError", "UnknownTableError", "__version__", "load", "load_table"]
