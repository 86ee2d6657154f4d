"""cnd-data release, and diff against a git ref: the release workflow on a repository whose HEAD
is a tagged release, grown by a chapter."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cnd_data.build import build
from cnd_data.cli import main
from cnd_data.release import with_section
from conftest import REGISTRY, ROOT, SHIPPED_SOURCE
from mutations import copy_package, set_cell

CHAPTER = ROOT / "tests" / "fixtures" / "genre" / "cnd69-item3.md"
CHANGELOG = """# Changelog

## [Unreleased]

### Fixed
- An entry written before the release.

## [1.0.0] - 2026-01-01

- The first release.
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, timeout=60
    )
    return done.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", message)


def version(folder: Path) -> str:
    return str(json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["version"])


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose HEAD is the shipped chapter's release, tagged, as the current folder."""
    folder = copy_package(tmp_path / "repo")
    (folder / "CHANGELOG.md").write_text(CHANGELOG, encoding="utf-8")
    shutil.copy(ROOT / "CITATION.cff", folder)
    git(folder, "init", "-q")
    commit_all(folder, "release")
    git(folder, "tag", f"v{version(folder)}")
    monkeypatch.chdir(folder)
    return folder


def grow(folder: Path) -> None:
    build([SHIPPED_SOURCE, CHAPTER], folder, REGISTRY)


def test_nothing_changed_is_nothing_to_release(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["release"]) == 1
    assert "there is nothing to release" in capsys.readouterr().err


