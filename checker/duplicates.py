"""Claims of one article -> Duplicates (exact, near, restated) and the Passages they form."""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz
from scipy import sparse

from checker.features import TextIndex, similar_rows
from checker.model import Article, Claim, Duplicate, Passage
from checker.rules import RuleSet
from checker.text import normalise_for_exact

# Furniture repeats by design (every image has a credit line); headings and claims do not.
DUPLICATE_KINDS = frozenset({"claim", "quote", "heading"})
NEIGHBOURS = 20  # nearest claims examined per claim; repeats are far fewer in real copy
CANDIDATE_FLOOR = 0.1  # TF-IDF cosine below which two claims share too little to be compared
# A restated claim must carry some content: "It grew." is contained in anything.
MIN_RESTATED_WEIGHT_WORDS = 4
# A short claim (a summary bullet: "Two people died at the ford") is contained in many
# sentences once a neighbour is added: below this many content words, the other claim alone
# must say it, with most of its weight, not merely restatement_threshold, and must say more:
# a restatement condenses, while a template filled in twice ("... the city library on
# Monday" / "... the city museum on Monday") has the same length on both sides.
SHORT_RESTATED_WORDS = 8
SHORT_RESTATED_SHARE = 0.75
SHORT_RESTATED_ADDED_WORDS = 2
WINDOW_SHARE_OF_CLAIM = 0.5


def find_duplicates(
    article: Article,
    index: TextIndex,
    rows: dict[str, int],
    rules: RuleSet,
    neighbours: list[tuple[int, int, float]] | None = None,
) -> tuple[tuple[Duplicate, ...], tuple[Passage, ...]]:
    """Find claims that repeat or restate an earlier claim of the same article.

    Each later claim is paired with one earlier claim only, its best match, so a sentence
    pasted a thousand times yields a thousand findings, not half a million.

    Args:
        index: the run's TextIndex; `rows` maps a claim id to its row in it.
        neighbours: the article's similar claims as duplicate_neighbours found them; searched
            here when None.
    """
    claims = [c for c in article.claims if c.kind in DUPLICATE_KINDS and c.id in rows]
    position = {c.id: n for n, c in enumerate(article.claims)}
    best: dict[str, tuple[float, int, Duplicate]] = {}
    first_seen: dict[str, Claim] = {}
    for claim in claims:
        key = normalise_for_exact(claim.text)
        if key in first_seen:
            earlier = first_seen[key]
            best[claim.id] = (1.0, -position[earlier.id], Duplicate(earlier.id, claim.id, 1.0, "exact", "exact"))
        elif key:
            first_seen[key] = claim
    unique = list(first_seen.values())
    by_row = {rows[c.id]: c for c in unique}
    duplicate_threshold = rules.thresholds["duplicate_threshold"]
    restatement_threshold = rules.thresholds["restatement_threshold"]
    row_ids = np.array(sorted(by_row), dtype=np.int64)
    tokens = {c.id: index.tokens[rows[c.id]] for c in claims}
    if neighbours is None:
        neighbours = similar_rows(index.word, row_ids, row_ids, floor=CANDIDATE_FLOOR, top_k=NEIGHBOURS)
    for row, other, _cosine in neighbours:
        earlier, later = by_row[row], by_row[other]
        if position[earlier.id] > position[later.id]:
            continue
        ratio = fuzz.ratio(index.folded[row], index.folded[other]) / 100.0
        if ratio >= duplicate_threshold and _same_facts(earlier, later):
            found = Duplicate(earlier.id, later.id, round(ratio, 4), "near", "fuzzy")
        else:
            overlap = _restated_share(earlier, later, article.claims, position, tokens, index)
            if overlap < restatement_threshold or earlier.kind == "heading" or not _same_facts(
                earlier, later, context=_neighbourhood(article.claims, position, earlier, later)
            ):
                continue
            found = Duplicate(earlier.id, later.id, round(overlap, 4), "near", "restatement")
        current = best.get(later.id)
        candidate = (found.similarity, -position[earlier.id], found)
        if current is None or candidate[:2] > current[:2]:
            best[later.id] = candidate
    duplicates = sorted((entry[2] for entry in best.values()), key=lambda d: (position[d.b], position[d.a]))
    return tuple(duplicates), find_passages(article, duplicates)


def duplicate_neighbours(articles: list[Article], index: TextIndex, rows: dict[str, int]) -> list[list[tuple[int, int, float]]]:
    """Return, per article, the similar claims find_duplicates examines: the same search, all articles at once.

    Each article's terms become columns of their own, so one sparse product over every
    article yields the products inside each article and none across: a search per article
    would spend more on setting up twenty thousand small products than on the products.
    """
    searched = [_searched_rows(article, rows) for article in articles]
    stacked = np.concatenate([np.asarray(r, dtype=np.int64) for r in searched] + [np.zeros(0, dtype=np.int64)])
    found: list[list[tuple[int, int, float]]] = [[] for _ in articles]
    if len(stacked) == 0:
        return found
    owner = np.repeat(np.arange(len(articles), dtype=np.int64), [len(r) for r in searched])
    matrix = index.word[stacked]
    terms = matrix.shape[1]
    # Article-major keys keep each row's terms in their order, so the products are the same floats.
    keys = np.repeat(owner, np.diff(matrix.indptr)) * terms + matrix.indices
    columns, compact = np.unique(keys, return_inverse=True)
    separate = sparse.csr_matrix((matrix.data, compact.ravel(), matrix.indptr), shape=(len(stacked), len(columns)))
    local = np.arange(len(stacked), dtype=np.int64)
    for row, other, cosine in similar_rows(separate, local, local, floor=CANDIDATE_FLOOR, top_k=NEIGHBOURS):
        found[owner[row]].append((int(stacked[row]), int(stacked[other]), cosine))
    return found


