"""checker.reliability: a 0-100 score from named signals, each citing its rule code and claims."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import checker
from checker.describe import describe_claims
from checker.model import Article, Claim
from checker.reliability import lexicon_text
from checker.rules import load_rules

RULES_FOLDER = Path(__file__).resolve().parents[1] / "rules"
WEAK = (
    "Sources say the government could reportedly collapse soon.\n"
    "Unnamed officials said the talks may possibly be cancelled.\n"
    "Reports indicate the minister might resign.\n"
)
STRONG = (
    "date 2025-09-15\n"
    "By Jane Doe\n\n"
    "Foreign Minister Anna Berg said the government approved 12 new hospitals on Monday.\n"
    "Health Minister Karl Holm told reporters that construction starts in October 2025.\n"
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _reliability(report: checker.Report, article_id: str) -> checker.Reliability:
    article = next(a for a in report.articles if a.id == article_id)
    assert article.reliability is not None
    return article.reliability


def _custom_rules(tmp_path: Path, signal_file: str, weight: float) -> checker.RuleSet:
    folder = tmp_path / "rules"
    shutil.copytree(RULES_FOLDER, folder)
    path = folder / "signals" / signal_file
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^weight = .*$", f"weight = {weight}", text, count=1), encoding="utf-8")
    return checker.load_rules(folder)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> checker.Report:
    folder = tmp_path_factory.mktemp("articles")
    return checker.check([_write(folder, "weak", WEAK), _write(folder, "strong", STRONG)])


def test_undated_anonymous_hedged_article_scores_below_a_dated_bylined_attributed_one(report) -> None:
    assert _reliability(report, "weak").score < _reliability(report, "strong").score


def test_weak_article_carries_the_signals_that_lower_it(report) -> None:
    codes = {s.rule for s in _reliability(report, "weak").signals}
    assert {"A101", "H101", "M101", "M102"} <= codes


def test_strong_article_carries_no_negative_signal(report) -> None:
    signals = _reliability(report, "strong").signals
    assert all(s.points >= 0 for s in signals)
    assert {"A102", "S101"} <= {s.rule for s in signals}


def test_every_signal_names_a_rule_code_and_lists_its_claims(report) -> None:
    codes = {rule.code: rule for rule in checker.load_rules().signals}
    for article in report.articles:
        claim_ids = {c.id for c in article.claims}
        for signal in article.reliability.signals:
            rule = codes[signal.rule]
            assert signal.name == rule.name
            assert set(signal.claims) <= claim_ids
            if rule.kind == "missing-metadata":
                assert signal.claims == ()
            else:
                assert signal.claims, signal


def test_hedging_signal_lists_exactly_the_hedged_claims(report) -> None:
    weak = next(a for a in report.articles if a.id == "weak")
    hedged = {c.id for c in weak.claims if c.hedged}
    signal = next(s for s in weak.reliability.signals if s.rule == "H101")
    assert hedged and set(signal.claims) == hedged
    assert signal.message == f"{len(hedged)} of {len(weak.claims)} claims are hedged"


def test_score_is_the_base_plus_the_signal_points(report) -> None:
    base = checker.load_rules().thresholds["base_score"]
    for article in report.articles:
        total = base + sum(s.points for s in article.reliability.signals)
        assert article.reliability.score == round(max(0, min(100, total)))


def test_metadata_signals_follow_the_article_metadata(report) -> None:
    strong = next(a for a in report.articles if a.id == "strong")
    assert (strong.date, strong.author) == ("2025-09-15", "Jane Doe")
    assert not {"M101", "M102"} & {s.rule for s in strong.reliability.signals}


@pytest.mark.parametrize("signal_file, weight, bound", [("M101-undated.toml", -500, 0), ("S101-specific-claims.toml", 500, 100)])
def test_score_is_clamped_to_0_and_100(tmp_path: Path, signal_file: str, weight: float, bound: int) -> None:
    rules = _custom_rules(tmp_path, signal_file, weight)
    text = "The government approved 12 new hospitals in the north on Friday, the minister said.\n"
    report = checker.check([_write(tmp_path, "a", text)], rules=rules)
    assert _reliability(report, "a").score == bound


def test_changing_a_weight_in_a_custom_rules_folder_changes_the_score(tmp_path: Path) -> None:
    path = _write(tmp_path, "a", "The talks went on for three hours behind closed doors in the capital.\n")
    default = _reliability(checker.check([path]), "a")
    custom = _reliability(checker.check([path], rules=_custom_rules(tmp_path, "M101-undated.toml", -30)), "a")
    assert "M101" in {s.rule for s in default.signals}
    assert custom.score == default.score - 20
    assert next(s.points for s in custom.signals if s.rule == "M101") == -30


def test_corroborated_claims_raise_both_articles(tmp_path: Path) -> None:
    budget = "The city council approved the new budget for public libraries on Monday evening."
    reworded = "On Monday evening the city council voted to approve the new public library budget."
    alone = checker.check([_write(tmp_path, "x", budget)])
    together = checker.check([_write(tmp_path, "x", budget), _write(tmp_path, "y", reworded)])
    assert _reliability(together, "x").score > _reliability(alone, "x").score
    x101 = next(s for s in _reliability(together, "x").signals if s.rule == "X101")
    assert x101.claims == ("x:1",)


def test_conflict_that_may_be_another_event_costs_nothing(tmp_path: Path) -> None:
    report = checker.check(
        [
            _write(tmp_path, "x", "The government released 52 political prisoners from the Minsk jail on 14 February 2025."),
            _write(tmp_path, "y", "The government released 14 political prisoners from the Minsk jail on 11 September 2025."),
        ]
    )
    assert report.pairs and report.pairs[0].different_events
    assert all("X102" not in {s.rule for s in a.reliability.signals} for a in report.articles)


def test_plain_conflict_costs_both_articles(tmp_path: Path) -> None:
    report = checker.check(
        [
            _write(tmp_path, "x", "The government released 52 political prisoners from the Minsk jail on Monday."),
            _write(tmp_path, "y", "The government released 14 political prisoners from the Minsk jail on Monday."),
        ]
    )
    for article in report.articles:
        x102 = next(s for s in article.reliability.signals if s.rule == "X102")
        assert x102.points < 0 and x102.claims == (f"{article.id}:1",)


@pytest.mark.parametrize(
    "text",
    ["Officials said the talks would be cancelled next week.", "The talks would be cancelled next week, officials said."],
    ids=["sentence-initial", "after-the-claim"],
)
def test_unnamed_source_is_anonymous_and_not_a_named_attribution(tmp_path: Path, text: str) -> None:
    report = checker.check([_write(tmp_path, "a", text + "\n")])
    codes = {s.rule for s in _reliability(report, "a").signals}
    assert "A101" in codes and "A102" not in codes


def test_rules_read_a_claim_as_describing_does() -> None:
    rules = load_rules(Path(__file__).resolve().parents[1] / "rules")
    text = "“Sources say the deal is off,” the paper wrote."
    article = Article(id="a", path="a.txt", text=text)
    (claim,) = describe_claims(article, (Claim(id="a:1", text=text, start=0, end=len(text), line=1, kind="quote"),), rules)
    anonymous = rules.lexicon_pattern("anonymous_sources")
    assert claim.attribution == "sources"
    assert anonymous.search(lexicon_text(claim))  # A101 flags what describing attributed to sources
