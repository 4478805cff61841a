"""report.json -> a review file of pairs and near misses to mark; marked review files -> tuned thresholds and scores.

A review row is one pair of claims from two articles: every pair the report holds, and the
candidates the check left out, highest match probability first, each naming the thresholds
that kept it out (related_threshold, align_threshold or agree_threshold, story_threshold), so
that a missed pair can be marked as well as a wrong one. The report keeps reported pairs only,
so the near misses come from running the candidate search again on the report's articles with
the report's settings, the alignment's search at any share of concepts and across stories.

Marked rows are read back by `checker tune` and `checker evaluate`. Both re-read the articles a
review names, score each marked pair as `check` scores it (`match.score_pairs`) and classify it
as `check` does (`pipeline.classify_candidates`, in the Context `check` builds from the
articles) under the current and the tuned rules, so the figures before and after are what
`check` would report for those pairs.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from checker.align import align, blocked_pairs, clause_containment
from checker.classify import STORY_NAMES, Context, build_context, title_pairs
from checker.errors import InputError
from checker.features import FEATURE_NAMES, TextIndex
from checker.load import decode, load_articles
from checker.match import Candidate, comparable_claims, find_candidates, score_pairs
from checker.model import Article, Claim, Pair
from checker.pipeline import MAX_KEY_CLAIMS, available_cores, classify_candidates, index_claims, mark_duplicates, prepare_articles
from checker.rules import THRESHOLD_TYPES, RuleSet, Scorer
from checker.text import fold

VERDICTS = ("agrees", "conflicts", "related", "unrelated", "different-event", "update")
# What `check` should have reported for each verdict. "different-event" claims share a topic
# but not a statement: worth showing as related, never as agreeing or conflicting. "update" is
# a conflict of counts that `check` should read as a later figure (Pair.update).
EXPECTED = {
    "agrees": "agrees",
    "conflicts": "conflicts",
    "update": "update",
    "related": "related",
    "different-event": "related",
    "unrelated": "none",
}
# The relations a reviewed pair can be given, "none" for not reported, in the order shown.
RELATIONS = ("agrees", "conflicts", "update", "related", "none")
CONFLICT_TYPES = ("number", "date", "negation", "qualifier", "entity")
# Verdicts that say the two claims make the same statement (match_threshold's positives) and
# that say the pair is worth reporting at all (related_threshold's positives).
SAME_STATEMENT = frozenset({"agrees", "conflicts", "update"})
REAL_CONFLICT = frozenset({"conflicts", "update"})

# The columns of a review file, in the order a reviewer reads them: the two claims, what check
# said, the verdict to fill in; then what tune needs to find the claims again.
COLUMNS = (
    "key", "article_a", "line_a", "claim_a", "article_b", "line_b", "claim_b",
    "relation", "conflicts", "similarity", "listed", "verdict", "note",
    "claim_id_a", "claim_id_b", "path_a", "path_b",
)
# The columns that make a file a review file, besides pairs files' text and label columns.
REVIEW_MARKERS = frozenset({"key", "verdict", "claim_id_a", "claim_id_b", "path_a", "path_b"})
# A cell starting with one of these runs as a formula in Excel, LibreOffice and Google Sheets
# (tab and carriage return too, as OWASP's CSV injection guidance lists them). A leading
# apostrophe makes the cell text in all three and keeps the claim readable; reading strips it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Near misses listed by default: a reviewer marks a few dozen rows in a sitting.
DEFAULT_MISSES = 50
# Marked rows below which tuning refuses: fewer say too little about where thresholds belong.
MIN_MARKED = 10
# Strength of the pull of fitted weights towards the current scorer's (L2 on the difference).
# The current weights come from thousands of labelled pairs; a review marks tens. At 20, twenty
# marked rows all pulling one way move a weight by about one unit (weights are of order 5).
ANCHOR = 20.0
# Values of number_tolerance tried on marked pairs with approximate figures.
TOLERANCE_GRID = (0.0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
DECIMALS = 4
# Rows named as examples of a conflict rule's mistakes.
MAX_EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One pair of claims to mark, as a review file holds it; `where` is its file and line for messages."""

    key: str
    article_a: str
    line_a: int
    claim_a: str
    article_b: str
    line_b: int
    claim_b: str
    relation: str  # "agrees", "conflicts", "related", or "not reported" for a near miss
    conflicts: str  # "number: 52 political prisoners / three political prisoners; ..."
    similarity: float
    listed: str  # why the row is in the review
    verdict: str = ""
    note: str = ""
    claim_id_a: str = ""
    claim_id_b: str = ""
    path_a: str = ""
    path_b: str = ""
    where: str = ""

    def cells(self) -> dict[str, Any]:
        """Return the row's cells by column name."""
        return {name: getattr(self, name) for name in COLUMNS}


@dataclass(frozen=True, slots=True)
class Review:
    """The rows of a new review file and what could not be done while making it."""

    rows: tuple[ReviewRow, ...]
    reported: int
    misses: int
    warnings: tuple[str, ...]


