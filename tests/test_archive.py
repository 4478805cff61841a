"""Archives: one article per JSON Lines or CSV row; bad rows skipped by line, ids stable, fields named by options."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import checker
from checker.archive import ArchiveFields
from checker.cli import app
from checker.corpus import Corpus
from checker.sources import InputOptions

STORIES = [
    {
        "id": "mill-1",
        "title": "Paper mill to cut jobs",
        "date": "2024-06-11",
        "author": "Ruth Abebe",
        "text": "The Kessling paper mill will cut 140 jobs by the end of the year, its owner said on Tuesday.\n"
        "The company blamed falling orders for newsprint and the cost of energy at the site.\n",
    },
    {
        "id": "mill-2",
        "title": "Union disputes mill figures",
        "date": "June 12, 2024",
        "text": "The union at the Kessling paper mill said 190 jobs would go, not 140 as the owner said.\n"
        "A union official said the owner had left out the contract workers in the packing hall.\n",
    },
    {
        "title": "Mill town waits for news",
        "date": "2024-06-13T09:00:00Z",
        "text": "Shops in the town around the Kessling paper mill said trade had already slowed this month.\n"
        "The mayor said she would meet the owner next week to talk about the jobs at the site.\n",
    },
]


def write_jsonl(path: Path, rows: list[object], *, compress: bool = False) -> Path:
    lines = "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)
    path.write_bytes(gzip.compress(lines.encode("utf-8")) if compress else lines.encode("utf-8"))
    return path


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_jsonl_rows_become_articles_with_their_fields(tmp_path: Path) -> None:
    report = checker.check([write_jsonl(tmp_path / "mill.jsonl", STORIES)], jobs=1)
    by_id = {a.id: a for a in report.articles}
    assert list(by_id) == ["mill-1", "mill-2", "mill-3"]
    first = by_id["mill-1"]
    assert (first.title, first.date, first.author, first.source) == ("Paper mill to cut jobs", "2024-06-11", "Ruth Abebe", "archive")
    assert first.path == f"{tmp_path / 'mill.jsonl'}:1"
    assert first.text == "Paper mill to cut jobs\n" + STORIES[0]["text"]
    assert first.claims[0].kind == "heading" and first.claims[0].line == 1
    assert by_id["mill-2"].date == "2024-06-12"
    assert by_id["mill-3"].date == "2024-06-13"
    assert any(p.relation == "conflicts" for p in report.pairs)


def test_row_that_is_not_json_is_skipped_with_its_line_and_the_rest_checked(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mill.jsonl", [STORIES[0], '{"id": "broken", "text": "unterminated', "", '["a", "list"]', STORIES[1]])
    report = checker.check([path], jobs=1)
    assert [a.id for a in report.articles] == ["mill-1", "mill-2"]
    assert [(s.path, s.reason.split(" (")[0]) for s in report.skipped] == [
        (f"{path}:2", "row 2: not JSON"),
        (f"{path}:4", "row 3: not a JSON object but list"),
    ]
    assert report.articles[1].path == f"{path}:5"


def test_ids_come_from_the_id_field_else_file_stem_and_row_and_stay_unique(tmp_path: Path) -> None:
    rows = [dict(STORIES[0]), dict(STORIES[0], text="The mill said on Wednesday that talks with the union would begin soon."), STORIES[2]]
    report = checker.check([write_jsonl(tmp_path / "mill.jsonl", rows)], jobs=1)
    assert [a.id for a in report.articles] == ["mill-1", "mill-1-2", "mill-3"]
    again = checker.check([tmp_path / "mill.jsonl"], jobs=1)
    assert [a.id for a in again.articles] == ["mill-1", "mill-1-2", "mill-3"]


def test_text_that_starts_with_its_headline_is_left_as_it_is(tmp_path: Path) -> None:
    row = dict(STORIES[0], text="Paper mill to cut jobs\n\n" + STORIES[0]["text"])
    [article] = checker.check([write_jsonl(tmp_path / "mill.jsonl", [row])], jobs=1).articles
    assert article.text == row["text"]


def test_field_options_name_other_keys(tmp_path: Path) -> None:
    rows = [{"uid": 7, "body": STORIES[0]["text"], "headline": "Mill cuts", "published": "2024-06-11", "by": "Ruth Abebe"}]
    fields = ArchiveFields(text="body", id="uid", title="headline", date="published", author="by")
    report = checker.check([write_jsonl(tmp_path / "x.jsonl", rows)], inputs=InputOptions(fields=fields), jobs=1)
    [article] = report.articles
    assert (article.id, article.title, article.date, article.author) == ("7", "Mill cuts", "2024-06-11", "Ruth Abebe")


def test_row_without_the_text_field_is_skipped_by_name(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mill.jsonl", [{"id": "a", "body": "no text key"}, {"id": "b", "text": 42}, STORIES[0]])
    report = checker.check([path], jobs=1)
    assert [a.id for a in report.articles] == ["mill-1"]
    assert [s.reason for s in report.skipped] == ["row 1: no 'text' field", "row 2: the 'text' field holds int, not text"]


def test_compressed_jsonl_is_read(tmp_path: Path) -> None:
    report = checker.check([write_jsonl(tmp_path / "mill.jsonl.gz", STORIES, compress=True)], jobs=1)
    assert [a.id for a in report.articles] == ["mill-1", "mill-2", "mill-3"]


def test_compressed_line_that_expands_past_the_limit_stops_the_reading(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps(STORIES[0]) + "\n").encode() + b'{"text": "' + b"a" * 20_000_000 + b'"}\n'))
    assert path.stat().st_size < 100_000
    report = checker.check([path], max_file_size=1_000_000, jobs=1)
    assert [a.id for a in report.articles] == ["mill-1"]
    [skipped] = report.skipped
    assert skipped.path == f"{path}:2" and "longer than the size limit" in skipped.reason


def test_csv_rows_with_quoted_multiline_text_keep_their_first_line(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "mill.csv",
        ["id", "title", "date", "author", "text"],
        [[s.get("id", ""), s["title"], s["date"], s.get("author", ""), s["text"]] for s in STORIES],
    )
    report = checker.check([path], jobs=1)
    assert [a.id for a in report.articles] == ["mill-1", "mill-2", "mill-3"]
    assert [a.path.rsplit(":", 1)[1] for a in report.articles] == ["2", "5", "8"]
    assert report.articles[0].author == "Ruth Abebe" and report.articles[1].author is None


def test_csv_without_the_text_column_is_named_with_its_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "mill.csv", ["id", "body"], [["1", STORIES[0]["text"]]])
    report = checker.check([path, write_jsonl(tmp_path / "ok.jsonl", STORIES[:1])], jobs=1)
    assert [a.id for a in report.articles] == ["mill-1"]
    [skipped] = report.skipped
    assert skipped.path == str(path)
    assert skipped.reason.startswith("no column 'text' (columns: id, body)")


def test_csv_row_missing_a_cell_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "mill.csv"
    path.write_text(f'id,title,text\na,Short row\nb,Mill,"{STORIES[0]["text"]}"\n', encoding="utf-8")
    report = checker.check([path], jobs=1)
    assert [a.id for a in report.articles] == ["b"]
    assert [(s.path, s.reason) for s in report.skipped] == [(f"{path}:2", "row 1: 2 cells for 3 columns: no 'text'")]


def test_rows_holding_web_pages_are_extracted(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in (STORIES[0]["text"] + STORIES[1]["text"]).splitlines())
    markup = f"<html><head><title>Mill cuts | Valley Post</title></head><body><nav><a href='/'>Home page</a></nav><article>{paragraphs}</article></body></html>"
    path = write_jsonl(tmp_path / "pages.jsonl", [{"id": "p1", "html": markup, "url": "https://valley.example/mill"}])
    report = checker.check([path], inputs=InputOptions(fields=ArchiveFields(html="html")), jobs=1)
    [article] = report.articles
    assert "Home page" not in article.text and "190 jobs" in article.text
    assert article.source == "archive" and article.url == "https://valley.example/mill"


def test_report_json_carries_source_and_url(tmp_path: Path) -> None:
    report = checker.check([write_jsonl(tmp_path / "mill.jsonl", STORIES[:2])], jobs=1)
    data = json.loads(checker.to_json(report))
    assert [(a["source"], a["url"]) for a in data["articles"]] == [("archive", None), ("archive", None)]


def test_cli_field_options_and_warnings_per_row(tmp_path: Path) -> None:
    rows = [{"key": "a", "body": STORIES[0]["text"]}, "not json", {"key": "b", "body": STORIES[1]["text"]}]
    path = write_jsonl(tmp_path / "mill.jsonl", rows)
    result = CliRunner().invoke(app, ["check", str(path), "--text-field", "body", "--id-field", "key", "--json", "-"])
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["a", "b"]
    assert [line for line in result.stderr.splitlines() if line.startswith("warning:")] == [
        f"warning: skipped {path}:2: row 2: not JSON (Expecting value at column 1)"
    ]


def test_corpus_add_stores_rows_under_their_ids(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mill.jsonl", STORIES)
    with Corpus(tmp_path / "corpus.sqlite", create=True) as store:
        result = store.add([path])
        assert [name for _, name in result.added] == ["mill-1", "mill-2", "mill-3"]
        assert [a.id for a in store.articles()] == ["mill-1", "mill-2", "mill-3"]


@pytest.mark.parametrize("name", ["mill.jsonl", "mill.csv"])
def test_extract_prints_every_row(tmp_path: Path, name: str) -> None:
    path = write_jsonl(tmp_path / name, STORIES) if name.endswith(".jsonl") else write_csv(
        tmp_path / name, ["id", "text"], [[s.get("id", ""), s["text"]] for s in STORIES]
    )
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 0
    assert result.stdout.count("==> ") == 3 and STORIES[2]["text"] in result.stdout


def test_headline_only_row_is_checked_as_its_headline(tmp_path: Path) -> None:
    rows = [{"id": "flash", "title": "Kessling mill owner confirms 140 job cuts", "text": ""}, {"id": "blank", "text": "  "}]
    report = checker.check([write_jsonl(tmp_path / "wire.jsonl", rows)], jobs=1)
    assert [(a.id, a.text) for a in report.articles] == [("flash", "Kessling mill owner confirms 140 job cuts\n")]
    assert [s.reason for s in report.skipped] == ["row 2: empty: no text to check"]


def test_many_bad_rows_warn_ten_times_and_count_the_rest(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mill.jsonl", [STORIES[0]] + ["{broken"] * 25)
    result = CliRunner().invoke(app, ["check", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 11
    assert warnings[-1] == f"warning: 15 more rows of {path} skipped (the report lists them)"
    assert len(json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["skipped"]) == 25
