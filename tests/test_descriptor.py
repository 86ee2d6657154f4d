"""The descriptor: valid for Frictionless, every key one the specification defines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cnd_data.validate.descriptor_keys import package_key_findings, schema_key_findings
from conftest import ROOT

frictionless = pytest.importorskip("frictionless")


def _descriptor(folder: Path = ROOT) -> Any:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def _key_findings(folder: Path) -> list[str]:
    descriptor = _descriptor(folder)
    findings = list(package_key_findings(descriptor))
    for resource in descriptor["resources"]:
        schema = json.loads((folder / resource["schema"]).read_text(encoding="utf-8"))
        findings += schema_key_findings(schema, resource["name"])
    return [f.message for f in findings]


def _frictionless_errors(folder: Path) -> list[str]:
    report = frictionless.validate(str(folder / "datapackage.json"))
    return [error.type for task in report.tasks for error in task.errors] + [
        error.type for error in report.errors
    ]


def test_frictionless_finds_no_error() -> None:
    assert _frictionless_errors(ROOT) == []


def test_frictionless_catches_an_altered_file(package_copy: Path) -> None:
    speakers = package_copy / "data" / "speakers.csv"
    speakers.write_bytes(speakers.read_bytes().replace(b"Kenya", b"Kenia"))
    assert "hash-count" in _frictionless_errors(package_copy)


def test_frictionless_catches_a_truncated_file(package_copy: Path) -> None:
    speakers = package_copy / "data" / "speakers.csv"
    speakers.write_bytes(speakers.read_bytes()[:-200])
    assert "byte-count" in _frictionless_errors(package_copy)


def test_every_descriptor_key_is_defined_by_the_specification() -> None:
    assert _key_findings(ROOT) == []


@pytest.mark.parametrize(
    ("where", "mutate", "expected"),
    [
        ("schemas/speakers.json", lambda s: s.update(primarykey=s.pop("primaryKey")), "primarykey"),
        ("schemas/actors.json", lambda s: s["fields"][4].update(pattern="^[A-Z]{3}$"), "pattern"),
        ("schemas/groups.json", lambda s: s["foreignKeys"][0].update(refrence={}), "refrence"),
        ("schemas/groups.json", lambda s: s["fields"][2]["constraints"].update(
            pattern="^1$"), "does not apply"),
        ("schemas/groups.json", lambda s: s["fields"][1]["constraints"].update(
            minimun=1), "minimun"),
        ("datapackage.json", lambda d: d.update(licences=[]), "licences"),
        ("datapackage.json", lambda d: d["resources"][0].update(encodeing="utf-8"), "encodeing"),
        ("datapackage.json", lambda d: d["resources"][0]["dialect"].update(delimeter=","),
         "delimeter"),
        ("datapackage.json", lambda d: d["sources"][0].update(url="x"), "url"),
    ],
)  # fmt: skip
def test_a_misspelled_or_misplaced_key_is_rejected(
    package_copy: Path, where: str, mutate: Any, expected: str
) -> None:
    path = package_copy / where
    document = json.loads(path.read_text(encoding="utf-8"))
    mutate(document)
    path.write_text(json.dumps(document), encoding="utf-8")
    findings = _key_findings(package_copy)
    assert len(findings) == 1
    assert expected in findings[0]


def test_every_field_has_a_description_and_every_resource_its_integrity_keys() -> None:
    descriptor = _descriptor()
    for resource in descriptor["resources"]:
        assert {"encoding", "dialect", "bytes", "hash", "schema"} <= set(resource)
        assert resource["hash"].startswith("sha256:")
        schema = json.loads((ROOT / resource["schema"]).read_text(encoding="utf-8"))
        assert schema["primaryKey"], resource["name"]
        for field in schema["fields"]:
            assert field.get("description"), (resource["name"], field["name"])


def test_every_foreign_key_names_its_resource_for_v1_readers() -> None:
    """Data Package v1 readers (the JavaScript reference library) reject a self-reference
    written without ``resource``; naming the resource itself reads the same in v2."""
    for path in sorted((ROOT / "schemas").glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        for key in schema.get("foreignKeys", []):
            assert key["reference"].get("resource"), (path.name, key)
