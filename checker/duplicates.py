"""Claims of one article -> Duplicates (exact, near, restated) and the Passages they form."""

from __future__ import annotations

import bisect
import re
from difflib import SequenceMatcher

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel
from scipy import sparse

from checker.features import TextIndex, similar_rows
from checker.load import BULLETED_LINE
from checker.model import Article, Claim, Duplicate, Passage
from checker.rules import RuleSet
from checker.text import content_tokens, normalise_for_exact

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
# A lightly edited repeat ("Nobody was hurt, and that owed more to chance" / "Nobody was hurt
# this time, and that was down to chance") keeps most words in order and most of its weighted
# content (IDF-weighted Jaccard, 0..1), and adds or drops words. Its characters may differ
# more than duplicate_threshold allows (inserted words shift everything after them), so the
# words are compared instead (word-level Indel similarity, 0..1), with EDITED_SLACK times the
# share of change the threshold allows: 0.75 at the shipped 0.9, and a threshold raised towards
# exact repeats raises it alike. A template filled in twice swaps words one for one ("... for the harbour museum"
# / "... for the harbour library", "voted for" / "voted against"), or changes rare words on both
# sides, so its content share stays lower; other numbers, dates or names rule it out first
# (_same_facts).
EDITED_SLACK = 2.5
# Short lines differing by a word or two are headings and list items filled in twice ("Workout
# Supplement" / "Post-Workout Supplement", "Here's the thing" / "Here's the other thing"): a
# light edit is weighed on sentences of at least this many words.
EDITED_MIN_WORDS = 8
EDITED_CONTENT_SHARE = 0.65
# A summary point (one of a list of bulleted lines above the body: "Key points", "Highlights",
# "At a glance") condenses one entry of the body in fewer and other words ("The fire started
# just before midnight" / "the fire started at about 11.40pm on Tuesday"). Its best match
# among the later claims, with the lines either side (a live entry's heading), restates it
# when it holds this share of the point's weighted content and of its plain words (names
# aside: sharing only "El Sauce" says nothing about what happened there). A point is a
# statement of some words: a list of short tips or contents ("Avoid skipping meals") heads
# what follows rather than restating it.
SUMMARY_POINT = re.compile(r"(?<![ \t])[ \t]*+(?:[-*•▪◦‣]|(?<!\d)\d{1,3}[.)])[ \t]++")
MIN_SUMMARY_POINT_TEXT_WORDS = 6
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")
MIN_SUMMARY_POINT_WORDS = 3
SUMMARY_POINT_SHARE = 0.4
SUMMARY_POINT_PLAIN_SHARE = 0.4


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
    edited_floor = 1.0 - EDITED_SLACK * (1.0 - duplicate_threshold)
    row_ids = np.array(sorted(by_row), dtype=np.int64)
    tokens = {c.id: index.tokens[rows[c.id]] for c in claims}
    negation = rules.lexicon_pattern("negations") if "negations" in rules.lexicons else None
    # A near repeat that adds or drops a "not" says the opposite: an odd count of negation cues
    # against an even one. Only claims that keep most words in order are weighed so: a
    # restatement in other words says more, and what it adds ("..., and not left to chance") may
    # hold a negation of its own.
    negated = {c.id: bool(negation and len(negation.findall(c.text)) % 2) for c in claims}
    if neighbours is None:
        neighbours = similar_rows(index.word, row_ids, row_ids, floor=CANDIDATE_FLOOR, top_k=NEIGHBOURS)
    partners: dict[str, list[Claim]] = {}
    for row, other, _cosine in neighbours:
        earlier, later = by_row[row], by_row[other]
        partners.setdefault(earlier.id, []).append(later)
        partners.setdefault(later.id, []).append(earlier)
        if position[earlier.id] > position[later.id]:
            continue
        ratio = fuzz.ratio(index.folded[row], index.folded[other]) / 100.0
        same_polarity = negated[earlier.id] == negated[later.id]
        if ratio >= duplicate_threshold and same_polarity and _same_facts(earlier, later):
            found = Duplicate(earlier.id, later.id, round(ratio, 4), "near", "fuzzy")
        else:
            overlap = _restated_share(earlier, later, article.claims, position, tokens, index)
            if (
                overlap >= restatement_threshold and earlier.kind != "heading"
                and (same_polarity or _word_similarity(earlier, later) < edited_floor)
                and _same_facts(earlier, later, context=_neighbourhood(article.claims, position, earlier, later))
            ):
                found = Duplicate(earlier.id, later.id, round(overlap, 4), "near", "restatement")
            else:
                edited = _edited_similarity(earlier, later, tokens, index, edited_floor)
                if edited is None or not same_polarity or not _same_facts(earlier, later):
                    continue
                found = Duplicate(earlier.id, later.id, round(edited, 4), "near", "fuzzy")
        current = best.get(later.id)
        candidate = (found.similarity, -position[earlier.id], found)
        if current is None or candidate[:2] > current[:2]:
            best[later.id] = candidate
    for found in _summary_restatements(article, unique, partners, position, tokens, index):
        if found.b not in best:
            best[found.b] = (found.similarity, -position[found.a], found)
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


