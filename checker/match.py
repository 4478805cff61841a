"""Claims of all articles -> candidate pairs across articles, scored: TF-IDF top-k, then the scorer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from checker.features import FEATURE_NAMES, TextIndex, extend_index, pair_feature_matrix
from checker.model import COMPARABLE_KINDS, Article, Claim, Quantity
from checker.rules import RuleSet
from checker.search import BlockMap, SearchIndex, SearchSettings, copy_groups, search_blocks, searchable
from checker.text import clauses, content_tokens, stem, telling_words

# Clauses are compared only when the whole claims share this much of the shorter one's words:
# below it, no clause of one can restate the other.
CLAUSE_CONTAINMENT = 0.3


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two claims of different articles that may overlap, with their match probability."""

    a: Claim
    b: Claim
    probability: float
    features: np.ndarray  # the scored pair's features, in the order of FEATURE_NAMES
    near_repeat: bool = False  # the whole claims' rapidfuzz ratio reaches duplicate_threshold


def comparable_claims(articles: list[Article], index: TextIndex, rows: dict[str, int], rules: RuleSet) -> list[Claim]:
    """Return the claims worth comparing across sources: real claims, long enough, not repeats."""
    min_words = rules.thresholds["min_words"]
    found = []
    for article in articles:
        repeats = {d.b for d in article.duplicates if d.method != "restatement"}
        for claim in article.claims:
            if claim.kind in COMPARABLE_KINDS and claim.id not in repeats and telling_words(claim.text) >= min_words:
                found.append(claim)
    return found


def find_candidates(
    articles: list[Article],
    index: TextIndex,
    rows: dict[str, int],
    rules: RuleSet,
    *,
    jobs: int = 1,
    map_blocks: BlockMap | None = None,
) -> list[Candidate]:
    """Pair each comparable claim with its nearest claims in other articles and score each pair.

    Identical claims are searched once: a sentence that a hundred stories share costs one row
    of the similarity product, and its copies are paired with its first occurrence only.
    Terms held by more than search.COMMON_TERM_CLAIMS distinct claims take no part in the
    search (the cosine a candidate needs is then over the other terms), so it grows linearly
    with the claims; the pairs found are scored on all their words. The blocks of the search
    run where map_blocks sends them (search.search_blocks).
    """
    article_of = {claim.id: article.id for article in articles for claim in article.claims}
    claims = comparable_claims(articles, index, rows, rules)
    groups = copy_groups(claims)
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
    search_index = SearchIndex(searchable(index.word, row_ids), row_ids, index.folded)
    neighbours, repeats = search_blocks(search_index, row_ids, SearchSettings.from_thresholds(rules.thresholds), map_blocks=map_blocks)
    for row, other in neighbours + repeats:
        add(by_row[row], by_row[other])
    for x, y in counted_pairs(claims, article_of):
        add(x, y)
    ordered = sorted(pairs.values(), key=lambda p: (rows[p[0].id], rows[p[1].id]))
    return score_pairs(ordered, index, rows, rules, jobs=jobs, map_blocks=map_blocks)


# A counted phrase and a word beside it that more different values go with than this
# ("common shares" and "company") name a kind of figure, not one thing sources count differently;
# pairing every value with every other would make the search quadratic in the values.
MAX_COUNTED_VALUES = 20


def counted_unit(quantity: Quantity) -> str | None:
    """Return the stemmed phrase a number counts when it is specific enough to compare: two or more words."""
    if not quantity.unit or len(quantity.unit.split()) < 2:
        return None
    return " ".join(stem(w) for w in quantity.unit.split())


