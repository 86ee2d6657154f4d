"""The ``cnd-data`` command: a thin front end over build, validate and load."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from cnd_data import __version__, arrow_reader
from cnd_data.errors import CndDataError, RefusedError
from cnd_data.paths import default_package

if TYPE_CHECKING:
    from cnd_data.diff import Diff
    from cnd_data.loader import Package
    from cnd_data.validate.findings import Finding, Report

CURRENT = "the package in the current folder"
# What a release commits: the sources (a new chapter is a new file), what is built from them,
# and what the release writes.
RELEASED = (
    "sources",
    "data",
    "schemas",
    "datapackage.json",
    "CITATION.cff",
    "CHANGELOG.md",
    "DATA.md",
)


class CommandLineError(CndDataError):
    """Words on the command line that do not fit together: exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose usage errors are raised, to be said as every other error is
    (one line; JSON too where it was asked for), not printed with the usage and exited."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(self.prog, f"{message} (see {self.prog} --help)")


class _UsageError(CommandLineError):
    def __init__(self, prog: str, message: str) -> None:
        super().__init__(message)
        self.prog = prog


def _wants_json(argv: Sequence[str]) -> bool:
    """Whether the words ask for --format json (however argparse would read them)."""
    asked = _Parser(add_help=False)
    asked.add_argument("--format")
    try:
        return bool(asked.parse_known_args(argv)[0].format == "json")
    except CommandLineError:
        return False


def _usage_error(argv: Sequence[str], error: _UsageError) -> int:
    if _wants_json(argv):
        print(json.dumps({"error": str(error), "exit_code": 2}, ensure_ascii=False))
    print(f"{error.prog}: error: {error}", file=sys.stderr)
    return 2


def _build(args: argparse.Namespace) -> int:
    from cnd_data.build import BuildError, build

    try:
        written = build(
            [Path(s) for s in args.sources] or None, Path(args.out), Path(args.registry)
        )
    except BuildError as error:
        print(f"cnd-data build: error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files to {args.out}")
    return 0


def _dictionary(args: argparse.Namespace) -> int:
    from cnd_data.dictionary import NOTES, dictionary
    from cnd_data.loader import load

    notes = Path(args.notes) if args.notes else (NOTES if NOTES.is_file() else None)
    if notes is None:
        print(
            f"cnd-data dictionary: error: no data notes at {NOTES} (this is not a checkout);"
            " say where they are with --notes",
            file=sys.stderr,
        )
        return 1
    source, which = _package(args.package)
    text = dictionary(source, notes)
    _reading("dictionary", source, which, load(source).version)
    return _generated("dictionary", Path(args.output), text, args.check)


def _rules(args: argparse.Namespace) -> int:
    from cnd_data.validate.catalogue import catalogue_markdown

    return _generated("rules", Path(args.output), catalogue_markdown(), args.check)


def _generated(command: str, output: Path, text: str, check: bool) -> int:
    """Write a generated document, or with ``check`` only say whether it is current."""
    if check:
        if not output.is_file() or output.read_text(encoding="utf-8") != text:
            print(f"cnd-data {command}: {output} is out of date; run cnd-data {command}",
                  file=sys.stderr)  # fmt: skip
            return 1
        print(f"{output} is up to date")
        return 0
    from cnd_data.atomic import write_atomic

    write_atomic(output, text.encode("utf-8"))
    print(f"wrote {output}")
    return 0


