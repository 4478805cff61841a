"""Labelled sentence pairs -> precision, recall and F1 of checker's conflicts and agreements, beside a trivial rule.

Run from anywhere: `python benchmarks/pairs.py` (about ten minutes on one core). Without files
it reads ../shared/data/ (relative to the project root; `--shared` names another folder) and
writes reports/benchmarks/pairs.md; a clone without it prints a note and exits 0.

- MRPC test (1,725 news sentence pairs): paraphrase = agree, not a paraphrase = other.
- MRPC test, edited: each paraphrase pair in turn left as it is (agree), its second sentence
  negated ("not" after its first auxiliary: conflict) or one of its figures changed (the first
  that is no year, time or part of a word, raised by a third and more: conflict). What this
  measures is whether checker sees a negation or a figure changed in real news wording; the
  trivial rule is built on exactly those two cues, so it is the strong baseline here.
- FNC-1 test, headline against its article body (stances agree, disagree and discuss by
  default): disagree = conflict, agree = agree, discuss (and unrelated, if asked for) = other.
  The headline is checked against the whole body, not against each of its sentences: the stance
  is labelled for the body as a whole, and which sentence carries it is not; checking the two
  as articles is what a user does, and leaves it to checker to find the sentence that matters.

Any other labelled pair file can be dropped in, CSV, TSV (read without quoting, as MRPC and
SNLI's .txt need) or JSONL, one pair a row:

    python benchmarks/pairs.py snli_1.0_test.txt --a-column sentence1 --b-column sentence2 \\
        --label-column gold_label --labels contradiction=conflict,entailment=agree,neutral=other

Rows whose label is not mapped (SNLI's "-") are left out. `--no-header` takes columns as
0-based numbers.

How checker judges one pair: the two texts are written as two article files and checked together
with `checker.check`, the stages `checker check` runs; the strongest relation reported between
them (conflicts, then agrees) is the answer, and none or `related` is other. A text with no final
punctuation gets a full stop, as a line without one is read as a heading, which is never
compared. The trivial rule, on the same two texts: conflict when their numbers differ or only one
of them has a negation word, agree otherwise; it never answers other.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MARKDOWN = ROOT / "reports" / "benchmarks" / "pairs.md"

sys.path.insert(0, str(ROOT))

import checker  # noqa: E402
from checker.rules import RuleSet, load_rules  # noqa: E402

CLASSES = ("conflict", "agree")
ANSWERS = ("conflict", "agree", "other")
# checker's relation -> the benchmark's answer; related and no pair at all are other.
ANSWER_OF_RELATION = {"conflicts": "conflict", "agrees": "agree"}
RELATION_RANK = {"related": 1, "agrees": 2, "conflicts": 3}
# NLI names are understood without a mapping.
DEFAULT_LABELS = {
    "conflict": "conflict", "agree": "agree", "other": "other",
    "contradiction": "conflict", "entailment": "agree", "neutral": "other",
}
FNC1_LABELS = {"disagree": "conflict", "agree": "agree", "discuss": "other", "unrelated": "other"}
FNC1_STANCES = ("agree", "disagree", "discuss")
MRPC_LABELS = {"1": "agree", "0": "other"}
# The trivial rule's own word list, kept apart from checker's lexicons so that it stays fixed.
NEGATION = re.compile(r"\b(?:no|not|never|none|nobody|nothing|neither|nor|cannot|without)\b|n't\b", re.IGNORECASE)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
FINAL_PUNCTUATION = re.compile(r"[.!?][\"'’”)\]]*\s*$")
EXAMPLES = 5  # misses of each kind listed in the Markdown report


@dataclass(frozen=True, slots=True)
class LabelledPair:
    """Two texts and the relation they were labelled with: conflict, agree or other."""

    a: str
    b: str
    gold: str


@dataclass(frozen=True, slots=True)
class Judgement:
    """checker's answer for one pair, with the conflicts behind it and the warning they carry."""

    answer: str
    conflicts: tuple[str, ...] = ()  # "type: value in a / value in b"
    warning: str = ""  # "possible update" or "different events" when a conflict carries one

    def reason(self) -> str:
        """Return the conflicts and warning as one line."""
        return "; ".join(self.conflicts) + (f" ({self.warning})" if self.warning else "")


