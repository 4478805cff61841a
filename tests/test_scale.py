"""The fast paths behind checking many articles give what the plain, exact computations give."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz

import checker
from checker import features, pipeline
from checker.duplicates import duplicate_neighbours
from checker.features import build_index, index_share, join_index, similar_rows, without_common_terms
from checker.match import comparable_claims, find_candidates
from checker.report import MAX_ARTICLES, to_json, to_markdown
from checker.rules import load_rules
from checker.text import ENGLISH_STOP_WORDS, compile_aliases, fold, normalise_for_exact

PLACES = ["Lisbon", "Oslo", "Quito", "Hanoi", "Perth", "Accra", "Lima", "Riga"]
THINGS = ["wheat exports", "copper output", "bank lending", "coffee prices", "steel orders", "grain stocks"]
VERBS = ["rose", "fell", "climbed", "dropped", "edged up", "slipped"]
BOILERPLATE = "The figures were released by the statistics office on Monday."


def _corpus(articles: int = 30, seed: int = 7) -> list[str]:
    """Return small news stories with shared sentences, near repeats (one word or number changed),
    sentences on one template, and repeats inside a story."""
    rng = random.Random(seed)
    stories = []
    for n in range(articles):
        place, thing = rng.choice(PLACES), rng.choice(THINGS)
        lines = [
            f"date 2025-0{1 + n % 9}-1{n % 10}",
            "",
            f"{place.upper()} REPORTS {thing.upper()}",
            "",
            f"{thing.capitalize()} in {place} {rng.choice(VERBS)} {rng.randint(2, 9)} percent in March, officials said.",
            f"Analysts in {place} had expected {thing} to stay flat after a mild winter and weak demand.",
            BOILERPLATE if n % 3 else BOILERPLATE.replace("Monday", "Tuesday"),
            f"The ministry said {rng.randint(10, 90)} companies reported higher {thing} than a year ago.",
        ]
        if n % 4 == 0:
            lines.append(lines[4])  # the lead repeated at the end of the story
        if n % 5 == 0:
            lines.append(f"Traders in {rng.choice(PLACES)} said the market for {thing} remained calm all week.")
        stories.append("\n".join(lines) + "\n")
    return stories


def _write(folder: Path, stories: list[str]) -> list[Path]:
    paths = []
    for n, story in enumerate(stories):
        path = folder / f"story{n:03d}.txt"
        path.write_text(story, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory):
    """The corpus loaded, segmented, indexed and searched for repeats, as check does it."""
    rules = load_rules()
    folder = tmp_path_factory.mktemp("corpus")
    articles, _ = checker.load.load_articles(_write(folder, _corpus()), max_file_size=100_000)
    articles = pipeline.prepare_articles(articles, rules)
    index, rows = pipeline.index_claims(articles, rules)
    return rules, pipeline.mark_duplicates(articles, index, rows, rules), index, rows


def _reference_neighbours(matrix, rows: np.ndarray, floor: float, top_k: int) -> set[tuple[int, int]]:
    """All pairs: each row's top_k + 1 rows at or above floor, best first and ties to the lower row,
    the row itself then left out (so a row whose copies outrank itself keeps top_k + 1)."""
    cosines = (matrix[rows] @ matrix[rows].T).toarray()
    found = set()
    for i, row in enumerate(rows.tolist()):
        ranked = sorted((-cosines[i, j], other) for j, other in enumerate(rows.tolist()) if cosines[i, j] >= floor)
        found.update((row, other) for _, other in ranked[: top_k + 1] if other != row)
    return found


def test_similar_rows_finds_the_pairs_a_dense_all_pairs_product_finds(prepared) -> None:
    _, _, index, _ = prepared
    rows = np.arange(index.word.shape[0])
    for floor, top_k in ((0.1, 10), (0.3, 3), (0.05, 40)):
        found = {(row, other) for row, other, _ in similar_rows(index.word, rows, rows, floor=floor, top_k=top_k)}
        assert found == _reference_neighbours(index.word, rows, floor, top_k)


def test_cosines_are_those_of_the_dense_product(prepared) -> None:
    _, _, index, _ = prepared
    rows = np.arange(index.word.shape[0])
    dense = index.word.toarray()
    for row, other, cosine in similar_rows(index.word, rows, rows, floor=0.2, top_k=5):
        assert cosine == pytest.approx(float(dense[row] @ dense[other]), abs=1e-12)


def test_without_common_terms_drops_exactly_the_terms_more_rows_hold(prepared) -> None:
    _, _, index, _ = prepared
    rows = np.arange(index.word.shape[0])
    frequencies = (index.word.toarray() > 0).sum(axis=0)
    assert without_common_terms(index.word, rows, int(frequencies.max())) is index.word
    limit = 5
    pruned = without_common_terms(index.word, rows, limit).toarray()
    expected = index.word.toarray()
    expected[:, frequencies > limit] = 0.0
    assert np.array_equal(pruned, expected)
    assert (frequencies > limit).any()  # the corpus does have common terms to drop


def test_duplicate_search_over_all_articles_equals_one_search_per_article(prepared) -> None:
    _, articles, index, rows = prepared
    batched = duplicate_neighbours(articles, index, rows)
    for article, found in zip(articles, batched):
        first_rows = {}
        for claim in article.claims:
            if claim.kind in ("claim", "quote", "heading") and claim.id in rows and normalise_for_exact(claim.text):
                first_rows.setdefault(normalise_for_exact(claim.text), rows[claim.id])
        own = np.array(sorted(first_rows.values()), dtype=np.int64)
        alone = similar_rows(index.word, own, own, floor=0.1, top_k=20)
        assert found == alone


def test_every_near_duplicate_pair_of_brute_force_is_found_and_reported(prepared) -> None:
    rules, articles, index, rows = prepared
    article_of = {c.id: a.id for a in articles for c in a.claims}
    claims = comparable_claims(articles, index, rows, rules)
    threshold = rules.thresholds["duplicate_threshold"]
    texts = {c.id: fold(c.text).lower() for c in claims}
    brute = {
        frozenset((texts[x.id], texts[y.id]))
        for i, x in enumerate(claims)
        for y in claims[i + 1 :]
        if article_of[x.id] != article_of[y.id]
        and texts[x.id] != texts[y.id]
        and fuzz.ratio(texts[x.id], texts[y.id]) / 100.0 >= threshold
    }
    assert len(brute) >= 10  # near repeats across stories: the lead sentences differing by a word or number
    found = {frozenset((texts[c.a.id], texts[c.b.id])) for c in find_candidates(articles, index, rows, rules)}
    assert brute <= found
    # and every one is reported, the changed number or thing notwithstanding
    reported = {frozenset((texts.get(p.a), texts.get(p.b))) for p in pipeline.compare_articles(articles, index, rows, rules)}
    assert brute <= reported


def test_build_index_weighs_terms_exactly_as_scikit_learn_does() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from checker.features import _word_analyzer

    texts = [line for story in _corpus(12) for line in story.splitlines() if line.strip()] + ["", "the of and", "Ünïcode façade — naïve"]
    aliases = compile_aliases(load_rules().lexicon("aliases"))
    index = build_index(texts, aliases)
    word_vectoriser = TfidfVectorizer(analyzer=_word_analyzer(aliases), sublinear_tf=True, lowercase=False)
    char_vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=False)
    word, char = word_vectoriser.fit_transform(texts), char_vectoriser.fit_transform(index.folded)
    more = ["Copper output in Riga fell sharply, the ministry said.", "A sentence of unseen words: zyxt qwv."]
    for ours, theirs in (
        (index.word, word),
        (index.char, char),
        (index.vectorisers[0].transform(more), word_vectoriser.transform(more)),
        (index.vectorisers[1].transform([fold(t).lower() for t in more]), char_vectoriser.transform([fold(t).lower() for t in more])),
    ):
        theirs = theirs.tocsr()
        assert np.array_equal(ours.indptr, theirs.indptr)
        assert np.array_equal(ours.indices, theirs.indices)
        assert np.array_equal(ours.data, theirs.data)  # the same floats, not merely close ones


@pytest.mark.parametrize("cuts", [(1,), (1, 2), (5, 6, 30), (0, 40)])
def test_an_index_joined_from_shares_is_the_index_of_all_texts(cuts: tuple[int, ...]) -> None:
    """Shares counted apart and joined give build_index's terms, weights and floats, whatever the cut."""
    # The second text's words are new but for "copper", which the first had: joined, the
    # shares must place "copper" first in that row, as one count of all texts does.
    texts = ["Copper prices rose in Lima.", "Zinc and tin followed copper up.", ""]
    texts += [line for story in _corpus(6) for line in story.splitlines() if line.strip()]
    aliases = compile_aliases(load_rules().lexicon("aliases"))
    bounds = [0, *cuts, len(texts)]
    joined = join_index([index_share(texts[a:b], aliases) for a, b in zip(bounds, bounds[1:])], aliases)
    whole = build_index(texts, aliases)
    for ours, theirs in ((joined.word, whole.word), (joined.char, whole.char)):
        assert ours.shape == theirs.shape
        assert np.array_equal(ours.indptr, theirs.indptr)
        assert np.array_equal(ours.indices, theirs.indices)
        assert np.array_equal(ours.data, theirs.data)
    assert joined.idf == whole.idf
    assert (joined.texts, joined.folded, joined.tokens, joined.numbers, joined.names) == (
        whole.texts, whole.folded, whole.tokens, whole.numbers, whole.names
    )
    for ours, theirs in zip(joined.vectorisers, whole.vectorisers):
        assert ours.vocabulary_ == theirs.vocabulary_
        assert np.array_equal(ours.idf_, theirs.idf_)


