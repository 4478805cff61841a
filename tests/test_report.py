"""Report rendering: the JSON contract, the Markdown a fact-checker reads, and safe writing."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from checker import report as report_module
from checker.errors import CheckerError
from checker.model import (
    Article,
    Claim,
    ClaimTrust,
    Conflict,
    DateMention,
    Duplicate,
    Entity,
    Pair,
    Passage,
    Quantity,
    Reliability,
    Report,
    Signal,
    Skipped,
    Trust,
    TrustRun,
    Update,
)
from checker.report import claim_to_json, escape_markdown, to_json, to_markdown, write_reports

GOLDEN = Path(__file__).parent / "golden" / "report"

LONG_WORD = "x" * 500
HOSTILE = (
    "Officials | pipe said `rm -rf` and <script>alert(1)</script> <!-- comment --> "
    "[x](javascript:alert(1)) ![img](http://evil.example/a.png)\n# heading at line start "
    f"{LONG_WORD} see https://evil.example/path, www.evil.example and bob@evil.example."
)
SECTIONS = [
    "# Consistency report",
    "## Sources",
    "## Duplicated passages",
    "## Conflicts across sources",
    "## Claims corroborated by several sources",
    "## Related claims",
    "## Reliability",
    "## Trust from other sources",
    "## Skipped files",
    "## Settings",
]


def make_article(article_id: str, lines: list[str], specs: list[tuple[str, dict[str, Any]]], **meta: Any) -> Article:
    """Build an article whose claims point at real offsets and lines of its text."""
    text = "\n".join(lines) + "\n"
    claims = []
    cursor = 0
    for n, (claim_text, fields) in enumerate(specs, start=1):
        start = text.index(claim_text, cursor)
        cursor = start + len(claim_text)
        fields = {"kind": "claim", **fields}
        claims.append(
            Claim(
                id=f"{article_id}:{n}",
                text=claim_text,
                start=start,
                end=cursor,
                line=text.count("\n", 0, start) + 1,
                **fields,
            )
        )
    return Article(id=article_id, path=f"articles/{article_id}.txt", text=text, claims=tuple(claims), **meta)


def quantity(value: str, text: str, unit: str | None) -> Quantity:
    return Quantity(value=value, text=text, unit=unit, start=0, end=len(text))


def sample_report() -> Report:
    """Three tiny articles with a passage, duplicates, agreement, conflicts, signals and a skip."""
    released_52 = "Belarus released 52 political prisoners on Friday, officials said."
    deal = "The release was reportedly part of a deal with the United States."
    restated = "Fifty-two political prisoners were freed on Friday."
    number_52 = (quantity("52", "52", "political prisoners"),)
    friday = (DateMention(value="2025-02-14", text="Friday", start=0, end=6),)
    a = make_article(
        "a",
        ["Belarus frees prisoners", "", released_52, deal, "", released_52, deal, "", restated],
        [
            ("Belarus frees prisoners", {"kind": "heading"}),
            (released_52, {"numbers": number_52, "dates": friday, "attribution": "officials",
                           "occasion": "2025-02-14", "occasion_source": "claim date"}),
            (deal, {"hedged": True, "hedges": ("reportedly",),
                    "entities": (Entity(name="United States", key="united states", title=None, start=0, end=13),)}),
            (released_52, {"numbers": number_52, "dates": friday, "attribution": "officials"}),
            (deal, {"hedged": True, "hedges": ("reportedly",)}),
            (restated, {"numbers": (quantity("52", "Fifty-two", "political prisoners"),)}),
        ],
        title="Prisoners freed | day one",
        date="2025-02-14",
        outlet="Daily A",
    )
    a = _with(
        a,
        duplicates=(
            Duplicate(a="a:2", b="a:4", similarity=1.0, kind="exact", method="exact"),
            Duplicate(a="a:3", b="a:5", similarity=0.9612345, kind="near", method="fuzzy"),
            Duplicate(a="a:2", b="a:6", similarity=0.6234, kind="near", method="restatement"),
        ),
        passages=(Passage(a=("a:2", "a:3"), b=("a:4", "a:5"), lines_a=(3, 4), lines_b=(6, 7)),),
        reliability=Reliability(
            score=85,
            signals=(
                Signal(rule="A101", name="anonymous-source", message="1 of 5 claims rest on unnamed sources",
                       points=-10.0, claims=("a:2", "a:4")),
                Signal(rule="H201", name="hedging", message="2 of 5 claims are hedged (\"reportedly\")",
                       points=-5.04, claims=("a:3", "a:5")),
            ),
        ),
    )
    three = "Belarus released 3 political prisoners on Friday, according to Reuters."
    b = make_article(
        "b",
        [HOSTILE, "", three, "", "The release was part of a deal with the United States."],
        [
            (HOSTILE, {"negations": ("not",)}),
            (three, {"numbers": (quantity("3", "3", "political prisoners"),), "attribution": "Reuters",
                     "occasion": "2025-09-12", "occasion_source": "article date"}),
            ("The release was part of a deal with the United States.", {}),
        ],
        date="2025-09-12",
        author="Jane <b>Doe</b>",
        encoding="cp1252",
        notes=("claim cap of 500 reached; later text not checked",),
    )
    b = _with(
        b,
        reliability=Reliability(
            score=100,
            signals=(
                Signal(rule="S401", name="specific-numbers", message="names its source for `3` | Reuters",
                       points=5.0, claims=("b:1", "b:2", "b:3")),
            ),
        ),
        trust=Trust(
            score=64,
            status="scored",
            claims=(ClaimTrust("b:1", 0.431, "cost", (), ("a:3",)), ClaimTrust("b:3", 0.95, "earned", ("a:3",), ())),
            single_source=("b:2",),
            copies=(),
        ),
    )
    a = _with(
        a,
        trust=Trust(
            score=81,
            status="scored",
            claims=(ClaimTrust("a:3", 0.9123, "earned", ("b:3", "c:1"), ("b:1",)),),
            single_source=("a:2", "a:6"),
            copies=(),
        ),
    )
    c = make_article("c", ["The deal with the United States freed prisoners."],
                     [("The deal with the United States freed prisoners.", {"kind": "quote"})],
                     trust=Trust(score=88, status="scored", claims=(ClaimTrust("c:1", 0.95, "earned", ("a:3",), ()),),
                                 single_source=(), copies=()))
    pairs = (
        Pair(a="a:2", b="b:2", similarity=0.88, relation="conflicts",
             conflicts=(Conflict(type="number", a="52", b="3"),),
             different_events="the claims' dates differ: 2025-02-14 (claim date) vs 2025-09-12 (article date)",
             update=Update(earlier="a:2", later="b:2", earlier_value="52", later_value="3",
                           reason="the claims are dated 2025-02-14 and 2025-09-12")),
        Pair(a="a:3", b="b:1", similarity=0.612, relation="conflicts",
             conflicts=(Conflict(type="negation", a="", b="not"), Conflict(type="qualifier", a="reportedly", b="<i>"))),
        Pair(a="a:3", b="b:3", similarity=0.81234, relation="agrees"),
        Pair(a="a:3", b="c:1", similarity=0.7, relation="agrees"),
        Pair(a="a:6", b="b:2", similarity=0.55, relation="related"),
    )
    return Report(
        settings={"match_threshold": 0.6, "duplicate_fuzzy_threshold": 0.912345678, "top_k": 5},
        articles=(a, b, c),
        pairs=pairs,
        skipped=(Skipped(path="articles/broken.pdf", reason="not text: binary content at byte 10"),),
        trust=TrustRun(iterations=6, converged=True, copies=()),
    )


def _with(article: Article, **changes: Any) -> Article:
    fields = {name: getattr(article, name) for name in Article.__dataclass_fields__}
    return Article(**{**fields, **changes})


def unescaped_pipes(line: str) -> int:
    """Count the pipes a GFM table splits on: those after an even run of backslashes."""
    return sum(1 for match in re.finditer(r"(\\*)\|", line) if len(match.group(1)) % 2 == 0)


def tables(markdown: str) -> list[list[str]]:
    found: list[list[str]] = []
    current: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").enable("strikethrough")


# JSON


def test_claim_json_carries_what_claims_are_compared_on() -> None:
    """A bound on a figure and the identity of a name reach the JSON, so a reader sees both sides of a comparison."""
    text = "At least 40 miners died, said former Mining Minister Ana Pérez."
    claim = Claim(
        id="a:1", text=text, start=0, end=len(text), line=1, kind="sentence",
        numbers=(Quantity(value="40", text="At least 40", unit="miners", start=0, end=11, modifier="min"),),
        entities=(Entity(name="Ana Pérez", key="perez", title="former Mining Minister", start=53, end=62),),
    )
    data = claim_to_json(claim)
    assert data["quantities"] == [{"value": "40", "text": "At least 40", "unit": "miners", "modifier": "min"}]
    assert data["entities"] == [{"name": "Ana Pérez", "title": "former Mining Minister", "key": "perez"}]


def test_json_has_every_contract_key_with_its_type() -> None:
    data = json.loads(to_json(sample_report()))
    assert list(data) == ["version", "settings", "articles", "pairs", "skipped", "trust"]
    assert data["version"] == 1
    assert all(isinstance(value, (int, float)) for value in data["settings"].values())
    article = data["articles"][0]
    assert list(article)[:8] == ["id", "path", "title", "date", "outlet", "author", "claims", "duplicates"]
    assert {"reliability", "passages", "encoding", "notes"} <= set(article)
    claim = article["claims"][1]
    contract = ["id", "text", "start", "end", "line", "kind", "hedged", "attribution", "numbers", "dates"]
    assert list(claim)[: len(contract)] == contract
    assert claim["numbers"] == ["52"] and claim["dates"] == ["2025-02-14"]
    assert claim["quantities"] == [{"value": "52", "text": "52", "unit": "political prisoners", "modifier": None}]
    assert claim["occasion"] == "2025-02-14" and claim["occasion_source"] == "claim date"
    assert article["claims"][2]["entities"] == [{"name": "United States", "title": None, "key": "united states"}]
    assert article["claims"][2]["hedges"] == ["reportedly"]
    assert isinstance(claim["start"], int) and isinstance(claim["hedged"], bool)
    assert list(article["duplicates"][0]) == ["a", "b", "similarity", "kind", "method"]
    assert article["passages"] == [{"a": ["a:2", "a:3"], "b": ["a:4", "a:5"], "lines_a": [3, 4], "lines_b": [6, 7]}]
    signal = article["reliability"]["signals"][0]
    assert list(signal)[:3] == ["rule", "message", "claims"]
    assert signal["name"] == "anonymous-source" and signal["claims"] == ["a:2", "a:4"]
    assert data["articles"][1]["encoding"] == "cp1252"
    assert data["articles"][1]["notes"] == ["claim cap of 500 reached; later text not checked"]
    assert data["articles"][2]["reliability"] is None
    pair = data["pairs"][0]
    assert list(pair)[:6] == ["a", "b", "similarity", "relation", "conflicts", "different_events"]
    assert pair["conflicts"] == [{"type": "number", "a": "52", "b": "3"}]
    assert data["pairs"][2]["different_events"] is None
    assert data["skipped"] == [{"path": "articles/broken.pdf", "reason": "not text: binary content at byte 10"}]


def test_json_claim_offsets_reproduce_the_claim_text() -> None:
    report = sample_report()
    data = json.loads(to_json(report))
    for article, record in zip(report.articles, data["articles"]):
        for claim in record["claims"]:
            assert article.text[claim["start"] : claim["end"]] == claim["text"]


def test_json_rounds_floats() -> None:
    data = json.loads(to_json(sample_report()))
    assert data["settings"] == {"match_threshold": 0.6, "duplicate_fuzzy_threshold": 0.9123, "top_k": 5}
    assert data["articles"][0]["duplicates"][1]["similarity"] == 0.961
    assert data["pairs"][2]["similarity"] == 0.812
    assert data["articles"][0]["reliability"]["signals"][1]["points"] == -5.0


def test_json_is_deterministic_and_ends_with_a_newline() -> None:
    first, second = to_json(sample_report()), to_json(sample_report())
    assert first == second
    assert first.endswith("}\n")
    assert '"Jane <b>Doe</b>"' in first  # ensure_ascii=False and no HTML escaping in JSON


# Markdown


def test_markdown_sections_come_in_order() -> None:
    markdown = to_markdown(sample_report())
    headings = [line for line in markdown.splitlines() if line.startswith(("# ", "## "))]
    assert headings == SECTIONS
    assert markdown.splitlines()[0] == "# Consistency report"
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")


def test_markdown_is_deterministic() -> None:
    assert to_markdown(sample_report()) == to_markdown(sample_report())


def test_summary_counts_findings() -> None:
    summary = to_markdown(sample_report()).splitlines()[2]
    assert summary == "3 articles, 9 claims, 2 duplicated passages, 2 agreeing pairs, 2 conflicting pairs, 1 skipped file"


def test_sources_table_counts_and_dashes() -> None:
    markdown = to_markdown(sample_report())
    assert "| `a` | Prisoners freed \\| day one | 2025-02-14 | — | 5 | 3 | 2 | 2 | 85 | 81 |" in markdown
    assert "| `c` | — | — | — | 1 | 0 | 1 | 0 | — | 88 |" in markdown
    assert "- `b`: claim cap of 500 reached; later text not checked" in markdown


def test_passage_and_loose_duplicate_name_their_method_and_lines() -> None:
    markdown = to_markdown(sample_report())
    assert "- lines 6-7 repeat lines 3-4 (2 claims; exact, fuzzy, similarity 0.961–1.0): “Belarus" in markdown
    assert "- line 9 restates line 3 (similarity 0.623, restatement threshold)" in markdown
    # The duplicates inside the passage are not listed again.
    assert "line 6 repeats line 3" not in markdown


def test_no_duplicates_says_none_found() -> None:
    report = sample_report()
    articles = tuple(_with(article, duplicates=(), passages=()) for article in report.articles)
    markdown = to_markdown(Report(settings={}, articles=articles, pairs=()))
    section = markdown.split("## Duplicated passages\n\n", 1)[1]
    assert section.startswith("None found.")


def test_conflicts_rank_same_event_pairs_first_and_note_different_events() -> None:
    markdown = to_markdown(sample_report())
    negation = markdown.index("### negation: — vs not; qualifier: reportedly vs &lt;i&gt;")
    number = markdown.index("### number: 52 vs 3")
    assert negation < number  # different_events None ranks above a higher similarity
    assert "|  | `a` line 3 | `b` line 4 |" in markdown
    assert "| occasion | 2025-02-14 (from claim date) | 2025-09-12 (from article date) |" in markdown
    assert "| hedged | yes (reportedly) | no |" in markdown
    assert "> May describe different events: the claims' dates differ" in markdown
    assert "Similarity 0.88 (match\\_threshold 0.6)." in markdown


def test_conflicts_are_capped_with_a_pointer_to_json() -> None:
    report = sample_report()
    pairs = tuple(
        Pair(a="a:2", b="b:2", similarity=0.9 - i / 1000, relation="conflicts",
             conflicts=(Conflict(type="number", a=str(i), b="3"),))
        for i in range(55)
    )
    markdown = to_markdown(Report(settings={}, articles=report.articles, pairs=pairs))
    assert markdown.count("### number:") == 50
    assert "… and 5 more in report.json" in markdown
    assert "### number: 0 vs 3" in markdown and "### number: 54 vs 3" not in markdown


def test_corroborated_claims_group_by_the_earliest_claim() -> None:
    markdown = to_markdown(sample_report())
    section = markdown.split("## Claims corroborated by several sources\n\n", 1)[1].split("\n\n## ", 1)[0]
    lines = section.splitlines()
    assert lines[0].startswith("- `a` line 4, agreed by 2 other articles: “The release was reportedly")
    assert lines[1].startswith("  - `b` line 6 (similarity 0.812): “The release")
    assert lines[2].startswith("  - `c` line 1 (similarity 0.7): “The deal")
    assert len(lines) == 3


def test_related_claims_are_only_counted() -> None:
    markdown = to_markdown(sample_report())
    assert "1 related pair: claims on the same subject that neither agree nor conflict; see report.json." in markdown


def test_reliability_tables_name_rule_points_and_lines() -> None:
    markdown = to_markdown(sample_report())
    assert "### `a` — score 85/100" in markdown
    assert "| `A101 anonymous-source` | -10.0 | 1 of 5 claims rest on unnamed sources | lines 3, 6 |" in markdown
    assert "| `H201 hedging` | -5.0 |" in markdown
    assert "| `S401 specific-numbers` | +5.0 | names its source for \\`3\\` \\| Reuters | lines 1, 4, 6 |" in markdown
    assert "### `c` — not scored" in markdown


def test_reliability_lists_at_most_ten_lines() -> None:
    lines = [f"Claim number {n} is here." for n in range(1, 13)]
    article = make_article("m", lines, [(line, {}) for line in lines])
    ids = tuple(claim.id for claim in article.claims)
    signal = Signal(rule="S402", name="vague", message="vague", points=-2.0, claims=ids)
    article = _with(article, reliability=Reliability(score=98, signals=(signal,)))
    markdown = to_markdown(Report(settings={}, articles=(article,), pairs=()))
    assert "| lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 +2 more |" in markdown


def test_json_trust_sits_beside_reliability_with_claims_and_updates() -> None:
    data = json.loads(to_json(sample_report()))
    article = data["articles"][0]
    keys = list(article)
    assert keys.index("trust") == keys.index("reliability") + 1
    assert article["trust"] == {
        "score": 81,
        "status": "scored",
        "claims": [{"id": "a:3", "confidence": 0.912, "effect": "earned", "support": ["b:3", "c:1"], "contradiction": ["b:1"]}],
        "single_source": ["a:2", "a:6"],
        "copies": [],
    }
    assert data["pairs"][0]["update"] == {
        "earlier": "a:2", "later": "b:2", "earlier_value": "52", "later_value": "3",
        "reason": "the claims are dated 2025-02-14 and 2025-09-12",
    }
    assert data["pairs"][1]["update"] is None
    assert data["trust"] == {"iterations": 6, "converged": True, "copies": []}


def test_trust_section_lists_what_earned_and_cost_trust() -> None:
    markdown = to_markdown(sample_report())
    section = markdown.split("## Trust from other sources\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert "Settled after 6 iterations." in section
    assert "### `a` — trust 81/100 (reliability 85/100)" in section
    assert "- line 4 (confidence 0.912, hedged): “The release was reportedly part of a deal with the United States.”" in section
    assert "  - supported by `b` line 6 (agrees, similarity 0.812): “The release was part of a deal" in section
    assert "  - contradicted by `b` line 1 (negation: — vs not; qualifier: reportedly vs &lt;i&gt;): “Officials \\| pipe" in section
    assert "- earlier 52 (`a` line 3), later 3 (`b` line 4); the claims are dated 2025-02-14 and 2025-09-12." in section
    assert "### `b` — trust 64/100 (reliability 100/100)\n\nEarned trust:" in section
    assert "Cost trust:\n\n- line 1 (confidence 0.431): “Officials \\| pipe" in section
    assert "Resting on this source alone (2 claims with a number, date or full name): lines 3, 9" in section
    assert "> Possible update, not counted as a contradiction: earlier 52 (`a` line 3), later 3 (`b` line 4)" in markdown


def test_a_related_pair_read_as_an_update_is_listed_with_the_updates() -> None:
    report = sample_report()
    later = Update(earlier="a:6", later="b:2", earlier_value="40", later_value="45",
                   reason="the claims are dated 2025-02-14 and 2025-09-12")
    pairs = tuple(replace(p, update=later) if p.relation == "related" else p for p in report.pairs)
    section = to_markdown(replace(report, pairs=pairs)).split("## Trust from other sources\n\n", 1)[1]
    section = section.split("\n\n## ", 1)[0]
    listed = "- earlier 40 (`a` line 9), later 45 (`b` line 4); the claims are dated 2025-02-14 and 2025-09-12."
    assert listed in section
    # The conflicting pair's update is listed too, and a pair without one is not.
    assert "- earlier 52 (`a` line 3), later 3 (`b` line 4)" in section
    assert section.count("- earlier ") == 4  # each update under both of its articles


def test_json_claims_carry_each_figures_modifier_and_each_names_key() -> None:
    report = sample_report()
    a = report.articles[0]
    claim = a.claims[1]
    bounded = replace(claim, numbers=tuple(replace(q, modifier="min") for q in claim.numbers))
    article = replace(a, claims=(a.claims[0], bounded, *a.claims[2:]))
    data = json.loads(to_json(replace(report, articles=(article, *report.articles[1:]))))
    assert [q["modifier"] for q in data["articles"][0]["claims"][1]["quantities"]] == ["min"]
    assert data["articles"][0]["claims"][2]["entities"][0]["key"] == "united states"


def test_an_article_no_other_source_touches_is_not_corroborated() -> None:
    report = sample_report()
    lonely = _with(report.articles[2], trust=Trust(score=None, status="not corroborated", claims=(), single_source=("c:1",), copies=()))
    markdown = to_markdown(Report(settings={}, articles=(report.articles[0], lonely), pairs=()))
    assert "| `c` | — | — | — | 1 | 0 | 0 | 0 | — | not corroborated |" in markdown
    assert "### `c` — not corroborated (reliability not scored)\n\nNo independent source states or contradicts" in markdown
    assert "Resting on this source alone (1 claim with a number, date or full name): line 1" in markdown


def test_skipped_and_settings_tables() -> None:
    markdown = to_markdown(sample_report())
    assert "| `articles/broken.pdf` | not text: binary content at byte 10 |" in markdown
    assert "| `duplicate_fuzzy_threshold` | 0.9123 |" in markdown
    assert "| `top_k` | 5 |" in markdown
    without = to_markdown(Report(settings={"x": 1.0}, articles=(), pairs=()))
    assert "## Skipped files" not in without


def test_hostile_claim_text_keeps_every_table_row_whole() -> None:
    markdown = to_markdown(sample_report())
    assert HOSTILE.split("\n")[0][:20] not in markdown  # the claim never appears unescaped
    for table in tables(markdown):
        columns = unescaped_pipes(table[0])
        assert all(unescaped_pipes(row) == columns for row in table), table


def test_hostile_claim_text_produces_no_markup() -> None:
    markdown = to_markdown(sample_report())
    for raw in ["<script", "</script>", "<!--", "\n# heading", "https://", "<b>", "<i>"]:
        assert raw not in markdown, raw
    for pattern in [r"(?<!\\)\]\(", r"(?<!\\)!\[", r"(?<!\\)`rm"]:
        assert not re.search(pattern, markdown), pattern
    assert "x" * 61 not in markdown  # the 500-character word is broken up
    md = parser()
    tokens = md.parse(markdown)
    inline = [child for token in tokens for child in (token.children or [])]
    cells = [token for token in tokens if token.type == "inline"]
    forbidden = {"link_open", "image", "html_inline", "html_block", "code_inline", "s_open", "em_open", "strong_open"}
    kinds = {token.type for token in tokens} | {child.type for child in inline}
    # Code spans are only the ones the renderer writes for ids, rules and paths.
    code = [child.content for child in inline if child.type == "code_inline"]
    assert all(re.fullmatch(r"[\w./ -]+", text) for text in code), code
    assert not (kinds & (forbidden - {"code_inline"})), kinds & forbidden
    headings = [tokens[i + 1].content for i, token in enumerate(tokens) if token.type == "heading_open"]
    assert not any("heading at line start" in text for text in headings)
    # The hostile claim stays in one cell: its start and its truncated end render together.
    cell = next(token for token in cells if "Officials" in token.content)
    assert "heading at line start" in cell.content and cell.content.endswith("x…")
    html = md.render(markdown)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;!-- comment --&gt;" in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Not a heading", "\\# Not a heading"),
        ("- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list"),
        ("12. not a list", "12\\. not a list"),
        ("3) not a list", "3\\) not a list"),
        ("a | b", "a \\| b"),
        ("`code`", "\\`code\\`"),
        ("*em* _em_ ~~s~~", "\\*em\\* \\_em\\_ \\~\\~s\\~\\~"),
        ("[x](y) ![i](j)", "\\[x\\](y) !\\[i\\](j)"),
        ("<b>AT&T</b>", "&lt;b&gt;AT&amp;T&lt;/b&gt;"),
        ("<!-- hidden -->", "&lt;!-- hidden --&gt;"),
        ("back\\slash", "back\\\\slash"),
        ("$52 million and $3 million", "\\$52 million and \\$3 million"),
        ("line one\nline two\r\n\tthree", "line one line two three"),
        ("see https://x.org", "see https\\:\\//x\\.org"),
        ("www.bbc.co.uk", "www\\.bbc\\.co\\.uk"),
        ("write to bob@x.org", "write to bob\u200b@x\\.org"),
        ("3.5 per cent. Fine", "3.5 per cent. Fine"),
    ],
)
def test_escape_markdown(text: str, expected: str) -> None:
    assert escape_markdown(text) == expected


def test_escape_markdown_breaks_long_words() -> None:
    escaped = escape_markdown("a" + "b" * 200 + " end")
    assert max(len(part) for part in re.split(r"[\s\u200b]", escaped)) <= 60
    assert escaped.replace("\u200b", "") == "a" + "b" * 200 + " end"


def test_escaped_text_renders_as_the_literal_text() -> None:
    text = "AT&T said *not* [x](y) <b>1</b> | `z` \\ _a_ # b ~c~ $5"
    html = parser().renderInline(escape_markdown(text))
    assert html == "AT&amp;T said *not* [x](y) &lt;b&gt;1&lt;/b&gt; | `z` \\ _a_ # b ~c~ $5"


# Writing


def test_write_reports_writes_both_files_into_a_new_folder(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "run"
    written = write_reports(sample_report(), out=out)
    assert written == [out / "report.json", out / "report.md"]
    assert sorted(path.name for path in out.iterdir()) == ["report.json", "report.md"]
    assert (out / "report.json").read_text(encoding="utf-8") == to_json(sample_report())
    assert (out / "report.md").read_text(encoding="utf-8") == to_markdown(sample_report())
    assert (out / "report.md").stat().st_mode & 0o777 != 0o600


def test_explicit_paths_override_out(tmp_path: Path) -> None:
    out = tmp_path / "unused"
    json_path, markdown_path = tmp_path / "r.json", tmp_path / "r.md"
    written = write_reports(sample_report(), out=out, json_path=str(json_path), markdown_path=markdown_path)
    assert written == [json_path, markdown_path]
    assert not out.exists()


def test_only_the_given_report_is_written_without_out(tmp_path: Path) -> None:
    written = write_reports(sample_report(), markdown_path=tmp_path / "r.md")
    assert written == [tmp_path / "r.md"]
    assert [path.name for path in tmp_path.iterdir()] == ["r.md"]


def test_dash_writes_to_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    written = write_reports(sample_report(), json_path="-", markdown_path=tmp_path / "r.md")
    assert written == [tmp_path / "r.md"]
    assert capsys.readouterr().out == to_json(sample_report())


def test_failed_rendering_leaves_the_old_reports_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_reports(sample_report(), out=tmp_path)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}

    def broken(report: Report) -> str:
        raise RuntimeError("rendering failed")

    monkeypatch.setitem(report_module.RENDERERS, "markdown", broken)
    with pytest.raises(RuntimeError):
        write_reports(sample_report(), out=tmp_path)
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_failed_write_removes_the_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_reports(sample_report(), out=tmp_path)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report_module.os, "fsync", broken_fsync)
    with pytest.raises(CheckerError, match="cannot write .*report.json: No space left on device"):
        write_reports(sample_report(), out=tmp_path)
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_interrupted_replace_removes_the_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.md"
    target.write_text("old\n", encoding="utf-8")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(report_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_reports(sample_report(), markdown_path=target)
    monkeypatch.undo()
    assert os.listdir(tmp_path) == ["report.md"]
    assert target.read_text(encoding="utf-8") == "old\n"


# Golden files


@pytest.mark.parametrize(("name", "render"), [("report.md", to_markdown), ("report.json", to_json)])
def test_golden(name: str, render: Callable[[Report], str], golden: Callable[[Path, str], None]) -> None:
    golden(GOLDEN / name, render(sample_report()))
