"""Cells a spreadsheet would run as a formula (CSV injection)."""

from __future__ import annotations

from collections.abc import Iterator

from cnd_data.validate.findings import Finding
from cnd_data.validate.read import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_findings(table: Table) -> Iterator[Finding]:
    """Text cells starting with =, +, -, @, tab or CR, which spreadsheets may execute."""
    if table.raw is None:
        return
    text_fields = {f.get("name") for f in table.fields if f.get("type", "string") == "string"}
    for column in table.raw.columns:
        if column not in text_fields:
            continue
        values = table.raw[column]
        risky = values.str.startswith(FORMULA_STARTS)
        for index, value in values[risky.fillna(False)].items():
            yield Finding(
                "formula-injection",
                "a text cell starts with a character spreadsheets read as a formula",
                table.name,
                int(str(index)) + 2,
                column,
                value,
            )
