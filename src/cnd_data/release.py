"""Cut a release: validate, diff against the previous release, bump the version by what the
changes require, and write the version, the citation and the changelog section.

The previous release is a git ref (``v1.2.0``, ``origin/main``), read without a checkout. The new
version is the previous one bumped by the level asked for, or by the smallest level the changes
require; a level smaller than that is refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cnd_data.build.metadata import chapter_order, ordinal
from cnd_data.diff import LEVELS, Diff, parse_version
from cnd_data.errors import CndDataError, InputError, RefusedError
from cnd_data.gitref import GitRefError, git, release_at, repository_of
from cnd_data.loader import Package
from cnd_data.paths import DESCRIPTOR

CHANGELOG = "CHANGELOG.md"
CITATION = "CITATION.cff"
_TAG = re.compile(r"^v[0-9]+\.[0-9]+\.[0-9]+$", re.ASCII)


@contextlib.contextmanager
def release_at_ref(ref: str, package: Path) -> Iterator[Path]:
    """The release at a git ref of the repository that holds ``package``, copied out into a
    folder for the time of the ``with`` block. An error about it names the ref, not the
    temporary folder."""
    repo, prefix = repository_of(package.parent if package.is_file() else package)
    with tempfile.TemporaryDirectory(prefix="cnd-data-release-") as temporary:
        try:
            yield release_at(ref, repo, Path(temporary), prefix)
        except CndDataError as error:
            shown = str(error).replace(str(Path(temporary).resolve()), f"{ref}:")
            raise type(error)(shown.replace(temporary, f"{ref}:")) from None


def latest_tag(package: Path) -> str:
    """The highest release tag (``vX.Y.Z``) of the repository holding ``package``."""
    repo, _ = repository_of(package)
    tags = [t for t in git(repo, "tag", "--list", "v*").decode().split() if _TAG.match(t)]
    if not tags:
        raise GitRefError(
            f"no release tag (vX.Y.Z) in {repo}: tag the previous release (CONTRIBUTING.md lists"
            " their commits) or name it with --against"
        )
    return max(tags, key=lambda t: parse_version(t[1:]) or (0, 0, 0))


def bumped(version: str, level: str) -> str:
    """The version after a bump of ``level`` (patch, minor or major)."""
    parsed = parse_version(version)
    if parsed is None:
        raise RefusedError(f"the previous release's version {version!r} is not X.Y.Z")
    major, minor, patch = parsed
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


@dataclass
class Plan:
    """What a release will write: the new version and date, and the changes behind them."""

    previous: str
    version: str
    level: str
    date: dt.date
    changes: Diff


def plan(changes: Diff, level: str | None, date: dt.date) -> Plan:
    """The release the changes call for; RefusedError if there are none, or if ``level`` is
    smaller than they require."""
    previous = changes.old_version or ""
    required = changes.required
    if level is None:
        if required == "none":
            raise RefusedError(f"nothing changed since {previous}: there is nothing to release")
        level = required
    if LEVELS.index(level) < LEVELS.index(required):
        raise RefusedError(f"a {level} release is too small: the changes require {required}")
    return Plan(previous, bumped(previous, level), level, date, changes)


def _reports(pkg: Package) -> list[dict[str, Any]]:
    """The reports table's rows in session order, missing values as None."""
    frame = pkg["reports"]
    frame = frame.astype(object).where(frame.notna(), None)
    rows = [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]
    return sorted(rows, key=chapter_order)


def changelog_section(release: Plan, new: Package) -> str:
    """The changelog's section for the release, drafted from the diff."""
    changes = release.changes
    lines = [f"## [{release.version}] - {release.date.isoformat()}", "", "### Data"]
    reports = {r["report_id"]: r for r in _reports(new)}
    added = [c.key for c in changes.changes if c.kind == "row added" and c.resource == "reports"]
    removed = [
        c.key for c in changes.changes if c.kind == "row removed" and c.resource == "reports"
    ]
    for key in added:
        r = reports.get(key or "")
        about = (
            f" ({r['body']}, {ordinal(r['session'])} session, agenda item {r['agenda_item']})"
            if r
            else ""
        )
        lines.append(f"- Chapter added: `{key}`{about}.")
    lines += [f"- Chapter removed: `{key}`." for key in removed]
    for name, counts in changes.rows.items():
        if any(counts.values()):
            lines.append(
                f"- `{name}`: {_rows(counts['added'])} added, {counts['removed']} removed,"
                f" {counts['changed']} changed."
            )
    described = sorted({str(c.field) for c in changes.changes if c.kind == "descriptor changed"})
    if described:
        lines.append(f"- The descriptor's {', '.join(described)} changed.")
    skipped = {"row added", "row removed", "value changed", "descriptor changed"}
    structural = [c for c in changes.changes if c.kind not in skipped]
    lines += [f"- {c.level}: {' '.join(c.describe().split())}" for c in structural]
    if len(lines) == 3:
        lines.append("- No change to the data.")
    return "\n".join(lines) + "\n"


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def with_section(changelog: str, section: str) -> str:
    """The changelog with the release's section in place of the Unreleased one, whose entries
    follow the drafted ones; an empty Unreleased section is left above it."""
    heading = re.search(r"^## \[Unreleased\][^\n]*\n", changelog, flags=re.M)
    if heading is None:
        first = re.search(r"^## \[", changelog, flags=re.M)
        at = first.start() if first else len(changelog)
        return changelog[:at] + section + "\n" + changelog[at:]
    following = re.search(r"^## \[", changelog[heading.end() :], flags=re.M)
    end = heading.end() + (following.start() if following else len(changelog) - heading.end())
    unreleased = changelog[heading.end() : end].strip()
    body = section + ("\n" + unreleased + "\n" if unreleased else "")
    return changelog[: heading.start()] + "## [Unreleased]\n\n" + body + "\n" + changelog[end:]


