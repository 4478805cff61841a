"""Shared test options and fixtures: `--update-golden` and the golden-file comparison."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

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
