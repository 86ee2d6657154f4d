"""What a release holds, in the descriptor's words: written by the build from its chapters.

A release is one version of the package; it holds one or more report chapters, of one or more
sessions and bodies. Its title names the bodies, the sessions and the years; for a single chapter
also the agenda item. Every chapter is a ``sources`` entry whose ``version`` is the SHA-256 of the
text the build read (``sha256:<hex>``, as ``reports.source_sha256``); the build rewrites those
entries on every run and keeps every other source (the registry's) as it is, after them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from cnd_data.build.front_matter import item_order
from cnd_data.build.tables import Row

CHAPTER_SOURCE = "sha256:"
# A source is a chapter's when its version is the text's hash and its title ends by naming the
# text in sources/reports/: a hand-written source that merely has a sha256 version is kept.
_CHAPTER_VERSION = re.compile(r"sha256:[0-9a-f]{64}", re.ASCII)
_CHAPTER_TITLE = re.compile(r"\(text conversion; sources/reports/[^/()]+\.md\)$")
# The package's subject, whatever its chapters: kept first among the keywords.
KEYWORDS = ["United Nations", "deliberations", "speakers"]
SUBJECT = (
    "as linked tables: who spoke, for whom, in which capacity, and what the Commission"
    " recorded. Every row is built from the report's text and traces to its paragraph; see"
    " DATA.md for the data notes."
)


def ordinal(number: int) -> str:
    """68 → '68th', 1 → '1st', 12 → '12th'."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


def _join(words: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(words)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _unique(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


def _dates(start: dt.date, end: dt.date) -> str:
    """'10–14 March 2025', '28 February–3 March 2025', '30 December 2025–2 January 2026'."""
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B}–{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y}–{end.day} {end:%B %Y}"


def _years(reports: list[Row]) -> str:
    first = min(r["session_start"] for r in reports).year
    last = max(r["session_end"] for r in reports).year
    return str(first) if first == last else f"{first}–{last}"


def _sessions(reports: list[Row]) -> str:
    """Each body with its sessions: 'Commission on Narcotic Drugs, 68th and 69th sessions'."""
    parts = []
    for body in _unique(r["body"] for r in reports):
        numbers = sorted({r["session"] for r in reports if r["body"] == body})
        noun = "session" if len(numbers) == 1 else "sessions"
        parts.append(f"{body}, {_join(ordinal(n) for n in numbers)} {noun}")
    return "; ".join(parts)


def _items(reports: list[Row]) -> str:
    if len(reports) == 1:
        return f"agenda item {reports[0]['agenda_item']}"
    if len({(r["body"], r["session"]) for r in reports}) == 1:
        return f"agenda items {_join(str(r['agenda_item']) for r in reports)}"
    return f"{len(reports)} report chapters"


def chapter_citation(report: Row) -> str:
    """A chapter as a source is cited: body, session, place and dates, status, item, title."""
    status = "Draft report" if report["status"] == "draft" else "Report"
    addendum = ", Addendum" if report["addendum"] else ""
    return (
        f"United Nations, {report['body']}, {ordinal(report['session'])} session,"
        f" {report['venue']}, {_dates(report['session_start'], report['session_end'])}:"
        f" {status}{addendum}, agenda item {report['agenda_item']},"
        f" “{report['agenda_title']}” (text conversion; sources/reports/{report['source_file']})"
    )


def is_chapter(source: Any) -> bool:
    """Whether a descriptor's source is one the build wrote for a chapter."""
    return (
        isinstance(source, dict)
        and _CHAPTER_VERSION.fullmatch(str(source.get("version", ""))) is not None
        and _CHAPTER_TITLE.search(str(source.get("title", ""))) is not None
    )


def chapter_order(report: Row) -> tuple[Any, ...]:
    """Where a release lists a chapter: by session, body and agenda item (5 (b) after 5 (a),
    10 after 9)."""
    return report["session_start"], report["body"], item_order(str(report["agenda_item"]))


def _chronological(reports: list[Row]) -> list[Row]:
    return sorted(reports, key=chapter_order)


def package_metadata(reports: list[Row], sources: Any) -> dict[str, Any]:
    """The descriptor's title, description, keywords, temporal coverage and sources for a release
    of these chapters; ``sources`` is the descriptor's current list, whose entries that are not
    chapters are kept."""
    chapters = _chronological(reports)
    title = (
        f"UN {_sessions(chapters)} ({_years(chapters)}): {_items(chapters)}"
        " — speakers, actions, groups and paragraphs"
    )
    held = "; ".join(
        f"{r['body']}, {ordinal(r['session'])} session ({r['venue']},"
        f" {_dates(r['session_start'], r['session_end'])}), agenda item {r['agenda_item']},"
        f" “{r['agenda_title']}”"
        for r in chapters
    )
    noun = "The report chapter" if len(chapters) == 1 else f"{len(chapters)} report chapters"
    description = f"{noun} of the United Nations {held}, {SUBJECT}"
    keywords = _unique(
        [
            *KEYWORDS,
            *(r["body"] for r in chapters),
            *(str(r["session_start"].year) for r in chapters),
        ]
    )
    start = min(r["session_start"] for r in chapters)
    end = max(r["session_end"] for r in chapters)
    kept = [s for s in (sources if isinstance(sources, list) else []) if not is_chapter(s)]
    chapter_sources = [
        {"title": chapter_citation(r), "version": CHAPTER_SOURCE + r["source_sha256"]}
        for r in chapters
    ]
    return {
        "title": title,
        "description": description,
        "keywords": keywords,
        "temporalCoverage": f"{start.isoformat()}/{end.isoformat()}",
        "sources": chapter_sources + kept,
    }
