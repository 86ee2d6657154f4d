"""The build reads its sources as untrusted input, and a build that fails changes nothing."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from cnd_data.build import BuildError, build, inputs
from conftest import REGISTRY, SHIPPED_SOURCE, SOURCES


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A copy of sources/: reports/ and registry/."""
    folder = tmp_path / "sources"
    shutil.copytree(SOURCES, folder)
    return folder


def _build(sources: Path, out: Path) -> None:
    build([sources], out, sources / "registry")


def _fifo(path: Path) -> Path:
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    return path


def test_a_fifo_among_the_reports_is_refused_without_blocking(
    sources: Path, tmp_path: Path
) -> None:
    _fifo(sources / "reports" / "zz-pipe.md")
    with pytest.raises(BuildError, match=r"zz-pipe.md: not a regular file"):
        _build(sources, tmp_path / "out")


def test_a_fifo_named_as_the_report_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match=r"pipe.md: not a regular file"):
        build([_fifo(tmp_path / "pipe.md")], tmp_path / "out", REGISTRY)


def test_a_fifo_as_a_registry_file_is_refused(sources: Path, tmp_path: Path) -> None:
    _fifo(sources / "registry" / "aliases.csv")
    with pytest.raises(BuildError, match=r"aliases.csv: not a regular file"):
        _build(sources, tmp_path / "out")


def test_a_report_linked_to_a_device_is_refused(sources: Path, tmp_path: Path) -> None:
    (sources / "reports" / "zero.md").symlink_to("/dev/zero")
    with pytest.raises(BuildError, match=r"zero.md: a link that leads outside"):
        _build(sources, tmp_path / "out")
    with pytest.raises(BuildError, match=r"zero.md: not a regular file"):
        build([sources / "reports" / "zero.md"], tmp_path / "out", REGISTRY)


def test_a_registry_file_linked_outside_its_folder_is_refused(
    sources: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "aliases.csv"
    shutil.move(sources / "registry" / "aliases.csv", outside)
    (sources / "registry" / "aliases.csv").symlink_to(outside)
    with pytest.raises(BuildError, match=r"aliases.csv.*leads outside"):
        _build(sources, tmp_path / "out")


def test_a_source_larger_than_the_limit_is_refused(
    sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inputs, "MAX_SOURCE_BYTES", SHIPPED_SOURCE.stat().st_size - 1)
    with pytest.raises(BuildError, match="more than the limit"):
        _build(sources, tmp_path / "out")


def _set_cell(text: str, column: str, value: str) -> str:
    """The table with ``column`` of its first row set to ``value``."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows[1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(
    ("file", "edit", "message"),
    [
        ("aliases.csv", lambda t: t.replace("alias", "nickname", 1), "header lacks alias"),
        ("memberships.csv", lambda t: t + "european-union,FRA\n", "row .* has 2 cells"),
        ("country-codes.csv", lambda t: _set_cell(t, "M49", "4x"), "M49 '4x' is not"),
        ("organizations.csv", lambda t: t + '"unclosed\n', "row .* has 1 cells"),
        ("memberships.csv", lambda t: _set_cell(t, "member_from", "20000101"), "not an ISO date"),
    ],
)
def test_a_registry_table_of_the_wrong_shape_is_refused(
    sources: Path, tmp_path: Path, file: str, edit: object, message: str
) -> None:
    path = sources / "registry" / file
    assert callable(edit)
    changed = edit(path.read_text(encoding="utf-8"))
    assert changed != path.read_text(encoding="utf-8")
    path.write_text(changed, encoding="utf-8")
    with pytest.raises(BuildError, match=message):
        _build(sources, tmp_path / "out")


def _snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mode)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_build_that_fails_changes_nothing(sources: Path, tmp_path: Path) -> None:
    """A release folder whose last schema no longer types its table: the build stops, and not
    one file of the release is replaced (it used to replace the CSVs before the broken one)."""
    out = tmp_path / "release"
    _build(sources, out)
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    [sentences] = [r for r in descriptor["resources"] if r["name"] == "sentences"]
    last = out / sentences["schema"]  # a table after most others, with rows in every chapter
    schema = json.loads(last.read_text(encoding="utf-8"))
    schema["fields"][0]["type"] = "integer"  # its values are text
    last.write_text(json.dumps(schema), encoding="utf-8")
    (out / "data" / "actors.csv").write_bytes(b"an older release\n")
    before = _snapshot(out)
    with pytest.raises(BuildError, match="does not read back"):
        _build(sources, out)
    assert _snapshot(out) == before


def test_a_build_whose_schema_is_not_json_changes_nothing(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "release"
    _build(sources, out)
    (out / "schemas" / "speakers.json").write_text("{", encoding="utf-8")
    before = _snapshot(out)
    with pytest.raises(BuildError, match=r"speakers.json"):
        _build(sources, out)
    assert _snapshot(out) == before


def test_the_build_s_files_take_the_umask_s_mode(sources: Path, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        _build(sources, tmp_path / "out")
    finally:
        os.umask(old)
    modes = {oct(os.stat(p).st_mode & 0o777) for p in (tmp_path / "out").rglob("*.*")}
    assert modes == {oct(0o640)}
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")] == []


def test_a_folder_in_place_of_a_data_file_stops_the_build_before_any_move(
    sources: Path, tmp_path: Path
) -> None:
    out = tmp_path / "release"
    _build(sources, out)
    (out / "data" / "speakers.csv").unlink()
    (out / "data" / "speakers.csv").mkdir()
    before = _snapshot(out)
    with pytest.raises(BuildError, match=r"speakers.csv: not a regular file"):
        _build(sources, out)
    assert _snapshot(out) == before
