"""The UN Commission on Narcotic Drugs report (68th session, agenda item 6) as pandas tables.

>>> import cnd_data
>>> pkg = cnd_data.load()
>>> pkg.speakers.head()
"""

from __future__ import annotations

import json

from cnd_data.loader import Package, PackageError, UnknownTableError, load, load_table
from cnd_data.paths import descriptor_path

__version__: str = json.loads(descriptor_path().read_text(encoding="utf-8"))["version"]

__all__ = ["Package", "PackageError", "UnknownTableError", "__version__", "load", "load_table"]
