"""rules/ folder -> RuleSet: thresholds, lexicons, furniture patterns, signal rules, scorer weights."""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from checker.errors import RulesError
from checker.features import FEATURE_NAMES

SIGNAL_KINDS = {
    # kind -> the keys it needs besides the common ones
    "lexicon-share": {"lexicon"},
    "feature-share": {"feature"},
    "missing-metadata": {"field"},
}
SIGNAL_FEATURES = {"hedged", "attributed", "unnamed", "specific", "duplicated", "corroborated", "conflicting"}
METADATA_FIELDS = {"date", "author", "title", "outlet"}
SIGNAL_COMMON_KEYS = {"code", "name", "kind", "weight", "message", "rationale"}
SIGNAL_OPTIONAL_KEYS = {"flags", "passes", "saturation", "lexicon", "feature", "field"}
CODE_PATTERN = re.compile(r"[A-Z][0-9]{3}")
FURNITURE_KINDS = {"caption", "boilerplate", "heading", "markup", "metadata"}
FURNITURE_SCOPES = {"match", "line", "rest", "label"}

# Every threshold the pipeline reads, with its type; thresholds.toml must set each and no other.
THRESHOLD_TYPES: dict[str, type] = {
    "duplicate_threshold": float,
    "restatement_threshold": float,
    "match_threshold": float,
    "related_threshold": float,
    "align_threshold": float,
    "agree_threshold": float,
    "clause_align_threshold": float,
    "story_threshold": float,
    "candidate_threshold": float,
    "number_tolerance": float,
    "candidates_per_claim": int,
    "min_words": int,
    "short_claim_words": int,
    "base_score": float,
    "max_claims": int,
    "max_file_size": int,
}


# Every numeric parameter of trust.toml with its type and allowed range (low, high, whether
# each end is allowed); conflict_weights and update_cues are checked on their own.
TRUST_TYPES: dict[str, tuple[type, float, float, bool, bool]] = {
    "initial_trust": (float, 0.0, 1.0, False, False),
    "max_trust": (float, 0.0, 1.0, False, False),
    "prior_weight": (float, 0.0, math.inf, True, False),
    "dampening": (float, 0.0, math.inf, False, False),
    "implication_weight": (float, 0.0, 1.0, True, True),
    "hedged_certainty": (float, 0.0, 1.0, True, True),
    "number_base_similarity": (float, 0.0, 1.0, False, False),
    "tolerance": (float, 0.0, 1.0, False, True),
    "max_iterations": (int, 1, 100000, True, True),
    "copy_similarity": (float, 0.0, 1.0, True, True),
    "copy_share": (float, 0.0, 1.0, False, True),
    "copy_min_claims": (int, 1, math.inf, True, False),
}
TRUST_CONFLICT_TYPES = ("date", "negation", "qualifier", "entity")


