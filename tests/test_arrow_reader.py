"""The reader's Arrow path returns what the careful path returns, or steps aside: on every table
of the package, and on hostile bytes (blank lines, quotes left open, rows of another width,
cells not of their type, missing values, enums, bytes that are not UTF-8)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cnd_data
from cnd_data import arrow_reader
from cnd_data.file_checks import careful_table, read_table
from cnd_data.paths import shipped_package

pytest.importorskip("pyarrow")

SCHEMA: dict[str, Any] = {
    "fields": [
        {"name": "id", "type": "string"},
        {"name": "n", "type": "integer", "missingValues": ["", "00"]},
        {"name": "ok", "type": "boolean"},
        {"name": "day", "type": "date"},
        {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}},
        {"name": "note", "type": "string", "missingValues": ["-"]},
    ]
}
HEADER = b"id,n,ok,day,kind,note"
# cells that are, or are nearly, of each type; and the bytes that make CSV hard
CELLS = st.sampled_from(
    ["", "x", "a", "b", "c", "-", "7", "-7", "+7", "07", "٣", "1e3", "true", "false", "1", "0",
     "TRUE", "yes", "2025-03-10", "2025-02-30", "0000-01-01", "2025-3-10", '"x"', '"a,b"',
     '"x""y"', '"line\nbreak"', '"open', 'x"y', " 7", "\xff", "\x00", "é"]
)  # fmt: skip
# each column's cells of its type; a row now and then has one cell of CELLS instead
COLUMNS = [
    ["x", "é", '"a,b"', '"x""y"', '"line\nbreak"', '"cr\r\nlf"'],
    ["7", "-7", "07", "", "00", "0", "123456789012345678"],
    ["true", "false", "1", "0", "TRUE", ""],
    ["2025-03-10", "0001-01-01", "2024-02-29", ""],
    ["a", "b", ""],
    ["-", "", "x", "-x"],
]
ROW = st.tuples(*[st.sampled_from(c) for c in COLUMNS]).map(list)
SPOIL = st.one_of(st.none(), st.none(), st.none(), st.tuples(st.integers(0, 5), CELLS))
WIDTH = st.sampled_from([0] * 8 + [-1, 1])  # a row now and then a cell short or long
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])


def _fast(data: bytes, schema: dict[str, Any] = SCHEMA) -> pd.DataFrame | None:
    return arrow_reader.typed_frame(data, schema, None, loaded=True)


TABLES = [r["name"] for r in json.loads((shipped_package() / "datapackage.json").read_bytes())
          ["resources"]]  # fmt: skip


@pytest.mark.parametrize("name", TABLES)
def test_every_table_of_the_package_is_read_alike(name: str) -> None:
    """Each table takes the Arrow path (the gate of plain files lets a good file through) and
    gives the careful path's frame."""
    pkg = cnd_data.load()
    data, schema = pkg.read_bytes(name), dict(pkg.schema(name))
    fast = _fast(data, schema)
    assert fast is not None, "a plain table falls back"
    pd.testing.assert_frame_equal(fast, careful_table(data, schema, None, name))


@settings(max_examples=400, deadline=None)
@given(
    rows=st.lists(st.tuples(ROW, SPOIL, WIDTH), max_size=6),
    end=LINE_ENDS,
    blank=st.sampled_from([False, False, False, True]),
    last=st.booleans(),
)
def test_hostile_bytes_are_read_alike_or_left_to_the_careful_path(
    rows: list[tuple[list[str], tuple[int, str] | None, int]], end: str, blank: bool, last: bool
) -> None:
    cut = []
    for row, spoil, width in rows:
        if spoil is not None:
            row[spoil[0]] = spoil[1]
        cut.append(row[:-1] if width < 0 else row + ["z"] * width)
    lines = [HEADER.decode()] + [",".join(row) for row in cut] + ([""] if blank else [])
    data = end.join(lines).encode("utf-8", "surrogateescape") + (end.encode() if last else b"")
    data = data.replace("\xff".encode(), b"\xff")  # a byte that is not UTF-8
    fast = _fast(data)
    if fast is None:
        return  # the careful path reads it, and says what is wrong
    pd.testing.assert_frame_equal(fast, careful_table(data, SCHEMA, None, "table t"))