@dataclass(frozen=True, slots=True)
class PairSet:
    """A named set of labelled pairs and how it was made."""

    name: str
    pairs: tuple[LabelledPair, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 of one answer class."""

    precision: float
    recall: float
    f1: float
    answered: int  # pairs given this answer
    gold: int  # pairs labelled so

    def cells(self) -> tuple[str, str, str]:
        """Return precision, recall and F1 as printed; a dash for each when no pair is labelled so."""
        if not self.gold:
            return "-", "-", "-"
        return f"{self.precision:.3f}", f"{self.recall:.3f}", f"{self.f1:.3f}"


def main() -> int:
    """Run the sets asked for, print the table and write the Markdown report; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="Labelled pair files (CSV, TSV or JSONL); none runs MRPC, MRPC edited and FNC-1.")
    parser.add_argument("--a-column", default="sentence1", help="Column of the first text.")
    parser.add_argument("--b-column", default="sentence2", help="Column of the second text.")
    parser.add_argument("--label-column", default="label", help="Column of the label.")
    parser.add_argument("--labels", default="", help="Label mapping, e.g. contradiction=conflict,entailment=agree,neutral=other.")
    parser.add_argument("--no-header", action="store_true", help="The file has no header row; columns are 0-based numbers.")
    parser.add_argument("--fnc1-stances", default=",".join(FNC1_STANCES), help="FNC-1 stances to include, comma-separated.")
    parser.add_argument("--limit", type=int, default=None, help="Take the first N pairs of each set (a quick look).")
    parser.add_argument("--jobs", type=int, default=1, help="Processes checking pairs.")
    parser.add_argument("--shared", type=Path, default=SHARED, help="The shared folder that holds data/.")
    parser.add_argument("--markdown", type=Path, default=None, help=f"Where to write the Markdown report (default {MARKDOWN.relative_to(ROOT)} for the built-in sets).")
    args = parser.parse_args()
    if args.files:
        mapping = parse_mapping(args.labels) if args.labels else DEFAULT_LABELS
        sets = [read_pair_file(path, args.a_column, args.b_column, args.label_column, mapping, header=not args.no_header) for path in args.files]
        markdown = args.markdown
    else:
        data = args.shared / "data"
        if not data.is_dir():
            print(f"no benchmark data at {data}: this benchmark needs the shared data folder; nothing to do")
            return 0
        sets = [read_mrpc(data), read_mrpc_edited(data), read_fnc1(data, tuple(s for s in args.fnc1_stances.split(",") if s))]
        markdown = args.markdown or MARKDOWN
    rules = load_rules(ROOT / "rules")
    results = []
    for pair_set in sets:
        if args.limit is not None:
            pair_set = PairSet(pair_set.name, pair_set.pairs[: args.limit], pair_set.source)
        started = time.perf_counter()
        judged = judge_with_checker(pair_set.pairs, rules, jobs=args.jobs, progress=_progress(pair_set.name))
        seconds = time.perf_counter() - started
        results.append(Result(pair_set, judged, [trivial_answer(p.a, p.b) for p in pair_set.pairs], seconds))
    print(render_text(results))
    if markdown is not None:
        markdown.parent.mkdir(parents=True, exist_ok=True)
        markdown.write_text(render_markdown(results), encoding="utf-8")
        print(f"written: {markdown}")
    return 0


def parse_mapping(text: str) -> dict[str, str]:
    """Return {file label: answer} from "label=answer,label=answer"; answers are conflict, agree or other."""
    mapping = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        label, _, answer = item.partition("=")
        if answer not in ANSWERS:
            raise SystemExit(f"--labels: {item!r} must map a label to one of {', '.join(ANSWERS)}")
        mapping[label] = answer
    return mapping


def read_pair_file(path: Path, a: str, b: str, label: str, mapping: dict[str, str], *, header: bool = True) -> PairSet:
    """Read a CSV, TSV or JSONL file of labelled pairs; rows with an unmapped label are left out."""
    rows = list(_rows(path, header))
    columns = (a, b, label) if header else tuple(int(c) for c in (a, b, label))
    pairs = []
    for number, row in enumerate(rows, 1):
        try:
            first, second, raw = (row[c] for c in columns)
        except (KeyError, IndexError):
            raise SystemExit(f"{path}: row {number} has no column {a!r}, {b!r} or {label!r}") from None
        answer = mapping.get(str(raw).strip())
        if answer is not None and first and second:
            pairs.append(LabelledPair(str(first), str(second), answer))
    left_out = len(rows) - len(pairs)
    return PairSet(path.name, tuple(pairs), f"{path}: {len(pairs):,} pairs ({left_out:,} rows left out: label not mapped or text missing)")


