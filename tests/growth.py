"""Growth of CPU time with the size of an input, measured so that noise cannot pass for it.

Sizes n and 8n: linear work takes about 8× (10–11× measured), quadratic 64× (51× measured).
Between 2n and 4n a linear rule was seen at 3.8× where its working set outgrew the processor's
caches; over 8× the two stay far apart. Each measure runs in a process of its own: a worker of
the suite holds the heap of every test it ran before, and there a rule that grows 2× alone
grew 10× (in CPU time as in wall time).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

SCALES = (1, 8)
BOUND = 30


def isolated(module: str, call: str) -> list[float]:
    """The times ``module.call`` returns (a test module's expression), computed in a fresh
    Python process."""
    code = (
        f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        f"import {module} as case\n"
        f"print(json.dumps(case.{call}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    times: list[float] = json.loads(done.stdout)
    return times


def cpu_times(
    run: Callable[[Any], object], inputs: Sequence[Any], floor: float = 0.05
) -> list[float]:
    """The best of three CPU times of ``run`` on each input, each long enough to rise above the
    clock's grain (the first input is repeated until it takes ``floor`` seconds, every input as
    often). A control that must be found quadratic takes 64× its floor at 8n: it may ask for
    less."""
    loops = 1
    while _best(run, inputs[0], loops, rounds=1) < floor and loops < 1024:
        loops *= 2
    return [_best(run, value, loops, rounds=3) for value in inputs]


def _best(run: Callable[[Any], object], value: Any, loops: int, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(loops):
            run(value)
        best = min(best, time.process_time() - start)
    return best
