"""A release read from git at a ref (``v1.2.0``, ``origin/main``), without a checkout.

The descriptor at the ref, and the schemas and data files it names, are copied out of git's
objects into a folder, which is then read like any package, through the same trust boundary.
Only regular files are copied: a link or a submodule at a named path is refused, and so is a file
over the size limit of its kind. Nothing in the working tree is read or written.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from cnd_data import json_text
from cnd_data.errors import InputError
from cnd_data.paths import DESCRIPTOR, MAX_DATA_BYTES, MAX_JSON_BYTES, unsafe_path

_REGULAR = {"100644", "100755"}
_COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
MAX_REF = 1000
# What a release read from git may hold in all: each file is bounded by its kind's limit, and a
# file named again is linked to the first copy, not written twice.
MAX_TOTAL_BYTES = MAX_DATA_BYTES


class GitRefError(InputError):
    """A ref that names no release, or a release at a ref that cannot be copied out."""


@dataclass(frozen=True)
class Entry:
    mode: str
    kind: str
    oid: str
    size: int | None


# Git never asks for credentials and never fetches what a partial clone lacks: it answers
# from what is on disk, or fails.
_QUIET = {"GIT_TERMINAL_PROMPT": "0", "GIT_NO_LAZY_FETCH": "1", "GIT_ASKPASS": "true"}


def git(repo: Path, *args: str, limit: int = MAX_JSON_BYTES) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env=os.environ | _QUIET,
            check=False,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitRefError(f"git could not be run: {error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitRefError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    if len(done.stdout) > limit:
        raise GitRefError(f"git {args[0]}: more than {limit} bytes")
    return done.stdout


def resolve(ref: str, repo: Path) -> str:
    """The commit a ref names (a tag, a branch, a commit), or GitRefError."""
    if not ref or len(ref) > MAX_REF or ref.startswith("-") or any(ord(c) < 33 for c in ref):
        raise GitRefError(f"{ref[:80]!r} is not a git ref")
    try:
        out = git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    except GitRefError:
        hint = " (releases are tagged vX.Y.Z; see CONTRIBUTING.md)" if ref.startswith("v") else ""
        raise GitRefError(f"no commit at git ref {ref!r} in {repo}{hint}") from None
    commit = out.decode("ascii", "replace").strip()
    if not _COMMIT.fullmatch(commit):
        raise GitRefError(f"{ref!r} names no single commit")
    return commit


def _tree(commit: str, repo: Path, prefix: str) -> dict[str, Entry]:
    """Every file below ``prefix`` at the commit: path (relative to prefix) → entry."""
    listing = git(repo, "ls-tree", "-r", "-z", "--long", "--full-tree", commit, limit=2**28)
    entries = {}
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, oid, size = meta.decode("ascii").split()
        path = name.decode("utf-8", "surrogateescape")
        if prefix and not path.startswith(prefix + "/"):
            continue
        relative = path[len(prefix) + 1 :] if prefix else path
        entries[relative] = Entry(mode, kind, oid, int(size) if size.isdigit() else None)
    return entries


def _named_files(descriptor: Any) -> list[tuple[str, int]]:
    """The schema and data paths a descriptor names, each with its size limit."""
    named = []
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    for resource in resources if isinstance(resources, list) else []:
        if not isinstance(resource, dict):
            continue
        for key, limit in (("schema", MAX_JSON_BYTES), ("path", MAX_DATA_BYTES)):
            value = resource.get(key)
            if isinstance(value, str) and unsafe_path(value) is None:
                named.append((str(PurePosixPath(value)), limit))
    return named


class _Copier:
    """Copies blobs out of git into a folder: regular files only, each within its limit, all
    within MAX_TOTAL_BYTES, a blob named twice written once."""

    def __init__(self, repo: Path, into: Path) -> None:
        self.repo, self.into = repo, into
        self.total = 0
        self.written: dict[str, Path] = {}

    def copy(self, entry: Entry, path: str, limit: int) -> None:
        if entry.mode not in _REGULAR or entry.kind != "blob":
            raise GitRefError(f"{path!r} at the ref is not a regular file (git mode {entry.mode})")
        if entry.size is None or entry.size > limit:
            raise GitRefError(f"{path!r} at the ref: {entry.size} bytes, more than {limit}")
        target = self.into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if entry.oid in self.written:
            if not target.exists():
                os.link(self.written[entry.oid], target)
            return
        self.total += entry.size
        if self.total > MAX_TOTAL_BYTES:
            raise GitRefError(f"the release at the ref holds more than {MAX_TOTAL_BYTES} bytes")
        target.write_bytes(git(self.repo, "cat-file", "blob", entry.oid, limit=limit))
        self.written[entry.oid] = target


def release_at(ref: str, repo: Path, into: Path, prefix: str = "") -> Path:
    """Copy the release at ``ref`` (its descriptor in ``prefix``, a folder of the repository)
    into the empty folder ``into``; return the folder to read it from."""
    commit = resolve(ref, repo)
    tree = _tree(commit, repo, prefix.strip("/"))
    if DESCRIPTOR not in tree:
        raise GitRefError(f"no {DESCRIPTOR} in {prefix or 'the top folder'} at git ref {ref!r}")
    copier = _Copier(repo, into)
    copier.copy(tree[DESCRIPTOR], DESCRIPTOR, MAX_JSON_BYTES)
    try:
        descriptor = json_text.loads((into / DESCRIPTOR).read_bytes().decode("utf-8-sig"))
    except (ValueError, RecursionError):
        descriptor = None  # the loader says what is wrong with it
    for path, limit in _named_files(descriptor):
        if path in tree:  # a missing file is the loader's to report
            copier.copy(tree[path], path, limit)
    return into


def repository_of(folder: Path) -> tuple[Path, str]:
    """The git repository holding ``folder``, and the folder's path inside it."""
    top = Path(git(folder, "rev-parse", "--show-toplevel").decode("utf-8").strip())
    inside = folder.resolve().relative_to(top.resolve())
    return top, "" if str(inside) == "." else inside.as_posix()
