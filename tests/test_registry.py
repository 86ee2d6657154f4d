"""The registry covers every State of the UN and refuses inconsistent or ambiguous entries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cnd_data.build.errors import BuildError
from cnd_data.build.registry import Registry, load_registry
from conftest import REGISTRY

pytestmark = pytest.mark.grammar  # the build's reading alone: run once, by nox -s tests


def test_every_member_state_and_both_observer_states(registry: Registry) -> None:
    states = [a for a in registry.actors.values() if a.actor_type == "state"]
    assert sum(1 for a in states if a.un_member) == 193
    assert sorted(a.name for a in states if a.un_member is False) == [
        "Holy See",
        "State of Palestine",
    ]
    assert all(a.m49 is not None and len(a.m49) == 3 for a in states)


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("the Bolivarian Republic of Venezuela", "VEN"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("the Kingdom of the Netherlands", "NLD"),
        ("Türkiye", "TUR"),
        ("Côte d'Ivoire", "CIV"),
        ("the United States", "USA"),
        ("UNODC", "unodc"),
        ("the International Criminal Police Organization (INTERPOL)", "interpol"),
        ("Namibia", "NAM"),
    ],
)
def test_resolve_variants(registry: Registry, name: str, actor_id: str) -> None:
    assert registry.resolve(name) == actor_id


def test_unknown_name_is_none(registry: Registry) -> None:
    assert registry.resolve("Atlantis") is None
    assert registry.resolve("Ivory Coast") is None  # the reference copy's defect, corrected


@pytest.fixture
def registry_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "registry"
    shutil.copytree(REGISTRY, folder)
    return folder


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def test_an_alias_naming_two_actors_is_an_error(registry_copy: Path) -> None:
    _append(registry_copy / "aliases.csv", "FRA,Germany")
    with pytest.raises(BuildError, match="'Germany' names both DEU and FRA"):
        load_registry(registry_copy)


def test_an_alias_of_an_unknown_actor_is_an_error(registry_copy: Path) -> None:
    _append(registry_copy / "aliases.csv", "xyz,Somewhere")
    with pytest.raises(BuildError, match="unknown actor 'xyz'"):
        load_registry(registry_copy)


def test_a_correction_of_a_missing_cell_is_an_error(registry_copy: Path) -> None:
    _append(registry_copy / "state-corrections.csv", "TUR,No Such Column,x,typo")
    with pytest.raises(BuildError, match="no cell TUR/No Such Column"):
        load_registry(registry_copy)


def test_codes_that_disagree_with_iso_3166_are_an_error(registry_copy: Path) -> None:
    _append(registry_copy / "state-corrections.csv", "KEN,ISO3166-1-Alpha-2,KN,wrong")
    with pytest.raises(BuildError, match="KEN: iso2/m49 KN/404 differ from ISO 3166-1 KE/404"):
        load_registry(registry_copy)


def test_a_membership_of_an_unknown_actor_is_an_error(registry_copy: Path) -> None:
    _append(registry_copy / "memberships.csv", "european-union,XXX,2000-01-01,,")
    with pytest.raises(BuildError, match="unknown actor 'XXX'"):
        load_registry(registry_copy)


def test_a_missing_registry_file_is_an_error(registry_copy: Path) -> None:
    (registry_copy / "organizations.csv").unlink()
    with pytest.raises(BuildError, match=r"organizations.csv: no such file"):
        load_registry(registry_copy)
