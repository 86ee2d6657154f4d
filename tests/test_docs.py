"""The README, DATA.md and CITATION.cff say what the package is."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from cnd_data.cli import main
from cnd_data.dictionary import NOTES, dictionary
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_the_readme_examples_print_what_the_readme_shows() -> None:
    examples = re.findall(r"```python\n([^`]*)```\n\n```text\n([^`]*)```", README)
    assert len(examples) >= 2
    for code, shown in examples:
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            exec(compile(code, "README.md", "exec"), {})
        assert output.getvalue() == shown


def test_the_readme_gives_two_fresh_machine_commands_and_ci_runs_the_test_one() -> None:
    commands = [line.split("#")[0].strip() for line in _blocks("sh")[0].splitlines()]
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()


def test_ci_runs_every_nox_session_but_the_benchmark_and_the_docs() -> None:
    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
    sessions = set(re.findall(r"@nox\.session\(python=PYTHON\)\ndef (\w+)\(", noxfile))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    default = re.search(r"^nox\.options\.sessions = \[(.*)\]$", noxfile, flags=re.M)
    assert default is not None
    run = set(re.findall(r'"(\w+)"', default[1]))  # `nox` alone, the README's test command
    for line in ci.splitlines():
        if line.startswith("nox --sessions "):
            run |= set(line.split()[2:])
    assert sessions - run == {"bench", "docs"}


def test_the_data_dictionary_is_current() -> None:
    expected = dictionary(ROOT, ROOT / NOTES)
    assert (ROOT / "DATA.md").read_text(encoding="utf-8") == expected, "run cnd-data dictionary"


def test_the_dictionary_names_every_field() -> None:
    text = (ROOT / "DATA.md").read_text(encoding="utf-8")
    for schema_path in (ROOT / "schemas").glob("*.json"):
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        for field in schema["fields"]:
            assert f"| `{field['name']}` |" in text, (schema_path.name, field["name"])


def test_dictionary_check_fails_on_a_stale_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "DATA.md"
    stale.write_text("# old\n", encoding="utf-8")
    monkeypatch.chdir(ROOT)
    assert main(["dictionary", "--check", "--output", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["dictionary", "--output", str(stale)]) == 0
    assert main(["dictionary", "--check", "--output", str(stale)]) == 0


def test_citation_version_is_the_package_version() -> None:
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert re.search(r"^version: (\S+)$", citation, flags=re.M)[1] == descriptor["version"]  # type: ignore[index]


def test_dictionary_outside_a_checkout_needs_its_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["dictionary", str(ROOT), "--output", str(tmp_path / "DATA.md")]) == 1
    assert "--notes" in capsys.readouterr().err
    assert not (tmp_path / "DATA.md").exists()


def test_every_python_block_of_the_readme_runs_as_pasted(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    blocks = _blocks("python")
    assert len(blocks) >= 4
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {})
    capsys.readouterr()


def test_each_documented_release_commit_holds_its_version() -> None:
    """CONTRIBUTING lists the commit of every release, for clones without the tags."""
    import subprocess

    rows = re.findall(r"^\| `v([0-9.]+)` \| `([0-9a-f]{7,40})` \|", CONTRIBUTING, flags=re.M)
    assert rows
    for version, commit in rows:
        shown = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{commit}:datapackage.json"],
            capture_output=True,
            text=True,
        )
        if shown.returncode:  # not a checkout, or a shallow one
            pytest.skip(f"commit {commit} is not in this clone")
        assert json.loads(shown.stdout)["version"] == version, commit
