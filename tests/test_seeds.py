"""Key findings on the sample articles in seeds/: what must appear and what must not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import checker

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def report() -> checker.Report:
    return checker.check([SEEDS])


def _article(report: checker.Report, prefix: str) -> checker.Article:
    return next(a for a in report.articles if a.id.startswith(prefix))


def _line(report: checker.Report, claim_id: str) -> int:
    return report.claim(claim_id).line


def test_repeated_paragraphs_form_one_passage(report) -> None:
    article = _article(report, "002_")
    spans = {(p.lines_a, p.lines_b) for p in article.passages}
    assert ((7, 9), (10, 12)) in spans


def test_repeated_heading_is_a_duplicate(report) -> None:
    article = _article(report, "002_")
    headings = [(d, report.claim(d.a), report.claim(d.b)) for d in article.duplicates]
    assert any(a.kind == "heading" and a.line == 2 and b.line == 4 and d.kind == "exact" for d, a, b in headings)


def test_embedded_image_tag_is_not_a_claim(report) -> None:
    article = _article(report, "002_")
    assert not any("<" in c.text or "data:" in c.text for c in article.claims)
    assert any(r.kind == "markup" for r in article.regions)


def test_image_credit_lines_are_captions(report) -> None:
    article = _article(report, "003_")
    captions = {c.line for c in article.claims if c.kind == "caption"}
    assert {3, 4, 18, 25} <= captions
    assert not any("Image Credit" in c.text for c in article.claims if c.kind != "caption")


def test_summary_points_restated_in_the_body_are_near_duplicates(report) -> None:
    article = _article(report, "003_")
    restated = [d for d in article.duplicates if _line(report, d.a) in (1, 2, 5) and _line(report, d.b) > 6]
    assert len(restated) >= 2
    assert all(d.kind == "near" for d in restated)


def test_author_bio_is_boilerplate_and_names_the_author(report) -> None:
    article = _article(report, "003_")
    assert article.author == "Reuben F. Johnson"
    assert all(c.kind == "boilerplate" for c in article.claims if c.line >= 35)


def test_former_president_qualifier_conflicts_with_other_sources(report) -> None:
    qualifier = [
        (p, c) for p in report.pairs for c in p.conflicts
        if c.type == "qualifier" and p.a.startswith("000_")
    ]
    assert {p.b.split("_")[0] for p, _ in qualifier} >= {"001", "002"}
    assert all("former President" in c.a and "former" not in c.b for _, c in qualifier)


def test_prisoner_counts_conflict_as_possibly_different_events(report) -> None:
    found = [
        (p, c) for p in report.pairs for c in p.conflicts
        if c.type == "number" and p.a.startswith("001_") and p.b.startswith("002_")
    ]
    assert any("52" in c.a and "three" in c.b for _, c in found)
    assert all(p.different_events for p, _ in found)


def test_us_officers_observing_war_games_agree_across_sources(report) -> None:
    agreeing = [p for p in report.pairs if p.relation == "agrees" and p.a.startswith("000_") and p.b.startswith("001_")]
    assert any(_line(report, p.a) == 1 and "officers" in report.claim(p.b).text for p in agreeing)


def test_undated_anonymous_hedged_article_scores_lowest(report) -> None:
    scores = {a.id[:3]: a.reliability.score for a in report.articles}
    assert scores["000"] < scores["001"]
    assert scores["000"] < scores["003"]
    signals = {s.rule for s in _article(report, "000_").reliability.signals}
    assert {"M101", "M102", "H101", "A101"} <= signals


def _claim_trust(report: checker.Report, claim_id: str) -> checker.model.ClaimTrust | None:
    trust = _article(report, claim_id.rsplit(":", 1)[0]).trust
    assert trust is not None
    return next((c for c in trust.claims if c.id == claim_id), None)


def test_former_president_claim_costs_trust_as_both_other_sources_contradict_it(report) -> None:
    [former] = {p.a for p in report.pairs for c in p.conflicts if c.type == "qualifier" and "former" in c.a}
    assert former.startswith("000_")
    judged = _claim_trust(report, former)
    assert judged is not None and judged.effect == "cost" and judged.confidence < 0.5
    assert {claim_id[:3] for claim_id in judged.contradiction} >= {"001", "002"}
    scores = {a.id[:3]: a.trust.score for a in report.articles if a.trust is not None}
    assert scores["000"] < scores["001"] and scores["000"] < scores["002"]


def test_prisoner_counts_are_a_possible_update_that_costs_no_trust(report) -> None:
    [pair] = [p for p in report.pairs if any(c.type == "number" and "52" in c.a for c in p.conflicts)]
    assert pair.update is not None
    assert pair.update.earlier.startswith("002_") and pair.update.later.startswith("001_")
    assert "three" in pair.update.earlier_value and "52" in pair.update.later_value
    for claim_id, other in ((pair.a, pair.b), (pair.b, pair.a)):
        judged = _claim_trust(report, claim_id)
        assert judged is None or other not in judged.contradiction


def test_the_only_conflicts_are_the_wrong_title_and_the_prisoner_counts(report) -> None:
    # Anything else would be a false finding: "soaring tensions" against "reduce the warning
    # time" once read as a rise against a fall.
    found = {(c.type, "former" in c.a or "former" in c.b, "52" in c.a + c.b) for p in report.pairs for c in p.conflicts}
    assert found == {("qualifier", True, False), ("number", False, True)}


def test_only_articles_without_independent_evidence_are_not_corroborated(report) -> None:
    evidence = {
        claim_id.rsplit(":", 1)[0]
        for p in report.pairs
        if p.relation == "agrees" or (p.relation == "conflicts" and p.update is None and p.different_events is None)
        for claim_id in (p.a, p.b)
    }
    for article in report.articles:
        assert article.trust is not None
        assert (article.trust.score is None) == (article.id not in evidence), article.id
        assert (article.trust.status == "not corroborated") == (article.trust.score is None)


def test_no_pair_joins_two_claims_of_one_article(report) -> None:
    assert all(p.a.rsplit(":", 1)[0] != p.b.rsplit(":", 1)[0] for p in report.pairs)


def test_two_runs_give_identical_reports() -> None:
    first, second = checker.check([SEEDS]), checker.check([SEEDS])
    assert checker.to_json(first) == checker.to_json(second)
    assert checker.to_markdown(first) == checker.to_markdown(second)


def test_runs_under_other_hash_seeds_give_identical_reports(tmp_path: Path) -> None:
    # Each Python process orders sets by a hash seed of its own: nothing a report says may
    # depend on that order.
    reports = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "checker", "check", str(SEEDS), "--out", str(out)], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        reports.append((out / "report.json").read_bytes())
    assert reports[0] == reports[1]
