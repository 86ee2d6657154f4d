"""The recipes of DATA.md and the README for reading the files without our loader run as
written and keep Namibia's code "NA" and Algeria's "012", with empty cells missing."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from cnd_data.export.xlsx import export_xlsx
from conftest import ROOT

DATA = (ROOT / "DATA.md").read_text(encoding="utf-8")
SECTION = DATA.split("### Reading the files without our loader", 1)[1].split("\n## ", 1)[0]
README = (ROOT / "README.md").read_text(encoding="utf-8")
README_SECTION = README.split("## Reading the files without our loader", 1)[1].split("\n## ")[0]
KEPT = [("Algeria", "DZ", "012"), ("Namibia", "NA", "516")]


def block(text: str, language: str, reads: str = "") -> str:
    """The one block of the language in the text (the one that calls ``reads``, if given)."""
    blocks = re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)
    (code,) = [b for b in blocks if reads in b] if reads else blocks
    return str(code)


def run_python(code: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    monkeypatch.chdir(ROOT)
    scope: dict[str, object] = {}
    exec(compile(code, "DATA.md", "exec"), scope)
    return scope


def kept(actors: pd.DataFrame) -> list[tuple[str, str, str]]:
    rows = actors[actors["name"].isin(["Algeria", "Namibia"])].sort_values("name")
    return list(rows[["name", "iso2", "m49"]].itertuples(index=False, name=None))


def test_the_pandas_recipe(monkeypatch: pytest.MonkeyPatch) -> None:
    scope = run_python(block(SECTION, "python", "read_csv"), monkeypatch)
    actors, members = scope["actors"], scope["members"]
    assert isinstance(actors, pd.DataFrame)
    assert isinstance(members, pd.DataFrame)
    assert kept(actors) == KEPT
    assert actors.loc[actors["name"] == "Namibia", "abbreviation"].isna().all()
    assert str(members["position"].dtype) == "Int64"
    assert members["position"].isna().any()


def test_the_readme_pandas_line(monkeypatch: pytest.MonkeyPatch) -> None:
    actors = run_python(block(README_SECTION, "python"), monkeypatch)["actors"]
    assert isinstance(actors, pd.DataFrame)
    assert kept(actors) == KEPT
    assert actors.loc[actors["name"] == "Namibia", "abbreviation"].isna().all()


def test_the_workbook_recipe(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    export_xlsx(tmp_path / "cnd.xlsx", ROOT)
    monkeypatch.chdir(tmp_path)
    scope: dict[str, object] = {}
    exec(compile(block(SECTION, "python", "read_excel"), "DATA.md", "exec"), scope)
    actors = scope["actors"]
    assert isinstance(actors, pd.DataFrame)
    assert kept(actors) == KEPT
    assert str(actors["un_member"].dtype) == "boolean"
    assert not actors.set_index("actor_id").at["PSE", "un_member"]
    assert actors.loc[actors["name"] == "Namibia", "abbreviation"].isna().all()


def test_the_duckdb_recipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    relation = duckdb.sql(block(SECTION, "sql"))
    assert relation is not None
    assert relation.fetchall() == KEPT


def test_the_csvkit_recipe() -> None:
    command = block(SECTION, "sh").strip()
    shown = subprocess.run(
        command, shell=True, cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in shown.splitlines()]
    assert [tuple(row) for row in rows if row[0] in {"Algeria", "Namibia"}] == KEPT


def test_the_defaults_would_lose_both() -> None:
    """The recipes are needed: pandas' defaults read "NA" as missing and "012" as 12."""
    actors = pd.read_csv(ROOT / "data" / "actors.csv")
    namibia = actors[actors["name"] == "Namibia"].iloc[0]
    algeria = actors[actors["name"] == "Algeria"].iloc[0]
    assert pd.isna(namibia["iso2"])
    assert algeria["m49"] == 12
