"""checker: claims, near-duplicates, cross-source agreement and conflicts, and reliability of news articles."""

from checker.errors import CheckerError, InputError, RulesError
from checker.model import Article, Claim, Conflict, Duplicate, Pair, Passage, Reliability, Report, Signal
from checker.pipeline import check
from checker.report import to_json, to_markdown, write_reports
from checker.rules import RuleSet, load_rules

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CheckerError",
    "Claim",
    "Conflict",
    "Duplicate",
    "InputError",
    "Pair",
    "Passage",
    "Reliability",
    "Report",
    "RuleSet",
    "RulesError",
    "Signal",
    "check",
    "load_rules",
    "to_json",
    "to_markdown",
    "write_reports",
]
