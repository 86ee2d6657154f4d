"""The benchmark's scaled packages keep every key and rule of the real one."""

from __future__ import annotations

import sys
from pathlib import Path

import cnd_data
from cnd_data.validate import validate
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from scale import scale


def test_a_scaled_package_is_valid_and_n_times_larger(tmp_path: Path) -> None:
    scale(3, tmp_path / "x3")
    report = validate(tmp_path / "x3")
    assert report.valid, report.findings[:5]
    real, scaled = cnd_data.load(), cnd_data.load(tmp_path / "x3")
    for name in real:
        factor = 1 if name in ("actors", "names") else 3
        assert len(scaled[name]) == factor * len(real[name]), name
    assert scaled.reports["report_id"].nunique() == 3 * real.reports["report_id"].nunique()
