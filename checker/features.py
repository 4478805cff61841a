"""Texts -> TextIndex; pairs of indexed texts -> similarity features and match probabilities.

The one scorer behind `check`, `tune` and `evaluate`: every caller indexes its texts here and
scores pairs with `pair_features` and a `Scorer`, so a threshold tuned on labelled pairs means
the same thing in a check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from checker.text import content_tokens, fold

FEATURE_NAMES = (
    "tfidf_word",  # cosine of stemmed content words and their bigrams
    "tfidf_char",  # cosine of character 3-5 grams: robust to inflection and spelling
    "token_set",  # rapidfuzz token_set_ratio: high when one text contains the other
    "token_sort",  # rapidfuzz token_sort_ratio: same words, any order
    "ratio",  # rapidfuzz ratio: same words in the same order
    "containment",  # shared content words over the shorter text's
    "word_jaccard",  # shared content words over all
    "length_ratio",  # shorter over longer, in content words
    "number_match",  # share of numbers in common, 1 when neither has any
    "number_mismatch",  # 1 when both have numbers and share none
    "name_jaccard",  # shared capitalised names over all, 1 when neither has any
    "weighted_containment",  # IDF-weighted share of the shorter text's content words in the other
)
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
# Capitalised words after the first word of a text: a cheap stand-in for names.
NAME = re.compile(r"(?<=[^\s])\s+([A-Z][\w'’-]+)")


@dataclass(slots=True)
class TextIndex:
    """Vectors and token sets of a list of texts, fitted together so IDF weights are shared."""

    texts: list[str]
    folded: list[str]
    tokens: list[frozenset[str]]
    word: sparse.csr_matrix
    char: sparse.csr_matrix
    numbers: list[frozenset[str]]
    names: list[frozenset[str]]
    idf: dict[str, float]  # inverse document frequency of each content word, for weighted overlaps
    vectorisers: tuple[TfidfVectorizer, TfidfVectorizer] | None = None  # fitted word and char
    aliases: tuple = ()

    def weight(self, tokens: frozenset[str]) -> float:
        """Return the summed IDF of tokens: how much content they carry."""
        default = self.idf.get("", 1.0)
        return sum(self.idf.get(t, default) for t in tokens)


def _word_analyzer(aliases: tuple) -> callable:
    def analyse(text: str) -> list[str]:
        tokens = content_tokens(text, aliases)
        return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]

    return analyse


def _numbers(text: str) -> frozenset[str]:
    return frozenset(m.group().replace(",", "") for m in DIGITS.finditer(text))


def build_index(texts: Sequence[str], aliases: tuple = ()) -> TextIndex:
    """Index texts for pair scoring; IDF weights come from these texts alone."""
    texts = list(texts)
    folded = [fold(t).lower() for t in texts]
    word_vectoriser = TfidfVectorizer(analyzer=_word_analyzer(aliases), sublinear_tf=True, lowercase=False)
    char_vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=False)
    if any(t.strip() for t in texts):
        word = _fit(word_vectoriser, texts)
        char = _fit(char_vectoriser, folded)
    else:
        word = char = sparse.csr_matrix((len(texts), 1))
    idf: dict[str, float] = {}
    if hasattr(word_vectoriser, "idf_"):
        weights = word_vectoriser.idf_
        idf = {term: float(weights[column]) for term, column in word_vectoriser.vocabulary_.items() if " " not in term}
        idf[""] = float(weights.max())  # an unseen word is as rare as the rarest seen
    return TextIndex(
        texts=texts,
        folded=folded,
        tokens=[frozenset(content_tokens(t, aliases)) for t in texts],
        word=word,
        char=char,
        numbers=[_numbers(t) for t in texts],
        names=[frozenset(n.lower() for n in NAME.findall(t)) for t in texts],
        idf=idf,
        vectorisers=(word_vectoriser, char_vectoriser) if hasattr(word_vectoriser, "idf_") else None,
        aliases=aliases,
    )


def extend_index(index: TextIndex, texts: Sequence[str]) -> tuple[TextIndex, int]:
    """Return an index holding the indexed texts and more, weighted as before; and the first new row."""
    texts = list(texts)
    folded = [fold(t).lower() for t in texts]
    if index.vectorisers is None:
        word = sparse.csr_matrix((len(texts), index.word.shape[1]))
        char = sparse.csr_matrix((len(texts), index.char.shape[1]))
    else:
        word = index.vectorisers[0].transform(texts).tocsr()
        char = index.vectorisers[1].transform(folded).tocsr()
    extended = TextIndex(
        texts=index.texts + texts,
        folded=index.folded + folded,
        tokens=index.tokens + [frozenset(content_tokens(t, index.aliases)) for t in texts],
        word=sparse.vstack([index.word, word]).tocsr(),
        char=sparse.vstack([index.char, char]).tocsr(),
        numbers=index.numbers + [_numbers(t) for t in texts],
        names=index.names + [frozenset(n.lower() for n in NAME.findall(t)) for t in texts],
        idf=index.idf,
        vectorisers=index.vectorisers,
        aliases=index.aliases,
    )
    return extended, len(index.texts)


def _fit(vectoriser: TfidfVectorizer, texts: list[str]) -> sparse.csr_matrix:
    try:
        return vectoriser.fit_transform(texts).tocsr()
    except ValueError:
        # Only stop words or punctuation in every text: nothing to weigh.
        return sparse.csr_matrix((len(texts), 1))


def row_cosines(matrix: sparse.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Return the cosine of rows left[k] and right[k] of an L2-normalised matrix, for every k."""
    if len(left) == 0:
        return np.zeros(0)
    # Rounding can lift the cosine of identical rows a hair above 1.
    return np.clip(np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel(), 0.0, 1.0)