@pytest.mark.parametrize(
    "data",
    [
        HEADER + b"\nx,1,true,2025-03-10,a,n\n\nx,1,true,2025-03-10,a,n\n",  # a blank line
        HEADER + b'\nx,1,true,2025-03-10,a,"open\n',  # a quote left open at the end
        HEADER + b"\nx,1,true,2025-03-10,a\n",  # a short row
        HEADER + b"\nx,+1,true,2025-03-10,a,n\n",  # a sign Arrow does not read
        HEADER + b"\nx,1,true,2025-02-30,a,n\n",  # a day that does not exist
        HEADER + b"\nx,1,true,0000-01-01,a,n\n",  # a year pandas does not read
        HEADER + b"\nx,1,true,2025-03-10,c,n\n",  # a value outside the enum
        HEADER + b"\nx,1,yes,2025-03-10,a,n\n",  # not a boolean
        b"\xef\xbb\xbf" + HEADER + b"\nx,1,true,2025-03-10,a,n\n",  # a byte order mark
        HEADER + b"\nx,1,true,2025-03-10,a,\xff\n",  # not UTF-8
        HEADER + b'\nx,1,true,2025-03-10,a,y"\nz,1,true,2025-03-10,a,"p',  # one opened, not closed
        HEADER + b'\nx,1,true,2025-03-10,a,"p\r\nq"\n',  # a CR: Arrow may drop the LF after it
        HEADER.replace(b"\n", b"\r\n") + b"\r\nx,1,true,2025-03-10,a,n\r\n",  # CRLF line ends
    ],
)
def test_what_is_not_plain_is_left_to_the_careful_path(data: bytes) -> None:
    assert _fast(data) is None


def test_a_plain_file_is_read_by_arrow() -> None:
    data = HEADER + b'\nx,-7,true,2025-03-10,b,"a\nb"\ny,,,,,-\n'
    frame = _fast(data)
    assert frame is not None
    assert frame["n"].tolist()[0] == -7
    assert frame["note"].isna().tolist() == [False, True]
    pd.testing.assert_frame_equal(frame, careful_table(data, SCHEMA, None, "table t"))


@pytest.mark.parametrize(
    ("names", "header"),
    [
        (["\ufeffa"], b"\xef\xbb\xbfa"),  # a name that starts with a byte order mark
        (["a\nb"], b"a\nb"),  # a name with a line end: the header is two lines
        ([f"c{i}" for i in range(1000)], b",".join(b"c%d" % i for i in range(1000))),
        ([], b""),  # no fields at all
    ],
    ids=["byte order mark", "line end", "1,000 fields", "no fields"],
)
def test_a_header_that_is_not_plain_is_left_to_the_careful_path(
    names: list[str], header: bytes
) -> None:
    schema = {"fields": [{"name": name} for name in names]}
    assert arrow_reader.typed_frame(header + b"\nx\n", schema) is None


def test_a_missing_value_is_matched_exactly_on_both_paths() -> None:
    """pandas' parser took "0" for the missing value "00" (a number's other spelling)."""
    schema = {"fields": [{"name": "n", "type": "integer", "missingValues": ["00"]}]}
    data = b"n\n0\n00\n5\n"
    fast = arrow_reader.typed_frame(data, schema)
    assert fast is not None
    assert fast["n"].tolist() == [0, pd.NA, 5]
    pd.testing.assert_frame_equal(fast, careful_table(data, schema, None, "table t"))


def test_without_pyarrow_the_careful_path_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(arrow_reader, "available", lambda: False)
    assert _fast(HEADER + b"\nx,1,true,2025-03-10,a,n\n") is None


def test_a_number_field_is_read_the_careful_way() -> None:
    schema = {"fields": [{"name": "v", "type": "number"}]}
    assert arrow_reader.typed_frame(b"v\n1.5\n", schema) is None
    assert careful_table(b"v\n1.5\n", schema, None, "table t")["v"].tolist() == [1.5]


def test_the_loader_says_where_arrow_stepped_aside() -> None:
    """A table the Arrow path leaves is refused by the careful one with its row."""
    with pytest.raises(cnd_data.PackageError, match="row 3"):
        read_table(HEADER + b"\nx,1,true,2025-03-10,a,n\n\n", SCHEMA, None, "table t")


@pytest.mark.parametrize("chosen", [None, "mimalloc"])
def test_a_command_takes_arrow_buffers_from_the_system_allocator(
    chosen: str | None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Unless the user chose Arrow's allocator, a command gives freed buffers back to the system
    (Arrow's own keeps them); a library call leaves the caller's allocator as it is."""
    import pyarrow as pa

    from cnd_data.cli import main

    before, mine = pa.default_memory_pool(), pa.mimalloc_memory_pool()
    if chosen is None:
        monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    else:
        monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", chosen)
    pa.set_memory_pool(mine)
    try:
        cnd_data.load()["reports"]
        assert pa.default_memory_pool().backend_name == mine.backend_name
        assert main(["rules", "--output", str(tmp_path / "rules.md")]) == 0
        expected = "system" if chosen is None else mine.backend_name
        assert pa.default_memory_pool().backend_name == expected
    finally:
        pa.set_memory_pool(before)
