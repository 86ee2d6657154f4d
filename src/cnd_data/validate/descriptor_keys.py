"""Descriptor keys the Data Package v2 specification defines, level by level.

Frictionless ignores a key it does not know (``primarykey``, a ``pattern`` outside
``constraints``), so a misspelled or misplaced constraint is silently dead. This check rejects
every key the specification does not define at its level, and constraints that do not apply to
their field's type.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cnd_data.declared_rules import declare
from cnd_data.paths import web_url
from cnd_data.validate.findings import Finding

# The rules this module checks; docs/rules.md is generated from them.
DESCRIPTOR_KEY = declare(
    "descriptor-key",
    "descriptor",
    "every key is one the Data Package v2 specification defines at its level, and constraints "
    "apply to their field's type",
    "'primarykey' is not a key of a Table Schema",
)
DESCRIPTOR_TYPE = declare(
    "descriptor-type",
    "descriptor",
    "a descriptor part that must be an object is one",
    "resource 1 must be an object",
)
DESCRIPTOR_URL = declare(
    "descriptor-url",
    "descriptor",
    "every link (homepage, image, and the path of a licence, source or contributor) is an"
    " http(s) URL: nothing a browser would run (javascript:) or open locally (file:, data:)",
    "licenses[0].path 'javascript:alert(1)' is not an http(s) URL",
)

PACKAGE = {
    "$schema", "name", "id", "licenses", "title", "description", "homepage", "image", "version",
    "created", "keywords", "contributors", "sources", "resources",
    # An extension of this package's (schema.org's name): the dates its chapters span, checked
    # by the temporal-coverage rule.
    "temporalCoverage",
}  # fmt: skip
RESOURCE = {
    "$schema", "name", "path", "data", "type", "title", "description", "homepage", "sources",
    "licenses", "format", "mediatype", "encoding", "bytes", "hash", "dialect", "schema",
}  # fmt: skip
DIALECT = {
    "$schema", "header", "headerRows", "headerJoin", "commentRows", "commentChar", "delimiter",
    "lineTerminator", "quoteChar", "doubleQuote", "escapeChar", "nullSequence",
    "skipInitialSpace", "property", "itemType", "itemKeys", "sheetNumber", "sheetName", "table",
}  # fmt: skip
SCHEMA = {
    "$schema", "fields", "fieldsMatch", "missingValues", "primaryKey", "uniqueKeys", "foreignKeys",
}  # fmt: skip
FIELD = {
    "name", "title", "type", "format", "description", "example", "constraints", "rdfType",
    "missingValues", "categories", "categoriesOrdered", "trueValues", "falseValues", "bareNumber",
    "groupChar", "decimalChar", "itemType", "itemFormat", "delimiter",
}  # fmt: skip
FOREIGN_KEY = {"fields", "reference"}
REFERENCE = {"resource", "fields"}
LICENSE = {"name", "path", "title"}
SOURCE = {"title", "path", "email", "version"}
CONTRIBUTOR = {"title", "path", "email", "givenName", "familyName", "organization", "roles"}

_ORDERED = {"integer", "number", "date", "time", "datetime", "year", "yearmonth", "duration"}
_SIZED = {"string", "array", "object", "list"}
CONSTRAINTS: dict[str, set[str] | None] = {
    "required": None,
    "unique": None,
    "enum": None,
    "pattern": {"string"},
    "minLength": _SIZED,
    "maxLength": _SIZED,
    "minimum": _ORDERED,
    "maximum": _ORDERED,
    "exclusiveMinimum": _ORDERED,
    "exclusiveMaximum": _ORDERED,
    "jsonSchema": {"object", "array"},
}


def constraint_applies(key: str, field: Mapping[str, Any]) -> bool:
    """Whether a constraint of the specification applies to a field of its type."""
    types = CONSTRAINTS[key]
    return types is None or field.get("type", "any") in types


FIELD_TYPES = {
    "string", "number", "integer", "boolean", "object", "array", "list", "date", "time",
    "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any",
}  # fmt: skip


def _unknown(node: Any, allowed: set[str], where: str, resource: str | None) -> Iterator[Finding]:
    if not isinstance(node, Mapping):
        yield Finding(DESCRIPTOR_TYPE, f"{where} must be an object", resource)
        return
    for key in sorted(set(node) - allowed):
        yield Finding(
            DESCRIPTOR_KEY,
            f"{where} has key {key!r}, which the Data Package specification does not define there"
            " (Frictionless would ignore it)",
            resource,
            value=key,
        )


def _list(node: Any, key: str) -> list[Any]:
    value = node.get(key, []) if isinstance(node, Mapping) else []
    return value if isinstance(value, list) else []


def package_key_findings(descriptor: Any) -> Iterator[Finding]:
    """Keys of a package descriptor (with resources inline) that the specification lacks."""
    yield from _unknown(descriptor, PACKAGE, "the package", None)
    for kind, allowed in (
        ("licenses", LICENSE),
        ("sources", SOURCE),
        ("contributors", CONTRIBUTOR),
    ):
        for index, item in enumerate(_list(descriptor, kind)):
            yield from _unknown(item, allowed, f"{kind}[{index}]", None)
    yield from _links(descriptor, None)
    for index, resource in enumerate(_list(descriptor, "resources")):
        name = resource.get("name") if isinstance(resource, Mapping) else None
        label = name if isinstance(name, str) else f"resources[{index}]"
        yield from _unknown(resource, RESOURCE, f"resource {label!r}", label)
        yield from _links(resource, label)
        if isinstance(resource, Mapping) and isinstance(resource.get("dialect"), Mapping):
            yield from _unknown(resource["dialect"], DIALECT, f"the dialect of {label!r}", label)


def _links(node: Any, resource: str | None) -> Iterator[Finding]:
    """Links of a package or a resource that are not http(s) URLs (exports render them)."""
    if not isinstance(node, Mapping):
        return
    places = [(key, node.get(key)) for key in ("homepage", "image") if key in node]
    for kind in ("licenses", "sources", "contributors"):
        places += [
            (f"{kind}[{index}].path", item["path"])
            for index, item in enumerate(_list(node, kind))
            if isinstance(item, Mapping) and "path" in item
        ]
    for where, value in places:
        if not web_url(value):
            yield Finding(
                DESCRIPTOR_URL,
                f"{where} {value!r} is not an http(s) URL",
                resource,
                value=str(value),
            )


def schema_key_findings(schema: Any, resource: str) -> Iterator[Finding]:
    """Keys of a Table Schema that the specification lacks, and constraints that cannot apply."""
    yield from _unknown(schema, SCHEMA, "the schema", resource)
    for field in _list(schema, "fields"):
        name = field.get("name") if isinstance(field, Mapping) else None
        yield from _unknown(field, FIELD, f"field {name!r}", resource)
        if not isinstance(field, Mapping):
            continue
        field_type = field.get("type", "any")
        if field_type not in FIELD_TYPES:
            yield Finding(
                DESCRIPTOR_KEY,
                f"field {name!r} has unknown type {field_type!r}",
                resource,
                field=name,
                value=str(field_type),
            )
        constraints = field.get("constraints", {})
        yield from _unknown(constraints, set(CONSTRAINTS), f"the constraints of {name!r}", resource)
        for key in sorted(
            set(constraints) & set(CONSTRAINTS) if isinstance(constraints, Mapping) else ()
        ):
            if not constraint_applies(key, field):
                yield Finding(
                    DESCRIPTOR_KEY,
                    f"constraint {key!r} does not apply to field {name!r} of type {field_type!r}",
                    resource,
                    field=name,
                    value=key,
                )
    for foreign_key in _list(schema, "foreignKeys"):
        yield from _unknown(foreign_key, FOREIGN_KEY, "a foreign key", resource)
        if isinstance(foreign_key, Mapping):
            yield from _unknown(foreign_key.get("reference"), REFERENCE, "a reference", resource)
