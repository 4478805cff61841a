"""Paths -> Report: runs the stages in order, load to reliability."""

from __future__ import annotations

import copyreg
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields, replace
from pathlib import Path

import numpy as np

from checker.align import blocked_pairs
from checker.classify import Context, build_context, classify, title_pairs
from checker.describe import describe_claims
from checker.duplicates import duplicate_neighbours, find_duplicates
from checker.errors import InputError
from checker.features import IndexShare, TextIndex, build_index, index_share
from checker.load import find_article_files, load_articles
from checker.match import Candidate, comparable_claims, find_candidates, score_pairs
from checker.model import Article, Claim, Conflict, DateMention, Entity, Pair, Quantity, Region, Report, Skipped, Update
from checker.normalise import find_regions
from checker.parallel import fork_map, leave_with_parent
from checker.reliability import score_articles
from checker.rules import RuleSet, load_rules
from checker.search import BlockMap
from checker.segment import segment
from checker.sources import InputOptions, with_rules
from checker.trust import assess_trust
from checker.text import compile_aliases

Progress = Callable[[str], None]
# Below this many articles per process, starting processes costs more than it saves.
ARTICLES_PER_WORKER = 200
# The same for candidate pairs to classify: aligning and comparing a pair's slots costs about
# 40 microseconds, so from about 20,000 pairs a second process pays for its start.
CANDIDATES_PER_PROCESS = 20_000
# Claims of these kinds take part in the similarity index: furniture never does.
INDEXED_KINDS = frozenset({"claim", "quote", "heading"})
NO_FEATURES = np.empty(0)


def check(
    paths: Iterable[str | Path],
    *,
    rules: RuleSet | None = None,
    duplicate_threshold: float | None = None,
    match_threshold: float | None = None,
    max_file_size: int | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
    inputs: InputOptions | None = None,
) -> Report:
    """Check articles and return the Report; raise CheckerError for unusable paths or rules.

    Args:
        paths: article files, folders (searched recursively for .txt, .md, web pages and
            archives) and http(s) links.
        rules: a RuleSet from load_rules(); the rules shipped with checker when None.
        duplicate_threshold, match_threshold, max_file_size: override the rules' settings for this run.
        progress: called with the name of each stage as it starts.
        jobs: processes that segment and describe articles and score claim pairs; all cores
            when None. The report is the same whatever the number.
        inputs: how to read web pages, links and archives (checker.sources.InputOptions).
    """
    rules = configure_rules(
        rules, duplicate_threshold=duplicate_threshold, match_threshold=match_threshold, max_file_size=max_file_size
    )
    say = progress or (lambda stage: None)
    say("load")
    paths = list(paths)
    files = list(find_article_files(paths))
    if not files:
        raise InputError(nothing_found(paths))
    articles, skipped = load_articles(
        files, max_file_size=int(rules.thresholds["max_file_size"]), rules=rules, inputs=with_rules(inputs, rules)
    )
    say("segment")
    workers = available_cores() if jobs is None else jobs
    articles = prepare_articles(articles, rules, jobs=workers)
    say("index")
    index, rows = index_claims(articles, rules)
    say("duplicates")
    articles = mark_duplicates(articles, index, rows, rules)
    say("compare")
    pairs = compare_articles(articles, index, rows, rules, jobs=workers)
    # The index is the largest thing a run holds (character n-grams of every claim): let it go
    # before the later stages build theirs.
    del index, rows
    return assemble_report(articles, pairs, skipped, rules, say)


def nothing_found(paths: Iterable[str | Path]) -> str:
    """Return the message for inputs that name no article."""
    return "no .txt or .md files, web pages (.html, .htm), archives (.jsonl, .csv) or links found in " + ", ".join(
        str(p) for p in paths
    )


def configure_rules(rules: RuleSet | None, **overrides: float | None) -> RuleSet:
    """Return the rules (the shipped ones when None) with this run's threshold overrides, validated."""
    rules = (rules or load_rules()).with_thresholds(**overrides)
    _validate(rules)
    return rules


def assemble_report(
    articles: list[Article], pairs: list[Pair], skipped: list[Skipped], rules: RuleSet, say: Progress, **fields: object
) -> Report:
    """Assess trust and reliability of compared articles and return the Report (fields: more Report fields)."""
    say("trust")
    articles, trust = assess_trust(articles, pairs, rules)
    say("reliability")
    articles = score_articles(articles, pairs, rules)
    return Report(
        settings={**rules.thresholds, **rules.trust.settings()},
        articles=tuple(articles),
        pairs=tuple(pairs),
        skipped=tuple(skipped),
        trust=trust,
        **fields,
    )


