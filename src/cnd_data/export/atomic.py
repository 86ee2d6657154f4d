"""Where an export may write: never over a file without ``--force``, never into a missing folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cnd_data.export import ExportError


def check_targets(targets: Sequence[Path], force: bool) -> None:
    """Refuse to overwrite without ``force`` and to write into a folder that does not exist."""
    for target in targets:
        if target.exists() and not force:
            raise ExportError(f"{target} exists; use --force to replace it")
        if not target.parent.is_dir():
            raise ExportError(f"the folder {target.parent} does not exist")
