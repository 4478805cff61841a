"""ECB+ topics and FNC-1 headline/body pairs -> what checker's cross-source comparison reports on them.

benchmarks/evaluate.py prints and summarises these figures; this module only computes them.
Both run `checker.check` on real files written to a temporary folder, exactly as a user's
check runs, with the rules given.

- ECB+: every topic's articles are checked together (both of its look-alike events, so decoys
  can be paired). Articles hold one sentence per line, so a claim maps back to the gold
  sentences on the lines it spans.
- FNC-1: each headline is checked against its article body, as two articles. A headline is a
  line without final punctuation, which checker treats as a heading and never compares; a
  full stop is added to it for that reason.
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import checker
from checker.rules import RuleSet
from checker.tune import feature_rows, score_features

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
ECBPLUS = DATA / "ecbplus"
FNC1 = DATA / "fnc1_stance"
GOLD = "coref_event"  # sentence_pairs.csv label of two sentences about the same event
DECOY = "decoy_other_subtopic"  # the same kind of event, but another one
RELATION_RANK = {"none": 0, "related": 1, "agrees": 2, "conflicts": 3}
FINAL_PUNCTUATION = re.compile(r"[.!?][\"'’”)]*$")

Progress = Callable[[int, int], None]
SentenceKey = tuple[str, int]  # (doc_id, sent_id)


@dataclass(frozen=True, slots=True)
class EcbResult:
    """What checker reported for each labelled ECB+ sentence pair."""

    topics: int
    articles: int
    relations: Counter[tuple[str, str]]  # (label, strongest relation reported or "none") -> pairs
    conflict_types: Counter[tuple[str, str]]  # (label, conflict type) -> pairs with such a conflict
    seconds: float

    def pairs(self, label: str) -> int:
        """Return the number of labelled pairs with this label."""
        return sum(n for (each, _), n in self.relations.items() if each == label)

    def share(self, label: str, relations: Sequence[str]) -> float:
        """Return the share of the label's pairs whose strongest relation is one of these."""
        total = self.pairs(label)
        return sum(self.relations[(label, r)] for r in relations) / total if total else 0.0


