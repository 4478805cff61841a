"""Saved news pages -> how well checker finds the article body, beside trafilatura alone and readability-lxml.

Run from anywhere: `python benchmarks/extraction.py` (about a minute on two cores). It reads the
170 pages of ../shared/data/article-extraction/ (relative to the project root) with the article
bodies people marked; a clone without them prints a note and exits 0. readability-lxml is in
the `bench` extra (`pip install '.[bench]'`); when missing it is named and skipped.

The measure is the benchmark's own: each body is split into word tokens (\\w+), tokens are
grouped into overlapping runs of four (shingles), and true positives, false positives and false
negatives are counted over the shingles of the extracted and the marked body, divided by their
sum so that every page weighs the same. Precision and recall are the means over pages (a page
with no extracted text has no precision, as one with an empty marked body has no recall); F1 is
the harmonic mean of the two means.

Every extractor reads the same decoded page. checker's body is its extracted text without the
headline line it starts with (checker puts the headline first, the marked bodies leave it out).
A page that raises or takes longer than HANG_SECONDS is counted as such. The metadata columns
count the pages for which each method names a title, author and date (the benchmark has no
truth for them), and two checks that need none: of the pages whose address holds a day
(/2019/11/18/), how many dates are that day (the outlet's own); and how many titles carry the
site name the page declares (og:site_name), which the headline as shown does not.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "article-extraction"
sys.path.insert(0, str(ROOT))

SHINGLE = 4
TOKEN = re.compile(r"\w+")
# A page taking longer than this is reported as a hang: no extractor should need it.
HANG_SECONDS = 10.0


def main() -> int:
    """Run every extractor on every page and print the table; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="Folder with html/ and ground-truth.json.")
    parser.add_argument("--pages", type=int, default=None, help="Only the first N pages (by id).")
    parser.add_argument("--show", type=int, default=0, help="List the N pages where checker's F1 is lowest.")
    args = parser.parse_args()
    truth_file = args.data / "ground-truth.json"
    if not truth_file.is_file():
        print(f"no benchmark data at {args.data}: this benchmark needs the shared data folder; nothing to do")
        return 0
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.pages]
    extractors = {"checker": _checker, "trafilatura alone": _trafilatura}
    try:
        import readability  # noqa: F401
    except ImportError:
        print("readability-lxml not installed, skipped (pip install '.[bench]')")
    else:
        extractors["readability-lxml"] = _readability
    pages = {}
    for page_id in ids:
        from checker.webpage import decode_page

        data = gzip.decompress((args.data / "html" / f"{page_id}.html.gz").read_bytes())
        pages[page_id] = decode_page(data)[0]
    days = {page_id: _day_in_address(truth[page_id].get("url", "")) for page_id in ids}
    sites = {page_id: _site_name(pages[page_id]) for page_id in ids}
    rows = {}
    scores_by_page: dict[str, dict[str, float]] = {}
    for name, extract in extractors.items():
        extract(pages[ids[0]])  # imports and first-call set-up are not timed
        counts, crashes, hangs, seconds, metadata = [], [], [], 0.0, Counter()
        url_days = site_titles = 0
        for page_id in ids:
            start = time.perf_counter()
            try:
                body, found = extract(pages[page_id])
            except Exception as err:  # noqa: BLE001 - a crash is what this benchmark counts
                crashes.append(f"{page_id[:12]}: {type(err).__name__}: {err}")
                body, found = "", {}
            took = time.perf_counter() - start
            seconds += took
            if took > HANG_SECONDS:
                hangs.append(f"{page_id[:12]} ({took:.1f} s)")
            metadata.update(key for key, value in found.items() if value)
            url_days += found.get("date") is not None and found.get("date") == days[page_id]
            site_titles += bool(found.get("title") and sites[page_id] and sites[page_id].lower() in found["title"].lower())
            tp_fp_fn = shingle_counts(truth[page_id].get("articleBody", ""), body)
            counts.append(tp_fp_fn)
            scores_by_page.setdefault(page_id, {})[name] = _page_f1(tp_fp_fn)
        precision, recall, f1 = summarise(counts)
        metadata["date = day in address"] = url_days
        metadata["title with site name"] = site_titles
        rows[name] = (precision, recall, f1, len(ids) / seconds, crashes, hangs, metadata)
    print(f"{len(ids)} pages from {args.data}; {sum(d is not None for d in days.values())} with a day in their address")
    print(f"{'extractor':<20} {'precision':>9} {'recall':>7} {'F1':>6} {'pages/s':>8} {'crashes':>8} {'hangs':>6}"
          "  title author date  date=address title+site")
    for name, (precision, recall, f1, speed, crashes, hangs, metadata) in rows.items():
        found = f"{metadata['title']:>5} {metadata['author']:>6} {metadata['date']:>4}  {metadata['date = day in address']:>12} {metadata['title with site name']:>10}"
        print(f"{name:<20} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f} {speed:>8.1f} {len(crashes):>8} {len(hangs):>6}  {found}")
    for name, row in rows.items():
        for problem in row[4] + row[5]:
            print(f"  {name}: {problem}")
    if args.show:
        worst = sorted(ids, key=lambda page_id: scores_by_page[page_id]["checker"])[: args.show]
        for page_id in worst:
            scores = ", ".join(f"{name} {value:.2f}" for name, value in scores_by_page[page_id].items())
            print(f"  {page_id[:12]} {truth[page_id].get('url', '')}: {scores}")
    return 0


