"""The package's errors: every one it raises on purpose is a ``CndDataError``.

Each says where (file, table, row, field or paragraph) and what; the CLI prints it as one line
and exits with the code of its kind (see the README's exit codes).
"""

from __future__ import annotations


class CndDataError(Exception):
    """Base of the errors cnd_data raises for input it refuses or cannot read."""


class InputError(CndDataError, ValueError):
    """Input that cannot be read or followed at all: exit code 2."""


class RefusedError(CndDataError):
    """Input that was read and refused (it is invalid): exit code 1."""
