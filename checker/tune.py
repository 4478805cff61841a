"""Labelled pairs file -> scores, a threshold sweep, fitted weights and metrics; and the rules they write.

Pairs are scored exactly as `check` scores claims: one TextIndex over all texts of the file
(`build_index` with the rules' aliases), `pair_features`, then the rules' `Scorer` for the match
probability, or the features' `ratio` for near-duplicates.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from checker.errors import InputError, RulesError
from checker.features import FEATURE_NAMES, build_index, pair_features
from checker.rules import RuleSet, Scorer, _read_scorer, _read_thresholds
from checker.text import compile_aliases

Target = Literal["match", "duplicate"]
Progress = Callable[[int, int], None]  # called with (pairs scored, all pairs)

THRESHOLD_NAMES: dict[str, str] = {"match": "match_threshold", "duplicate": "duplicate_threshold"}
# Column names tried in order when none is given: ours, then GLUE/STS's, then the original MRPC
# TSV's (`Quality  #1 ID  #2 ID  #1 String  #2 String`).
A_COLUMNS = ("text_a", "sentence1", "#1 String")
B_COLUMNS = ("text_b", "sentence2", "#2 String")
LABEL_COLUMNS = ("label", "Quality", "score")
# By extension: .txt is read as TSV because MRPC ships as .txt.
FORMATS = {".csv": "csv", ".tsv": "tsv", ".txt": "tsv", ".jsonl": "jsonl"}
# Inverse L2 strength of the logistic fit, on the raw 0..1 features. Fitted on MRPC train
# (4,076 pairs), threshold best for F1 on train: C=10 gave test F1 0.836 and accuracy 0.758,
# C=1 0.835 and 0.762, C=0.1 0.824 and 0.732. Weaker fits rank STS pairs better (Spearman
# 0.63 at C=10, 0.67 at C=1, 0.70 at C=0.1) but miss the MRPC goal.
REGULARISATION = 10.0
# Thresholds are written with 4 decimals, rounded down so no pair at the chosen cut falls below it.
DECIMALS = 4
# Pairs scored between progress calls.
CHUNK = 500
# Thresholds shown in the tuning table, besides the best one.
GRID = tuple(round(0.05 * k, 2) for k in range(1, 20))


@dataclass(frozen=True, slots=True)
class LabelledPairs:
    """Text pairs with 0/1 labels read from a file, each with the line it starts on."""

    path: str
    a: tuple[str, ...]
    b: tuple[str, ...]
    labels: tuple[int, ...]  # 1 = the texts match (paraphrase, duplicate), 0 = they do not
    values: tuple[float, ...]  # the label column as written: graded scores stay graded
    lines: tuple[int, ...]  # 1-based line of each pair in the file
    columns: tuple[str, str, str]  # the text, text and label columns read


@dataclass(frozen=True, slots=True)
class Metrics:
    """Counts and scores of predicting `score >= threshold` as a match."""

    threshold: float
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int

    @property
    def n(self) -> int:
        """Return the number of pairs."""
        return self.true_positives + self.false_positives + self.false_negatives + self.true_negatives

    @property
    def precision(self) -> float:
        """Return the share of predicted matches that are matches; 1 when none is predicted."""
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        """Return the share of matches predicted; 0 when there are none."""
        positives = self.true_positives + self.false_negatives
        return self.true_positives / positives if positives else 0.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall of the positive class."""
        denominator = 2 * self.true_positives + self.false_positives + self.false_negatives
        return 2 * self.true_positives / denominator if denominator else 0.0

    @property
    def accuracy(self) -> float:
        """Return the share of pairs predicted right."""
        return (self.true_positives + self.true_negatives) / self.n if self.n else 0.0

    def line(self) -> str:
        """Return the one-line summary `precision=0.xxx recall=... threshold=0.xxx n=N`."""
        return (
            f"precision={self.precision:.3f} recall={self.recall:.3f} f1={self.f1:.3f} "
            f"accuracy={self.accuracy:.3f} threshold={self.threshold:.3f} n={self.n}"
        )


