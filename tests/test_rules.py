"""Every rule loads, documents itself and flags what it says it flags; rule mistakes are one-line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import checker
from checker.errors import RulesError
from checker.rules import load_rules

RULES = Path(__file__).resolve().parents[1] / "rules"
RULESET = load_rules(RULES)
# A cross-source rule's example holds two articles, split at this line; the first is judged.
OTHER_SOURCE = "\n=== other source ===\n"


def _signal_codes(example: str, folder: Path) -> set[str]:
    """Check the example's articles together, as files, and return the codes of the signals on the first."""
    folder.mkdir()
    paths = []
    for n, text in enumerate(example.split(OTHER_SOURCE)):
        path = folder / f"source{n}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(path)
    report = checker.check(paths, rules=RULESET, jobs=1)
    return {s.rule for s in report.articles[0].reliability.signals}


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


def test_every_rule_has_examples_that_flag_and_that_pass() -> None:
    for rule in RULESET.signals:
        assert rule.flags and rule.passes, f"{rule.code} needs both flags and passes examples"
        assert all(isinstance(example, str) and example.strip() for example in rule.flags + rule.passes), rule.code


def test_only_cross_source_rules_use_two_sources() -> None:
    for rule in RULESET.signals:
        two_sources = any(OTHER_SOURCE in example for example in rule.flags + rule.passes)
        assert two_sources == rule.code.startswith("X"), rule.code


@pytest.mark.parametrize("rule", RULESET.signals, ids=lambda r: r.code)
def test_rule_flags_its_examples(rule, tmp_path: Path) -> None:
    for n, example in enumerate(rule.flags):
        assert rule.code in _signal_codes(example, tmp_path / f"flags{n}"), example


@pytest.mark.parametrize("rule", RULESET.signals, ids=lambda r: r.code)
def test_rule_passes_its_counter_examples(rule, tmp_path: Path) -> None:
    for n, example in enumerate(rule.passes):
        assert rule.code not in _signal_codes(example, tmp_path / f"passes{n}"), example


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
