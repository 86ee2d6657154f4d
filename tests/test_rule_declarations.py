"""Each rule is declared where it is checked, and a finding names its rule through that
declaration, never by a string of its own: the catalogue cannot drift from the checks."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from cnd_data import declared_rules
from cnd_data.declared_rules import DECLARED, declare
from cnd_data.validate.catalogue import CATALOGUE
from conftest import ROOT

SOURCE = ROOT / "src" / "cnd_data"
# (callable, position of its rule argument)
NAMING = {"Finding": 0, "Problem": 0, "each": 2}


def _modules() -> list[Path]:
    return sorted(SOURCE.rglob("*.py"))


def _literal_rules(path: Path) -> list[str]:
    """Where a call that names a rule names it by a string literal."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        at = NAMING.get(str(name))
        if at is not None and len(node.args) > at:
            argument = node.args[at]
            choices = (
                [argument.body, argument.orelse] if isinstance(argument, ast.IfExp) else [argument]
            )
            if any(isinstance(c, ast.Constant) and isinstance(c.value, str) for c in choices):
                found.append(f"{path.name}:{node.lineno}")
    return found


def test_no_finding_names_its_rule_by_a_literal() -> None:
    literal = [where for path in _modules() for where in _literal_rules(path)]
    assert not literal, literal


def test_the_check_finds_a_literal(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('Finding("speaker-order", "m", "t")\n', encoding="utf-8")
    assert _literal_rules(module)


def _declarations(path: Path) -> dict[str, str]:
    """The rules a module declares: {rule id: the name it binds}."""
    declared = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        value = node.value if isinstance(node, ast.Assign) else None
        if (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id == "declare"
            and isinstance(value.args[0], ast.Constant)
        ):
            assert isinstance(node, ast.Assign)
            target = node.targets[0]
            assert isinstance(target, ast.Name)
            declared[str(value.args[0].value)] = target.id
    return declared


def test_every_rule_is_declared_once_in_a_module_that_checks_it() -> None:
    seen: dict[str, str] = {}
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        for rule, name in _declarations(path).items():
            assert rule not in seen, f"{rule} is declared in {seen[rule]} and {path.name}"
            seen[rule] = path.name
            module = ".".join(path.relative_to(SOURCE.parent).with_suffix("").parts)
            assert DECLARED[rule].module == module, "the catalogue names another module"
            assert text.count(name) > 1, f"{path.name} declares {rule} and never uses it"
    assert set(seen) == set(DECLARED) == set(CATALOGUE)


@pytest.mark.parametrize(
    ("rule", "stage", "error"),
    [("speaker-order", "words", "declared twice"), ("a-new-rule", "somewhere", "not a stage")],
)
def test_a_declaration_is_refused_twice_or_out_of_its_stages(
    rule: str, stage: str, error: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(declared_rules, "DECLARED", dict(DECLARED))
    with pytest.raises(ValueError, match=error):
        declare(rule, stage, "checks", "example")


def test_the_catalogue_follows_the_stages_in_order() -> None:
    stages = [stage for stage, _, _ in CATALOGUE.values()]
    assert stages == sorted(stages, key=declared_rules.STAGES.index)