@dataclass(frozen=True, slots=True)
class SignalRule:
    """One reliability rule read from rules/signals/*.toml."""

    code: str
    name: str
    kind: str
    weight: float
    message: str
    rationale: str
    path: str
    lexicon: str | None = None
    feature: str | None = None
    field: str | None = None
    saturation: float = 1.0  # share of claims at which the whole weight applies
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FurnitureRule:
    """A pattern that marks article furniture (captions, bios, image markup) by line or match."""

    name: str
    kind: str
    scope: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Scorer:
    """Logistic weights that turn pair features into a match probability."""

    intercept: float
    weights: dict[str, float]
    threshold_source: str = ""

    def probability(self, features: dict[str, float]) -> float:
        """Return the match probability, 0..1, of a feature vector."""
        z = self.intercept + sum(w * features[name] for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def probabilities(self, features: np.ndarray) -> list[float]:
        """Return the match probability of each row of a feature matrix (columns as FEATURE_NAMES).

        The same floats as probability(), row by row: the same operations in the same order.
        """
        total = np.zeros(len(features))
        for name, w in self.weights.items():
            total = total + w * features[:, FEATURE_NAMES.index(name)]
        z = np.clip(self.intercept + total, -60.0, 60.0)
        return [1.0 / (1.0 + math.exp(-value)) for value in z.tolist()]


@dataclass(frozen=True, slots=True)
class TrustRules:
    """The parameters of agreement-based trust, read from rules/trust.toml."""

    initial_trust: float
    max_trust: float
    prior_weight: float
    dampening: float
    implication_weight: float
    hedged_certainty: float
    number_base_similarity: float
    tolerance: float
    max_iterations: int
    copy_similarity: float
    copy_share: float
    copy_min_claims: int
    update_cues: str  # the lexicon's name
    conflict_weights: dict[str, float]

    def settings(self) -> dict[str, float]:
        """Return the numeric parameters as report settings, named `trust.<key>`."""
        found: dict[str, float] = {}
        for name in TRUST_TYPES:
            found[f"trust.{name}"] = getattr(self, name)
        for name, weight in self.conflict_weights.items():
            found[f"trust.conflict_weights.{name}"] = weight
        return found


@dataclass(frozen=True, slots=True)
class RuleSet:
    """All rules and thresholds one run uses."""

    folder: Path
    thresholds: dict[str, float]
    lexicons: dict[str, tuple[str, ...]]
    signals: tuple[SignalRule, ...]
    furniture: tuple[FurnitureRule, ...]
    scorer: Scorer
    trust: TrustRules
    lexicon_patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False)

    def lexicon(self, name: str) -> tuple[str, ...]:
        """Return the entries of lexicons/<name>.txt."""
        return self.lexicons[name]

    def lexicon_pattern(self, name: str) -> re.Pattern[str]:
        """Return one compiled alternation matching any entry of a lexicon as whole words."""
        if name not in self.lexicon_patterns:
            self.lexicon_patterns[name] = compile_lexicon(self.lexicons[name])
        return self.lexicon_patterns[name]

    def with_thresholds(self, **overrides: float | None) -> RuleSet:
        """Return a copy with some thresholds replaced; None leaves a threshold as it is."""
        thresholds = dict(self.thresholds)
        for name, value in overrides.items():
            if value is None:
                continue
            if name not in THRESHOLD_TYPES:
                raise RulesError(f"unknown threshold {name!r}")
            thresholds[name] = value
        return RuleSet(self.folder, thresholds, self.lexicons, self.signals, self.furniture, self.scorer, self.trust)


def compile_lexicon(entries: tuple[str, ...]) -> re.Pattern[str]:
    """Compile lexicon entries into one whole-word pattern, longest entries first.

    Entries written in lower case match any case except that a capitalised word in the text
    must be the first of its sentence or the entry itself capitalised ("may" is a hedge, "May"
    a month); the caller lowers the claim's first letter for that reason.
    """
    if not entries:
        return re.compile(r"(?!x)x")
    # A flat alternation of hundreds of entries is tried entry by entry at every position; as a
    # trie of characters, entries sharing a start are tried once. Each branch is greedy, so the
    # longest entry that ends on a word boundary wins, as it would first in the alternation.
    trie: dict[str, dict] = {}
    for entry in entries:
        node = trie
        for char in " ".join(entry.split()):
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(rf"(?<![\w-]){_trie_pattern(trie)}(?![\w-])")


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [(r"\s+" if char == " " else re.escape(char)) + _trie_pattern(rest) for char, rest in sorted(node.items()) if char]
    if not branches:
        return ""
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if "" in node else group


def default_rules_folder() -> Path:
    """Return the rules/ folder shipped with checker."""
    packaged = Path(__file__).resolve().parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def load_rules(folder: str | Path | None = None) -> RuleSet:
    """Read and validate a rules folder; raise RulesError naming the file and key at fault."""
    root = Path(folder) if folder is not None else default_rules_folder()
    if not root.is_dir():
        raise RulesError(f"{root}: rules folder not found")
    thresholds = _read_thresholds(root / "thresholds.toml")
    lexicons = _read_lexicons(root / "lexicons")
    signals = _read_signals(root / "signals", lexicons)
    furniture = _read_furniture(root / "furniture.toml")
    scorer = _read_scorer(root / "scorer.toml")
    trust = _read_trust(root / "trust.toml", lexicons)
    return RuleSet(root, thresholds, lexicons, signals, furniture, scorer, trust)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise RulesError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as err:
        raise RulesError(f"{path}: invalid TOML: {err}") from None
    except OSError as err:
        raise RulesError(f"{path}: cannot read: {err.strerror}") from None


def _expect(path: Path, key: str, value: Any, kind: type | tuple[type, ...]) -> Any:
    if isinstance(value, bool) or not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise RulesError(f"{path}: key {key!r} must be {names}, not {type(value).__name__}")
    return value


