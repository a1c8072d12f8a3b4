"""`make bench`: run every bench/bench_*.py in turn and print its figures.

Each benchmark measures its baseline in the same run and prints ratios, so figures are comparable
between machines. Pass names to run a subset: `python bench/run_all.py supplychain compliance`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    failures = 0
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        print(
            f"--- {script.stem}: exit {result.returncode}, {time.perf_counter() - started:.1f} s wall",
            flush=True,
        )
        failures += result.returncode != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