def pair_key(article_a: str, text_a: str, article_b: str, text_b: str) -> str:
    """Return a key naming a pair of claims whatever their order or numbering: 16 hex digits.

    Built from each claim's article id and folded text, so a claim keeps its key when a new
    segmentation renumbers the claims around it, and a pair when a new run lists it turned.
    """
    sides = sorted(f"{article}\x1f{' '.join(fold(text).lower().split())}" for article, text in ((article_a, text_a), (article_b, text_b)))
    return hashlib.sha1("\x1e".join(sides).encode("utf-8")).hexdigest()[:16]


# Making a review


def read_report(path: str | Path) -> dict[str, Any]:
    """Read a report.json; raise InputError unless it is one (contract version 1)."""
    path = Path(path)
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder; give the report.json in it") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(f"{path}: not a checker report (not JSON)") from None
    if not isinstance(data, dict) or not {"version", "settings", "articles", "pairs"} <= set(data):
        raise InputError(f"{path}: not a checker report (no version, settings, articles and pairs)")
    if data["version"] != 1:
        raise InputError(f"{path}: report version {data['version']!r}; this checker reads version 1")
    return data


def _article_path(given: str, report_path: Path) -> Path | None:
    """Return where an article of the report is: as given (from the working folder), else beside the report."""
    path = Path(given)
    if path.is_absolute():
        return path if path.is_file() else None
    for base in (Path.cwd(), report_path.parent, report_path.parent.parent):
        if (base / path).is_file():
            return (base / path).resolve()
    return None


def _conflict_text(conflicts: Iterable[dict[str, Any]] | Iterable[Any]) -> str:
    parts = []
    for conflict in conflicts:
        kind, a, b = (conflict["type"], conflict["a"], conflict["b"]) if isinstance(conflict, dict) else (conflict.type, conflict.a, conflict.b)
        parts.append(f"{kind}: {a} / {b}")
    return "; ".join(parts)


def make_review(
    report_path: str | Path, rules: RuleSet, *, misses: int = DEFAULT_MISSES, jobs: int | None = None
) -> Review:
    """Return the rows to review for a report: its pairs, then its nearest unreported candidates.

    The candidates are searched again on the report's articles with the report's thresholds
    (the scorer's weights are the rules' own). When an article is missing or no longer reads as
    the report says, the near misses are left out with a warning; the reported pairs never are.
    """
    report_path = Path(report_path)
    data = read_report(report_path)
    settings = {k: v for k, v in data["settings"].items() if k in THRESHOLD_TYPES}
    rules = rules.with_thresholds(**settings)
    claims: dict[str, tuple[dict[str, Any], str, str]] = {}  # claim id -> claim, article id, path
    paths: list[tuple[str, Path | None]] = []
    for article in data["articles"]:
        found = _article_path(article["path"], report_path)
        paths.append((article["path"], found))
        for claim in article["claims"]:
            claims[claim["id"]] = (claim, article["id"], str(found or article["path"]))

    def row(a_id: str, b_id: str, relation: str, conflicts: str, similarity: float, listed: str) -> ReviewRow:
        (a, article_a, path_a), (b, article_b, path_b) = claims[a_id], claims[b_id]
        return ReviewRow(
            key=pair_key(article_a, a["text"], article_b, b["text"]),
            article_a=article_a, line_a=a["line"], claim_a=" ".join(a["text"].split()),
            article_b=article_b, line_b=b["line"], claim_b=" ".join(b["text"].split()),
            relation=relation, conflicts=conflicts, similarity=round(float(similarity), DECIMALS), listed=listed,
            claim_id_a=a_id, claim_id_b=b_id, path_a=path_a, path_b=path_b,
        )

    rows = []
    reported: set[tuple[str, str]] = set()
    for pair in data["pairs"]:
        if pair["a"] not in claims or pair["b"] not in claims:
            raise InputError(f"{report_path}: pair {pair['a']} - {pair['b']} names a claim the report does not hold")
        reported.add(_ordered(pair["a"], pair["b"]))
        rows.append(row(pair["a"], pair["b"], pair["relation"], _conflict_text(pair.get("conflicts", ())), pair["similarity"], "reported"))
    warnings: list[str] = []
    near: list[ReviewRow] = []
    missing = next((given for given, found in paths if found is None), None)
    if missing is not None:
        warnings.append(f"article {missing} not found: near misses left out (run review from the folder check ran in)")
    elif misses > 0:
        run = rebuild([found for _, found in paths if found is not None], rules, jobs=jobs)
        changed = next(
            (a.path for a, given in zip(run.articles, data["articles"]) if [(c.id, c.text) for c in a.claims] != [(c["id"], c["text"]) for c in given["claims"]]),
            None,
        ) if len(run.articles) == len(data["articles"]) else "an article"
        if changed is not None:
            warnings.append(f"{changed} no longer reads as the report says: near misses left out (check it again first)")
        else:
            context = check_context(run, rules)
            order = {a.id: n for n, a in enumerate(run.articles)}
            left_out = [c for c in near_candidates(run, rules, context) if _ordered(c.a.id, c.b.id) not in reported]
            left_out.sort(key=lambda c: -c.probability)
            for candidate in left_out[:misses]:
                a, b = candidate.a.id, candidate.b.id
                if order[_article_of(a)] > order[_article_of(b)]:
                    a, b = b, a
                near.append(row(a, b, "not reported", "", candidate.probability, "near miss: " + _below(candidate, rules, context)))
    return Review(tuple(rows + near), len(rows), len(near), tuple(warnings))


