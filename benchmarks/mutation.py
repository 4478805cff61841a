"""Mutants of classify and the describe finders -> the mutation score of the test suite, and the mutants that survive.

Run from the project root or anywhere: `python benchmarks/mutation.py` (needs the `mutation`
extra: `pip install '.[mutation]'`). The files mutated and the mutmut settings are in
pyproject.toml under [tool.mutmut]. mutmut works in ./mutants (a copy of checker/, tests/,
rules/ and seeds/) and keeps its results there, so a second run only retests what changed;
`--fresh` deletes the folder first.

The score is detected over all mutants judged: detected = killed by a failing test or by a
timeout; undetected = survived, or reached by no test at all. A survivor is a change to the code
that no test notices: a missing test, or code that does nothing. `mutmut show NAME` prints a
survivor's diff, `mutmut browse` walks them all.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
STATS = MUTANTS / "mutmut-cicd-stats.json"
DETECTED = ("killed", "timeout")
UNDETECTED = ("survived", "no_tests")
RESULT_LINE = re.compile(r"^\s*(?P<name>\S+):\s*(?P<status>.+?)\s*$")


def main() -> int:
    """Run mutmut, print the score and the survivors; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="Mutants tested at once (mutmut's --max-children).")
    parser.add_argument("--fresh", action="store_true", help="Delete ./mutants first, so every mutant is tested again.")
    parser.add_argument("--diffs", type=int, default=0, help="Print the diff of the first N survivors.")
    parser.add_argument("--report-only", action="store_true", help="Print the results of the last run without running.")
    args = parser.parse_args()
    if importlib.util.find_spec("mutmut") is None:
        print("mutmut is not installed: pip install '.[mutation]'; nothing to do")
        return 0
    mutmut = [sys.executable, "-m", "mutmut"]
    if not args.report_only:
        if args.fresh and MUTANTS.is_dir():
            shutil.rmtree(MUTANTS)
        started = time.perf_counter()
        # mutmut's own progress is shown as it goes.
        ran = subprocess.run([*mutmut, "run", "--max-children", str(args.jobs)], cwd=ROOT, env=_env())
        seconds = time.perf_counter() - started
        if ran.returncode != 0:
            print(f"mutmut run failed (exit {ran.returncode}) after {seconds:.0f} s")
            return 1
        print(f"mutmut run: {seconds:.0f} s with {args.jobs} at once")
    subprocess.run([*mutmut, "export-cicd-stats"], cwd=ROOT, env=_env(), capture_output=True, text=True, check=True)
    if not STATS.is_file():
        print("no mutation results: run without --report-only first")
        return 1
    stats = json.loads(STATS.read_text(encoding="utf-8"))
    listed = subprocess.run([*mutmut, "results"], cwd=ROOT, env=_env(), capture_output=True, text=True, check=True).stdout
    statuses = [(m["name"], m["status"]) for m in map(RESULT_LINE.match, listed.splitlines()) if m]
    print(render(stats, statuses))
    survivors = [name for name, status in statuses if status == "survived"]
    for name in survivors[: args.diffs]:
        shown = subprocess.run([*mutmut, "show", name], cwd=ROOT, env=_env(), capture_output=True, text=True)
        print(shown.stdout.rstrip())
    return 0


def mutation_score(stats: dict[str, int]) -> float:
    """Return detected / (detected + undetected); 0 when nothing was judged."""
    detected = sum(stats.get(key, 0) for key in DETECTED)
    judged = detected + sum(stats.get(key, 0) for key in UNDETECTED)
    return detected / judged if judged else 0.0


def render(stats: dict[str, int], statuses: list[tuple[str, str]]) -> str:
    """Return the score, the counts by outcome and the undetected mutants by file and function."""
    keys = ("killed", "timeout", "survived", "no_tests", "suspicious", "skipped")
    counts = ", ".join(f"{key.replace('_', ' ')} {stats.get(key, 0):,}" for key in keys)
    unchecked = stats.get("total", 0) - sum(stats.get(key, 0) for key in keys)
    out = [f"mutation score {mutation_score(stats):.3f} ({counts}, not yet checked {unchecked:,}; {stats.get('total', 0):,} mutants)"]
    undetected = [(name, status) for name, status in statuses if status in ("survived", "no tests")]
    by_function: dict[str, Counter[str]] = defaultdict(Counter)
    for name, status in undetected:
        by_function[function_name(name)][status] += 1
    if undetected:
        out.append(f"undetected mutants by function ({len(undetected):,}; `mutmut show NAME` gives each diff):")
        for function, found in sorted(by_function.items(), key=lambda item: -sum(item[1].values())):
            kinds = ", ".join(f"{n} {status}" for status, n in found.most_common())
            out.append(f"  {function}: {kinds}")
        out.append("survivors:")
        out += [f"  {name}" for name, status in undetected if status == "survived"]
    return "\n".join(out)


def function_name(mutant: str) -> str:
    """Return the dotted name of the function a mutant changes: "checker.m.xǁCǁf__mutmut_3" -> "checker.m.C.f"."""
    module, _, mangled = mutant.split("__mutmut_")[0].rpartition(".")
    if mangled.startswith("xǁ"):
        mangled = ".".join(mangled[2:].split("ǁ"))
    elif mangled.startswith("x_"):
        mangled = mangled[2:]
    return f"{module}.{mangled}"


def _env() -> dict[str, str]:
    """Return this environment, with the scripts of this interpreter first on PATH for mutmut's pytest."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


if __name__ == "__main__":
    sys.exit(main())
