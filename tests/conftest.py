"""Shared test options and fixtures: `--update-golden` and the golden-file comparison."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checker.describe import describe_claims
from checker.model import Article, Claim
from checker.rules import RuleSet

def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the expected files under tests/golden/ with the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Return whether this run rewrites golden files instead of comparing with them."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def golden(update_golden: bool) -> Callable[[Path, str], None]:
    """Return a check that `actual` equals the golden file at `path`.

    On a mismatch the actual output is saved next to it as `<name>.actual` for diffing and the
    test fails; with `--update-golden` the golden file is rewritten instead.
    """

    def check(path: Path, actual: str) -> None:
        actual_path = path.with_name(path.name + ".actual")
        if update_golden:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="")
            actual_path.unlink(missing_ok=True)
            return
        if not path.exists():
            actual_path.write_text(actual, encoding="utf-8", newline="")
            pytest.fail(f"no golden file {path}; actual output saved to {actual_path}; run with --update-golden")
        expected = path.read_text(encoding="utf-8")
        if actual != expected:
            actual_path.write_text(actual, encoding="utf-8", newline="")
            pytest.fail(f"{path.name} differs from the golden file; see {actual_path} (--update-golden to accept)")
        actual_path.unlink(missing_ok=True)

    return check


def describe_sentences(
    rules: RuleSet, sentences: list[str], *, date: str | None = None, one_line: bool = False
) -> tuple[Claim, ...]:
    """Describe sentences as the claims of one article: one sentence a line, or all on one line."""
    text = (" " if one_line else "\n").join(sentences)
    claims = []
    position = 0
    for line, sentence in enumerate(sentences, start=1):
        start = text.index(sentence, position)
        position = start + len(sentence)
        claim_text = sentence if one_line else " ".join(sentence.split())
        claims.append(Claim(id=f"a:{line}", text=claim_text, start=start, end=position, line=1 if one_line else line, kind="claim"))
    return describe_claims(Article(id="a", path="a.txt", text=text, date=date), tuple(claims), rules)
