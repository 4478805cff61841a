"""benchmarks/pairs.py reads labelled pair files, judges pairs with checker and with the trivial rule, and scores them."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

import checker

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


pairs = _load("pairs")
NLI = {"contradiction": "conflict", "entailment": "agree", "neutral": "other"}


@pytest.mark.parametrize(
    ("a", "b", "answer"),
    [
        ("The bakery sold 300 loaves on Sunday.", "The bakery sold 250 loaves on Sunday.", "conflict"),
        ("The bakery sold 1,200 loaves.", "The bakery sold 1200 loaves.", "agree"),
        ("The bridge is open.", "The bridge isn't open.", "conflict"),
        ("The bridge is not open.", "Nobody can cross: the bridge is never open.", "agree"),
        ("The bridge is open.", "Swallows nest under the bridge.", "agree"),
    ],
)
def test_trivial_rule_reads_only_numbers_and_negation_words(a: str, b: str, answer: str) -> None:
    assert pairs.trivial_answer(a, b) == answer


def test_tsv_is_read_without_quoting_and_unmapped_labels_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text(
        'gold_label\tsentence1\tsentence2\n'
        'contradiction\tA "quoted word opens here.\tNothing closes it.\n'
        '-\tNo agreement among annotators.\tSo no label.\n'
        'entailment\tTwo dogs run.\tAnimals run.\n',
        encoding="utf-8",
    )
    found = pairs.read_pair_file(path, "sentence1", "sentence2", "gold_label", NLI)
    assert [(p.a, p.gold) for p in found.pairs] == [('A "quoted word opens here.', "conflict"), ("Two dogs run.", "agree")]
    assert "1 rows left out" in found.source


def test_jsonl_and_headerless_csv_give_the_same_pairs(tmp_path: Path) -> None:
    rows = [("The ferry sailed.", "The ferry did not sail.", "contradiction"), ("It rained.", "Rain fell.", "entailment")]
    jsonl = tmp_path / "pairs.jsonl"
    jsonl.write_text("".join(json.dumps({"p": a, "h": b, "y": y}) + "\n" for a, b, y in rows), encoding="utf-8")
    csv_path = tmp_path / "pairs.csv"
    csv_path.write_text("".join(f'"{a}","{b}",{y}\n' for a, b, y in rows), encoding="utf-8")
    from_jsonl = pairs.read_pair_file(jsonl, "p", "h", "y", NLI).pairs
    from_csv = pairs.read_pair_file(csv_path, "0", "1", "2", NLI, header=False).pairs
    assert from_jsonl == from_csv
    assert [p.gold for p in from_csv] == ["conflict", "agree"]


def test_label_mapping_names_its_answers() -> None:
    assert pairs.parse_mapping("1=agree, 0=other") == {"1": "agree", "0": "other"}
    with pytest.raises(SystemExit, match="must map a label"):
        pairs.parse_mapping("1=paraphrase")


def test_a_line_without_final_punctuation_gets_a_full_stop() -> None:
    assert pairs.as_article("Storm closes the harbour") == "Storm closes the harbour.\n"
    assert pairs.as_article('He said "no."') == 'He said "no."\n'


@pytest.mark.parametrize(
    ("a", "b", "answer"),
    [
        (
            "The ferry operator cancelled 38 crossings between Dover and Calais on Friday.",
            "The ferry operator cancelled 12 crossings between Dover and Calais on Friday.",
            "conflict",
        ),
        (
            "Volunteers planted 400 oak saplings along the river bank on Saturday.",
            "On Saturday volunteers planted 400 oak saplings along the river bank.",
            "agree",
        ),
        (
            "Volunteers planted 400 oak saplings along the river bank on Saturday.",
            "Apple orchards in the upper valley flowered two weeks early this spring.",
            "other",
        ),
    ],
)
def test_checker_judges_a_pair_by_the_relation_it_reports_between_two_articles(a: str, b: str, answer: str) -> None:
    (judged,) = pairs.judge_with_checker([pairs.LabelledPair(a, b, "other")], checker.load_rules())
    assert judged.answer == answer
    assert bool(judged.conflicts) == (answer == "conflict")


def test_scores_count_each_class_and_give_zero_where_undefined() -> None:
    gold = ["conflict", "conflict", "agree", "other"]
    answers = ["conflict", "agree", "agree", "conflict"]
    conflict = pairs.score(gold, answers, "conflict")
    assert (conflict.precision, conflict.recall, conflict.answered, conflict.gold) == (0.5, 0.5, 2, 2)
    assert pairs.score(gold, answers, "agree").precision == 0.5
    assert pairs.score(["other"], ["other"], "conflict").cells() == ("-", "-", "-")


def test_mutants_are_named_by_the_function_they_change_and_scored_over_those_judged() -> None:
    mutation = _load("mutation")
    assert mutation.function_name("checker.classify.x_classify__mutmut_3") == "checker.classify.classify"
    assert mutation.function_name("checker.describe.xǁ_Contextǁphrase_source__mutmut_86") == "checker.describe._Context.phrase_source"
    stats = {"killed": 6, "timeout": 2, "survived": 1, "no_tests": 1, "total": 14}
    assert mutation.mutation_score(stats) == 0.8
    assert "not yet checked 4" in mutation.render(stats, [])