def _share(a: frozenset[str], b: frozenset[str], *, empty: float) -> float:
    if not a and not b:
        return empty
    return len(a & b) / len(a | b)


def _weighted_containment(index: TextIndex, a: frozenset[str], b: frozenset[str]) -> float:
    """Return the IDF weight of the shared words over that of the lighter text: rare words count most.

    Added to the logistic scorer, it took MRPC test F1 from 0.830 to 0.836 and accuracy from
    0.747 to 0.758 (fitted on MRPC train, C=10, threshold best for F1 on train).
    """
    lighter = min(index.weight(a), index.weight(b))
    return index.weight(a & b) / lighter if lighter > 0 else 0.0


def pair_features(index: TextIndex, left: Sequence[int], right: Sequence[int]) -> list[dict[str, float]]:
    """Return the features of each pair (left[k], right[k]) of indexed texts."""
    left_rows = np.asarray(left, dtype=np.int64)
    right_rows = np.asarray(right, dtype=np.int64)
    word = row_cosines(index.word, left_rows, right_rows)
    char = row_cosines(index.char, left_rows, right_rows)
    rows = []
    for k, (i, j) in enumerate(zip(left_rows.tolist(), right_rows.tolist())):
        a, b = index.folded[i], index.folded[j]
        tokens_a, tokens_b = index.tokens[i], index.tokens[j]
        shared = len(tokens_a & tokens_b)
        shorter = min(len(tokens_a), len(tokens_b))
        longer = max(len(tokens_a), len(tokens_b))
        numbers_a, numbers_b = index.numbers[i], index.numbers[j]
        rows.append(
            {
                "tfidf_word": float(word[k]),
                "tfidf_char": float(char[k]),
                "token_set": fuzz.token_set_ratio(a, b) / 100.0,
                "token_sort": fuzz.token_sort_ratio(a, b) / 100.0,
                "ratio": fuzz.ratio(a, b) / 100.0,
                "containment": shared / shorter if shorter else 0.0,
                "word_jaccard": shared / len(tokens_a | tokens_b) if longer else 0.0,
                "length_ratio": shorter / longer if longer else 1.0,
                "number_match": _share(numbers_a, numbers_b, empty=1.0),
                "number_mismatch": float(bool(numbers_a and numbers_b and not numbers_a & numbers_b)),
                "name_jaccard": _share(index.names[i], index.names[j], empty=1.0),
                "weighted_containment": _weighted_containment(index, tokens_a, tokens_b),
            }
        )
    return rows


def similar_rows(
    matrix: sparse.csr_matrix, rows: np.ndarray, candidates: np.ndarray, *, floor: float, top_k: int, chunk: int = 2048
) -> list[tuple[int, int, float]]:
    """Return (row, candidate, cosine) for each row's top_k most similar candidates at or above floor.

    Rows and candidates index the same L2-normalised matrix; a row is never paired with itself.
    The product is taken a chunk of rows at a time, so memory stays bounded on large inputs.
    """
    found: list[tuple[int, int, float]] = []
    if len(rows) == 0 or len(candidates) == 0:
        return found
    right = matrix[candidates].T.tocsc()
    for begin in range(0, len(rows), chunk):
        block_rows = rows[begin : begin + chunk]
        product = (matrix[block_rows] @ right).tocsr()
        product.data[product.data < floor] = 0
        product.eliminate_zeros()
        for local, row in enumerate(block_rows.tolist()):
            lo, hi = product.indptr[local], product.indptr[local + 1]
            columns = product.indices[lo:hi]
            values = product.data[lo:hi]
            if len(values) > top_k + 1:
                keep = np.argpartition(-values, top_k)[: top_k + 1]
                columns, values = columns[keep], values[keep]
            for column, value in zip(columns.tolist(), values.tolist()):
                other = int(candidates[column])
                if other != row:
                    found.append((row, other, float(value)))
    return found
