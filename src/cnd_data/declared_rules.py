"""The register of the validator's rules. Each rule is declared in the module that checks it,
with its stage, what it checks and an example of what it reports; the catalogue
(``docs/rules.md``) is read from these declarations, and a finding names its rule by the name
the declaration gives."""

from __future__ import annotations

import sys
from dataclasses import dataclass

# The stages in the order the validator runs them
STAGES = (
    "descriptor", "schema", "file", "header", "rows", "cells", "keys", "text", "report", "words",
    "rules",
)  # fmt: skip


@dataclass(frozen=True)
class Declared:
    """One rule: its id (the finding's rule), stage, what it checks, an example finding and
    the module that declares (and checks) it."""

    rule: str
    stage: str
    checks: str
    example: str
    module: str


DECLARED: dict[str, Declared] = {}
REFERENCE_PREFIX = "frictionless:"  # --reference: Frictionless's own error types, prefixed


def declare(rule: str, stage: str, checks: str, example: str) -> str:
    """Register a rule and return its id; a rule declared twice, or in a stage that is not one
    of STAGES, raises ValueError."""
    if rule in DECLARED:
        raise ValueError(f"rule {rule!r} is declared twice")
    if stage not in STAGES:
        raise ValueError(f"rule {rule!r}: {stage!r} is not a stage")
    module = str(sys._getframe(1).f_globals.get("__name__", ""))  # the declaring module
    DECLARED[rule] = Declared(rule, stage, checks, example, module)
    return rule
