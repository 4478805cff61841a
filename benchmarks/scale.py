"""Reuters-21578 stories -> checker's time, memory and findings at corpus scale, beside the peers'.

Run from anywhere: `python benchmarks/scale.py` (about ten minutes on two cores). It reads
../shared/data/news/reuters21578.jsonl.gz (relative to the project root); a clone without it
prints a note and exits 0. The peers are in the `bench` extra: `pip install '.[bench]'`; a
missing one is named and skipped.

1. The first 1,000, 5,000 and all 20,841 stories are checked with `checker check` reading the
   archive itself (all of it for the whole set, a JSON Lines file of its first rows for the
   smaller ones; fields `text`, `title`, `date`, `id`), in a process of its own (`--files`
   writes them as article files instead, a date and a title header, then the body, the way
   checkers older than archive input must read them): load, segment, describe, duplicates,
   cross-source comparison, trust, reliability and both reports, start-up included. Peak
   memory is the largest resident size of that process and of the processes it started.
2. The peers run in processes of their own on the same sentences: the claims checker
   compares (claims and quotes with at least min_words content words, from report.json):
   scikit-learn TF-IDF (word 1-2 grams, sublinear tf) with sparse_dot_topn top-10 at cosine
   >= 0.5; MinHash LSH at Jaccard >= 0.8 on word sets with datasketch and with rensa (128
   permutations); brute-force rapidfuzz `process.cdist` (ratio on the folded, lower-cased
   sentences, at duplicate_threshold) up to --brute-stories stories, extrapolated as n^2 beyond.
3. Near-duplicate pairs are pairs of distinct sentences of different stories whose rapidfuzz
   ratio reaches duplicate_threshold (checker's own definition of a near repeat). checker's
   are the cross-source pairs of its report with such a ratio; its recall is measured
   against the brute-force pairs on the 5,000-story set. checker compares the copies of a
   sentence (the same words, whatever the case and punctuation) once, through their first
   occurrence, so recall is counted over such groups: a brute-force pair is found when
   checker reports a pair of the same two groups. Identical sentences are counted apart
   (exact repeats), as every method finds them by hashing.
4. `--baseline PATH` also checks each size with the checkout of an earlier release at PATH
   (`git worktree add PATH COMMIT`), run by the same Python, right after this checker on the
   same article files (an earlier release may not read archives, so `--files` is implied), and
   prints what this checker costs relative to it: CPU seconds (user and system, of the process
   and the processes it started) and wall seconds. CPU time is the figure to compare on a
   shared machine, where other work stretches wall time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news" / "reuters21578.jsonl.gz"
SIZES = (1000, 5000, 20841)
RECALL_SIZE = 5000
sys.path.insert(0, str(ROOT))

GOALS = {"time_vs_tfidf": 2.0, "growth": 1.15, "memory_mib": 2048, "recall": 0.99}
PEERS = ("tfidf_topn", "datasketch", "rensa", "cdist")
PEER_MODULES = {"tfidf_topn": "sparse_dot_topn", "datasketch": "datasketch", "rensa": "rensa", "cdist": "rapidfuzz"}
PEER_LABELS = {
    "tfidf_topn": "TF-IDF + sparse_dot_topn (cos >= 0.5)",
    "datasketch": "MinHash LSH, datasketch (J >= 0.8)",
    "rensa": "MinHash LSH, rensa (J >= 0.8)",
    "cdist": "rapidfuzz cdist, all pairs",
}
PEER_IMPORTS = {
    "tfidf_topn": ("sklearn.feature_extraction.text", "sparse_dot_topn"),
    "datasketch": ("datasketch",),
    "rensa": ("rensa",),
    "cdist": ("numpy", "rapidfuzz.process"),
}
TOP_N = 10
COSINE = 0.5
JACCARD = 0.8
PERMUTATIONS = 128
WORD = re.compile(r"\w+")


def main() -> int:
    """Run the benchmark and print its tables; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="Story counts to check, comma-separated.")
    parser.add_argument("--jobs", type=int, default=None, help="checker's --jobs and the peers' threads (default: all cores).")
    parser.add_argument("--brute-stories", type=int, default=RECALL_SIZE, help="Largest size brute force runs on.")
    parser.add_argument("--files", action="store_true", help="Write the stories as article files instead of reading the archive.")
    parser.add_argument("--baseline", type=Path, help="Checkout of an earlier release to time on the same files (implies --files).")
    parser.add_argument("--no-peers", action="store_true", help="Time checker (and the baseline) only, not the peers.")
    parser.add_argument("--peer", nargs=3, metavar=("NAME", "SENTENCES", "THRESHOLD"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        return _run_peer(*args.peer, jobs=args.jobs or _cores())
    if not NEWS.is_file():
        print(f"no benchmark data at {NEWS}: this benchmark needs the shared data folder; nothing to do")
        return 0
    jobs = args.jobs or _cores()
    if args.baseline is not None:
        if not (args.baseline / "checker" / "__init__.py").is_file():
            raise SystemExit(f"{args.baseline}: not a checkout of checker (no checker/__init__.py)")
        args.files = True
    sizes = sorted(int(s) for s in args.sizes.split(","))
    stories = [json.loads(line) for line in gzip.open(NEWS, "rt", encoding="utf-8")]
    sizes = [min(size, len(stories)) for size in sizes]
    missing = [f"{name} ({PEER_MODULES[name]})" for name in PEERS if not _importable(PEER_MODULES[name])]
    print(f"machine: {_cores()} cores, load average {os.getloadavg()[0]:.2f} at start; checker --jobs {jobs}")
    if missing:
        print("peers not installed, skipped: " + ", ".join(missing) + " (pip install '.[bench]')")
    rows: dict[int, dict] = {}
    peers: dict[int, dict[str, dict]] = {}
    baseline: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="checker-scale-") as folder:
        for size in sizes:
            if args.files:
                inputs = Path(folder) / f"stories-{size}"
                _write_stories(stories[:size], inputs)
            else:
                inputs = NEWS if size == len(stories) else _archive_slice(NEWS, size, Path(folder) / f"stories-{size}.jsonl")
            rows[size] = _run_checker(inputs, Path(folder) / f"reports-{size}", jobs, archive=not args.files)
            if args.baseline is not None:
                baseline[size] = _run_baseline(args.baseline, inputs, Path(folder) / f"baseline-{size}", jobs)
            sentences_file = Path(folder) / f"sentences-{size}.json"
            sentences_file.write_text(json.dumps(rows[size]["sentences"]), encoding="utf-8")
            peers[size] = {}
            for name in () if args.no_peers else PEERS:
                if f"{name} ({PEER_MODULES[name]})" in missing:
                    continue
                if name == "cdist" and size > args.brute_stories:
                    continue
                threshold = rows[size]["duplicate_threshold"] if name == "cdist" else COSINE if name == "tfidf_topn" else JACCARD
                peers[size][name] = _measure_peer(name, sentences_file, threshold, jobs)
            rows[size]["sentence_count"] = len(rows[size].pop("sentences"))
            print(f"  {size:>6,} stories done in {rows[size]['seconds']:.1f} s", flush=True)
    _print_tables(sizes, rows, peers, args.brute_stories)
    if baseline:
        _print_baseline(sizes, rows, baseline, args.baseline)
    return 0


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _importable(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def _write_stories(stories: list[dict], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for story in stories:
        body = story["text"] or story["title"]
        header = f"date: {story['date']}\ntitle: {story['title']}\n\n" if story["title"] else f"date: {story['date']}\n\n"
        (folder / f"{story['id']:05d}.txt").write_text(header + body + "\n", encoding="utf-8")


def _archive_slice(archive: Path, rows: int, target: Path) -> Path:
    """Write the first rows of a JSON Lines archive, unchanged, to target; return target."""
    with gzip.open(archive, "rt", encoding="utf-8") as source, target.open("w", encoding="utf-8") as sink:
        for _, line in zip(range(rows), source):
            sink.write(line)
    return target


def _measured(command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, int, str, float]:
    """Run a command in a child that reports its children's peak memory and CPU time; return seconds, KiB, output and CPU seconds.

    CPU seconds are user and system time of the command and of the processes it started and waited for.
    """
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "seconds = time.perf_counter() - start\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "sys.stderr.write(done.stderr)\n"
        "print(done.returncode, seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)\n"
        "sys.stdout.write(done.stdout)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True, cwd=cwd, env=env)
    head, _, output = done.stdout.partition("\n")
    code, seconds, peak, cpu = head.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command[:4])}... failed ({code}):\n{done.stderr[-2000:]}")
    return float(seconds), int(peak), output, float(cpu)


def _run_checker(stories: Path, out: Path, jobs: int, *, archive: bool) -> dict:
    checker = [sys.executable, "-m", "checker", "check", str(stories), "--out", str(out), "--jobs", str(jobs)]
    if archive:
        checker += ["--text-field", "text", "--title-field", "title", "--date-field", "date", "--id-field", "id"]
    seconds, peak, _, cpu = _measured(checker)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {"seconds": seconds, "cpu": cpu, "peak_kib": peak, **_findings(report)}


def _run_baseline(checkout: Path, stories: Path, out: Path, jobs: int) -> dict:
    """Check article files with the checker of an earlier checkout, imported from there; return its wall and CPU seconds."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(checkout.resolve()), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "checker", "check", str(stories), "--out", str(out), "--jobs", str(jobs)]
    seconds, peak, _, cpu = _measured(command, cwd=checkout, env=env)
    return {"seconds": seconds, "cpu": cpu, "peak_kib": peak}


def _findings(report: dict) -> dict:
    """Count claims and checker's pairs; list the sentences the peers get."""
    from rapidfuzz import fuzz

    from checker.text import content_tokens, fold

    threshold = report["settings"]["duplicate_threshold"]
    min_words = report["settings"]["min_words"]
    text_of = {}
    sentences = []
    claims = 0
    within = 0
    for article in report["articles"]:
        repeats = {d["b"] for d in article["duplicates"] if d["method"] != "restatement"}
        within += sum(d["method"] in ("exact", "fuzzy") for d in article["duplicates"])
        for claim in article["claims"]:
            if claim["kind"] not in ("claim", "quote"):
                continue
            claims += 1
            folded = fold(claim["text"]).lower()
            text_of[claim["id"]] = folded
            if claim["id"] not in repeats and len(set(content_tokens(claim["text"]))) >= min_words:
                sentences.append([article["id"], folded])
    near = set()
    groups = set()
    exact = 0
    for pair in report["pairs"]:
        a, b = text_of.get(pair["a"]), text_of.get(pair["b"])
        if a is None or b is None:
            continue
        if a == b:
            exact += 1
        elif fuzz.ratio(a, b) / 100.0 >= threshold:
            near.add((a, b) if a < b else (b, a))
        groups.add(_group_pair(a, b))
    return {
        "claims": claims,
        "pairs": len(report["pairs"]),
        "near": near,
        "groups": groups,
        "exact": exact,
        "within": within,
        "sentences": sentences,
        "duplicate_threshold": threshold,
    }


def _group_pair(a: str, b: str) -> tuple[str, str]:
    """Return the pair of exact-repeat groups (normalise_for_exact) two sentences belong to, in order."""
    from checker.text import normalise_for_exact

    x, y = normalise_for_exact(a), normalise_for_exact(b)
    return (x, y) if x < y else (y, x)


def _measure_peer(name: str, sentences: Path, threshold: float, jobs: int) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--jobs", str(jobs), "--peer", name, str(sentences), str(threshold)]
    seconds, peak, output, _ = _measured(command)
    result = json.loads(output)
    result["peak_kib"] = peak
    result["wall"] = seconds
    return result


def _run_peer(name: str, sentences_file: str, threshold: str, *, jobs: int) -> int:
    """In a child process: run one peer, print its JSON result (seconds exclude reading the sentences)."""
    rows = json.loads(Path(sentences_file).read_text(encoding="utf-8"))
    texts = [text for _, text in rows]
    for module in PEER_IMPORTS[name]:
        __import__(module)  # imported before the clock starts, as checker's start-up is not part of a peer's time
    start = time.perf_counter()
    if name == "tfidf_topn":
        found = _tfidf_topn(texts, float(threshold), jobs)
    elif name == "cdist":
        found = _cdist(rows, float(threshold), jobs)
    else:
        found = _minhash(name, texts, float(threshold))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, **found}))
    return 0


