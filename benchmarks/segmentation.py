"""pySBD golden rules + news stories -> pass counts and sentences per second of checker's segmenter.

Run from anywhere: `python benchmarks/segmentation.py`. It reads the English Golden Rules and
pySBD's regression cases from ../shared/data/pysbd_golden_rules/ (relative to the project root)
and, for speed, the first Reuters-21578 stories from ../shared/data/news/. A clone without
../shared prints a note and exits 0. When pySBD is installed it is measured the same way, as a
peer. Baselines from the data README: a regex split passes 23/48, blingfire 36, pySBD 47 (at
about 1.3k sentences/s).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
GOLDEN = DATA / "pysbd_golden_rules"
NEWS = DATA / "news" / "reuters21578.jsonl.gz"
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
GOLDEN_REPEATS = 200  # copies of the golden texts timed when the news corpus is absent

sys.path.insert(0, str(ROOT))

from checker.rules import load_rules  # noqa: E402
from checker.segment import split_sentences  # noqa: E402

Splitter = Callable[[str], list[str]]


def main() -> int:
    """Print pass counts, failures and speed; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=5000, help="Reuters stories timed for checker.")
    parser.add_argument("--peer-stories", type=int, default=500, help="Stories timed for both (pySBD is slow).")
    args = parser.parse_args()
    if not GOLDEN.is_dir():
        print(f"no golden rules at {GOLDEN}: this benchmark needs the shared data folder; nothing to do")
        return 0
    golden = json.loads((GOLDEN / "golden_rules_en.json").read_text(encoding="utf-8"))
    regression = json.loads((GOLDEN / "regression_issues_en.json").read_text(encoding="utf-8"))
    abbreviations = frozenset(load_rules(ROOT / "rules").lexicon("abbreviations"))

    def ours(text: str) -> list[str]:
        return [text[s:e].strip() for s, e in split_sentences(text, 0, len(text), abbreviations)]

    splitters: dict[str, Splitter] = {"checker": ours}
    peer = _pysbd_splitter()
    if peer is None:
        print("pySBD is not installed: no peer comparison (pip install pysbd)")
    else:
        splitters["pySBD"] = peer

    print(f"{'splitter':<10} {'golden rules':>14} {'regression':>12}")
    failures: dict[str, list[tuple[str, list[str], list[str]]]] = {}
    for name, split in splitters.items():
        golden_failures = _failures(split, ((f"rule {c['rule']}", c) for c in golden))
        regression_failures = _failures(split, ((f"issue {c['pysbd_issue']}", c) for c in regression))
        failures[name] = golden_failures + regression_failures
        print(
            f"{name:<10} {len(golden) - len(golden_failures):>8} / {len(golden):<3}"
            f" {len(regression) - len(regression_failures):>6} / {len(regression):<3}"
        )
    print("\ncases checker fails (the sentences that differ, expected then got):")
    for label, expected, got in failures["checker"]:
        missing = [s for s in expected if s not in got]
        extra = [s for s in got if s not in expected]
        print(f"  {label}\n    expected {_show(missing)}\n    got      {_show(extra)}")
    if not failures["checker"]:
        print("  none")

    texts, source = _speed_texts(args.stories)
    print(f"\nspeed on {source}")
    _report_speed("checker", ours, texts)
    if peer is not None:
        subset = texts[: _paragraphs_in(texts, args.peer_stories)] if NEWS.is_file() else texts[: len(golden)]
        what = f"the first {args.peer_stories} stories" if NEWS.is_file() else "one copy of the golden texts"
        print(f"peer comparison on {what}:")
        _report_speed("checker", ours, subset)
        _report_speed("pySBD", peer, subset)
    return 0


def _pysbd_splitter() -> Splitter | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False)

    def split(text: str) -> list[str]:
        return [s.strip() for s in segmenter.segment(text)]

    return split


def _failures(split: Splitter, cases: Iterable[tuple[str, dict]]) -> list[tuple[str, list[str], list[str]]]:
    failed = []
    for label, case in cases:
        got = [s for s in split(case["text"]) if s]
        if got != case["expected"]:
            failed.append((label, case["expected"], got))
    return failed


def _show(sentences: list[str], width: int = 300) -> str:
    shown = json.dumps(sentences, ensure_ascii=False)
    return shown if len(shown) <= width else shown[: width - 3] + "..."


def _speed_texts(stories: int) -> tuple[list[str], str]:
    """Return paragraphs to time: Reuters stories when present, else the golden texts repeated."""
    if NEWS.is_file():
        paragraphs: list[str] = []
        with gzip.open(NEWS, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                if number >= stories:
                    break
                story = json.loads(line)
                body = story["text"] or story["title"]
                paragraphs.extend(p for p in PARAGRAPH_BREAK.split(body) if p.strip())
                paragraphs.append("")  # marks the end of a story for _paragraphs_in
        return paragraphs, f"the first {stories} Reuters-21578 stories, paragraph by paragraph"
    golden = json.loads((GOLDEN / "golden_rules_en.json").read_text(encoding="utf-8"))
    return [c["text"] for c in golden] * GOLDEN_REPEATS, f"the golden texts repeated {GOLDEN_REPEATS} times"


def _paragraphs_in(paragraphs: list[str], stories: int) -> int:
    """Return how many paragraphs the first `stories` stories take."""
    seen = 0
    for index, paragraph in enumerate(paragraphs):
        if paragraph == "":
            seen += 1
            if seen == stories:
                return index + 1
    return len(paragraphs)


def _report_speed(name: str, split: Splitter, texts: list[str]) -> None:
    texts = [t for t in texts if t]
    started = time.perf_counter()
    sentences = sum(len([s for s in split(t) if s]) for t in texts)
    seconds = time.perf_counter() - started
    rate = sentences / seconds if seconds else float("inf")
    print(f"  {name:<10} {sentences:>7,} sentences in {seconds:6.2f} s = {rate:>9,.0f} sentences/s")


if __name__ == "__main__":
    raise SystemExit(main())