def check_context(run: Run, rules: RuleSet) -> Context:
    """Return the Context `check` classifies a run's candidates in: names, dates and concept weights of its comparable claims."""
    return build_context(run.articles, rules, comparable_claims(list(run.articles), run.index, run.rows, rules))


def near_candidates(run: Run, rules: RuleSet, context: Context) -> list[Candidate]:
    """Return every pair `check` might classify, and the pairs below its alignment thresholds, scored.

    As `check` searches: the similar claims, the claims that title one person otherwise and the
    claims sharing a blocking key; but the last at any share of concepts and across stories, so
    that pairs the alignment thresholds leave out can be marked as missed too.
    """
    candidates = find_candidates(list(run.articles), run.index, run.rows, rules, jobs=run.jobs)
    seen = {_ordered(c.a.id, c.b.id) for c in candidates}
    comparable = comparable_claims(list(run.articles), run.index, run.rows, rules)
    for claim in comparable:  # check reads frames only for articles that share a story
        context.frame(claim)
    article_of = {c.id: a.id for a in run.articles for c in a.claims}
    found = title_pairs(comparable, article_of, context.qualifiers) + blocked_pairs(
        comparable, context.frames, article_of, max_claims=MAX_KEY_CLAIMS, weights=context.weights
    )
    extra = [(x, y) for x, y in found if _ordered(x.id, y.id) not in seen and not seen.add(_ordered(x.id, y.id))]
    return candidates + score_pairs(extra, run.index, run.rows, rules)


def _below(candidate: Candidate, rules: RuleSet, context: Context) -> str:
    """Return the thresholds that kept an unreported pair out, with the pair's own figures."""
    thresholds = rules.thresholds
    fa, fb = context.frame(candidate.a), context.frame(candidate.b)
    containment = align(fa, fb, context.weights).containment
    clauses = clause_containment(fa, fb, context.weights)
    reasons = []
    if candidate.probability < thresholds["related_threshold"]:
        reasons.append(f"probability {_shown_below(candidate.probability)} below related_threshold {thresholds['related_threshold']:g}")
    if containment < thresholds["align_threshold"] and clauses < thresholds["clause_align_threshold"]:
        reasons.append(
            f"concepts shared {_shown_below(containment)} below align_threshold {thresholds['align_threshold']:g}, "
            f"closest clauses {_shown_below(clauses)} below clause_align_threshold {thresholds['clause_align_threshold']:g}"
        )
    elif containment < thresholds["agree_threshold"]:
        reasons.append(f"concepts shared {_shown_below(containment)} below agree_threshold {thresholds['agree_threshold']:g}")
    if not context.may_align(candidate.a, candidate.b):
        reasons.append(f"articles below story_threshold {thresholds['story_threshold']:g} and no name shared")
    return "; ".join(reasons) or "not reported"


def _shown_below(value: float) -> str:
    """Return a figure cut (not rounded) to DECIMALS, so that one below a threshold never reads as equal to it."""
    return f"{math.floor(value * 10**DECIMALS) / 10**DECIMALS:g}"


