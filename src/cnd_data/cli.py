"""The ``cnd-data`` command: a thin front end over build, validate and load."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cnd_data.paths import shipped_package

if TYPE_CHECKING:
    from cnd_data.validate.findings import Finding, Report


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

    notes = Path(args.notes) if args.notes else (NOTES if NOTES.is_file() else None)
    text = dictionary(args.package, notes)
    output = Path(args.output)
    if args.check:
        current = output.read_text(encoding="utf-8") if output.is_file() else ""
        if current != text:
            print(
                f"cnd-data dictionary: {output} is out of date; run cnd-data dictionary",
                file=sys.stderr,
            )
            return 1
        print(f"{output} is up to date")
        return 0
    from cnd_data.build.write import write_atomic

    write_atomic(output, text.encode("utf-8"))
    print(f"wrote {output}")
    return 0


def _render(report: Report) -> str:
    """The report as text: a summary of the tables, then the findings grouped by resource."""
    per_table = Counter(resource for (resource, _), n in report.counts.items() for _ in range(n))
    lines = [f"cnd-data validate: {report.source}", "", f"{'table':<16}{'rows':>8}{'errors':>8}"]
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
    if report.valid:
        lines += ["", f"VALID: {len(report.tables)} tables, {rows} rows, no errors"]
    else:
        lines += ["", f"INVALID: {report.total} error{'s' if report.total != 1 else ''}"]
    return "\n".join(lines)


def _validate(args: argparse.Namespace) -> int:
    try:
        from cnd_data.validate import Unreadable, validate
    except ImportError as error:
        print(
            f"cnd-data validate: error: {error.name} is missing; pip install 'cnd-data[validate]'",
            file=sys.stderr,
        )
        return 2
    source = args.package or str(shipped_package())
    try:
        report = validate(
            source, reference=args.reference, allow_remote=args.allow_remote, limit=args.limit
        )
    except Unreadable as error:
        print(f"cnd-data validate: error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # a report, never a traceback
        print(f"cnd-data validate: error: could not validate {source}: {error!r}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        print(_render(report))
    return 0 if report.valid else 1


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="cnd-data",
        description="The CND report (68th session, agenda item 6) as a validated data package.",
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
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
        "package", nargs="?", help="datapackage.json or its folder (default: the shipped package)"
    )
    validate.add_argument("--format", choices=["text", "json"], default="text")
    validate.add_argument(
        "--no-reference",
        dest="reference",
        action="store_false",
        help="skip the Frictionless reference pass",
    )
    validate.add_argument(
        "--allow-remote", action="store_true", help="follow resource paths that are URLs"
    )
    validate.add_argument(
        "--limit", type=int, default=20, help="findings shown per rule and table (default: 20)"
    )
    validate.set_defaults(run=_validate)

    dictionary = commands.add_parser(
        "dictionary",
        help="write the data dictionary (DATA.md) from the descriptor, schemas and data",
    )
    dictionary.add_argument("package", nargs="?", help="datapackage.json or its folder")
    dictionary.add_argument("--output", default="DATA.md", help="file to write (default: DATA.md)")
    dictionary.add_argument("--notes", help="data notes to append (default: docs/data-notes.md)")
    dictionary.add_argument(
        "--check", action="store_true", help="only check that the file is up to date"
    )
    dictionary.set_defaults(run=_dictionary)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