def _tfidf_topn(texts: list[str], threshold: float, jobs: int) -> dict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sparse_dot_topn import sp_matmul_topn

    matrix = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(texts).tocsr()
    product = sp_matmul_topn(matrix, matrix.T.tocsr(), top_n=TOP_N, threshold=threshold, n_threads=jobs).tocoo()
    pairs = {(min(i, j), max(i, j)) for i, j in zip(product.row.tolist(), product.col.tolist()) if i != j}
    return {"pairs": len(pairs)}


def _minhash(name: str, texts: list[str], threshold: float) -> dict:
    word_sets = [set(WORD.findall(text)) or {""} for text in texts]
    pairs: set[tuple[int, int]] = set()
    if name == "datasketch":
        from datasketch import MinHash, MinHashLSH

        lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
        hashes = []
        for n, words in enumerate(word_sets):
            minhash = MinHash(num_perm=PERMUTATIONS)
            minhash.update_batch([w.encode("utf-8") for w in words])
            lsh.insert(n, minhash)
            hashes.append(minhash)
        for n, minhash in enumerate(hashes):
            pairs.update((min(n, m), max(n, m)) for m in lsh.query(minhash) if m != n)
    else:
        from rensa import RMinHash, RMinHashLSH

        lsh = RMinHashLSH(threshold=threshold, num_perm=PERMUTATIONS, num_bands=16)
        hashes = []
        for n, words in enumerate(word_sets):
            minhash = RMinHash(num_perm=PERMUTATIONS, seed=42)
            minhash.update(list(words))
            lsh.insert(n, minhash)
            hashes.append(minhash)
        for n, minhash in enumerate(hashes):
            pairs.update((min(n, m), max(n, m)) for m in lsh.query(minhash) if m != n)
    return {"pairs": len(pairs)}