def _validate(rules: RuleSet) -> None:
    for name in (
        "duplicate_threshold",
        "match_threshold",
        "restatement_threshold",
        "related_threshold",
        "align_threshold",
        "agree_threshold",
        "clause_align_threshold",
    ):
        value = rules.thresholds[name]
        if not 0.0 <= value <= 1.0:
            raise InputError(f"{name.replace('_', '-')} must be between 0 and 1, not {value}")


def prepare_article(article: Article, rules: RuleSet) -> Article:
    """Mark furniture, segment into claims and describe them, within the claim cap."""
    article = find_regions(article, rules)
    claims = segment(article, rules)
    cap = int(rules.thresholds["max_claims"])
    notes = article.notes
    if len(claims) > cap:
        notes += (f"only the first {cap:,} of {len(claims):,} claims were checked (max_claims)",)
        claims = claims[:cap]
    return replace(article, claims=describe_claims(article, claims, rules), notes=notes)


def prepare_articles(articles: list[Article], rules: RuleSet, *, jobs: int = 1) -> list[Article]:
    """Prepare every article (prepare_article), in up to `jobs` processes when there are enough to share.

    Each article is prepared on its own, so the result is the same in any number of processes.
    """
    workers = min(jobs, len(articles) // ARTICLES_PER_WORKER)
    if workers <= 1:
        return [prepare_article(article, rules) for article in articles]
    # Small chunks keep both processes busy to the end; a chunk still carries many articles.
    chunk = max(1, len(articles) // (workers * 16))
    with ProcessPoolExecutor(max_workers=workers, initializer=_receive_rules, initargs=(rules,)) as pool:
        return list(pool.map(_prepare_with_received_rules, articles, chunksize=chunk))


def available_cores() -> int:
    """Return the number of cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


# A worker process receives the rules once, not with every article.
_worker_rules: RuleSet | None = None


def _receive_rules(rules: RuleSet) -> None:
    global _worker_rules
    _worker_rules = rules
    leave_with_parent()


def _prepare_with_received_rules(article: Article) -> Article:
    assert _worker_rules is not None, "the pool's initializer sets the rules"
    return prepare_article(article, _worker_rules)


def _pickle_by_fields(cls: type) -> None:
    """Pickle instances of a frozen dataclass as a call to its constructor.

    The default for frozen slotted dataclasses restores each field through Python code;
    calling the constructor is about twice as fast, which counts when a worker process sends
    back a hundred thousand claims.
    """
    names = tuple(f.name for f in fields(cls))
    copyreg.pickle(cls, lambda obj: (cls, tuple(getattr(obj, name) for name in names)))


for _cls in (Article, Claim, Quantity, DateMention, Entity, Region, Pair, Conflict, Update):
    _pickle_by_fields(_cls)


def index_claims(articles: list[Article], rules: RuleSet, index: TextIndex | None = None) -> tuple[TextIndex, dict[str, int]]:
    """Index every claim that can repeat or match; return the index and each claim's row.

    index: those claims already indexed, in order, as a cluster indexes them (in shares that
    claim_share reads and features.join_index's steps weigh and stack).
    """
    indexed = _indexed(articles)
    if index is None:
        index = build_index([c.text for c in indexed], index_aliases(rules))
    return index, {c.id: row for row, c in enumerate(indexed)}


def claim_share(articles: list[Article], rules: RuleSet) -> IndexShare:
    """Read and count the claims of some articles for the index: the part of indexing done apart."""
    return index_share([c.text for c in _indexed(articles)], index_aliases(rules))


def index_aliases(rules: RuleSet) -> tuple:
    """Return the aliases the index reads words through ("U.S." = "United States")."""
    return compile_aliases(rules.lexicon("aliases"))


def _indexed(articles: list[Article]) -> list[Claim]:
    return [c for a in articles for c in a.claims if c.kind in INDEXED_KINDS]


def mark_duplicates(articles: list[Article], index: TextIndex, rows: dict[str, int], rules: RuleSet) -> list[Article]:
    """Return the articles with the claims that repeat or restate their own earlier claims marked."""
    neighbours = duplicate_neighbours(articles, index, rows)
    return [
        replace(a, **dict(zip(("duplicates", "passages"), find_duplicates(a, index, rows, rules, found))))
        for a, found in zip(articles, neighbours)
    ]


# Claims sharing a blocking key (align.blocking_keys) are paired when at most this many hold
# it: "#person" with "die" in a story about one flood, not "#share" with "company" in a year
# of newswire.
MAX_KEY_CLAIMS = 16


def compare_articles(
    articles: list[Article], index: TextIndex, rows: dict[str, int], rules: RuleSet, *, jobs: int = 1, map_blocks: BlockMap | None = None
) -> list[Pair]:
    """Find and classify overlapping claims across articles, each pair once, in report order (pairs scored in `jobs` processes).

    Candidates are the similar claims (match.find_candidates), the claims that give one
    person contradicting titles, and the claims that align on a slot however unlike their
    sentences are (align.blocked_pairs). With map_blocks, the candidate search's blocks and
    the classification's shares run where it sends them.
    """
    article_of = {c.id: a.id for a in articles for c in a.claims}
    comparable = comparable_claims(articles, index, rows, rules)
    context = build_context(articles, rules, comparable)
    candidates = find_candidates(articles, index, rows, rules, jobs=jobs, map_blocks=map_blocks)
    seen = {_key(c.a.id, c.b.id) for c in candidates}
    found = title_pairs(comparable, article_of, context.qualifiers) + blocked_pairs(
        comparable,
        context.frames,
        article_of,
        max_claims=MAX_KEY_CLAIMS,
        weights=context.weights,
        min_containment=rules.thresholds["align_threshold"],
        may_pair=context.may_align,
    )
    extra = [(x, y) for x, y in found if _key(x.id, y.id) not in seen and not seen.add(_key(x.id, y.id))]
    candidates += score_pairs(extra, index, rows, rules, map_blocks=map_blocks)
    return classify_candidates(candidates, articles, rules, jobs=jobs, context=context, map_blocks=map_blocks)


def _classification_share(
    shared: tuple[list[Candidate], dict[str, int], dict[str, str], RuleSet, Context], span: tuple[int, int]
) -> list[Pair]:
    """Classify candidates[begin:end], each turned so that `a` is from the earlier article."""
    candidates, order, article_of, rules, context = shared
    pairs = []
    for candidate in candidates[span[0] : span[1]]:
        if order[article_of[candidate.a.id]] > order[article_of[candidate.b.id]]:
            candidate = Candidate(candidate.b, candidate.a, candidate.probability, candidate.features, candidate.near_repeat)
        pair = classify(candidate, rules, context)
        if pair is not None:
            pairs.append(pair)
    return pairs


def _read_frames_once(candidates: list[Candidate], rules: RuleSet, context: Context) -> None:
    """Read here the frames classification will ask for, which each forked process would otherwise read again for its share."""
    paraphrase = rules.thresholds["match_threshold"]
    for candidate in candidates:
        if candidate.probability >= paraphrase or context.may_align(candidate.a, candidate.b):
            context.frame(candidate.a)
            context.frame(candidate.b)


def _key(x: str, y: str) -> tuple[str, str]:
    """Return one key for the pair of claims x, y in either order."""
    return (x, y) if x < y else (y, x)


def classify_candidates(
    candidates: list[Candidate],
    articles: list[Article],
    rules: RuleSet,
    *,
    jobs: int = 1,
    context: Context | None = None,
    map_blocks: BlockMap | None = None,
) -> list[Pair]:
    """Classify scored claim pairs into Pairs, `a` from the earlier of `articles`, in report order.

    With jobs > 1 and enough candidates, they are classified in that many processes; with
    map_blocks, in shares of CANDIDATES_PER_PROCESS sent where it sends them. The claims'
    frames are read here, before the processes fork, when `context` does not hold them.
    """
    if context is None:
        claims = {c.id: c for candidate in candidates for c in (candidate.a, candidate.b)}
        context = build_context(articles, rules, claims.values())
    order = {a.id: n for n, a in enumerate(articles)}
    article_of = {c.id: a.id for a in articles for c in a.claims}
    position = {c.id: n for a in articles for n, c in enumerate(a.claims)}
    shares = max(1, min(jobs, len(candidates) // CANDIDATES_PER_PROCESS))
    if map_blocks is not None:
        shares = max(1, -(-len(candidates) // CANDIDATES_PER_PROCESS))
    if shares > 1 and map_blocks is None:
        _read_frames_once(candidates, rules, context)
    step = -(-len(candidates) // shares) if candidates else 1
    spans = [(b, b + step) for b in range(0, len(candidates), step)]
    if map_blocks is not None:
        # Classifying reads no features, and without them a share sent to another machine is half the bytes.
        candidates = [Candidate(c.a, c.b, c.probability, NO_FEATURES, c.near_repeat) for c in candidates]
    shared = (candidates, order, article_of, rules, context)
    if map_blocks is None:
        found = fork_map(_classification_share, shared, spans, shares)
    else:
        found = map_blocks(_classification_share, shared, spans)
    pairs = [pair for share in found for pair in share]

    def sort_key(pair: Pair) -> tuple[int, int, int, int]:
        return order[article_of[pair.a]], position[pair.a], order[article_of[pair.b]], position[pair.b]

    return sorted(pairs, key=sort_key)
