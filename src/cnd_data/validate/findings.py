"""Findings of the validator and the report that collects them, bounded per rule."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cnd_data.loader import Package

DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class Finding:
    """A problem in a package. ``row`` counts the header as row 1, as Frictionless does."""

    rule: str
    message: str
    resource: str | None = None
    row: int | None = None
    field: str | None = None
    value: str | None = None


@dataclass
class Report:
    """All findings of one validation; past ``limit`` findings of one rule in one resource,
    only the count is kept."""

    source: str
    limit: int = DEFAULT_LIMIT
    version: str | None = None
    # Whether the package was compared with a build of the sources beside it, in words.
    rebuild: str = "not run"
    # Whether Frictionless gave its second opinion (validate --reference), in words.
    reference: str = "not run (no --reference)"
    findings: list[Finding] = field(default_factory=list)
    counts: Counter[tuple[str | None, str]] = field(default_factory=Counter)
    tables: dict[str, int] = field(default_factory=dict)
    # The descriptor and each resource's data file as read, for output that points at them.
    descriptor: str | None = None
    files: dict[str, str] = field(default_factory=dict)
    # validate(keep=True): the valid package's tables as read, for the command that goes on
    package: Package | None = None

    def add(self, finding: Finding) -> None:
        key = (finding.resource, finding.rule)
        self.counts[key] += 1
        if self.counts[key] <= self.limit:
            self.findings.append(finding)

    def extend(self, findings: Any) -> None:
        for finding in findings:
            self.add(finding)

    @property
    def valid(self) -> bool:
        return not self.counts

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def omitted(self) -> dict[tuple[str | None, str], int]:
        """(resource, rule) → findings counted but not kept."""
        return {k: n - self.limit for k, n in self.counts.items() if n > self.limit}

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "version": self.version,
            "rebuild": self.rebuild,
            "reference": self.reference,
            "valid": self.valid,
            "errors": self.total,
            "tables": self.tables,
            "findings": [asdict(f) for f in self.findings],
            "omitted": [
                {"resource": resource, "rule": rule, "count": count}
                for (resource, rule), count in sorted(self.omitted().items(), key=str)
            ],
        }
