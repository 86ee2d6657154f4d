"""Write the tables into a data package folder and record each file's size and hash."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from cnd_data.build.errors import BuildError
from cnd_data.build.tables import Tables
from cnd_data.build.write import csv_bytes, write_atomic
from cnd_data.paths import DESCRIPTOR, shipped_package


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BuildError(f"cannot read {path}: {error}") from None


def json_bytes(document: Any) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_package(tables: Tables, out: Path) -> list[Path]:
    """Write every table as the descriptor in ``out`` (or the shipped one) says; return the files.

    The descriptor and schemas are edited by hand; the build writes the CSV files and only the
    ``bytes`` and ``hash`` of each resource.
    """
    template = out if (out / DESCRIPTOR).is_file() else shipped_package()
    descriptor = _read_json(template / DESCRIPTOR)
    resources = {resource["name"]: resource for resource in descriptor.get("resources", [])}
    if set(resources) != set(tables):
        raise BuildError(
            f"{template / DESCRIPTOR}: resources {sorted(resources)} differ from the tables"
            f" {sorted(tables)}"
        )
    written = []
    for name, rows in tables.items():
        resource = resources[name]
        schema_path = out / resource["schema"]
        if not schema_path.is_file():
            write_atomic(schema_path, (template / resource["schema"]).read_bytes())
            written.append(schema_path)
        fields = [field["name"] for field in _read_json(schema_path)["fields"]]
        data = csv_bytes(fields, rows, name)
        write_atomic(out / resource["path"], data)
        written.append(out / resource["path"])
        resource["bytes"] = len(data)
        resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    write_atomic(out / DESCRIPTOR, json_bytes(descriptor))
    written.append(out / DESCRIPTOR)
    return written
