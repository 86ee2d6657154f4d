"""The descriptor says what the release holds: its title, description, keywords, temporal
coverage and sources are written by the build from the chapters it built."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from cnd_data.build import build
from cnd_data.build.metadata import is_chapter, ordinal
from cnd_data.validate import validate
from conftest import REGISTRY, SHIPPED_SOURCE
from mutations import descriptor, reseal

GENRE = Path(__file__).parent / "fixtures" / "genre"


def built(folder: Path, *chapters: Path) -> dict[str, Any]:
    build(list(chapters), folder, REGISTRY)
    return dict(json.loads((folder / "datapackage.json").read_text(encoding="utf-8")))


def chapter_sources(document: dict[str, Any]) -> list[dict[str, str]]:
    return [s for s in document["sources"] if is_chapter(s)]


@pytest.mark.parametrize(
    ("number", "word"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                         (12, "12th"), (13, "13th"), (21, "21st"), (68, "68th"), (111, "111th")]
)  # fmt: skip
def test_ordinals(number: int, word: str) -> None:
    assert ordinal(number) == word


def test_one_chapter_is_named_with_its_item(tmp_path: Path) -> None:
    document = built(tmp_path, SHIPPED_SOURCE)
    assert document["title"].startswith(
        "UN Commission on Narcotic Drugs, 68th session (2025): agenda item 6 — "
    )
    assert "Vienna, 10–14 March 2025" in document["description"]
    assert document["temporalCoverage"] == "2025-03-10/2025-03-14"
    assert "Commission on Narcotic Drugs" in document["keywords"]
    (source,) = chapter_sources(document)
    digest = hashlib.sha256(SHIPPED_SOURCE.read_bytes()).hexdigest()
    assert source["version"] == f"sha256:{digest}"
    assert "sources/reports/cnd68-item6.md" in source["title"]
    assert any("country-codes" in s["title"] for s in document["sources"])


def test_a_chapter_added_changes_what_the_descriptor_says(tmp_path: Path) -> None:
    one = built(tmp_path / "one", SHIPPED_SOURCE)
    two = built(tmp_path / "two", SHIPPED_SOURCE, GENRE / "cnd69-item3.md")
    assert two["title"].startswith(
        "UN Commission on Narcotic Drugs, 68th and 69th sessions (2025–2026): 2 report chapters"
    )
    assert two["description"].startswith("2 report chapters of the United Nations Commission")
    assert "agenda item 3" in two["description"]
    assert two["temporalCoverage"] == "2025-03-10/2026-03-13"
    assert {"2025", "2026"} <= set(two["keywords"])
    assert len(chapter_sources(two)) == 2
    assert [s for s in two["sources"] if s not in chapter_sources(two)] == [
        s for s in one["sources"] if s not in chapter_sources(one)
    ]
    assert validate(tmp_path / "two").valid


def test_two_bodies_and_one_session_each(tmp_path: Path) -> None:
    document = built(tmp_path, SHIPPED_SOURCE, GENRE / "ccpcj34-item4.md")
    first, second = document["title"].split("; ")
    assert first.startswith("UN ")
    assert "session" in first
    assert "session" in second
    assert "Commission on Crime Prevention and Criminal Justice" in document["title"]


def test_chapters_of_one_session_name_their_items(tmp_path: Path) -> None:
    document = built(tmp_path, GENRE / "cnd69-item3.md", GENRE / "cnd69-item4.md")
    assert "69th session (2026): agenda items 3 and 4 — " in document["title"]


def test_a_rebuild_replaces_the_chapter_sources_and_keeps_the_others(tmp_path: Path) -> None:
    built(tmp_path, SHIPPED_SOURCE, GENRE / "cnd69-item3.md")
    again = built(tmp_path, SHIPPED_SOURCE)
    assert len(chapter_sources(again)) == 1
    assert sum("country-codes" in s["title"] for s in again["sources"]) == 1


@pytest.mark.parametrize(
    "coverage", ["2025-03-10/2025-03-15", "2025-03-10", "10 March 2025", "2025-03-10/2025-03-1٤"]
)
def test_a_temporal_coverage_that_is_not_the_sessions_span_is_refused(
    package_copy: Path, coverage: str
) -> None:
    descriptor(lambda d: d.update(temporalCoverage=coverage))(package_copy)
    reseal(package_copy)
    report = validate(package_copy)
    assert [f.rule for f in report.findings] == ["temporal-coverage"]


def test_a_hand_written_source_with_a_hash_for_version_is_kept(tmp_path: Path) -> None:
    built(tmp_path, SHIPPED_SOURCE)
    path = tmp_path / "datapackage.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    listed = {"title": "A treaty list", "path": "https://example.org/l.csv", "version": "sha256:0"}
    hashed = {"title": "A snapshot", "version": "sha256:" + "0" * 64}
    document["sources"] += [listed, hashed]
    path.write_text(json.dumps(document), encoding="utf-8")
    again = built(tmp_path, SHIPPED_SOURCE)
    assert listed in again["sources"]
    assert hashed in again["sources"]
    assert len(chapter_sources(again)) == 1


def test_a_null_temporal_coverage_is_not_an_interval(package_copy: Path) -> None:
    descriptor(lambda d: d.update(temporalCoverage=None))(package_copy)
    assert [f.rule for f in validate(package_copy).findings] == ["temporal-coverage"]


def test_dates_typed_as_text_are_reported_not_a_crash(package_copy: Path) -> None:
    from mutations import schema

    def as_text(document: dict[str, Any]) -> None:
        for field in document["fields"]:
            if field["name"] in {"session_start", "session_end"}:
                field["type"] = "string"

    schema("reports", as_text)(package_copy)
    reseal(package_copy)
    report = validate(package_copy)
    assert "temporal-coverage" not in {f.rule for f in report.findings}


def test_an_unreadable_descriptor_in_a_checkout_leaves_a_stand_in_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cnd_data

    (tmp_path / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    monkeypatch.setattr(cnd_data, "shipped_package", lambda: tmp_path)
    assert cnd_data._version() == "0+unknown"
    (tmp_path / "datapackage.json").write_text('\ufeff{"version": "1.2.3"}', encoding="utf-8")
    assert cnd_data._version() == "1.2.3"


def test_chapters_are_listed_in_the_agenda_s_order_of_items(tmp_path: Path) -> None:
    """Items are text ("5 (b)"): listed by number, then letter, not as text ("10" before "4")."""
    document = built(tmp_path, GENRE / "cnd70-item5b.md", GENRE / "cnd70-item4.md")
    assert "70th session (2027): agenda items 4 and 5 (b) — " in document["title"]
    from cnd_data.build.front_matter import item_order

    items = ["10", "5 (b)", "9", "5 (a)", "5"]
    assert sorted(items, key=item_order) == ["5", "5 (a)", "5 (b)", "9", "10"]
