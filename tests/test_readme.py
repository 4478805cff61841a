"""What the README says a command prints is what it prints: the walkthroughs are run as written."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def _section(heading: str) -> str:
    start = README.index(heading)
    following = README.find("\n## ", start + len(heading))
    return README[start : following if following != -1 else len(README)]


def _commented_commands(block: str) -> list[tuple[str, str]]:
    """Return (command, comment) for every `checker ... # comment` line of a shell block."""
    found = []
    for line in block.splitlines():
        match = re.match(r"^checker (?P<command>[^#]+?)\s+#\s*(?P<comment>.+)$", line)
        if match:
            found.append((match.group("command"), match.group("comment")))
    return found


def _heredoc(block: str, name: str) -> str:
    match = re.search(rf"cat > {re.escape(name)} <<'EOF'\n(?P<body>.*?)\nEOF\n", block, re.S)
    assert match, f"the README's walkthrough writes {name}"
    return match.group("body") + "\n"


@pytest.fixture
def walkthrough_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_corpus_walkthrough_prints_what_the_readme_says(walkthrough_folder: Path) -> None:
    section = _section("## A corpus: new articles against everything seen before")
    commented = _commented_commands(section)
    first_add, second_add = [comment for command, comment in commented if command == "corpus add seeds"]

    added = runner.invoke(app, ["corpus", "add", "seeds"])
    assert added.exit_code == 0
    assert first_add in added.output

    again = runner.invoke(app, ["corpus", "add", "seeds"])
    assert second_add.removesuffix(" ...") in again.output

    stats = runner.invoke(app, ["corpus", "stats", "--json"])
    promised_stats = json.loads(dict(commented)["corpus stats --json"].replace(", ...}", "}"))
    shown = json.loads(stats.output)
    assert {key: shown[key] for key in promised_stats} == promised_stats

    (walkthrough_folder / "new-article.txt").write_text(_heredoc(section, "new-article.txt"), encoding="utf-8")
    checked = runner.invoke(
        app, ["check", "new-article.txt", "--corpus", ".checker/corpus.sqlite", "--add", "--out", "out"]
    )
    assert checked.exit_code == 0, checked.output
    report = json.loads((walkthrough_folder / "out" / "report.json").read_text(encoding="utf-8"))
    pairs = {(pair["a"], pair["b"]): pair for pair in report["pairs"]}

    # "here "25 political prisoners" conflicts with the stored "52 political prisoners" (`001_…`, line 1)"
    assert '"25 political prisoners" conflicts with the stored "52 political prisoners"' in " ".join(section.split())
    prisoners = pairs[("001_27d86f04458e5825:1", "new-article:1")]
    assert prisoners["relation"] == "conflicts"
    assert [(c["type"], c["a"], c["b"]) for c in prisoners["conflicts"]] == [
        ("number", "52 political prisoners", "25 political prisoners")
    ]

    # "the new line 4's "representatives from 23 countries" agrees with the stored defense ministry's statement (`001_…`, line 11)"
    assert "the new line 4's \"representatives from 23 countries\" agrees" in " ".join(section.split())
    claims = {claim["id"]: claim for article in report["articles"] for claim in article["claims"]}
    countries = [
        pair
        for pair in report["pairs"]
        if pair["relation"] == "agrees"
        and claims[pair["a"]]["line"] == 11
        and pair["a"].startswith("001_")
        and claims[pair["b"]]["line"] == 4
    ]
    assert countries and "23 countries" in claims[countries[0]["b"]]["text"]
