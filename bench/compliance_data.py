"""Generate roster, time and payroll CSV files for the compliance benchmark and for trying the CLI.

    python bench/compliance_data.py --workers 5000 --days 365 --out /tmp/rsca-compliance-5k

5,000 workers × 365 days gives about 1.8 million worker-days; 27,400 workers about 10 million.
The records are made by `rsca.compliance.generate.records_generate` (peak-season overtime, a few
underpaid workers, late contracts, young night workers; see its docstring).
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsca.config.settings")


def generate(workers: int, days: int, out: Path, seed: int = 7) -> dict[str, Path]:
    import django

    django.setup()
    from rsca.compliance.generate import frames_write, records_generate

    frames = records_generate(workers=workers, days=days, start=datetime.date(2025, 1, 1), seed=seed)
    return frames_write(frames, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=5000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    paths = generate(args.workers, args.days, args.out, args.seed)
    for name, path in paths.items():
        print(f"{name}: {path} ({path.stat().st_size / 1e6:.1f} MB)")
    print(f"generated in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
