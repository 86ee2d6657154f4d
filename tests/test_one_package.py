"""One package per command, said out loud: with no package named, every command reads the one
in the current folder (a checkout, or a release folder), else the installed one, and says which."""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import pytest

import cnd_data
from cnd_data.cli import main
from cnd_data.paths import default_package, shipped_package
from conftest import ROOT
from mutations import descriptor, edit, reseal, set_cell, shipped_chapter

NOTES = ROOT / "docs" / "data-notes.md"


@pytest.fixture
def checkout(package_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A release folder that differs from the installed package (version and a cell no rule
    reads against the words: the venue), as the current folder."""
    descriptor(lambda d: d.update(version="9.8.7"))(package_copy)
    set_cell("reports", 2, "venue", "Geneva")(package_copy)
    reseal(package_copy)
    monkeypatch.chdir(package_copy)
    return package_copy


def test_the_current_folder_is_read_when_it_holds_a_package(checkout: Path) -> None:
    assert default_package() == (checkout, "the package in the current folder")
    pkg = cnd_data.load()
    assert (pkg.folder, pkg.version) == (checkout, "9.8.7")
    assert list(pkg.reports.venue) == ["Geneva"]
    assert list(cnd_data.load(shipped_chapter()).reports.venue) == ["Vienna"]


def test_elsewhere_the_installed_package_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert default_package() == (shipped_package(), "the package installed with cnd_data")
    assert cnd_data.load().folder == shipped_package()
    # the installed release's version stays the software's, wherever the command runs
    assert cnd_data.__version__ == cnd_data.load().version


def test_dictionary_reads_the_checkout_and_says_so(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = checkout / "DATA.md"
    assert main(["dictionary", "--output", str(output), "--notes", str(NOTES)]) == 0
    said = capsys.readouterr().out
    assert f"the package in the current folder, {checkout.resolve()}, version 9.8.7" in said
    assert "version 9.8.7" in output.read_text(encoding="utf-8")
    assert main(["dictionary", "--check", "--output", str(output), "--notes", str(NOTES)]) == 0


def test_export_reads_the_checkout_and_says_so(
    checkout: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    target = tmp_path / "out.db"
    assert main(["export", "sqlite", str(target)]) == 0
    assert f"{checkout.resolve()}, version 9.8.7" in capsys.readouterr().out
    with sqlite3.connect(target) as db:
        venues = db.execute("SELECT venue FROM reports").fetchall()
    assert venues == [("Geneva",)]


def test_diff_reads_the_checkout_as_new_and_says_so(
    checkout: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(ROOT), "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["new"], shown["new_version"]) == (str(checkout.resolve()), "9.8.7")
    assert shown["rows"]["reports"]["changed"] == 1  # the venue


def test_export_without_the_validate_extra_refuses(
    checkout: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(sys.modules, "cnd_data.validate", None)  # as if it could not be imported
    target = tmp_path / "out.db"
    assert main(["export", "sqlite", str(target)]) == 1
    assert "pip install 'cnd-data[validate]', or export with --no-validate" in (
        capsys.readouterr().err
    )
    assert not target.exists()
    assert main(["export", "sqlite", str(target), "--no-validate"]) == 0
    assert "not validated (--no-validate)" in capsys.readouterr().out


def test_a_reader_that_stops_reading_gets_no_traceback(package_copy: Path) -> None:
    """``cnd-data diff OLD NEW | head -1``: the pipe closes while the command still writes."""
    for table in ("speakers", "sentences", "paragraphs"):
        edit(table, lambda rows: rows.clear())(package_copy)
    reseal(package_copy)
    command = [sys.executable, "-m", "cnd_data", "diff", str(package_copy), str(ROOT)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        fcntl.fcntl(process.stdout.fileno(), fcntl.F_SETPIPE_SZ, 4096)  # a pipe of one page
        process.stdout.readline()
        process.stdout.close()
        error = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert (code, error) == (141, "")


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_exports_written_in_the_checkout_are_ignored_by_git() -> None:
    names = ["cnd.db", "cnd.metadata.json", "cnd.xlsx"]
    shown = subprocess.run(
        ["git", "-C", str(ROOT), "check-ignore", *names], capture_output=True, text=True
    ).stdout.split()
    assert shown == names
