"""The workbook opened by LibreOffice: converted headless to one CSV per sheet, every cell of
every table reads back as the published CSV has it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import cnd_data
from cnd_data.export.xlsx import export_xlsx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Comma, double quote, UTF-8, from line 1, quote text cells, every sheet to its own file.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1"

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _strings(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def test_libreoffice_reads_every_cell_as_published(tmp_path: Path) -> None:
    assert SOFFICE is not None
    workbook = export_xlsx(tmp_path / "cnd.xlsx")
    out = tmp_path / "csv"
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", CSV_FILTER, "--outdir", str(out), str(workbook)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pkg = cnd_data.load()
    for name in pkg:
        published = _strings(pkg.path(name))
        opened = _strings(out / f"cnd-{name}.csv")
        booleans = [f["name"] for f in pkg.schema(name)["fields"] if f["type"] == "boolean"]
        for column in booleans:  # a spreadsheet prints TRUE and FALSE
            opened[column] = opened[column].str.lower()
        pd.testing.assert_frame_equal(opened, published, obj=name)
