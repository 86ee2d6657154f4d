"""Write export files whole or not at all, with the permissions of any new file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path

from cnd_data.export import ExportError


def check_targets(targets: Sequence[Path], force: bool) -> None:
    """Refuse to overwrite without ``force`` and to write into a folder that does not exist."""
    for target in targets:
        if target.exists() and not force:
            raise ExportError(f"{target} exists; use --force to replace it")
        if not target.parent.is_dir():
            raise ExportError(f"the folder {target.parent} does not exist")


def _temporary(target: Path) -> Path:
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)  # as any new file, not mkstemp's 0600
    return Path(name)


def write_all(writers: dict[Path, Callable[[Path], None]], force: bool = False) -> None:
    """Run each writer on a temporary file beside its target, then move them all into place.

    If any writer fails, no target is touched and no temporary file is left behind.
    """
    check_targets(list(writers), force)
    with ExitStack() as cleanup:
        staged = {}
        for target, write in writers.items():
            temporary = _temporary(target)
            cleanup.callback(temporary.unlink, missing_ok=True)
            write(temporary)
            staged[target] = temporary
        for target, temporary in staged.items():
            os.replace(temporary, target)