def _rows(path: Path, header: bool) -> Iterable[dict | list]:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json"):
        with path.open(encoding="utf-8-sig") as handle:
            yield from (json.loads(line) for line in handle if line.strip())
        return
    delimiter = "," if suffix == ".csv" else "\t"
    quoting = csv.QUOTE_MINIMAL if suffix == ".csv" else csv.QUOTE_NONE
    with path.open(encoding="utf-8-sig", newline="") as handle:
        if header:
            yield from csv.DictReader(handle, delimiter=delimiter, quoting=quoting)
        else:
            yield from csv.reader(handle, delimiter=delimiter, quoting=quoting)


def read_mrpc(data: Path) -> PairSet:
    """Return MRPC's test pairs: paraphrases agree, the rest are other."""
    path = data / "mrpc" / "msr_paraphrase_test.txt"
    pair_set = read_pair_file(path, "#1 String", "#2 String", "Quality", MRPC_LABELS)
    return PairSet("MRPC test", pair_set.pairs, "MRPC test: 1 (paraphrase) = agree, 0 = other")


# The first auxiliary of a sentence, not already negated: where "not" negates it.
AUXILIARY = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must)\b(?!\s+(?:not|never)\b)")
# A figure standing alone: not part of a word, a decimal, a date or a time ("X2", "3.5", "16/32", "6 p.m.", "9:30").
EDITABLE_FIGURE = re.compile(r"(?<![\w.,/:$-])\d+(?![\w.,/:-]|\s*[ap]\.?m\b)")


def read_mrpc_edited(data: Path) -> PairSet:
    """Return MRPC's test paraphrases, in turn kept (agree), negated or with one figure changed (conflict)."""
    paraphrases = [p for p in read_mrpc(data).pairs if p.gold == "agree"]
    pairs = []
    for number, pair in enumerate(paraphrases):
        edit = number % 3
        if edit == 0:
            pairs.append(pair)
        elif edit == 1 and (auxiliary := AUXILIARY.search(pair.b)):
            pairs.append(LabelledPair(pair.a, f"{pair.b[: auxiliary.end()]} not{pair.b[auxiliary.end():]}", "conflict"))
        elif edit == 2:
            figure = next((m for m in EDITABLE_FIGURE.finditer(pair.b) if not 1900 <= int(m.group()) <= 2100), None)
            if figure is not None:
                value = int(figure.group())
                pairs.append(LabelledPair(pair.a, f"{pair.b[: figure.start()]}{value + value // 3 + 2}{pair.b[figure.end():]}", "conflict"))
    return PairSet(
        "MRPC test, edited",
        tuple(pairs),
        "MRPC test paraphrases: every third kept (agree), every third negated after its first auxiliary (conflict), "
        "every third with its first figure raised by a third and more (conflict), where it has one",
    )


