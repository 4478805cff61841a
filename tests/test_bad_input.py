"""Bad input and hostile text: every case is checked or skipped with one clear line, never a traceback."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import checker
from checker.cli import app
from checker.rules import load_rules

RULES = load_rules(Path(__file__).resolve().parents[1] / "rules")
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
runner = CliRunner()
SENTENCE = "The city council approved the new budget on Monday after a long debate."


def _run(tmp_path: Path, *paths: Path, extra: tuple[str, ...] = ()) -> tuple[int, str, dict | None]:
    out = tmp_path / "out"
    result = runner.invoke(app, ["check", *map(str, paths), "--out", str(out), *extra])
    assert "Traceback" not in result.output
    report = json.loads((out / "report.json").read_text()) if (out / "report.json").exists() else None
    return result.exit_code, result.stderr, report


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\r\n   \n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary"),
        ("random.txt", bytes((i * 7919 + 13) % 256 for i in range(5000)), ""),
    ],
)
def test_unusable_files_are_skipped_with_one_warning_line(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    bad = _write(tmp_path / name, data)
    good = _write(tmp_path / "good.txt", SENTENCE.encode())
    code, stderr, report = _run(tmp_path, bad, good)
    assert code == 0
    warnings = [line for line in stderr.splitlines() if line.startswith("warning: skipped")]
    assert len(warnings) == 1 and name in warnings[0] and reason in warnings[0]
    assert [s["path"] for s in report["skipped"]] == [str(bad)]


def test_nothing_checkable_exits_two(tmp_path: Path) -> None:
    code, stderr, report = _run(tmp_path, _write(tmp_path / "empty.txt", b""))
    assert code == 2 and "no checkable article" in stderr and report is None


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""), ("utf-16-be", b""),
     ("latin-1", b""), ("cp1252", b""), ("utf-8", b"\xef\xbb\xbf")],
)
def test_encodings_are_decoded(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = "Café owners in Zürich said prices rose by 5 percent. The mayor disagreed.\n"
    if encoding == "cp1252":
        text = "Café owners said prices rose – by 5 percent. The mayor disagreed.\n"
    path = _write(tmp_path / "a.txt", bom + text.encode(encoding))
    report = checker.check([path])
    article = report.articles[0]
    assert article.text.lstrip("\ufeff") == text
    assert [c.text for c in article.claims][0].startswith("Café owners")


def test_mixed_line_endings_keep_offsets_and_lines(tmp_path: Path) -> None:
    text = "First claim is here today.\r\nSecond claim is here today.\nThird claim is here today.\r\n"
    report = checker.check([_write(tmp_path / "a.txt", text.encode())])
    claims = report.articles[0].claims
    assert [c.line for c in claims] == [1, 2, 3]
    assert all(report.articles[0].text[c.start:c.end] == c.text for c in claims)


def test_megabyte_line_without_punctuation_is_checked(tmp_path: Path) -> None:
    words = " ".join(f"word{i % 997}" for i in range(150_000))[:1_000_000]
    code, _, report = _run(tmp_path, _write(tmp_path / "long.txt", words.encode()), _write(tmp_path / "b.txt", SENTENCE.encode()))
    assert code == 0 and report["articles"][0]["claims"]


def test_twenty_thousand_copies_of_one_sentence(tmp_path: Path) -> None:
    path = _write(tmp_path / "copies.txt", ((SENTENCE + "\n") * 20_000).encode())
    code, stderr, report = _run(tmp_path, path)
    assert code == 0
    article = report["articles"][0]
    cap = int(RULES.thresholds["max_claims"])
    assert len(article["claims"]) == cap
    assert "max_claims" in stderr and article["notes"]
    assert len(article["duplicates"]) == cap - 1
    assert {d["a"] for d in article["duplicates"]} == {article["claims"][0]["id"]}


def test_near_identical_sentences_with_other_numbers_are_not_duplicates(tmp_path: Path) -> None:
    text = "\n".join(f"The factory shipped {n} crates of apples to the northern depot last week." for n in range(1, 201))
    report = checker.check([_write(tmp_path / "n.txt", text.encode())])
    assert report.articles[0].duplicates == ()


def test_file_names_with_spaces_and_non_ascii_letters(tmp_path: Path) -> None:
    path = _write(tmp_path / "Ünïcode nämé – 1.txt", SENTENCE.encode())
    code, _, report = _run(tmp_path, path)
    assert code == 0 and report["articles"][0]["id"] == "Ünïcode nämé – 1"


def test_file_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    big = _write(tmp_path / "big.txt", (SENTENCE + "\n").encode() * 200)
    code, stderr, report = _run(tmp_path, big, _write(tmp_path / "b.txt", SENTENCE.encode()), extra=("--max-file-size", "1000"))
    assert code == 0 and "larger than the 1,000-byte limit" in stderr
    assert report["skipped"][0]["path"] == str(big)


HOSTILE = (
    "Officials said the | pipe and `tick` and <script>alert(1)</script> were found. "
    "<!-- hidden --> A link [x](javascript:alert(1)) appeared in 2024.\n"
    "# Not a heading but a claim with a " + "verylongword" * 50 + " inside it.\n"
)


def test_hostile_text_renders_literally_with_tables_intact(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", HOSTILE.encode())
    b = _write(tmp_path / "b.txt", HOSTILE.replace("2024", "2023").encode())
    markdown = checker.to_markdown(checker.check([a, b]))
    assert not re.search(r"<(?:script|!--)", markdown)
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown)
    assert not re.search(r"^# Not a heading", markdown, re.MULTILINE)
    for table in re.findall(r"(?:^\|.*\|\n)+", markdown, re.MULTILINE):
        rows = table.splitlines()
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, table


def _all_patterns() -> list[tuple[str, re.Pattern[str]]]:
    patterns = [(f"furniture:{rule.name}", rule.pattern) for rule in RULES.furniture]
    patterns += [(f"lexicon:{name}", RULES.lexicon_pattern(name)) for name in RULES.lexicons]
    package = importlib.import_module("checker")
    for module_info in pkgutil.iter_modules(package.__path__):
        if module_info.name == "__main__":
            continue
        module = importlib.import_module(f"checker.{module_info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                patterns.append((f"{module_info.name}.{name}", value))
    return patterns


PATTERNS = _all_patterns()
ADVERSARIAL_PIECES = [
    "a", " ", ".", "a.", "A. ", "1,", "1.", "<", "<image>", "<img ", "data:image/png;base64,", "![", "](",
    "\"", "“", "—", ":", "-", "\n", "\r\n", "Mr. ", "U.S.", "about the", "Image Credit", "tens of ",
    "former President ", "said ", "January 1, ", "(", "[", "abc def ",
]
# Growing sizes stop a super-linear pattern at the first size it cannot handle, so a cubic one
# fails in a fraction of a second instead of stalling the suite; linear ones finish 20,000
# characters in a millisecond or two, far inside the budget.
SIZES = (500, 5_000, 20_000)
BUDGET_SECONDS = 0.25


def _exercise(pattern: re.Pattern[str], text: str) -> float:
    start = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    pattern.match(text)
    return time.perf_counter() - start


def _assert_linear(name: str, pattern: re.Pattern[str], piece: str, tail: str = "") -> None:
    for size in SIZES:
        text = piece * max(1, size // len(piece)) + tail
        elapsed = _exercise(pattern, text)
        assert elapsed < BUDGET_SECONDS, f"{name} took {elapsed:.2f} s on {piece!r} * {size // len(piece)}"


@pytest.mark.parametrize("name, pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_no_pattern_backtracks_on_long_repetitive_input(name: str, pattern: re.Pattern[str]) -> None:
    for piece in ADVERSARIAL_PIECES:
        _assert_linear(name, pattern, piece)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(piece=st.text(min_size=1, max_size=6), tail=st.text(max_size=5))
def test_no_pattern_backtracks_on_generated_input(piece: str, tail: str) -> None:
    for name, pattern in PATTERNS:
        _assert_linear(name, pattern, piece, tail)


@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise_anything_but_a_skip(data: bytes) -> None:
    from checker.load import decode

    try:
        text, _ = decode(data)
    except ValueError:
        return
    assert isinstance(text, str)


def test_interrupted_run_leaves_the_previous_report_intact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["check", str(SEEDS), "--out", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(400):
        sentences = [f"Report {n} says shipment {k} of {n * k} crates reached port {k % 17} on day {n % 28}." for k in range(60)]
        (corpus / f"{n:04}.txt").write_text(" ".join(sentences))
    for interrupt in (signal.SIGINT, signal.SIGKILL):
        process = subprocess.Popen(
            [sys.executable, "-m", "checker", "check", str(corpus), "--out", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        time.sleep(2.5)
        assert process.poll() is None, "the run finished before it could be interrupted"
        process.send_signal(interrupt)
        process.wait(timeout=30)
        after = {p.name: p.read_bytes() for p in out.iterdir()}
        assert after == before
    # A run killed outright leaves no worker behind waiting for it.
    deadline = time.monotonic() + 15
    while _processes_naming(corpus) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _processes_naming(corpus)


def _processes_naming(path: Path) -> list[int]:
    """Return the ids of running processes whose command line names path (none where /proc is missing)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if str(path).encode() in (entry / "cmdline").read_bytes() and b"Z" not in (entry / "stat").read_bytes().split(b")")[-1][:3]:
                found.append(int(entry.name))
        except OSError:
            continue
    return found