def counted_pairs(
    claims: list[Claim], article_of: Mapping[str, object], *, involving: frozenset[str] | None = None
) -> list[tuple[Claim, Claim]]:
    """Pair claims of different articles that count the same specific thing with different values.

    "52 political prisoners" and "three political prisoners ... released" rarely look alike
    as sentences, yet they are the pair a fact-checker needs. The counted phrase must have two
    or more words and the claims must share another content word ("released") that at most
    MAX_COUNTED_VALUES values of the phrase go with; each value is paired with the first claim
    of every other value only. With involving, only pairs with a claim of that set are kept.
    """
    groups: dict[tuple[str, str], dict[str, Claim]] = {}
    entries: list[tuple[Claim, str, str, list[str]]] = []
    for claim in claims:
        counted = [(unit, q.value) for q in claim.numbers if (unit := counted_unit(q))]
        if not counted:
            continue
        words = set(content_tokens(claim.text))
        for unit, value in counted:
            shared = sorted(words - set(unit.split()))
            entries.append((claim, unit, value, shared))
            for word in shared:
                groups.setdefault((unit, word), {}).setdefault(value, claim)
    pairs: dict[frozenset[str], tuple[Claim, Claim]] = {}
    for claim, unit, value, shared in entries:
        for word in shared:
            firsts = groups[(unit, word)]
            if len(firsts) > MAX_COUNTED_VALUES:
                continue
            for other_value, first in firsts.items():
                if other_value == value or article_of[first.id] == article_of[claim.id]:
                    continue
                if involving is None or first.id in involving or claim.id in involving:
                    pairs.setdefault(frozenset((first.id, claim.id)), (first, claim))
    return list(pairs.values())


def score_pairs(
    pairs: list[tuple[Claim, Claim]], index: TextIndex, rows: dict[str, int], rules: RuleSet, *, jobs: int = 1, map_blocks: BlockMap | None = None
) -> list[Candidate]:
    """Score claim pairs with the rules' scorer, on whole claims and, where it helps, on their clauses.

    "US officers observed the war games, a development signalling vigilance" states what
    "US officers are observing the war games" states, and more: the best-scoring pair of
    clauses stands for the pair when it scores higher than the whole claims.
    """
    features = pair_feature_matrix(index, [rows[a.id] for a, _ in pairs], [rows[b.id] for _, b in pairs], jobs=jobs, map_blocks=map_blocks)
    probabilities = rules.scorer.probabilities(features)
    match_threshold = rules.thresholds["match_threshold"]
    near_repeats = (features[:, FEATURE_NAMES.index("ratio")] >= rules.thresholds["duplicate_threshold"]).tolist()
    containment = features[:, FEATURE_NAMES.index("containment")].tolist()
    # Each claim is cut into clauses once and each distinct clause indexed once, with the
    # claims it is compared with: a claim in many pairs costs one row, not one per pair.
    claim_rows: dict[int, int] = {}  # row in the index -> row in the clause index
    clause_rows: dict[str, int] = {}  # clause text -> its position among the new rows
    cut: dict[str, list[str]] = {}
    clause_pairs: list[tuple[int, tuple[bool, int], tuple[bool, int]]] = []  # pair number, left, right
    for number, (a, b) in enumerate(pairs):
        if probabilities[number] >= match_threshold or containment[number] < CLAUSE_CONTAINMENT:
            continue
        left = _parts(a, rows, cut, clause_rows)
        right = _parts(b, rows, cut, clause_rows)
        if len(left) == 1 and len(right) == 1:
            continue
        for part in (left[0], right[0]):
            claim_rows.setdefault(part[1], len(claim_rows))
        clause_pairs += [(number, x, y) for x in left for y in right if x[0] or y[0]]
    if clause_pairs:
        kept = sorted(claim_rows, key=claim_rows.__getitem__)
        extended, first_new = extend_index(index, list(clause_rows), keep=kept)
        resolve = lambda ref: first_new + ref[1] if ref[0] else claim_rows[ref[1]]  # noqa: E731
        clause_features = pair_feature_matrix(
            extended, [resolve(x) for _, x, _ in clause_pairs], [resolve(y) for _, _, y in clause_pairs], jobs=jobs, map_blocks=map_blocks
        )
        for (number, _, _), p, row in zip(clause_pairs, rules.scorer.probabilities(clause_features), clause_features):
            if p > probabilities[number]:
                probabilities[number], features[number] = p, row
    return [Candidate(a, b, p, f, near) for (a, b), p, f, near in zip(pairs, probabilities, features, near_repeats)]


def _parts(claim: Claim, rows: dict[str, int], cut: dict[str, list[str]], clause_rows: dict[str, int]) -> list[tuple[bool, int]]:
    """Return the claim and its clauses as (is a clause, row): the claim's row in the index, a clause's among the new rows."""
    row = rows[claim.id]
    if claim.id not in cut:
        cut[claim.id] = clauses(claim.text)
    return [(False, row)] + [(True, clause_rows.setdefault(text, len(clause_rows))) for text in cut[claim.id]]
