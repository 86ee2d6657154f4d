"""cnd-data validate: a readable report, JSON for machines, exit codes, and no side effects."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import cnd_data
from cnd_data.cli import main
from mutations import descriptor, reseal, set_cell


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_shipped_package_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    pkg = cnd_data.load()
    rows = sum(len(pkg[name]) for name in pkg)
    assert f"VALID: {len(pkg)} tables, {rows} rows, no errors" in out
    assert "speakers" in out


def test_an_invalid_release_exits_1_with_resource_row_field_and_rule(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_cell("speakers", 3, "actor_id", "XXX")(package_copy)
    reseal(package_copy)
    before = _tree(package_copy)
    assert main(["validate", str(package_copy)]) == 1
    out = capsys.readouterr().out
    assert "row 3, field actor_id: [foreign-key] actor_id=XXX not found in actors (actor_id)" in out
    assert out.rstrip().endswith("INVALID: 1 error")
    assert _tree(package_copy) == before


def test_json_format(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_cell("meetings", 2, "number", "x")(package_copy)
    reseal(package_copy)
    assert (
        main(
            ["validate", str(package_copy / "datapackage.json"), "--format", "json", "--reference"]
        )
        == 1
    )
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    mine = [f for f in report["findings"] if f["rule"] == "type"]
    assert mine == [
        {
            "rule": "type",
            "message": "'x' is not a valid integer",
            "resource": "meetings",
            "row": 2,
            "field": "number",
            "value": "x",
        }
    ]
    # the reference engine agrees
    assert any(f["rule"] == "frictionless:type-error" for f in report["findings"])


def test_the_report_is_bounded_per_rule(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for row in range(2, 40):
        set_cell("speakers", row, "capacity", "delegate")(package_copy)
    reseal(package_copy)
    assert main(["validate", str(package_copy), "--limit", "5"]) == 1
    out = capsys.readouterr().out
    assert sum(line.startswith("  row") and "[enum]" in line for line in out.splitlines()) == 5
    assert "… and 33 more [enum] findings" in out


def test_a_missing_path_exits_2_with_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cnd_data", "validate", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("cnd-data validate: error: no such file")


def test_a_malformed_descriptor_exits_2(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (package_copy / "datapackage.json").write_text("[1, 2", encoding="utf-8")
    assert main(["validate", str(package_copy)]) == 2
    assert "not a JSON document" in capsys.readouterr().err


def test_usage_errors_exit_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "xml"]) == 2
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err.splitlines() == [
        "cnd-data validate: error: argument --format: invalid choice: 'xml' (choose from"
        " 'text', 'json', 'github') (see cnd-data validate --help)"
    ]


@pytest.mark.parametrize(
    ("words", "says"),
    [
        (["validate", "--format", "json", "--limit", "x"], "'x' is not a whole number"),
        (["validate", "--format=json", "--bogus"], "unrecognized arguments: --bogus"),
        (["diff", "--form", "json"], "name the earlier release"),  # an abbreviation, read
    ],
)
def test_a_usage_error_asked_for_in_json_is_json(
    words: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(words) == 2
    said = capsys.readouterr()
    shown = json.loads(said.out)
    assert shown["exit_code"] == 2
    assert says in shown["error"]
    assert len(said.err.splitlines()) == 1


def test_remote_paths_are_followed_only_when_allowed(
    package_copy: Path, capsys: pytest.CaptureFixture[str], web: Callable[[Path], str]
) -> None:
    url = f"{web(package_copy / 'data')}/meetings.csv"
    descriptor(lambda d: d["resources"][1].update(path=url))(package_copy)
    assert main(["validate", str(package_copy)]) == 1
    assert "remote paths need --allow-remote" in capsys.readouterr().out
    assert main(["validate", str(package_copy), "--allow-remote"]) == 0


def test_a_file_url_is_not_followed_even_when_remote_paths_are(
    package_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--allow-remote lets a package name its files on the web, not the machine's own files
    outside it (a cell of one would be shown in a finding)."""
    secret = tmp_path / "elsewhere.csv"
    secret.write_text("number,date\nSECRET-9d41,2025-03-10\n", encoding="utf-8")
    descriptor(lambda d: d["resources"][1].update(path=secret.as_uri()))(package_copy)
    assert main(["validate", str(package_copy), "--allow-remote"]) == 1
    shown = capsys.readouterr().out
    assert "only http and https URLs are followed" in shown
    assert "SECRET-9d41" not in shown


def test_with_no_path_validate_checks_the_package_in_the_current_folder(
    package_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a checkout, an edit to the files in front of you is what gets validated."""
    set_cell("speakers", 3, "actor_id", "XXX")(package_copy)
    reseal(package_copy)
    monkeypatch.chdir(package_copy)
    assert main(["validate"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first == (
        f"cnd-data validate: the package in the current folder, {package_copy.resolve()},"
        f" version {cnd_data.load(package_copy).version}"
    )


def test_json_output_is_json_even_when_validation_cannot_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "nowhere"), "--format", "json"]) == 2
    shown = json.loads(capsys.readouterr().out)
    assert shown["valid"] is False
    assert shown["exit_code"] == 2
    assert "no such file" in shown["error"]


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"cnd-data {cnd_data.__version__}"
    assert main([]) == 0
    assert "COMMAND" in capsys.readouterr().out


@pytest.mark.parametrize("limit", ["0", "-1", "x"])
def test_a_limit_below_one_is_a_usage_error(limit: str) -> None:
    assert main(["validate", "--limit", limit]) == 2


def test_github_annotations_point_at_the_csv_line(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_cell("speakers", 3, "actor_id", "XXX")(package_copy)
    reseal(package_copy)
    assert main(["validate", str(package_copy), "--format", "github"]) == 1
    shown = capsys.readouterr().out.splitlines()
    speakers = str(package_copy / "data" / "speakers.csv")
    assert any(
        line.startswith(f"::error file={speakers},line=3,title=foreign-key::") for line in shown
    ), shown
    assert shown[-1].startswith("cnd-data validate: INVALID")


def test_github_annotations_do_not_read_the_descriptor_again(
    package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The annotations point at the files the validator read, even when the descriptor is
    changed after it was read (here, to send a data file's annotations outside the package)."""
    from cnd_data.cli import _github
    from cnd_data.validate import validate

    set_cell("speakers", 3, "actor_id", "XXX")(package_copy)
    reseal(package_copy)
    report = validate(package_copy)
    descriptor = package_copy / "datapackage.json"
    document = json.loads(descriptor.read_text(encoding="utf-8"))
    for resource in document["resources"]:
        resource["path"] = "/etc/passwd"
    descriptor.write_text(json.dumps(document), encoding="utf-8")
    shown = _github(report).splitlines()
    speakers = str(package_copy / "data" / "speakers.csv")
    assert any(line.startswith(f"::error file={speakers},line=3,") for line in shown), shown
    assert not any("passwd" in line for line in shown)


def test_the_action_and_the_hook_run_the_gate_with_the_validate_extra() -> None:
    """The GitHub Action installs the validate extra; the pre-commit hook lists the same
    packages (pre-commit cannot ask for an extra)."""
    import re
    import tomllib

    root = Path(__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    extra = project["project"]["optional-dependencies"]["validate"]
    action = (root / "action.yml").read_text(encoding="utf-8")
    assert "[validate]" in action
    assert "cnd-data validate" in action
    assert "--format github" in action
    hook = (root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    listed = re.search(r"additional_dependencies: \[(.*)\]", hook)
    assert listed is not None
    assert [d.strip().strip('"') for d in listed[1].split(",")] == extra
    assert "entry: cnd-data validate" in hook