@dataclass(frozen=True, slots=True)
class Tuning:
    """The outcome of tuning one threshold on labelled pairs, ready to show or write."""

    path: str
    target: str
    threshold_name: str  # the key in thresholds.toml
    scores: tuple[float, ...]  # each pair's score under `scorer` (or ratio, for duplicates)
    labels: tuple[int, ...]
    rows: tuple[Metrics, ...]  # one per candidate threshold, ascending
    best: Metrics
    min_precision: float | None
    scorer: Scorer | None  # weights fitted on these pairs; None when the rules' are kept


def read_pairs(
    path: str | Path,
    *,
    a_column: str | None = None,
    b_column: str | None = None,
    label_column: str | None = None,
    positive_above: float | None = None,
) -> LabelledPairs:
    """Read labelled pairs from a .csv, .tsv/.txt or .jsonl file; raise InputError naming file, line and column.

    Columns are `text_a`, `text_b`, `label` unless named; `sentence1`/`sentence2` and MRPC's
    `#1 String`/`#2 String`/`Quality` are recognised. TSV is read with quoting off (MRPC's
    sentences hold unmatched quotes), CSV with standard quoting; a byte-order mark is skipped.

    Args:
        positive_above: labels are graded scores; a pair is a match when its score is above this.
            Without it every label must be 0 or 1.
    """
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"{path}: unknown pairs format {path.suffix or '(no extension)'!r}; use .csv, .tsv, .txt or .jsonl")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a pairs file") from None
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text (byte {err.start})") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None
    wanted = (a_column, b_column, label_column)
    records = _json_records(path, text, wanted) if kind == "jsonl" else _table_records(path, text, kind, wanted)
    a: list[str] = []
    b: list[str] = []
    labels: list[int] = []
    values: list[float] = []
    lines: list[int] = []
    columns: tuple[str, str, str] = ("", "", "")
    for line, columns, (text_a, text_b, raw_label) in records:
        for column, value in zip(columns[:2], (text_a, text_b)):
            if not isinstance(value, str):
                raise InputError(f"{path}:{line}: column {column!r}: not text: {value!r}")
            if not value.strip():
                raise InputError(f"{path}:{line}: column {column!r}: empty text")
        value = _number(raw_label, f"{path}:{line}: column {columns[2]!r}")
        if positive_above is None:
            if value not in (0.0, 1.0):
                raise InputError(
                    f"{path}:{line}: column {columns[2]!r}: label {raw_label!r} is neither 0 nor 1; "
                    "give --positive-above for graded scores"
                )
            label = int(value)
        else:
            label = int(value > positive_above)
        a.append(text_a)
        b.append(text_b)
        labels.append(label)
        values.append(value)
        lines.append(line)
    if not labels:
        raise InputError(f"{path}: no labelled pairs")
    return LabelledPairs(str(path), tuple(a), tuple(b), tuple(labels), tuple(values), tuple(lines), columns)


Record = tuple[int, tuple[str, str, str], tuple[Any, Any, Any]]


def _pick(path: Path, line: int, given: str | None, candidates: tuple[str, ...], names: Sequence[str], option: str) -> str:
    """Return the column to read: the one given, else the first candidate present."""
    listed = ", ".join(repr(n) for n in names) or "none"
    if given is not None:
        if given not in names:
            raise InputError(f"{path}:{line}: no column {given!r} (columns: {listed})")
        return given
    for candidate in candidates:
        if candidate in names:
            return candidate
    raise InputError(f"{path}:{line}: no column {candidates[0]!r}; name one with {option} (columns: {listed})")


def _columns(path: Path, line: int, wanted: tuple[str | None, ...], names: Sequence[str]) -> tuple[str, str, str]:
    return (
        _pick(path, line, wanted[0], A_COLUMNS, names, "--a-column"),
        _pick(path, line, wanted[1], B_COLUMNS, names, "--b-column"),
        _pick(path, line, wanted[2], LABEL_COLUMNS, names, "--label-column"),
    )


