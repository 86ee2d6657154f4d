"""The build reads hostile sources in linear time: each splitter and grammar rule, on inputs a
pull request could write, takes about 8× the time on 8× the input (a test of the ratio, not of
seconds; see ``growth``). Each input once grew cubically or quadratically."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cnd_data.build.errors import BuildError
from cnd_data.build.grammar.meetings import MeetingsError, names_a_meeting, read_meetings
from cnd_data.build.grammar.sentences import split_sentences
from cnd_data.build.grammar.speakers import SpeakerGrammar
from cnd_data.build.names import split_names
from cnd_data.build.registry import Registry, load_registry
from cnd_data.build.tables import build_tables
from conftest import REGISTRY, SHIPPED_SOURCE
from growth import BOUND, SCALES, cpu_times, isolated


def _registry() -> Registry:
    return load_registry(REGISTRY)


def _repeated_name(n: int) -> str:
    return "Chile, " * n + "and Kenya"


def _nested_unit(n: int) -> str:
    """'the Chief of the X of the X of … of UNODC': every ' of ' is a place to cut."""
    return f"Statements were made by the Chief of the {'Drugs Branch of the ' * n}UNODC."


def _officials_sharing(n: int) -> str:
    """n officials whose organisation is named only after the last of them."""
    chiefs = "the Chief of the Drugs Branch and " * n
    return f"Statements were made by {chiefs}the Chief of the Research Branch of UNODC."


def _ordinals(n: int) -> str:
    listed = ", ".join(f"{k}th" for k in range(5, 5 + n))
    return f"At its {listed} x 6th meetings, on 12 March 2025, the Commission considered item 6."


def _meetings_or_refusal(text: str) -> object:
    try:
        return read_meetings(text, 2025)
    except MeetingsError as error:
        return error


def _many_problems(n: int) -> str:
    """A chapter whose one speakers sentence holds n clauses the grammar cannot read: the
    refusal quotes the sentence once, not once per clause (which grew as n², to the OOM)."""
    chapter = SHIPPED_SOURCE.read_text(encoding="utf-8")
    pieces = "several, " * n
    start = chapter.index("4. Statements were made by")
    end = chapter.index("\n", start)
    sentence = f"Statements were made by the representatives of {pieces}Kenya."
    return f"{chapter[:start]}4. {sentence}{chapter[end:]}"


def _build_or_refusal(text: str, registry: Registry) -> object:
    """The length of the build's refusal of a chapter."""
    folder = Path(tempfile.mkdtemp())
    (folder / "chapter.md").write_text(text, encoding="utf-8")
    try:
        build_tables([folder / "chapter.md"], registry)
    except BuildError as error:
        return len(str(error))
    finally:
        shutil.rmtree(folder)
    raise AssertionError("the chapter was not refused")


def _meetings_with_dates(n: int) -> str:
    numbers = ", ".join(f"{k}th" for k in range(1, n + 1))
    days = ", ".join(str(1 + k % 28) for k in range(n))
    return f"At its {numbers} meetings, on {days} March 2025, the Commission considered item 6."


def _abbreviations(n: int) -> str:
    return "Speakers noted examples, " + "e.g. A " * n + "and others."


def _closing_brackets(n: int) -> str:
    return "Speakers noted (A.) " * n + "and others."


CASES: dict[str, tuple[Callable[[int], str], int, Callable[[Registry], Callable[[str], object]]]]
CASES = {
    "one name repeated": (_repeated_name, 200, lambda r: lambda t: split_names(t, r)),
    "a unit of a unit of …": (_nested_unit, 200, lambda r: SpeakerGrammar(r).read),
    "officials sharing an organisation": (
        _officials_sharing, 200, lambda r: SpeakerGrammar(r).read
    ),
    "ordinals that name no meeting": (_ordinals, 500, lambda r: _meetings_or_refusal),
    "ordinals with their dates": (
        _meetings_with_dates, 500, lambda r: lambda t: read_meetings(t, 2025)
    ),
    "a run of digits": (lambda n: "1" * n + " meetings", 5000, lambda r: names_a_meeting),
    "abbreviations": (_abbreviations, 1000, lambda r: split_sentences),
    "closing brackets": (_closing_brackets, 1000, lambda r: split_sentences),
}  # fmt: skip


def timings(case: str) -> list[float]:
    """The case's CPU times on n and 8n."""
    text, n, reader = CASES[case]
    read = reader(_registry())
    return cpu_times(read, [text(n * k) for k in SCALES])


@pytest.mark.parametrize("case", CASES)
def test_hostile_sources_are_read_in_linear_time(case: str) -> None:
    times = isolated("test_build_growth", f"timings({case!r})")
    assert times[-1] / times[0] < BOUND, times


def quadratic_names(text: str) -> object:
    """A splitter that looks up every span of pieces, each by its ends (the old one joined
    every span too, cubic, and took a minute and a half to measure)."""
    pieces = text.split(", ")
    known = {(pieces[0], pieces[-1])}
    n = len(pieces)
    return sum((pieces[i], pieces[j]) in known for i in range(n) for j in range(i + 1, n))


def quadratic_timings() -> list[float]:
    return cpu_times(quadratic_names, [_repeated_name(100 * k) for k in SCALES], floor=0.02)


def test_the_measure_finds_a_splitter_that_tries_every_span() -> None:
    times = isolated("test_build_growth", "quadratic_timings()")
    assert times[-1] / times[0] > BOUND, times


def test_a_refusal_grows_with_the_sentence_not_with_its_square() -> None:
    """n problems in one sentence quote it once (they quoted it n times: 0.6 MB of report took
    21 GB and the OOM killer)."""
    registry = _registry()
    small, large = (_build_or_refusal(_many_problems(100 * k), registry) for k in SCALES)
    assert isinstance(small, int)
    assert isinstance(large, int)
    assert large / small < 2 * SCALES[-1]