def read_ecbplus_articles() -> list[dict]:
    """Return the ECB+ articles, each with its topic, text and sentences."""
    with (ECBPLUS / "articles.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_ecbplus_pairs() -> list[dict[str, str]]:
    """Return the labelled cross-article sentence pairs of sentence_pairs.csv."""
    with (ECBPLUS / "sentence_pairs.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _pair_key(row: dict[str, str]) -> frozenset[SentenceKey]:
    return frozenset(((row["doc_a"], int(row["sent_a"])), (row["doc_b"], int(row["sent_b"]))))


def ecbplus_pipeline(rules: RuleSet, *, progress: Progress | None = None) -> EcbResult:
    """Check each ECB+ topic's articles together; return the relation reported for every labelled pair."""
    started = time.perf_counter()
    articles = read_ecbplus_articles()
    by_topic: dict[int, list[dict]] = defaultdict(list)
    for article in articles:
        by_topic[article["topic"]].append(article)
    reported: dict[frozenset[SentenceKey], tuple[str, frozenset[str]]] = {}
    for done, topic in enumerate(sorted(by_topic), 1):
        for key, found in _check_topic(by_topic[topic], rules).items():
            if key not in reported or RELATION_RANK[found[0]] > RELATION_RANK[reported[key][0]]:
                reported[key] = found
        if progress is not None:
            progress(done, len(by_topic))
    relations: Counter[tuple[str, str]] = Counter()
    conflict_types: Counter[tuple[str, str]] = Counter()
    for row in read_ecbplus_pairs():
        relation, types = reported.get(_pair_key(row), ("none", frozenset()))
        relations[(row["label"], relation)] += 1
        for kind in types:
            conflict_types[(row["label"], kind)] += 1
    return EcbResult(len(by_topic), len(articles), relations, conflict_types, time.perf_counter() - started)


def _check_topic(articles: list[dict], rules: RuleSet) -> dict[frozenset[SentenceKey], tuple[str, frozenset[str]]]:
    """Return, per pair of sentences of different articles, the strongest relation checker reported and its conflict types."""
    sentence_ids = {a["doc_id"]: [s["sent_id"] for s in a["sentences"]] for a in articles}
    with tempfile.TemporaryDirectory(prefix="checker-ecbplus-") as folder:
        paths = []
        for article in articles:
            path = Path(folder) / f"{article['doc_id']}.txt"
            path.write_text(article["text"] + "\n", encoding="utf-8")
            paths.append(path)
        report = checker.check(paths, rules=rules)
    sentences_of: dict[str, list[SentenceKey]] = {}
    for article in report.articles:
        ids = sentence_ids[article.id]
        for claim in article.claims:
            lines = range(claim.line, claim.line + claim.text.count("\n") + 1)
            sentences_of[claim.id] = [(article.id, ids[line - 1]) for line in lines if line <= len(ids)]
    found: dict[frozenset[SentenceKey], tuple[str, frozenset[str]]] = {}
    for pair in report.pairs:
        types = frozenset(c.type for c in pair.conflicts)
        for x in sentences_of[pair.a]:
            for y in sentences_of[pair.b]:
                key = frozenset((x, y))
                if key not in found or RELATION_RANK[pair.relation] > RELATION_RANK[found[key][0]]:
                    found[key] = (pair.relation, types)
    return found


def ecbplus_scores(rules: RuleSet, *, progress: Progress | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Return the rules' match probability of every labelled sentence pair, scored alone; and which are gold."""
    text: dict[SentenceKey, str] = {}
    for article in read_ecbplus_articles():
        for sentence in article["sentences"]:
            text[(article["doc_id"], sentence["sent_id"])] = sentence["text"]
    rows = read_ecbplus_pairs()
    first = [text[(r["doc_a"], int(r["sent_a"]))] for r in rows]
    second = [text[(r["doc_b"], int(r["sent_b"]))] for r in rows]
    scores = score_features(feature_rows(first, second, rules, progress=progress), "match", rules.scorer)
    return scores, np.array([r["label"] == GOLD for r in rows])


@dataclass(frozen=True, slots=True)
class StanceResult:
    """What checker reported between one FNC-1 headline and its article body."""

    stance: str
    headline: str
    body_id: str
    conflicts: tuple[tuple[str, str, str, str], ...]  # (type, headline value, body value, body claim)
    relation: str  # the strongest relation of any headline claim to a body claim, or "none"
    closest: str | None  # the body claim most similar to the headline, when any pair was reported
    similarity: float  # its match probability


def read_fnc1(stances: Sequence[str]) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Return the FNC-1 rows with one of these stances, in file order, and the bodies by id."""
    with (FNC1 / "competition_test_bodies.csv").open(encoding="utf-8", newline="") as handle:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    with (FNC1 / "competition_test_stances.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["Stance"] in stances]
    return rows, bodies


def fnc1_pipeline(rules: RuleSet, stances: Sequence[str], *, progress: Progress | None = None) -> list[StanceResult]:
    """Check each headline against its body; return what was reported between them, in file order."""
    rows, bodies = read_fnc1(stances)
    results = []
    with tempfile.TemporaryDirectory(prefix="checker-fnc1-") as folder:
        headline_path, body_path = Path(folder) / "headline.txt", Path(folder) / "body.txt"
        for done, row in enumerate(rows, 1):
            headline = row["Headline"].strip()
            if not FINAL_PUNCTUATION.search(headline):
                headline += "."
            headline_path.write_text(headline + "\n", encoding="utf-8")
            body_path.write_text(bodies[row["Body ID"]] + "\n", encoding="utf-8")
            report = checker.check([headline_path, body_path], rules=rules)
            results.append(_stance_result(row, headline, report))
            if progress is not None and (done % 100 == 0 or done == len(rows)):
                progress(done, len(rows))
    return results


def _stance_result(row: dict[str, str], headline: str, report: checker.Report) -> StanceResult:
    article_of = {c.id: a.id for a in report.articles for c in a.claims}
    text_of = {c.id: c.text for a in report.articles for c in a.claims}
    across = [p for p in report.pairs if {article_of[p.a], article_of[p.b]} == {"headline", "body"}]
    conflicts = []
    for pair in across:
        headline_first = article_of[pair.a] == "headline"
        body_claim = text_of[pair.b if headline_first else pair.a]
        for conflict in pair.conflicts:
            values = (conflict.a, conflict.b) if headline_first else (conflict.b, conflict.a)
            conflicts.append((conflict.type, *values, body_claim))
    strongest = max((p.relation for p in across), key=RELATION_RANK.__getitem__, default="none")
    closest = max(across, key=lambda p: p.similarity, default=None)
    closest_text = None
    if closest is not None:
        closest_text = text_of[closest.b if article_of[closest.a] == "headline" else closest.a]
    return StanceResult(
        stance=row["Stance"],
        headline=headline,
        body_id=row["Body ID"],
        conflicts=tuple(conflicts),
        relation=strongest,
        closest=closest_text,
        similarity=closest.similarity if closest is not None else 0.0,
    )
