"""Held-out judgement set -> score.py's table and summary line for a check of its ten articles.

Run from anywhere: `python benchmarks/holdout.py [-v] [--score PATH]`. It runs
`checker check benchmarks/holdout/articles` into a temporary folder, then the development set's
scorer on the report with `--gold benchmarks/holdout/gold.json`, and prints the scorer's output.

The articles and labels live in this repository (benchmarks/holdout/, see its gold.json
`about`): two events written like the development set but with other wording, so a figure that
holds there and drops here points at a rule shaped on the visible articles. The scorer is not
copied: it is read from ../shared/judgement/score.py (relative to the project root), and a clone
without it prints a note and exits 0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOLDOUT = ROOT / "benchmarks" / "holdout"
SCORER = ROOT.parent / "shared" / "judgement" / "score.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every missed gold item")
    parser.add_argument("--score", type=Path, default=SCORER,
                        help=f"the judgement scorer (default: {SCORER})")
    args = parser.parse_args(argv)

    if not args.score.is_file():
        print(f"no scorer at {args.score}: this benchmark needs the shared judgement folder; nothing to do")
        return 0

    with tempfile.TemporaryDirectory(prefix="checker-holdout-") as out:
        # The CLI as a user runs it, in this interpreter, so the installed checker is the one measured.
        check = subprocess.run(
            [sys.executable, "-m", "checker", "check", str(HOLDOUT / "articles"), "--out", out],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        # Exit 1 can mean findings under --fail-on; a missing report is the real failure.
        report = Path(out) / "report.json"
        if not report.is_file():
            print(f"checker check failed (exit {check.returncode}):\n{check.stderr}", file=sys.stderr)
            return check.returncode or 1
        command = [sys.executable, str(args.score), str(report), "--gold", str(HOLDOUT / "gold.json")]
        if args.verbose:
            command.append("-v")
        return subprocess.run(command).returncode


if __name__ == "__main__":
    sys.exit(main())
