"""Every rule loads, documents itself and flags what it says it flags; rule mistakes are one-line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.errors import RulesError
from checker.model import Article
from checker.pipeline import prepare_article
from checker.reliability import score_article
from checker.rules import load_rules

RULES = Path(__file__).resolve().parents[1] / "rules"
RULESET = load_rules(RULES)


def _signal_codes(text: str) -> set[str]:
    article = prepare_article(Article(id="t", path="t.txt", text=text, date="2025-01-01", author="A. Writer"), RULESET)
    return {s.rule for s in score_article(article, RULESET, set(), set()).signals}


def test_every_rule_has_a_unique_code_a_name_and_a_rationale() -> None:
    codes = [rule.code for rule in RULESET.signals]
    assert len(codes) == len(set(codes))
    for rule in RULESET.signals:
        assert rule.name and "What it flags" in rule.rationale and "Known limits" in rule.rationale


def test_every_lexicon_is_used() -> None:
    used = {rule.lexicon for rule in RULESET.signals if rule.lexicon}
    source = "".join(p.read_text() for p in (RULES.parent / "checker").glob("*.py"))
    for name in RULESET.lexicons:
        assert name in used or f'"{name}"' in source, f"lexicon {name} is not used"


@pytest.mark.parametrize("rule", [r for r in RULESET.signals if r.flags], ids=lambda r: r.code)
def test_rule_flags_its_examples(rule) -> None:
    for example in rule.flags:
        assert rule.code in _signal_codes(example), example


@pytest.mark.parametrize("rule", [r for r in RULESET.signals if r.passes], ids=lambda r: r.code)
def test_rule_passes_its_counter_examples(rule) -> None:
    for example in rule.passes:
        assert rule.code not in _signal_codes(example), example


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


def test_bad_toml_names_the_file(rules_copy: Path) -> None:
    (rules_copy / "thresholds.toml").write_text("match_threshold = = 1\n")
    with pytest.raises(RulesError, match=r"thresholds\.toml: invalid TOML"):
        load_rules(rules_copy)


def test_unknown_threshold_key_is_named(rules_copy: Path) -> None:
    path = rules_copy / "thresholds.toml"
    path.write_text(path.read_text() + "\nmatch_treshold = 0.5\n")
    with pytest.raises(RulesError, match="unknown key 'match_treshold'"):
        load_rules(rules_copy)


def test_weight_of_the_wrong_type_is_named(rules_copy: Path) -> None:
    path = next((rules_copy / "signals").glob("A101*.toml"))
    path.write_text(path.read_text().replace("weight = -25", 'weight = "heavy"'))
    with pytest.raises(RulesError, match=r"A101-anonymous-source\.toml: key 'weight' must be"):
        load_rules(rules_copy)


def test_invalid_regular_expression_is_named(rules_copy: Path) -> None:
    path = rules_copy / "furniture.toml"
    path.write_text(path.read_text() + '\n[[furniture]]\nname = "x"\nkind = "caption"\nscope = "line"\npattern = "(unclosed"\n')
    with pytest.raises(RulesError, match=r"furniture\.toml: key 'furniture\[\d+\]\.pattern' is not a valid regular expression"):
        load_rules(rules_copy)


def test_duplicate_rule_code_is_refused(rules_copy: Path) -> None:
    source = next((rules_copy / "signals").glob("A101*.toml"))
    shutil.copy(source, rules_copy / "signals" / "A999-copy.toml")
    with pytest.raises(RulesError, match="'A101' is already used"):
        load_rules(rules_copy)


def test_missing_folder_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="rules folder not found"):
        load_rules(tmp_path / "nowhere")
