"""MRPC and STS Benchmark files -> accuracy, F1 and Spearman of checker's scorer beside published baselines.

Run from anywhere: `python benchmarks/evaluate.py`. It reads ../shared/data/ (relative to the
project root); a clone without it prints a note and exits 0.

1. MRPC: `tune --target match --write` on the train file into a temporary copy of rules/ (the
   repository's rules are never touched), then `evaluate` on the test file with that copy.
   The repository's current rules are evaluated on the test file too.
2. STS Benchmark test: Spearman correlation of the match probability with the gold 0-5 scores,
   under the repository's rules and under the MRPC-tuned copy, beside plain TF-IDF cosine
   (scikit-learn's TfidfVectorizer with its defaults, fitted on the test sentences).
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
MRPC = DATA / "mrpc"
STS = DATA / "stsbenchmark" / "sts-test.csv"

sys.path.insert(0, str(ROOT))

from checker.rules import RuleSet, load_rules  # noqa: E402
from checker.tune import evaluate, feature_rows, read_pairs, score_features, tune, write_tuning  # noqa: E402

# Published figures from ../shared/data/README.md (test set, accuracy / F1 x 100).
MRPC_BASELINES = [
    ("majority class (always paraphrase)", "66.5", "79.9"),
    ("Mihalcea et al. 2006, word similarity", "70.3", "81.3"),
    ("Rus et al. 2008, graph subsumption", "70.6", "80.5"),
    ("Qiu et al. 2006", "72.0", "81.6"),
    ("Wan et al. 2006, dependency features", "75.6", "83.0"),
]
MRPC_GOAL = (0.75, 0.83)  # accuracy, F1 on test
STS_GOAL = 0.70  # Spearman on test
# Published STSb test Spearman x 100 without training on STSb (sbert.net, via the data README).
STS_BASELINES = [("average GloVe embeddings", "58.0"), ("InferSent-GloVe", "68.0"), ("Universal Sentence Encoder", "74.9")]


def main() -> int:
    """Print the MRPC and STS tables; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("mrpc", "sts"), help="Run one benchmark only.")
    args = parser.parse_args()
    if not MRPC.is_dir() and not STS.is_file():
        print(f"no benchmark data at {DATA}: this benchmark needs the shared data folder; nothing to do")
        return 0
    current = load_rules(ROOT / "rules")
    with tempfile.TemporaryDirectory(prefix="checker-rules-") as folder:
        tuned_folder = Path(folder) / "rules"
        shutil.copytree(ROOT / "rules", tuned_folder)
        tuned = None
        if args.only in (None, "mrpc"):
            if (MRPC / "msr_paraphrase_train.txt").is_file():
                tuned = mrpc(current, tuned_folder)
            else:
                print(f"no MRPC files in {MRPC}: skipped")
        if args.only in (None, "sts"):
            if STS.is_file():
                sts(current, tuned)
            else:
                print(f"no STS Benchmark test file at {STS}: skipped")
    return 0


def mrpc(current: RuleSet, tuned_folder: Path) -> RuleSet:
    """Tune on MRPC train into tuned_folder, evaluate on test; print the table; return the tuned rules."""
    started = time.perf_counter()
    train = read_pairs(MRPC / "msr_paraphrase_train.txt")
    test = read_pairs(MRPC / "msr_paraphrase_test.txt")
    tuning = tune(train, load_rules(tuned_folder), "match")
    write_tuning(tuned_folder, tuning)
    tuned = load_rules(tuned_folder)
    after = evaluate(test, tuned, "match")
    before = evaluate(test, current, "match")
    seconds = time.perf_counter() - started
    print(f"MRPC test ({after.n:,} pairs; tuned on {len(train.labels):,} train pairs, {seconds:.1f} s)")
    print(f"  {'scorer':<44} {'acc':>5} {'F1':>5}  threshold")
    print(f"  {'checker, tuned on train (C=10, best F1)':<44} {100 * after.accuracy:5.1f} {100 * after.f1:5.1f}  {after.threshold:.4f}")
    print(f"  {'checker, repository rules as they are':<44} {100 * before.accuracy:5.1f} {100 * before.f1:5.1f}  {before.threshold:.4f}")
    for name, accuracy, f1 in MRPC_BASELINES:
        print(f"  {name:<44} {accuracy:>5} {f1:>5}")
    met = after.accuracy >= MRPC_GOAL[0] and after.f1 >= MRPC_GOAL[1]
    print(f"  goal acc >= {100 * MRPC_GOAL[0]:.0f}, F1 >= {100 * MRPC_GOAL[1]:.0f}: {'met' if met else 'NOT met'}")
    print(f"  {after.line()}")
    print()
    return tuned


def read_sts(path: Path) -> tuple[list[str], list[str], list[str], np.ndarray]:
    """Return the genres, first and second sentences and gold scores of an STS Benchmark file."""
    genres, first, second, gold = [], [], [], []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 7:
                continue
            genres.append(row[0])
            gold.append(float(row[4]))
            first.append(row[5])
            second.append(row[6])
    return genres, first, second, np.array(gold)


def sts(current: RuleSet, tuned: RuleSet | None) -> None:
    """Print Spearman correlations on STS Benchmark test: the match probability and TF-IDF cosine."""
    from scipy.stats import spearmanr
    from sklearn.feature_extraction.text import TfidfVectorizer

    genres, first, second, gold = read_sts(STS)
    news = np.array([g == "main-news" for g in genres])
    features = feature_rows(first, second, current)
    scores = {"checker match probability, repository rules": score_features(features, "match", current.scorer)}
    if tuned is not None:
        # Same features: the copy differs only in weights and thresholds.
        scores["checker match probability, MRPC-tuned rules"] = score_features(features, "match", tuned.scorer)
    vectoriser = TfidfVectorizer()
    matrix = vectoriser.fit_transform(first + second)
    n = len(first)
    scores["TF-IDF cosine (sklearn defaults, fitted on test)"] = np.asarray(
        matrix[:n].multiply(matrix[n:]).sum(axis=1)
    ).ravel()
    print(f"STS Benchmark test ({n:,} pairs, {int(news.sum())} news), Spearman x 100")
    print(f"  {'scorer':<50} {'all':>5} {'news':>5}")
    for name, values in scores.items():
        rho_all = spearmanr(values, gold)[0]
        rho_news = spearmanr(values[news], gold[news])[0]
        print(f"  {name:<50} {100 * rho_all:5.1f} {100 * rho_news:5.1f}")
    for name, rho in STS_BASELINES:
        print(f"  {name + ' (published)':<50} {rho:>5}")
    rho = spearmanr(scores["checker match probability, repository rules"], gold)[0]
    print(f"  goal >= {100 * STS_GOAL:.0f} for the repository rules: {'met' if rho >= STS_GOAL else 'NOT met'}")


if __name__ == "__main__":
    sys.exit(main())
