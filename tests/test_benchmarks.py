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


def test_edited_mrpc_keeps_negates_or_changes_a_figure_of_each_paraphrase_in_turn(tmp_path: Path) -> None:
    folder = tmp_path / "mrpc"
    folder.mkdir()
    rows = [
        ("1", "The ferry left at dawn.", "The ferry sailed at dawn."),
        ("0", "Prices rose.", "The harbour froze."),
        ("1", "The council approved the plan.", "The plan was approved by the council."),
        ("1", "About 40 boats were damaged at 6 p.m. in 2003.", "In 2003, 40 boats were damaged at 6 p.m. on Friday."),
        ("1", "Crews have cleared the road.", "The road has been cleared."),
        ("1", "The X2 model sold well.", "The X2 model has sold well."),
        ("1", "The A380 landed safely.", "An A380 jet landed safely."),
    ]
    lines = ["Quality\t#1 ID\t#2 ID\t#1 String\t#2 String"] + [f"{q}\t1\t2\t{a}\t{b}" for q, a, b in rows]
    (folder / "msr_paraphrase_test.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    edited = pairs.read_mrpc_edited(tmp_path).pairs
    assert [(p.b, p.gold) for p in edited] == [
        ("The ferry sailed at dawn.", "agree"),
        ("The plan was not approved by the council.", "conflict"),
        # The year and the time are left alone; the count is raised by a third and more.
        ("In 2003, 55 boats were damaged at 6 p.m. on Friday.", "conflict"),
        ("The road has been cleared.", "agree"),
        ("The X2 model has not sold well.", "conflict"),
        # A figure inside a name is no figure to change: the last pair is left out.
    ]
