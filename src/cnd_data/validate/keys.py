"""Which foreign keys of a resource can be checked, and why the others cannot.

Shared by the engine and the pandera schemas, so both check the same keys and report the same
keys as unreadable, mismatched, or pointing at fields that are not unique.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cnd_data.declared_rules import declare
from cnd_data.schema import foreign_keys
from cnd_data.validate.findings import Finding
from cnd_data.validate.table import Table

# The rules this module checks; docs/rules.md is generated from them.
FOREIGN_KEY = declare(
    "foreign-key",
    "keys",
    "every foreign key, composite ones included, finds its row",
    "actor_id=XXX not found in actors (actor_id)",
)
FOREIGN_KEY_REFERENCE = declare(
    "foreign-key-reference",
    "keys",
    "the fields a foreign key refers to are unique",
    "the referenced fields (actor_id) are not unique",
)


@dataclass(frozen=True)
class ForeignKey:
    fields: list[str]
    resource: str
    ref_fields: list[str]
    target: pd.DataFrame

    @property
    def label(self) -> str:
        return f"({', '.join(self.fields)}) → {self.resource} ({', '.join(self.ref_fields)})"


def foreign_key_plan(
    table: Table, tables: dict[str, Table]
) -> tuple[list[ForeignKey], list[Finding]]:
    """The resource's foreign keys that can be checked, and findings for those that cannot."""
    assert table.schema is not None
    checkable, findings = [], []
    for fields, resource, ref_fields in foreign_keys(table.schema, table.name):
        target = tables.get(resource)
        where = f"foreign key ({', '.join(fields)}) → {resource}"
        if target is None or target.typed is None:
            findings.append(
                Finding(FOREIGN_KEY, f"{where}: the resource cannot be read", table.name)
            )
            continue
        missing = [f for f in ref_fields if f not in target.typed]
        missing += [f for f in fields if table.typed is None or f not in table.typed]
        if missing or len(fields) != len(ref_fields):
            findings.append(
                Finding(
                    FOREIGN_KEY, f"{where}: fields {missing or fields} do not match", table.name
                )
            )
            continue
        if target.typed.duplicated(subset=ref_fields).any():
            findings.append(
                Finding(
                    FOREIGN_KEY_REFERENCE,
                    f"{table.name} {where}: the referenced fields ({', '.join(ref_fields)})"
                    " are not unique",
                    resource,
                )
            )
        checkable.append(ForeignKey(fields, resource, ref_fields, target.typed))
    return checkable, findings
