"""The attack corpus: hostile packages run through every command (validate, load, export, diff)
in a subprocess with a timeout. Each is refused with a finding or a clean error; nothing hangs,
nothing prints a traceback, nothing is written to the input, and nothing outside the package
is read or shown."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cnd_data.build import build
from cnd_data.build.errors import BuildError
from conftest import REGISTRY, ROOT, SOURCES
from mutations import copy_package, descriptor, edit, json_file, raw, reseal, schema, set_cell

COMMANDS = Path(__file__).parent / "commands.py"
SECRET = "SECRET-7f3c9a1e-do-not-print"
TIMEOUT = 120  # seconds for all four commands on one package


@dataclass(frozen=True)
class Attack:
    name: str
    prepare: Callable[[Path, Path], None]  # (package folder, a folder outside it)
    loads: bool = False  # the loader may return the tables (values it can represent)


def _link(relative: str, make_target: Callable[[Path, Path], Path]) -> Callable[[Path, Path], None]:
    def prepare(package: Path, outside: Path) -> None:
        path = package / relative
        target = make_target(path, outside)
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        path.symlink_to(target)

    return prepare


def _secret(path: Path, outside: Path) -> Path:
    target = outside / "secret.csv"
    target.write_text(f"report_id,number,date\n{SECRET},1,2025-03-12\n", encoding="utf-8")
    return target


def _identical_copy(path: Path, outside: Path) -> Path:
    return Path(shutil.copy(path, outside / path.name))


def _folder_copy(path: Path, outside: Path) -> Path:
    return Path(shutil.copytree(path, outside / "data"))


def _secret_schema(path: Path, outside: Path) -> Path:
    target = outside / "secret.json"
    target.write_text(json.dumps({"fields": [{"name": SECRET}]}), encoding="utf-8")
    return target


def _fifo(package: Path, outside: Path) -> None:
    path = package / "data" / "meetings.csv"
    path.unlink()
    os.mkfifo(path)


def _text(relative: str, content: str) -> Callable[[Path, Path], None]:
    def prepare(package: Path, outside: Path) -> None:
        (package / relative).write_text(content, encoding="utf-8")

    return prepare


def _then_reseal(change: Callable[[Path], None]) -> Callable[[Path, Path], None]:
    def prepare(package: Path, outside: Path) -> None:
        change(package)
        reseal(package)

    return prepare


def _loop(package: Path, outside: Path) -> None:
    path = package / "data" / "meetings.csv"
    path.unlink()
    (outside / "loop").symlink_to(path)
    path.symlink_to(outside / "loop")


def _folder_as_file(package: Path, outside: Path) -> None:
    path = package / "data" / "meetings.csv"
    path.unlink()
    path.mkdir()


def _plain(change: Callable[[Path], None]) -> Callable[[Path, Path], None]:
    return lambda package, outside: change(package)


def _wide_header(data: bytes) -> bytes:
    return b",".join(b"c%d" % i for i in range(1_000_000)) + b"\n" + data.split(b"\n", 1)[1]


def _wide_row(data: bytes) -> bytes:
    """A row of twenty million empty cells: 20 MB that a parser would hold as 13 GB."""
    header, rest = data.split(b"\n", 1)
    return header + b"\n" + b"," * 20_000_000 + b"\n" + rest


def _markup_bomb(rows: list[dict[str, str]]) -> None:
    for row in rows[:10]:
        row["text"] = "](" * 65_536


def _regex_bombs(rows: list[dict[str, str]]) -> None:
    """A cell aimed at each of the validator's own regular expressions."""
    bombs = [
        "<a" * 50_000, "**" * 50_000, "  " * 50_000, "- " * 50_000, "." * 100_000,
        "the representatives of " * 20_000, "in its capacity as " * 20_000, "\u0410a " * 30_000,
    ]  # fmt: skip
    for row, bomb in zip(rows, bombs, strict=False):
        row["text"] = bomb


def _backtracking(package: Path) -> None:
    """A pattern that backtracks exponentially in a backtracking engine, and a cell for it."""
    schema("meetings", lambda s: s["fields"][0]["constraints"].update(pattern="^(a+)+$"))(package)
    set_cell("meetings", 2, "report_id", "a" * 33 + "!")(package)


