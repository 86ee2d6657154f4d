"""The pull-request gate: the shipped workflow's inputs fed to the action's own commands, run on
a repository whose base branch holds a release and whose pull request grows it by a chapter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from cnd_data.build import build
from conftest import REGISTRY, ROOT, SHIPPED_SOURCE
from mutations import copy_package

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
WORKFLOW = yaml.safe_load(
    (ROOT / ".github" / "workflows" / "release-gate.yml").read_text(encoding="utf-8")
)
CHAPTER = ROOT / "tests" / "fixtures" / "genre" / "cnd69-item3.md"


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
        timeout=60,
    )


def gate_inputs(base_ref: str) -> dict[str, str]:
    """The action's inputs as the workflow gives them, with the defaults of the others."""
    (step,) = [s for s in WORKFLOW["jobs"]["gate"]["steps"] if s.get("uses") == "./"]
    given = {k: str(v).replace("${{ github.base_ref }}", base_ref) for k, v in step["with"].items()}
    defaults = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    return defaults | given


def run_gate(repo: Path, inputs: dict[str, str]) -> list[subprocess.CompletedProcess[str]]:
    """The action's command steps (not its set-up and install steps) as GitHub runs them: each
    in bash, with its env, skipped when its condition is false; the first failure ends it."""
    done = []
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    for step in ACTION["runs"]["steps"]:
        command = step.get("run", "")
        if not command.startswith("cnd-data "):
            continue
        condition = step.get("if")
        if condition == "inputs.against != ''" and not inputs["against"]:
            continue
        assert condition in (None, "inputs.against != ''"), condition
        env = {k: _expand(v, inputs) for k, v in step.get("env", {}).items()}
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=repo,
            env=os.environ | env | {"PATH": path},
            capture_output=True,
            text=True,
            timeout=300,
        )
        done.append(result)
        if result.returncode:
            break
    return done


def _expand(value: Any, inputs: dict[str, str]) -> str:
    text = str(value)
    for name, given in inputs.items():
        text = text.replace(f"${{{{ inputs.{name} }}}}", given)
    assert "${{" not in text, text
    return text


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A repository: main holds the shipped chapter's release; the checked-out branch adds a
    chapter."""
    repo = copy_package(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "release")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")  # as after a fetch
    git(repo, "checkout", "-q", "-b", "a-chapter")
    build([SHIPPED_SOURCE, CHAPTER], repo, REGISTRY)
    return repo


def set_version(repo: Path, version: str) -> None:
    path = repo / "datapackage.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["version"] = version
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")


def version(repo: Path) -> tuple[int, int, int]:
    text = json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))["version"]
    major, minor, patch = map(int, text.split("."))
    return major, minor, patch


def test_a_chapter_with_a_minor_bump_passes(pull_request: Path) -> None:
    major, minor, _ = version(pull_request)
    set_version(pull_request, f"{major}.{minor + 1}.0")
    steps = run_gate(pull_request, gate_inputs("main"))
    assert len(steps) == 2
    assert [s.returncode for s in steps] == [0, 0], [s.stderr for s in steps]
    assert "cnd-data validate: VALID" in steps[0].stdout


def test_a_chapter_without_a_bump_fails_the_gate(pull_request: Path) -> None:
    steps = run_gate(pull_request, gate_inputs("main"))
    assert [s.returncode for s in steps] == [0, 1]
    assert "the changes require a minor bump" in steps[1].stderr


def test_an_invalid_release_fails_with_annotations(pull_request: Path) -> None:
    major, minor, _ = version(pull_request)
    set_version(pull_request, f"{major}.{minor + 1}.0")
    meetings = pull_request / "data" / "meetings.csv"
    meetings.write_text(meetings.read_text(encoding="utf-8") + "x,1,2025-01-01\n")
    steps = run_gate(pull_request, gate_inputs("main"))
    assert [s.returncode for s in steps] == [1]
    assert "::error file=" in steps[0].stdout
    assert "data/meetings.csv,line=" in steps[0].stdout


def test_without_a_previous_release_only_validation_runs(pull_request: Path) -> None:
    steps = run_gate(pull_request, gate_inputs("main") | {"against": ""})
    assert [s.returncode for s in steps] == [0]


@pytest.mark.parametrize("hostile", ["--help", "--version", "-h"])
def test_inputs_are_never_taken_for_options(pull_request: Path, hostile: str) -> None:
    steps = run_gate(pull_request, gate_inputs("main") | {"path": hostile})
    assert steps[0].returncode == 2
    assert "usage:" not in steps[0].stdout
    steps = run_gate(pull_request, gate_inputs("main") | {"against": hostile})
    assert steps[-1].returncode == 2
    assert "is not a git ref" in steps[-1].stderr