def test_stop_words_are_scikit_learns() -> None:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN_STOP_WORDS

    assert ENGLISH_STOP_WORDS == frozenset(SKLEARN_STOP_WORDS)


def test_pairs_scored_in_shares_with_their_rows_only_score_as_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [line for story in _corpus(8) for line in story.splitlines() if line.strip()]
    index = build_index(texts, compile_aliases(load_rules().lexicon("aliases")))
    rng = random.Random(7)
    left = [rng.randrange(len(texts)) for _ in range(300)]
    right = [rng.randrange(len(texts)) for _ in range(300)]
    whole = features.pair_feature_matrix(index, left, right)
    monkeypatch.setattr(features, "PAIRS_PER_PROCESS", 40)  # so that the pairs go in eight shares
    sent: list[int] = []

    def elsewhere(function, shared, items):
        sent.extend(len(part.texts) for part, _ in (items[n] for n in range(len(items))))
        return [function(shared, items[n]) for n in range(len(items))]

    in_shares = features.pair_feature_matrix(index, left, right, map_blocks=elsewhere)
    assert np.array_equal(in_shares, whole)
    assert len(sent) >= 7 and max(sent) < len(texts), "each share carries only its pairs' rows"


def test_two_processes_give_the_same_report_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _write(tmp_path, _corpus(24))
    monkeypatch.setattr(pipeline, "ARTICLES_PER_WORKER", 4)  # so that 24 articles are shared out
    monkeypatch.setattr(features, "PAIRS_PER_PROCESS", 10)  # and their claim pairs scored
    monkeypatch.setattr(pipeline, "CANDIDATES_PER_PROCESS", 10)  # and classified
    one = checker.check(paths, jobs=1)
    two = checker.check(paths, jobs=2)
    assert to_json(two) == to_json(one)
    assert to_markdown(two) == to_markdown(one)
    assert any(a.duplicates for a in one.articles) and one.pairs


