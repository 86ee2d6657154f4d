"""Patterns a package brings, run by a linear-time engine (RE2): an untrusted ``pattern`` such as
``^(a+)+$`` cannot make validation backtrack for minutes. A pattern RE2 cannot run (a
back-reference, a look-around) is refused with a finding rather than run by a backtracking
engine."""

from __future__ import annotations

from typing import Any, Protocol

import re2


class Matcher(Protocol):
    def fullmatch(self, text: str) -> Any: ...


_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # RE2 would print its parse errors on standard error


def untrusted(pattern: Any) -> Matcher:
    """A package's pattern compiled for RE2, or ValueError saying why it cannot be run."""
    if not isinstance(pattern, str):
        raise ValueError(f"pattern {pattern!r} must be a string")
    try:
        compiled: Matcher = re2.compile(pattern, _OPTIONS)
    except re2.error as error:
        reason = error.args[0] if error.args else error
        reason = reason.decode() if isinstance(reason, bytes) else reason
        raise ValueError(f"pattern {pattern!r} cannot run in linear time: {reason}") from None
    return compiled
