"""Edits of the actions, their sponsors and the speakers related to them that keep every type,
key and hash valid but make a row say what its words do not: each is refused by the rule that
re-reads those words, with its row and field, and by that rule alone."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from cnd_data.build import build
from cnd_data.validate import validate
from conftest import REGISTRY, ROOT
from mutations import Caught, Rows, both, edit, findings_after, reseal, set_where

CHAPTER = ROOT / "tests" / "fixtures" / "genre" / "cnd70-item4.md"
A1, A2, A3, A4 = (f"cnd70-item4-a{n}" for n in range(1, 5))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("actions")
    build([CHAPTER], folder, REGISTRY)
    return folder


EDITS: list[tuple[str, Callable[[Path], None], Caught]] = [
    ("deferred said to be adopted", set_where("actions", "action_id", A4, outcome="adopted"),
     ("action-wording", "actions", 5, "outcome")),
    ("a draft decision said to be a resolution",
     set_where("actions", "action_id", A4, kind="draft_resolution"),
     ("action-wording", "actions", 5, "kind")),
    ("another symbol", set_where("actions", "action_id", A1, symbol="E/CN.7/2027/L.9"),
     ("action-wording", "actions", 2, "symbol")),
    ("a count changed", set_where("actions", "action_id", A1, votes_for="39"),
     ("action-wording", "actions", 2, "votes_for")),
    ("a recorded vote said to be without a vote",
     set_where("actions", "action_id", A1, vote="without_vote", votes_for="", votes_against="",
          abstentions=""),
     ("action-wording", "actions", 2, "vote")),
    ("the oral revision left out", set_where("actions", "action_id", A1, as_revised="false"),
     ("action-wording", "actions", 2, "as_revised")),
    ("another print reference",
     set_where("actions", "action_id", A1, printed_in="chap. I, sect. B, resolution 70/2"),
     ("action-wording", "actions", 2, "printed_in")),
    ("a recommendation the words do not make",
     set_where("actions", "action_id", A1, recommended_to="General Assembly"),
     ("action-wording", "actions", 2, "recommended_to")),
    ("a deferral to another session",
     set_where("actions", "action_id", A4, deferred_to="its seventy-second session"),
     ("action-wording", "actions", 5, "deferred_to")),
    ("'At the same meeting' given an earlier meeting",
     set_where("actions", "action_id", A2, meeting="8"),
     ("action-meeting", "actions", 3, "meeting")),
    ("a withdrawal given a meeting", set_where("actions", "action_id", A3, meeting="9"),
     ("action-meeting", "actions", 4, "meeting")),
    ("a sponsor the proposer does not name",
     set_where("sponsors", "position", "1", name_in_report="Mexico", actor_id="MEX"),
     ("action-wording", "actions", 2, "proposer")),
    ("a sponsor made another actor", set_where("sponsors", "position", "2", actor_id="PER"),
     ("actor-name", "sponsors", 3, "actor_id")),
    ("an explanation of vote related to no action",
     set_where("speakers", "actor_id", "BRA", action_id=""),
     ("action-missing", "speakers", 7, "action_id")),
    ("a delegation's statement related to an action",
     set_where("speakers", "actor_id", "DEU", action_id=A1),
     ("action-missing", "speakers", 2, "action_id")),
    # an adversary's edits that once passed
    ("a sponsor left out", edit("sponsors", lambda rows: rows.pop(0)),
     ("action-wording", "actions", 2, "proposer")),
    ("a sponsor left out of the proposer too",
     both(edit("sponsors", lambda rows: rows.pop(0)),
           set_where("actions", "action_id", A1, proposer="Colombia and Peru")),
     ("action-wording", "actions", 2, "proposer")),
    ("the meeting left out", set_where("actions", "action_id", A1, meeting=""),
     ("action-meeting", "actions", 2, "meeting")),
    ("the symbol left out", set_where("actions", "action_id", A1, symbol=""),
     ("action-wording", "actions", 2, "symbol")),
    ("the title left out", set_where("actions", "action_id", A1, title=""),
     ("action-wording", "actions", 2, "title")),
    ("the symbol cut short", set_where("actions", "action_id", A1, symbol="E/CN.7/2027/L"),
     ("action-wording", "actions", 2, "symbol")),
    ("the print reference cut short", set_where("actions", "action_id", A1, printed_in="chap. I"),
     ("action-wording", "actions", 2, "printed_in")),
    ("an explanation of position moved to another paragraph's action",
     set_where("speakers", "actor_id", "KEN", action_id=A1),
     ("action-missing", "speakers", 9, "action_id")),
]  # fmt: skip


def _drop_action(action: str) -> Callable[[Rows], None]:
    def change(rows: Rows) -> None:
        rows[:] = [r for r in rows if r["action_id"] != action]

    return change


@pytest.mark.parametrize(("mutate", "caught"), [e[1:] for e in EDITS], ids=[e[0] for e in EDITS])
def test_each_edit_is_refused_by_its_rule_alone(
    built: Path, tmp_path: Path, mutate: Callable[[Path], None], caught: Caught
) -> None:
    assert findings_after(built, tmp_path, mutate) == [caught]


@pytest.mark.parametrize("action", [A3, A4], ids=["withdrawn in its own sentence", "deferred"])
def test_an_action_left_out_is_found(built: Path, tmp_path: Path, action: str) -> None:
    package = tmp_path / "package"
    shutil.copytree(built, package)
    edit("actions", _drop_action(action))(package)
    reseal(package)
    report = validate(package, rebuild=False)
    found = [(f.rule, f.resource, f.field) for f in report.findings]
    assert found == [("action-missing", "sentences", "text")]


def test_the_package_as_built_is_valid(built: Path) -> None:
    report = validate(built, rebuild=False)
    assert report.valid, report.findings
