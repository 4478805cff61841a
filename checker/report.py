"""Report -> JSON and Markdown text; write_reports() writes them atomically."""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import orjson

from checker.errors import CheckerError
from checker.model import (
    COMPARABLE_KINDS,
    Article,
    Claim,
    ClaimTrust,
    Copy,
    Duplicate,
    Pair,
    Passage,
    Report,
    Signal,
    Skipped,
    Trust,
    TrustRun,
    Update,
)

# How many conflicts and corroborated claims the Markdown shows; the JSON keeps every one.
# A fact-checker reads the first screenfuls; 50 covers every seed run several times over.
MAX_CONFLICTS = 50
MAX_GROUPS = 50
# Articles listed in each per-article section (sources, duplicated passages, reliability, trust).
# A run over thousands of stories lists the most telling ones and counts the rest, which
# report.json holds in full; a run of a few articles lists them all, in input order.
MAX_ARTICLES = 50
# Claim text in a conflict table; longer claims are usually a segmentation miss, not evidence.
MAX_CLAIM_CHARS = 400
# Quotes in bullets only identify the claim; the line number is the real pointer.
MAX_QUOTE_CHARS = 100
# Line numbers listed per reliability signal before "+N more".
MAX_LINES = 10
# Claims listed per source under earned and cost trust, and other sources' claims shown under
# each, before "… and N more"; report.json keeps every one.
MAX_TRUST_CLAIMS = 10
MAX_TRUST_EVIDENCE = 3
# A run of this many characters without a space gets a zero-width space so a table column can
# wrap; 60 is wider than any English word and most URLs' host part.
MAX_WORD_CHARS = 60

DASH = "—"
ZWSP = "\u200b"
METHOD_ORDER = ("exact", "fuzzy", "restatement")
METHOD_VERBS = {"exact": "repeats", "fuzzy": "nearly repeats", "restatement": "restates"}

# Characters that are Markdown syntax anywhere in a line. `~` makes strikethrough and fences in
# GFM, `$` makes math on GitHub ("$52 million and $3 million" would render as a formula).
CHAR_ESCAPES = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "|": "\\|",
    "~": "\\~",
    "$": "\\$",
    "<": "&lt;",
    ">": "&gt;",
    "&": "&amp;",
}
LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
# "1." and "1)" start an ordered list only when a space or the end follows ("3.5" does not).
LEADING_ORDINAL = re.compile(r"\d{1,9}[.)](?=\s|$)")
# A dot between a letter or digit and two letters looks like a domain ("bbc.co.uk"), which
# linkifying renderers turn into a link even without "http".
DOMAIN_DOT = re.compile(r"(?<=[^\W_])\.(?=[A-Za-z]{2})")
# Characters an e-mail autolink may start with; cmark-gfm joins escaped text back together
# before looking for e-mail addresses, so only a real character between them and "@" stops it.
EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+-_")
# "scheme://" starts a bare-URL autolink; "//host" alone does in markdown-it's linkify.
URL_COLON = re.compile(r":(?=//)")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Ids and paths shown as code spans must not end the span or a table cell.
CODE_SAFE = re.compile(r"[^`|\s\x00-\x1f\x7f-\x9f]+(?: [^`|\s\x00-\x1f\x7f-\x9f]+)*")


def escape_markdown(text: str) -> str:
    """Return article text made literal inside a Markdown paragraph or table cell.

    Whitespace, newlines included, is folded to single spaces, so the text stays on one line
    and in one table row. Everything that could start a link, image, HTML, heading, list,
    emphasis, code, math or table cell is escaped; bare URLs, domains and e-mail addresses are
    broken up so renderers that linkify (GitHub, markdown-it) leave them as text.
    """
    text = CONTROL.sub("", " ".join(text.split()))
    text = LONG_WORD.sub(_break_word, text)
    leading = LEADING_ORDINAL.match(text)
    ordinal_end = leading.end() - 1 if leading else -1
    domain_dots = {match.start() for match in DOMAIN_DOT.finditer(text)}
    url_colons = {match.start() for match in URL_COLON.finditer(text)}
    out: list[str] = []
    for i, ch in enumerate(text):
        if i - 1 in url_colons:
            continue  # the first slash after "https:", already written escaped
        if ch in CHAR_ESCAPES:
            out.append(CHAR_ESCAPES[ch])
        elif i == 0 and ch in "#-+=":
            out.append("\\" + ch)
        elif i == ordinal_end:
            out.append("\\" + ch)
        elif i in url_colons:
            # "https://x" -> "https\:\//x": cmark-gfm needs the colon, markdown-it the slash.
            out.append("\\:\\/")
        elif i in domain_dots:
            out.append("\\.")
        elif ch == "@" and i > 0 and text[i - 1] in EMAIL_LOCAL:
            out.append(ZWSP + "@")
        else:
            out.append(ch)
    return "".join(out)