def test_a_chapter_added_is_a_minor_release_written_everywhere(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = version(repo)
    major, minor, _ = map(int, before.split("."))
    grow(repo)
    assert main(["release", "--date", "2026-12-01"]) == 0
    said = capsys.readouterr().out
    new = f"{major}.{minor + 1}.0"
    assert f"release {new} (minor; the changes require minor)" in said
    assert "git add sources data schemas datapackage.json CITATION.cff CHANGELOG.md DATA.md" in said
    assert f"git tag v{new}" in said
    assert "row added" not in said  # the rows are counted, and diff lists them
    assert "speakers: +7 rows" in said
    assert version(repo) == new
    descriptor = json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["created"] == "2026-12-01T00:00:00Z"
    citation = (repo / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r"^version: (\S+)$", citation, flags=re.M)[1] == new  # type: ignore[index]
    assert 'date-released: "2026-12-01"' in citation
    assert citation.count("  - type: report") == 2
    assert "Commission on Narcotic Drugs, 69th session" in citation
    log = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    section = log.split(f"## [{new}] - 2026-12-01\n", 1)[1].split("\n## [", 1)[0]
    assert "- Chapter added: `cnd69-item3` (Commission on Narcotic Drugs, 69th session" in section
    assert "- `speakers`: 7 rows added, 0 removed, 0 changed." in section
    assert "An entry written before the release." in section
    assert "- `reports`: 1 row added, 0 removed, 0 changed." in section
    assert (
        "- The descriptor's description, keywords, sources, temporalCoverage, title changed."
        in section
    )
    assert log.index("## [Unreleased]") < log.index(f"## [{new}]") < log.index("## [1.0.0]")
    assert main(["diff", "--against", f"v{before}", "--check-version"]) == 0


def test_a_bump_too_small_is_refused_and_nothing_is_written(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    grow(repo)
    before = {p: p.read_bytes() for p in (repo / "datapackage.json", repo / "CHANGELOG.md")}
    assert main(["release", "--patch"]) == 1
    assert "a patch release is too small: the changes require minor" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in before} == before


def test_a_larger_bump_may_be_asked_for(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    major = int(version(repo).split(".")[0])
    grow(repo)
    changelog = (repo / "CHANGELOG.md").read_bytes()
    assert main(["release", "--major", "--dry-run"]) == 0
    assert int(version(repo).split(".")[0]) == major  # a dry run writes nothing
    assert (repo / "CHANGELOG.md").read_bytes() == changelog
    said = capsys.readouterr().out
    assert f"## [{major + 1}.0.0] - " in said  # the section it would draft, shown
    assert "- Chapter added: `" in said
    assert main(["release", "--major"]) == 0
    assert version(repo) == f"{major + 1}.0.0"


def test_an_invalid_package_is_not_released(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    grow(repo)
    set_cell("speakers", 3, "actor_id", "XXX")(repo)  # hashes not resealed either
    assert main(["release"]) == 1
    assert "is not a valid release" in capsys.readouterr().err


def test_without_a_tag_the_previous_release_must_be_named(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    git(repo, "tag", "-d", f"v{version(repo)}")
    grow(repo)
    assert main(["release"]) == 2
    assert "no release tag (vX.Y.Z)" in capsys.readouterr().err
    assert main(["release", "--against", "HEAD", "--dry-run"]) == 0


def test_release_outside_a_checkout_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["release"]) == 1
    assert "run cnd-data release in the checkout" in capsys.readouterr().err


def test_diff_reads_a_ref_from_git_without_touching_the_work_tree(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tag = f"v{version(repo)}"
    set_cell("meetings", 2, "date", "2025-03-11")(repo)
    status = git(repo, "status", "--porcelain")
    assert main(["diff", "--against", tag, "--format", "json"]) == 0
    changed = json.loads(capsys.readouterr().out)["changes"]
    assert [(c["kind"], c["resource"], c["field"]) for c in changed] == [
        ("value changed", "meetings", "date")
    ]
    assert git(repo, "status", "--porcelain") == status
    assert main(["diff", "--against", tag, str(repo / "datapackage.json")]) == 0
    capsys.readouterr()


def test_a_folder_named_like_the_ref_is_not_the_previous_release(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a pull request the work tree is the contributor's: a folder ``origin/main`` holding
    the grown package must not stand in for the base branch's release."""
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    grow(repo)
    decoy = repo / "origin" / "main"
    decoy.mkdir(parents=True)
    for name in ("datapackage.json", "data", "schemas"):
        copy = shutil.copytree if (repo / name).is_dir() else shutil.copy
        copy(repo / name, decoy / name)
    assert main(["diff", "--against", "origin/main", "--check-version"]) == 1
    assert "the changes require a minor bump" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("v0.0.9", "no commit at git ref 'v0.0.9'"),
        ("--output=x", "is not a git ref"),
        ("HEAD~5", "no commit at git ref"),
    ],
)
def test_a_ref_that_names_no_release_is_an_error(
    repo: Path, ref: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", f"--against={ref}"]) == 2
    assert message in capsys.readouterr().err
    assert not (repo / "x").exists()


def test_a_link_at_a_ref_is_not_followed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    meetings = repo / "data" / "meetings.csv"
    meetings.unlink()
    os.symlink("/etc/passwd", meetings)
    commit_all(repo, "a link instead of a file")
    git(repo, "tag", "v9.9.9")
    assert main(["diff", "--against", "v9.9.9"]) == 2
    error = capsys.readouterr().err
    assert "'data/meetings.csv' at the ref is not a regular file" in error
    assert "root:" not in error


def test_a_path_out_of_the_package_at_a_ref_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))
    document["resources"][1]["path"] = "../../../etc/passwd"
    (repo / "datapackage.json").write_text(json.dumps(document), encoding="utf-8")
    commit_all(repo, "a path out")
    git(repo, "tag", "v9.9.9")
    assert main(["diff", "--against", "v9.9.9"]) == 2
    assert "'..' would leave the package folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("changelog", "first_heading"),
    [
        (CHANGELOG, "## [Unreleased]"),
        ("# Changelog\n\n## [1.0.0] - 2026-01-01\n", "## [2.0.0]"),
        ("# Changelog\n", "## [2.0.0]"),
    ],
)
def test_the_section_goes_above_the_last_release(changelog: str, first_heading: str) -> None:
    log = with_section(changelog, "## [2.0.0] - 2026-12-01\n\n### Data\n- x.\n")
    assert log.startswith("# Changelog\n")
    headings = re.findall(r"^## .*$", log, flags=re.M)
    assert headings[0].startswith(first_heading)
    assert "## [2.0.0] - 2026-12-01" in headings
    assert log.count("## [2.0.0]") == 1


def test_a_release_that_cannot_be_written_changes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    grow(repo)
    (repo / "CHANGELOG.md").write_bytes(b"# Changelog\n\xff\n")
    before = (repo / "datapackage.json").read_bytes()
    assert main(["release"]) == 2
    assert "cannot read" in capsys.readouterr().err.split("CHANGELOG.md")[0]
    assert (repo / "datapackage.json").read_bytes() == before


@pytest.mark.parametrize("date", ["2026-13-01", "1 December 2026", "２０２６-12-01", "2026-2-1"])
def test_a_release_date_that_is_not_a_date_is_a_usage_error(
    repo: Path, date: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["release", "--date", date]) == 2
    assert "--date" in capsys.readouterr().err


def test_a_ref_that_names_one_blob_many_times_is_copied_once_and_bounded(
    repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Resources that all name one large blob cannot fill the disk: the blob is written once,
    and what a ref's release holds in all is bounded."""
    from cnd_data import gitref

    document = json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))
    blob = (repo / "data" / "speakers.csv").read_bytes()
    for number, resource in enumerate(document["resources"]):
        resource["path"] = f"data/copy{number}.csv"
        (repo / resource["path"]).write_bytes(blob)  # one git blob under ten names
    (repo / "datapackage.json").write_text(json.dumps(document), encoding="utf-8")
    commit_all(repo, "every resource names one blob")
    out = tmp_path / "copied"
    out.mkdir()
    gitref.release_at("HEAD", repo, out)
    copies = sorted((out / "data").iterdir())
    assert len(copies) == len(document["resources"])
    assert len({p.stat().st_ino for p in copies}) == 1
    size = len(blob)
    monkeypatch.setattr(
        gitref, "MAX_TOTAL_BYTES", size - 1 + (out / "datapackage.json").stat().st_size
    )
    again = tmp_path / "again"
    again.mkdir()
    with pytest.raises(gitref.GitRefError, match="holds more than"):
        gitref.release_at("HEAD", repo, again)


