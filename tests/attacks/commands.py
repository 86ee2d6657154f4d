"""Runs every command of cnd-data on one package and prints what each did, as JSON.

Used by the attack corpus in a subprocess with a timeout, so that a hang fails a test instead
of the suite. Usage: python commands.py PACKAGE REFERENCE WORK_FOLDER
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback
from collections.abc import Callable

import cnd_data
from cnd_data.cli import main


def _run(action: Callable[[], int]) -> dict[str, object]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: object = action()
        except SystemExit as stop:
            code = stop.code
        except BaseException:  # what the test must never see: an escaped exception
            code = "crash"
            err.write(traceback.format_exc())
    return {"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


def _load(folder: str) -> int:
    try:
        pkg = cnd_data.load(folder)
        for name in pkg:
            pkg[name]
    except cnd_data.PackageError as error:
        print(f"PackageError: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    package, reference, work = sys.argv[1:4]
    results = {
        "validate": _run(lambda: main(["validate", package])),
        "load": _run(lambda: _load(package)),
        "export": _run(lambda: main(["export", "sqlite", f"{work}/out.db", "--package", package])),
        "xlsx": _run(lambda: main(["export", "xlsx", f"{work}/out.xlsx", "--package", package])),
        "xlsx-unchecked": _run(
            lambda: main(
                ["export", "xlsx", f"{work}/raw.xlsx", "--package", package, "--no-validate"]
            )
        ),
        "diff": _run(lambda: main(["diff", reference, package])),
    }
    print(json.dumps(results))