def _break_word(match: re.Match[str]) -> str:
    word = match.group()
    return ZWSP.join(word[i : i + MAX_WORD_CHARS] for i in range(0, len(word), MAX_WORD_CHARS))


def to_json(report: Report) -> str:
    """Return the report as the JSON text of the contract, indented, with a trailing newline."""
    data = {
        "version": report.version,
        "settings": {name: _setting_value(value) for name, value in report.settings.items()},
        "articles": [_article_json(article) for article in report.articles],
        "pairs": [_pair_json(pair) for pair in report.pairs],
        "skipped": [{"path": item.path, "reason": item.reason} for item in report.skipped],
        "trust": _trust_run_json(report.trust),
    }
    if report.corpus is not None:
        _mark_stored(data, report)
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
    except orjson.JSONEncodeError:
        # Only a lone surrogate, which a library caller can put in a string but no decoded file
        # holds, stops orjson; the standard encoder writes it escaped, in the same layout.
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _mark_stored(data: dict[str, object], report: Report) -> None:
    """Tell, in a check against a corpus, which articles and which side of each pair were stored before."""
    stored = {article.id for article in report.articles if article.stored}
    corpus = report.corpus
    data["corpus"] = {"path": corpus.path, "articles": corpus.articles, "claims": corpus.claims}
    for article in data["articles"]:
        article["stored"] = article["id"] in stored
    for pair in data["pairs"]:
        pair["sides"] = {side: "stored" if article_of(pair[side]) in stored else "new" for side in ("a", "b")}