def test_cli_jobs_option_gives_the_same_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from checker.cli import app

    folder = tmp_path / "stories"
    folder.mkdir()
    _write(folder, _corpus(12))
    monkeypatch.setattr(pipeline, "ARTICLES_PER_WORKER", 3)
    runner = CliRunner()
    for jobs in ("1", "2"):
        result = runner.invoke(app, ["check", str(folder), "--jobs", jobs, "--out", str(tmp_path / jobs)])
        assert result.exit_code == 0, result.output
    for name in ("report.json", "report.md"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()
    result = runner.invoke(app, ["check", str(folder), "--jobs", "0"])
    assert result.exit_code == 2


def test_markdown_lists_the_most_telling_articles_and_counts_the_rest(tmp_path: Path) -> None:
    stories = _corpus(MAX_ARTICLES + 12, seed=3)
    report = checker.check(_write(tmp_path, stories), jobs=1)
    markdown = to_markdown(report)
    assert len(report.articles) == MAX_ARTICLES + 12
    assert "… and 12 more articles in report.json (the 50 above are the least reliable first)." in markdown
    reliability = markdown.split("## Reliability", 1)[1].split("\n## ", 1)[0]
    listed = [line for line in reliability.splitlines() if line.startswith("### ")]
    assert len(listed) == MAX_ARTICLES
    scores = [int(line.rsplit("score ", 1)[1].split("/")[0]) for line in listed]
    assert scores == sorted(scores)
    assert min(a.reliability.score for a in report.articles) == scores[0]
    sources = markdown.split("## Sources", 1)[1].split("\n## ", 1)[0]
    assert sum(line.startswith("| `story") for line in sources.splitlines()) == MAX_ARTICLES
    assert len(json.loads(to_json(report))["articles"]) == MAX_ARTICLES + 12  # the JSON keeps every article


def test_candidates_searched_in_blocks_equal_one_pass(prepared, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut into blocks of claims, each searched on its own and joined in order, the search gives the same candidates."""
    from checker import search

    rules, articles, index, rows = prepared
    whole = find_candidates(articles, index, rows, rules)
    monkeypatch.setattr(search, "BLOCK_ROWS", 7)
    sent: list[int] = []

    def map_blocks(function, shared, items):
        sent.append(len(items))
        return [function(shared, item) for item in reversed(items)][::-1]

    in_blocks = find_candidates(articles, index, rows, rules, map_blocks=map_blocks)
    assert sent and sent[0] > 1, "the search was cut into blocks"
    assert len(whole) > 20
    assert [(c.a.id, c.b.id, c.probability, c.near_repeat) for c in in_blocks] == [
        (c.a.id, c.b.id, c.probability, c.near_repeat) for c in whole
    ]
    assert np.array_equal(np.vstack([c.features for c in in_blocks]), np.vstack([c.features for c in whole]))


def test_the_report_does_not_depend_on_the_order_of_a_set(tmp_path: Path) -> None:
    """Each process orders sets by its own string hashes: what a finding names must not follow that order."""
    (tmp_path / "a.txt").write_text(
        "date: 2025-01-10\n\nTwo workers were hurt when Line 4 and Line 7 trains collided near the Harlow depot on Monday.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "date: 2025-01-10\n\nThree workers were hurt when Line 5 and Line 9 trains collided near the Harlow depot on Monday.\n",
        encoding="utf-8",
    )
    program = f"import checker; print([p.different_events for p in checker.check([{str(tmp_path)!r}], jobs=1).pairs])"
    seen = set()
    for seed in range(6):
        done = subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        )
        seen.add(done.stdout)
    assert len(seen) == 1
    assert "different instances" in seen.pop()
