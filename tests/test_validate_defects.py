"""The defect corpus: one mutated copy of the real package per defect class, each caught by the
expected rule at the expected place, by the package's own checks (no Frictionless needed)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cnd_data.validate import Unreadable, validate
from cnd_data.validate.catalogue import CATALOGUE, catalogue_markdown, known
from conftest import ROOT
from mutations import (
    descriptor,
    edit,
    raw,
    raw_file,
    read,
    reseal,
    schema,
    set_cell,
    write,
)
from test_meaning import MEANING


def drop_column(table: str, column: str) -> Callable[[Path], None]:
    def mutate(folder: Path) -> None:
        header, rows = read(folder, table)
        for row in rows:
            del row[column]
        write(folder, table, [h for h in header if h != column], rows)

    return mutate


def add_column(folder: Path) -> None:
    header, rows = read(folder, "meetings")
    for row in rows:
        row["venue"] = "Vienna"
    write(folder, "meetings", [*header, "venue"], rows)


def swap_columns(folder: Path) -> None:
    header, rows = read(folder, "meetings")
    write(folder, "meetings", [header[1], header[0], *header[2:]], rows)


def remove_members_of(group: str, keep: Callable[[dict[str, str]], bool]) -> Callable[[Path], None]:
    return edit(
        "group_members",
        lambda rows: rows.__setitem__(
            slice(None), [r for r in rows if r["group_id"] != group or keep(r)]
        ),
    )


def swallow_rows(data: bytes) -> bytes:
    """Open a quote in Kenya's row and close it in Nigeria's: the rows between disappear."""
    return data.replace(b",Kenya,", b',"Kenya,').replace(b",Nigeria,", b',Nigeria",')


def _long_number(folder: Path) -> None:
    """meetings.number declared a number, one cell of 17 significant digits."""
    schema("meetings", lambda s: s["fields"][1].update(type="number"))(folder)
    set_cell("meetings", 2, "number", "5.0000000000000001")(folder)


def _pattern(pattern: str) -> Callable[[Path], None]:
    """meetings.report_id given ``pattern``."""
    return schema("meetings", lambda s: s["fields"][0]["constraints"].update(pattern=pattern))


@dataclass(frozen=True)
class Defect:
    name: str
    mutate: Callable[[Path], None]
    rule: str
    resource: str | None = None
    row: int | None = None
    field: str | None = None
    sealed: bool = True


G3 = "cnd68-item6-g3"


DEFECTS = [
    # keys
    Defect("dangling actor of a speaker", set_cell("speakers", 3, "actor_id", "XXX"),
           "foreign-key", "speakers", 3, "actor_id"),
    Defect("dangling group of a member", set_cell("group_members", 2, "group_id", "cnd68-item6-g9"),
           "foreign-key", "group_members", 2, "group_id"),
    Defect("dangling composite key of a footnote", set_cell("footnotes", 2, "paragraph", "99"),
           "foreign-key", "footnotes", 2, "report_id, paragraph"),
    Defect("dangling speaker of a group", set_cell("groups", 4, "speaker_id", "cnd68-item6-p6-9"),
           "foreign-key", "groups", 4, "speaker_id"),
    Defect("dangling rapporteur State", set_cell("reports", 2, "rapporteur_actor_id", "ATL"),
           "foreign-key", "reports", 2, "rapporteur_actor_id"),
    Defect("dangling paragraph of a document", set_cell("documents", 2, "paragraph", "40"),
           "foreign-key", "documents", 2, "report_id, paragraph"),
    Defect("duplicate primary key", edit("actors", lambda rows: rows.append(dict(rows[0]))),
           "primary-key", "actors", 117, "actor_id"),
    Defect("duplicate composite primary key", set_cell("paragraphs", 3, "number", "1"),
           "primary-key", "paragraphs", 3, "report_id, number"),
    Defect("missing value in a composite primary key", set_cell("group_members", 5, "actor_id", ""),
           "required", "group_members", 5, "actor_id"),
    Defect("foreign key to fields that are not unique", schema("group_members", lambda s:
           s["foreignKeys"][1]["reference"].update(resource="speakers")),
           "foreign-key-reference", "speakers"),
    # types and constraints
    Defect("wrong type", set_cell("paragraphs", 4, "number", "three"),
           "type", "paragraphs", 4, "number"),
    Defect("invalid date", set_cell("meetings", 2, "date", "2025-02-30"),
           "type", "meetings", 2, "date"),
    Defect("enum violation", set_cell("speakers", 5, "capacity", "delegate"),
           "enum", "speakers", 5, "capacity"),
    Defect("pattern violation", set_cell("actors", 3, "iso3", "al"),
           "pattern", "actors", 3, "iso3"),
    Defect("minimum violation", set_cell("meetings", 2, "number", "0"),
           "minimum", "meetings", 2, "number"),
    Defect("missing required value", set_cell("paragraphs", 5, "text", ""),
           "required", "paragraphs", 5, "text"),
    # structure
    Defect("missing required column", drop_column("speakers", "capacity"),
           "missing-column", "speakers", 1, "capacity"),
    Defect("unknown extra column", add_column, "extra-column", "meetings", 1, "venue"),
    Defect("columns out of order", swap_columns, "header-order", "meetings", 1),
    Defect("row with an extra cell",
           raw("meetings", lambda d: d.replace(b"2025-03-13", b"2025-03-13,x")),
           "row-length", "meetings", 4),
    Defect("missing file", lambda f: (f / "data" / "footnotes.csv").unlink(missing_ok=False),
           "file-missing", "footnotes"),
    Defect("empty file", raw_file("data/groups.csv", b""), "empty-file", "groups"),
    Defect("truncated CSV with an unterminated quote",
           raw("paragraphs", lambda d: d[: d.index(b'"', 200) + 40]), "csv-syntax", "paragraphs"),
    Defect("rows lost to an unbalanced quote", raw("speakers", swallow_rows),
           "swallowed-rows", "speakers", 10, "name_in_report"),
    Defect("non-UTF-8 byte", raw("actors", lambda d: d.replace("Türkiye".encode(), b"T\xfcrkiye")),
           "encoding", "actors"),
    Defect("byte order mark", raw("meetings", lambda d: b"\xef\xbb\xbf" + d),
           "encoding", "meetings", 1),
    Defect("altered file (hash)", raw("speakers", lambda d: d.replace(b"Kenya", b"Kenia")),
           "hash", "speakers", sealed=False),
    Defect("truncated file (bytes)", raw("speakers", lambda d: d[:-10] + b"\n"),
           "bytes", "speakers", sealed=False),
    # descriptor and safety
    Defect("path with ..", descriptor(lambda d: d["resources"][0].update(path="../reports.csv")),
           "unsafe-path", "reports"),
    Defect("absolute path", descriptor(lambda d: d["resources"][0].update(path="/etc/passwd")),
           "unsafe-path", "reports"),
    Defect("remote path", descriptor(lambda d: d["resources"][1].update(
           path="https://example.org/meetings.csv")), "unsafe-path", "meetings"),
    Defect("schema file that is not JSON", raw_file("schemas/groups.json", b"{fields: ["),
           "schema-json", "groups"),
    Defect("schema field without a name", schema("meetings", lambda s: s["fields"][0].pop("name")),
           "schema-invalid", "meetings"),
    Defect("primary key naming no field", schema("meetings", lambda s: s.update(primaryKey=["x"])),
           "schema-invalid", "meetings"),
    Defect("foreign key that is not an object", schema("footnotes", lambda s: s.update(
           foreignKeys=["paragraph"])), "schema-invalid", "footnotes"),
    Defect("constraint value of the wrong type", schema("meetings", lambda s: s["fields"][1][
           "constraints"].update(minimum="one")), "schema-invalid", "meetings"),
    Defect("misspelled descriptor key", schema("speakers", lambda s: s.update(primarykey=s.pop(
           "primaryKey"))), "descriptor-key", "speakers"),
    Defect("misplaced constraint", schema("actors", lambda s: s["fields"][4].update(pattern="x")),
           "descriptor-key", "actors"),
    Defect("version that is not semver", descriptor(lambda d: d.update(version="1.0")), "semver"),
    Defect("version ending in an Arabic-Indic digit",
           descriptor(lambda d: d.update(version="1.2.1\u0663")), "semver"),
    Defect("version ending in a line end", descriptor(lambda d: d.update(version="1.2.1\n")),
           "semver"),
    Defect("a paragraph number in a fullwidth digit", set_cell("paragraphs", 3, "number",
           "\uff13"), "type", "paragraphs", 3, "number"),
    Defect("temporal coverage that is not an interval",
           descriptor(lambda d: d.update(temporalCoverage="March 2025")), "temporal-coverage"),
    Defect("temporal coverage that is not the sessions' span",
           descriptor(lambda d: d.update(temporalCoverage="2025-03-11/2025-03-14")),
           "temporal-coverage"),
    Defect("formula in a text cell", set_cell("speakers", 3, "role", "=HYPERLINK(\"x\")"),
           "formula-injection", "speakers", 3, "role"),
    # the report's rules
    Defect("paragraph numbers with a gap", edit("paragraphs", lambda rows: rows.pop(20)),
           "paragraphs-numbered", "paragraphs"),
    Defect("footnote numbers with a gap", set_cell("footnotes", 4, "number", "4"),
           "footnotes-numbered", "footnotes"),
    Defect("speaker positions with a gap", set_cell("speakers", 60, "position", "2"),
           "speaker-positions", "speakers"),
    Defect("group without its group statement", set_cell("speakers", 48, "statement_type",
           "statement"), "group-speaker", "groups", 4),
    Defect("group without members", remove_members_of(G3, lambda r: False),
           "group-members", "groups", 4),
    Defect("fewer listed members than footnote names",
           remove_members_of(G3, lambda r: r["actor_id"] != "CUB"),
           "footnote-members", "groups", 4),
    Defect("actor twice in a group", set_cell("group_members", 4, "actor_id", "AUT"),
           "primary-key", "group_members", 4, "group_id, actor_id"),
    Defect("State both representative and observer", set_cell("speakers", 32, "actor_id", "KEN"),
           "representative-and-observer", "speakers", None, "actor_id"),
    Defect("iso3 and m49 disagree", set_cell("actors", 3, "m49", "009"),
           "iso-codes", "actors", 3, "m49"),
    Defect("meeting outside the session", set_cell("meetings", 4, "date", "2025-03-20"),
           "meeting-date", "meetings", 4, "date"),
    Defect("name not verbatim in its paragraph", set_cell("speakers", 10, "name_in_report",
           "Pakistan (Islamic Republic of)"), "verbatim", "speakers", 10, "name_in_report"),
    Defect("markup in text", set_cell("footnotes", 3, "text", "Algeria<sup>2</sup>, Angola"),
           "clean-text", "footnotes", 3, "text"),
    Defect("sentences that do not give back their paragraph",
           set_cell("sentences", 18, "text", "Many speakers recalled the role of the Commission."),
           "sentences-reassemble", "sentences"),
    Defect("attribution not in its sentence",
           set_cell("sentences", 17, "attribution", "Most speakers"),
           "attribution", "sentences", 17, "attribution"),
    Defect("quantifier without an attribution", set_cell("sentences", 31, "quantifier", "many"),
           "attribution", "sentences", 31, "quantifier"),
    Defect("sentence referring forwards",
           set_cell("sentences", 20, "refers_to", "cnd68-item6-p11-s1"),
           "sentence-link", "sentences", 20, "refers_to"),
    Defect("relation without a reference", set_cell("sentences", 22, "refers_to", ""),
           "sentence-link", "sentences", 22, "refers_to"),
    Defect("dangling sentence reference",
           set_cell("sentences", 20, "refers_to", "cnd68-item6-p10-s9"),
           "foreign-key", "sentences", 20, "refers_to"),
    # what a build that dropped or mislabelled facts would leave
    Defect("report without meetings", edit("meetings", lambda rows: rows.clear()),
           "report-meetings", "reports", 2, "report_id"),
    Defect("paragraph cut off in mid-sentence",
           edit("paragraphs", lambda rows: rows[25].update(text=rows[25]["text"][:-40])),
           "paragraph-ends", "paragraphs", 27, "text"),
    Defect("representative relabelled observer", set_cell("speakers", 9, "capacity", "observer"),
           "speaker-capacity", "speakers", 9, "capacity"),
    Defect("observer relabelled representative",
           set_cell("speakers", 46, "capacity", "representative"),
           "speaker-capacity", "speakers", 46, "capacity"),
    Defect("speakers sentence without its speaker", edit("speakers", lambda rows: rows.pop()),
           "speaker-sentence", "sentences", 16, "sentence_id"),
    Defect("speaker in a deliberation sentence",
           set_cell("speakers", 9, "sentence_id", "cnd68-item6-p10-s1"),
           "speaker-sentence", "speakers", 9, "sentence_id"),
    Defect("quantifier on a speakers sentence", set_cell("sentences", 10, "quantifier", "none"),
           "attribution", "sentences", 10, "quantifier"),
    # descriptor and schema shapes
    Defect("two resources share a name",
           descriptor(lambda d: d["resources"][2].update(name="meetings")), "descriptor",
           "meetings"),
    Defect("schema file missing", lambda folder: (folder / "schemas" / "footnotes.json").unlink(),
           "schema-missing", "footnotes"),
    Defect("package name given as a list", descriptor(lambda d: d.update(name=["x"])),
           "descriptor-shape", None),
    Defect("licenses given as a string", descriptor(lambda d: d.update(licenses="CC-BY-4.0")),
           "descriptor-shape", None),
    Defect("a number of 17 significant digits", _long_number, "type", "meetings", 2, "number"),
    *[Defect(f"a pattern RE2 and Python read otherwise: {pattern}", _pattern(pattern),
             "schema-invalid", "meetings")
      for pattern in ("^[0-9]\\d*$", "[[:alpha:]]+", "(?i)cnd.*", "x{,3}")],
    Defect("a title ending in a right-to-left override", descriptor(lambda d: d.update(
           title=d["title"] + "\u202e")), "hidden-character", None),
    Defect("a keyword that is a braille blank", descriptor(lambda d: d["keywords"].append(
           "\u2800")), "hidden-character", None),
    Defect("a field title with a zero-width space", schema("meetings", lambda s: s["fields"][0]
           .update(title="Report\u200b")), "hidden-character", "meetings"),
    Defect("an invisible missing value", schema("meetings", lambda s: s.update(
           missingValues=["", "\u200b"])), "hidden-character", "meetings"),
    Defect("created that is no date", descriptor(lambda d: d.update(created="yesterday")),
           "created", None),
    Defect("created in fullwidth digits", descriptor(lambda d: d.update(
           created="\uff12026-11-29T00:00:00Z")), "created", None),
    Defect("a licence link that runs script", descriptor(lambda d: d["licenses"][0].update(
           path="javascript:alert(1)")), "descriptor-url", None),
    Defect("a source link to a local file", descriptor(lambda d: d["sources"][1].update(
           path="file:///etc/passwd")), "descriptor-url", None),
    Defect("a homepage of data", descriptor(lambda d: d.update(
           homepage="data:text/html,<script>alert(1)</script>")), "descriptor-url", None),
    Defect("a resource's licence link with a space", descriptor(lambda d: d["resources"][0]
           .update(licenses=[{"name": "x", "path": "https://a b"}])), "descriptor-url", "reports"),
    Defect("maxLength given as a string",
           schema("meetings", lambda s: s["fields"][0]["constraints"].update(maxLength="5")),
           "schema-shape", "meetings"),
    Defect("two fields sharing a name", schema("meetings", lambda s: s["fields"][2].update(
           name="number")), "schema-invalid", "meetings"),
    Defect("a value both true and false", schema("actors", lambda s: next(
           f for f in s["fields"] if f["name"] == "un_member").update(
           trueValues=["true", "false"])), "schema-invalid", "actors"),
    Defect("the primary key's column left out", drop_column("actors", "actor_id"),
           "missing-column", "actors", 1, "actor_id"),
    Defect("a paragraph number declared text", schema("paragraphs", lambda s: next(
           f for f in s["fields"] if f["name"] == "number").update(type="string")),
           "descriptor-key", "paragraphs"),
    Defect("field type given as a list",
           schema("meetings", lambda s: s["fields"][0].update(type=["string"])),
           "schema-invalid", "meetings"),
    # text that lies to the eye
    Defect("bidirectional override in a name", set_cell("actors", 3, "name", "Alb\u202eania"),
           "hidden-character", "actors", 3, "name"),
    Defect("zero-width space in a name", set_cell("actors", 3, "name", "Alb\u200bania"),
           "hidden-character", "actors", 3, "name"),
    Defect("control character in a name", set_cell("actors", 3, "name", "Alb\x07ania"),
           "hidden-character", "actors", 3, "name"),
    Defect("no-break space in a name", set_cell("actors", 3, "name", "Alb\u00a0ania"),
           "hidden-character", "actors", 3, "name"),
    Defect("line separator in a name", set_cell("actors", 3, "name", "Alb\u2028ania"),
           "hidden-character", "actors", 3, "name"),
    Defect("ideographic space in a name", set_cell("actors", 3, "name", "Alb\u3000ania"),
           "hidden-character", "actors", 3, "name"),
    Defect("braille blank in a name", set_cell("actors", 3, "name", "Alb\u2800ania"),
           "hidden-character", "actors", 3, "name"),
    Defect("Hangul filler in a name", set_cell("actors", 3, "name", "Alb\u3164ania"),
           "hidden-character", "actors", 3, "name"),
    Defect("halfwidth Hangul filler in a name", set_cell("actors", 3, "name", "Alb\uffa0ania"),
           "hidden-character", "actors", 3, "name"),
    Defect("combining grapheme joiner in a name", set_cell("actors", 3, "name", "Alb\u034fania"),
           "hidden-character", "actors", 3, "name"),
    Defect("Khitan filler in a name", set_cell("actors", 3, "name", "Alb\U00016fe4ania"),
           "hidden-character", "actors", 3, "name"),
    Defect("soft hyphen in a name", set_cell("actors", 3, "name", "Alb\u00adania"),
           "hidden-character", "actors", 3, "name"),
    Defect("line break in a name", set_cell("actors", 3, "name", "Alb\nania"),
           "hidden-character", "actors", 3, "name"),
    Defect("Cyrillic homoglyph in a name", set_cell("actors", 3, "name", "\u0410lbania"),
           "mixed-script", "actors", 3, "name"),
    Defect("text not in NFC", set_cell("actors", 3, "name", "Albanie\u0301"),
           "clean-text", "actors", 3, "name"),
]  # fmt: skip


def test_the_corpus_covers_at_least_25_defect_classes() -> None:
    assert len({d.rule for d in DEFECTS}) >= 25
    assert len({d.name for d in DEFECTS}) == len(DEFECTS)


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.name)
def test_each_defect_is_caught_where_it_is(package_copy: Path, defect: Defect) -> None:
    defect.mutate(package_copy)
    if defect.sealed:
        reseal(package_copy)
    report = validate(package_copy, reference=False)
    assert not report.valid
    assert all(known(f.rule) for f in report.findings), [f.rule for f in report.findings]
    found = [(f.rule, f.resource, f.row, f.field) for f in report.findings]
    assert any(
        rule == defect.rule
        and resource == defect.resource
        and (defect.row is None or row == defect.row)
        and (defect.field is None or field == defect.field)
        for rule, resource, row, field in found
    ), found


def test_a_paragraph_number_that_is_not_a_number_is_said_once(package_copy: Path) -> None:
    """Its type finding names it; the rules that read paragraphs by number do not say
    "paragraph None"."""
    set_cell("paragraphs", 3, "number", "x")(package_copy)
    reseal(package_copy)
    report = validate(package_copy, rebuild=False)
    assert any(f.rule == "type" and f.row == 3 for f in report.findings)
    assert not [f for f in report.findings if "None" in f.message or "None" in str(f.value)]


def test_the_real_package_is_valid(package_copy: Path) -> None:
    report = validate(package_copy, reference=False)
    assert report.valid, report.findings


def test_a_malformed_descriptor_is_unreadable(package_copy: Path) -> None:
    (package_copy / "datapackage.json").write_text('{"name": ', encoding="utf-8")
    with pytest.raises(Unreadable, match="not a JSON document"):
        validate(package_copy)


def test_a_missing_package_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(Unreadable, match="no such file"):
        validate(tmp_path / "nowhere")


def test_every_rule_of_the_catalogue_is_exercised_or_said_why() -> None:
    """Each rule has a defect that trips it, but for the few listed with the reason."""
    untested = {
        "descriptor-type": "the descriptor's own key check; a non-object resource trips it",
        "exclusiveMinimum": "no field of the package has the constraint",
        "exclusiveMaximum": "no field of the package has the constraint",
        "minLength": "only the actions table has it, empty in the shipped chapter",
        "maxLength": "no field of the package has the constraint",
        "nul-byte": "exercised by the attack corpus",
        "header-width": "exercised by the attack corpus",
        "dialect": "exercised by the attack corpus",
        "unique": "every unique field is a primary key, reported as primary-key",
        "maximum": "no field of the package has the constraint",
        "rebuild": "needs the sources beside the package: tests/test_rebuild.py",
        **dict.fromkeys(MEANING, "the meaning edits of tests/test_meaning.py"),
        **dict.fromkeys(
            ("action-wording", "action-meeting", "action-missing"),
            "the shipped chapter has no action: the edits of tests/test_action_meaning.py",
        ),
        "person-wording": "the shipped chapter names no official by name: the edits of"
        " tests/test_official_forms.py",
    }
    tripped = {d.rule for d in DEFECTS}
    assert set(CATALOGUE) - tripped == set(untested)


def test_the_rule_catalogue_is_current() -> None:
    path = ROOT / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == catalogue_markdown(), "run cnd-data rules"


@pytest.mark.parametrize("kind", ["integer", "date", "boolean"])
def test_a_pattern_on_a_typed_field_is_said_not_checked(package_copy: Path, kind: str) -> None:
    """A pattern on a field that is not text is refused with findings, not run against the
    values' SQL spelling (it stopped the validation with a database error)."""

    def add_pattern(document: dict[str, Any]) -> None:
        field = next(f for f in document["fields"] if f.get("type") == kind)
        field.setdefault("constraints", {})["pattern"] = "[0-9a-z-]+"

    table = {"integer": "meetings", "date": "meetings", "boolean": "actors"}[kind]
    schema(table, add_pattern)(package_copy)
    report = validate(package_copy)
    said = [f for f in report.findings if f.rule == "schema-invalid" and f.resource == table]
    assert said, report.findings
    assert "a pattern is checked on string fields only" in said[0].message