def _ordered(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x < y else (y, x)


def _article_of(claim_id: str) -> str:
    return claim_id.rsplit(":", 1)[0]


def neutralise(value: Any) -> Any:
    """Return a cell a spreadsheet shows as text: a leading apostrophe before a formula's first character."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restore(value: str) -> str:
    """Undo neutralise() on a cell read back."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def render_review(rows: Sequence[ReviewRow], fmt: str) -> str:
    """Return a review file's text: CSV (every field quoted, formulas neutralised) or JSON lines."""
    if fmt == "jsonl":
        return "".join(json.dumps(r.cells(), ensure_ascii=False) + "\n" for r in rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([neutralise(v) for v in r.cells().values()])
    return buffer.getvalue()


def write_review(rows: Sequence[ReviewRow], path: str | Path, fmt: str) -> Path:
    """Write a review file through a temporary file: CSV in UTF-8 with a byte-order mark, or JSON lines."""
    path = Path(path)
    text = render_review(rows, fmt)
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"  # the mark makes Excel read UTF-8
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            stream.write(text)
        os.chmod(name, 0o644)
        os.replace(name, path)
    except OSError as err:
        raise InputError(f"cannot write {path}: {err.strerror or err}") from None
    return path


def carry_verdicts(rows: Sequence[ReviewRow], earlier: Sequence[ReviewRow]) -> tuple[list[ReviewRow], int]:
    """Return the rows with the verdicts and notes an earlier review gave the same pairs; and how many were carried."""
    marked = {r.key: r for r in earlier if r.verdict or r.note}
    carried = 0
    result = []
    for r in rows:
        old = marked.get(r.key)
        if old is not None:
            r = replace(r, verdict=old.verdict, note=old.note)
            carried += bool(old.verdict)
        result.append(r)
    return result, carried


# Reading reviews


def review_format(path: str | Path) -> str:
    """Return "jsonl" for a .jsonl file, else "csv"."""
    return "jsonl" if Path(path).suffix.lower() == ".jsonl" else "csv"


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a review file") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None
    try:
        # A spreadsheet saving "CSV" may write the system's code page instead of UTF-8.
        text, _ = decode(data)
    except ValueError as err:
        raise InputError(f"{path}: {err}") from None
    return text.removeprefix("\ufeff")


def is_review_file(path: str | Path) -> bool:
    """Tell whether a file's columns are a review file's (CSV header or first JSON line)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    try:
        text, _ = decode(head)
    except ValueError:
        return False
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0].strip()
    if first.startswith("{"):
        try:
            return REVIEW_MARKERS <= set(json.loads(first))
        except (json.JSONDecodeError, TypeError):
            return False
    try:
        header = next(csv.reader(io.StringIO(first)), [])
    except csv.Error:
        return False
    return REVIEW_MARKERS <= {name.strip() for name in header}


def _verdict(raw: Any, where: str) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise InputError(f"{where}: verdict {raw!r} is not one of {', '.join(VERDICTS)}")
    word = "-".join(raw.strip().lower().replace("_", " ").split())
    if word and word not in VERDICTS:
        raise InputError(f"{where}: verdict {raw.strip()!r} is not one of {', '.join(VERDICTS)}")
    return word


def _int(raw: Any, where: str, column: str) -> int:
    try:
        return int(float(raw))
    except (TypeError, ValueError):
        raise InputError(f"{where}: column {column!r}: not a line number: {raw!r}") from None


def _float(raw: Any, where: str, column: str) -> float:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise InputError(f"{where}: column {column!r}: not a number: {raw!r}") from None
    if not math.isfinite(value):
        raise InputError(f"{where}: column {column!r}: not a number: {raw!r}")
    return value


def _row(record: dict[str, Any], where: str) -> ReviewRow:
    missing = [c for c in COLUMNS if c not in record and c != "note"]
    if missing:
        raise InputError(f"{where}: column {missing[0]!r}: missing")
    text = {c: restore(str(record[c] if record[c] is not None else "")) for c in COLUMNS if c in record}
    for column in ("key", "claim_a", "claim_b", "claim_id_a", "claim_id_b", "path_a", "path_b"):
        if not text[column].strip():
            raise InputError(f"{where}: column {column!r}: empty")
    return ReviewRow(
        key=text["key"].strip(), article_a=text["article_a"], line_a=_int(record["line_a"], where, "line_a"),
        claim_a=text["claim_a"], article_b=text["article_b"], line_b=_int(record["line_b"], where, "line_b"),
        claim_b=text["claim_b"], relation=text["relation"], conflicts=text["conflicts"],
        similarity=_float(record["similarity"], where, "similarity"), listed=text["listed"],
        verdict=_verdict(record["verdict"], where), note=text.get("note", ""),
        claim_id_a=text["claim_id_a"].strip(), claim_id_b=text["claim_id_b"].strip(),
        path_a=text["path_a"], path_b=text["path_b"], where=where,
    )


def read_review(path: str | Path) -> list[ReviewRow]:
    """Read one review file (CSV or JSON lines); raise InputError naming the file, row and column at fault."""
    path = Path(path)
    text = _read_text(path)
    rows: list[ReviewRow] = []
    if review_format(path) == "jsonl" or text.lstrip().startswith("{"):
        for line, raw in enumerate(text.split("\n"), 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as err:
                raise InputError(f"{path}:{line}: not valid JSON: {err.msg} at column {err.colno}") from None
            if not isinstance(record, dict):
                raise InputError(f"{path}:{line}: not a JSON object")
            if not rows and not REVIEW_MARKERS <= set(record):
                raise InputError(f"{path}: not a review file (no {', '.join(sorted(REVIEW_MARKERS - set(record)))} column)")
            rows.append(_row(record, f"{path}:{line}"))
    else:
        reader = csv.reader(io.StringIO(text))
        header: list[str] | None = None
        start = 1
        try:
            for cells in reader:
                line, start = start, reader.line_num + 1
                if not any(c.strip() for c in cells):
                    continue
                if header is None:
                    header = [c.strip() for c in cells]
                    absent = REVIEW_MARKERS - set(header)
                    if absent:
                        raise InputError(f"{path}: not a review file (no {', '.join(sorted(absent))} column)")
                    continue
                if len(cells) != len(header):
                    raise InputError(f"{path}:{line}: {len(cells)} fields, the header has {len(header)}")
                rows.append(_row(dict(zip(header, cells)), f"{path}:{line}"))
        except csv.Error as err:
            raise InputError(f"{path}:{reader.line_num}: {err}") from None
        if header is None:
            raise InputError(f"{path}: empty file")
    return rows


def merge_reviews(reviews: Sequence[Sequence[ReviewRow]]) -> tuple[list[ReviewRow], int]:
    """Return one marked row per pair key, and how many marked rows a later one replaced.

    The latest verdict wins: a later file on the command line over an earlier one, and within a
    file a lower row over a higher one. Blank verdicts are ignored, so they never undo a mark.
    """
    latest: dict[str, ReviewRow] = {}
    replaced = 0
    for rows in reviews:
        for r in rows:
            if not r.verdict:
                continue
            replaced += r.key in latest
            latest.pop(r.key, None)
            latest[r.key] = r
    return list(latest.values()), replaced


# Scoring marked rows as check does


@dataclass(frozen=True, slots=True)
class Run:
    """Articles prepared and indexed as `check` prepares and indexes them."""

    articles: tuple[Article, ...]
    index: TextIndex
    rows: dict[str, int]
    jobs: int


def rebuild(paths: Sequence[Path], rules: RuleSet, *, jobs: int | None = None) -> Run:
    """Load, segment, describe and index articles as `check` does, duplicates marked."""
    articles, skipped = load_articles(paths, max_file_size=int(rules.thresholds["max_file_size"]), rules=rules)
    if skipped:
        raise InputError(f"{skipped[0].path}: {skipped[0].reason}")
    workers = available_cores() if jobs is None else jobs
    articles = prepare_articles(articles, rules, jobs=workers)
    index, rows = index_claims(articles, rules)
    return Run(tuple(mark_duplicates(articles, index, rows, rules)), index, rows, workers)


@dataclass(frozen=True, slots=True)
class Marked:
    """The marked rows found again in their articles, each with its claims scored as check scores them."""

    rows: tuple[ReviewRow, ...]
    pairs: tuple[tuple[Claim, Claim], ...]  # `a` from the earlier article of the run
    run: Run
    skipped: tuple[str, ...]  # why rows could not be found again
    # The Context check would classify in, by story_threshold (the one threshold it is built from).
    contexts: dict[float, Context] = field(default_factory=dict)

    def context(self, rules: RuleSet) -> Context:
        story = rules.thresholds["story_threshold"]
        if story not in self.contexts:
            self.contexts[story] = check_context(self.run, rules)
        return self.contexts[story]


def _find_claim(article: Article, claim_id: str, text: str) -> Claim | None:
    wanted = " ".join(fold(text).split())
    for claim in article.claims:
        if claim.id == claim_id and " ".join(fold(claim.text).split()) == wanted:
            return claim
    return next((c for c in article.claims if " ".join(fold(c.text).split()) == wanted), None)


def find_marked(rows: Sequence[ReviewRow], rules: RuleSet, *, jobs: int | None = None) -> Marked:
    """Read the articles the rows name and find each row's claims in them again (by id, else by text).

    A row whose article is missing or whose claim is no longer in it is skipped, with the reason.
    """
    paths: dict[str, int] = {}
    absent: dict[str, str] = {}
    for r in rows:
        for path in (r.path_a, r.path_b):
            if path in paths or path in absent:
                continue
            if Path(path).is_file():
                paths[path] = len(paths)
            else:
                absent[path] = f"{r.where}: article {path} not found"
    if not paths:
        raise InputError(next(iter(absent.values()), "no marked rows") + " (tune and evaluate read the articles a review names)")
    run = rebuild([Path(p) for p in paths], rules, jobs=jobs)
    by_path = dict(zip(paths, run.articles))
    found_rows, pairs, skipped = [], [], list(absent.values())
    for r in rows:
        if r.path_a in absent or r.path_b in absent:
            continue
        if r.path_a == r.path_b:
            skipped.append(f"{r.where}: both claims are from one article")
            continue
        a = _find_claim(by_path[r.path_a], r.claim_id_a, r.claim_a)
        b = _find_claim(by_path[r.path_b], r.claim_id_b, r.claim_b)
        if a is None or b is None:
            which, path = ("a", r.path_a) if a is None else ("b", r.path_b)
            skipped.append(f"{r.where}: claim_{which} is no longer in {path}")
            continue
        if paths[r.path_a] > paths[r.path_b]:
            a, b = b, a
        found_rows.append(r)
        pairs.append((a, b))
    return Marked(tuple(found_rows), tuple(pairs), run, tuple(skipped))


def score_marked(marked: Marked, rules: RuleSet) -> list[Candidate]:
    """Score the marked pairs with the rules' scorer, as `check` scores candidates."""
    return score_pairs(list(marked.pairs), marked.run.index, marked.run.rows, rules, jobs=1)


def classify_marked(marked: Marked, candidates: Sequence[Candidate], rules: RuleSet) -> list[Pair | None]:
    """Return the Pair `check` would report for each marked row under these rules; None where it reports none."""
    pairs = classify_candidates(list(candidates), list(marked.run.articles), rules, context=marked.context(rules))
    by_key = {(p.a, p.b): p for p in pairs}
    return [by_key.get((a.id, b.id)) for a, b in marked.pairs]


def given(pair: Pair | None) -> str:
    """Return the relation a Pair gives, "update" for a conflict read as a later figure, "none" for no pair."""
    if pair is None:
        return "none"
    return "update" if pair.update is not None else pair.relation


# Scores


@dataclass(frozen=True, slots=True)
class Score:
    """Precision and recall of one relation or conflict type on marked rows."""

    name: str
    true_positives: int
    predicted: int
    actual: int

    @property
    def precision(self) -> float | None:
        return self.true_positives / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.true_positives / self.actual if self.actual else None


@dataclass(frozen=True, slots=True)
class Scores:
    """How well one set of rules does on marked rows."""

    relations: tuple[Score, ...]
    conflict_types: tuple[Score, ...]
    correct: int
    n: int
    # Conflict types given to pairs marked as no conflict, worst first: the type, the verdicts
    # of those rows, and where the first few are.
    wrong_rules: tuple[tuple[str, Counter, tuple[str, ...]], ...]

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0


def _types(pair: Pair | None) -> set[str]:
    return {c.type for c in pair.conflicts} if pair is not None else set()


def _file_types(row: ReviewRow) -> set[str]:
    return {part.split(":", 1)[0].strip() for part in row.conflicts.split(";") if ":" in part}


def score_rows(rows: Sequence[ReviewRow], predicted: Sequence[Pair | None], pool: Sequence[set[str]] = ()) -> Scores:
    """Score predicted Pairs against verdicts, per relation and per conflict type.

    A conflict type's precision is the share of pairs given it that are marked conflicts or
    update. Its recall needs to know which marked conflicts are of that type, which a verdict
    does not say: it is taken over the pool of marked conflicts that some run (the one the
    review was made from, or one scored here, `pool`) gave that type.
    """
    relations = []
    expected = [EXPECTED[r.verdict] for r in rows]
    gave = [given(p) for p in predicted]
    for name in RELATIONS:
        tp = sum(e == name and g == name for e, g in zip(expected, gave))
        relations.append(Score(name, tp, gave.count(name), expected.count(name)))
    pools = list(pool) or [set() for _ in rows]
    types = []
    wrong: dict[str, tuple[Counter, tuple[str, ...]]] = {}
    for name in CONFLICT_TYPES:
        flagged = [name in _types(p) for p in predicted]
        real = [r.verdict in REAL_CONFLICT for r in rows]
        in_pool = [r.verdict in REAL_CONFLICT and (name in _file_types(r) or name in extra) for r, extra in zip(rows, pools)]
        in_pool = [x or (f and y) for x, f, y in zip(in_pool, flagged, real)]
        types.append(Score(name, sum(f and y for f, y in zip(flagged, real)), sum(flagged), sum(in_pool)))
        mistaken = [r for r, f in zip(rows, flagged) if f and r.verdict not in REAL_CONFLICT]
        if mistaken:
            wrong[name] = (Counter(r.verdict for r in mistaken), tuple(r.where for r in mistaken[:MAX_EXAMPLES]))
    worst = tuple(
        (name, verdicts, where) for name, (verdicts, where) in sorted(wrong.items(), key=lambda item: (-sum(item[1][0].values()), item[0]))
    )
    correct = sum(e == g for e, g in zip(expected, gave))
    return Scores(tuple(relations), tuple(types), correct, len(rows), worst)


# Tuning


@dataclass(frozen=True, slots=True)
class Change:
    """One tuned setting: its value before and after and what decided it."""

    name: str
    before: float
    after: float
    reason: str


@dataclass(frozen=True, slots=True)
class ReviewTuning:
    """The outcome of tuning on marked review rows."""

    marked: Marked
    before: Scores
    after: Scores
    changes: tuple[Change, ...]
    scorer: Scorer | None  # fitted weights; None when kept
    weights: str  # what became of the scorer's weights, and why

    def thresholds(self) -> dict[str, float]:
        return {c.name: c.after for c in self.changes}


def fit_anchored(features: np.ndarray, labels: Sequence[int], anchor: Scorer, *, strength: float = ANCHOR, source: str = "") -> Scorer:
    """Fit logistic weights on marked pairs, pulled towards the anchor scorer's by an L2 term on the difference.

    With few rows the weights stay near the anchor's; with many the marks decide.
    """
    from scipy.optimize import minimize

    matrix = np.hstack([np.ones((len(features), 1)), features])
    truth = np.asarray(labels, dtype=float)
    start = np.array([anchor.intercept] + [anchor.weights.get(name, 0.0) for name in FEATURE_NAMES])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = matrix @ w
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -60, 60)))
        value = float(np.sum(np.logaddexp(0.0, z) - truth * z)) + strength / 2 * float(np.sum((w - start) ** 2))
        return value, matrix.T @ (p - truth) + strength * (w - start)

    w = minimize(loss, start, jac=True, method="L-BFGS-B").x
    return Scorer(round(float(w[0]), DECIMALS), {n: round(float(v), DECIMALS) for n, v in zip(FEATURE_NAMES, w[1:])}, source)


