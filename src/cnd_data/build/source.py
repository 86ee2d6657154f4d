"""Split a report's markdown conversion into header, paragraphs and footnotes.

The conversion of a UN report PDF has numbered paragraphs (``12. Text``), lettered sub-items
(``- (a) Text``), lettered section headings (``## A. Deliberations``), footnotes
(``<sup>1</sup> Text``) placed where the page ended, and page breaks that cut a paragraph in
two. Any other line continues the paragraph it interrupts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cnd_data.build.errors import BuildError
from cnd_data.build.text import join_broken_lines

_PARAGRAPH = re.compile(r"^([0-9]+)\.\s+(.*)$")
_SUB_ITEM = re.compile(r"^\s*[-*]\s+(\([a-z]{1,3}\)\s+.*)$")
_HEADING = re.compile(r"^#{1,6}\s+([A-Z])\.\s+(.+?)\s*#*$")
_FOOTNOTE = re.compile(r"^<sup>([0-9]+)</sup>\s+(.*)$")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")


@dataclass
class RawParagraph:
    """A numbered paragraph as written: ``lines[0]`` is its text, then one line per sub-item."""

    number: int
    section: str | None
    section_title: str | None
    lines: list[str] = field(default_factory=list)

    @property
    def raw(self) -> str:
        return "\n".join(self.lines)


@dataclass
class RawFootnote:
    number: int
    text: str


@dataclass
class RawReport:
    header: list[str]
    paragraphs: list[RawParagraph]
    footnotes: list[RawFootnote]


def split_report(text: str, origin: str) -> RawReport:
    """Split the markdown text of one report into its parts."""
    header: list[str] = []
    paragraphs: list[RawParagraph] = []
    footnotes: list[RawFootnote] = []
    section: tuple[str, str] | None = None
    for line_number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or _RULE.match(stripped):
            continue
        if m := _HEADING.match(stripped):
            section = (m.group(1), m.group(2))
        elif m := _FOOTNOTE.match(stripped):
            footnotes.append(RawFootnote(int(m.group(1)), m.group(2).strip()))
        elif m := _PARAGRAPH.match(stripped):
            letter, title = section if section else (None, None)
            paragraphs.append(RawParagraph(int(m.group(1)), letter, title, [m.group(2).strip()]))
        elif paragraphs and (m := _SUB_ITEM.match(line)):
            paragraphs[-1].lines.append(m.group(1).strip())
        elif paragraphs:
            last = paragraphs[-1].lines
            last[-1] = join_broken_lines(last[-1], stripped)
        elif footnotes:
            raise BuildError(f"{origin}:{line_number}: text before the first paragraph: {line!r}")
        else:
            header.append(stripped)
    if not paragraphs:
        raise BuildError(f"{origin}: no numbered paragraphs found")
    return RawReport(header, paragraphs, footnotes)
