"""checker: claims, near-duplicates, cross-source agreement and conflicts, and reliability of news articles."""

from checker.archive import ArchiveFields
from checker.corpus import Corpus
from checker.errors import CheckerError, CorpusError, InputError, RulesError
from checker.model import (
    Article,
    Claim,
    ClaimTrust,
    Conflict,
    Copy,
    Duplicate,
    Pair,
    Passage,
    Reliability,
    Report,
    Signal,
    Trust,
    TrustRun,
    Update,
)
from checker.pipeline import check
from checker.report import to_json, to_markdown, write_reports
from checker.rules import RuleSet, load_rules
from checker.sources import InputOptions

__version__ = "0.1.0"

__all__ = [
    "ArchiveFields",
    "Article",
    "CheckerError",
    "Claim",
    "ClaimTrust",
    "Conflict",
    "Copy",
    "Corpus",
    "CorpusError",
    "Duplicate",
    "InputError",
    "InputOptions",
    "Pair",
    "Passage",
    "Reliability",
    "Report",
    "RuleSet",
    "RulesError",
    "Signal",
    "Trust",
    "TrustRun",
    "Update",
    "check",
    "load_rules",
    "to_json",
    "to_markdown",
    "write_reports",
]