def _read_thresholds(path: Path) -> dict[str, float]:
    data = _read_toml(path)
    unknown = sorted(set(data) - set(THRESHOLD_TYPES))
    if unknown:
        raise RulesError(f"{path}: unknown key {unknown[0]!r}")
    thresholds: dict[str, float] = {}
    for key, kind in THRESHOLD_TYPES.items():
        if key not in data:
            raise RulesError(f"{path}: missing key {key!r}")
        value = _expect(path, key, data[key], (int, float) if kind is float else int)
        if value < 0:
            raise RulesError(f"{path}: key {key!r} must not be negative")
        thresholds[key] = value
    return thresholds


def _read_lexicons(folder: Path) -> dict[str, tuple[str, ...]]:
    if not folder.is_dir():
        raise RulesError(f"{folder}: lexicon folder not found")
    lexicons: dict[str, tuple[str, ...]] = {}
    for path in sorted(folder.glob("*.txt")):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise RulesError(f"{path}: cannot read: {err}") from None
        entries = tuple(
            " ".join(line.split()) for line in lines if line.strip() and not line.lstrip().startswith("#")
        )
        lexicons[path.stem] = entries
    return lexicons


def _read_signals(folder: Path, lexicons: dict[str, tuple[str, ...]]) -> tuple[SignalRule, ...]:
    if not folder.is_dir():
        raise RulesError(f"{folder}: signals folder not found")
    rules: list[SignalRule] = []
    codes: dict[str, Path] = {}
    for path in sorted(folder.glob("*.toml")):
        data = _read_toml(path)
        unknown = sorted(set(data) - SIGNAL_COMMON_KEYS - SIGNAL_OPTIONAL_KEYS)
        if unknown:
            raise RulesError(f"{path}: unknown key {unknown[0]!r}")
        for key in sorted(SIGNAL_COMMON_KEYS):
            if key not in data:
                raise RulesError(f"{path}: missing key {key!r}")
        code = _expect(path, "code", data["code"], str)
        if not CODE_PATTERN.fullmatch(code):
            raise RulesError(f"{path}: key 'code' must be a letter and three digits, not {code!r}")
        if code in codes:
            raise RulesError(f"{path}: key 'code' {code!r} is already used by {codes[code].name}")
        codes[code] = path
        kind = _expect(path, "kind", data["kind"], str)
        if kind not in SIGNAL_KINDS:
            raise RulesError(f"{path}: key 'kind' must be one of {', '.join(sorted(SIGNAL_KINDS))}")
        for key in sorted(SIGNAL_KINDS[kind]):
            if key not in data:
                raise RulesError(f"{path}: missing key {key!r} for kind {kind!r}")
        lexicon = data.get("lexicon")
        if lexicon is not None:
            lexicon = Path(_expect(path, "lexicon", lexicon, str)).stem
            if lexicon not in lexicons:
                raise RulesError(f"{path}: key 'lexicon' names a missing lexicon {data['lexicon']!r}")
        feature = data.get("feature")
        if feature is not None and _expect(path, "feature", feature, str) not in SIGNAL_FEATURES:
            raise RulesError(f"{path}: key 'feature' must be one of {', '.join(sorted(SIGNAL_FEATURES))}")
        field_name = data.get("field")
        if field_name is not None and _expect(path, "field", field_name, str) not in METADATA_FIELDS:
            raise RulesError(f"{path}: key 'field' must be one of {', '.join(sorted(METADATA_FIELDS))}")
        saturation = float(_expect(path, "saturation", data.get("saturation", 1.0), (int, float)))
        if not 0 < saturation <= 1:
            raise RulesError(f"{path}: key 'saturation' must be in (0, 1]")
        rules.append(
            SignalRule(
                code=code,
                name=_expect(path, "name", data["name"], str),
                kind=kind,
                weight=float(_expect(path, "weight", data["weight"], (int, float))),
                message=_expect(path, "message", data["message"], str),
                rationale=" ".join(_expect(path, "rationale", data["rationale"], str).split()),
                path=str(path),
                lexicon=lexicon,
                feature=feature,
                field=field_name,
                saturation=saturation,
                flags=tuple(_expect(path, "flags", data.get("flags", []), list)),
                passes=tuple(_expect(path, "passes", data.get("passes", []), list)),
            )
        )
    return tuple(sorted(rules, key=lambda rule: rule.code))