def read_fnc1(data: Path, stances: Sequence[str]) -> PairSet:
    """Return FNC-1's headlines, each with its whole article body, of these stances, in file order."""
    folder = data / "fnc1_stance"
    with (folder / "competition_test_bodies.csv").open(encoding="utf-8", newline="") as handle:
        bodies = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    with (folder / "competition_test_stances.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["Stance"] in stances]
    pairs = tuple(LabelledPair(row["Headline"], bodies[row["Body ID"]], FNC1_LABELS[row["Stance"]]) for row in rows)
    mapped = ", ".join(f"{s} = {FNC1_LABELS[s]}" for s in stances)
    return PairSet("FNC-1 headline/body", pairs, f"FNC-1 competition test, headline against the whole body: {mapped}")


def as_article(text: str) -> str:
    """Return the text as an article file's content: a final full stop if it had no final punctuation."""
    text = text.strip()
    return (text if FINAL_PUNCTUATION.search(text) else text + ".") + "\n"


def judge_with_checker(
    pairs: Sequence[LabelledPair], rules: RuleSet, *, jobs: int = 1, progress: Callable[[int, int], None] | None = None
) -> list[Judgement]:
    """Return checker's judgement of every pair, in order: each checked as two article files."""
    if jobs <= 1:
        return _judge_share(pairs, rules, progress)
    step = -(-len(pairs) // jobs)
    shares = [pairs[start : start + step] for start in range(0, len(pairs), step)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        found = list(pool.map(_judge_share, shares, [rules] * len(shares)))
    return [judged for share in found for judged in share]


def _judge_share(
    pairs: Sequence[LabelledPair], rules: RuleSet, progress: Callable[[int, int], None] | None = None
) -> list[Judgement]:
    answers = []
    with tempfile.TemporaryDirectory(prefix="checker-pairs-") as folder:
        first, second = Path(folder) / "a.txt", Path(folder) / "b.txt"
        for done, pair in enumerate(pairs, 1):
            first.write_text(as_article(pair.a), encoding="utf-8")
            second.write_text(as_article(pair.b), encoding="utf-8")
            report = checker.check([first, second], rules=rules, jobs=1)
            answers.append(checker_judgement(report))
            if progress is not None and (done % 250 == 0 or done == len(pairs)):
                progress(done, len(pairs))
    return answers


def checker_judgement(report: checker.Report) -> Judgement:
    """Return the judgement a report of two articles gives: the strongest relation reported between them."""
    article_of = {c.id: a.id for a in report.articles for c in a.claims}
    across = [p for p in report.pairs if article_of[p.a] != article_of[p.b]]
    strongest = max((p.relation for p in across), key=RELATION_RANK.__getitem__, default="none")
    answer = ANSWER_OF_RELATION.get(strongest, "other")
    if answer != "conflict":
        return Judgement(answer)
    conflicting = [p for p in across if p.relation == "conflicts"]
    conflicts = tuple(dict.fromkeys(f"{c.type}: {c.a} / {c.b}" for p in conflicting for c in p.conflicts))
    # A warning counts only when every conflicting pair carries one: then no source loses points.
    warnings = ["possible update" if p.update is not None else "different events" if p.different_events else "" for p in conflicting]
    return Judgement(answer, conflicts, warnings[0] if all(warnings) else "")


def trivial_answer(a: str, b: str) -> str:
    """Return the trivial rule's answer: conflict when the numbers differ or only one text has a negation word, else agree."""
    numbers_differ = _numbers(a) != _numbers(b)
    one_negated = bool(NEGATION.search(a)) != bool(NEGATION.search(b))
    return "conflict" if numbers_differ or one_negated else "agree"


def _numbers(text: str) -> frozenset[str]:
    return frozenset(m.group().replace(",", "") for m in NUMBER.finditer(text))


def score(gold: Sequence[str], answers: Sequence[str], cls: str) -> Score:
    """Return precision, recall and F1 of one class; 0 where undefined."""
    hits = sum(1 for g, a in zip(gold, answers) if g == a == cls)
    answered = sum(1 for a in answers if a == cls)
    labelled = sum(1 for g in gold if g == cls)
    precision = hits / answered if answered else 0.0
    recall = hits / labelled if labelled else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, answered, labelled)


@dataclass(frozen=True, slots=True)
class Result:
    """One set's pairs with checker's judgements, the trivial rule's answers and checker's time."""

    pair_set: PairSet
    judged: list[Judgement]
    trivial: list[str]
    seconds: float

    @property
    def gold(self) -> list[str]:
        """Return the labels, in pair order."""
        return [p.gold for p in self.pair_set.pairs]

    @property
    def answers(self) -> list[str]:
        """Return checker's answers, in pair order."""
        return [j.answer for j in self.judged]


HEADERS = ("set", "judge", "conflict P", "conflict R", "conflict F1", "agree P", "agree R", "agree F1")


def _table_rows(results: Sequence[Result]) -> list[tuple[str, ...]]:
    rows = []
    for result in results:
        for judge, given in (("checker", result.answers), ("trivial rule", result.trivial)):
            cells: list[str] = [result.pair_set.name, judge]
            for cls in CLASSES:
                cells += score(result.gold, given, cls).cells()
            rows.append(tuple(cells))
    return rows


def _verdicts(results: Sequence[Result]) -> list[str]:
    lines = []
    for result in results:
        counts = Counter(result.gold)
        verdict = []
        for cls in CLASSES:
            if not counts[cls]:
                verdict.append(f"{cls}: none labelled")
                continue
            ours, theirs = score(result.gold, result.answers, cls).f1, score(result.gold, result.trivial, cls).f1
            verdict.append(f"{cls} F1 {ours:.3f} vs {theirs:.3f}: {'beats' if ours > theirs else 'does NOT beat'} the trivial rule")
        labelled = ", ".join(f"{cls} {counts[cls]:,}" for cls in ANSWERS)
        lines.append(
            f"{result.pair_set.name} ({len(result.gold):,} pairs: {labelled}; checked in {result.seconds:.0f} s): " + "; ".join(verdict)
        )
    return lines


def render_text(results: Sequence[Result]) -> str:
    """Return the table and verdicts as aligned plain text."""
    rows = [HEADERS, *_table_rows(results)]
    widths = [max(len(r[k]) for r in rows) for k in range(len(HEADERS))]
    out = ["  ".join(c.ljust(w) if k < 2 else c.rjust(w) for k, (c, w) in enumerate(zip(row, widths))).rstrip() for row in rows]
    return "\n".join(out + [""] + _verdicts(results))


def render_markdown(results: Sequence[Result]) -> str:
    """Return the report: the table, verdicts, and per set its answers against its labels, conflict types and misses."""
    out = ["# checker on labelled sentence pairs", "", "Written by `python benchmarks/pairs.py`; how pairs are judged is in its docstring.", ""]
    out.append("| " + " | ".join(HEADERS) + " |")
    out.append("|---|---" + "|---:" * (len(HEADERS) - 2) + "|")
    out += ["| " + " | ".join(row) + " |" for row in _table_rows(results)]
    out += ["", *[f"- {line}" for line in _verdicts(results)], ""]
    for result in results:
        out += [f"## {result.pair_set.name}", "", f"Source: {result.pair_set.source}.", ""]
        for judge, given in (("checker", result.answers), ("trivial rule", result.trivial)):
            out += [f"{judge}: labelled (rows) against answered (columns)", ""]
            out += ["| labelled | " + " | ".join(ANSWERS) + " |", "|---" + "|---:" * len(ANSWERS) + "|"]
            cells = Counter(zip(result.gold, given))
            out += [f"| {g} | " + " | ".join(f"{cells[(g, a)]:,}" for a in ANSWERS) + " |" for g in ANSWERS]
            out.append("")
        out += _conflict_types(result)
        out += _misses(result)
    return "\n".join(out).rstrip() + "\n"


def _conflict_types(result: Result) -> list[str]:
    """Return a table of checker's conflict answers by conflict type (and warning) and label."""
    found: Counter[tuple[str, str]] = Counter()
    for gold, judged in zip(result.gold, result.judged):
        kinds = {c.split(":", 1)[0] for c in judged.conflicts} | ({judged.warning} if judged.warning else set())
        for kind in kinds:
            found[(kind, gold)] += 1
    if not found:
        return []
    out = ["checker's conflict answers by conflict type or warning (a pair may count under several)", ""]
    out += ["| type | " + " | ".join(f"labelled {g}" for g in ANSWERS) + " |", "|---" + "|---:" * len(ANSWERS) + "|"]
    for kind in sorted({k for k, _ in found}):
        out.append(f"| {kind} | " + " | ".join(f"{found[(kind, g)]:,}" for g in ANSWERS) + " |")
    return out + [""]


def _misses(result: Result) -> list[str]:
    out = []
    for gold, answer, title in (
        ("conflict", None, "labelled conflict, not answered so"),
        ("agree", None, "labelled agree, not answered so"),
        (None, "conflict", "answered conflict, labelled otherwise"),
    ):
        found = [
            (p, j) for p, j in zip(result.pair_set.pairs, result.judged)
            if (gold is not None and p.gold == gold and j.answer != gold) or (answer is not None and j.answer == answer and p.gold != answer)
        ][:EXAMPLES]
        if found:
            out += [f"checker, {title} (first {len(found)}):", ""]
            out += [f"- {_excerpt(p.a)} / {_excerpt(p.b)}: {j.answer}" + (f" ({_cell(j.reason())})" if j.conflicts else "") for p, j in found]
            out.append("")
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _excerpt(text: str, limit: int = 160) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return f"“{text if len(text) <= limit else text[:limit].rstrip() + '…'}”"


def _progress(name: str) -> Callable[[int, int], None]:
    def say(done: int, total: int) -> None:
        print(f"  {name}: {done:,}/{total:,} pairs checked", file=sys.stderr, flush=True)

    return say


if __name__ == "__main__":
    sys.exit(main())
