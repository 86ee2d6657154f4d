"""Every extracted word is the report's own, and no text carries conversion artefacts."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from conftest import read_rows

TEXT_TABLES = {
    "reports": ["body", "venue", "agenda_title", "rapporteur"],
    "documents": ["title", "symbol"],
    "paragraphs": ["text", "section_title"],
    "footnotes": ["text"],
    "speakers": ["name_in_report", "role"],
    "groups": ["label"],
    "group_members": ["name_in_report"],
    "actors": ["name"],
}
ARTEFACTS = re.compile(r"<sup>|</?\w+>|\*\*|\]\(#\)|\[|  |\w- \w|^\s|\s$|\n\n")


def artefacts(value: str) -> list[str]:
    found = [m.group() for m in ARTEFACTS.finditer(value)]
    if value != unicodedata.normalize("NFC", value):
        found.append("not NFC")
    return found


@pytest.mark.parametrize("table", sorted(TEXT_TABLES))
def test_text_fields_are_clean(fresh_build: Path, table: str) -> None:
    for number, row in enumerate(read_rows(fresh_build, table), start=1):
        for field in TEXT_TABLES[table]:
            assert artefacts(row[field]) == [], f"{table} row {number} {field}: {row[field]!r}"


@pytest.mark.parametrize(
    "value", ["a<sup>1</sup>", "**Draft**", "[E/CN.7](#)", "drug- related", "two  spaces", " x"]
)
def test_artefact_check_catches_markup(value: str) -> None:
    assert artefacts(value) != []


def test_page_breaks_are_joined(chapter_build: Path) -> None:
    text = {p["number"]: p["text"] for p in read_rows(chapter_build, "paragraphs")}
    assert "hepatitis B and C briefed the Commission" in text["3"]
    assert "prevent criminal networks from exploiting" in text["21"]
    assert "emerging drug-related threats" in text["26"]


def _sources(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    paragraphs = {
        f"{p['report_id']}/{p['number']}": p["text"] for p in read_rows(folder, "paragraphs")
    }
    footnotes = {
        f"{f['report_id']}/{f['number']}": f["text"] for f in read_rows(folder, "footnotes")
    }
    return paragraphs, footnotes


def test_every_speaker_name_occurs_verbatim_in_its_paragraph(fresh_build: Path) -> None:
    paragraphs, _ = _sources(fresh_build)
    for row in read_rows(fresh_build, "speakers"):
        text = paragraphs[f"{row['report_id']}/{row['paragraph']}"]
        assert row["name_in_report"] in text, row["speaker_id"]
        assert row["role"] in text, row["speaker_id"]


def test_every_member_name_occurs_verbatim_in_its_footnote_or_label(fresh_build: Path) -> None:
    paragraphs, footnotes = _sources(fresh_build)
    groups = {g["group_id"]: g for g in read_rows(fresh_build, "groups")}
    for row in read_rows(fresh_build, "group_members"):
        group = groups[row["group_id"]]
        if row["named_in"] == "footnote":
            text = footnotes[f"{group['report_id']}/{group['footnote']}"]
        else:
            text = group["label"]
            assert text in paragraphs[f"{group['report_id']}/{group['paragraph']}"]
        assert row["name_in_report"] in text, row
