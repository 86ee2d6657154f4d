"""The UTF-8 check decodes a file a slice at a time: it must find the first bad byte exactly
where decoding the whole file would, whatever the slices cut through."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnd_data import file_checks
from cnd_data.file_checks import utf8_error

# Valid text with characters of one to four bytes, spliced with bytes that break it.
PIECES = st.one_of(
    st.text(alphabet="a’é€😀\n", max_size=6).map(lambda t: t.encode("utf-8")),
    st.sampled_from([b"\xff", b"\xc3", b"\xe2\x80", b"\x80", b"\xf0\x9f\x98", b"\xed\xa0\x80"]),
)


def _whole(data: bytes) -> int | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return None


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=12), st.integers(min_value=1, max_value=9))
def test_the_sliced_check_finds_the_first_bad_byte_as_a_whole_decode_does(
    pieces: list[bytes], size: int
) -> None:
    data = b"".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(file_checks, "_SLICE", size)
        error = utf8_error(data)
    assert (error.start if error is not None else None) == _whole(data)


def test_a_valid_file_has_no_error_and_a_bad_byte_is_located() -> None:
    text = "Türkiye’s delegation\n" * 1000
    assert utf8_error(text.encode("utf-8")) is None
    broken = text.encode("utf-8") + b"\xff" + b"tail"
    error = utf8_error(broken)
    assert error is not None
    assert error.start == len(text.encode("utf-8"))
