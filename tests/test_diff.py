"""cnd-data diff and its version gate, on crafted release pairs."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from cnd_data.cli import main
from cnd_data.diff import diff, version_bump
from cnd_data.loader import Package, load
from cnd_data.reader import PackageError
from mutations import (
    copy_package,
    descriptor,
    edit,
    read,
    schema,
    set_cell,
    shipped_chapter,
    write,
)

# Releases are made from the shipped chapter's build, and compared with it.
BASE = shipped_chapter()
CURRENT: str = json.loads((BASE / "datapackage.json").read_text(encoding="utf-8"))["version"]


def bumped(level: str) -> str:
    """The current version raised by a level ('none' keeps it, 'downgrade' lowers it)."""
    major, minor, patch = map(int, CURRENT.split("."))
    return {
        "none": CURRENT,
        "patch": f"{major}.{minor}.{patch + 1}",
        "minor": f"{major}.{minor + 1}.0",
        "major": f"{major + 1}.0.0",
        "downgrade": f"{major - 1}.0.0" if major else "0.0.0",
        "invalid": f"{major}.{minor}",
    }[level]


def release(tmp_path: Path, version: str, *changes: Callable[[Path], None]) -> Path:
    folder = copy_package(tmp_path / f"release-{version}-{len(list(tmp_path.iterdir()))}")
    for change in changes:
        change(folder)
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["version"] = version
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return folder


def add_field(folder: Path) -> None:
    schema("meetings", lambda s: s["fields"].append(
        {"name": "note", "type": "string", "description": "A note."}))(folder)  # fmt: skip
    header, rows = read(folder, "meetings")
    for row in rows:
        row["note"] = ""
    write(folder, "meetings", [*header, "note"], rows)


def add_field_with_key(folder: Path) -> None:
    """A new field and a foreign key on it: only what is added is constrained."""
    add_field(folder)
    schema("meetings", lambda s: s["foreignKeys"].append(
        {"fields": ["note"], "reference": {"resource": "actors", "fields": ["actor_id"]}}
    ))(folder)  # fmt: skip


def remove_field(folder: Path) -> None:
    schema("actors", lambda s: s["fields"].pop())(folder)
    header, rows = read(folder, "actors")
    for row in rows:
        del row["subregion"]
    write(folder, "actors", header[:-1], rows)


def reorder_fields(folder: Path) -> None:
    schema("meetings", lambda s: s["fields"].reverse())(folder)
    header, rows = read(folder, "meetings")
    write(folder, "meetings", header[::-1], rows)


def insert_field(folder: Path) -> None:
    """A field added before the others: each column after it moves."""
    schema("meetings", lambda s: s["fields"].insert(0, {"name": "note", "type": "string"}))(folder)
    header, rows = read(folder, "meetings")
    for row in rows:
        row["note"] = ""
    write(folder, "meetings", ["note", *header], rows)


def add_resource(folder: Path) -> None:
    shutil.copy(folder / "data" / "meetings.csv", folder / "data" / "sittings.csv")
    sittings = {"name": "sittings", "path": "data/sittings.csv"}
    descriptor(lambda d: d["resources"].append({**d["resources"][1], **sittings}))(folder)


def test_a_package_against_itself_has_no_change(tmp_path: Path) -> None:
    result = diff(BASE, release(tmp_path, CURRENT))
    assert (result.changes, result.required, result.version_ok) == ([], "none", True)


def test_one_corrected_value_is_exactly_that_cell_and_a_patch(tmp_path: Path) -> None:
    change = set_cell("speakers", 10, "name_in_report", "Kenya (corr.)")
    new = release(tmp_path, bumped("patch"), change)
    result = diff(BASE, new)
    assert [(c.kind, c.resource, c.key, c.field, c.old, c.new) for c in result.changes] == [
        ("value changed", "speakers", "cnd68-item6-p4-2", "name_in_report", "Kenya",
         "Kenya (corr.)")
    ]  # fmt: skip
    assert result.rows["speakers"] == {"added": 0, "removed": 0, "changed": 1}
    assert (result.required, result.bump, result.version_ok) == ("patch", "patch", True)


@pytest.mark.parametrize(
    ("change", "kind", "required"),
    [
        (set_cell("paragraphs", 3, "text", "Corrected."), "value changed", "patch"),
        (edit("meetings", lambda rows: rows.pop()), "row removed", "major"),
        (edit("meetings", lambda rows: rows.append({**rows[0], "number": "8"})), "row added",
         "minor"),
        (add_field, "field added", "minor"),
        (remove_field, "field removed", "major"),
        (schema("meetings", lambda s: s["fields"][1].update(type="string")), "type changed",
         "major"),
        (schema("meetings", lambda s: s.update(primaryKey=["report_id", "date"])),
         "primaryKey changed", "major"),
        (schema("footnotes", lambda s: s.update(foreignKeys=[])), "foreignKeys changed", "major"),
        (add_field_with_key, "foreign key added", "minor"),
        (schema("meetings", lambda s: s["foreignKeys"].append(
            {"fields": ["number"], "reference": {"resource": "paragraphs", "fields": ["number"]}}
        )), "foreign key added", "major"),
        (schema("meetings", lambda s: s["fields"][1]["constraints"].update(maximum=99)),
         "constraints changed", "major"),
        (schema("meetings", lambda s: s["fields"][1]["constraints"].pop("required")),
         "constraints changed", "minor"),
        (schema("actors", lambda s: s["fields"][2]["constraints"]["enum"].append("city")),
         "constraints changed", "minor"),
        (schema("actors", lambda s: s["fields"][2]["constraints"]["enum"]
                .remove("observer_entity")),
         "constraints changed", "major"),
        (schema("actors", lambda s: next(f for f in s["fields"] if f["type"] == "boolean")
         .update(trueValues=["false"], falseValues=["true"])), "field trueValues changed", "major"),
        (schema("actors", lambda s: s.update(missingValues=["", "Europe"])),
         "schema missingValues changed", "major"),
        (descriptor(lambda d: d["resources"][1].update(dialect={"delimiter": ",",
         "lineTerminator": "\r\n"})), "resource dialect changed", "major"),
        (descriptor(lambda d: d["resources"][1].update(title="Meetings, retitled")),
         "resource title changed", "patch"),
        (schema("meetings", lambda s: s["fields"][1].update(description="Changed.")),
         "field description changed", "patch"),
        (add_resource, "resource added", "minor"),
        (reorder_fields, "columns moved", "major"),
        (insert_field, "columns moved", "major"),
        (descriptor(lambda d: d["resources"].pop()), "resource removed", "major"),
        (descriptor(lambda d: d.update(title="A new title")), "descriptor changed", "patch"),
    ],
)  # fmt: skip
def test_each_kind_of_change_requires_its_bump(
    tmp_path: Path, change: Callable[[Path], None], kind: str, required: str
) -> None:
    result = diff(BASE, release(tmp_path, "9.0.0", change))
    assert kind in {c.kind for c in result.changes}, [c.kind for c in result.changes]
    assert result.required == required


@pytest.mark.parametrize(
    ("level", "change", "accepted"),
    [
        ("patch", set_cell("meetings", 2, "date", "2025-03-11"), True),
        ("none", set_cell("meetings", 2, "date", "2025-03-11"), False),
        ("minor", edit("meetings", lambda rows: rows.pop()), False),
        ("major", edit("meetings", lambda rows: rows.pop()), True),
        ("patch", add_field, False),
        ("minor", add_field, True),
        ("downgrade", set_cell("meetings", 2, "date", "2025-03-11"), False),
        ("invalid", set_cell("meetings", 2, "date", "2025-03-11"), False),
    ],
)
def test_the_version_gate(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    level: str,
    change: Callable[[Path], None],
    accepted: bool,
) -> None:
    new = release(tmp_path, bumped(level), change)
    assert main(["diff", str(BASE), str(new), "--check-version"]) == (0 if accepted else 1)
    if not accepted:
        assert "bump" in capsys.readouterr().err


def test_diff_json_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = release(tmp_path, bumped("major"), edit("meetings", lambda rows: rows.pop()))
    assert main(["diff", str(BASE), str(new), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["bump"], report["required"], report["rows"]["meetings"]["removed"]) == (
        "major", "major", 1
    )  # fmt: skip
    assert main(["diff", str(BASE), str(new)]) == 0
    assert "row removed" in capsys.readouterr().out


def test_a_primary_key_written_as_a_string_is_the_same_key(tmp_path: Path) -> None:
    same = release(tmp_path, CURRENT, schema("actors", lambda s: s.update(primaryKey="actor_id")))
    assert diff(BASE, same).changes == []


def test_a_table_without_a_primary_key_is_compared_whole(tmp_path: Path) -> None:
    keyless = schema("names", lambda s: s.pop("primaryKey"))
    old = release(tmp_path, CURRENT, keyless)
    assert diff(old, release(tmp_path, CURRENT, keyless)).changes == []
    changed = release(tmp_path, bumped("major"), keyless, set_cell("names", 2, "name", "Other"))
    assert [c.kind for c in diff(old, changed).changes] == ["rows not comparable"]


def test_diff_of_a_missing_release_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(BASE), str(tmp_path / "none")]) == 2
    assert "cnd-data diff: error" in capsys.readouterr().err


def test_diff_json_says_an_error_and_the_exit_code_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = release(tmp_path, bumped("patch"), set_cell("meetings", 2, "number", "five"))
    assert main(["diff", str(BASE), str(bad), "--format", "json"]) == 2
    said = json.loads(capsys.readouterr().out)
    assert (said["exit_code"], said["new"]) == (2, str(bad.resolve()))
    assert "the new release" in said["error"]
    assert "'five' is not a valid integer" in said["error"]
    late = release(tmp_path, CURRENT, edit("meetings", lambda rows: rows.pop()))
    assert main(["diff", str(BASE), str(late), "--format", "json", "--check-version"]) == 1
    said = json.loads(capsys.readouterr().out)
    assert (said["exit_code"], said["version_ok"], said["old"]) == (1, False, str(BASE.resolve()))


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (set_cell("meetings", 2, "number", "five"), "'five' is not a valid integer"),
        (set_cell("actors", 2, "actor_type", "city"), "'city' is not one of its values"),
        (
            schema("meetings", lambda s: s["fields"].append({"name": "note", "type": "string"})),
            "column 'note' of the schema is missing",
        ),
    ],
)
def test_a_release_that_cannot_be_read_is_refused_not_compared(
    tmp_path: Path, change: Callable[[Path], None], says: str
) -> None:
    bad = release(tmp_path, bumped("patch"), change)
    with pytest.raises(PackageError, match=f"the new release .*{re.escape(says)}"):
        diff(BASE, bad)
    with pytest.raises(PackageError, match=f"the old release .*{re.escape(says)}"):
        diff(bad, BASE)


def test_cells_are_compared_as_the_csv_writes_them(tmp_path: Path) -> None:
    """A zero before an integer types as the same number, and changes the file as written."""
    position = read(BASE, "speakers")[1][8]["position"]
    new = release(tmp_path, bumped("patch"), set_cell("speakers", 10, "position", f"0{position}"))
    changes = [(c.kind, c.field, c.old, c.new) for c in diff(BASE, new).changes]
    assert changes == [("value changed", "position", position, f"0{position}")]


def test_each_data_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: Counter[tuple[Path, str]] = Counter()
    read_bytes = Package.read_bytes

    def counted(self: Package, name: str) -> bytes:
        reads[self.folder, name] += 1
        return read_bytes(self, name)

    monkeypatch.setattr(Package, "read_bytes", counted)
    new = release(tmp_path, bumped("minor"), add_resource)
    diff(BASE, new)
    assert set(reads.values()) == {1}
    assert len(reads) == len(load(BASE)) + len(load(new))


@pytest.mark.parametrize(
    ("old", "new", "bump"),
    [
        ("1.0.0", "1.0.0", "none"), ("1.0.0", "1.0.1", "patch"), ("1.0.9", "1.1.0", "minor"),
        ("1.9.9", "2.0.0", "major"), ("1.1.0", "1.0.5", "downgrade"), ("1.0", "1.0.1", "invalid"),
    ],
)  # fmt: skip
def test_version_bump(old: str, new: str, bump: str) -> None:
    assert version_bump(old, new) == bump


@pytest.mark.parametrize(
    ("old", "new", "level"),
    [
        ({"minimum": "2000-01-01"}, {"minimum": "1990-01-01"}, "minor"),
        ({"minimum": "2000-01-01"}, {"minimum": "2010-01-01"}, "major"),
        ({"maximum": 10}, {"maximum": 20}, "minor"),
        ({"enum": ["a", "b"]}, {"enum": ["a", "b", "c"]}, "minor"),
        ({"enum": ["a", "b"]}, {"enum": ["b", "a"]}, "major"),
        ({"enum": ["a", "b"]}, {"enum": ["c", "a", "b"]}, "major"),
        ({"required": True}, {}, "minor"),
        ({}, {"unique": True}, "major"),
        ({"pattern": "^a"}, {"pattern": "^b"}, "major"),
    ],
)
def test_a_constraint_change_is_minor_only_when_it_loosens(
    old: dict[str, object], new: dict[str, object], level: str
) -> None:
    from cnd_data.diff import _constraints_level

    assert _constraints_level(old, new) == level
