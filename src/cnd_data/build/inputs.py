"""The build's input files, read through the trust boundary.

Report and registry files are input a pull request can change, so the build reads them as it
reads a package: a file found in a folder must stay inside that folder once links are resolved,
and every file must be a regular file (not a FIFO or a device) of at most ``MAX_SOURCE_BYTES``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cnd_data.build.errors import BuildError
from cnd_data.paths import MissingFile, UnsafePath, read_inside, read_regular_file

# Documented limit (CONTRIBUTING, "Adding a chapter"): a chapter's text is about 50 KB.
MAX_SOURCE_BYTES = 16 * 2**20


def report_files(sources: list[Path]) -> list[Path]:
    """Report files named directly, or the ``*.md`` files in a folder's ``reports/`` (or itself),
    but for a folder's README.md."""
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            folder = source / "reports" if (source / "reports").is_dir() else source
            found = sorted(p for p in folder.glob("*.md") if p.name.lower() != "readme.md")
            files += [_inside(folder, path) for path in found]
            _no_orphans(folder, {path.stem for path in found})
        elif source.exists() or source.is_symlink():
            files.append(source)  # named by the one who runs the build; read_source checks it
        else:
            raise BuildError(f"no such source file or folder: {source}")
    if not files:
        raise BuildError(f"no report files (*.md) in {', '.join(map(str, sources))}")
    return files


# Speakers recorded by hand for a chapter (build/recorded.py); named here, below it, so that a
# file whose chapter is missing is found when the folder is listed.
RECORDED_SUFFIX = ".recorded-speakers.csv"


def _no_orphans(folder: Path, chapters: set[str]) -> None:
    """A file of recorded speakers whose chapter is not in the folder stops the build."""
    for path in sorted(folder.glob(f"*{RECORDED_SUFFIX}")):
        if path.name.removesuffix(RECORDED_SUFFIX) not in chapters:
            raise BuildError(f"{path}: no chapter {path.name.removesuffix(RECORDED_SUFFIX)}.md")


def _inside(folder: Path, path: Path) -> Path:
    """A file found in ``folder``, refused if a link takes it outside."""
    if not path.resolve().is_relative_to(folder.resolve()):
        raise BuildError(f"{path}: a link that leads outside {folder}")
    return path


def read_source(path: Path, folder: Path | None = None) -> bytes:
    """The bytes of a source file: regular, bounded, and inside ``folder`` when one is given."""
    try:
        if folder is None:
            return read_regular_file(path, MAX_SOURCE_BYTES)
        return read_inside(folder, path.relative_to(folder).as_posix(), MAX_SOURCE_BYTES)
    except MissingFile:
        raise BuildError(f"{path}: no such file") from None
    except UnsafePath as error:
        raise BuildError(f"{path}: {str(error).split(': ', 1)[-1]}") from None


def source_text(path: Path, folder: Path | None = None) -> tuple[bytes, str]:
    """A source file's bytes and its UTF-8 text."""
    data = read_source(path, folder)
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BuildError(f"{path}: not UTF-8 ({error})") from None


def read_table(folder: Path, name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a registry CSV file as text (nothing is missing: Namibia is ``NA``); the header
    must hold ``columns`` and every row must have as many cells as the header."""
    path = folder / name
    text = source_text(path, folder)[1]
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise BuildError(f"{path}: {error}") from None
    if not rows:
        raise BuildError(f"{path}: no header")
    header, body = rows[0], rows[1:]
    if header and header[0].startswith("\ufeff"):
        raise BuildError(f"{path}: starts with a byte-order mark: save it as UTF-8 without one")
    if len(set(header)) != len(header):
        raise BuildError(f"{path}: the header names a column twice")
    absent = [column for column in columns if column not in header]
    if absent:
        raise BuildError(f"{path}: the header lacks {', '.join(absent)}")
    for line, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise BuildError(f"{path}: row {line} has {len(row)} cells, the header {len(header)}")
    return [dict(zip(header, row, strict=True)) for row in body]
