"""Checks of every text cell: clean (NFC, trimmed, no markup) and safe for spreadsheets.

One pass per column (see scan.py): the markup patterns run once over the joined column, and a
single loop over the cells looks at their first and last characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cnd_data.validate.findings import Finding
from cnd_data.validate.read import Table
from cnd_data.validate.scan import Column

FORMULA_STARTS = frozenset("=+-@\t\r")
MARKUP = re.compile(r"<sup>|</?[a-z]+>|\*\*|\]\([^)]*\)|  |\w- \w")
# Every match of MARKUP contains one of these; scanning for them first is fast (literal-led).
_HINTS = re.compile(r"</?[a-z]+>|\*\*|\]\(|  |- ")


def cell_findings(table: Table) -> Iterator[Finding]:
    """Text cells are NFC-normalised, trimmed, free of markup and page-break artefacts, and do
    not start with a character a spreadsheet reads as a formula (=, +, -, @, tab, CR)."""
    if table.raw is None:
        return
    text_fields = {f.get("name") for f in table.fields if f.get("type", "string") == "string"}
    for name in table.raw.columns:
        if name not in text_fields:
            continue
        column = Column(table.raw[name].fillna("").tolist())
        texts = column.texts
        risky, spaced = column.edged(FORMULA_STARTS)
        dirty = {i for i in column.matching(_HINTS) if MARKUP.search(texts[i])} | set(spaced)
        for rule, message, positions in (
            ("clean-text", "markup, stray spaces or a broken line", sorted(dirty)),
            ("clean-text", "not in Unicode NFC", column.not_nfc()),
            ("formula-injection", "the cell starts with a character spreadsheets read as a"
             " formula", risky),
        ):  # fmt: skip
            for position in positions:
                yield Finding(rule, message, table.name, position + 2, name, texts[position])