ATTACKS = [
    Attack("data file is a FIFO", _fifo),
    Attack("data file links to a secret outside", _link("data/meetings.csv", _secret)),
    Attack("data file links to an identical copy outside",
           _link("data/meetings.csv", _identical_copy)),
    Attack("data folder links to a copy outside", _link("data", _folder_copy)),
    Attack("schema links to a secret outside", _link("schemas/meetings.json", _secret_schema)),
    Attack("descriptor is a list", _text("datapackage.json", "[]")),
    Attack("descriptor is a string", _text("datapackage.json", '"package"')),
    Attack("descriptor is null", _text("datapackage.json", "null")),
    Attack("descriptor is not JSON", _text("datapackage.json", '{"name": ')),
    Attack("foreign key to a missing resource", _then_reseal(schema(
        "speakers", lambda s: s["foreignKeys"][1]["reference"].update(resource="nowhere"))),
           loads=True),
    Attack("field type that is a list",
           _then_reseal(schema("meetings", lambda s: s["fields"][1].update(type=["integer"])))),
    Attack("a 40-digit integer", _then_reseal(set_cell("meetings", 2, "number", "9" * 40))),
    Attack("version as a number", _then_reseal(descriptor(lambda d: d.update(version=1.2))),
           loads=True),
    Attack("name as a list and licenses as a string", _then_reseal(descriptor(
        lambda d: d.update(name=["cnd"], licenses="CC-BY-4.0"))), loads=True),
    Attack("pattern with nested quantifiers", _then_reseal(_backtracking), loads=True),
    Attack("markup bomb in ten cells", _then_reseal(edit("paragraphs", _markup_bomb)), loads=True),
    Attack("cells aimed at the validator's regular expressions",
           _then_reseal(edit("sentences", _regex_bombs)), loads=True),
    Attack("a field type no reader knows",
           _then_reseal(schema("meetings", lambda s: s["fields"][2].update(type="geojson")))),
    Attack("an enum that is a number", _then_reseal(schema(
        "speakers", lambda s: s["fields"][8]["constraints"].update(enum=5)))),
    Attack("a link loop in place of a data file", _loop),
    Attack("a folder in place of a data file", _folder_as_file),
    Attack("a NUL byte in a cell", _then_reseal(set_cell("meetings", 2, "report_id", "cnd\x00x"))),
    Attack("a control character in a path", _plain(descriptor(
        lambda d: d["resources"][1].update(path="data/meet\x00ings.csv")))),
    Attack("a descriptor nested 100,000 deep",
           _text("datapackage.json", "[" * 100_000 + "]" * 100_000)),
    Attack("a million-column header", _then_reseal(raw("meetings", _wide_header))),
    Attack("a row of twenty million cells", _then_reseal(raw("meetings", _wide_row))),
    Attack("a 200 KiB cell", _then_reseal(set_cell("meetings", 2, "date", "x" * 200_000))),
    Attack("duplicated header column", _then_reseal(raw(
        "meetings", lambda d: d.replace(b"report_id,number,date", b"report_id,number,number", 1)))),
    Attack("maxLength given as a string", _then_reseal(schema(
        "meetings", lambda s: s["fields"][0]["constraints"].update(maxLength="5"))), loads=True),
    Attack("bidirectional override in a name",
           _then_reseal(set_cell("actors", 3, "name", "Alb\u202eania")), loads=True),
    Attack("Cyrillic homoglyph in a name",
           _then_reseal(set_cell("actors", 3, "name", "\u0410lbania")), loads=True),
    Attack("control character in a name",
           _then_reseal(set_cell("actors", 3, "name", "Alb\x1bania")), loads=True),
    Attack("a value outside the enum", _then_reseal(set_cell("speakers", 2, "capacity", "guest"))),
    Attack("CRLF line ends where the dialect says LF",
           _then_reseal(raw("meetings", lambda d: d.replace(b"\n", b"\r\n")))),
    Attack("a semicolon dialect", _then_reseal(descriptor(
        lambda d: d["resources"][1]["dialect"].update(delimiter=";")))),
    Attack("bytes given as a string", _plain(descriptor(
        lambda d: d["resources"][1].update(bytes=str(d["resources"][1]["bytes"])))), loads=True),
    Attack("schema path is absolute", _plain(descriptor(
        lambda d: d["resources"][1].update(schema="/etc/passwd")))),
    Attack("data path climbs out", _plain(descriptor(
        lambda d: d["resources"][1].update(path="../../secret.csv")))),
    Attack("schema that is an empty object",
           _plain(json_file("schemas/groups.json", lambda s: s.clear()))),
    Attack("a date format the reader does not read", _then_reseal(schema(
        "meetings", lambda s: s["fields"][2].update(format="%Y-%d-%m")))),
    Attack("a Latin-1 encoding", _then_reseal(descriptor(
        lambda d: d["resources"][1].update(encoding="iso-8859-1")))),
    Attack("a comment character in the dialect", _then_reseal(descriptor(
        lambda d: d["resources"][1]["dialect"].update(commentChar="#")))),
    Attack("a licence link that runs script", _then_reseal(descriptor(
        lambda d: d["licenses"][0].update(path="javascript:alert(1)"))), loads=True),
    Attack("a no-break space in a name",
           _then_reseal(set_cell("actors", 3, "name", "Alb\u00a0ania")), loads=True),
    Attack("a noncharacter in a paragraph",
           _then_reseal(set_cell("paragraphs", 2, "text", "a\uffffb")), loads=True),
    Attack("a meeting before 1900", _then_reseal(set_cell("meetings", 2, "date", "1899-12-31")),
           loads=True),
]  # fmt: skip


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry below a folder: a file's hash, a link's target, or its kind."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            entries[key] = f"link → {os.readlink(path)}"
        elif path.is_file():
            entries[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            entries[key] = "fifo" if path.is_fifo() else "folder"
    return entries


def test_every_attack_has_a_distinct_name() -> None:
    assert len({a.name for a in ATTACKS}) == len(ATTACKS)


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda a: a.name)
def test_every_command_refuses_the_attack_cleanly(attack: Attack, tmp_path: Path) -> None:
    package, outside, work = tmp_path / "package", tmp_path / "outside", tmp_path / "work"
    outside.mkdir()
    work.mkdir()
    copy_package(package)
    attack.prepare(package, outside)
    before = snapshot(package)
    finished = subprocess.run(
        [sys.executable, str(COMMANDS), str(package), str(ROOT), str(work)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
    results = json.loads(finished.stdout)
    shown = json.dumps(results)
    assert "Traceback" not in shown, shown[:3000]
    assert '"crash"' not in shown, shown[:3000]
    assert SECRET not in shown
    assert snapshot(package) == before
    assert results["validate"]["code"] in (1, 2), results["validate"]
    assert results["load"]["code"] == (0 if attack.loads else 1), results["load"]
    assert results["export"]["code"] in (1, 2), results["export"]
    assert not (work / "out.db").exists()
    assert results["xlsx"]["code"] in (1, 2), results["xlsx"]
    assert not (work / "out.xlsx").exists()
    if not attack.loads:
        assert results["diff"]["code"] == 2, results["diff"]
        assert results["xlsx-unchecked"]["code"] == 1, results["xlsx-unchecked"]


def test_build_never_writes_outside_its_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b"
    copy_package(out)
    descriptor(lambda d: d["resources"][0].update(path="../../escaped.csv"))(out)
    with pytest.raises(BuildError, match="would leave the package folder"):
        build([SOURCES], out, REGISTRY)
    assert not (tmp_path / "escaped.csv").exists()


def test_build_never_writes_through_a_link_out_of_its_folder(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    copy_package(out)
    shutil.move(out / "data", elsewhere)
    (out / "data").symlink_to(elsewhere)
    before = snapshot(elsewhere)
    with pytest.raises(BuildError, match="leads outside"):
        build([SOURCES], out, REGISTRY)
    assert snapshot(elsewhere) == before
