"""A draft the Commission had before it in one sentence and acted on in a later one: edits of
the action, and of the statements related to it, that keep every type, key and hash valid but
make a row say what its words do not, each refused by the rules that re-read those words."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cnd_data.build import build
from cnd_data.build.errors import BuildError
from cnd_data.build.registry import Registry
from cnd_data.build.tables import Tables, report_tables
from cnd_data.validate import validate
from conftest import REGISTRY, ROOT
from mutations import Caught, Rows, both, edit, findings_after, set_where

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
    ("the draft sentences of two actions swapped",
     both(set_where("actions", "action_id", A1, draft_sentence_id="cnd70-item8-p6-s1"),
           set_where("actions", "action_id", A2, draft_sentence_id="cnd70-item8-p3-s1")),
     [("action-wording", "actions", 2, "symbol"), ("action-wording", "actions", 2, "title"),
      ("action-wording", "actions", 2, "proposer"), ("action-wording", "actions", 3, "symbol"),
      ("action-wording", "actions", 3, "title"), ("action-wording", "actions", 3, "proposer"),
      # and the statements of paragraphs 4 and 5 stand before the draft sentence it now cites
      ("action-missing", "speakers", 5, "action_id"),
      ("action-missing", "speakers", 6, "action_id"),
      ("action-missing", "speakers", 7, "action_id"),
      ("action-missing", "speakers", 8, "action_id")]),
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


HEAD = CHAPTER.read_text(encoding="utf-8").split("\n3. ")[0]


def _actions(tmp_path: Path, registry: Registry, *paragraphs: str) -> Tables | str:
    """The tables of the chapter with its action section's paragraphs replaced, or the
    build's refusal."""
    path = tmp_path / CHAPTER.name
    numbered = "".join(f"{n}. {text}\n" for n, text in enumerate(paragraphs, start=3))
    path.write_text(f"{HEAD}\n{numbered}", encoding="utf-8")
    try:
        return report_tables(path, registry)
    except BuildError as error:
        return str(error)


L2, L3 = "E/CN.7/2027/L.2", "E/CN.7/2027/L.3"
AT_12 = "At its 12th meeting, on 12 March 2027, the Commission"


@pytest.mark.grammar
def test_what_follows_a_draft_put_before_the_commission_is_about_that_draft(
    tmp_path: Path, registry: Registry
) -> None:
    tables = _actions(
        tmp_path, registry,
        f"{AT_12} adopted draft resolution {L2}. At the same meeting, the Commission had before"
        f" it draft resolution {L3}. The draft resolution was adopted by a recorded vote of 30"
        " to 2, with 1 abstention.",
    )  # fmt: skip
    assert not isinstance(tables, str), tables
    votes = [(a["symbol"], a["vote"], a["votes_for"]) for a in tables["actions"]]
    assert votes == [(L2, "unstated", None), (L3, "recorded_vote", 30)]


@pytest.mark.grammar
def test_a_sponsor_added_to_a_draft_not_yet_acted_on_stops_the_build(
    tmp_path: Path, registry: Registry
) -> None:
    refusal = _actions(
        tmp_path, registry,
        f"{AT_12} adopted draft resolution {L2}. At the same meeting, the Commission had before"
        f" it draft resolution {L3}. The draft resolution was sponsored by Chile.",
        f"At the same meeting, the Commission adopted draft resolution {L3}.",
    )  # fmt: skip
    assert isinstance(refusal, str)
    assert "paragraph 3, sentence 3: words not understood after the draft" in refusal


@pytest.mark.grammar
@pytest.mark.parametrize(
    ("relation", "action"),
    [("Before the adoption of", "cnd70-item8-a2"), ("Before action was taken on", None)],
    ids=["the adoption", "either"],
)
def test_a_statement_on_a_draft_acted_on_twice_is_related_by_what_was_done(
    tmp_path: Path, registry: Registry, relation: str, action: str | None
) -> None:
    tables = _actions(
        tmp_path, registry,
        f"{AT_12} decided to defer consideration of draft resolution {L3}.",
        f"At the same meeting, the Commission adopted draft resolution {L3}.",
        f"{relation} draft resolution {L3}, the representative of Chile made a statement.",
    )  # fmt: skip
    if action is None:
        assert isinstance(tables, str)
        assert f"relates its statements to one of 2 actions on {L3}" in tables
    else:
        assert not isinstance(tables, str), tables
        assert [s["action_id"] for s in tables["speakers"] if s["paragraph"] == 5] == [action]


@pytest.mark.grammar
def test_a_statement_on_what_was_not_done_with_a_draft_stops_the_build(
    tmp_path: Path, registry: Registry
) -> None:
    refusal = _actions(
        tmp_path, registry,
        f"{AT_12} adopted draft resolution {L3}.",
        f"Before the rejection of draft resolution {L3}, the representative of Chile made a"
        " statement.",
    )  # fmt: skip
    assert isinstance(refusal, str)
    assert f"no action on {L3} that was rejected in the chapter" in refusal


def test_a_statement_moved_to_what_its_words_say_was_not_done_is_found(tmp_path: Path) -> None:
    """Two actions on one draft: the statement "Before the adoption of" it relates to the
    adoption, and moved to the deferral, the gate finds it."""
    chapter = tmp_path / "chapter" / CHAPTER.name
    chapter.parent.mkdir()
    chapter.write_text(
        f"{HEAD}\n3. {AT_12} decided to defer consideration of draft resolution {L3}.\n"
        f"4. At the same meeting, the Commission adopted draft resolution {L3}.\n"
        f"5. Before the adoption of draft resolution {L3}, the representative of Chile made a"
        " statement.\n",
        encoding="utf-8",
    )
    built = tmp_path / "built"
    build([chapter], built, REGISTRY)
    moved = set_where("speakers", "actor_id", "CHL", action_id="cnd70-item8-a1")
    assert findings_after(built, tmp_path, moved) == [
        ("action-missing", "speakers", 5, "action_id")
    ]


@pytest.mark.grammar
def test_a_draft_submitted_by_an_officer_of_the_commission_is_an_action(
    tmp_path: Path, registry: Registry
) -> None:
    tables = _actions(
        tmp_path, registry,
        f"{AT_12} adopted draft decision {L3}, submitted by the Chair of the Commission.",
    )  # fmt: skip
    assert not isinstance(tables, str), tables
    assert [(a["symbol"], a["proposer"]) for a in tables["actions"]] == [
        (L3, "the Chair of the Commission")
    ]
