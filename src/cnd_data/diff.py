"""What changed between two releases, and the version bump that change requires.

Rows are matched by primary key and compared cell by cell as the CSV writes them; schemas field
by field; the descriptor key by key (a file's ``bytes`` and ``hash`` follow its data and are not
reported twice). The data-versioning policy (CONTRIBUTING.md):

- MAJOR: a resource or field removed or renamed, a column moved (fields reordered, or one
  added before others), a field's type changed, a primary or foreign key changed, rows removed,
  a constraint tightened (or changed in a way that is not a loosening), the file's values read
  differently (missing values, true and false values, a format, the dialect, the encoding, the
  file's path);
- MINOR: resources, fields (after the others) or rows added, a constraint loosened;
- PATCH: values corrected, descriptive metadata changed (titles, descriptions, examples,
  licences, sources).

A schema, field or resource property not in the tables below is MAJOR: an unknown change is
never called a patch.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from cnd_data.loader import Package, PackageError, load
from cnd_data.schema import foreign_keys, primary_key

LEVELS = ("none", "patch", "minor", "major")
_VERSION = re.compile(r"([0-9]+)\.([0-9]+)\.([0-9]+)(?:[-+].*)?\Z", re.DOTALL)
_SEALS = {"bytes", "hash"}
# Properties that only describe: changing them changes no value read.
_DESCRIPTIVE_FIELD = {"title", "description", "example", "rdfType"}
_DESCRIPTIVE_SCHEMA = {"$schema"}
_DESCRIPTIVE_RESOURCE = {"$schema", "title", "description", "homepage", "sources", "licenses"}


@dataclass
class Change:
    """One change: its kind, where, the old and new values, and the bump it requires."""

    level: str
    kind: str
    resource: str | None = None
    key: str | None = None
    field: str | None = None
    old: Any = None
    new: Any = None

    def describe(self) -> str:
        where = " ".join(
            part
            for part in (
                self.resource or "(package)",
                f"[{self.key}]" if self.key else "",
                f"{self.field}:" if self.field else "",
            )
            if part
        )
        values = ""
        if self.old is not None or self.new is not None:
            values = f" {_short(self.old)} → {_short(self.new)}"
        return f"{self.kind:<18} {where}{values}"


@dataclass
class Diff:
    old_version: str | None
    new_version: str | None
    changes: list[Change] = field(default_factory=list)
    rows: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def required(self) -> str:
        """The smallest version bump the changes require."""
        return max((c.level for c in self.changes), key=LEVELS.index, default="none")

    @property
    def bump(self) -> str:
        """The bump from the old version to the new one ('downgrade' if it goes back)."""
        return version_bump(self.old_version, self.new_version)

    @property
    def version_ok(self) -> bool:
        bump = self.bump
        return bump in LEVELS and LEVELS.index(bump) >= LEVELS.index(self.required)

    def as_json(self) -> dict[str, Any]:
        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "bump": self.bump,
            "required": self.required,
            "version_ok": self.version_ok,
            "rows": self.rows,
            "changes": [
                {k: _jsonable(v) for k, v in vars(change).items()} for change in self.changes
            ],
        }


def _jsonable(value: Any) -> Any:
    try:
        json.dumps(value)
    except TypeError:
        return str(value)
    return value


def _short(value: Any, width: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def parse_version(version: str | None) -> tuple[int, int, int] | None:
    m = _VERSION.match(version or "")
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def version_bump(old: str | None, new: str | None) -> str:
    """none, patch, minor or major; 'downgrade' when NEW is lower; 'invalid' if unparsable."""
    a, b = parse_version(old), parse_version(new)
    if a is None or b is None:
        return "invalid"
    if b < a:
        return "downgrade"
    for level, (x, y) in zip(("major", "minor", "patch"), zip(a, b, strict=True), strict=True):
        if y > x:
            return level
    return "none"


def _schema_changes(name: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes = []
    old_fields = {f["name"]: f for f in old.get("fields", [])}
    new_fields = {f["name"]: f for f in new.get("fields", [])}
    for gone in old_fields.keys() - new_fields.keys():
        changes.append(Change("major", "field removed", name, field=gone))
    for added in new_fields.keys() - old_fields.keys():
        changes.append(Change("minor", "field added", name, field=added))
    for common in sorted(old_fields.keys() & new_fields.keys()):
        a, b = old_fields[common], new_fields[common]
        if a.get("type") != b.get("type"):
            changes.append(
                Change("major", "type changed", name, None, common, a.get("type"), b.get("type"))
            )
        if a.get("constraints", {}) != b.get("constraints", {}):
            changes.append(
                Change(
                    _constraints_level(a.get("constraints", {}), b.get("constraints", {})),
                    "constraints changed",
                    name,
                    None,
                    common,
                    a.get("constraints"),
                    b.get("constraints"),
                )
            )
        for attribute in sorted((a.keys() | b.keys()) - {"name", "type", "constraints"}):
            if a.get(attribute) != b.get(attribute):
                level = "patch" if attribute in _DESCRIPTIVE_FIELD else "major"
                changes.append(
                    Change(
                        level,
                        f"field {attribute} changed",
                        name,
                        None,
                        common,
                        a.get(attribute),
                        b.get(attribute),
                    )
                )
    before, after = list(old_fields), list(new_fields)
    gone = old_fields.keys() - new_fields.keys()  # a removal moves columns, and says so itself
    if not gone and any(before.index(f) != after.index(f) for f in before):
        # a reader by position reads other columns: reordered, or one added before them
        changes.append(Change("major", "columns moved", name, None, None, before, after))
    if primary_key(old) != primary_key(new):  # "id" and ["id"] are one key
        changes.append(
            Change("major", "primaryKey changed", name, None, None, old.get("primaryKey"),
                   new.get("primaryKey"))
        )  # fmt: skip
    changes += _foreign_key_changes(name, old, new, new_fields.keys() - old_fields.keys())
    for key in sorted((old.keys() | new.keys()) - {"fields", "primaryKey", "foreignKeys"}):
        if old.get(key) != new.get(key):
            level = "patch" if key in _DESCRIPTIVE_SCHEMA else "major"
            changes.append(
                Change(level, f"schema {key} changed", name, None, None, old.get(key), new.get(key))
            )
    return changes


def _constraints_level(old: Any, new: Any) -> str:
    """MINOR if every constraint is as it was or looser (removed, not required, a wider range
    or a larger enum); MAJOR otherwise: a tightened or rewritten constraint may refuse values
    the last release allowed."""
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    for key in old.keys() | new.keys():
        if key in old and key in new and old[key] == new[key]:
            continue
        if key not in new or _looser(key, old.get(key), new[key]):
            continue
        return "major"
    return "minor"


def _looser(key: str, old: Any, new: Any) -> bool:
    """Whether constraint ``key`` allows at least what it allowed (``old`` None: it was absent)."""
    if key in ("required", "unique"):
        return new is False
    if old is None:
        return False
    if key == "enum" and isinstance(old, list) and isinstance(new, list):
        # values added after the old ones, in their order: a reordered enum reorders the
        # categories users count by
        return new[: len(old)] == old
    if not _comparable(old, new):
        return False
    if key in ("minimum", "exclusiveMinimum", "minLength"):
        return bool(new <= old)
    if key in ("maximum", "exclusiveMaximum", "maxLength"):
        return bool(new >= old)
    return False


def _comparable(old: Any, new: Any) -> bool:
    """Two bounds that order as their values do: numbers, or ISO dates written alike."""
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in (old, new)):
        return True
    iso = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
    return (
        isinstance(old, str)
        and isinstance(new, str)
        and bool(iso.fullmatch(old) and iso.fullmatch(new))
    )


def _foreign_key_changes(
    name: str, old: dict[str, Any], new: dict[str, Any], added_fields: set[str]
) -> list[Change]:
    """A foreign key removed or changed is major; one added on fields that are new in this
    release only constrains what is added, so it is minor."""
    old_keys, new_keys = foreign_keys(old, name), foreign_keys(new, name)
    before = [k for k in old_keys if k not in new_keys]
    after = [k for k in new_keys if k not in old_keys]
    if before:
        return [Change("major", "foreignKeys changed", name, None, None, old.get("foreignKeys"),
                       new.get("foreignKeys"))]  # fmt: skip
    return [
        Change(
            "minor" if set(fields) <= added_fields else "major",
            "foreign key added",
            name,
            None,
            ",".join(fields),
            None,
            f"{reference}({','.join(referenced)})",
        )
        for fields, reference, referenced in after
    ]


def _row_changes(
    name: str, old: pd.DataFrame, new: pd.DataFrame, key: list[str]
) -> tuple[list[Change], dict[str, int]]:
    if not key or any(k not in old or k not in new for k in key):
        if old.equals(new):
            return [], {"added": 0, "removed": 0, "changed": 0}
        return [Change("major", "rows not comparable", name, old="no shared primary key")], {}
    left, right = old.set_index(key), new.set_index(key)
    if left.index.has_duplicates or right.index.has_duplicates:
        reason = "a primary key repeats: validate both releases first"
        return [Change("major", "rows not comparable", name, old=reason)], {}
    removed = left.index.difference(right.index)
    added = right.index.difference(left.index)
    common = left.index.intersection(right.index)
    shared = [c for c in left.columns if c in right.columns]
    changes = [Change("major", "row removed", name, _label(k)) for k in removed]
    changes += [Change("minor", "row added", name, _label(k)) for k in added]
    a, b = left.loc[common, shared], right.loc[common, shared]
    differs = a.ne(b)
    differs = differs[differs.any(axis=1)]  # the rows that changed, found column by column
    for row_key, row in differs.iterrows():
        for column in [c for c, flag in row.items() if flag]:
            changes.append(
                Change(
                    "patch",
                    "value changed",
                    name,
                    _label(row_key),
                    str(column),
                    a.at[row_key, column],
                    b.at[row_key, column],
                )
            )
    counts = {"added": len(added), "removed": len(removed), "changed": len(differs)}
    return changes, counts


def _label(key: Any) -> str:
    return ", ".join(map(str, key)) if isinstance(key, tuple) else str(key)


def _descriptor_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes = []
    for key in sorted((old.keys() | new.keys()) - {"resources", "version"}):
        if old.get(key) != new.get(key):
            changes.append(
                Change("patch", "descriptor changed", None, None, key, old.get(key), new.get(key))
            )
    old_resources = {r["name"]: r for r in old.get("resources", [])}
    for resource in new.get("resources", []):
        before = old_resources.get(resource["name"])
        if before is None:
            continue
        for key in sorted((before.keys() | resource.keys()) - _SEALS - {"schema"}):
            if before.get(key) != resource.get(key):
                level = "patch" if key in _DESCRIPTIVE_RESOURCE else "major"
                changes.append(
                    Change(
                        level,
                        f"resource {key} changed",
                        resource["name"],
                        None,
                        None,
                        before.get(key),
                        resource.get(key),
                    )
                )
    return changes


def diff(old_source: str | Path, new_source: str | Path) -> Diff:
    """Every change from the OLD release to the NEW one; a release that cannot be read raises
    PackageError, naming which."""
    old, new = _release(old_source, "old"), _release(new_source, "new")
    result = Diff(old.version, new.version)
    result.changes += _descriptor_changes(dict(old.descriptor), dict(new.descriptor))
    for gone in [n for n in old if n not in new]:
        result.changes.append(Change("major", "resource removed", gone))
    for added in [n for n in new if n not in old]:
        result.changes.append(Change("minor", "resource added", added))
        rows = len(_table(new, "new", added)[1])
        result.rows[added] = {"added": rows, "removed": 0, "changed": 0}
    for name in [n for n in new if n in old]:
        (old_schema, before), (new_schema, after) = (
            _table(old, "old", name),
            _table(new, "new", name),
        )
        result.changes += _schema_changes(name, old_schema, new_schema)
        key = [k for k in primary_key(new_schema) if k in primary_key(old_schema)]
        changes, counts = _row_changes(name, before, after, key)
        result.changes += changes
        if counts:
            result.rows[name] = counts
    return result


def _release(source: str | Path, side: str) -> Package:
    try:
        release = load(source)
        _ = release.version  # a version that is not a string is refused here, not later
    except PackageError as error:
        raise PackageError(f"the {side} release ({source}): {error}") from None
    return release


def _table(release: Package, side: str, name: str) -> tuple[dict[str, Any], pd.DataFrame]:
    """A table's schema, and its cells as the CSV writes them (one read of the file)."""
    try:
        return dict(release.schema(name)), release.written(name)
    except PackageError as error:
        raise PackageError(f"the {side} release ({release.folder}): {error}") from None
