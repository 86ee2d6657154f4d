"""The reference engine: Frictionless's own row-by-row validation, as findings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cnd_data.declared_rules import REFERENCE_PREFIX
from cnd_data.validate.findings import Finding


def frictionless_findings(descriptor: Path) -> Iterator[Finding]:
    """Everything ``frictionless validate`` reports for the package, rule names prefixed."""
    import frictionless

    try:
        report = frictionless.validate(str(descriptor))
    except Exception as error:  # the reference engine must never crash the validator
        yield Finding(f"{REFERENCE_PREFIX}crash", f"Frictionless could not validate: {error}")
        return
    for problem in report.errors:
        yield Finding(f"{REFERENCE_PREFIX}{problem.type}", problem.message)
    for task in report.tasks:
        for problem in task.errors:
            cell = getattr(problem, "cell", None)
            yield Finding(
                f"{REFERENCE_PREFIX}{problem.type}",
                problem.message,
                task.name,
                getattr(problem, "row_number", None),
                getattr(problem, "field_name", None),
                None if cell is None else str(cell),
            )