def _searched_rows(article: Article, rows: dict[str, int]) -> list[int]:
    """Return the sorted rows of the claims find_duplicates compares: the first of each text."""
    first_seen: dict[str, int] = {}
    for claim in article.claims:
        if claim.kind in DUPLICATE_KINDS and claim.id in rows:
            key = normalise_for_exact(claim.text)
            if key:
                first_seen.setdefault(key, rows[claim.id])
    return sorted(first_seen.values())


def _restated_share(
    x: Claim, y: Claim, claims: tuple[Claim, ...], position: dict[str, int], tokens: dict[str, frozenset[str]], index: TextIndex
) -> float:
    """Return how much of one claim's content the other says, alone or with a neighbouring claim.

    A summary bullet often condenses two consecutive sentences of the body, so the longer
    side is read as a window of the claim and its neighbour. Words count by IDF weight:
    sharing "Lukashenko" says more than sharing "country".
    """
    best = 0.0
    for small, large in ((x, y), (y, x)):
        small_tokens = tokens.get(small.id, frozenset())
        if len(small_tokens) < MIN_RESTATED_WEIGHT_WORDS or abs(position[small.id] - position[large.id]) <= 1:
            continue
        total = index.weight(small_tokens)
        n = position[large.id]
        alone = index.weight(small_tokens & tokens[large.id]) / total
        if len(small_tokens) < SHORT_RESTATED_WORDS:
            if alone >= SHORT_RESTATED_SHARE and len(tokens[large.id]) >= len(small_tokens) + SHORT_RESTATED_ADDED_WORDS:
                best = max(best, alone)
            continue
        for window in ((n,), (n - 1, n), (n, n + 1)):
            passage = frozenset().union(
                *(tokens[claims[k].id] for k in window
                  if 0 <= k < len(claims) and claims[k].id in tokens and abs(k - position[small.id]) > 1)
            )
            share = index.weight(small_tokens & passage) / total
            # The pair is reported as (small, large): large itself must carry most of what is shared.
            if alone >= WINDOW_SHARE_OF_CLAIM * share:
                best = max(best, share)
    return best


def _same_facts(
    a: Claim, b: Claim, *, context: tuple[frozenset[str], frozenset[str]] | None = None
) -> bool:
    """Tell whether two similar claims state the same facts: a template filled in twice is no repeat.

    A restatement may name someone in other words, or in the sentence next to it, so with
    context (the words around each claim) a name only counts against the pair when the words
    around the other claim do not mention it at all, on both sides.
    """
    # Numbers and dates are weighed apart, and one side may add to the other: a restatement
    # that adds when ("61 rescues since Friday") or a figure ("two died and one is missing")
    # states the facts of "61 rescues" or "two died"; another count or another day does not.
    for values_a, values_b in (
        ({q.value for q in a.numbers}, {q.value for q in b.numbers}),
        ({d.value for d in a.dates}, {d.value for d in b.dates}),
    ):
        if values_a and values_b and not (values_a <= values_b or values_b <= values_a):
            return False
    keys_a = {e.key for e in a.entities}
    keys_b = {e.key for e in b.entities}
    if context is not None:
        words_a, words_b = context
        keys_a = {k for k in keys_a if not set(k.split()) <= words_b}
        keys_b = {k for k in keys_b if not set(k.split()) <= words_a}
    return not (keys_a - keys_b and keys_b - keys_a)


def _neighbourhood(
    claims: tuple[Claim, ...], position: dict[str, int], *pair: Claim
) -> tuple[frozenset[str], frozenset[str]]:
    """Return the words of each claim of the pair together with those of the claims either side."""
    found = []
    for claim in pair:
        n = position[claim.id]
        text = " ".join(claims[k].text for k in range(max(0, n - 1), min(len(claims), n + 2)))
        found.append(frozenset(normalise_for_exact(text).split()))
    return found[0], found[1]


def find_passages(article: Article, duplicates: list[Duplicate]) -> tuple[Passage, ...]:
    """Join duplicates of consecutive claims into passages: "lines 10-12 repeat lines 7-9"."""
    position = {c.id: n for n, c in enumerate(article.claims)}
    pairs = {(position[d.a], position[d.b]) for d in duplicates}
    starts = sorted((i, j) for i, j in pairs if (i - 1, j - 1) not in pairs)
    passages = []
    claims = article.claims
    for i, j in starts:
        length = 1
        while (i + length, j + length) in pairs and i + length < j:
            length += 1
        if length < 2:
            continue
        a = tuple(claims[i + k].id for k in range(length))
        b = tuple(claims[j + k].id for k in range(length))
        passages.append(
            Passage(a, b, (claims[i].line, claims[i + length - 1].line), (claims[j].line, claims[j + length - 1].line))
        )
    return tuple(passages)

