"""The SQLite export: a third, independent integrity check by a real database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import cnd_data
from cnd_data.cli import main
from cnd_data.export import ExportError
from cnd_data.export.queries import QUERIES
from cnd_data.export.sqlite import export_sqlite
from mutations import reseal, set_cell


def test_the_export_holds_every_table_with_its_keys_enforced(tmp_path: Path) -> None:
    path = export_sqlite(tmp_path / "cnd.db")
    pkg = cnd_data.load()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        for name in pkg:
            (count,) = db.execute(f'SELECT count(*) FROM "{name}"').fetchone()
            assert count == len(pkg[name]), name
        metadata = dict(db.execute("SELECT key, value FROM _metadata"))
        assert metadata["version"] == pkg.version
        assert json.loads(metadata["licenses"]) == pkg.licenses
    dangling = (
        "INSERT INTO speakers (speaker_id, report_id, paragraph, position, sentence_id,"
        " actor_id, name_in_report, capacity, statement_type, actor_basis, entry_basis) VALUES"
        " ('x-p1-1', 'cnd68-item6', 1, 1, 'cnd68-item6-p1-s1', 'XXX', 'X', 'observer',"
        " 'statement', 'named', 'parsed')"
    )
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        _commit(path, dangling)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        _commit(path, "UPDATE speakers SET capacity = 'no' WHERE speaker_id = 'cnd68-item6-p4-1'")


def _commit(path: Path, statement: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(statement)
        db.commit()


def test_the_readme_queries_are_the_canned_queries_and_run(
    tmp_path: Path, chapter_build: Path
) -> None:
    path = export_sqlite(tmp_path / "cnd.db", chapter_build)
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    shown = [block.split("```", 1)[0] for block in readme.split("```sql\n")[1:]]
    assert shown
    assert all(sql.strip() in {q.sql for q in QUERIES} for sql in shown)
    with sqlite3.connect(path) as db:
        results = {q.name: db.execute(q.sql).fetchall() for q in QUERIES}
    assert all(results.values()), [name for name, rows in results.items() if not rows]
    assert ("state", "representative", 24) in results["speakers_by_kind"]  # 22 in ¶4, 2 in ¶6


def test_a_dangling_key_fails_the_export(package_copy: Path, tmp_path: Path) -> None:
    set_cell("speakers", 3, "actor_id", "XXX")(package_copy)
    target = tmp_path / "bad.db"
    where = r"table speakers, row 3, field actor_id: actor_id='XXX' not found in actors"
    with pytest.raises(ExportError, match=where):
        export_sqlite(target, package_copy)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_an_existing_file_is_kept_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cnd.db"
    target.write_bytes(b"keep me")
    assert main(["export", "sqlite", str(target)]) == 1
    assert "exists; use --force" in capsys.readouterr().err
    assert target.read_bytes() == b"keep me"
    assert main(["export", "sqlite", str(target), "--force"]) == 0
    with sqlite3.connect(target) as db:
        reports = db.execute("SELECT count(*) FROM reports").fetchone()
    assert reports == (len(cnd_data.load().reports),)


def test_an_invalid_package_is_not_exported(package_copy: Path, tmp_path: Path) -> None:
    """Export validates first; --no-validate exports what loads, and still no NULL for a value
    the loader could not read."""
    set_cell("paragraphs", 27, "text", "A paragraph cut off in the middle of a")(package_copy)
    reseal(package_copy)
    out = tmp_path / "cnd.db"
    assert main(["export", "sqlite", str(out), "--package", str(package_copy)]) == 1
    assert not out.exists()
    assert (
        main(["export", "sqlite", str(out), "--package", str(package_copy), "--no-validate"]) == 0
    )
    set_cell("speakers", 2, "capacity", "delegate")(package_copy)
    reseal(package_copy)
    out.unlink()
    assert (
        main(["export", "sqlite", str(out), "--package", str(package_copy), "--no-validate"]) == 1
    )
    assert not out.exists()


def test_the_file_takes_its_mode_from_the_umask_and_a_missing_folder_is_clear(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import stat

    previous = os.umask(0o022)
    try:
        out = tmp_path / "cnd.db"
        assert main(["export", "sqlite", str(out), "--no-validate"]) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert main(["export", "sqlite", str(tmp_path / "nowhere" / "cnd.db"), "--no-validate"]) == 1
    assert "nowhere does not exist" in capsys.readouterr().err


def _tiny(folder: Path, child_rows: str, unique_parent: bool = True) -> Path:
    """A package of two tables whose child refers to its parent by an integer key."""
    (folder / "data").mkdir(parents=True)
    parent_key = {"primaryKey": ["pid"]} if unique_parent else {}
    schemas = {
        "parent": {"fields": [{"name": "pid", "type": "integer"}], **parent_key},
        "child": {
            "fields": [{"name": "cid", "type": "integer"}, {"name": "pid", "type": "integer"}],
            "primaryKey": ["cid"],
            "foreignKeys": [
                {"fields": ["pid"], "reference": {"resource": "parent", "fields": ["pid"]}}
            ],
        },
    }
    rows = {"parent": "pid\n1\n2\n", "child": "cid,pid\n" + child_rows}
    resources = []
    for name, schema in schemas.items():
        (folder / "data" / f"{name}.csv").write_text(rows[name], encoding="utf-8")
        resources.append({"name": name, "path": f"data/{name}.csv", "schema": schema})
    (folder / "datapackage.json").write_text(json.dumps({"name": "tiny", "resources": resources}))
    return folder


def test_a_dangling_key_is_named_by_its_csv_row_where_an_integer_key_is_the_rowid(
    tmp_path: Path,
) -> None:
    package = _tiny(tmp_path / "tiny", "3,1\n5,2\n7,999\n")
    with pytest.raises(ExportError, match=r"table child, row 4, field pid: pid=999 not found"):
        export_sqlite(tmp_path / "tiny.db", package)


def test_keys_sqlite_cannot_declare_are_an_export_error_not_a_crash(tmp_path: Path) -> None:
    package = _tiny(tmp_path / "tiny", "3,1\n", unique_parent=False)
    with pytest.raises(ExportError, match="foreign key mismatch"):
        export_sqlite(tmp_path / "tiny.db", package)
