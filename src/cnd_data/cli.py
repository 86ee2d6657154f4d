"""The ``cnd-data`` command: a thin front end over build, validate and load."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


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
