"""The command line: exit codes, one-line errors, help on every command, reports where asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
runner = CliRunner()


@pytest.mark.parametrize("command", [[], ["check"], ["claims"], ["rules"], ["review"], ["tune"], ["evaluate"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_check_help_explains_every_option() -> None:
    output = runner.invoke(app, ["check", "--help"], terminal_width=200).output
    for option in ("--out", "--json", "--markdown", "--rules", "--duplicate-threshold", "--match-threshold", "--fail-on"):
        assert option in output


def test_review_help_explains_the_verdicts_and_every_option() -> None:
    output = runner.invoke(app, ["review", "--help"], terminal_width=200).output
    for text in ("--out", "--format", "--misses", "--rules", "--jobs", "agrees, conflicts, related, unrelated", "different-event, update"):
        assert text in output


def test_tune_help_explains_review_files() -> None:
    output = runner.invoke(app, ["tune", "--help"], terminal_width=200).output
    for text in ("review files", "later file on the command line", "Blank", "number_tolerance", "--write", "--keep-weights"):
        assert text in output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("checker ")


def test_check_writes_both_reports_and_prints_a_summary(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(SEEDS), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.json").is_file() and (tmp_path / "report.md").is_file()
    assert "reliability" in result.output and str(tmp_path / "report.md") in result.output


def test_json_to_standard_output_is_valid_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(SEEDS), "--json", "-", "--markdown", str(tmp_path / "r.md")])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["version"] == 1 and len(report["articles"]) == 4
    assert (tmp_path / "r.md").is_file()


def test_missing_path_is_a_one_line_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "missing.txt"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr


def test_threshold_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(SEEDS), "--match-threshold", "7", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "match-threshold" in result.stderr


def test_fail_on_conflicts_exits_one_when_sources_conflict(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(SEEDS), "--fail-on", "conflicts", "--out", str(tmp_path)])
    assert result.exit_code == 1


def test_fail_on_duplicates_exits_zero_without_duplicates(tmp_path: Path) -> None:
    article = tmp_path / "one.txt"
    article.write_text("The council approved the budget on Monday. The vote was 7 to 2.\n")
    result = runner.invoke(app, ["check", str(article), "--fail-on", "duplicates", "--out", str(tmp_path)])
    assert result.exit_code == 0


def test_claims_json_lists_contract_fields() -> None:
    result = runner.invoke(app, ["claims", str(SEEDS / "001_27d86f04458e5825.txt"), "--json"])
    assert result.exit_code == 0
    claims = json.loads(result.stdout)
    assert claims and {"id", "text", "start", "end", "line", "kind", "hedged", "attribution", "numbers", "dates"} <= set(claims[0])


def test_claims_table_is_readable() -> None:
    result = runner.invoke(app, ["claims", str(SEEDS / "002_4b7f76ca00839283.txt")], terminal_width=200)
    assert result.exit_code == 0 and "heading" in result.output


def test_bad_rules_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(SEEDS), "--rules", str(tmp_path), "--out", str(tmp_path)])
    assert result.exit_code == 2 and "thresholds.toml" in result.stderr


def test_rules_command_prints_rationales() -> None:
    result = runner.invoke(app, ["rules", "A101"])
    assert result.exit_code == 0 and "What it flags" in result.output
