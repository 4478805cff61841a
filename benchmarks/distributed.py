"""Reuters-21578 stories -> a check on a two-worker Dask cluster beside a local `--jobs 2` check.

Run from anywhere: `python benchmarks/distributed.py` (needs `pip install '.[dask]'`). It reads
../shared/data/news/reuters21578.jsonl.gz (relative to the project root); a clone without it
prints a note and exits 0.

For a quarter, a half and all of the 20,841 stories, written as article files as
benchmarks/scale.py writes them:
1. `checker check --jobs 2` in a process of its own: time and peak memory (the largest
   resident size of it and of the processes it started).
2. A LocalCluster of two worker processes, one thread each, started fresh, then
   `checker check --engine dask --scheduler ADDRESS` in a process of its own: time (the
   cluster's start not counted: a cluster is there before a check), the client's peak memory,
   and each worker's peak resident size (VmHWM, read on the worker).
The two reports must be the same bytes; the goals are the dask check within 1.3x of the local
time and a client under 25% of the local check's memory. The load average is printed before
and after each run: the figures mean little on a machine busy with other work.

Measured on 2 cores at a load average of about 1, stories: --jobs 2 / dask / client MiB (share
of the local peak) / workers' peak MiB, reports equal each time: 5,210: 27.7 s / 32.3 s / 113
(15%) / 1,062, 496; 10,420: 57.6 s / 64.7 s / 117 (9%) / 1,944, 850; 20,841: 120.4 s / 143.8 s /
128 (5%) / 3,199, 1,438. Both goals are met at 20,841 stories (1.19x, 5%).
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news" / "reuters21578.jsonl.gz"
# This file's folder comes first on the path, where its name would hide Dask's `distributed`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))
_scale = importlib.util.spec_from_file_location("scale", ROOT / "benchmarks" / "scale.py")
scale = importlib.util.module_from_spec(_scale)
_scale.loader.exec_module(scale)

ALL = 20841
SIZES = (ALL // 4, ALL // 2, ALL)
GOALS = {"time_ratio": 1.3, "client_memory_share": 0.25}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="Story counts to check, comma-separated.")
    parser.add_argument("--data", type=Path, default=NEWS, help="The Reuters JSON lines file (default: %(default)s).")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"no benchmark data at {args.data}: this benchmark needs the shared data folder; nothing to do")
        return 0
    try:
        from distributed import Client, LocalCluster

        from checker import distributed as on_cluster
    except ImportError:
        print("Dask's distributed scheduler is not installed: pip install '.[dask]'")
        return 0
    stories = [json.loads(line) for line in gzip.open(args.data, "rt", encoding="utf-8")]
    sizes = sorted(min(int(s), len(stories)) for s in args.sizes.split(","))
    print(f"machine: {os.cpu_count()} cores; cluster: 2 worker processes x 1 thread; local: --jobs 2")
    rows = []
    with tempfile.TemporaryDirectory(prefix="checker-distributed-") as folder:
        for size in sizes:
            stories_folder = Path(folder) / f"stories-{size}"
            scale._write_stories(stories[:size], stories_folder)
            load_before = os.getloadavg()[0]
            local_out = Path(folder) / f"local-{size}"
            local_seconds, local_kib, _, _ = scale._measured(
                [sys.executable, "-m", "checker", "check", str(stories_folder), "--jobs", "2", "--out", str(local_out)]
            )
            with LocalCluster(
                n_workers=2, silence_logs=logging.ERROR, memory_limit=0, **on_cluster.local_cluster_options()
            ) as cluster, Client(cluster) as client:
                dask_out = Path(folder) / f"dask-{size}"
                dask_seconds, client_kib, _, _ = scale._measured(
                    [sys.executable, "-m", "checker", "check", str(stories_folder), "--engine", "dask",
                     "--scheduler", cluster.scheduler_address, "--out", str(dask_out)]
                )
                workers_kib = sorted(client.run(_peak_kib).values(), reverse=True)
            same = all((local_out / n).read_bytes() == (dask_out / n).read_bytes() for n in ("report.json", "report.md"))
            row = {
                "stories": size, "load_before": load_before, "load_after": os.getloadavg()[0],
                "local_s": local_seconds, "local_mib": local_kib / 1024, "dask_s": dask_seconds,
                "client_mib": client_kib / 1024, "workers_mib": [k / 1024 for k in workers_kib], "same_report": same,
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
    _print_table(rows)
    return 0


def _peak_kib() -> int:
    """Return this process's peak resident size in KiB (Linux's VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _print_table(rows: list[dict]) -> None:
    print()
    print("| stories | load avg (before/after) | --jobs 2 | dask, 2 workers | ratio | local peak MiB | client MiB (share) | workers' peak MiB | same report |")
    print("|---:|---|---:|---:|---:|---:|---:|---|---|")
    for r in rows:
        share = r["client_mib"] / r["local_mib"]
        workers = ", ".join(f"{m:,.0f}" for m in r["workers_mib"])
        print(
            f"| {r['stories']:,} | {r['load_before']:.1f} / {r['load_after']:.1f} | {r['local_s']:.1f} s | {r['dask_s']:.1f} s "
            f"| {r['dask_s'] / r['local_s']:.2f}x | {r['local_mib']:,.0f} | {r['client_mib']:,.0f} ({share:.0%}) | {workers} "
            f"| {'yes' if r['same_report'] else 'NO'} |"
        )
    last = rows[-1]
    print()
    print(
        f"goals at {last['stories']:,} stories: time within {GOALS['time_ratio']}x of --jobs 2: "
        f"{'met' if last['dask_s'] <= GOALS['time_ratio'] * last['local_s'] else 'missed'}; client memory under "
        f"{GOALS['client_memory_share']:.0%} of a local check's: "
        f"{'met' if last['client_mib'] <= GOALS['client_memory_share'] * last['local_mib'] else 'missed'}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
