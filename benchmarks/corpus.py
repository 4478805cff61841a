"""Reuters-21578 stories -> time of a check of 10 new stories against a corpus of 20,000, beside a full check of all.

Run from anywhere: `python benchmarks/corpus.py [--stored 20000] [--new 10]`. It reads
../shared/data/news/reuters21578.jsonl.gz (relative to the project root); a clone without it
prints a note and exits 0.

1. Writes the first stories (title line, blank line, body; the title alone for the 1,798
   headline-only ones) as files in a temporary folder, the same text only once: the corpus
   stores a text once, so a full check of repeated texts would not be the same comparison.
2. `corpus add` of the stored stories into a new corpus file (timed, not part of the goal).
3. The check of the new stories against the corpus, twice (the second with the file in the
   page cache), then a full `check` of the stored and new stories together.
4. Prints both times side by side (goal: the check against the corpus takes at most 10% of the
   full check) and compares the pairs with a new claim on one side, which must be the same.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "news" / "reuters21578.jsonl.gz"

sys.path.insert(0, str(ROOT))

import checker  # noqa: E402
from checker.corpus import Corpus  # noqa: E402
from checker.model import Pair  # noqa: E402

GOAL = 0.10  # check against the corpus / full check


def write_stories(folder: Path, count: int) -> list[Path]:
    """Write the first `count` distinct stories as files; return them in corpus order."""
    written: list[Path] = []
    seen: set[str] = set()
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        for line in lines:
            story = json.loads(line)
            # A headline-only story is an article of one heading; the corpus keeps those too.
            text = f"{story['title']}\n\n{story['text']}\n" if story["text"].strip() else f"{story['title']}\n"
            if text in seen:
                continue
            seen.add(text)
            path = folder / f"reuters-{story['id']:05d}.txt"
            path.write_text(text, encoding="utf-8")
            written.append(path)
            if len(written) == count:
                break
    return written


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def article_of(claim_id: str) -> str:
    return claim_id.rpartition(":")[0]


def main() -> int:
    """Print the timings and the comparison of pairs; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=20_000, help="Stories in the corpus.")
    parser.add_argument("--new", type=int, default=10, help="New stories checked against it.")
    parser.add_argument("--batch", type=int, default=500, help="Stories per committed batch while adding.")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"no benchmark data at {DATA}: this benchmark needs the shared data folder; nothing to do")
        return 0
    with tempfile.TemporaryDirectory(prefix="checker-corpus-") as folder:
        stories = write_stories(Path(folder), args.stored + args.new)
        stored, new = stories[: args.stored], stories[args.stored :]
        database = Path(folder) / "corpus.sqlite"
        print(f"Reuters-21578: {len(stored):,} stored stories, {len(new)} new ({DATA.name})")

        began = time.perf_counter()
        with Corpus(database, create=True) as corpus:
            corpus.add(stored, batch=args.batch)
            add_seconds = time.perf_counter() - began
            stats = corpus.stats()
            print(
                f"corpus add: {add_seconds:.1f} s for {stats['articles']:,} articles, {stats['claims']:,} claims "
                f"({stats['articles'] / add_seconds:.0f} articles/s); file {stats['bytes'] / 2**20:.0f} MiB; "
                f"peak memory so far {peak_mib():.0f} MiB"
            )
            timings = []
            for _ in range(2):
                began = time.perf_counter()
                incremental = corpus.check(new)
                timings.append(time.perf_counter() - began)
        incremental_peak = peak_mib()
        began = time.perf_counter()
        full = checker.check(stored + new)
        full_seconds = time.perf_counter() - began
        full_peak = peak_mib()

    new_ids = {path.stem for path in new}
    expected = [p for p in full.pairs if article_of(p.a) in new_ids or article_of(p.b) in new_ids]
    stored_in_report = sum(a.stored for a in incremental.articles)
    best = min(timings)
    print()
    print("| check | articles compared | seconds | share of full | peak memory (process) |")
    print("|---|---:|---:|---:|---:|")
    print(f"| full check | {len(full.articles):,} | {full_seconds:.1f} | 100% | {full_peak:.0f} MiB |")
    print(
        f"| against the corpus (cold, warm) | {len(new)} new, {stats['articles']:,} stored | "
        f"{timings[0]:.2f}, {timings[1]:.2f} | {best / full_seconds:.1%} | {incremental_peak:.0f} MiB |"
    )
    print(f"goal: at most {GOAL:.0%} of the full check: {'met' if best <= GOAL * full_seconds else 'NOT met'}")
    print()
    print(
        f"pairs with a new claim: full check {len(expected)}, against the corpus {len(incremental.pairs)} "
        f"({stored_in_report} stored articles in the report)"
    )
    found = {(p.a, p.b): p for p in incremental.pairs}
    wanted: dict[tuple[str, str], Pair] = {(p.a, p.b): p for p in expected}
    same = sum(found.get(key) == pair for key, pair in wanted.items())
    print(f"identical: {same}; only in the full check: {len(wanted.keys() - found.keys())}; "
          f"only against the corpus: {len(found.keys() - wanted.keys())}; "
          f"same claims, other values: {sum(k in found and found[k] != p for k, p in wanted.items())}")
    for key in sorted(wanted.keys() ^ found.keys())[:5]:
        print(f"  differs: {wanted.get(key) or found.get(key)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
