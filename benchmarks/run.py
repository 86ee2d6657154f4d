"""Benchmarks with their baselines measured in the same run; prints one table of ratios.

- load: a fresh process loading every table with ``cnd_data.load()`` against a fresh process
  reading the same CSV files with ``pandas.read_csv`` and the same dtypes;
- validate: ``cnd-data validate`` against ``frictionless validate`` on the package as shipped
  and scaled ×10, ×100, ×1000 and ×5000 (see scale.py): wall time, rows/s, peak memory, and the
  scaling exponent from ×1000 to ×5000.

Every figure is the median of repeated whole-process runs. Run with ``nox -s bench``.
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

import cnd_data
from cnd_data.paths import shipped_package
from cnd_data.schema import field_dtype, missing_values

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from scale import scale  # noqa: E402

LOAD = """
import sys, cnd_data
pkg = cnd_data.load(sys.argv[1])
tables = [pkg[name] for name in pkg]
"""
READ_CSV = """
import json, sys
import pandas as pd
for path, options in json.load(open(sys.argv[1])):
    dtypes = options["dtype"]
    for name, dtype in dtypes.items():
        if isinstance(dtype, list):
            dtypes[name] = pd.CategoricalDtype(dtype)
    pd.read_csv(path, **options)
"""


# Commands are started by a small process of their own: a process started by this one would
# report, as its peak memory, this one's too (Linux counts the memory of the process a child
# was forked from), and this one holds the scaled tables it counts.
RUNNER = """
import json, os, subprocess, sys, tempfile, time
for line in sys.stdin:
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(json.loads(line), stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        errors.seek(0)
        shown = errors.read()[-500:].decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    print(json.dumps([elapsed, usage.ru_maxrss / 1024, code, shown]), flush=True)
"""
_runner: list[subprocess.Popen[str]] = []


def run(command: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of one process."""
    if not _runner:
        _runner.append(
            subprocess.Popen(
                [sys.executable, "-c", RUNNER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
        )
    runner = _runner[0]
    assert runner.stdin is not None
    assert runner.stdout is not None
    runner.stdin.write(json.dumps(command) + "\n")
    runner.stdin.flush()
    elapsed, megabytes, code, error = json.loads(runner.stdout.readline())
    if code not in (0, 1):
        raise RuntimeError(f"{command[:3]} failed: {error}")
    return float(elapsed), float(megabytes)


def compare(
    ours: list[str], baseline: list[str], repeat: int, warm_up: bool = True
) -> tuple[tuple[float, float], tuple[float, float]]:
    """(median time, peak memory) of each command, after one warm-up run of each (skipped for
    runs long enough that a cold cache does not weigh); the runs alternate, so that a slow
    moment of the machine weighs on both alike."""
    if warm_up:
        run(ours)
        run(baseline)
    runs: list[tuple[tuple[float, float], tuple[float, float]]] = [
        (run(ours), run(baseline)) for _ in range(repeat)
    ]
    return tuple(  # type: ignore[return-value]
        (statistics.median(r[i][0] for r in runs), max(r[i][1] for r in runs)) for i in (0, 1)
    )


def read_csv_options(schema: dict[str, object]) -> dict[str, object]:
    """pandas.read_csv typing every column as the loader does (dtypes from the type table),
    without the loader's strict checks: the baseline."""
    fields: list[dict[str, object]] = schema["fields"]  # type: ignore[assignment]
    dtypes: dict[str, object] = {}
    dates = []
    for field in fields:
        dtype = field_dtype(field)
        if str(dtype).startswith("datetime"):
            dates.append(field["name"])
            dtype = "string"
        dtypes[str(field["name"])] = (
            list(dtype.categories) if hasattr(dtype, "categories") else dtype
        )
    return {
        "dtype": dtypes,
        "keep_default_na": False,
        "na_values": {str(f["name"]): missing_values(schema, f) for f in fields},
        "parse_dates": dates or False,
        "date_format": {d: "%Y-%m-%d" for d in dates} or None,
        "true_values": ["true"],
        "false_values": ["false"],
    }


def read_csv_plan(folder: Path, out: Path) -> Path:
    """The baseline's read_csv calls: the same files and dtypes the loader uses."""
    pkg = cnd_data.load(folder)
    plan = [[str(pkg.path(name)), read_csv_options(dict(pkg.schema(name)))] for name in pkg]
    out.write_text(json.dumps(plan), encoding="utf-8")
    return out


def pandas_version() -> str:
    return version("pandas")


def arrow() -> str:
    """Whether pyarrow is installed, and which: pandas 3 then holds strings in Arrow."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"pyarrow {version('pyarrow')}"
    except PackageNotFoundError:
        return "no pyarrow"


def pandas_megabytes(folder: Path) -> float:
    pkg = cnd_data.load(folder)
    return sum(pkg[n].memory_usage(deep=True).sum() for n in pkg) / 2**20


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="cnd-bench-"))
    try:
        print("\n".join(measure(work, int(os.environ.get("BENCH_REPEAT", "5")))))
    finally:
        shutil.rmtree(work)  # the scaled packages: some 130 MB of CSV
    return 0


def measure(work: Path, repeat: int) -> list[str]:
    """Every figure, as the lines of the table."""
    python = sys.executable
    executables = Path(python).parent
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}, pandas {pandas_version()}, {arrow()},"
        f" duckdb {version('duckdb')}, frictionless {version('frictionless')}",
        f"medians of alternating runs after a warm-up: {3 * repeat} for load, {repeat} for"
        " validate (3 at ×1000; one run at ×5000, without warm-up)",
        "",
        f"{'benchmark':<26}{'cnd-data':>11}{'baseline':>11}{'ratio':>8}  notes",
    ]
    for factor in (1, 100, 1000):
        folder = work / f"load{factor}"
        scale(factor, folder)
        plan = read_csv_plan(folder, work / f"plan{factor}.json")
        (ours, _), (base, _) = compare(
            [python, "-c", LOAD, str(folder)], [python, "-c", READ_CSV, str(plan)], 3 * repeat
        )
        lines.append(
            f"{f'load ×{factor}':<26}{ours:>10.3f}s{base:>10.3f}s{ours / base:>8.2f}"
            f"  target ≤ {1.10 if factor == 1 else 1.0:.2f} (baseline: pandas.read_csv)"
        )
    times: dict[int, float] = {}
    for factor in (1, 10, 100, 1000, 5000):
        # as shipped: the installed package, with no sources beside it to rebuild
        folder = shipped_package() if factor == 1 else work / f"x{factor}"
        if factor > 1:
            scale(factor, folder)
        pkg = cnd_data.load(folder)
        rows = sum(len(pkg[n]) for n in pkg)
        runs = {1000: 3, 5000: 1}.get(factor, repeat)
        (ours, ours_mb), (base, base_mb) = compare(
            [str(executables / "cnd-data"), "validate", str(folder)],
            [str(executables / "frictionless"), "validate", str(folder / "datapackage.json")],
            runs,
            warm_up=factor < 5000,
        )
        times[factor] = ours
        frames = pandas_megabytes(folder)
        target = {1: "target ≥ 1.5×", 1000: "target ≥ 10×", 5000: "target ≥ 12×"}.get(factor, "")
        lines.append(
            f"{f'validate ×{factor}':<26}{ours:>10.3f}s{base:>10.3f}s{ours / base:>8.2f}"
            f"  {base / ours:.1f}× faster ({target or 'no target'}); {rows / ours:,.0f} rows/s"
            f" vs {rows / base:,.0f}"
        )
        limit = {1000: " (target ≤ 250 MB)", 5000: " (target ≤ 600 MB)"}.get(factor, "")
        lines.append(
            f"{f'  peak memory ×{factor}':<26}{ours_mb:>9.0f}MB{base_mb:>9.0f}MB"
            f"{ours_mb / base_mb:>8.2f}  ours{limit}; tables in pandas: {frames:.0f} MB"
        )
        if factor == 5000:
            shutil.rmtree(folder)  # 300 MB of CSV
    exponent = math.log(times[5000] / times[1000]) / math.log(5)
    lines.append(f"{'scaling ×1000 → ×5000':<26}{exponent:>33.2f}  exponent (target ≤ 1.1)")
    return lines


if __name__ == "__main__":
    sys.exit(main())