def _render(report: Report) -> str:
    """The report as text: a summary of the tables, then the findings grouped by resource."""
    per_table = Counter(resource for (resource, _), n in report.counts.items() for _ in range(n))
    lines = ["", f"{'table':<16}{'rows':>8}{'errors':>8}"]
    names = list(report.tables) + sorted(
        {r for r in per_table if r is not None and r not in report.tables}
    )
    for name in names:
        rows = report.tables.get(name)
        lines.append(f"{name:<16}{'-' if rows is None else rows:>8}{per_table.get(name, 0):>8}")
    groups: dict[str | None, list[Finding]] = {}
    for finding in report.findings:
        groups.setdefault(finding.resource, []).append(finding)
    omitted = report.omitted()
    for resource in sorted(
        groups, key=lambda r: (r is not None, names.index(r) if r in names else 0)
    ):
        lines += ["", resource or "(package)"]
        for f in groups[resource]:
            where = ", ".join(
                part
                for part in (f"row {f.row}" if f.row else "", f"field {f.field}" if f.field else "")
                if part
            )
            value = f" (value: {f.value!r})" if f.value is not None else ""
            lines.append(f"  {where + ': ' if where else ''}[{f.rule}] {f.message}{value}")
        for (res, rule), count in sorted(omitted.items(), key=str):
            if res == resource:
                lines.append(f"  … and {count} more [{rule}] findings")
    rows = sum(report.tables.values())
    lines += ["", f"rebuild: {report.rebuild}", f"reference: {report.reference}"]
    if report.valid:
        lines += ["", f"VALID: {len(report.tables)} tables, {rows} rows, no errors"]
    else:
        lines += ["", f"INVALID: {report.total} error{'s' if report.total != 1 else ''}"]
    return "\n".join(lines)


