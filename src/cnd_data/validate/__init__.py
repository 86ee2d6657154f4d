"""Validate a data package release: structure, types, keys, the report's rules and safety.

Stages, all reported together: the descriptor's keys; reading each resource (paths, bytes and
hash, encoding, CSV syntax, header); types; the constraints, primary and foreign keys of the
Table Schemas as DuckDB queries (``engine.py``; ``constraints.py`` states the same checks as
pandera schemas); clean and spreadsheet-safe text cells; the report's rules; and, with
``reference=True``, Frictionless's own row-by-row validation as a second opinion.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cnd_data.loader import Package
from cnd_data.validate import (  # noqa: F401  (registers the rules that re-read the words)
    action_links,
    action_words,
    actor_names,
    capacity_words,
    meaning,
    paragraph_words,
    person_words,
    sentence_words,
)
from cnd_data.validate.cells import cell_findings, descriptor_text_findings
from cnd_data.validate.descriptor_keys import package_key_findings, schema_key_findings
from cnd_data.validate.engine import engine_findings, lending
from cnd_data.validate.findings import DEFAULT_LIMIT, Finding, Report
from cnd_data.validate.read import Unreadable, read_descriptor, read_tables
from cnd_data.validate.rebuild import rebuild_findings, sources_of
from cnd_data.validate.rules import (
    ABSENT,
    created_findings,
    rule_findings,
    temporal_findings,
    version_findings,
)
from cnd_data.validate.shape import descriptor_shape_findings, schema_shape_findings


def validate(
    source: str | Path,
    *,
    reference: bool = False,
    allow_remote: bool = False,
    limit: int = DEFAULT_LIMIT,
    rebuild: bool = True,
    keep: bool = False,
) -> Report:
    """Validate the package at a datapackage.json or its folder; raises Unreadable if there is
    no descriptor to read. With ``keep``, a valid package's tables are kept in
    ``report.package`` as ``load()`` gives them, for a command that goes on to use them."""
    descriptor, folder = read_descriptor(Path(source))
    version = descriptor.get("version")
    report = Report(str(source), limit=limit, version=version if isinstance(version, str) else None)
    path = Path(source)
    report.descriptor = str(path / "datapackage.json" if path.is_dir() else path)
    report.extend(package_key_findings(descriptor))
    report.extend(descriptor_shape_findings(descriptor))
    report.extend(version_findings(descriptor.get("version")))
    report.extend(created_findings(descriptor.get("created", ABSENT)))
    report.extend(descriptor_text_findings(descriptor, None))
    tables = read_tables(
        descriptor, folder, report, allow_remote, lambda table: report.extend(cell_findings(table))
    )
    misshapen = set()
    for table in tables.values():
        if table.schema is not None:
            report.extend(schema_key_findings(table.schema, table.name))
            report.extend(descriptor_text_findings(table.schema, table.name))
            shape = list(schema_shape_findings(table.schema, table.name))
            report.extend(shape)
            if shape:
                misshapen.add(table.name)
    with lending(tables) as lent:
        for table in tables.values():
            if table.name not in misshapen:  # its constraints may not even be of their types
                report.extend(engine_findings(table, tables, lent))
    frames = {name: t.typed for name, t in tables.items() if t.typed is not None}
    report.extend(rule_findings(frames))
    coverage = descriptor.get("temporalCoverage", ABSENT)
    report.extend(temporal_findings(coverage, frames.get("reports")))
    read = {name: t.sha256 for name, t in tables.items() if t.sha256 is not None}
    _rebuild(report, descriptor, folder, rebuild, read)
    if reference:
        from cnd_data.validate.reference import frictionless_findings

        found = list(frictionless_findings(descriptor, folder, allow_remote))
        report.extend(found)
        ran = not any(f.rule.endswith(("not-run", "crash")) for f in found)
        report.reference = (
            f"Frictionless found {len(found)} problem(s) in a copy of the package"
            if ran
            else "Frictionless did not run (see its finding)"
        )
    if keep and report.valid:
        schemas = {name: t.schema for name, t in tables.items() if t.schema is not None}
        report.package = Package.of_frames(descriptor, folder, schemas, frames)
    return report


def _rebuild(
    report: Report, descriptor: dict[str, Any], folder: Path, wanted: bool, read: dict[str, str]
) -> None:
    """Compare the package with a build of the sources beside it, where there are some, and
    say in the report whether that ran."""
    sources = sources_of(folder)
    if not wanted:
        report.rebuild = "not run (--no-rebuild)"
    elif sources is None:
        report.rebuild = "not run: no sources/ beside the package"
    elif not report.valid:
        report.rebuild = "not run: the package has other findings"
    else:
        findings = list(rebuild_findings(descriptor, folder, sources, read))
        report.extend(findings)
        verdict = "differs from" if findings else "equals"
        report.rebuild = f"the package {verdict} a build of {sources}"


__all__ = ["Finding", "Report", "Unreadable", "validate"]
