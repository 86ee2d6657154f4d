"""Write files whole or not at all: every command's one writer.

A reader sees a file's old bytes or its new ones, never a part; a set of files is moved into
place only when every one of them is written (and, for a build, checked), one rename each: the
caller checks beforehand that each target can be replaced (a folder in a file's place cannot).
A new file gets the mode the umask allows, a replaced one keeps its own (``mkstemp``'s 0600
would hide a package from its other users).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from pathlib import Path


def file_mode(target: Path) -> int:
    """The mode ``target`` keeps if it exists, else the one the umask gives a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write(path: Path, data: bytes) -> None:
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def write_all(writers: Mapping[Path, Callable[[Path], None]]) -> None:
    """Run each writer on a temporary file beside its target, then move them all into place.

    If any writer fails, no target is touched and no temporary file is left behind.
    """
    with ExitStack() as cleanup:
        staged = {}
        for target, write in writers.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(
                dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
            )
            os.close(handle)
            temporary = Path(name)
            cleanup.callback(temporary.unlink, missing_ok=True)
            write(temporary)
            os.chmod(temporary, file_mode(target))
            staged[target] = temporary
        for target, temporary in staged.items():
            os.replace(temporary, target)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step."""
    write_all({path: lambda temporary: _write(temporary, data)})


def write_tree(
    out: Path,
    files: Mapping[str, bytes],
    check: Callable[[Path], None],
    beside: Mapping[str, bytes] | None = None,
) -> None:
    """Write ``files`` (paths relative to ``out``) into a folder staged inside ``out``, with the
    unchanged files ``beside`` them that ``check`` needs; run ``check`` on that folder, and only
    then move each of ``files`` into place. If writing or the check fails, ``out`` is as it was."""
    out.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(dir=out, prefix=".cnd-data-build-"))
    try:
        for relative, data in {**(beside or {}), **files}.items():
            (stage / relative).parent.mkdir(parents=True, exist_ok=True)
            _write(stage / relative, data)
            os.chmod(stage / relative, file_mode(out / relative))
        check(stage)
        for relative in files:
            (out / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(stage / relative, out / relative)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