def test_a_ref_of_a_thousand_characters_is_refused_without_echoing_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", f"--against={'a' * 100_000}"]) == 2
    assert len(capsys.readouterr().err) < 300


@pytest.mark.parametrize("hidden", ["\x7f", "\x85", "\x9b", "\u2028", "\ufeff", "\U000e0001"])
def test_the_citation_is_yaml_that_reads_back_every_character(repo: Path, hidden: str) -> None:
    """The writer escapes what YAML cannot carry as it is (the gate, which refuses such a
    character in the descriptor, is tested below)."""
    import datetime as dt

    import yaml

    from cnd_data.loader import Package
    from cnd_data.release import citation

    document = json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))
    document["contributors"] = [{"title": f'Jane{hidden}Doe: #1 "quoted"\ttab'}]
    document["licenses"][0]["name"] = "yes"
    text = citation(Package(document, repo), "9.9.9", dt.date(2027, 1, 1))
    read = yaml.safe_load(text)
    assert read["authors"] == [{"name": f'Jane{hidden}Doe: #1 "quoted"\ttab'}]
    assert read["license"] == "yes"


def test_a_release_whose_descriptor_hides_a_character_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))
    document["contributors"] = [{"title": "Jane\u2028Doe"}]
    (repo / "datapackage.json").write_text(json.dumps(document), encoding="utf-8")
    grow(repo)
    assert main(["release"]) == 1
    assert "hidden-character" in capsys.readouterr().err


def test_a_release_written_once_is_not_written_again(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    grow(repo)
    assert main(["release", "--date", "2027-04-01"]) == 0
    written = (repo / "CHANGELOG.md").read_bytes()
    assert main(["release", "--date", "2027-04-02"]) == 1
    assert "has a section for" in capsys.readouterr().err
    assert (repo / "CHANGELOG.md").read_bytes() == written


@pytest.mark.parametrize("name", ["CHANGELOG.md", "CITATION.cff"])
def test_a_release_file_that_is_a_link_is_not_followed(
    repo: Path, tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TOKEN\n", encoding="utf-8")
    (repo / name).unlink()
    os.symlink(secret, repo / name)
    grow(repo)
    before = (repo / "datapackage.json").read_bytes()
    assert main(["release"]) == 2
    assert "is not a regular file" in capsys.readouterr().err
    assert (repo / "datapackage.json").read_bytes() == before
    assert secret.read_text(encoding="utf-8") == "SECRET-TOKEN\n"