def gap_values(scores: Iterable[float], current: float, *, high: float = 1.0) -> list[float]:
    """Return the thresholds worth trying (predict `score >= t`, t <= high): the current one and the middle of every gap.

    Between two neighbouring scores every threshold predicts alike; the middle of a gap sits
    as far from the marked pairs on either side as it can.
    """
    edges = [0.0] + sorted({float(s) for s in scores if 0.0 < s < high}) + [high]
    values = {round((low + top) / 2, DECIMALS) for low, top in zip(edges, edges[1:]) if top > low}
    return sorted(values | {min(current, high)})


def right_relations(rows: Sequence[ReviewRow], pairs: Sequence[Pair | None]) -> int:
    """Return how many rows check gives the relation their verdict asks for."""
    return sum(EXPECTED[r.verdict] == given(p) for r, p in zip(rows, pairs))


def _best_value(
    marked: Marked, candidates: list[Candidate], rules: RuleSet, name: str, values: Sequence[float], current: float,
    adjust: Callable[[float], dict[str, float]],
) -> tuple[float, int, int]:
    """Return the value of a setting that gives most rows the right relation (the nearest to current among equals), its count and current's.

    adjust returns the other settings a value moves with it (related_threshold stays at or below match_threshold).
    """
    counts = {}
    for value in values:
        pairs = classify_marked(marked, candidates, rules.with_thresholds(**{name: value}, **adjust(value)))
        counts[value] = right_relations(marked.rows, pairs)
    best = max(counts.values())
    value = min((v for v, n in counts.items() if n == best), key=lambda v: (abs(v - current), v))
    return value, best, counts.get(current, best)