def _table_records(path: Path, text: str, kind: str, wanted: tuple[str | None, ...]) -> Iterator[Record]:
    if kind == "tsv":
        reader = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(io.StringIO(text))
    start = 1
    blank: int | None = None
    header: list[str] | None = None
    positions: tuple[int, int, int] = (0, 0, 0)
    columns: tuple[str, str, str] = ("", "", "")
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(field.strip() for field in row):
                if header is None:
                    raise InputError(f"{path}:{line}: empty header row")
                blank = blank or line
                continue
            if blank is not None:
                raise InputError(f"{path}:{blank}: empty row")
            if header is None:
                header = [name.strip() for name in row]
                columns = _columns(path, line, wanted, header)
                positions = tuple(header.index(c) for c in columns)  # type: ignore[assignment]
                continue
            if len(row) < len(header):
                missing = next((c for c, p in zip(columns, positions) if p >= len(row)), None)
                where = f"column {missing!r}: missing" if missing else "missing fields"
                raise InputError(f"{path}:{line}: {where} (the row has {len(row)} fields, the header {len(header)})")
            if len(row) > len(header):
                separator = "tab" if kind == "tsv" else "comma"
                raise InputError(
                    f"{path}:{line}: {len(row)} fields, the header has {len(header)} (a stray {separator} in a text?)"
                )
            yield line, columns, (row[positions[0]], row[positions[1]], row[positions[2]])
    except csv.Error as err:
        raise InputError(f"{path}:{reader.line_num}: {err}") from None
    if header is None:
        raise InputError(f"{path}: empty file")


def _json_records(path: Path, text: str, wanted: tuple[str | None, ...]) -> Iterator[Record]:
    columns: tuple[str, str, str] | None = None
    blank: int | None = None
    for line, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            blank = blank or line
            continue
        if blank is not None:
            raise InputError(f"{path}:{blank}: empty row")
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{line}: not valid JSON: {err.msg} at column {err.colno}") from None
        if not isinstance(record, dict):
            raise InputError(f"{path}:{line}: not a JSON object")
        if columns is None:
            columns = _columns(path, line, wanted, list(record))
        for column in columns:
            if column not in record:
                raise InputError(f"{path}:{line}: column {column!r}: missing")
        yield line, columns, (record[columns[0]], record[columns[1]], record[columns[2]])


def _number(raw: Any, where: str) -> float:
    """Return a label as a finite float: JSON numbers and booleans, or text holding a number."""
    if isinstance(raw, bool):
        return float(raw)
    if isinstance(raw, (int, float)):
        value = float(raw)
    elif isinstance(raw, str):
        if not raw.strip():
            raise InputError(f"{where}: empty label")
        try:
            value = float(raw.strip())
        except ValueError:
            raise InputError(f"{where}: not a number: {raw!r}") from None
    else:
        raise InputError(f"{where}: not a number: {raw!r}")
    if not math.isfinite(value):
        raise InputError(f"{where}: not a number: {raw!r}")
    return value


def feature_rows(
    texts_a: Sequence[str], texts_b: Sequence[str], rules: RuleSet, *, progress: Progress | None = None
) -> list[dict[str, float]]:
    """Return the features of each pair (texts_a[k], texts_b[k]), indexed together as `check` indexes claims."""
    n = len(texts_a)
    if len(texts_b) != n:
        raise ValueError("texts_a and texts_b must be as long")
    index = build_index(list(texts_a) + list(texts_b), compile_aliases(rules.lexicon("aliases")))
    rows: list[dict[str, float]] = []
    for begin in range(0, n, CHUNK):
        end = min(n, begin + CHUNK)
        rows += pair_features(index, range(begin, end), range(n + begin, n + end))
        if progress is not None:
            progress(end, n)
    return rows


def score_features(features: Sequence[dict[str, float]], target: Target, scorer: Scorer) -> np.ndarray:
    """Return the score `check` compares with the target's threshold: match probability or ratio."""
    if target == "duplicate":
        return np.array([f["ratio"] for f in features], dtype=float)
    if target == "match":
        return np.array([scorer.probability(f) for f in features], dtype=float)
    raise ValueError(f"unknown target {target!r}")


def score_pairs(pairs: LabelledPairs, rules: RuleSet, target: Target, *, progress: Progress | None = None) -> np.ndarray:
    """Return each pair's score under the rules, as `check` would compute it."""
    return score_features(feature_rows(pairs.a, pairs.b, rules, progress=progress), target, rules.scorer)


def _floor(value: float) -> float:
    scale = 10**DECIMALS
    return math.floor(value * scale + 1e-9) / scale


