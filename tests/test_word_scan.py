"""The two ways the word rules find a phrase as whole words: one phrase at a time by the
text's own search, and many at once through a trie of tokens. They give the same starts."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cnd_data.validate.word_scan import Phrases, occurrences, starts_of

# few characters, so that phrases recur, touch, overlap and stop inside words and runs
_TEXTS = st.text(alphabet="ab ,.-\u00e9", max_size=40)


@given(_TEXTS, st.data())
def test_one_phrase_is_found_where_the_trie_finds_it(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    phrase = data.draw(st.one_of(st.just(text[start:end]), _TEXTS))
    if not phrase:
        return
    assert starts_of(text, phrase) == Phrases([phrase]).find(text).get(phrase, [])


@given(_TEXTS, st.lists(_TEXTS, max_size=8))
def test_few_and_many_phrases_are_found_alike(text: str, phrases: list[str]) -> None:
    trie = Phrases(phrases)
    expected: dict[str, list[int]] = {p: [] for p in trie.phrases} | trie.find(text)
    assert occurrences(text, phrases) == expected


def test_a_phrase_inside_a_word_or_a_run_of_spaces_is_not_found() -> None:
    text = "Sudan, South Sudan  and Sudanese"
    assert starts_of(text, "Sudan") == [0, 13]
    assert starts_of(text, " and") == []  # the space before it is half a run
    assert starts_of(text, "  and") == [18]
    assert starts_of(text, "Sudan,") == [0]