def tune_review(
    rows: Sequence[ReviewRow], rules: RuleSet, *, fit: bool = True, jobs: int | None = None, source: str = "",
) -> ReviewTuning:
    """Tune the scorer's weights and the thresholds that decide a pair's relation (TUNED) on marked rows.

    Each setting in turn takes the value that gives the most marked pairs the relation their
    verdict asks for (EXPECTED), the value nearest its current one among equals, so a setting
    no marked pair turns on stays as it is. Weights are fitted (pulled towards the current
    ones) on whether a pair makes one statement; they are kept when the fitted ones, with
    their own best thresholds, get fewer pairs right. Raise InputError when fewer than
    MIN_MARKED rows are marked and found again in their articles.
    """
    marked = find_marked([r for r in rows if r.verdict], rules, jobs=jobs)
    if len(marked.rows) < MIN_MARKED:
        raise InputError(
            f"{len(marked.rows)} marked pairs found; tuning needs at least {MIN_MARKED}: mark "
            f"{MIN_MARKED - len(marked.rows)} more" + (f" ({len(marked.skipped)} marked rows could not be found again)" if marked.skipped else "")
        )
    candidates = score_marked(marked, rules)
    before_pairs = classify_marked(marked, candidates, rules)
    kept = _tune_settings(marked, candidates, rules, rules)
    outcome, scorer = kept, None
    same = [int(r.verdict in SAME_STATEMENT) for r in marked.rows]
    if not fit:
        weights = "kept (--keep-weights)"
    elif len(set(same)) < 2:
        weights = "kept: fitting needs pairs marked as one statement (agrees, conflicts, update) and pairs marked otherwise"
    else:
        features = np.array([c.features for c in candidates], dtype=float)
        fitted = fit_anchored(features, same, rules.scorer, source=source)
        refitted = replace(rules, scorer=fitted, lexicon_patterns={})
        rescored = score_marked(marked, refitted)
        trial = _tune_settings(marked, rescored, refitted, rules)
        if trial[2] > kept[2]:
            outcome, scorer, candidates = trial, fitted, rescored
            weights = f"fitted on the {len(same)} marked pairs, pulled towards the current ones: {trial[2]} right, {kept[2]} with the current weights"
        else:
            weights = f"kept: weights fitted on the marked pairs get {trial[2]} right, the current ones {kept[2]}"
    tuned, changes, _ = outcome
    after_pairs = classify_marked(marked, candidates, tuned)
    pool = [_types(x) | _types(y) for x, y in zip(before_pairs, after_pairs)]
    return ReviewTuning(
        marked=marked,
        before=score_rows(marked.rows, before_pairs, pool),
        after=score_rows(marked.rows, after_pairs, pool),
        changes=tuple(changes),
        scorer=scorer,
        weights=weights,
    )


