"""Pandera schemas derived from the Table Schemas: types, constraints, primary and foreign keys.

The readable, declared statement of what ``engine.py`` checks in DuckDB: a test runs both over
the defect corpus and the property-based tests and requires the same findings. Nothing here
restates a column: each pandera Column takes its dtype from ``schema.type_dtype`` and its checks
from the field's ``constraints``; keys come from ``primaryKey`` and ``foreignKeys``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from cnd_data.loader import Package
from cnd_data.schema import SchemaError, field_dtype, foreign_keys, primary_key, type_dtype
from cnd_data.validate.data_file import SCHEMA_INVALID
from cnd_data.validate.engine import key_values, length_bound, typed_value
from cnd_data.validate.findings import Finding
from cnd_data.validate.keys import ForeignKey, foreign_key_plan
from cnd_data.validate.patterns import field_pattern, fullmatches
from cnd_data.validate.table import Table

_BOUNDS: dict[str, Callable[[Any], pa.Check]] = {
    "minimum": lambda v: pa.Check.ge(v, name="minimum", error="minimum"),
    "maximum": lambda v: pa.Check.le(v, name="maximum", error="maximum"),
    "exclusiveMinimum": lambda v: pa.Check.gt(v, name="exclusiveMinimum", error="exclusiveMinimum"),
    "exclusiveMaximum": lambda v: pa.Check.lt(v, name="exclusiveMaximum", error="exclusiveMaximum"),
}


def _unique(series: pd.Series) -> pd.Series:
    """True where a value occurs once; missing values are never duplicates."""
    return ~(series.duplicated(keep=False) & series.notna())


def _field_checks(field: dict[str, Any]) -> list[pa.Check]:
    constraints = field.get("constraints", {})
    checks = []
    if constraints.get("unique"):
        checks.append(pa.Check(_unique, name="unique", error="unique"))
    if "enum" in constraints:
        allowed = [typed_value(field, v) for v in constraints["enum"]]
        checks.append(pa.Check.isin(allowed, name="enum", error="enum"))
    if "pattern" in constraints:
        pattern = field_pattern(field)
        checks.append(
            pa.Check(lambda s, p=pattern: fullmatches(s, p), name="pattern", error="pattern")
        )
    for key, make in _BOUNDS.items():
        if key in constraints:
            checks.append(make(typed_value(field, constraints[key])))
    if "minLength" in constraints:
        checks.append(
            pa.Check.str_length(
                min_value=length_bound(field, "minLength"), name="minLength", error="minLength"
            )
        )
    if "maxLength" in constraints:
        checks.append(
            pa.Check.str_length(
                max_value=length_bound(field, "maxLength"), name="maxLength", error="maxLength"
            )
        )
    return checks


def _foreign_key_check(fk: ForeignKey) -> pa.Check:
    known = pd.MultiIndex.from_frame(fk.target[fk.ref_fields].dropna())

    def check(frame: pd.DataFrame) -> pd.Series:
        local = frame[fk.fields]
        present = local.notna().all(axis=1)  # as the engine: a key with a part missing
        found = pd.Series(pd.MultiIndex.from_frame(local).isin(known), index=frame.index)
        return ~present | found

    return pa.Check(check, name=f"foreign-key {fk.label}", error=f"foreign-key {fk.label}")


def pandera_schema(
    table: Table, tables: dict[str, Table], *, loaded: bool = False
) -> tuple[pa.DataFrameSchema, list[Finding]]:
    """The pandera schema of a resource (its dtypes as the validator types a table, or with
    ``loaded`` as ``load()`` does: enums as Categoricals); foreign keys that cannot be checked
    become findings."""
    assert table.schema is not None
    key = primary_key(table.schema)
    dtype = field_dtype if loaded else type_dtype
    columns = {
        field["name"]: pa.Column(
            dtype(field),
            nullable=not field.get("constraints", {}).get("required") and field["name"] not in key,
            checks=_field_checks(field),
            required=False,
            name=field["name"],
        )
        for field in table.fields
    }
    checkable, findings = foreign_key_plan(table, tables)
    checks = [_foreign_key_check(fk) for fk in checkable]
    # a key of a column the file lacks is not checked (missing-column says so), as in the engine
    whole = table.typed is None or set(key) <= set(table.typed.columns)
    schema = pa.DataFrameSchema(
        columns,
        checks=checks,
        unique=(key or None) if whole else None,
        report_duplicates="all",
        name=table.name,
    )
    return schema, findings


def frame_schema(name: str, package: Package) -> pa.DataFrameSchema:
    """The pandera schema of a table of a loaded package, for frames derived from it: dtypes as
    loaded, constraints, the primary key, and foreign keys checked against the package's tables.
    A foreign key that cannot be checked raises SchemaError."""
    schema = dict(package.schema(name))
    targets = {resource for _, resource, _ in foreign_keys(schema, name)} & set(package)
    tables = {n: Table(n, {}, dict(package.schema(n)), typed=package[n]) for n in targets}
    table = Table(name, {}, schema, typed=package[name].head(0))  # the fields a frame has
    built, unchecked = pandera_schema(table, tables, loaded=True)
    if unchecked:
        raise SchemaError("; ".join(f.message for f in unchecked))
    return built


def _rule(check: str) -> str:
    if check == "not_nullable":
        return "required"
    if check == "multiple_fields_uniqueness":
        return "primary-key"
    if check.startswith("foreign-key"):
        return "foreign-key"
    if check.startswith("dtype"):
        return "type"
    return check


def constraint_findings(table: Table, tables: dict[str, Table]) -> Iterator[Finding]:
    """Findings of the resource's pandera schema on its typed frame."""
    if table.typed is None or table.schema is None:
        return
    try:
        schema, findings = pandera_schema(table, tables)
    except (re.error, ValueError, TypeError) as error:
        yield Finding(SCHEMA_INVALID, f"the schema cannot be checked: {error}", table.name)
        return
    yield from findings
    try:
        schema.validate(table.typed, lazy=True)
        return
    except SchemaErrors as errors:
        cases = errors.failure_cases
    cases = cases.assign(_row=pd.to_numeric(cases["index"], errors="coerce")).sort_values(
        "_row", kind="stable", na_position="first"
    )
    constraints = {f.get("name"): f.get("constraints", {}) for f in table.fields}
    seen: set[tuple[str, int]] = set()
    for case in cases.itertuples(index=False):
        check = str(case.check)
        index = None if pd.isna(case.index) else int(case.index)
        column = None if case.column is None or pd.isna(case.column) else str(case.column)
        rule = _rule(check)
        if index is not None and (index, column) in table.type_errors:
            continue  # already reported as a type error
        if rule in {"foreign-key", "primary-key"}:
            if index is None or (check, index) in seen:
                continue
            seen.add((check, index))
            fields = check.split(" ", 1)[1] if rule == "foreign-key" else None
            values = _row_values(table, index, fields)
            if fields is not None:
                message = f"{values} not found in {fields.split(' → ', 1)[1]}"
                key = fields.split(" → ", 1)[0].strip("()")
            else:
                message = f"the primary key {values} is not unique"
                key = ", ".join(f for f in primary_key(table.schema or {}) if f in table.typed)
            yield Finding(rule, message, table.name, row=index + 2, field=key, value=values)
            continue
        value = None if pd.isna(case.failure_case) else str(case.failure_case)
        limit = constraints.get(column, {}).get(rule)
        if rule == "required":
            message = "a required value is missing"
        elif rule == "unique":
            message = f"{value!r} occurs more than once"
        elif limit is not None:
            shown = ", ".join(map(str, limit)) if isinstance(limit, list) else limit
            message = f"{value!r} breaks the {rule} constraint ({shown})"
        else:
            message = f"{value!r} fails the {check} check"
        yield Finding(
            rule,
            message,
            table.name,
            row=None if index is None else index + 2,
            field=column,
            value=value,
        )


def _row_values(table: Table, index: int, label: str | None) -> str:
    assert table.typed is not None
    assert table.schema is not None
    if label is None:
        fields = primary_key(table.schema)
    else:
        fields = [f.strip() for f in label.split(")")[0].strip("(").split(",")]
    return key_values(table.typed, index, [f for f in fields if f in table.typed])