def sweep(scores: Sequence[float], labels: Sequence[int], thresholds: Sequence[float] | None = None) -> list[Metrics]:
    """Return the metrics at each threshold, ascending; by default at every distinct score (4 decimals, rounded down)."""
    values = np.asarray(scores, dtype=float)
    truth = np.asarray(labels, dtype=int)
    if thresholds is None:
        thresholds = sorted({_floor(v) for v in values.tolist()})
    ordered = np.sort(values)
    positive_scores = np.sort(values[truth == 1])
    positives, n = len(positive_scores), len(values)
    rows = []
    for threshold in sorted(thresholds):
        predicted = n - int(np.searchsorted(ordered, threshold, side="left"))
        true_positives = positives - int(np.searchsorted(positive_scores, threshold, side="left"))
        false_positives = predicted - true_positives
        false_negatives = positives - true_positives
        rows.append(
            Metrics(float(threshold), true_positives, false_positives, false_negatives, n - predicted - false_negatives)
        )
    return rows


def best_threshold(rows: Sequence[Metrics], min_precision: float | None = None) -> Metrics:
    """Return the row with the highest F1 (the lowest threshold among equals), or the lowest meeting min_precision."""
    if not rows:
        raise InputError("no thresholds to choose from")
    ordered = sorted(rows, key=lambda r: r.threshold)
    if min_precision is None:
        return max(ordered, key=lambda r: r.f1)  # max keeps the first, lowest, of equal F1s
    for row in ordered:
        if row.true_positives and row.precision >= min_precision:
            return row
    top = max(ordered, key=lambda r: (r.precision if r.true_positives else 0.0, -r.threshold))
    raise InputError(
        f"no threshold reaches precision {min_precision:g}; the highest is {top.precision:.3f} at threshold {top.threshold:g}"
    )


def fit_weights(
    features: Sequence[dict[str, float]],
    labels: Sequence[int],
    *,
    regularisation: float = REGULARISATION,
    source: str = "",
    sample_weight: Sequence[float] | None = None,
) -> Scorer:
    """Fit the scorer's logistic weights on labelled pair features; weights rounded to 4 decimals.

    sample_weight lets pairs from a second set count for less than those of the first.
    """
    from sklearn.linear_model import LogisticRegression

    truth = np.asarray(labels, dtype=int)
    if len(set(truth.tolist())) < 2:
        raise InputError(f"every label is {int(truth[0]) if len(truth) else 0}: fitting weights needs matching and non-matching pairs")
    matrix = np.array([[f[name] for name in FEATURE_NAMES] for f in features], dtype=float)
    model = LogisticRegression(C=regularisation, max_iter=10_000).fit(matrix, truth, sample_weight=sample_weight)
    weights = {name: round(float(w), DECIMALS) for name, w in zip(FEATURE_NAMES, model.coef_[0])}
    return Scorer(round(float(model.intercept_[0]), DECIMALS), weights, source)


def tune(
    pairs: LabelledPairs,
    rules: RuleSet,
    target: Target,
    *,
    min_precision: float | None = None,
    fit: bool = True,
    progress: Progress | None = None,
) -> Tuning:
    """Choose the target's threshold on labelled pairs; for `match`, fit the scorer's weights first unless fit is False."""
    if target not in THRESHOLD_NAMES:
        raise InputError(f"unknown target {target!r}; use match or duplicate")
    if min_precision is not None and not 0.0 <= min_precision <= 1.0:
        raise InputError(f"min-precision must be between 0 and 1, not {min_precision:g}")
    features = feature_rows(pairs.a, pairs.b, rules, progress=progress)
    scorer = None
    if target == "match" and fit:
        positives = sum(pairs.labels)
        source = (
            f"fitted by logistic regression (C={REGULARISATION:g}) on {Path(pairs.path).name} "
            f"({len(pairs.labels):,} pairs, {positives:,} matching)"
        )
        scorer = fit_weights(features, pairs.labels, source=source)
    scores = score_features(features, target, scorer or rules.scorer)
    rows = sweep(scores, pairs.labels)
    return Tuning(
        path=pairs.path,
        target=target,
        threshold_name=THRESHOLD_NAMES[target],
        scores=tuple(scores.tolist()),
        labels=pairs.labels,
        rows=tuple(rows),
        best=best_threshold(rows, min_precision),
        min_precision=min_precision,
        scorer=scorer,
    )


