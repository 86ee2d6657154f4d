"""The cnd-data command's build front end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cnd_data.cli import main
from conftest import REGISTRY, ROOT, SOURCES


def test_build_into_a_new_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "release"
    assert main(["build", str(SOURCES), "--out", str(out), "--registry", str(REGISTRY)]) == 0
    assert (out / "data" / "speakers.csv").read_bytes() == (
        ROOT / "data" / "speakers.csv"
    ).read_bytes()
    resources = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    # every CSV and schema file, and the descriptor
    assert f"wrote {2 * len(resources) + 1} files" in capsys.readouterr().out


def test_build_of_a_missing_source_fails_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(tmp_path / "nope"), "--out", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("cnd-data build: error: no such source file or folder")
    assert "Traceback" not in error
    assert not (tmp_path / "data").exists()


def test_a_failed_build_leaves_the_output_untouched(tmp_path: Path) -> None:
    report = tmp_path / "bad.md"
    report.write_text(
        (SOURCES / "reports" / "cnd68-item6.md")
        .read_text(encoding="utf-8")
        .replace("Kenya, Pakistan", "Kenya, Atlantis"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["build", str(report), "--out", str(out), "--registry", str(REGISTRY)]) == 1
    assert not out.exists()


def test_python_dash_m(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cnd_data", "build", str(SOURCES), "--out", str(tmp_path),
         "--registry", str(REGISTRY)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "datapackage.json").is_file()


def test_a_broken_pyarrow_does_not_stop_a_command_that_needs_none(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """pyarrow found but failing to import: the allocator choice steps aside and the command
    runs, rather than ending in a traceback."""
    from cnd_data import arrow_reader

    monkeypatch.setattr(arrow_reader, "available", lambda: True)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    assert main(["rules", "--output", str(tmp_path / "rules.md")]) == 0
    assert (tmp_path / "rules.md").is_file()
