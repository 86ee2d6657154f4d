"""The shape check against the official Data Package v2 profiles: findings say what and where,
in words a reader can act on, and stay short whatever the value."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cnd_data.validate.shape import descriptor_shape_findings, schema_shape_findings
from conftest import ROOT


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((ROOT / "schemas" / "meetings.json").read_text("utf-8"))
    return schema


def _descriptor() -> dict[str, Any]:
    descriptor: dict[str, Any] = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    return descriptor


def _messages(schema: dict[str, Any]) -> list[str]:
    return [f.message for f in schema_shape_findings(schema, "meetings")]


def test_the_shipped_descriptor_and_schemas_have_the_profiles_shape() -> None:
    descriptor = _descriptor()
    assert list(descriptor_shape_findings(descriptor)) == []
    for resource in descriptor["resources"]:
        schema = json.loads((ROOT / resource["schema"]).read_text("utf-8"))
        assert list(schema_shape_findings(schema, resource["name"])) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda f: f["constraints"].update(maxLength="5"),
         "'5' is not of type 'integer' (at fields/0/constraints/maxLength)"),
        (lambda f: f.update(name=3), "3 is not of type 'string' (at fields/0/name)"),
        (lambda f: f["constraints"].update(enum="x"),
         "'x' is not of type 'array' (at fields/0/constraints/enum)"),
        (lambda f: f.update(type="strin"),
         "matches none of the forms the profile allows (at fields/0/type)"),
    ],
)  # fmt: skip
def test_a_misshapen_field_is_named_by_its_closest_form(change: Any, expected: str) -> None:
    """A field is one of fifteen forms (one per type); the finding follows the form the field
    comes closest to rather than saying only that none fits."""
    schema = _schema()
    change(schema["fields"][0])
    assert _messages(schema) == [expected]


def test_descriptor_findings_name_the_place() -> None:
    descriptor = _descriptor()
    descriptor["resources"][1]["dialect"] = {"delimiter": 5}
    descriptor["licenses"] = "CC-BY-4.0"
    assert [f.message for f in descriptor_shape_findings(descriptor)] == [
        "'CC-BY-4.0' is not of type 'array' (at licenses)",
        "5 is not of type 'string' (at resources/1/dialect/delimiter)",
    ]


def test_a_huge_value_is_not_repeated_whole() -> None:
    descriptor = _descriptor()
    descriptor["name"] = ["x" * 1_000_000]
    (finding,) = descriptor_shape_findings(descriptor)
    assert finding.message.endswith("… (at name)")
    assert len(finding.message) < 400


def test_a_schema_changed_in_place_is_checked_again() -> None:
    """The profile's messages are kept for each distinct document, not for each object: the
    same schema object, made misshapen after a first check, has its finding."""
    schema = _schema()
    assert _messages(schema) == []
    schema["fields"][0]["constraints"]["maxLength"] = "5"
    assert _messages(schema) == ["'5' is not of type 'integer' (at fields/0/constraints/maxLength)"]
    del schema["fields"][0]["constraints"]["maxLength"]
    assert _messages(schema) == []


def test_a_large_document_is_checked_but_not_kept() -> None:
    """Only documents of a schema's size are kept between validations: a hostile schema of many
    megabytes is checked, and let go."""
    from cnd_data.validate import shape

    schema = _schema()
    schema["fields"] += [dict(schema["fields"][1], name=f"f{i}") for i in range(5000)]
    schema["fields"][0]["constraints"]["maxLength"] = "5"
    before = shape._messages_of.cache_info().currsize
    assert _messages(schema) == ["'5' is not of type 'integer' (at fields/0/constraints/maxLength)"]
    assert shape._messages_of.cache_info().currsize == before