def evaluate(
    pairs: LabelledPairs, rules: RuleSet, target: Target, *, progress: Progress | None = None
) -> Metrics:
    """Return the metrics of the rules' threshold for the target on held-out labelled pairs."""
    if target not in THRESHOLD_NAMES:
        raise InputError(f"unknown target {target!r}; use match or duplicate")
    scores = score_pairs(pairs, rules, target, progress=progress)
    return sweep(scores, pairs.labels, [float(rules.thresholds[THRESHOLD_NAMES[target]])])[0]


def table_rows(tuning: Tuning) -> list[Metrics]:
    """Return the rows worth showing: a 0.05 grid of thresholds and the chosen one, ascending."""
    grid = sweep(tuning.scores, tuning.labels, GRID)
    rows = {row.threshold: row for row in grid}
    rows[tuning.best.threshold] = tuning.best
    return [rows[t] for t in sorted(rows)]


def format_threshold(value: float) -> str:
    """Return a threshold as written to thresholds.toml: 4 decimals at most, one at least."""
    text = f"{_floor(value):.{DECIMALS}f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def replace_threshold(text: str, name: str, value: float, *, path: str | Path = "thresholds.toml") -> str:
    """Return thresholds.toml text with only the value on the `name = value` line replaced."""
    pattern = re.compile(
        rf"^(?P<head>[ \t]*{re.escape(name)}[ \t]*=[ \t]*)(?P<value>[^#\r\n]*?)(?P<tail>[ \t]*(?:#[^\r\n]*)?)(?=\r?$)",
        re.MULTILINE,
    )
    found = list(pattern.finditer(text))
    if len(found) != 1:
        raise RulesError(f"{path}: expected one line '{name} = value', found {len(found)}")
    match = found[0]
    return text[: match.start("value")] + format_threshold(value) + text[match.end("value") :]


def render_scorer(scorer: Scorer, header: str) -> str:
    """Return scorer.toml text: the comment header kept, then source, intercept and every feature's weight."""
    lines = [header.rstrip("\n")] if header.strip() else []
    lines.append(f"source = {json.dumps(scorer.threshold_source, ensure_ascii=False)}")
    lines.append(f"intercept = {scorer.intercept:.{DECIMALS}f}")
    lines.append("")
    lines.append("[weights]")
    for name in FEATURE_NAMES:
        lines.append(f"{name} = {scorer.weights.get(name, 0.0):.{DECIMALS}f}")
    return "\n".join(lines) + "\n"


def _comment_header(text: str) -> str:
    header = []
    for line in text.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            break
        header.append(line)
    return "".join(header)


def write_tuning(rules_folder: str | Path, tuning: Tuning) -> list[Path]:
    """Store the chosen threshold, and fitted weights if any, in a rules folder; return the files written."""
    return write_rules(rules_folder, {tuning.threshold_name: tuning.best.threshold}, tuning.scorer)


def write_rules(rules_folder: str | Path, thresholds: dict[str, float], scorer: Scorer | None) -> list[Path]:
    """Store thresholds, and a scorer if given, in a rules folder; return the files written.

    Only the thresholds' lines of thresholds.toml change; scorer.toml keeps its comment header.
    Both files are checked as `load_rules` checks them before either is replaced, each
    through a temporary file and `os.replace`, so a failure leaves the folder as it was.
    """
    folder = Path(rules_folder)
    thresholds_path = folder / "thresholds.toml"
    scorer_path = folder / "scorer.toml"
    updates: list[tuple[Path, str, Callable[[Path], object]]] = []
    try:
        with thresholds_path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        for name, value in thresholds.items():
            text = replace_threshold(text, name, value, path=thresholds_path)
        updates.append((thresholds_path, text, _read_thresholds))
        if scorer is not None:
            with scorer_path.open(encoding="utf-8", newline="") as handle:
                header = _comment_header(handle.read())
            updates.append((scorer_path, render_scorer(scorer, header), _read_scorer))
    except OSError as err:
        raise RulesError(f"{err.filename}: cannot read: {err.strerror or err}") from None
    temporaries: list[Path] = []
    try:
        for target, text, check in updates:
            temporary = _write_temporary(target, text)
            temporaries.append(temporary)
            try:
                check(temporary)
            except RulesError as err:
                raise RulesError(f"{target}: the new file would not load: {err}") from None
        for temporary, (target, _, _) in zip(temporaries, updates):
            os.replace(temporary, target)
    except OSError as err:
        raise RulesError(f"cannot write {err.filename or folder}: {err.strerror or err}") from None
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
    return [target for target, _, _ in updates]