def _edited_similarity(
    a: Claim, b: Claim, tokens: dict[str, frozenset[str]], index: TextIndex, threshold: float
) -> float | None:
    """Return the word-level similarity of a lightly edited repeat, or None when the pair is not one."""
    shared = index.weight(tokens[a.id] & tokens[b.id])
    union = index.weight(tokens[a.id] | tokens[b.id])
    if not union or shared / union < EDITED_CONTENT_SHARE:
        return None
    words_a, words_b = normalise_for_exact(a.text).split(), normalise_for_exact(b.text).split()
    if min(len(words_a), len(words_b)) < EDITED_MIN_WORDS:
        return None
    similarity = Indel.normalized_similarity(words_a, words_b)
    if similarity < threshold:
        return None
    swaps_only = all(
        tag == "equal" or (tag == "replace" and a_end - a_start == b_end - b_start)
        for tag, a_start, a_end, b_start, b_end in SequenceMatcher(None, words_a, words_b, autojunk=False).get_opcodes()
    )
    return None if swaps_only else similarity


def _word_similarity(a: Claim, b: Claim) -> float:
    """Return the word-level Indel similarity of two claims, 0..1: how many words they keep in order."""
    return Indel.normalized_similarity(normalise_for_exact(a.text).split(), normalise_for_exact(b.text).split())


def _summary_restatements(
    article: Article,
    claims: list[Claim],
    partners: dict[str, list[Claim]],
    position: dict[str, int],
    tokens: dict[str, frozenset[str]],
    index: TextIndex,
) -> list[Duplicate]:
    """Pair each summary point with the body claim that restates it, when one does (see SUMMARY_POINT).

    A point is weighed against its nearest claims only (`partners`, the duplicate search's
    neighbours), so a list of thousands of points costs no more than as many claims.
    """
    text = article.text
    points = [
        c for c in claims
        if c.kind in ("claim", "quote") and len(c.text.split()) >= MIN_SUMMARY_POINT_TEXT_WORDS and _is_summary_point(text, c)
    ]
    if not points:
        return []
    point_ids = {c.id for c in points}
    breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)]
    paragraph = {c.id: bisect.bisect_right(breaks, c.start) for c in article.claims}
    found = []
    for point in points:
        small = tokens[point.id]
        total = index.weight(small)
        if len(small) < MIN_SUMMARY_POINT_WORDS or not total:
            continue
        shares = []
        for claim in partners.get(point.id, ()):
            if claim.kind not in ("claim", "quote") or claim.id in point_ids or position[claim.id] < position[point.id]:
                continue
            n = position[claim.id]
            # A point condenses: the claim restating it says more. A list of parallel items
            # ("Oxbow Memorial: emergency department open, ambulances diverted") summarises nothing.
            if abs(n - position[point.id]) <= 1 or len(tokens[claim.id]) <= len(small):
                continue
            alone = index.weight(small & tokens[claim.id]) / total
            # The lines either side within its paragraph: a live entry's heading, not the next entry's.
            window = frozenset().union(*(
                tokens.get(article.claims[k].id, frozenset()) for k in (n - 1, n, n + 1)
                if 0 <= k < len(article.claims) and paragraph[article.claims[k].id] == paragraph[claim.id]
            ))
            share = index.weight(small & window) / total
            if alone >= WINDOW_SHARE_OF_CLAIM * share:
                shares.append((share, -n, claim, window))
        if not shares:
            continue
        share, _, claim, window = max(shares, key=lambda s: s[:2])
        plain = _plain_tokens(point, index)
        if share < SUMMARY_POINT_SHARE or not plain or len(plain & window) / len(plain) < SUMMARY_POINT_PLAIN_SHARE:
            continue
        earlier, later = sorted((point, claim), key=lambda c: position[c.id])
        if _same_facts(earlier, later, context=_neighbourhood(article.claims, position, earlier, later)):
            found.append(Duplicate(earlier.id, later.id, round(share, 4), "near", "restatement"))
    return found


def _is_summary_point(text: str, claim: Claim) -> bool:
    """Tell whether a claim opens a bulleted or numbered line with another such line just above or below it."""
    line_start = text.rfind("\n", 0, claim.start) + 1
    if claim.start <= line_start or SUMMARY_POINT.fullmatch(text, line_start, claim.start) is None:
        return False
    above = text.rfind("\n", 0, max(0, line_start - 1)) + 1 if line_start else None
    below = text.find("\n", claim.start)
    return (above is not None and BULLETED_LINE.match(text, above) is not None and above < line_start) or (
        below != -1 and BULLETED_LINE.match(text, below + 1) is not None
    )


def _plain_tokens(claim: Claim, index: TextIndex) -> frozenset[str]:
    """Return the content words of a claim that are not capitalised inside it: what it says, not whom it names."""
    words = claim.text.split()
    plain = " ".join(w for n, w in enumerate(words) if n == 0 or not w[:1].isupper())
    return frozenset(content_tokens(plain, index.aliases))


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

