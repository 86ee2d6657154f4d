"""Rebuild as a check: in a checkout, validate compares the package with a fresh build of the
sources beside it and names the first table, row and field where a hand edit differs."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import cnd_data
from cnd_data import paths
from cnd_data.cli import main
from cnd_data.validate import rebuild, validate
from conftest import REGISTRY, SHIPPED_SOURCE
from mutations import copy_package, descriptor, edit, reseal, set_cell


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The shipped chapter's package with the sources it was built from beside it."""
    folder = copy_package(tmp_path / "checkout")
    (folder / "sources" / "reports").mkdir(parents=True)
    shutil.copy(SHIPPED_SOURCE, folder / "sources" / "reports")
    shutil.copytree(REGISTRY, folder / "sources" / "registry")
    return folder


def rebuild_findings(folder: Path) -> list[tuple[str | None, int | None, str | None]]:
    report = validate(folder)
    assert {f.rule for f in report.findings} <= {"rebuild"}, report.findings
    return [(f.resource, f.row, f.field) for f in report.findings]


def test_an_unedited_checkout_equals_its_build_and_says_so(checkout: Path) -> None:
    report = validate(checkout)
    assert report.valid
    assert report.rebuild == f"the package equals a build of {checkout / 'sources'}"


def test_an_unedited_file_is_not_read_again(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The validation read each file once; the build is compared with what it read."""
    read_again: list[str] = []
    read_inside = paths.read_inside

    def counted(folder: Path, path: str, *limit: int) -> bytes:
        read_again.append(path)
        return read_inside(folder, path, *limit)

    monkeypatch.setattr(rebuild, "read_inside", counted)
    assert validate(checkout).valid
    assert not [path for path in read_again if path.startswith("data/")]
    _elsewhere(checkout)
    assert not validate(checkout).valid
    assert "data/reports.csv" in read_again  # the file that differs, read to say where


def _elsewhere(folder: Path) -> None:
    """The session held in Geneva: the venue is read from the cover, which the package does
    not hold as text, so no rule reads it against the words (docs/rules.md) and only the
    rebuild sees the edit."""
    set_cell("reports", 2, "venue", "Geneva")(folder)
    reseal(folder)


def test_a_hand_edit_that_passes_every_other_check_is_named(checkout: Path) -> None:
    _elsewhere(checkout)
    assert rebuild_findings(checkout) == [("reports", 2, "venue")]
    report = validate(checkout)
    assert report.findings[0].value == "Geneva"
    assert "'Vienna' built" in report.findings[0].message


def test_a_row_added_by_hand_is_named(checkout: Path) -> None:
    extra = {"actor_id": "extra-body", "name": "Extra Body", "actor_type": "ngo", "kind": "name"}
    for table in ("actors", "names"):  # an actor and its name, as the names rule asks
        edit(table, lambda rows: rows.append({k: extra.get(k, "") for k in rows[0]}))(checkout)
    reseal(checkout)
    found = rebuild_findings(checkout)
    package = cnd_data.load(checkout)
    rows = [("actors", len(package.actors) + 1), ("names", len(package.names) + 1)]
    assert [(resource, row) for resource, row, _ in found] == rows


def test_a_descriptor_edit_the_build_would_not_make_is_named(checkout: Path) -> None:
    descriptor(lambda d: d.update(title="A title by hand"))(checkout)
    assert rebuild_findings(checkout) == [(None, None, "title")]


def test_sources_that_do_not_build_are_a_finding(checkout: Path) -> None:
    report_text = checkout / "sources" / "reports" / SHIPPED_SOURCE.name
    text = report_text.read_text(encoding="utf-8").replace("Singapore", "Atlantis", 1)
    report_text.write_text(text, encoding="utf-8")
    report = validate(checkout)
    assert [f.rule for f in report.findings] == ["rebuild"]
    assert "do not build" in report.findings[0].message
    assert "unknown name 'Atlantis'" in report.findings[0].message


def test_without_sources_or_when_asked_it_does_not_run_and_says_so(
    checkout: Path, package_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert validate(package_copy).rebuild == "not run: no sources/ beside the package"
    _elsewhere(checkout)
    assert main(["validate", str(checkout), "--no-rebuild"]) == 0
    assert "rebuild: not run (--no-rebuild)" in capsys.readouterr().out
    assert main(["validate", str(checkout), "--format", "json"]) == 1
    shown = json.loads(capsys.readouterr().out)
    assert shown["rebuild"].startswith("the package differs from a build of")


def test_an_invalid_package_is_not_rebuilt(checkout: Path) -> None:
    set_cell("meetings", 4, "date", "2025-03-11")(checkout)  # not resealed: a hash finding
    report = validate(checkout)
    assert report.rebuild == "not run: the package has other findings"
    assert "rebuild" not in {f.rule for f in report.findings}


def test_the_rebuild_writes_nothing_to_the_package(checkout: Path) -> None:
    before = {p: p.read_bytes() for p in checkout.rglob("*") if p.is_file()}
    validate(checkout)
    assert {p: p.read_bytes() for p in checkout.rglob("*") if p.is_file()} == before


def test_a_data_file_read_from_elsewhere_is_a_finding_not_an_error(
    checkout: Path, web: Callable[[Path], str]
) -> None:
    """With --allow-remote a resource may name its file by URL: what the URL serves may change
    after the check, so a build of the sources cannot vouch for it, even where it is the same
    now; the report says so."""
    url = f"{web(checkout / 'data')}/actors.csv"
    descriptor(lambda d: next(r for r in d["resources"] if r["name"] == "actors").update(path=url))(
        checkout
    )
    report = validate(checkout, allow_remote=True)
    assert [(f.rule, f.resource) for f in report.findings] == [("rebuild", "actors")]
    assert "a build of sources/ cannot vouch for it" in report.findings[0].message


def test_the_same_cells_written_otherwise_are_said_as_such(checkout: Path) -> None:
    path = checkout / "data" / "meetings.csv"
    path.write_bytes(path.read_bytes().replace(b"cnd68-item6,5,", b'"cnd68-item6",5,'))
    reseal(checkout)
    report = validate(checkout)
    assert [(f.rule, f.resource, f.row) for f in report.findings] == [("rebuild", "meetings", None)]
    assert "the same cells, written otherwise" in report.findings[0].message


def test_sources_linked_from_outside_the_package_are_not_built(
    checkout: Path, tmp_path: Path
) -> None:
    """A package's sources/ (or its reports/) that is a link out of the package is refused
    with a finding: its files are not read, nor their words shown."""
    for linked in ("sources", "sources/reports"):
        elsewhere = tmp_path / f"elsewhere-{linked.replace('/', '-')}"
        shutil.move(checkout / linked, elsewhere)
        (checkout / linked).symlink_to(elsewhere, target_is_directory=True)
        report = validate(checkout)
        assert [f.rule for f in report.findings] == ["rebuild"], report.findings
        assert "a link that leads outside it" in report.findings[0].message
        (checkout / linked).unlink()
        shutil.move(elsewhere, checkout / linked)
