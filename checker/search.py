"""Blocks of claims -> their candidate neighbours in an index of claims: TF-IDF top-k and near repeats.

The one candidate search of checker: a check of files (match.find_candidates), a check against
a corpus (corpus.Corpus.check) and a check spread over a cluster (checker.distributed) all
search here, so a pair found by one is found by the others. The search is cut into blocks of
query rows; each block needs only the index's word vectors and folded texts, so blocks can be
searched in any process and their results joined in block order give the same pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from checker.features import similar_and_near_rows, without_common_terms
from checker.model import Claim
from checker.text import normalise_for_exact

# A term shared by more distinct claims than this ("company", "pct", "said in a statement")
# says little about which of them state the same thing, yet it would make the candidate search
# quadratic: the similarity product costs the square of each term's frequency. A collection
# of a few thousand stories has none so common; 20,000 newswire stories have about 600.
COMMON_TERM_CLAIMS = 500
# Near repeats (rapidfuzz ratio at duplicate_threshold) are searched past the top-k among pairs
# of at least this word cosine: the lowest of the near-repeat pairs of 5,000 Reuters stories
# (650 pairs, found by comparing all pairs) is 0.31.
NEAR_REPEAT_COSINE = 0.3
# Query rows per block: a block's similarity product is taken 2,048 rows at a time anyway, and
# a block this size is a few seconds of work, worth sending to another process.
BLOCK_ROWS = 16_384

Shared = TypeVar("Shared")
Item = TypeVar("Item")
Result = TypeVar("Result")
# Runs function(shared, item) for every item, anywhere, and returns the results in item order:
# checker.parallel.fork_map's contract, without its number of processes.
BlockMap = Callable[[Callable[[Shared, Item], Result], Shared, Sequence[Item]], list[Result]]


@dataclass(frozen=True, slots=True)
class SearchSettings:
    """How close a candidate must be: the rules' thresholds the search reads."""

    floor: float  # candidate_threshold: the least word cosine of a top-k neighbour
    top_k: int  # candidates_per_claim
    duplicate_threshold: float  # rapidfuzz ratio that keeps a pair past the top k as a near repeat

    @classmethod
    def from_thresholds(cls, thresholds: dict[str, float]) -> SearchSettings:
        return cls(
            floor=thresholds["candidate_threshold"],
            top_k=int(thresholds["candidates_per_claim"]),
            duplicate_threshold=thresholds["duplicate_threshold"],
        )


@dataclass(frozen=True, slots=True)
class SearchIndex:
    """The rows a block of claims is searched against, as every block needs them."""

    matrix: sparse.csr_matrix  # L2-normalised word TF-IDF rows, common terms already left out
    candidates: np.ndarray  # the rows searched against
    folded: Sequence[str] | Callable[[list[int]], list[str]]  # folded text by row, or a function of rows


def copy_groups(claims: Sequence[Claim]) -> dict[str, list[Claim]]:
    """Return the claims grouped by their exact-repeat key, groups and members in first-seen order."""
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(normalise_for_exact(claim.text), []).append(claim)
    return groups


def searchable(matrix: sparse.csr_matrix, rows: np.ndarray) -> sparse.csr_matrix:
    """Return the matrix without the terms more than COMMON_TERM_CLAIMS of `rows` hold: the search's vectors."""
    return without_common_terms(matrix, rows, COMMON_TERM_CLAIMS)


def search_block(
    index: SearchIndex, block: np.ndarray, settings: SearchSettings
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Return the pairs (row of block, candidate row): each row's top-k neighbours, and apart its near repeats past them.

    A sentence on a template shared by a hundred stories has a hundred close neighbours: the
    top-k keeps ten, and of the rest at NEAR_REPEAT_COSINE or more only those whose rapidfuzz
    ratio reaches duplicate_threshold stay.
    """
    neighbours, near = similar_and_near_rows(
        index.matrix, block, index.candidates, floor=settings.floor, top_k=settings.top_k, near=NEAR_REPEAT_COSINE
    )
    left, right = [row for row, _, _ in near], [other for _, other, _ in near]
    if callable(index.folded):
        texts_left, texts_right = index.folded(left), index.folded(right)
    else:
        texts_left, texts_right = [index.folded[row] for row in left], [index.folded[row] for row in right]
    ratios = np.asarray(process.cpdist(texts_left, texts_right, scorer=fuzz.ratio, workers=-1)).tolist() if near else []
    repeats = [(row, other) for row, other, ratio in zip(left, right, ratios) if ratio / 100.0 >= settings.duplicate_threshold]
    return [(row, other) for row, other, _ in neighbours], repeats


def search_blocks(
    index: SearchIndex, rows: np.ndarray, settings: SearchSettings, *, map_blocks: BlockMap | None = None
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """search_block over `rows` cut into blocks of BLOCK_ROWS, each searched where map_blocks sends it (here when None).

    Results come in the order of `rows`, whoever searched them.
    """
    rows = np.asarray(rows, dtype=np.int64)
    blocks = [rows[begin : begin + BLOCK_ROWS] for begin in range(0, len(rows), BLOCK_ROWS)]
    run = map_blocks or _here
    neighbours: list[tuple[int, int]] = []
    repeats: list[tuple[int, int]] = []
    for found, near in run(_search_share, (index, settings), blocks):
        neighbours += found
        repeats += near
    return neighbours, repeats


def _search_share(shared: tuple[SearchIndex, SearchSettings], block: np.ndarray) -> tuple[list, list]:
    index, settings = shared
    return search_block(index, block, settings)


def _here(function: Callable[[Shared, Item], Result], shared: Shared, items: Sequence[Item]) -> list[Result]:
    return [function(shared, item) for item in items]