def _read_furniture(path: Path) -> tuple[FurnitureRule, ...]:
    data = _read_toml(path)
    unknown = sorted(set(data) - {"furniture"})
    if unknown:
        raise RulesError(f"{path}: unknown key {unknown[0]!r}")
    entries = _expect(path, "furniture", data.get("furniture", []), list)
    rules = []
    for index, entry in enumerate(entries):
        where = f"furniture[{index}]"
        entry = _expect(path, where, entry, dict)
        unknown = sorted(set(entry) - {"name", "kind", "scope", "pattern"})
        if unknown:
            raise RulesError(f"{path}: unknown key '{where}.{unknown[0]}'")
        for key in ("name", "kind", "scope", "pattern"):
            if key not in entry:
                raise RulesError(f"{path}: missing key '{where}.{key}'")
            _expect(path, f"{where}.{key}", entry[key], str)
        if entry["kind"] not in FURNITURE_KINDS:
            raise RulesError(f"{path}: key '{where}.kind' must be one of {', '.join(sorted(FURNITURE_KINDS))}")
        if entry["scope"] not in FURNITURE_SCOPES:
            raise RulesError(f"{path}: key '{where}.scope' must be one of {', '.join(sorted(FURNITURE_SCOPES))}")
        try:
            pattern = re.compile(entry["pattern"])
        except re.error as err:
            raise RulesError(f"{path}: key '{where}.pattern' is not a valid regular expression: {err}") from None
        rules.append(FurnitureRule(entry["name"], entry["kind"], entry["scope"], pattern))
    return tuple(rules)


def _read_scorer(path: Path) -> Scorer:
    data = _read_toml(path)
    unknown = sorted(set(data) - {"intercept", "weights", "source"})
    if unknown:
        raise RulesError(f"{path}: unknown key {unknown[0]!r}")
    for key in ("intercept", "weights"):
        if key not in data:
            raise RulesError(f"{path}: missing key {key!r}")
    intercept = float(_expect(path, "intercept", data["intercept"], (int, float)))
    weights = _expect(path, "weights", data["weights"], dict)
    for name, weight in weights.items():
        if name not in FEATURE_NAMES:
            raise RulesError(f"{path}: unknown key 'weights.{name}'")
        _expect(path, f"weights.{name}", weight, (int, float))
    return Scorer(intercept, {k: float(v) for k, v in weights.items()}, str(data.get("source", "")))


def _read_trust(path: Path, lexicons: dict[str, tuple[str, ...]]) -> TrustRules:
    data = _read_toml(path)
    known = set(TRUST_TYPES) | {"update_cues", "conflict_weights"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise RulesError(f"{path}: unknown key {unknown[0]!r}")
    for key in sorted(known):
        if key not in data:
            raise RulesError(f"{path}: missing key {key!r}")
    values: dict[str, Any] = {}
    for key, (kind, low, high, low_ok, high_ok) in TRUST_TYPES.items():
        value = _expect(path, key, data[key], (int, float) if kind is float else int)
        above = value >= low if low_ok else value > low
        below = value <= high if high_ok else value < high
        if not (above and below):
            ends = ("[" if low_ok else "(") + f"{low:g}, {high:g}" + ("]" if high_ok else ")")
            raise RulesError(f"{path}: key {key!r} must be in {ends}, not {value}")
        values[key] = kind(value)
    if values["max_trust"] <= values["initial_trust"]:
        raise RulesError(f"{path}: key 'max_trust' must be above initial_trust")
    cues = Path(_expect(path, "update_cues", data["update_cues"], str)).stem
    if cues not in lexicons:
        raise RulesError(f"{path}: key 'update_cues' names a missing lexicon {data['update_cues']!r}")
    weights = _expect(path, "conflict_weights", data["conflict_weights"], dict)
    unknown = sorted(set(weights) - set(TRUST_CONFLICT_TYPES))
    if unknown:
        raise RulesError(f"{path}: unknown key 'conflict_weights.{unknown[0]}'")
    conflict_weights: dict[str, float] = {}
    for name in TRUST_CONFLICT_TYPES:
        if name not in weights:
            raise RulesError(f"{path}: missing key 'conflict_weights.{name}'")
        weight = _expect(path, f"conflict_weights.{name}", weights[name], (int, float))
        if not 0 <= weight <= 1:
            raise RulesError(f"{path}: key 'conflict_weights.{name}' must be in [0, 1], not {weight}")
        conflict_weights[name] = float(weight)
    return TrustRules(**values, update_cues=cues, conflict_weights=conflict_weights)