def _setting_value(value: object) -> object:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, (tuple, list)):
        return [_setting_value(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    return value


def _article_json(article: Article) -> dict[str, object]:
    reliability = None
    if article.reliability is not None:
        reliability = {
            "score": article.reliability.score,
            "signals": [_signal_json(signal) for signal in article.reliability.signals],
        }
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "date": article.date,
        "outlet": article.outlet,
        "author": article.author,
        "claims": [claim_to_json(claim) for claim in article.claims],
        "duplicates": [_duplicate_json(duplicate) for duplicate in article.duplicates],
        "passages": [_passage_json(passage) for passage in article.passages],
        "reliability": reliability,
        "trust": _trust_json(article.trust),
        "encoding": article.encoding,
        "notes": list(article.notes),
        "source": article.source,
        "url": article.url,
    }


def claim_to_json(claim: Claim) -> dict[str, object]:
    return {
        "id": claim.id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "line": claim.line,
        "kind": claim.kind,
        "hedged": claim.hedged,
        "attribution": claim.attribution,
        "numbers": [quantity.value for quantity in claim.numbers],
        "dates": [mention.value for mention in claim.dates],
        "hedges": list(claim.hedges),
        "quantities": [{"value": q.value, "text": q.text, "unit": q.unit, "modifier": q.modifier} for q in claim.numbers],
        "entities": [{"name": entity.name, "title": entity.title, "key": entity.key} for entity in claim.entities],
        "negations": list(claim.negations),
        "occasion": claim.occasion,
        "occasion_source": claim.occasion_source,
    }


def _duplicate_json(duplicate: Duplicate) -> dict[str, object]:
    return {
        "a": duplicate.a,
        "b": duplicate.b,
        "similarity": round(duplicate.similarity, 3),
        "kind": duplicate.kind,
        "method": duplicate.method,
    }


def _passage_json(passage: Passage) -> dict[str, object]:
    return {
        "a": list(passage.a),
        "b": list(passage.b),
        "lines_a": list(passage.lines_a),
        "lines_b": list(passage.lines_b),
    }


def _signal_json(signal: Signal) -> dict[str, object]:
    return {
        "rule": signal.rule,
        "message": signal.message,
        "claims": list(signal.claims),
        "name": signal.name,
        "points": round(signal.points, 1),
    }


def _pair_json(pair: Pair) -> dict[str, object]:
    return {
        "a": pair.a,
        "b": pair.b,
        "similarity": round(pair.similarity, 3),
        "relation": pair.relation,
        "conflicts": [{"type": c.type, "a": c.a, "b": c.b} for c in pair.conflicts],
        "different_events": pair.different_events,
        "update": _update_json(pair.update),
    }


def _update_json(update: Update | None) -> dict[str, object] | None:
    if update is None:
        return None
    return {
        "earlier": update.earlier,
        "later": update.later,
        "earlier_value": update.earlier_value,
        "later_value": update.later_value,
        "reason": update.reason,
    }


def _trust_json(trust: Trust | None) -> dict[str, object] | None:
    if trust is None:
        return None
    return {
        "score": trust.score,
        "status": trust.status,
        "claims": [_claim_trust_json(claim) for claim in trust.claims],
        "single_source": list(trust.single_source),
        "copies": [_copy_json(copy) for copy in trust.copies],
    }


def _claim_trust_json(claim: ClaimTrust) -> dict[str, object]:
    return {
        "id": claim.id,
        "confidence": round(claim.confidence, 3),
        "effect": claim.effect,
        "support": list(claim.support),
        "contradiction": list(claim.contradiction),
    }


def _copy_json(copy: Copy) -> dict[str, object]:
    return {"article": copy.article, "original": copy.original, "share": round(copy.share, 3), "claims": copy.claims}


def _trust_run_json(run: TrustRun | None) -> dict[str, object] | None:
    if run is None:
        return None
    return {
        "iterations": run.iterations,
        "converged": run.converged,
        "copies": [_copy_json(copy) for copy in run.copies],
    }


def to_markdown(report: Report) -> str:
    """Return the report as Markdown for a fact-checker: findings first, each with its lines."""
    view = _View(report)
    sections = [
        view.summary(),
        view.sources(),
        view.duplicates(),
        view.conflicts(),
        view.corroborated(),
        view.related(),
        view.reliability(),
        view.trust(),
        view.skipped(),
        view.settings(),
    ]
    return "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n"


class _View:
    """One report with the lookups the Markdown sections share; lives for one rendering."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.order = {article.id: index for index, article in enumerate(report.articles)}
        self.agreeing = [pair for pair in report.pairs if pair.relation == "agrees"]
        self.conflicting = [pair for pair in report.pairs if pair.relation == "conflicts"]
        self.related_count = sum(1 for pair in report.pairs if pair.relation == "related")
        # Counted once: counting per article would cost articles x pairs.
        self.agree_count = Counter(article_of(claim) for pair in self.agreeing for claim in {pair.a, pair.b})
        self.conflict_count = Counter(article_of(claim) for pair in self.conflicting for claim in {pair.a, pair.b})
        # Updates are read on conflicting and related pairs alike: two counts of one thing, one later.
        self.updates = [pair for pair in report.pairs if pair.update is not None]
        # Per article, in report order: looking them up per article would cost articles x updates.
        self.updates_of: dict[str, list[Pair]] = {}
        for pair in self.updates:
            for article_id in dict.fromkeys((article_of(pair.a), article_of(pair.b))):
                self.updates_of.setdefault(article_id, []).append(pair)
        self.pair_of = {frozenset((pair.a, pair.b)): pair for pair in report.pairs}
        self.stored = {article.id for article in report.articles if article.stored}
        # Against a corpus, the stored articles are there for their pairs; their own findings were reported before.
        self.checked = [article for article in report.articles if not article.stored]

    def claim(self, claim_id: str) -> Claim | None:
        try:
            return self.report.claim(claim_id)
        except KeyError:
            return None

    def position(self, claim_id: str) -> tuple[int, int, str]:
        claim = self.claim(claim_id)
        article = self.order.get(article_of(claim_id), len(self.order))
        return (article, claim.start if claim else sys.maxsize, claim_id)

    def line(self, claim_id: str) -> str:
        claim = self.claim(claim_id)
        return str(claim.line) if claim else "?"

    def where(self, claim_id: str) -> str:
        return f"{self.article_name(article_of(claim_id))} line {self.line(claim_id)}"

    def article_name(self, article_id: str) -> str:
        return _code(article_id) + (" (stored)" if article_id in self.stored else "")

    def quote(self, claim_id: str, limit: int = MAX_QUOTE_CHARS) -> str:
        claim = self.claim(claim_id)
        if claim is None:
            return f"(claim {_code(claim_id)} not found)"
        return f"“{escape_markdown(_shorten(claim.text, limit))}”"

    def summary(self) -> list[str]:
        report = self.report
        claims = sum(_comparable(article) for article in report.articles)
        # One per bullet of "Duplicated passages": a passage, or a duplicate outside any passage.
        duplicated = sum(len(_findings(article)) for article in report.articles)
        parts = [
            _count(len(report.articles), "article"),
            _count(claims, "claim"),
            _count(duplicated, "duplicated passage"),
            _count(len(self.agreeing), "agreeing pair"),
            _count(len(self.conflicting), "conflicting pair"),
            _count(len(report.skipped), "skipped file"),
        ]
        lines = ["# Consistency report", "", ", ".join(parts)]
        if report.corpus is not None:
            lines += [
                "",
                f"New articles checked against the corpus {_code(report.corpus.path)} "
                f"({_count(report.corpus.articles, 'stored article')}); the stored ones that share claims "
                "with them are listed and marked (stored).",
            ]
        return lines

    def sources(self) -> list[str]:
        lines = [
            "## Sources",
            "",
            "| article | title | date | author | claims | duplicates | agrees | conflicts | reliability | trust |",
            "|---|---|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        shown, rest = self.capped(
            self.report.articles,
            lambda a: (-self.conflict_count[a.id], -len(a.duplicates), a.reliability.score if a.reliability else 101),
        )
        for article in shown:
            agrees = self.agree_count[article.id]
            conflicts = self.conflict_count[article.id]
            score = str(article.reliability.score) if article.reliability else DASH
            cells = [
                self.article_name(article.id),
                _text_or_dash(article.title),
                _text_or_dash(article.date),
                _text_or_dash(article.author),
                str(_comparable(article)),
                str(len(article.duplicates)),
                str(agrees),
                str(conflicts),
                score,
                _trust_cell(article.trust),
            ]
            lines.append(_row(cells))
        lines += self.more_articles(rest, "most conflicting first")
        notes = [(article.id, note) for article in self.report.articles for note in article.notes]
        if notes:
            lines += ["", "Notes:", ""]
            lines += [f"- {_code(article_id)}: {escape_markdown(note)}" for article_id, note in notes]
        return lines

    def duplicates(self) -> list[str]:
        lines = ["## Duplicated passages", ""]
        found = False
        shown, rest = self.capped([a for a in self.checked if a.duplicates], lambda a: (-len(_findings(a)),))
        for article in shown:
            findings = _findings(article)
            found = True
            lines += [f"### {_code(article.id)}", ""]
            for finding in findings:
                if isinstance(finding, Passage):
                    lines.append(self.passage_bullet(article, finding))
                else:
                    lines += self.duplicate_bullet(finding)
            lines.append("")
        if not found:
            lines.append("None found.")
        lines += self.more_articles(rest, "most duplicated first")
        return _trim(lines)

    def capped(self, articles: Iterable[Article], importance: Callable[[Article], tuple]) -> tuple[list[Article], int]:
        """Return the articles a section lists, and how many it leaves out.

        Up to MAX_ARTICLES are listed in input order; beyond, the first MAX_ARTICLES by importance
        (ascending, input order breaking ties).
        """
        articles = list(articles)
        if len(articles) <= MAX_ARTICLES:
            return articles, 0
        ranked = sorted(articles, key=lambda a: (importance(a), self.order[a.id]))
        return ranked[:MAX_ARTICLES], len(articles) - MAX_ARTICLES

    def more_articles(self, rest: int, ranking: str) -> list[str]:
        if not rest:
            return []
        return ["", f"… and {_count(rest, 'more article')} in report.json (the {MAX_ARTICLES} above are the {ranking})."]

    def passage_bullet(self, article: Article, passage: Passage) -> str:
        runs = set(zip(passage.a, passage.b))
        records = [d for d in article.duplicates if (d.a, d.b) in runs]
        methods = sorted({d.method for d in records}, key=_method_rank)
        detail = _count(len(passage.b), "claim")
        if methods:
            detail += "; " + escape_markdown(", ".join(methods))
        similarities = sorted(round(d.similarity, 3) for d in records)
        if similarities and similarities[0] < 1.0:
            low, high = _number(similarities[0]), _number(similarities[-1])
            detail += f", similarity {low}" if low == high else f", similarity {low}–{high}"
        later = _lines(passage.lines_b)
        verb = "repeat" if passage.lines_b[0] != passage.lines_b[1] else "repeats"
        quote = self.quote(passage.b[0]) if passage.b else ""
        return f"- {later} {verb} {_lines(passage.lines_a)} ({detail}): {quote}"

    def duplicate_bullet(self, duplicate: Duplicate) -> list[str]:
        verb = METHOD_VERBS.get(duplicate.method, "repeats")
        method = escape_markdown(duplicate.method)
        rule = "exact match" if duplicate.method == "exact" else f"{method} threshold"
        line_a, line_b = self.line(duplicate.a), self.line(duplicate.b)
        similarity = _number(round(duplicate.similarity, 3))
        return [
            f"- line {line_b} {verb} line {line_a} (similarity {similarity}, {rule})",
            f"  - line {line_b}: {self.quote(duplicate.b)}",
            f"  - line {line_a}: {self.quote(duplicate.a)}",
        ]

    def conflicts(self) -> list[str]:
        lines = ["## Conflicts across sources", ""]
        pairs = sorted(
            self.conflicting,
            key=lambda p: (
                p.different_events is not None or p.update is not None,
                -p.similarity,
                self.position(p.a),
                self.position(p.b),
            ),
        )
        if not pairs:
            lines.append("None found.")
        for pair in pairs[:MAX_CONFLICTS]:
            lines += self.conflict(pair)
            lines.append("")
        if len(pairs) > MAX_CONFLICTS:
            lines.append(f"… and {len(pairs) - MAX_CONFLICTS} more in report.json")
        return _trim(lines)

    def conflict(self, pair: Pair) -> list[str]:
        heading = "; ".join(f"{c.type}: {c.a or DASH} vs {c.b or DASH}" for c in pair.conflicts) or "conflict"
        similarity = f"Similarity {_number(round(pair.similarity, 3))}"
        threshold = self.report.settings.get("match_threshold")
        if isinstance(threshold, (int, float)) and not isinstance(threshold, bool):
            similarity += f" (match\\_threshold {_number(round(threshold, 4))})"
            if pair.similarity < threshold:
                # Title and counted-thing pairs are found through what they name, not how alike they read.
                shared = {"qualifier": "the same person", "number": "the same counted thing"}.get(
                    pair.conflicts[0].type if pair.conflicts else "", "the same subject"
                )
                similarity += f": the sentences are not one statement, but both speak of {shared}"
        claim_a, claim_b = self.claim(pair.a), self.claim(pair.b)
        rows = [
            ("claim", _claim_text(claim_a), _claim_text(claim_b)),
            ("value", _values(pair, "a"), _values(pair, "b")),
            ("occasion", _occasion(claim_a), _occasion(claim_b)),
            ("attribution", _attribution(claim_a), _attribution(claim_b)),
            ("hedged", _hedged(claim_a), _hedged(claim_b)),
        ]
        lines = [
            f"### {escape_markdown(heading)}",
            "",
            similarity + ".",
            "",
            _row(["", self.where(pair.a), self.where(pair.b)]),
            "|---|---|---|",
        ]
        lines += [_row(list(row)) for row in rows]
        if pair.different_events is not None:
            lines += ["", f"> May describe different events: {escape_markdown(pair.different_events)}"]
        if pair.update is not None:
            lines += ["", f"> Possible update, not counted as a contradiction: {self.update_text(pair.update)}"]
        return lines

    def update_text(self, update: Update) -> str:
        earlier = f"earlier {escape_markdown(update.earlier_value)} ({self.where(update.earlier)})"
        later = f"{escape_markdown(update.later_value)} ({self.where(update.later)})"
        return f"{earlier}, later {later}; {escape_markdown(update.reason)}."

    def corroborated(self) -> list[str]:
        lines = ["## Claims corroborated by several sources", ""]
        groups: dict[str, list[Pair]] = {}
        for pair in self.agreeing:
            groups.setdefault(pair.a, []).append(pair)
        ordered = sorted(groups, key=self.position)
        if not ordered:
            lines.append("None found.")
        for claim_id in ordered[:MAX_GROUPS]:
            pairs = sorted(groups[claim_id], key=lambda p: self.position(p.b))
            others = len({article_of(pair.b) for pair in pairs})
            lines.append(
                f"- {self.where(claim_id)}, agreed by {_count(others, 'other article')}: {self.quote(claim_id)}"
            )
            for pair in pairs:
                similarity = _number(round(pair.similarity, 3))
                lines.append(f"  - {self.where(pair.b)} (similarity {similarity}): {self.quote(pair.b)}")
        if len(ordered) > MAX_GROUPS:
            lines.append(f"… and {len(ordered) - MAX_GROUPS} more in report.json")
        return lines

    def related(self) -> list[str]:
        count = _count(self.related_count, "related pair")
        return [
            "## Related claims",
            "",
            f"{count}: claims on the same subject that neither agree nor conflict; see report.json.",
        ]

    def reliability(self) -> list[str]:
        lines = ["## Reliability", ""]
        shown, rest = self.capped(self.checked, lambda a: (a.reliability.score if a.reliability else 101,))
        for article in shown:
            if article.reliability is None:
                lines += [f"### {_code(article.id)} — not scored", ""]
                continue
            lines += [f"### {_code(article.id)} — score {article.reliability.score}/100", ""]
            if not article.reliability.signals:
                lines += ["No signals.", ""]
                continue
            lines += ["| rule | points | finding | claims |", "|---|---:|---|---|"]
            for signal in article.reliability.signals:
                cells = [
                    _code(f"{signal.rule} {signal.name}"),
                    _points(signal.points),
                    escape_markdown(signal.message),
                    self.claim_lines(article.id, signal.claims),
                ]
                lines.append(_row(cells))
            lines.append("")
        if not self.report.articles:
            lines.append("No articles.")
        lines += self.more_articles(rest, "least reliable first")
        return _trim(lines)

    def claim_lines(self, article_id: str, claim_ids: Iterable[str]) -> str:
        own: set[int] = set()
        foreign: list[str] = []
        for claim_id in claim_ids:
            claim = self.claim(claim_id)
            if claim is not None and article_of(claim_id) == article_id:
                own.add(claim.line)
            elif self.where(claim_id) not in foreign:
                foreign.append(self.where(claim_id))
        refs = [str(line) for line in sorted(own)] + foreign
        if not refs:
            return DASH
        label = "" if not own else "line " if len(own) == 1 else "lines "
        text = label + ", ".join(refs[:MAX_LINES])
        if len(refs) > MAX_LINES:
            text += f" +{len(refs) - MAX_LINES} more"
        return text

    def trust(self) -> list[str]:
        run = self.report.trust
        if run is None and all(article.trust is None for article in self.report.articles):
            return []
        intro = (
            "Agreement-based trust, 0-100, beside the text-based reliability: the average confidence of a "
            "source's claims that independent sources state or contradict, claim confidence and source trust "
            f"computed from each other until they settle (rules in {_code('trust.toml')})."
        )
        if run is not None and run.converged:
            intro += f" Settled after {_count(run.iterations, 'iteration')}."
        elif run is not None:
            intro += (
                f" Stopped at {_code('max_iterations')} ({run.iterations}) before settling; "
                "the scores are those of the last iteration."
            )
        lines = ["## Trust from other sources", "", intro, ""]
        if run is not None and run.copies:
            lines += ["Copies, each counted as one voice with its original:", ""]
            lines += [f"- {self.copy_text(copy)}" for copy in sorted(run.copies, key=lambda c: self.position(c.article + ":"))]
            lines.append("")
        shown, rest = self.capped(self.report.articles, lambda a: (_trust_rank(a),))
        for article in shown:
            lines += self.article_trust(article)
            lines.append("")
        lines += self.more_articles(rest, "least trusted first")
        return _trim(lines)

    def copy_text(self, copy: Copy) -> str:
        share = f"{round(copy.share * 100)}%"
        return f"{_code(copy.article)} copies {_code(copy.original)}: {_count(copy.claims, 'claim')}, {share} of its claims"

    def article_trust(self, article: Article) -> list[str]:
        reliability = f"reliability {article.reliability.score}/100" if article.reliability else "reliability not scored"
        trust = article.trust
        if trust is None:
            return [f"### {_code(article.id)} — trust not assessed ({reliability})"]
        if trust.score is None:
            lines = [
                f"### {_code(article.id)} — not corroborated ({reliability})",
                "",
                "No independent source states or contradicts any of its claims.",
            ]
        else:
            lines = [f"### {_code(article.id)} — trust {trust.score}/100 ({reliability})"]
        for title, effect in (("Earned trust", "earned"), ("Cost trust", "cost")):
            claims = [claim for claim in trust.claims if claim.effect == effect]
            if not claims:
                continue
            lines += ["", f"{title}:", ""]
            for claim in claims[:MAX_TRUST_CLAIMS]:
                lines += self.claim_trust(claim)
            if len(claims) > MAX_TRUST_CLAIMS:
                lines.append(f"- … and {len(claims) - MAX_TRUST_CLAIMS} more in report.json")
        updates = [pair.update for pair in self.updates_of.get(article.id, ()) if pair.update is not None]
        if updates:
            lines += ["", "Possible updates, costing no trust:", ""]
            lines += [f"- {self.update_text(update)}" for update in updates]
        if trust.copies:
            lines += ["", "Copies: " + "; ".join(self.copy_text(copy) for copy in trust.copies) + "."]
        if trust.single_source:
            count = _count(len(trust.single_source), "claim")
            lines += ["", f"Resting on this source alone ({count} with a number, date or full name): "
                      + self.claim_lines(article.id, trust.single_source)]
        return lines

    def claim_trust(self, claim: ClaimTrust) -> list[str]:
        own = self.claim(claim.id)
        detail = f"confidence {_number(round(claim.confidence, 3))}"
        if own is not None and own.hedged:
            detail += ", hedged"
        lines = [f"- line {self.line(claim.id)} ({detail}): {self.quote(claim.id)}"]
        evidence = [("supported by", other) for other in claim.support]
        evidence += [("contradicted by", other) for other in claim.contradiction]
        for verb, other in evidence[:MAX_TRUST_EVIDENCE]:
            lines.append(f"  - {verb} {self.where(other)} ({self.link_text(claim.id, other)}): {self.quote(other)}")
        if len(evidence) > MAX_TRUST_EVIDENCE:
            lines.append(f"  - … and {len(evidence) - MAX_TRUST_EVIDENCE} more in report.json")
        return lines

    def link_text(self, claim_id: str, other: str) -> str:
        pair = self.pair_of.get(frozenset((claim_id, other)))
        if pair is None:
            return "the same text, or the same as a claim it was compared with"
        if pair.relation == "agrees":
            return f"agrees, similarity {_number(round(pair.similarity, 3))}"
        return escape_markdown("; ".join(f"{c.type}: {c.a or DASH} vs {c.b or DASH}" for c in pair.conflicts))

    def skipped(self) -> list[str]:
        if not self.report.skipped:
            return []
        lines = ["## Skipped files", "", "| path | reason |", "|---|---|"]
        lines += [_row([_code(item.path), escape_markdown(item.reason)]) for item in self.report.skipped]
        return lines

    def settings(self) -> list[str]:
        lines = ["## Settings", ""]
        if not self.report.settings:
            return lines + ["None recorded."]
        lines += ["| setting | value |", "|---|---|"]
        for name, value in self.report.settings.items():
            lines.append(_row([_code(name), _setting_text(value)]))
        return lines


def article_of(claim_id: str) -> str:
    """Return the id of the article a claim id belongs to: the part before the last ":"."""
    return claim_id.rpartition(":")[0]


def _findings(article: Article) -> list[Passage | Duplicate]:
    covered = {pair for passage in article.passages for pair in zip(passage.a, passage.b)}
    passages = sorted(article.passages, key=lambda p: (p.lines_b, p.lines_a, p.b))
    loose = [d for d in article.duplicates if (d.a, d.b) not in covered]
    return [*passages, *loose]


def _trust_cell(trust: Trust | None) -> str:
    if trust is None:
        return DASH
    return str(trust.score) if trust.score is not None else "not corroborated"


def _comparable(article: Article) -> int:
    return sum(1 for claim in article.claims if claim.kind in COMPARABLE_KINDS)


def _trust_rank(article: Article) -> int:
    """Rank scored articles by trust, lowest first; unscored ones after them."""
    return article.trust.score if article.trust is not None and article.trust.score is not None else 101


def _method_rank(method: str) -> tuple[int, str]:
    return (METHOD_ORDER.index(method) if method in METHOD_ORDER else len(METHOD_ORDER), method)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _lines(span: tuple[int, int]) -> str:
    first, last = span
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _number(value: float) -> str:
    """Return a rounded number as the JSON report spells it, so both reports read the same."""
    return json.dumps(value)


def _points(points: float) -> str:
    rounded = round(points, 1)
    return "0.0" if rounded == 0 else f"{rounded:+.1f}"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _code(text: str) -> str:
    """Return an id, path or rule name as a code span, or escaped when it cannot be one."""
    if CODE_SAFE.fullmatch(text):
        return f"`{text}`"
    return escape_markdown(text) or DASH


def _text_or_dash(text: str | None) -> str:
    if text is None or not text.strip():
        return DASH
    return escape_markdown(text)


def _claim_text(claim: Claim | None) -> str:
    return escape_markdown(_shorten(claim.text, MAX_CLAIM_CHARS)) if claim else DASH


def _values(pair: Pair, side: str) -> str:
    if not pair.conflicts:
        return DASH
    values = [escape_markdown(getattr(c, side)) or DASH for c in pair.conflicts]
    if len(values) == 1:
        return values[0]
    return "; ".join(f"{c.type}: {value}" for c, value in zip(pair.conflicts, values))


def _attribution(claim: Claim | None) -> str:
    return _text_or_dash(claim.attribution if claim else None)


def _occasion(claim: Claim | None) -> str:
    if claim is None or claim.occasion is None:
        return DASH
    if claim.occasion_source:
        return escape_markdown(f"{claim.occasion} (from {claim.occasion_source})")
    return escape_markdown(claim.occasion)


def _hedged(claim: Claim | None) -> str:
    if claim is None:
        return DASH
    if not claim.hedged:
        return "no"
    if claim.hedges:
        return escape_markdown(f"yes ({', '.join(claim.hedges)})")
    return "yes"


def _setting_text(value: object) -> str:
    value = _setting_value(value)
    if isinstance(value, str):
        return escape_markdown(value) or DASH
    return escape_markdown(json.dumps(value, ensure_ascii=False))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _trim(lines: list[str]) -> list[str]:
    while lines and lines[-1] == "":
        lines.pop()
    return lines


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One article as the terminal summary lists it."""

    article: str
    stored: bool
    claims: int  # claims and quotes
    duplicates: int
    agrees: int  # agreeing pairs it is part of
    conflicts: int
    reliability: int | None
    trust: int | None


@dataclass(frozen=True, slots=True)
class Summary:
    """What a check tells on the terminal beside its reports; small, so a cluster can send it instead of the report."""

    rows: tuple[SummaryRow, ...]  # every article, in report order
    agreeing: int
    conflicting: int
    skipped: tuple[Skipped, ...]
    notes: tuple[tuple[str, str], ...]  # (path, note) of the articles checked, not stored before

    @property
    def checked(self) -> int:
        return sum(not row.stored for row in self.rows)


def summarise(report: Report) -> Summary:
    """Return the Summary of a report."""
    counts = {"agrees": Counter(), "conflicts": Counter()}
    for pair in report.pairs:
        counter = counts.get(pair.relation)
        if counter is not None:
            for claim_id in (pair.a, pair.b):
                counter[article_of(claim_id)] += 1
    rows = tuple(
        SummaryRow(
            article=article.id,
            stored=article.stored,
            claims=sum(c.kind in ("claim", "quote") for c in article.claims),
            duplicates=len(article.duplicates),
            agrees=counts["agrees"][article.id],
            conflicts=counts["conflicts"][article.id],
            reliability=article.reliability.score if article.reliability else None,
            trust=article.trust.score if article.trust else None,
        )
        for article in report.articles
    )
    return Summary(
        rows=rows,
        agreeing=sum(p.relation == "agrees" for p in report.pairs),
        conflicting=sum(p.relation == "conflicts" for p in report.pairs),
        skipped=report.skipped,
        notes=tuple((a.path, note) for a in report.articles if not a.stored for note in a.notes),
    )


RENDERERS: dict[str, Callable[[Report], str]] = {"json": to_json, "markdown": to_markdown}


def report_targets(
    out: Path | None = None, json_path: str | Path | None = None, markdown_path: str | Path | None = None
) -> tuple[list[tuple[str | Path, str]], Path | None]:
    """Return where each report goes, as (path or "-", name in RENDERERS), and the folder to create for them, if any.

    out is the folder for report.json and report.md, used for each report whose path is not given.
    """
    folder = Path(out) if out is not None and (json_path is None or markdown_path is None) else None
    targets: list[tuple[str | Path, str]] = []
    if json_path is None and out is not None:
        json_path = Path(out) / "report.json"
    if markdown_path is None and out is not None:
        markdown_path = Path(out) / "report.md"
    if json_path is not None:
        targets.append((json_path, "json"))
    if markdown_path is not None:
        targets.append((markdown_path, "markdown"))
    return targets, folder


def write_reports(
    report: Report,
    *,
    out: Path | None = None,
    json_path: str | Path | None = None,
    markdown_path: str | Path | None = None,
) -> list[Path]:
    """Write the JSON and Markdown reports and return the files written.

    Args:
        out: folder for report.json and report.md, created if missing; used for each report
            whose path is not given.
        json_path, markdown_path: where to write that report; "-" means standard output.

    Both reports are rendered before anything is written, and each file is replaced
    atomically, so a failure leaves the previous reports whole.
    """
    targets, folder = report_targets(out, json_path, markdown_path)
    rendered = [[RENDERERS[kind](report)] for _, kind in targets]
    return write_rendered(targets, rendered, folder)


def write_rendered(targets: list[tuple[str | Path, str]], rendered: list[Iterable[str]], folder: Path | None) -> list[Path]:
    """Write each target's rendered text, given as pieces in order, and return the files written.

    folder (report_targets' second value) is created first. Each file is replaced atomically:
    a failure, or pieces that stop coming, leave the previous file whole.
    """
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise CheckerError(f"cannot create folder {folder}: {err.strerror or err}") from None
    written: list[Path] = []
    for (target, _), pieces in zip(targets, rendered):
        if str(target) == "-":
            for piece in pieces:
                sys.stdout.write(piece)
            continue
        path = Path(target)
        _write_atomic(path, pieces)
        written.append(path)
    return written


def _write_atomic(path: Path, pieces: Iterable[str]) -> None:
    """Write the pieces of a text to path through a temporary file in the same folder and os.replace."""
    folder = path.parent
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o644  # NamedTemporaryFile makes 0o600; a report is meant to be shared
    try:
        handle = tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="", delete=False, dir=folder, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as err:
        raise CheckerError(f"cannot write {path}: {err.strerror or err}") from None
    try:
        with handle:
            for piece in pieces:
                handle.write(piece)
            handle.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException as err:
        try:
            os.unlink(handle.name)
        except FileNotFoundError:
            pass
        if isinstance(err, OSError):
            raise CheckerError(f"cannot write {path}: {err.strerror or err}") from None
        raise
