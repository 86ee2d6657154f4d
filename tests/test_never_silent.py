"""Never silent, by construction: a sentence that names speakers, rewritten at random (States of
the registry in lists, heads, verbs the grammar knows and verbs it does not, in every section),
either gives a row for every State it names or stops the build with its paragraph and sentence;
and every ordinal of a meetings sentence is a meeting or stops the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnd_data.build.errors import BuildError
from cnd_data.build.registry import Registry, load_registry
from cnd_data.build.tables import Tables, report_tables
from conftest import REGISTRY

pytestmark = pytest.mark.grammar  # the build's reading alone: run once, by nox -s tests

COVER = """**Commission on Narcotic Drugs**

Sixty-ninth session

Vienna, 9–13 March 2026

**Draft report***Rapporteur:* Jane Doe (Kenya)**Addendum****International cooperation**

1. {meetings}
2. Statements were made by the representatives of Germany and Italy.
{section}
3. {sentence}
"""
MEETINGS = (
    "At its 7th meeting, on 12 March 2026, the Commission considered agenda item 7, entitled"
    " “International cooperation”."
)
SECTIONS = ("", "\n## A. Deliberations\n", "\n## B. Action taken by the Commission\n")
# {names}: a list of States; {one}: one State
FORMS = (
    "Statements were made by the representatives of {names}.",
    "Statements were also made by the observers for {names}.",
    "Statements in exercise of the right of reply were made by the representatives of {names}.",
    "The representative of {one} made a statement.",
    "The representatives of {names} made statements.",
    "{names} made statements.",
    "The observer for {one} took the floor.",
    "The delegation of {one} also took the floor.",
    "At that meeting, the representative of {one} made a statement.",
    "The representative of {one}, on behalf of the Group of 77 and China, made a statement.",
    "Statements were made by the representative of {one} and by the observers for {names}.",
    "A presentation was made by the representative of {one}.",
    "The representatives of {names} made presentations.",
    # forms the grammar does not read: they must stop the build
    "The representative of {one} spoke.",
    "The representative of {one} stressed the need for action.",
    "After the adoption, statements in explanation of vote were made by {names}.",
    "The representative of {one} made a statement and circulated it.",
    "Many speakers, including the representatives of {names}, welcomed the report.",
    "Statements were made by the representatives of {names} and several delegations.",
    "The representative of {one} responded to questions raised by {names}.",
    "The representative of {one} gave a presentation together with {names}.",
    "The representative of {one} introduced the draft resolution.",
)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


STATES = sorted(a.name for a in load_registry(REGISTRY).actors.values() if a.actor_type == "state")


@st.composite
def chapters(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A chapter whose paragraph 3 is a speakers sentence, and the States it names."""
    form = draw(st.sampled_from(FORMS))
    states = draw(st.lists(st.sampled_from(STATES), min_size=2, max_size=5, unique=True))
    one, others = states[0], states[1:]
    sentence = form.format(one=one, names=_listed(others))
    named = ([one] if "{one}" in form else []) + (others if "{names}" in form else [])
    section = draw(st.sampled_from(SECTIONS))
    return COVER.format(meetings=MEETINGS, section=section, sentence=sentence), named


def _built_or_refused(path: Path, registry: Registry) -> Tables | str:
    """The chapter's tables, or the build's refusal."""
    try:
        return report_tables(path, registry)
    except BuildError as error:
        return str(error)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=chapters())
def test_a_sentence_naming_speakers_gives_their_rows_or_stops_the_build(
    case: tuple[str, list[str]], registry: Registry, tmp_path: Path
) -> None:
    text, named = case
    path = tmp_path / "cnd69-item7.md"
    path.write_text(text, encoding="utf-8")
    tables = _built_or_refused(path, registry)
    if isinstance(tables, str):
        assert "paragraph 3, sentence 1" in tables, tables
        return
    said = {s["actor_id"] for s in tables["speakers"] if s["paragraph"] == 3}
    wanted = {registry.resolve(name) for name in named}
    assert wanted <= said, (text.splitlines()[-1], wanted - said)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


ITEM = "agenda item 7, entitled “International cooperation”"
MEETING_FORMS = (
    "At its {a} meeting, on {d} March 2026, the Commission considered {item}.",
    "At its {a} and {b} meetings, on {d} and {e} March 2026, the Commission considered {item}.",
    "At its {a} to {b} meetings, on {d} March 2026, the Commission considered {item}.",
    "At its {a} meeting, on {d} March 2026, and its {b} meeting, on {e} March 2026, the"
    " Commission considered {item}.",
    "At its {a} and {b} meetings, held on {d} and {e} March, respectively, the Commission"
    " considered {item}.",
    "At its {a} meeting, on {d} March 2026, during its {b} session, the Commission considered"
    " {item}.",
    "At its {a} meeting, on {d} March 2026, the Commission considered, as its {b} item, {item}.",
)


@st.composite
def meetings_sentences(draw: st.DrawFn) -> str:
    form = draw(st.sampled_from(MEETING_FORMS))
    a, b = draw(st.integers(1, 40)), draw(st.integers(1, 40))
    d, e = draw(st.integers(9, 13)), draw(st.integers(9, 13))
    return form.format(a=_ordinal(a), b=_ordinal(b), d=d, e=e, item=ITEM)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sentence=meetings_sentences())
def test_every_ordinal_of_a_meetings_sentence_is_a_meeting_or_stops_the_build(
    sentence: str, registry: Registry, tmp_path: Path
) -> None:
    path = tmp_path / "cnd69-item7.md"
    text = COVER.format(meetings=sentence, section="", sentence="Italy made a statement.")
    path.write_text(text, encoding="utf-8")
    tables = _built_or_refused(path, registry)
    if isinstance(tables, str):
        assert "paragraph 1" in tables, tables
        return
    numbers = [int(n) for n in re.findall(r"\b([0-9]+)(?:st|nd|rd|th)\b", sentence)]
    if " to " in sentence:
        numbers = list(range(numbers[0], numbers[1] + 1))
    assert sorted({m["number"] for m in tables["meetings"]}) == sorted(set(numbers)), sentence
