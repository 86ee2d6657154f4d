"""The package grown by chapters: the repository's sources plus synthetic chapters build into one
valid release, on which the README's examples, the exports and the dictionary hold."""

from __future__ import annotations

import contextlib
import io
import re
import sqlite3
from pathlib import Path

import pytest

import cnd_data
from cnd_data.build import build
from cnd_data.dictionary import dictionary
from cnd_data.export.queries import QUERIES
from cnd_data.export.sqlite import export_sqlite
from cnd_data.export.xlsx import export_xlsx
from cnd_data.validate import validate
from conftest import REGISTRY, ROOT, SHIPPED, SOURCES

GENRE = ROOT / "tests" / "fixtures" / "genre"
# Chapters of two bodies and of a later session, one of which sorts before the shipped chapter.
ADDED = [GENRE / "ccpcj34-item4.md", GENRE / "cnd69-item3.md"]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("grown")
    build([SOURCES, *ADDED], out, REGISTRY)
    return out


def test_the_grown_package_is_valid_and_holds_every_chapter(grown: Path) -> None:
    report = validate(grown)
    assert report.valid, report.findings[:5]
    reports = cnd_data.load(grown).reports["report_id"].tolist()
    assert SHIPPED in reports
    assert {p.stem for p in ADDED} <= set(reports)


def test_the_readme_examples_print_the_same_on_the_grown_package(
    grown: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """They select the shipped chapter and join within a report, so other chapters change
    nothing they print."""
    monkeypatch.chdir(grown)  # load() reads the package in the current folder
    examples = re.findall(r"```python\n([^`]*)```\n\n```text\n([^`]*)```", README)
    assert examples
    for code, shown in examples:
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            exec(compile(code, "README.md", "exec"), {})
        assert output.getvalue() == shown


def test_the_states_in_groups_join_stays_within_each_report(
    grown: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the chapter filter, no State is paired with a group of another report."""
    monkeypatch.chdir(grown)
    (code,) = [c for c, _ in re.findall(r"```python\n([^`]*)```\n\n```text\n([^`]*)```", README)
               if "group_members" in c]  # fmt: skip
    code = code.replace(".query(\"report_id == 'cnd68-item6'\")", "")
    scope: dict[str, object] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "README.md", "exec"), scope)
    both = scope["both"]
    pkg = cnd_data.load()
    group_report = pkg.groups.set_index("group_id")["report_id"]
    assert not both.empty  # type: ignore[attr-defined]
    assert (both["group_id_y"].map(group_report) == both["report_id"]).all()  # type: ignore[index]


def test_the_exports_hold_every_chapter(grown: Path, tmp_path: Path) -> None:
    database = export_sqlite(tmp_path / "grown.db", grown)
    with sqlite3.connect(database) as db:
        chapters = db.execute("SELECT count(*) FROM reports").fetchone()[0]
        results = {q.name: db.execute(q.sql).fetchall() for q in QUERIES}
    assert chapters == len(cnd_data.load(grown).reports) > len(ADDED)
    assert all(results.values())
    workbook = export_xlsx(tmp_path / "grown.xlsx", grown)
    assert workbook.stat().st_size > 0


def test_the_dictionary_counts_every_chapter(grown: Path) -> None:
    text = dictionary(grown, ROOT / "docs" / "data-notes.md")
    rows = len(cnd_data.load(grown).reports)
    assert f"| [reports](#reports) | {rows} |" in text
    assert f"**{cnd_data.load(grown).title}**" in text
    assert "report chapters — speakers, actions, groups and paragraphs**" in text
