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
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    code: int = args.run(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
