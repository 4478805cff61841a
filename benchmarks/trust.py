"""Reuters-21578 stories -> how the trust stage behaves on real wire copy: time, convergence, copies found.

Run from anywhere: `python benchmarks/trust.py [--articles N]`. It reads
../shared/data/news/reuters21578.jsonl.gz (relative to the project root); a clone without it
prints a note and exits 0.

The first N stories with a body (default 1,500, in file order) are checked once; the trust
stage is then timed on its own over the same articles and pairs, in file order and reversed.
Reuters-21578 repeats some stories word for word, which gives a partial ground truth for copy
detection: every pair of stories with the same body must be found as a copy (recall); a copy
found between different bodies is listed with its share for reading (near-duplicates and
rewrites are legitimate finds, so no precision is claimed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news" / "reuters21578.jsonl.gz"

sys.path.insert(0, str(ROOT))

import checker  # noqa: E402
from checker.trust import assess_trust  # noqa: E402

MONTHS = {m: n for n, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)}


def iso_date(raw: str) -> str | None:
    """Return "26-FEB-1987 15:01:01.79" as "1987-02-26"."""
    try:
        day, month, rest = raw.strip().split("-", 2)
        return f"{rest[:4]}-{MONTHS[month.upper()]:02d}-{int(day):02d}"
    except (KeyError, ValueError):
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1500, help="stories to check (default 1500)")
    args = parser.parse_args()
    if not NEWS.exists():
        print(f"note: {NEWS} not found; nothing to measure")
        return 0
    stories = []
    with gzip.open(NEWS, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["text"].strip():
                stories.append(row)
            if len(stories) >= args.articles:
                break
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for row in stories:
            path = Path(folder) / f"r{row['id']:05d}.txt"
            date = iso_date(row["date"])
            header = f"date {date}\n\n" if date else ""
            path.write_text(f"{header}{row['title']}\n\n{row['text']}\n", encoding="utf-8")
            paths.append(path)
        started = time.perf_counter()
        report = checker.check(paths)
        checked = time.perf_counter() - started
    rules = checker.load_rules()
    bare = list(report.articles)
    timings = []
    results = []
    for articles in (bare, bare[::-1]):
        started = time.perf_counter()
        result, run = assess_trust(articles, report.pairs, rules)
        timings.append(time.perf_counter() - started)
        results.append(({a.id: a.trust for a in result}, run))
    assert report.trust is not None
    run = report.trust
    scored = [a for a in report.articles if a.trust is not None and a.trust.score is not None]
    touched = sum(len(a.trust.claims) for a in scored)  # type: ignore[union-attr]
    updates = sum(1 for p in report.pairs if p.update is not None)
    print(f"stories {len(report.articles):,}, claims {sum(len(a.claims) for a in report.articles):,}, pairs {len(report.pairs):,}")
    print(f"check, whole pipeline: {checked:.1f} s")
    print(f"trust stage alone: {timings[0]:.2f} s in file order, {timings[1]:.2f} s reversed; "
          f"same result both ways: {results[0] == results[1]}")
    print(f"iterations {run.iterations}, converged {run.converged}")
    print(f"scored {len(scored):,} of {len(report.articles):,} stories ({touched:,} claims touched by another voice); "
          f"possible updates {updates:,}")
    if scored:
        scores = sorted(a.trust.score for a in scored)  # type: ignore[union-attr, misc]
        print(f"trust scores: min {scores[0]}, median {scores[len(scores) // 2]}, max {scores[-1]}")
    bodies: dict[str, list[str]] = {}
    for row in stories:
        bodies.setdefault(" ".join(row["text"].split()), []).append(f"r{row['id']:05d}")
    expected = {frozenset((ids[0], other)) for ids in bodies.values() for other in ids[1:]}
    found = {frozenset((c.article, c.original)) for c in run.copies}
    same_body = len(expected & found)
    print(f"copies found {len(found):,}; stories with the same body {len(expected):,}, "
          f"of which found as copies {same_body:,} (recall {same_body / len(expected):.3f})" if expected
          else f"copies found {len(found):,}; no two stories share a body in this slice")
    for missed in sorted(sorted(pair) for pair in expected - found):
        kinds = sorted({c.kind for a in report.articles if a.id in missed for c in a.claims})
        print(f"  missed: {missed[0]} and {missed[1]} (claim kinds: {', '.join(kinds)})")
    others = [c for c in run.copies if frozenset((c.article, c.original)) not in expected]
    for copy in others[:10]:
        print(f"  different bodies: {copy.article} copies {copy.original}, {copy.claims} claims, share {copy.share}")
    if len(others) > 10:
        print(f"  … and {len(others) - 10} more")
    return 0


if __name__ == "__main__":
    sys.exit(main())