def _cdist(rows: list[list[str]], threshold: float, jobs: int) -> dict:
    """All pairs of distinct sentences by rapidfuzz ratio; return those of different stories at threshold."""
    import numpy as np
    from rapidfuzz import fuzz, process

    stories_of: dict[str, set[str]] = {}
    for story, text in rows:
        stories_of.setdefault(text, set()).add(story)
    texts = sorted(stories_of)
    near = []
    block = 2000
    for begin in range(0, len(texts), block):
        scores = process.cdist(
            texts[begin : begin + block], texts, scorer=fuzz.ratio, score_cutoff=threshold * 100, dtype=np.uint8, workers=jobs
        )
        rows_found, columns = np.nonzero(scores)
        for i, j in zip((rows_found + begin).tolist(), columns.tolist()):
            if i < j and len(stories_of[texts[i]] | stories_of[texts[j]]) > 1:
                near.append([texts[i], texts[j]])
    return {"pairs": len(near), "near": near, "distinct": len(texts)}


def _print_tables(sizes: list[int], rows: dict[int, dict], peers: dict[int, dict[str, dict]], brute_stories: int) -> None:
    print()
    print("checker check (whole run: start-up, load, segment, describe, duplicates, compare, trust, reliability, reports)")
    print("| stories | claims | seconds | peak MiB | claims/s | pairs | near-dup pairs across | exact-repeat pairs | repeats within |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        row = rows[size]
        print(
            f"| {size:,} | {row['claims']:,} | {row['seconds']:.1f} | {row['peak_kib'] / 1024:.0f} | "
            f"{row['claims'] / row['seconds']:,.0f} | {row['pairs']:,} | {len(row['near']):,} | {row['exact']:,} | {row['within']:,} |"
        )
    if not any(peers.values()):
        print()
        _print_goals(sizes, rows, peers, brute_stories)
        return
    print()
    print("peers on the same sentences (seconds exclude start-up and reading the sentences; peak is the process's)")
    print("| stories | peer | seconds | peak MiB | pairs | checker / peer |")
    print("|---:|---|---:|---:|---:|---:|")
    largest_brute = max((s for s in sizes if "cdist" in peers[s]), default=None)
    for size in sizes:
        for name in PEERS:
            result = peers[size].get(name)
            if result is None and name == "cdist" and largest_brute is not None:
                estimate = peers[largest_brute]["cdist"]["seconds"] * (rows[size]["sentence_count"] / rows[largest_brute]["sentence_count"]) ** 2
                print(f"| {size:,} | {PEER_LABELS[name]} | ~{estimate:,.0f} (extrapolated as n^2 from {largest_brute:,}) | | | "
                      f"{rows[size]['seconds'] / estimate:.3f} |")
                continue
            if result is None:
                continue
            print(
                f"| {size:,} | {PEER_LABELS[name]} | {result['seconds']:.1f} | {result['peak_kib'] / 1024:.0f} | "
                f"{result['pairs']:,} | {rows[size]['seconds'] / result['seconds']:.2f} |"
            )
    print()
    _print_goals(sizes, rows, peers, brute_stories)


def _print_baseline(sizes: list[int], rows: dict[int, dict], baseline: dict[int, dict], checkout: Path) -> None:
    print()
    print(f"this checker against the earlier release at {checkout}, on the same article files, one after the other")
    print("| stories | CPU s | earlier CPU s | CPU ratio | wall s | earlier wall s | wall ratio | peak MiB | earlier peak MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        row, old = rows[size], baseline[size]
        print(
            f"| {size:,} | {row['cpu']:.1f} | {old['cpu']:.1f} | {row['cpu'] / old['cpu']:.2f} | {row['seconds']:.1f} | "
            f"{old['seconds']:.1f} | {row['seconds'] / old['seconds']:.2f} | {row['peak_kib'] / 1024:.0f} | {old['peak_kib'] / 1024:.0f} |"
        )


def _growth(small: int, large: int, t_small: float, t_large: float) -> float:
    return math.log(t_large / t_small) / math.log(large / small)


def _print_goals(sizes: list[int], rows: dict[int, dict], peers: dict[int, dict[str, dict]], brute_stories: int) -> None:
    largest = sizes[-1]
    print("goals")
    tfidf = peers[largest].get("tfidf_topn")
    if tfidf is not None:
        ratio = rows[largest]["seconds"] / tfidf["seconds"]
        print(f"- whole check on {largest:,} stories / bare TF-IDF top-k: {ratio:.2f}x (goal <= {GOALS['time_vs_tfidf']}x): "
              f"{'met' if ratio <= GOALS['time_vs_tfidf'] else 'missed'}")
    if RECALL_SIZE in rows and largest > RECALL_SIZE:
        exponent = _growth(RECALL_SIZE, largest, rows[RECALL_SIZE]["seconds"], rows[largest]["seconds"])
        print(f"- checker's growth from {RECALL_SIZE:,} to {largest:,} stories: n^{exponent:.2f} "
              f"(goal <= n^{GOALS['growth']}): {'met' if exponent <= GOALS['growth'] else 'missed'}")
        for name in PEERS:
            if name in peers[RECALL_SIZE] and name in peers[largest]:
                peer = _growth(RECALL_SIZE, largest, peers[RECALL_SIZE][name]["seconds"], peers[largest][name]["seconds"])
                print(f"  ({PEER_LABELS[name]}: n^{peer:.2f})")
    peak = rows[largest]["peak_kib"] / 1024
    print(f"- peak memory on {largest:,} stories: {peak:,.0f} MiB (goal <= {GOALS['memory_mib']:,} MiB): "
          f"{'met' if peak <= GOALS['memory_mib'] else 'missed'}")
    brute = peers.get(RECALL_SIZE, {}).get("cdist") if RECALL_SIZE <= brute_stories else None
    if brute is not None:
        truth = {_group_pair(a, b) for a, b in brute["near"]}
        truth = {pair for pair in truth if pair[0] != pair[1]}  # copies of one sentence: exact repeats
        found = truth & rows[RECALL_SIZE]["groups"]
        recall = len(found) / len(truth) if truth else 1.0
        print(f"- near-duplicate recall on {RECALL_SIZE:,} stories against brute force: {len(found):,} of {len(truth):,} "
              f"pairs of sentence groups = {recall:.4f} (goal >= {GOALS['recall']}): "
              f"{'met' if recall >= GOALS['recall'] else 'missed'}")


if __name__ == "__main__":
    sys.exit(main())
