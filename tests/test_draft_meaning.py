"""A draft the Commission had before it in one sentence and acted on in a later one: edits of
the action, and of the statements related to it, that keep every type, key and hash valid but
make a row say what its words do not, each refused by the rules that re-read those words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cnd_data.build import build
from cnd_data.validate import validate
from conftest import REGISTRY, ROOT
from mutations import Caught, Rows, edit, findings_after, set_where

CHAPTER = ROOT / "tests" / "fixtures" / "genre" / "cnd70-item8.md"
A1, A2 = "cnd70-item8-a1", "cnd70-item8-a2"
# sentences rows: p3-s1 (the first draft's) is row 4, p6-s1 row 9, p7-s1 row 10; speakers rows:
# the introduction is row 5, the statement before the adoption row 6


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drafts")
    build([CHAPTER], folder, REGISTRY)
    return folder


def _drop(action: str) -> Callable[[Path], None]:
    def change(rows: Rows) -> None:
        rows[:] = [r for r in rows if r["action_id"] != action]

    return edit("actions", change)


EDITS: list[tuple[str, Callable[[Path], None], list[Caught]]] = [
    ("the draft sentence left out", set_where("actions", "action_id", A1, draft_sentence_id=""),
     [("action-wording", "actions", 2, "symbol"), ("action-wording", "actions", 2, "title"),
      ("action-wording", "actions", 2, "proposer"),
      ("action-missing", "sentences", 4, "text"),
      ("action-missing", "speakers", 5, "action_id"),
      ("action-missing", "speakers", 6, "action_id")]),
    ("a speakers sentence given as the draft sentence",
     set_where("actions", "action_id", A1, draft_sentence_id="cnd70-item8-p4-s2"),
     [("action-wording", "actions", 2, "draft_sentence_id"),
      ("action-wording", "actions", 2, "symbol"), ("action-wording", "actions", 2, "title"),
      ("action-wording", "actions", 2, "proposer"),
      ("action-missing", "sentences", 4, "text")]),
    ("another draft's symbol", set_where("actions", "action_id", A1, symbol="E/CN.7/2027/L.5"),
     [("action-wording", "actions", 2, "symbol")]),
    ("an introduction related to no action", set_where("speakers", "speaker_id", "cnd70-item8-p4-1",
                                                  action_id=""),
     [("action-missing", "speakers", 5, "action_id")]),
    ("a statement before the adoption related to the other draft",
     set_where("speakers", "speaker_id", "cnd70-item8-p4-2", action_id=A2),
     [("action-missing", "speakers", 6, "action_id")]),
    ("an action on a draft dropped", _drop(A2),
     [("action-missing", "sentences", 10, "text"), ("action-missing", "sentences", 9, "text")]),
]  # fmt: skip


@pytest.mark.parametrize(("mutate", "caught"), [e[1:] for e in EDITS], ids=[e[0] for e in EDITS])
def test_each_edit_is_refused_by_the_rules_that_read_its_words(
    built: Path, tmp_path: Path, mutate: Callable[[Path], None], caught: list[Caught]
) -> None:
    assert sorted(findings_after(built, tmp_path, mutate)) == sorted(caught)


def test_the_package_as_built_is_valid(built: Path) -> None:
    report = validate(built, rebuild=False)
    assert report.valid, report.findings