def _escaped(character: str) -> str:
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes, and every character that is not printable
    escaped too (YAML reads a raw NEL, LS or PS as a line break and refuses DEL and C1)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(c if c.isprintable() else _escaped(c) for c in quoted)


def citation(pkg: Package, version: str, date: dt.date) -> str:
    """CITATION.cff for the release, from the descriptor and the reports table."""
    descriptor = pkg.descriptor
    licence = next((x.get("name") for x in pkg.licenses if x.get("name")), None)
    authors = [c.get("title") for c in descriptor.get("contributors", []) if c.get("title")]
    lines = [
        "cff-version: 1.2.0",
        'message: "If you use this dataset, please cite it as below, and cite the United Nations'
        ' reports it is built from."',
        f"title: {_yaml('cnd-data: ' + (pkg.title or ''))}",
        "type: dataset",
        f"version: {version}",
        f'date-released: "{date.isoformat()}"',
        *([f"license: {_yaml(licence)}"] if licence else []),
        "authors:",
        *(f"  - name: {_yaml(a)}" for a in authors or ["cnd-data maintainers"]),
        "keywords:",
        *(f"  - {_yaml(k)}" for k in descriptor.get("keywords", [])),
        "references:",
    ]
    for r in _reports(pkg):
        status = "Draft report" if r["status"] == "draft" else "Report"
        addendum = ", Addendum" if r["addendum"] else ""
        title = f"{status}{addendum}: {r['agenda_title']} (agenda item {r['agenda_item']})"
        lines += [
            "  - type: report",
            f"    title: {_yaml(title)}",
            "    authors:",
            f"      - name: {_yaml('United Nations, ' + r['body'])}",
            "    conference:",
            f"      name: {_yaml(r['body'] + ', ' + ordinal(r['session']) + ' session')}",
            f"      city: {_yaml(r['venue'])}",
            f'      date-start: "{r["session_start"]:%Y-%m-%d}"',
            f'      date-end: "{r["session_end"]:%Y-%m-%d}"',
            f"    year: {r['session_start'].year}",
        ]
    return "\n".join(lines) + "\n"


def descriptor_with_version(text: str, version: str, date: dt.date) -> dict[str, Any]:
    """The descriptor with its version and creation date set, all else as it was."""
    document = json.loads(text)
    document["version"] = version
    if "created" in document:
        document["created"] = f"{date.isoformat()}T00:00:00Z"
    return dict(document)


def _read(path: Path) -> str:
    """A file the release rewrites: a regular file of UTF-8 text (a byte order mark allowed),
    never a link, so that nothing from elsewhere is copied into the checkout."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise InputError(f"{path} is not a regular file; the release rewrites it")
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError(f"cannot read {path}: {error}") from None


def write_release(release: Plan, folder: Path, notes: Path | None = None) -> list[Path]:
    """Write the version into the descriptor, CITATION.cff, the changelog and (with the data
    notes) DATA.md of the checkout in ``folder``; return the files written. Every text is made
    before the first is written, so that a release that cannot be written changes nothing."""
    from cnd_data.atomic import write_all
    from cnd_data.build.package import json_bytes
    from cnd_data.dictionary import dictionary

    log = folder / CHANGELOG
    current = _read(log) if log.exists() or log.is_symlink() else "# Changelog\n\n"
    if re.search(rf"^## \[{re.escape(release.version)}\]", current, flags=re.M):
        raise RefusedError(
            f"{log} has a section for {release.version} already: commit and tag that release,"
            " or undo it"
        )
    descriptor = descriptor_with_version(_read(folder / DESCRIPTOR), release.version, release.date)
    released = Package(descriptor, folder)
    texts = {
        folder / DESCRIPTOR: json_bytes(descriptor).decode("utf-8"),
        folder / CITATION: citation(released, release.version, release.date),
        log: with_section(current, changelog_section(release, released)),
    }
    if notes is not None:
        _read(notes)
        texts[folder / "DATA.md"] = dictionary(released, notes)
    for path in texts:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise InputError(f"{path} is not a regular file; the release rewrites it")
    write_all({path: _writer(text) for path, text in texts.items()})
    return list(texts)


def _writer(text: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(text.encode("utf-8"))

    return write
