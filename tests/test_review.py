"""Review files: made from a report, marked, read back by tune and evaluate; the next check follows the marks."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import checker
from checker.cli import app
from checker.errors import InputError
from checker.align import vocabulary
from checker.classify import Context, qualifier_classes
from checker.review import (
    MIN_MARKED,
    ReviewRow,
    gap_values,
    merge_reviews,
    neutralise,
    pair_key,
    read_review,
    render_review,
    restore,
    story_share,
)

RULES = Path(__file__).resolve().parents[1] / "rules"
runner = CliRunner()

# Four short reports of one town's week: paraphrases, two real conflicts, a false negation
# conflict, pairs about different events and a paraphrase both the scorer and the alignment miss.
ARTICLES = {
    "harbour_gazette.txt": """Title: Harbour bridge opens after three years of work
Date: 2026-03-02

The new harbour bridge in Kelmsford opened to traffic on Monday morning.
Mayor Ruth Anselm cut the ribbon in front of about 1,200 residents.
The bridge cost 48 million pounds, the council said.
Engineers from Dovetail Works built the span over three years.
Cyclists will be able to use a separate lane from next month.
The old ferry service will stop running at the end of April.
Dovetail Works hired many of its builders from the town itself.
""",
    "coast_courier.txt": """Title: Kelmsford celebrates its bridge
Date: 2026-03-02

Traffic began crossing Kelmsford's new harbour bridge on Monday.
Some 1,250 people watched Mayor Ruth Anselm open the bridge.
According to the council, the project cost 52 million pounds.
The span was built by Dovetail Works over a period of three years.
A lane for cyclists is due to open next month.
Local fishermen said the harbour had been quiet all week.
Most of those who worked for Dovetail Works on the span were Kelmsford locals.
""",
    "valley_post.txt": """Title: Factory jobs and a new bridge
Date: 2026-03-03

The Orrin textile factory in Kelmsford will hire 300 workers this spring.
The factory's owner said demand for wool had risen sharply.
Kelmsford's harbour bridge, which opened on Monday, will shorten deliveries to the factory.
The ferry that crossed the harbour will not run after April.
Council members approved a new parking plan for the town centre.
""",
    "north_echo.txt": """Title: Storm closes roads near Kelmsford
Date: 2026-03-04

