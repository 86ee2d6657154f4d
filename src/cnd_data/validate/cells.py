"""Checks of every text cell: clean (NFC, trimmed, no markup), safe for spreadsheets, and not
lying to the eye (no control, format, bidirectional or zero-width characters; no word mixing
the letters of two scripts, as a Cyrillic "А" in a Latin name).

One pass per column (see scan.py): the markup patterns run once over the joined column, and a
single loop over the cells looks at their first and last characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from cnd_data.declared_rules import declare
from cnd_data.reader import LINE_ENDS
from cnd_data.schema import is_text
from cnd_data.validate import scan
from cnd_data.validate.findings import Finding
from cnd_data.validate.scan import Column, batches
from cnd_data.validate.table import Table

# The rules this module checks; docs/rules.md is generated from them.
CLEAN_TEXT = declare(
    "clean-text",
    "text",
    "text is NFC, trimmed, free of markup and page-break artefacts",
    "markup, stray spaces or a broken line",
)
HIDDEN_CHARACTER = declare(
    "hidden-character",
    "text",
    "no character that is not shown as itself: control, format, bidirectional, private-use or"
    " unassigned; Unicode's default-ignorable code points (U+00AD, U+034F, U+115F, U+3164,"
    " U+FFA0, variation selectors, tags …); any space but U+0020 (no-break, ideographic, line"
    " and paragraph separators …) and the braille blank U+2800; a line break except before a"
    " lettered sub-item",
    "a character not shown as itself",
)
MIXED_SCRIPT = declare(
    "mixed-script",
    "text",
    "no word mixes the letters of two scripts (a homoglyph)",
    "a word mixes the letters of two scripts (a homoglyph?)",
)
FORMULA_INJECTION = declare(
    "formula-injection",
    "text",
    "no cell starts with a character a spreadsheet runs as a formula",
    "the cell starts with a character spreadsheets read as a formula",
)

FORMULA_STARTS = frozenset("=+-@\t\r")
# A link's target stops at the next bracket, so that "](" repeated scans each stretch once.
MARKUP = re.compile(r"<sup>|</?[a-z]+>|\*\*|\]\([^()\[\]]*\)|  |\w- \w")
# Characters the report itself writes that are outside Latin and general punctuation and yet
# harmless: none so far (the line break of a paragraph's sub-items is allowed below).
ALLOWED: frozenset[str] = frozenset()
# A cell with a character outside printable Latin and general punctuation is a candidate for
# the closer, per-character look (the no-break space U+00A0 and soft hyphen U+00AD included).
_USUAL = [(0x20, 0x7E), (0xA1, 0xAC), (0xAE, 0x24F), (0x2010, 0x2027), (0x2030, 0x205E)]
# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): shown as nothing, so a
# name holding one reads as another. Not in unicodedata; the property is stable by policy.
_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)  # fmt: skip
# Shown as a blank a reader cannot tell from a space (the braille blank), or as nothing (the
# Khitan filler), though neither is a space separator nor default-ignorable.
_BLANK = frozenset("\u2800\U00016fe4")
# A paragraph's sub-items are its lines: a line break is shown only before "(a) ".
_SUB_ITEM_BREAK = re.compile(r"\n\([a-z]{1,3}\) ")
_WORD = re.compile(r"\w+")
# The usual characters (and line breaks): none of them hides itself, so only the others are
# looked at one by one.
_USUAL_CLASS = "\n" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in _USUAL)
_UNUSUAL_CHARACTER = re.compile(f"[^{_USUAL_CLASS}]")
# Every match of MARKUP contains one of these; scanning for them first is fast (literal-led).
_HINTS = re.compile(r"</?[a-z]+>|\*\*|\]\(|  |- ")


def cell_findings(table: Table) -> Iterator[Finding]:
    """Text cells are NFC-normalised, trimmed, free of markup and page-break artefacts, and do
    not start with a character a spreadsheet reads as a formula (=, +, -, @, tab, CR)."""
    if table.raw is None:
        return
    text_fields = {f.get("name") for f in table.fields if is_text(f)}
    for name in table.raw.columns:
        if name not in text_fields:
            continue
        for first, texts in batches(table.raw[name].fillna("").tolist(), scan.BATCH):
            for rule, message, position in _column_findings(Column(texts)):
                row = first + position + 2
                yield Finding(rule, message, table.name, row, name, texts[position])


def _column_findings(column: Column) -> Iterator[tuple[str, str, int]]:
    texts = column.texts
    risky, spaced = column.edged(FORMULA_STARTS)
    dirty = {i for i in column.matching(_HINTS) if MARKUP.search(texts[i])} | set(spaced)
    unusual = column.unusual(_USUAL)
    hidden = [i for i in unusual if _hidden(texts[i])]
    mixed = [i for i in unusual if _mixed_script(texts[i])]
    for rule, message, positions in (
        (HIDDEN_CHARACTER, "a character not shown as itself", hidden),
        (MIXED_SCRIPT, "a word mixes the letters of two scripts (a homoglyph?)", mixed),
        (CLEAN_TEXT, "markup, stray spaces or a broken line", sorted(dirty)),
        (CLEAN_TEXT, "not in Unicode NFC", column.not_nfc()),
        (FORMULA_INJECTION, "the cell starts with a character spreadsheets read as a"
         " formula", risky),
    ):  # fmt: skip
        for position in positions:
            yield rule, message, position


def _hidden(text: str) -> bool:
    """Whether a text holds a character that is not shown as itself (see HIDDEN_CHARACTER)."""
    if text.count("\n") != len(_SUB_ITEM_BREAK.findall(text)):
        return True
    return any(c not in ALLOWED and _invisible(c) for c in _UNUSUAL_CHARACTER.findall(text))


def _invisible(char: str) -> bool:
    category = unicodedata.category(char)
    if category[0] == "C" or char in _BLANK or (category[0] == "Z" and char != " "):
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _IGNORABLE)


def _script(letter: str) -> str:
    return unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0]


def _mixed_script(text: str) -> bool:
    """Whether a word of the text mixes letters of two scripts (LATIN, CYRILLIC, GREEK, …)."""
    for word in _WORD.findall(text):
        if word.isascii():
            continue  # Latin letters and digits alone
        scripts = {_script(c) for c in word if c.isalpha()}
        if len(scripts) > 1:
            return True
    return False


def descriptor_text_findings(node: Any, resource: str | None, where: str = "") -> Iterator[Finding]:
    """Every text of a descriptor or a Table Schema (titles, descriptions, keywords, true and
    missing values …) shows itself: none holds a character ``hidden-character`` refuses in a
    cell (a line break in a description is shown)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from descriptor_text_findings(value, resource, f"{where}.{key}".lstrip("."))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from descriptor_text_findings(value, resource, f"{where}[{index}]")
    elif where.endswith("dialect.lineTerminator") and node in LINE_ENDS:
        return  # a line end is what it holds (any other is the dialect's finding)
    elif isinstance(node, str) and any(map(_invisible, _UNUSUAL_CHARACTER.findall(node))):
        message = f"{where or 'the text'} holds a character not shown as itself"
        yield Finding(HIDDEN_CHARACTER, message, resource, value=node[:200])
