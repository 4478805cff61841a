"""Claims of all articles -> candidate pairs across articles, scored: TF-IDF top-k, then the scorer."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from checker.features import TextIndex, pair_features, similar_rows
from checker.model import COMPARABLE_KINDS, Article, Claim
from checker.rules import RuleSet
from checker.text import normalise_for_exact


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two claims of different articles that may overlap, with their match probability."""

    a: Claim
    b: Claim
    probability: float
    features: dict[str, float]


def comparable_claims(articles: list[Article], index: TextIndex, rows: dict[str, int], rules: RuleSet) -> list[Claim]:
    """Return the claims worth comparing across sources: real claims, long enough, not repeats."""
    min_words = rules.thresholds["min_words"]
    found = []
    for article in articles:
        repeats = {d.b for d in article.duplicates if d.method != "restatement"}
        for claim in article.claims:
            if claim.kind in COMPARABLE_KINDS and claim.id not in repeats and len(index.tokens[rows[claim.id]]) >= min_words:
                found.append(claim)
    return found


def find_candidates(
    articles: list[Article], index: TextIndex, rows: dict[str, int], rules: RuleSet
) -> list[Candidate]:
    """Pair each comparable claim with its nearest claims in other articles and score each pair.

    Identical claims are searched once: a sentence that a hundred stories share costs one row
    of the similarity product, and its copies are paired with its first occurrence only.
    """
    article_of = {claim.id: article.id for article in articles for claim in article.claims}
    claims = comparable_claims(articles, index, rows, rules)
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(normalise_for_exact(claim.text), []).append(claim)
    representatives = [members[0] for members in groups.values()]
    pairs: dict[tuple[str, str], tuple[Claim, Claim]] = {}

    def add(x: Claim, y: Claim) -> None:
        if article_of[x.id] == article_of[y.id]:
            return
        key = (x.id, y.id) if x.id < y.id else (y.id, x.id)
        pairs.setdefault(key, (x, y))

    for members in groups.values():
        first = members[0]
        seen_articles = {article_of[first.id]}
        for other in members[1:]:
            if article_of[other.id] not in seen_articles:
                seen_articles.add(article_of[other.id])
                add(first, other)
    by_row = {rows[c.id]: c for c in representatives}
    row_ids = np.array(sorted(by_row), dtype=np.int64)
    neighbours = similar_rows(
        index.word,
        row_ids,
        row_ids,
        floor=rules.thresholds["candidate_threshold"],
        top_k=int(rules.thresholds["candidates_per_claim"]),
    )
    for row, other, _cosine in neighbours:
        add(by_row[row], by_row[other])
    ordered = sorted(pairs.values(), key=lambda p: (rows[p[0].id], rows[p[1].id]))
    return score_pairs(ordered, index, rows, rules)


def score_pairs(
    pairs: list[tuple[Claim, Claim]], index: TextIndex, rows: dict[str, int], rules: RuleSet
) -> list[Candidate]:
    """Score claim pairs with the rules' scorer."""
    features = pair_features(index, [rows[a.id] for a, _ in pairs], [rows[b.id] for _, b in pairs])
    return [
        Candidate(a, b, rules.scorer.probability(f), f) for (a, b), f in zip(pairs, features)
    ]
