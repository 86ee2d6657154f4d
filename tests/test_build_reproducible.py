"""The committed package is exactly what the build makes from sources/."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cnd_data.build import build
from conftest import REGISTRY, ROOT, SOURCES


def _files(folder: Path) -> dict[str, bytes]:
    paths = [folder / "datapackage.json", *sorted((folder / "data").glob("*.csv"))]
    paths += sorted((folder / "schemas").glob("*.json"))
    return {str(p.relative_to(folder)): p.read_bytes() for p in paths}


def test_committed_package_equals_a_fresh_build(fresh_build: Path) -> None:
    committed, fresh = _files(ROOT), _files(fresh_build)
    assert sorted(committed) == sorted(fresh)
    different = [name for name in committed if committed[name] != fresh[name]]
    assert different == [], "rebuild with `cnd-data build` and commit the result"


def test_two_builds_are_byte_identical(tmp_path: Path, fresh_build: Path) -> None:
    build([SOURCES], tmp_path, REGISTRY)
    assert _files(tmp_path) == _files(fresh_build)


def test_csv_files_are_utf8_lf_without_bom(fresh_build: Path) -> None:
    for path in (fresh_build / "data").glob("*.csv"):
        data = path.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), path.name
        assert b"\r" not in data, path.name
        assert data.endswith(b"\n"), path.name
        data.decode("utf-8")


def test_rebuild_detects_an_altered_csv(tmp_path: Path, fresh_build: Path) -> None:
    """The reproducibility check can fail: a hand edit in data/ is reported."""
    build([SOURCES], tmp_path, REGISTRY)
    speakers = tmp_path / "data" / "speakers.csv"
    speakers.write_bytes(speakers.read_bytes().replace(b"Kenya", b"Kenia"))
    assert _files(tmp_path) != _files(fresh_build)


def test_build_writes_no_stray_temporary_files(fresh_build: Path) -> None:
    leftovers = [p.name for p in fresh_build.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_written_files_have_the_umask_s_mode_or_keep_their_own(tmp_path: Path) -> None:
    from cnd_data.atomic import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.csv", b"a\n")
        kept = tmp_path / "kept.csv"
        kept.write_bytes(b"old\n")
        kept.chmod(0o640)
        write_atomic(kept, b"new\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
