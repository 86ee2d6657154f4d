"""The shape of the descriptor and of each Table Schema, checked against the official Data
Package v2 profiles (JSON Schemas; the copies dplib-py publishes, read as files, without importing
its models): a ``name`` given as a list, ``licenses`` as a string or a field ``type`` that is a
list are findings, not crashes later on."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from cnd_data.declared_rules import declare
from cnd_data.validate.findings import Finding

# The rules this module checks; docs/rules.md is generated from them.
DESCRIPTOR_SHAPE = declare(
    "descriptor-shape",
    "descriptor",
    "the descriptor against the Data Package v2 profile",
    "['x'] is not of type 'string' (at name)",
)
SCHEMA_SHAPE = declare(
    "schema-shape",
    "schema",
    "the schema against the Table Schema v2 profile",
    "'5' is not of type 'integer' (at fields/0/constraints/maxLength)",
)

PROFILES = {"package": "datapackage.json", "schema": "tableschema.json"}
_SHOWN = 300  # characters of a message: a value of many megabytes is not repeated whole


@cache
def _validator(kind: str) -> Any:
    from jsonschema.validators import validator_for

    profile = json.loads((files("dplib") / "profiles" / "2.0" / PROFILES[kind]).read_text("utf-8"))
    return validator_for(profile)(profile)


def _where(path: Any) -> str:
    return "/".join(str(part) for part in path) or "the top level"


def _explained(error: Any) -> tuple[str, str]:
    """(message, where) for an error, descending into the one alternative of an ``anyOf`` or
    ``oneOf`` that comes closest (fewest errors, then the deepest), as a reader would: a
    ``maxLength`` given as a string is reported as such, not as "no field type fits"."""
    while error.context:
        branches: dict[Any, list[Any]] = {}
        for suberror in error.context:
            branches.setdefault(suberror.relative_schema_path[0], []).append(suberror)
        ranks = {
            key: (len(errors), -max(len(e.relative_path) for e in errors))
            for key, errors in branches.items()
        }
        best = min(ranks.values())
        closest = [key for key, rank in ranks.items() if rank == best]
        if len(closest) != 1:
            paths = {tuple(e.absolute_path) for key in closest for e in branches[key]}
            where = paths.pop() if len(paths) == 1 else tuple(error.absolute_path)
            return "matches none of the forms the profile allows", _where(where)
        error = max(branches[closest[0]], key=lambda e: len(e.relative_path))
    message = str(error.message)
    if len(message) > _SHOWN:
        message = message[:_SHOWN] + "…"
    return message, _where(error.absolute_path)


_KEPT = 1 << 18  # characters of the longest document whose messages are kept: a schema, not a bomb


def _messages(kind: str, document: Mapping[str, Any]) -> tuple[str, ...]:
    text = json.dumps(document, ensure_ascii=False)
    return (_messages_of if len(text) <= _KEPT else _messages_of.__wrapped__)(kind, text)


@lru_cache(maxsize=64)
def _messages_of(kind: str, document: str) -> tuple[str, ...]:
    """The messages for a document given as its JSON text: a process that validates many
    packages checks each distinct schema against its profile once (the profile's ``oneOf`` of
    field types makes this the slowest check of a small package)."""
    errors = [_explained(error) for error in _validator(kind).iter_errors(json.loads(document))]
    return tuple(f"{m} (at {where})" for m, where in sorted(errors, key=lambda e: e[1]))


def descriptor_shape_findings(descriptor: Mapping[str, Any]) -> Iterator[Finding]:
    """The descriptor against the Data Package profile (its resources' schemas apart)."""
    shallow = dict(descriptor)
    listed = shallow.get("resources")
    if isinstance(listed, list):
        # Each schema is checked on its own, with its table named in the finding; paths are
        # checked by the trust boundary, which knows whether remote paths were allowed.
        shallow["resources"] = [
            {k: v for k, v in r.items() if k != "schema"} | {"path": "data.csv"}
            if isinstance(r, dict)
            else r
            for r in listed
        ]
    for message in _messages("package", shallow):
        yield Finding(DESCRIPTOR_SHAPE, message)


def schema_shape_findings(schema: Mapping[str, Any], table: str) -> Iterator[Finding]:
    """A Table Schema against the Table Schema profile."""
    for message in _messages("schema", schema):
        yield Finding(SCHEMA_SHAPE, message, table)