# The settings tuned on marked pairs, in the order they are tuned: story_threshold decides which
# pairs may align at all, the alignment's and the scorer's thresholds which relation a pair
# gets, number_tolerance which figures differ. The alignment's come before the scorer's: those
# were set by hand, match_threshold and related_threshold on thousands of labelled pairs, so a
# pair both could bring in moves the alignment's first.
TUNED = ("story_threshold", "align_threshold", "agree_threshold", "match_threshold", "related_threshold", "number_tolerance")
# Rounds over TUNED: a threshold moved can make another's marked pairs turn on it.
ROUNDS = 3


def story_share(context: Context, x: str, y: str) -> float | None:
    """Return the share of name words two articles give together (Dice, weighed as `Context.same_story` weighs); None below STORY_NAMES shared."""
    names_x, names_y = context.article_names.get(x) or frozenset(), context.article_names.get(y) or frozenset()
    both = names_x & names_y
    total = sum(context.name_idf.get(w, 0.0) for w in names_x) + sum(context.name_idf.get(w, 0.0) for w in names_y)
    if len(both) < STORY_NAMES or total <= 0:
        return None
    return 2 * sum(context.name_idf.get(w, 0.0) for w in both) / total


def _tune_settings(marked: Marked, candidates: list[Candidate], scored: RuleSet, rules: RuleSet) -> tuple[RuleSet, list[Change], int]:
    """Tune each of TUNED in turn, for candidates scored under `scored`, until none moves.

    A threshold is tried at the middle of every gap between the marked pairs' own figures:
    match probability for match_threshold and related_threshold, the share of concepts aligned
    for align_threshold and agree_threshold, the share of name words their articles give
    together for story_threshold. related_threshold stays at or below match_threshold and
    align_threshold at or below agree_threshold, as classify reads them: a value for one
    past the other takes the other with it.
    """
    context = marked.context(scored)
    probabilities = [c.probability for c in candidates]
    containments = [align(context.frame(a), context.frame(b), context.weights).containment for a, b in marked.pairs]
    shares = [story_share(context, _article_of(a.id), _article_of(b.id)) for a, b in marked.pairs]
    tuned = scored
    counts: dict[str, tuple[int, int]] = {}
    for _ in range(ROUNDS):
        moved = False
        for name in TUNED:
            now = tuned.thresholds
            current = now[name]
            adjust: Callable[[float], dict[str, float]] = lambda value: {}  # noqa: E731
            if name == "number_tolerance":
                values: Sequence[float] = sorted(set(TOLERANCE_GRID) | {current})
            elif name == "story_threshold":
                values = gap_values([x for x in shares if x is not None], current)
            elif name == "match_threshold":
                values = gap_values(probabilities, current)
                adjust = lambda value: {"related_threshold": min(now["related_threshold"], value)}  # noqa: E731
            elif name == "related_threshold":
                values = gap_values(probabilities, current, high=now["match_threshold"])
            elif name == "align_threshold":
                values = gap_values(containments, current)
                adjust = lambda value: {"agree_threshold": max(now["agree_threshold"], value)}  # noqa: E731
            else:
                values = gap_values(containments, current)
                adjust = lambda value: {"align_threshold": min(now["align_threshold"], value)}  # noqa: E731
            value, right, was = _best_value(marked, candidates, tuned, name, values, current, adjust)
            if value != current:
                moved = True
                tuned = tuned.with_thresholds(**{name: value}, **adjust(value))
            counts.setdefault(name, (right, was))
            counts[name] = (right, counts[name][1])
        if not moved:
            break
    changes = []
    for name in TUNED:
        before, after = rules.thresholds[name], tuned.thresholds[name]
        right, was = counts[name]
        reason = (
            f"right relation for {right} of {len(marked.rows)} marked pairs, {was} at the current value"
            if after != before else f"no other value gets more of the {len(marked.rows)} marked pairs right"
        )
        changes.append(Change(name, before, after, reason))
    return tuned, changes, right_relations(marked.rows, classify_marked(marked, candidates, tuned))


def evaluate_review(rows: Sequence[ReviewRow], rules: RuleSet, *, jobs: int | None = None) -> tuple[Marked, Scores]:
    """Score the rules on marked rows without changing anything."""
    marked = find_marked([r for r in rows if r.verdict], rules, jobs=jobs)
    if not marked.rows:
        raise InputError("no marked pair found again in its articles" + (f": {marked.skipped[0]}" if marked.skipped else ""))
    pairs = classify_marked(marked, score_marked(marked, rules), rules)
    return marked, score_rows(marked.rows, pairs, [_types(p) for p in pairs])


def read_reviews(paths: Sequence[str | Path]) -> tuple[list[ReviewRow], int, int]:
    """Read review files and merge them; return the marked rows, all rows read and the marked rows replaced."""
    files = [read_review(p) for p in paths]
    merged, replaced = merge_reviews(files)
    return merged, sum(len(f) for f in files), replaced


def format_score(value: float | None) -> str:
    """Return a precision or recall with three decimals, a dash when undefined."""
    return "—" if value is None else f"{value:.3f}"