def _escape(text: str, property_value: bool = False) -> str:
    """Text for a GitHub workflow command (its data, or a property's value)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def _github(report: Report) -> str:
    """The findings as GitHub workflow annotations, each pointing at its file and CSV line."""
    descriptor = report.descriptor or report.source
    lines = []
    for f in report.findings:
        # the files as the validator read them: the descriptor is not read again
        where = report.files.get(f.resource or "", descriptor)
        properties = [f"file={_escape(str(where), True)}", f"title={_escape(f.rule, True)}"]
        if f.row:
            properties.insert(1, f"line={f.row}")
        detail = f"{f.field}: " if f.field else ""
        value = f" (value: {f.value!r})" if f.value is not None else ""
        lines.append(f"::error {','.join(properties)}::{_escape(detail + f.message + value)}")
    verdict = "VALID" if report.valid else f"INVALID: {report.total} error(s)"
    return "\n".join([*lines, f"cnd-data validate: {verdict}"])


def _package(named: str | None) -> tuple[str, str]:
    """The package a command reads: the one named, else the default (see
    ``paths.default_package``); and how it was chosen, to say so."""
    if named:
        return named, "the package named"
    folder, which = default_package()
    return str(folder), which


def _reading(command: str, source: str, which: str, version: str | None) -> None:
    """Say which package a command read: how it was chosen, its folder and its version."""
    print(f"cnd-data {command}: {which}, {Path(source).resolve()}, version {version}")


def _validation_error(args: argparse.Namespace, source: str, message: str) -> int:
    """An error of validate, as one line on standard error, and as JSON with --format json."""
    if args.format == "json":
        print(json.dumps({"source": source, "valid": False, "error": message, "exit_code": 2}))
    print(f"cnd-data validate: error: {message}", file=sys.stderr)
    return 2


def _validate(args: argparse.Namespace) -> int:
    source, which = _package(args.package)
    try:
        from cnd_data.validate import Unreadable, validate
    except ImportError as error:
        missing = f"{error.name} is missing; pip install 'cnd-data[validate]'"
        return _validation_error(args, source, missing)
    try:
        report = validate(
            source,
            reference=args.reference,
            allow_remote=args.allow_remote,
            limit=args.limit,
            rebuild=not args.no_rebuild,
        )
    except Unreadable as error:
        return _validation_error(args, source, str(error))
    except Exception as error:  # a report, never a traceback
        return _validation_error(args, source, f"could not validate {source}: {error!r}")
    if args.format == "json":
        package = {"package": {"path": str(Path(source).resolve()), "chosen": which}}
        print(json.dumps(report.as_json() | package | {"exit_code": 0 if report.valid else 1},
                         indent=2, ensure_ascii=False))  # fmt: skip
    elif args.format == "github":
        print(_github(report))
    else:
        _reading("validate", source, which, report.version)
        print(_render(report))
    return 0 if report.valid else 1


def _invalid(source: str) -> str | None:
    """Why a package may not be acted on: the first finding of its validation, or None; a
    RefusedError when it cannot be validated here."""
    return _validated(source)[0]


def _validated(source: str) -> tuple[str | None, Package | None]:
    """Why a package may not be acted on (see ``_invalid``), or its tables as validation read
    them, for the command to use without reading them again."""
    try:
        from cnd_data.validate import Unreadable, validate
    except ImportError as error:
        raise RefusedError(
            f"cannot validate the package first ({error.name} is missing): pip install"
            " 'cnd-data[validate]', or export with --no-validate"
        ) from None
    try:
        report = validate(source, keep=True)
    except Unreadable as error:
        return str(error), None
    if report.valid:
        return None, report.package
    first = report.findings[0]
    where = ", ".join(
        part
        for part in (first.resource, f"row {first.row}" if first.row else None, first.field)
        if part
    )
    return (
        f"{source} is not a valid release ({report.total} finding(s); the first: {where}"
        f" [{first.rule}] {first.message}); run cnd-data validate {source}",
        None,
    )


def _diff_sides(args: argparse.Namespace) -> tuple[str, bool, str | None]:
    """OLD of ``diff``, whether it is a git ref, and NEW: ``OLD NEW``, or ``--against REF
    [NEW]``. A ref is never taken for a folder, nor a folder for a ref."""
    positional = [p for p in (args.old, args.new) if p is not None]
    if args.against:
        if len(positional) > 1:
            raise CommandLineError("give --against REF [NEW], or OLD NEW")
        return args.against, True, positional[0] if positional else None
    if not positional:
        raise CommandLineError("name the earlier release: OLD NEW, or --against REF [NEW]")
    return positional[0], False, positional[1] if len(positional) > 1 else None


def _diff(args: argparse.Namespace) -> int:
    from cnd_data.diff import diff
    from cnd_data.loader import PackageError
    from cnd_data.release import release_at_ref

    old, is_ref, named = _diff_sides(args)
    new, which = _package(named)
    sides = {"old": old if is_ref else str(Path(old).resolve()), "new": str(Path(new).resolve())}
    try:
        with (
            release_at_ref(old, Path(new)) if is_ref else contextlib.nullcontext(Path(old))
        ) as old_folder:
            result = diff(old_folder, new)
    except (PackageError, OSError, KeyError, ValueError) as error:
        if args.format == "json":
            print(json.dumps(sides | {"error": str(error), "exit_code": 2}, ensure_ascii=False))
        print(f"cnd-data diff: error: {error}", file=sys.stderr)
        return 2
    code = 1 if args.check_version and not result.version_ok else 0
    if args.format == "json":
        output = sides | result.as_json() | {"exit_code": code}
        print(json.dumps(output, indent=2, ensure_ascii=False))
    else:
        _reading("diff", new, which, result.new_version)
        print("\n".join(diff_lines(result, old, new)))
    if code:
        print(
            f"cnd-data diff: error: version {result.old_version} → {result.new_version} is a"
            f" {result.bump} bump; the changes require a {result.required} bump",
            file=sys.stderr,
        )
    return code


ROW_CHANGES = {"row added", "row removed", "value changed"}


def diff_lines(result: Diff, old: str, new: str, every_row: bool = True) -> list[str]:
    """A diff as text: rows added, removed and changed per table, then every change (or, not
    ``every_row``, those of the schemas and the descriptor)."""
    lines = [f"cnd-data diff: {old} ({result.old_version}) → {new} ({result.new_version})"]
    for name, counts in result.rows.items():
        if any(counts.values()):
            lines.append(
                f"  {name}: +{counts['added']} rows, -{counts['removed']} rows,"
                f" {counts['changed']} rows changed"
            )
    shown = [c for c in result.changes if every_row or c.kind not in ROW_CHANGES]
    lines += [f"  {change.level:<5} {change.describe()}" for change in shown]
    if not result.changes:
        lines.append("  no change")
    if every_row:
        lines.append(f"version bump: {result.bump}; the changes require: {result.required}")
    return lines


def _release(args: argparse.Namespace) -> int:
    from cnd_data.diff import diff
    from cnd_data.release import (
        changelog_section,
        latest_tag,
        plan,
        release_at_ref,
        write_release,
    )

    folder, which = default_package()
    if which != CURRENT:
        raise RefusedError("run cnd-data release in the checkout that holds datapackage.json")
    source = str(folder)
    if problem := _invalid(source):
        raise RefusedError(problem)
    against = args.against or latest_tag(folder)
    with release_at_ref(against, folder) as old_folder:
        changes = diff(old_folder, folder)
    release = plan(changes, args.level, args.date or dt.datetime.now(dt.UTC).date())
    print("\n".join(diff_lines(changes, against, source, every_row=False)))
    print(f"release {release.version} ({release.level}; the changes require {changes.required})")
    if args.dry_run:
        from cnd_data.loader import load

        print("the CHANGELOG section it would draft:\n")
        print(changelog_section(release, load(folder)))
        print("dry run: nothing written")
        return 0
    notes = folder / "docs" / "data-notes.md"
    for path in write_release(release, folder, notes if notes.exists() else None):
        print(f"wrote {path}")
    print(
        "next: read the drafted CHANGELOG section (cnd-data diff --against"
        f" {against} lists every row), run nox, then\n"
        f"  git add {' '.join(RELEASED)} && git commit -m 'Release {release.version}'"
        f" && git tag v{release.version}"
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    from cnd_data.export import ExportError
    from cnd_data.export.sqlite import export_sqlite, metadata_path
    from cnd_data.export.xlsx import export_xlsx
    from cnd_data.loader import PackageError, load

    source, which = _package(args.package)
    package: Package | None = None
    if not args.no_validate:
        problem, package = _validated(source)
        if problem:
            print(f"cnd-data export: error: {problem}", file=sys.stderr)
            return 1
    write = export_xlsx if args.format == "xlsx" else export_sqlite
    try:
        package = package or load(source)  # what validation read, else read here
        path = write(args.output, package, force=args.force)
    except (ExportError, PackageError, OSError, ValueError) as error:
        print(f"cnd-data export: error: {error}", file=sys.stderr)
        return 1
    _reading("export", source, which, package.version)
    if args.no_validate:
        print("not validated (--no-validate)")
    print(f"wrote {path}")
    if args.format == "sqlite":
        print(f"wrote {metadata_path(path)} (for Datasette)")
    return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return value


def _iso_date(text: str) -> dt.date:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text, flags=re.ASCII):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r}: {error}") from None


def parser() -> argparse.ArgumentParser:
    main = _Parser(
        prog="cnd-data",
        description="Reports of the UN Commission on Narcotic Drugs as a validated data package.",
        epilog="Exit codes: 0 valid or done; 1 invalid or refused; 2 unreadable input or usage.",
    )
    main.add_argument("--version", action="version", version=f"cnd-data {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser(
        "build",
        help="build data/ and the descriptor's hashes from the report text",
        description="Parse report files, resolve names through the registry and write the CSVs"
        " and the descriptor's bytes and hashes. Run from the repository root for the defaults.",
    )
    build.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="report .md files or folders holding them (default: sources/)",
    )
    build.add_argument("--out", default=".", help="package folder to write (default: .)")
    build.add_argument(
        "--registry", default="sources/registry", help="registry folder (default: sources/registry)"
    )
    build.set_defaults(run=_build)

    validate = commands.add_parser(
        "validate",
        help="validate a data package release; exit 0 valid, 1 invalid, 2 unreadable",
        description="Check a package's descriptor, files, types, keys, the report's rules and"
        " safety, and report every finding by resource, row and field.",
    )
    validate.add_argument(
        "package",
        nargs="?",
        help="datapackage.json or its folder (default: the package in the current folder if"
        " there is one, else the installed package)",
    )
    validate.add_argument(
        "--format",
        choices=["text", "json", "github"],
        default="text",
        help="text, json, or github (workflow annotations pointing at each CSV line)",
    )
    validate.add_argument(
        "--reference",
        action="store_true",
        help="also run Frictionless's own row-by-row validation (slower; the package's own"
        " checks already cover every defect class it catches)",
    )
    validate.add_argument(
        "--allow-remote", action="store_true", help="follow resource paths that are URLs"
    )
    validate.add_argument(
        "--no-rebuild",
        action="store_true",
        help="do not compare the package with a build of the sources beside it (a checkout)",
    )
    validate.add_argument(
        "--limit",
        type=_positive,
        default=20,
        help="findings shown per rule and table, at least 1 (default: 20)",
    )
    validate.set_defaults(run=_validate)

    difference = commands.add_parser(
        "diff",
        help="what changed between two releases, and whether the version bump is enough",
    )
    difference.add_argument(
        "old", nargs="?", help="the earlier release: a datapackage.json or its folder"
    )
    difference.add_argument(
        "new",
        nargs="?",
        help="the new release: datapackage.json or its folder (default: as for validate)",
    )
    difference.add_argument(
        "--against",
        metavar="REF",
        help="the earlier release at a git ref (v1.2.0, origin/main) of the repository that"
        " holds NEW, read without a checkout",
    )
    difference.add_argument("--format", choices=["text", "json"], default="text")
    difference.add_argument(
        "--check-version",
        action="store_true",
        help="exit 1 when NEW's version bump is smaller than its changes require",
    )
    difference.set_defaults(run=_diff)

    release = commands.add_parser(
        "release",
        help="cut a release: validate, diff against the previous one, write the version",
        description="In a checkout: validate the package, diff it against the previous release"
        " (by default the highest vX.Y.Z tag), bump the version by what the changes require,"
        " and write it into datapackage.json and CITATION.cff, with a drafted CHANGELOG section"
        " and DATA.md.",
    )
    release.add_argument(
        "--against",
        metavar="REF",
        help="the previous release at a git ref (default: the highest vX.Y.Z tag)",
    )
    levels = release.add_mutually_exclusive_group()
    for level in ("major", "minor", "patch"):
        levels.add_argument(
            f"--{level}",
            dest="level",
            action="store_const",
            const=level,
            help=f"a {level} release (refused if the changes require more)",
        )
    release.add_argument(
        "--date", type=_iso_date, help="the release date, YYYY-MM-DD (default: today, UTC)"
    )
    release.add_argument("--dry-run", action="store_true", help="say what it would write")
    release.set_defaults(run=_release, level=None)

    export = commands.add_parser("export", help="export the package to another format")
    export.add_argument(
        "format",
        choices=["sqlite", "xlsx"],
        help="sqlite (a database, and OUT.metadata.json for Datasette) or xlsx (a workbook)",
    )
    export.add_argument("output", help="the file to write, e.g. cnd.db or cnd.xlsx")
    export.add_argument(
        "--package", help="datapackage.json or its folder (default: as for validate)"
    )
    export.add_argument("--force", action="store_true", help="replace an existing file")
    export.add_argument(
        "--no-validate",
        action="store_true",
        help="export without validating the package first (its tables must still load)",
    )
    export.set_defaults(run=_export)

    dictionary = commands.add_parser(
        "dictionary",
        help="write the data dictionary (DATA.md) from the descriptor, schemas and data",
    )
    dictionary.add_argument(
        "package", nargs="?", help="datapackage.json or its folder (default: as for validate)"
    )
    dictionary.add_argument("--output", default="DATA.md", help="file to write (default: DATA.md)")
    dictionary.add_argument("--notes", help="data notes to append (default: docs/data-notes.md)")
    dictionary.add_argument(
        "--check", action="store_true", help="only check that the file is up to date"
    )
    dictionary.set_defaults(run=_dictionary)

    rules = commands.add_parser("rules", help="write the catalogue of validation rules")
    rules.add_argument("--output", default="docs/rules.md", help="default: docs/rules.md")
    rules.add_argument("--check", action="store_true", help="only check that it is up to date")
    rules.set_defaults(run=_rules)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; every error ends as one line on standard error, never a traceback, and
    the exit code of its kind: 1 for input refused, 2 for input that cannot be read."""
    commands = parser()
    words = list(sys.argv[1:] if argv is None else argv)
    try:
        args = commands.parse_args(words)
    except _UsageError as error:
        return _usage_error(words, error)
    if args.command is None:
        commands.print_help()
        return 0
    arrow_reader.use_the_system_allocator()
    try:
        code: int = args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped reading (``| head``): no traceback, and no second error when
        # Python flushes standard output at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except RefusedError as error:
        return _failed(args, str(error), 1)
    except CndDataError as error:
        return _failed(args, str(error), 2)
    except Exception as error:  # the one error path: a message and exit 2, never a traceback
        return _failed(args, f"{type(error).__name__}: {error}", 2)
    return code


def _failed(args: argparse.Namespace, message: str, code: int) -> int:
    """An error of a command: one line on standard error, and JSON with --format json."""
    if getattr(args, "format", None) == "json":
        print(json.dumps({"error": message, "exit_code": code}, ensure_ascii=False))
    print(f"cnd-data {args.command}: error: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