A storm closed several roads near Kelmsford on Wednesday night.
Police said no one was hurt when a tree fell on the coast road.
The harbour bridge stayed open throughout the storm.
The Orrin factory plans to take on 300 new staff in the spring.
Council members have not yet approved the parking plan.
""",
}
# Pairs named by a phrase of each claim.
OPENING = ("opened to traffic", "Traffic began crossing")
BUILDERS = ("Engineers from Dovetail", "period of three years")
CYCLISTS = ("separate lane", "lane for cyclists")
DELIVERIES = ("opened to traffic", "shorten deliveries")
FACTORY = ("Orrin textile factory", "Orrin factory plans")
PARKING = ("approved a new parking", "have not yet approved")
STORM = ("opened to traffic", "stayed open throughout")
CROWD = ("about 1,200 residents", "Some 1,250 people")
LOCALS = ("builders from the town", "Kelmsford locals")


@pytest.fixture
def town(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    return folder


def check_report(articles: Path, out: Path, rules: Path | None = None) -> Path:
    args = ["check", str(articles), "--out", str(out)] + (["--rules", str(rules)] if rules else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return out / "report.json"


def make_review(report: Path, out: Path, *extra: str) -> list[dict[str, str]]:
    result = runner.invoke(app, ["review", str(report), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def find(rows: list[dict[str, str]], pair: tuple[str, str]) -> dict[str, str]:
    found = [r for r in rows if {p for p in pair if p in r["claim_a"] or p in r["claim_b"]} == set(pair)]
    assert len(found) == 1, f"{pair}: {len(found)} rows"
    return found[0]


def mark(rows: list[dict[str, str]], verdicts: dict[tuple[str, str], str], path: Path) -> Path:
    for pair, verdict in verdicts.items():
        find(rows, pair)["verdict"] = verdict
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL)
        writer.writeheader()
        writer.writerows(rows)
    return path


def reported(report: checker.Report, pair: tuple[str, str]) -> str | None:
    """Return the relation the report gives the pair, None when it is not reported."""
    for p in report.pairs:
        texts = report.claim(p.a).text + " " + report.claim(p.b).text
        if all(phrase in texts for phrase in pair):
            return p.relation
    return None


def one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.strip().count("\n") == 0, result.stderr
    return result.stderr


# Making a review


def test_review_lists_every_reported_pair_then_the_near_misses(town: Path, tmp_path: Path) -> None:
    report = check_report(town, tmp_path / "out")
    data = json.loads(report.read_text(encoding="utf-8"))
    rows = make_review(report, tmp_path / "review.csv")
    listed = [r for r in rows if r["listed"] == "reported"]
    assert [(r["claim_id_a"], r["claim_id_b"]) for r in listed] == [(p["a"], p["b"]) for p in data["pairs"]]
    assert [r["relation"] for r in listed] == [p["relation"] for p in data["pairs"]]
    misses = rows[len(listed):]
    assert misses and all(r["relation"] == "not reported" for r in misses)
    related = data["settings"]["related_threshold"]
    assert all(float(r["similarity"]) < related for r in misses)
    assert [float(r["similarity"]) for r in misses] == sorted((float(r["similarity"]) for r in misses), reverse=True)
    assert all(r["verdict"] == "" for r in rows)
    # A paraphrase the scorer rates low and whose concepts align below align_threshold: listed,
    # with the thresholds that left it out, so that it can be marked.
    locals_ = find(rows, LOCALS)
    assert locals_["relation"] == "not reported" and locals_["line_a"] and Path(locals_["path_a"]).is_file()
    assert "below related_threshold" in locals_["listed"] and "below align_threshold" in locals_["listed"]


def test_misses_option_caps_the_near_misses(town: Path, tmp_path: Path) -> None:
    report = check_report(town, tmp_path / "out")
    rows = make_review(report, tmp_path / "review.csv", "--misses", "2")
    assert sum(r["relation"] == "not reported" for r in rows) == 2
    rows = make_review(report, tmp_path / "none.csv", "--misses", "0")
    assert all(r["listed"] == "reported" for r in rows)


def test_review_csv_is_utf8_with_a_mark_and_every_field_quoted(town: Path, tmp_path: Path) -> None:
    report = check_report(town, tmp_path / "out")
    make_review(report, tmp_path / "review.csv")
    raw = (tmp_path / "review.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    for line in raw.decode("utf-8-sig").splitlines()[:3]:
        assert line.startswith('"') and line.endswith('"')


def test_formulas_are_neutralised_and_read_back_as_written(tmp_path: Path) -> None:
    claims = ["=HYPERLINK(\"http://x\")", "+44 people were hurt", "-3 degrees overnight", "@mayor said so", "Plain = fine"]
    rows = [
        ReviewRow(pair_key("a", text, "b", "other"), "a", 1, text, "b", 2, "other", "related", "", 0.3, "reported",
                  claim_id_a="a:1", claim_id_b="b:1", path_a="/a.txt", path_b="/b.txt")
        for text in claims
    ]
    path = tmp_path / "review.csv"
    path.write_text(render_review(rows, "csv"), encoding="utf-8-sig", newline="")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        cells = [r["claim_a"] for r in csv.DictReader(handle)]
    assert cells == ["'=HYPERLINK(\"http://x\")", "'+44 people were hurt", "'-3 degrees overnight", "'@mayor said so", "Plain = fine"]
    assert [r.claim_a for r in read_review(path)] == claims
    assert neutralise("'=x") == "'=x" and restore("'quoted") == "'quoted"


def test_jsonl_review_reads_back_the_same_rows(town: Path, tmp_path: Path) -> None:
    report = check_report(town, tmp_path / "out")
    csv_rows = read_review(tmp_path / "r.csv") if make_review(report, tmp_path / "r.csv") else []
    result = runner.invoke(app, ["review", str(report), "--out", str(tmp_path / "r.jsonl")])
    assert result.exit_code == 0, result.output
    first = json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert {"key", "verdict", "claim_a", "claim_b", "similarity"} <= set(first)
    assert [r.key for r in read_review(tmp_path / "r.jsonl")] == [r.key for r in csv_rows]


def test_pair_key_ignores_order_numbering_and_spacing() -> None:
    key = pair_key("gazette", "The bridge opened on Monday.", "courier", "Traffic crossed the bridge.")
    assert key == pair_key("courier", "Traffic  crossed the bridge.", "gazette", "The bridge opened on Monday.")
    assert key != pair_key("gazette", "The bridge opened on Tuesday.", "courier", "Traffic crossed the bridge.")
    assert key != pair_key("post", "The bridge opened on Monday.", "courier", "Traffic crossed the bridge.")


def test_reviewing_again_keeps_the_verdicts_already_given(town: Path, tmp_path: Path) -> None:
    report = check_report(town, tmp_path / "out")
    rows = make_review(report, tmp_path / "review.csv")
    mark(rows, {OPENING: "agrees", STORM: "unrelated"}, tmp_path / "review.csv")
    result = runner.invoke(app, ["review", str(report), "--out", str(tmp_path / "review.csv")])
    assert result.exit_code == 0 and "2 verdicts kept" in result.output
    again = read_review(tmp_path / "review.csv")
    assert sorted(r.verdict for r in again if r.verdict) == ["agrees", "unrelated"]


# Tuning from marks: the next check follows them


def test_a_pair_marked_unrelated_is_no_longer_reported_after_tuning(town: Path, tmp_path: Path, rules_copy: Path) -> None:
    report = check_report(town, tmp_path / "out", rules_copy)
    rows = make_review(report, tmp_path / "review.csv")
    marks = {OPENING: "agrees", BUILDERS: "agrees", CYCLISTS: "agrees", DELIVERIES: "agrees", FACTORY: "agrees",
             PARKING: "conflicts", STORM: "unrelated"}
    for r in rows:  # the near misses are rightly left out, but for the one paraphrase
        if r["relation"] == "not reported" and r is not find(rows, CROWD):
            r["verdict"] = "unrelated"
    path = mark(rows, marks, tmp_path / "review.csv")
    before = checker.check([town], rules=checker.load_rules(rules_copy))
    assert reported(before, STORM) is not None

    result = runner.invoke(app, ["tune", str(path), "--rules", str(rules_copy), "--write"], terminal_width=200)

    assert result.exit_code == 0, result.output
    assert "written:" in result.output and "not reported" in result.output
    after = checker.check([town], rules=checker.load_rules(rules_copy))
    assert reported(after, STORM) is None
    for pair in (OPENING, BUILDERS, CYCLISTS, FACTORY):
        assert reported(after, pair) == "agrees"
    assert reported(after, PARKING) == "conflicts"


def test_a_missed_pair_marked_agrees_is_reported_after_tuning(town: Path, tmp_path: Path, rules_copy: Path) -> None:
    report = check_report(town, tmp_path / "out", rules_copy)
    rows = make_review(report, tmp_path / "review.csv")
    marks = {OPENING: "agrees", BUILDERS: "agrees", CYCLISTS: "agrees", DELIVERIES: "agrees", FACTORY: "agrees",
             PARKING: "conflicts", LOCALS: "agrees", ("Traffic began crossing", "shorten deliveries"): "agrees",
             ("48 million", "52 million"): "conflicts", ("old ferry service", "ferry that crossed"): "agrees"}
    path = mark(rows, marks, tmp_path / "review.csv")
    before = checker.check([town], rules=checker.load_rules(rules_copy))
    assert reported(before, LOCALS) is None
    thresholds_before = checker.load_rules(rules_copy).thresholds

    result = runner.invoke(app, ["tune", str(path), "--rules", str(rules_copy), "--write"], terminal_width=200)

    assert result.exit_code == 0, result.output
    after = checker.check([town], rules=checker.load_rules(rules_copy))
    assert reported(after, LOCALS) == "agrees"
    # The pair's concepts align below align_threshold: that threshold, and agree_threshold above it, came down to it.
    thresholds_after = checker.load_rules(rules_copy).thresholds
    assert thresholds_after["align_threshold"] < thresholds_before["align_threshold"]
    assert thresholds_after["agree_threshold"] < thresholds_before["agree_threshold"]
    assert reported(after, ("48 million", "52 million")) == "conflicts"


def test_tune_without_write_changes_no_rule_and_names_the_wrong_conflict_rule(town: Path, tmp_path: Path, rules_copy: Path) -> None:
    report = check_report(town, tmp_path / "out", rules_copy)
    rows = make_review(report, tmp_path / "review.csv")
    for r in rows:
        r["verdict"] = "unrelated"
    marks = {OPENING: "agrees", BUILDERS: "agrees", CYCLISTS: "agrees", ("old ferry service", "ferry that crossed"): "agrees"}
    path = mark(rows, marks, tmp_path / "review.csv")
    files = {p.name: p.read_bytes() for p in rules_copy.glob("*.toml")}
    result = runner.invoke(app, ["tune", str(path), "--rules", str(rules_copy)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert {p.name: p.read_bytes() for p in rules_copy.glob("*.toml")} == files
    wrong = result.output.split("conflict rules wrong most often", 1)[1].splitlines()[1]
    assert wrong.strip().startswith("negation:") and "marked agrees" in wrong and str(path) in wrong
    for name in ("match_threshold", "related_threshold", "number_tolerance"):
        assert name in result.output
    assert "right relation:" in result.output


def test_evaluate_scores_marked_rows_and_changes_nothing(town: Path, tmp_path: Path, rules_copy: Path) -> None:
    report = check_report(town, tmp_path / "out", rules_copy)
    rows = make_review(report, tmp_path / "review.csv")
    path = mark(rows, {OPENING: "agrees", STORM: "unrelated", PARKING: "conflicts"}, tmp_path / "review.csv")
    files = {p.name: p.read_bytes() for p in rules_copy.glob("*.toml")}
    result = runner.invoke(app, ["evaluate", str(path), "--rules", str(rules_copy)], terminal_width=200)
    assert result.exit_code == 0, result.output
    # OPENING agrees and PARKING conflicts as marked; STORM is reported, marked unrelated.
    assert result.output.strip().splitlines()[-1] == "right=2 of n=3 accuracy=0.667"
    assert {p.name: p.read_bytes() for p in rules_copy.glob("*.toml")} == files


# Several reviews


def row(key: str, verdict: str, where: str) -> ReviewRow:
    return ReviewRow(key, "a", 1, "x", "b", 1, "y", "related", "", 0.3, "reported", verdict=verdict,
                     claim_id_a="a:1", claim_id_b="b:1", path_a="/a.txt", path_b="/b.txt", where=where)


def test_the_latest_verdict_for_a_pair_wins_and_blanks_never_undo_one() -> None:
    first = [row("k1", "agrees", "one.csv:2"), row("k2", "unrelated", "one.csv:3"), row("k1", "conflicts", "one.csv:4")]
    second = [row("k1", "related", "two.csv:2"), row("k2", "", "two.csv:3")]
    merged, replaced = merge_reviews([first, second])
    assert {r.key: r.verdict for r in merged} == {"k1": "related", "k2": "unrelated"}
    assert replaced == 2


def test_tune_merges_reviews_given_together(town: Path, tmp_path: Path, rules_copy: Path) -> None:
    report = check_report(town, tmp_path / "out", rules_copy)
    rows = make_review(report, tmp_path / "one.csv")
    for r in rows:
        r["verdict"] = "unrelated"
    mark(rows, {OPENING: "agrees", STORM: "agrees"}, tmp_path / "one.csv")
    again = make_review(report, tmp_path / "two.csv")
    mark(again, {STORM: "unrelated"}, tmp_path / "two.csv")
    result = runner.invoke(app, ["tune", str(tmp_path / "one.csv"), str(tmp_path / "two.csv"), "--rules", str(rules_copy)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert f"{len(rows)} marked pairs (1 earlier verdict replaced by later ones)" in result.output


# Bad input: one line, exit 2, never a traceback


def test_too_few_marked_rows_says_how_many_more(town: Path, tmp_path: Path, rules_copy: Path) -> None:
    report = check_report(town, tmp_path / "out", rules_copy)
    rows = make_review(report, tmp_path / "review.csv")
    path = mark(rows, {OPENING: "agrees", STORM: "unrelated", PARKING: "conflicts"}, tmp_path / "review.csv")
    error = one_line_error(runner.invoke(app, ["tune", str(path), "--rules", str(rules_copy)]))
    assert f"mark {MIN_MARKED - 3} more" in error


def test_a_bad_verdict_names_its_row(town: Path, tmp_path: Path) -> None:
    report = check_report(town, tmp_path / "out")
    rows = make_review(report, tmp_path / "review.csv")
    rows[2]["verdict"] = "maybe"
    path = mark(rows, {}, tmp_path / "review.csv")
    error = one_line_error(runner.invoke(app, ["tune", str(path)]))
    assert f"{path}:4" in error and "'maybe'" in error and "different-event" in error
    assert one_line_error(runner.invoke(app, ["evaluate", str(path)])) == error


def test_verdicts_are_read_in_any_case_and_spacing(tmp_path: Path) -> None:
    rows = [row("k1", "", "")]
    text = render_review(rows, "csv").replace('"reported","",', '"reported"," Different Event ",')
    (tmp_path / "r.csv").write_text(text, encoding="utf-8")
    assert read_review(tmp_path / "r.csv")[0].verdict == "different-event"


@pytest.mark.parametrize("command", ["tune", "evaluate"])
def test_missing_or_unreadable_review_is_a_one_line_error(tmp_path: Path, command: str) -> None:
    assert "no such file" in one_line_error(runner.invoke(app, [command, str(tmp_path / "gone.csv")]))
    (tmp_path / "binary.csv").write_bytes(bytes(range(256)) * 8)
    one_line_error(runner.invoke(app, [command, str(tmp_path / "binary.csv")]))
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    one_line_error(runner.invoke(app, [command, str(folder)]))


def test_a_file_that_is_no_review_is_refused(town: Path, tmp_path: Path) -> None:
    report = check_report(town, tmp_path / "out")
    make_review(report, tmp_path / "review.csv")
    other = tmp_path / "notes.csv"
    other.write_text("name,score\nbridge,3\n", encoding="utf-8")
    assert "not a review file" in one_line_error(runner.invoke(app, ["tune", str(tmp_path / "review.csv"), str(other)]))
    assert "text_a" in one_line_error(runner.invoke(app, ["tune", str(other)]))
    with pytest.raises(InputError, match="not a review file"):
        read_review(other)


def test_review_of_a_file_that_is_no_report_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text('{"name": "bridge"}', encoding="utf-8")
    assert "not a checker report" in one_line_error(runner.invoke(app, ["review", str(tmp_path / "other.json")]))
    assert "no such file" in one_line_error(runner.invoke(app, ["review", str(tmp_path / "none.json")]))
    (tmp_path / "notes.csv").write_text("x\n", encoding="utf-8")
    assert "not JSON" in one_line_error(runner.invoke(app, ["review", str(tmp_path / "notes.csv")]))


def test_review_does_not_overwrite_another_kind_of_file(town: Path, tmp_path: Path) -> None:
    report = check_report(town, tmp_path / "out")
    precious = tmp_path / "budget.csv"
    precious.write_text("item,cost\nbridge,48\n", encoding="utf-8")
    assert "not a review file" in one_line_error(runner.invoke(app, ["review", str(report), "--out", str(precious)]))
    assert precious.read_text(encoding="utf-8") == "item,cost\nbridge,48\n"


def test_missing_article_skips_near_misses_with_a_warning(town: Path, tmp_path: Path) -> None:
    report = check_report(town, tmp_path / "out")
    pairs = len(json.loads(report.read_text(encoding="utf-8"))["pairs"])
    (town / "north_echo.txt").unlink()
    result = runner.invoke(app, ["review", str(report), "--out", str(tmp_path / "review.csv")])
    assert result.exit_code == 0 and "near misses left out" in result.stderr
    assert len(read_review(tmp_path / "review.csv")) == pairs


def test_gap_values_sit_between_scores_and_keep_the_current_one() -> None:
    assert gap_values([0.2, 0.6], 0.4231) == [0.1, 0.4, 0.4231, 0.8]
    assert gap_values([0.2, 0.6], 0.3, high=0.5) == [0.1, 0.3, 0.35]


# number_tolerance: approximate figures within it of each other agree

LIBRARY = {
    "dunmore_herald.txt": "About 1,200 people attended the opening of the new library in Dunmore on Friday.\n"
    "Some 300 volunteers helped move the books from the old Dunmore library.\n",
    "dunmore_times.txt": "1,250 people attended the opening of the new library in Dunmore on Friday.\n"
    "About 450 volunteers helped move the books from the old Dunmore library.\n",
}
ATTENDANCE = ("About 1,200 people", "1,250 people attended")
VOLUNTEERS = ("Some 300 volunteers", "About 450 volunteers")


def test_number_tolerance_follows_pairs_marked_agrees_and_conflicts(town: Path, tmp_path: Path, rules_copy: Path) -> None:
    for name, text in LIBRARY.items():
        (town / name).write_text(text, encoding="utf-8")
    thresholds = rules_copy / "thresholds.toml"
    thresholds.write_text(thresholds.read_text(encoding="utf-8").replace("number_tolerance = 0.1", "number_tolerance = 0.0"), encoding="utf-8")
    report = check_report(town, tmp_path / "out", rules_copy)
    rows = make_review(report, tmp_path / "review.csv")
    assert find(rows, ATTENDANCE)["conflicts"].startswith("number:")
    marks = {OPENING: "agrees", BUILDERS: "agrees", CYCLISTS: "agrees", DELIVERIES: "agrees", FACTORY: "agrees",
             PARKING: "conflicts", STORM: "unrelated", ATTENDANCE: "agrees", VOLUNTEERS: "conflicts",
             ("old ferry service", "ferry that crossed"): "agrees"}
    path = mark(rows, marks, tmp_path / "review.csv")

    result = runner.invoke(app, ["tune", str(path), "--rules", str(rules_copy), "--write"], terminal_width=200)

    assert result.exit_code == 0, result.output
    tolerance = checker.load_rules(rules_copy).thresholds["number_tolerance"]
    assert (1250 - 1200) / 1200 <= tolerance < (450 - 300) / 450
    after = checker.check([town], rules=checker.load_rules(rules_copy))
    assert reported(after, ATTENDANCE) == "agrees"
    assert reported(after, VOLUNTEERS) == "conflicts"


def test_story_share_weighs_shared_name_words_as_classify_does() -> None:
    rules = checker.load_rules(RULES)
    names = {"x": frozenset({"kelmsford", "anselm", "dovetail"}), "y": frozenset({"kelmsford", "anselm", "orrin"}),
             "z": frozenset({"kelmsford", "harrow"})}
    idf = {"kelmsford": 1.0, "anselm": 2.0, "dovetail": 3.0, "orrin": 3.0, "harrow": 3.0}
    context = Context(vocabulary(rules), qualifier_classes(rules), article_names=names, name_idf=idf)
    assert story_share(context, "x", "y") == pytest.approx(2 * 3.0 / (6.0 + 6.0))
    assert story_share(context, "y", "x") == story_share(context, "x", "y")
    assert story_share(context, "x", "z") is None  # one shared name word is a coincidence
    context.story_threshold = 0.5
    assert context.same_story("x", "y")
    context.story_threshold, context.stories = 0.51, {}
    assert not context.same_story("x", "y")
