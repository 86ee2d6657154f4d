"""The shape of the descriptor and of each Table Schema, checked against the Data Package v2
profiles (JSON Schemas) as Frictionless holds them: a ``name`` given as a list, ``licenses`` as
a string or a field ``type`` that is a list are findings, not crashes later on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cnd_data.validate.findings import Finding


def _messages(kind: str, document: Mapping[str, Any]) -> list[str]:
    import frictionless

    validator = frictionless.Package if kind == "package" else frictionless.Schema
    try:
        return [str(error.message) for error in validator.metadata_validate(dict(document))]
    except frictionless.FrictionlessException as error:
        return [str(error.error.message)]
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        return [f"cannot be read as a {kind} descriptor: {error}"]


def descriptor_shape_findings(descriptor: Mapping[str, Any]) -> Iterator[Finding]:
    """The descriptor against the Data Package profile (its resources' schemas apart)."""
    shallow = dict(descriptor)
    resources = shallow.get("resources")
    if isinstance(resources, list):
        # Each schema is checked on its own, with its table named in the finding; paths are
        # checked by the trust boundary, which knows whether remote paths were allowed.
        shallow["resources"] = [
            {k: v for k, v in r.items() if k != "schema"} | {"path": "data.csv"}
            if isinstance(r, dict)
            else r
            for r in resources
        ]
    for message in _messages("package", shallow):
        yield Finding("descriptor-shape", message)


def schema_shape_findings(schema: Mapping[str, Any], table: str) -> Iterator[Finding]:
    """A Table Schema against the Table Schema profile."""
    for message in _messages("schema", schema):
        yield Finding("schema-shape", message, table)
