"""Article -> Article with regions marked caption / boilerplate / heading / markup; text untouched."""

from __future__ import annotations

import re
from dataclasses import replace

from checker.load import BIO_LINES, BULLETED_LINE, bio_name, body_start, header_words, is_title_question
from checker.model import Article, Region
from checker.rules import RuleSet
from checker.text import is_heading_line

LINE = re.compile(r"[^\n]+")


def find_regions(article: Article, rules: RuleSet) -> Article:
    """Mark the article's furniture by the rules in furniture.toml, and its heading lines."""
    text = article.text
    regions = list(article.regions)
    rest_from = len(text)
    for rule in rules.furniture:
        if rule.scope == "match":
            regions.extend(Region(m.start(), m.end(), rule.kind, rule.name) for m in rule.pattern.finditer(text) if m.end() > m.start())
    for line in LINE.finditer(text):
        start, end = _strip_span(text, line.start(), line.end())
        if start >= end or start >= rest_from or _covered(regions, start, end):
            continue
        content = text[start:end]
        if not _visible(content, start, regions).strip():
            continue
        for rule in rules.furniture:
            found = rule.pattern.search(content) if rule.scope != "match" else None
            if found is not None:
                if rule.scope == "rest":
                    rest_from = start
                    regions.append(Region(start, len(text), rule.kind, rule.name))
                else:
                    regions.append(Region(start, end, rule.kind, rule.name))
                if rule.scope == "label" and not content[found.end() :].strip(LABEL_MARKS):
                    regions.extend(Region(s, e, rule.kind, rule.name) for s, e in _links_listed_after(text, end))
                break
        else:
            visible = _visible(content, start, regions)
            if is_heading_line(visible) or is_title_question(visible):
                regions.append(Region(start, end, "heading", "heading-line"))
    bio = _author_bio(article, rules, regions, rest_from)
    if bio is not None:
        regions = [r for r in regions if not (r.start >= bio.start and r.kind in ("heading", "caption", "boilerplate"))]
        regions.append(bio)
    regions.sort(key=lambda r: (r.start, -r.end, r.kind))
    return replace(article, regions=tuple(regions))


# What may close a label standing alone on its line: "Most read:", "Related |", "More »".
LABEL_MARKS = " \t:|-–—»>→"


def _links_listed_after(text: str, position: int) -> list[tuple[int, int]]:
    """Return the lines right after a label that list links ("1. Tollmere mayor resigns"), up to a blank line or a sentence."""
    found = []
    while True:
        line_start = text.find("\n", position) + 1
        if line_start == 0 or text[position : line_start - 1].strip():
            break
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        start, end = _strip_span(text, line_start, line_end)
        if start >= end:
            break
        line = text[start:end]
        # A link is a list item or a title: a line that reads as a heading, not a sentence.
        if not BULLETED_LINE.match(line) and not is_heading_line(line):
            break
        found.append((start, end))
        position = line_end
    return found


def _author_bio(article: Article, rules: RuleSet, regions: list[Region], rest_from: int) -> Region | None:
    """Return the region of an author's bio among the article's last lines, to the end of the text.

    The article's own author named again at the start of a closing line is a bio ("Ana Ruiz
    spent twenty years as ..."); another person needs a bio cue after the name (bio_cues.txt).
    """
    text = article.text
    words = header_words(rules)
    found = None
    seen = 0
    end = len(text)
    while end > 0 and seen < BIO_LINES:
        start = text.rfind("\n", 0, end) + 1
        line_start, line_end = _strip_span(text, start, end)
        end = start - 1
        if line_start >= line_end:
            continue
        seen += 1
        if line_start >= rest_from or _covered_by(regions, line_start, line_end, ("metadata", "markup", "boilerplate")):
            continue
        if bio_name(text[line_start:line_end], words, article.author, text[body_start(article.regions, line_start):line_start]):
            found = line_start
    return Region(found, len(text), "boilerplate", "author-bio") if found is not None else None


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _covered_by(regions: list[Region], start: int, end: int, kinds: tuple[str, ...]) -> bool:
    """Tell whether regions of one of `kinds` cover [start, end)."""
    return any(r.start <= start and end <= r.end and r.kind in kinds for r in regions)


def _covered(regions: list[Region], start: int, end: int) -> bool:
    """Tell whether regions other than markup already cover [start, end)."""
    return any(r.start <= start and end <= r.end and r.kind != "markup" for r in regions)


def _visible(content: str, offset: int, regions: list[Region]) -> str:
    """Return a line's content with markup regions blanked, so an image tag is not a heading."""
    chars = list(content)
    for region in regions:
        if region.kind == "markup" and region.end > offset and region.start < offset + len(content):
            for i in range(max(region.start, offset), min(region.end, offset + len(content))):
                chars[i - offset] = " "
    return "".join(chars)