def _checker(markup: str) -> tuple[str, dict]:
    from checker.webpage import read_web_page

    try:
        page = read_web_page(markup)
    except ValueError:
        return "", {}
    lines = page.text.splitlines()
    body = "\n".join(lines[1:] if page.title and lines and lines[0] == page.title else lines)
    return body, {"title": page.title, "author": page.author, "date": page.date}


def _trafilatura(markup: str) -> tuple[str, dict]:
    import trafilatura

    document = trafilatura.bare_extraction(markup, include_comments=False, with_metadata=True)
    if document is None:
        return "", {}
    return document.text or "", {"title": document.title, "author": document.author, "date": document.date}


def _readability(markup: str) -> tuple[str, dict]:
    from lxml import html
    from readability import Document

    document = Document(markup)
    summary = document.summary(html_partial=True)
    body = html.fragment_fromstring(summary, create_parent=True).text_content() if summary.strip() else ""
    return body, {"title": document.short_title()}


def _day_in_address(url: str) -> str | None:
    found = re.search(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/-])", url)
    return f"{found[1]}-{int(found[2]):02d}-{int(found[3]):02d}" if found else None


def _site_name(markup: str) -> str | None:
    found = re.search(r"<meta[^>]{0,200}?property=[\"']og:site_name[\"'][^>]{0,200}?content=[\"']([^\"']{2,80})", markup)
    return found[1].strip() if found else None


def tokens(text: str) -> list[str]:
    """Return the word tokens of a text as the benchmark splits them."""
    return TOKEN.findall(text or "")


def shingles(text: str) -> Counter:
    """Return the counts of overlapping runs of SHINGLE tokens (a shorter text is one run)."""
    words = tokens(text)
    return Counter(tuple(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1)) if words[i : i + SHINGLE])


def shingle_counts(true: str, predicted: str) -> tuple[float, float, float]:
    """Return the true positive, false positive and false negative shares of the shingles of one page."""
    expected, found = shingles(true), shingles(predicted)
    tp = sum(min(expected[key], found[key]) for key in expected.keys() & found.keys())
    fp = sum(found.values()) - tp
    fn = sum(expected.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def _page_f1(counts: tuple[float, float, float]) -> float:
    precision, recall = _precision(*counts), _recall(*counts)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def summarise(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Return mean precision over pages with extracted text, mean recall over pages with a marked body, and their F1."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


if __name__ == "__main__":
    raise SystemExit(main())