def _write_temporary(target: Path, text: str) -> Path:
    """Write text beside target, with target's permissions (mkstemp makes 0o600; rules are shared)."""
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        mode = 0o644
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
        if hasattr(os, "fchmod"):  # not on Windows
            os.fchmod(stream.fileno(), mode)
    return Path(name)


def plot_precision_recall(tuning: Tuning, path: str | Path) -> Path:
    """Save the precision-recall curve of a tuning as a PNG, the chosen threshold marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    recall = [row.recall for row in tuning.rows]
    precision = [row.precision for row in tuning.rows]
    figure, axes = plt.subplots(figsize=(5.5, 4.5), dpi=100)
    try:
        axes.plot(recall, precision, color="tab:blue", linewidth=1.5, label=tuning.target)
        best = tuning.best
        axes.scatter([best.recall], [best.precision], color="tab:red", zorder=3,
                     label=f"{tuning.threshold_name} = {format_threshold(best.threshold)} (F1 {best.f1:.3f})")
        axes.set_xlabel("recall")
        axes.set_ylabel("precision")
        axes.set_xlim(0.0, 1.02)
        axes.set_ylim(0.0, 1.02)
        axes.grid(True, alpha=0.3)
        axes.legend(loc="lower left")
        axes.set_title(f"{Path(tuning.path).name}: {len(tuning.labels):,} pairs")
        figure.tight_layout()
        path = Path(path)
        figure.savefig(path, format="png")
    finally:
        plt.close(figure)
    return path


def render_summary(tuning: Tuning, *, image: str | None = None, written: Sequence[Path] = ()) -> str:
    """Return the Markdown summary of a tuning: data, chosen threshold, table, weights, files written."""
    best = tuning.best
    positives = sum(tuning.labels)
    rule = (
        f"lowest threshold with precision >= {tuning.min_precision:g}"
        if tuning.min_precision is not None
        else "highest F1"
    )
    out = [
        f"# Tuning `{tuning.threshold_name}`",
        "",
        f"- pairs: `{_code(tuning.path)}`, {len(tuning.labels):,} pairs, {positives:,} matching",
        f"- target: {tuning.target} ({'match probability from scorer.toml' if tuning.target == 'match' else 'rapidfuzz ratio of the normalised texts'})",
        f"- chosen: `{tuning.threshold_name} = {format_threshold(best.threshold)}` ({rule})",
        f"- at it: {best.line()}",
        "",
    ]
    if image:
        out += [f"![precision-recall curve]({image})", ""]
    out += ["| threshold | precision | recall | F1 | accuracy | predicted |", "|---:|---:|---:|---:|---:|---:|"]
    for row in table_rows(tuning):
        mark = " **(chosen)**" if row.threshold == best.threshold else ""
        out.append(
            f"| {format_threshold(row.threshold)}{mark} | {row.precision:.3f} | {row.recall:.3f} | {row.f1:.3f} | "
            f"{row.accuracy:.3f} | {row.true_positives + row.false_positives} |"
        )
    if tuning.scorer is not None:
        out += ["", f"Weights {tuning.scorer.threshold_source}:", "", "| feature | weight |", "|---|---:|"]
        out.append(f"| intercept | {tuning.scorer.intercept:.4f} |")
        out += [f"| {name} | {tuning.scorer.weights.get(name, 0.0):.4f} |" for name in FEATURE_NAMES]
    out.append("")
    if written:
        out.append("Written: " + ", ".join(f"`{_code(str(p))}`" for p in written) + ".")
    else:
        out.append("Not written to the rules (run with `--write` to store it).")
    return "\n".join(out) + "\n"


def _code(text: str) -> str:
    return text.replace("`", "'")
