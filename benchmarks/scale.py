"""Scale the real package ×N: N copies of every report chapter under fresh ids.

Benchmark code, not shipped data. Every id in the package starts with its report's id, so a
copy renames ``<report_id>`` to ``<report_id>-x<k>`` in every row that belongs to the report;
actors are shared by all copies. Keys, foreign keys and the report's rules all still hold, and
paragraphs keep their real lengths. Sizes and hashes are recorded as the build records them.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

import cnd_data

SHARED = {"actors", "names"}


def scale(factor: int, out: Path, source: Path | None = None) -> Path:
    """Write the package scaled ×factor into ``out``; return its descriptor's path."""
    pkg = cnd_data.load(source)
    report_ids = list(pkg["reports"]["report_id"])
    descriptor = json.loads(json.dumps(pkg.descriptor))
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    shutil.copytree(pkg.folder / "schemas", out / "schemas")
    for resource in descriptor["resources"]:
        text = pkg.path(resource["name"]).read_text(encoding="utf-8")
        header, _, body = text.partition("\n")
        if resource["name"] in SHARED:
            copies = [body]
        else:
            copies = []
            for k in range(factor):
                copy = body
                for report_id in report_ids:
                    copy = copy.replace(report_id, f"{report_id}-x{k}")
                copies.append(copy)
        data = (header + "\n" + "".join(copies)).encode("utf-8")
        (out / resource["path"]).write_bytes(data)
        resource["bytes"] = len(data)
        resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    path = out / "datapackage.json"
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(scale(int(sys.argv[1]), Path(sys.argv[2])))
