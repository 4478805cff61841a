"""Tuning and evaluating thresholds on labelled pairs: formats, columns, errors, the sweep, writing rules."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from rapidfuzz import fuzz
from typer.testing import CliRunner

import checker
from checker.cli import app
from checker.errors import InputError
from checker.rules import load_rules
from checker.text import fold
from checker.tune import (
    LabelledPairs,
    best_threshold,
    evaluate,
    read_pairs,
    replace_threshold,
    sweep,
    tune,
    write_tuning,
)

RULES = Path(__file__).resolve().parents[1] / "rules"
LAST_LINE = re.compile(r"precision=\d\.\d{3} recall=\d\.\d{3} f1=\d\.\d{3} accuracy=\d\.\d{3} threshold=\d\.\d{3} n=\d+")
runner = CliRunner()

# Four matching and four unrelated pairs: enough for a fit, a sweep and every file format.
PAIRS = [
    ("The council approved the school budget on Monday.", "On Monday the council approved the budget for schools.", 1),
    ("Floods closed the main road into the town.", "The main road into town was closed by floods.", 1),
    ("The company hired 200 workers at its new plant.", "Its new plant has hired 200 workers, the company said.", 1),
    ("The minister resigned after the vote.", "After the vote, the minister resigned.", 1),
    ("The council approved the school budget on Monday.", "Heavy rain is expected across the north this weekend.", 0),
    ("Floods closed the main road into the town.", "The festival sold out all of its tickets in an hour.", 0),
    ("The company hired 200 workers at its new plant.", "Prices of coffee rose sharply in March.", 0),
    ("The minister resigned after the vote.", "A new museum of modern art opens downtown.", 0),
]


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    return folder


def write_csv(path: Path, header: str = "text_a,text_b,label", rows=PAIRS) -> Path:
    lines = [header] + [f'"{a}","{b}",{label}' for a, b, label in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_tsv(path: Path, header: str = "text_a\ttext_b\tlabel", rows=PAIRS) -> Path:
    lines = [header] + [f"{a}\t{b}\t{label}" for a, b, label in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_jsonl(path: Path, rows=PAIRS, keys=("text_a", "text_b", "label")) -> Path:
    path.write_text("".join(json.dumps(dict(zip(keys, row))) + "\n" for row in rows), encoding="utf-8")
    return path


# Reading files


@pytest.mark.parametrize("name", ["pairs.csv", "pairs.tsv", "pairs.txt", "pairs.jsonl"])
def test_every_format_reads_the_same_pairs(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    {".csv": write_csv, ".tsv": write_tsv, ".txt": write_tsv, ".jsonl": write_jsonl}[path.suffix](path)
    pairs = read_pairs(path)
    assert pairs.a == tuple(a for a, _, _ in PAIRS)
    assert pairs.b == tuple(b for _, b, _ in PAIRS)
    assert pairs.labels == (1, 1, 1, 1, 0, 0, 0, 0)
    assert pairs.lines[0] == (1 if name.endswith(".jsonl") else 2)


def test_csv_keeps_quoted_commas_and_newlines(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text('text_a,text_b,label\n"One, two","Line one\nline two",1\n"Three","Four",0\n', encoding="utf-8")
    pairs = read_pairs(path)
    assert pairs.a == ("One, two", "Three") and pairs.b[0] == "Line one\nline two"
    assert pairs.lines == (2, 4)


def test_sentence1_and_sentence2_are_recognised(tmp_path: Path) -> None:
    tsv = read_pairs(write_tsv(tmp_path / "glue.tsv", header="sentence1\tsentence2\tlabel"))
    jsonl = read_pairs(write_jsonl(tmp_path / "glue.jsonl", keys=("sentence1", "sentence2", "label")))
    assert tsv.columns == jsonl.columns == ("sentence1", "sentence2", "label")
    assert tsv.a == jsonl.a and len(tsv.labels) == 8


def test_columns_can_be_named(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "pairs.csv", header="headline,body,verdict")
    pairs = read_pairs(path, a_column="headline", b_column="body", label_column="verdict")
    assert pairs.columns == ("headline", "body", "verdict") and pairs.labels[:4] == (1, 1, 1, 1)


def test_mrpc_layout_with_bom_crlf_and_stray_quotes(tmp_path: Path) -> None:
    path = tmp_path / "msr_paraphrase_train.txt"
    rows = [
        "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String",
        '1\t702876\t702977\tAmrozi accused his brother, whom he called "the witness, of lying.\tReferring to him as "the witness", Amrozi accused his brother.',
        "0\t2108705\t2108831\tYucaipa owned Dominick's before 1998.\tYucaipa bought Dominick's in 1995.",
    ]
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-8-sig"))
    pairs = read_pairs(path)
    assert pairs.columns == ("#1 String", "#2 String", "Quality")
    assert pairs.a[0].startswith("Amrozi") and pairs.a[0].endswith("of lying.")
    assert pairs.labels == (1, 0) and pairs.lines == (2, 3)


def test_graded_scores_need_positive_above(tmp_path: Path) -> None:
    path = tmp_path / "sts.jsonl"
    write_jsonl(path, rows=[("a cat sat", "a cat sits", 4.6), ("a dog ran", "the sky is blue", 0.4), ("x y", "x z", 3.0)],
                keys=("sentence1", "sentence2", "score"))
    with pytest.raises(InputError, match=r"sts\.jsonl:1: column 'score': label 4\.6 is neither 0 nor 1"):
        read_pairs(path)
    pairs = read_pairs(path, positive_above=3.0)
    assert pairs.labels == (1, 0, 0) and pairs.values == (4.6, 0.4, 3.0)


def test_jsonl_labels_may_be_booleans_or_numeric_text(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"text_a": "a b", "text_b": "a c", "label": true}\n{"text_a": "d", "text_b": "e", "label": "0"}\n')
    assert read_pairs(path).labels == (1, 0)


# Malformed files: one line naming file, line and column


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("p.csv", "text_a,text_b\nx,y\n", r"p\.csv:1: no column 'label'; name one with --label-column"),
        ("p.csv", "text_a,text_b,label\nx,y,1\n\nz,w,0\n", r"p\.csv:3: empty row"),
        ("p.csv", "text_a,text_b,label\nx,y,yes\n", r"p\.csv:2: column 'label': not a number: 'yes'"),
        ("p.csv", "text_a,text_b,label\nx,y,\n", r"p\.csv:2: column 'label': empty label"),
        ("p.csv", "text_a,text_b,label\nx,,1\n", r"p\.csv:2: column 'text_b': empty text"),
        ("p.tsv", "text_a\ttext_b\tlabel\nx\ty\n", r"p\.tsv:2: column 'label': missing"),
        ("p.tsv", "text_a\ttext_b\tlabel\nx\ty\tz\t1\n", r"p\.tsv:2: 4 fields, the header has 3"),
        ("p.tsv", "text_a\ttext_b\tlabel\nx\ty\t2\n", r"p\.tsv:2: column 'label': label '2' is neither 0 nor 1"),
        ("p.jsonl", '{"text_a": "x", "text_b": "y", "label": 1}\n{"text_a": "x", "label": 0}\n', r"p\.jsonl:2: column 'text_b': missing"),
        ("p.jsonl", '{"text_a": "x", "text_b": "y", "label": "n/a"}\n', r"p\.jsonl:1: column 'label': not a number: 'n/a'"),
        ("p.jsonl", '{"text_a": "x", "text_b": "y", "label": 1}\n[1, 2]\n', r"p\.jsonl:2: not a JSON object"),
        ("p.jsonl", '{"text_a": "x", "text_b": 5, "label": 1}\n', r"p\.jsonl:1: column 'text_b': not text"),
        ("p.csv", "text_a,text_b,label\n", r"p\.csv: no labelled pairs"),
        ("p.xlsx", "", r"p\.xlsx: unknown pairs format"),
    ],
)
def test_malformed_files_give_one_error_naming_file_line_and_column(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_pairs(path)


def test_named_column_missing_from_the_header(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"pairs\.csv:1: no column 'claim' \(columns: 'text_a', 'text_b', 'label'\)"):
        read_pairs(write_csv(tmp_path / "pairs.csv"), a_column="claim")


def test_cli_error_is_one_line_exit_two_and_nothing_is_written(tmp_path: Path, rules_copy: Path) -> None:
    before = {p.name: p.read_bytes() for p in rules_copy.glob("*.toml")}
    path = tmp_path / "bad.csv"
    path.write_text("text_a,text_b,label\nx y,x z,1\nx,y,maybe\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["tune", str(path), "--write", "--rules", str(rules_copy), "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {path}:3: column 'label': not a number: 'maybe'"
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in rules_copy.glob("*.toml")} == before
    assert not out.exists()


def test_unreachable_min_precision_writes_nothing(tmp_path: Path, rules_copy: Path) -> None:
    before = (rules_copy / "thresholds.toml").read_bytes()
    rows = [("same words here", "same words here", 0), ("same words here", "same words here", 1)]
    result = runner.invoke(
        app,
        ["tune", str(write_csv(tmp_path / "p.csv", rows=rows)), "--target", "duplicate", "--min-precision", "0.9",
         "--write", "--rules", str(rules_copy), "--out", str(tmp_path / "out")],
    )
    assert result.exit_code == 2 and "no threshold reaches precision 0.9" in result.stderr
    assert (rules_copy / "thresholds.toml").read_bytes() == before


# The sweep, on scores worked out by hand

SCORES = [0.9, 0.8, 0.7, 0.6, 0.4, 0.3]
LABELS = [1, 1, 0, 1, 0, 0]
# threshold: predicted positives, TP, FP, FN -> F1 = 2TP / (2TP + FP + FN)
#   0.3: 6, 3, 3, 0 -> 6/9 = 0.667     0.7: 3, 2, 1, 1 -> 4/6 = 0.667
#   0.4: 5, 3, 2, 0 -> 6/8 = 0.750     0.8: 2, 2, 0, 1 -> 4/5 = 0.800
#   0.6: 4, 3, 1, 0 -> 6/7 = 0.857     0.9: 1, 1, 0, 2 -> 2/4 = 0.500
# precision: 0.3 -> .5, 0.4 -> .6, 0.6 -> .75, 0.7 -> .667, 0.8 -> 1, 0.9 -> 1


def test_sweep_counts_each_threshold() -> None:
    rows = sweep(SCORES, LABELS)
    assert [r.threshold for r in rows] == [0.3, 0.4, 0.6, 0.7, 0.8, 0.9]
    assert [round(r.f1, 3) for r in rows] == [0.667, 0.75, 0.857, 0.667, 0.8, 0.5]
    assert [round(r.precision, 3) for r in rows] == [0.5, 0.6, 0.75, 0.667, 1.0, 1.0]
    at_06 = rows[2]
    assert (at_06.true_positives, at_06.false_positives, at_06.false_negatives, at_06.true_negatives) == (3, 1, 0, 2)
    assert at_06.accuracy == pytest.approx(5 / 6) and at_06.recall == 1.0


def test_best_threshold_is_the_highest_f1() -> None:
    assert best_threshold(sweep(SCORES, LABELS)).threshold == 0.6


@pytest.mark.parametrize(("min_precision", "expected"), [(0.6, 0.4), (0.7, 0.6), (0.75, 0.6), (0.8, 0.8), (1.0, 0.8), (0.5, 0.3)])
def test_min_precision_picks_the_lowest_threshold_meeting_it(min_precision: float, expected: float) -> None:
    assert best_threshold(sweep(SCORES, LABELS), min_precision).threshold == expected


def test_sweep_at_given_thresholds_includes_empty_predictions() -> None:
    row = sweep(SCORES, LABELS, [0.95])[0]
    assert row.true_positives == 0 and row.precision == 1.0 and row.recall == 0.0 and row.f1 == 0.0
    assert row.accuracy == pytest.approx(3 / 6)


def test_cli_min_precision_chooses_the_lowest_threshold_meeting_it(tmp_path: Path, rules_copy: Path) -> None:
    # Each pair's ratio is the "score"; identical texts score 1.0, the rest less.
    rows = [
        ("The council met on Monday.", "The council met on Monday.", 1),
        ("The council met on Monday.", "The council met on Monday!", 1),
        ("The council met on Monday.", "The council met on Tuesday.", 0),
        ("The council met on Monday.", "Rain is expected tomorrow.", 0),
    ]
    path = write_csv(tmp_path / "p.csv", rows=rows)
    tuning = tune(read_pairs(path), load_rules(rules_copy), "duplicate", min_precision=1.0)
    ratio_tuesday = fuzz.ratio("the council met on monday.", "the council met on tuesday.") / 100
    assert ratio_tuesday < tuning.best.threshold <= 1.0 and tuning.best.precision == 1.0 and tuning.best.recall == 1.0
    result = runner.invoke(app, ["tune", str(path), "--target", "duplicate", "--min-precision", "1",
                                 "--rules", str(rules_copy), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"best duplicate_threshold = {tuning.best.threshold:.4g}" in result.stdout


# Writing the rules


def test_replace_threshold_changes_only_the_value() -> None:
    text = "# header\r\nmatch_threshold = 0.5   # why\r\nrelated_threshold = 0.25\r\n# match_threshold = 9\r\n"
    new = replace_threshold(text, "match_threshold", 0.41326)
    assert new == "# header\r\nmatch_threshold = 0.4132   # why\r\nrelated_threshold = 0.25\r\n# match_threshold = 9\r\n"


def test_write_changes_thresholds_toml_only_on_that_line(tmp_path: Path, rules_copy: Path) -> None:
    path = rules_copy / "thresholds.toml"
    text, found = re.subn(r"(?m)^match_threshold = .*$", "match_threshold = 0.5  # tuned on MRPC", path.read_text())
    assert found == 1
    path.write_text(text)
    before = path.read_text().splitlines()
    result = runner.invoke(
        app, ["tune", str(write_csv(tmp_path / "p.csv")), "--write", "--rules", str(rules_copy), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    after = path.read_text().splitlines()
    changed = [(b, a) for b, a in zip(before, after) if b != a]
    assert len(before) == len(after) and len(changed) == 1
    assert re.fullmatch(r"match_threshold = 0\.\d{1,4}  # tuned on MRPC", changed[0][1])
    assert (tmp_path / "out" / "tune-match.md").is_file() and (tmp_path / "out" / "tune-match.png").read_bytes()[:4] == b"\x89PNG"


def test_written_weights_keep_the_header_and_drive_later_scoring(tmp_path: Path, rules_copy: Path) -> None:
    header = [line for line in (rules_copy / "scorer.toml").read_text().splitlines() if line.startswith("#")]
    pairs = read_pairs(write_csv(tmp_path / "p.csv"))
    tuning = tune(pairs, load_rules(rules_copy), "match")
    write_tuning(rules_copy, tuning)
    text = (rules_copy / "scorer.toml").read_text()
    assert text.splitlines()[: len(header)] == header
    assert 'source = "fitted by logistic regression (C=10) on p.csv (8 pairs, 4 matching)"' in text
    reloaded = load_rules(rules_copy)
    assert reloaded.scorer.weights == tuning.scorer.weights and reloaded.scorer.intercept == tuning.scorer.intercept
    assert reloaded.thresholds["match_threshold"] == tuning.best.threshold
    metrics = evaluate(pairs, reloaded, "match")
    assert (metrics.precision, metrics.recall) == (tuning.best.precision, tuning.best.recall)


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="no POSIX permissions")
def test_written_rules_keep_their_permissions(tmp_path: Path, rules_copy: Path) -> None:
    for name in ("thresholds.toml", "scorer.toml"):
        (rules_copy / name).chmod(0o644)
    write_tuning(rules_copy, tune(read_pairs(write_csv(tmp_path / "p.csv")), load_rules(rules_copy), "match"))
    assert [(rules_copy / n).stat().st_mode & 0o777 for n in ("thresholds.toml", "scorer.toml")] == [0o644, 0o644]


def test_keep_weights_leaves_scorer_toml_alone(tmp_path: Path, rules_copy: Path) -> None:
    before = (rules_copy / "scorer.toml").read_bytes()
    result = runner.invoke(app, ["tune", str(write_csv(tmp_path / "p.csv")), "--keep-weights", "--write",
                                 "--rules", str(rules_copy), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (rules_copy / "scorer.toml").read_bytes() == before


FIRST = "The city council approved the new budget for public schools on Monday evening."
REPEAT = "The city council approved a new budget for schools on Monday evening."
# Adjacent, so only the ratio can pair them (a restatement must lie further away).
ARTICLE = f"{FIRST}\n\n{REPEAT}\n\nResidents packed the hall to hear the debate, which lasted four hours.\n"


def _duplicates(article: Path, rules: Path) -> list[str]:
    report = checker.check([article], rules=load_rules(rules))
    return [d.method for d in report.articles[0].duplicates]


def test_a_written_duplicate_threshold_changes_what_check_finds(tmp_path: Path, rules_copy: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    ratio = fuzz.ratio(fold(FIRST).lower(), fold(REPEAT).lower()) / 100
    assert 0.9 <= ratio < 0.99
    assert _duplicates(article, rules_copy) == ["fuzzy"]  # the shipped duplicate_threshold, 0.9
    # Labelled so that this near-repeat is not a duplicate: the best threshold lies above its ratio.
    strict = write_csv(tmp_path / "strict.csv", rows=[
        (FIRST, FIRST.upper(), 1),
        (REPEAT, REPEAT.replace(".", "!"), 1),
        (FIRST, REPEAT, 0),
        (FIRST, "Residents packed the hall to hear the debate.", 0),
    ])
    result = runner.invoke(app, ["tune", str(strict), "--target", "duplicate", "--write",
                                 "--rules", str(rules_copy), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert load_rules(rules_copy).thresholds["duplicate_threshold"] > ratio
    assert _duplicates(article, rules_copy) == []
    # Labelled the other way, the threshold drops to the pair's ratio and check finds it again.
    loose = write_csv(tmp_path / "loose.csv", rows=[(FIRST, REPEAT, 1), (FIRST, "Residents packed the hall.", 0)])
    result = runner.invoke(app, ["tune", str(loose), "--target", "duplicate", "--write",
                                 "--rules", str(rules_copy), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert load_rules(rules_copy).thresholds["duplicate_threshold"] <= ratio
    assert _duplicates(article, rules_copy) == ["fuzzy"]


BUDGET = "The city council approved the new budget for public libraries on Monday evening."
BUDGET_REWORDED = "On Monday evening the city council voted to approve the new public library budget."
SNOW = "Heavy snow closed the mountain passes across the northern province for three days."


def _relations(paths: list[Path], rules: Path) -> list[str]:
    return [p.relation for p in checker.check(paths, rules=load_rules(rules)).pairs]


def test_a_written_match_threshold_changes_how_check_relates_claims(tmp_path: Path, rules_copy: Path) -> None:
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    # Articles naming different places tell different stories, where only the paraphrase score relates two claims.
    for path, text, other in zip(paths, (BUDGET, BUDGET_REWORDED), ("Harwich Quay reopened to ferries.", "Dovercourt Mill burned in 1911.")):
        path.write_text(f"date 2025-09-15\n\n{other}\n\n{text}\n", encoding="utf-8")
    assert _relations(paths, rules_copy) == ["agrees"]  # the shipped match_threshold
    # Labelled so that only copies match: the threshold rises above this paraphrase's probability.
    strict = write_csv(tmp_path / "strict.csv", rows=[
        (BUDGET, BUDGET_REWORDED, 0), (BUDGET, BUDGET.upper(), 1), (BUDGET_REWORDED, BUDGET_REWORDED.lower(), 1), (BUDGET, SNOW, 0),
    ])
    result = runner.invoke(app, ["tune", str(strict), "--keep-weights", "--write",
                                 "--rules", str(rules_copy), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    probability = checker.check(paths, rules=load_rules(rules_copy)).pairs[0].similarity
    assert load_rules(rules_copy).thresholds["match_threshold"] > probability
    assert _relations(paths, rules_copy) == ["related"]
    # Labelled the other way, with a looser paraphrase matching too: the pair agrees again.
    loose = write_csv(tmp_path / "loose.csv", rows=[
        (BUDGET, BUDGET_REWORDED, 1), (BUDGET, "The council met on Monday evening to talk about the budget for roads.", 1),
        (BUDGET, SNOW, 0), (BUDGET_REWORDED, SNOW, 0),
    ])
    result = runner.invoke(app, ["tune", str(loose), "--keep-weights", "--write",
                                 "--rules", str(rules_copy), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert load_rules(rules_copy).thresholds["match_threshold"] <= probability
    assert _relations(paths, rules_copy) == ["agrees"]


# Evaluate


def test_evaluate_last_line_is_the_metrics(tmp_path: Path, rules_copy: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(write_jsonl(tmp_path / "p.jsonl")), "--target", "duplicate",
                                 "--rules", str(rules_copy)])
    assert result.exit_code == 0, result.output
    last = result.stdout.rstrip("\n").splitlines()[-1]
    assert LAST_LINE.fullmatch(last) and last.endswith("threshold=0.900 n=8")


def test_evaluate_uses_the_rules_threshold(rules_copy: Path) -> None:
    pairs = LabelledPairs("mem", ("a b c d", "e f g h"), ("a b c d", "e f g x"), (1, 0), (1.0, 0.0), (1, 2), ("a", "b", "l"))
    metrics = evaluate(pairs, load_rules(rules_copy), "duplicate")
    assert metrics.threshold == 0.9 and metrics.true_positives == 1 and metrics.false_positives == 0


@pytest.mark.parametrize("command", ["tune", "evaluate"])
def test_help_documents_columns_and_options(command: str) -> None:
    output = runner.invoke(app, [command, "--help"], terminal_width=200).output
    for option in ("--target", "--rules", "--a-column", "--b-column", "--label-column", "--positive-above"):
        assert option in output
    if command == "tune":
        for text in ("--min-precision", "--write", "--out", "#1 String", "Quality", "sentence1"):
            assert text in output
