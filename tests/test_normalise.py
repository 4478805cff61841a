"""checker.normalise: image markup, captions, boilerplate and headings become regions; text untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

import checker
from checker.model import Article, Region
from checker.normalise import find_regions

RULES = checker.load_rules()
BODY = "The storm hit the coast on Monday, the mayor said."


def _regions(text: str) -> list[Region]:
    return list(find_regions(Article(id="a", path="a.txt", text=text), RULES).regions)


def _marked(text: str, kind: str) -> list[str]:
    return [text[r.start:r.end] for r in _regions(text) if r.kind == kind]


def _claims(tmp_path: Path, text: str) -> tuple[checker.Claim, ...]:
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    return checker.check([path]).articles[0].claims


# Image markup


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="storm.png" alt="Waves over the pier">',
        "<IMG SRC=storm.png>",
        "<image>storm-waves-over-the-pier.png</image>",
        '<ns:image href="storm.png">Waves over the pier</ns:image>',
        '<svg:image xlink:href="storm.png"/>',
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB",
        "![Waves over the pier](https://example.com/storm.png)",
    ],
    ids=["img", "img-upper", "image", "namespaced-image", "namespaced-empty", "data-uri", "markdown-image"],
)
def test_image_markup_is_a_markup_region(markup: str) -> None:
    text = f"{BODY}\n{markup}\n{BODY}\n"
    start = text.index(markup)
    covered = {i for r in _regions(text) if r.kind == "markup" for i in range(r.start, r.end)}
    assert set(range(start, start + len(markup))) <= covered


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="storm.png" alt="Waves over the pier">',
        "<image>Waves over the pier crashed loudly</image>",
        "<ns:image>Waves over the pier crashed loudly</ns:image>",
        "![Waves over the pier crashed loudly](https://example.com/storm.png)",
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB",
    ],
    ids=["img", "image", "namespaced-image", "markdown-image", "data-uri"],
)
def test_image_markup_produces_no_claim(tmp_path: Path, markup: str) -> None:
    claims = _claims(tmp_path, f"{BODY}\n{markup}\n")
    assert [c.text for c in claims] == [BODY]


def test_image_tag_before_a_sentence_leaves_the_sentence_a_claim(tmp_path: Path) -> None:
    claims = _claims(tmp_path, f'<img src="storm.png"> {BODY}\n')
    assert [(c.text, c.kind) for c in claims] == [(BODY, "claim")]


def test_line_of_image_markup_alone_is_not_a_heading() -> None:
    text = f'<img src="storm.png">\n{BODY}\n'
    assert _marked(text, "heading") == []


# Captions and boilerplate


@pytest.mark.parametrize(
    "line",
    ["Image Credit: Jane Doe / Agency", "Photo: Reuters", "Photo credit: John Smith", "Caption: Waves over the pier",
     "Watch: Video of the storm", "Listen: The mayor speaks"],
)
def test_credit_photo_and_watch_lines_are_captions(line: str) -> None:
    text = f"{BODY}\n{line}\n{BODY}\n"
    assert _marked(text, "caption") == [line]


def test_caption_lines_become_caption_claims(tmp_path: Path) -> None:
    claims = _claims(tmp_path, f"{BODY}\nImage Credit: Jane Doe / Agency\n")
    assert [c.kind for c in claims] == ["claim", "caption"]


def test_read_more_line_is_boilerplate() -> None:
    text = f"{BODY}\nRead more: Other storms this year\n{BODY}\n"
    assert _marked(text, "boilerplate") == ["Read more: Other storms this year"]


def test_about_the_author_and_everything_after_is_boilerplate() -> None:
    text = f"{BODY}\n\nAbout the Author\nJane Doe covers weather.\nShe lives in Boston.\n"
    boilerplate = [r for r in _regions(text) if r.kind == "boilerplate"]
    assert len(boilerplate) == 1
    assert boilerplate[0].rule == "author-bio"
    assert (boilerplate[0].start, boilerplate[0].end) == (text.index("About"), len(text))


def test_lines_after_the_author_bio_are_not_claims(tmp_path: Path) -> None:
    claims = _claims(tmp_path, f"{BODY}\n\nAbout the Author: Jane Doe\nJane Doe covers weather.\n")
    assert [c.kind for c in claims] == ["claim", "boilerplate", "boilerplate"]


def test_credit_inside_a_sentence_is_not_a_caption() -> None:
    text = "The photo: a storm over the pier, was shared widely on Monday.\n"
    assert _marked(text, "caption") == []


# Headings


def test_short_line_without_final_punctuation_is_a_heading() -> None:
    text = f"Storm Hits The Coast\n\n{BODY}\n"
    assert _marked(text, "heading") == ["Storm Hits The Coast"]


@pytest.mark.parametrize(
    "line",
    [BODY, "- a bulleted point without a full stop", "1. a numbered point without a full stop",
     "The storm hit. Then it rained"],
    ids=["sentence", "bullet", "numbered", "two-sentences"],
)
def test_sentences_and_list_items_are_not_headings(line: str) -> None:
    assert _marked(f"{line}\n", "heading") == []


def test_heading_region_excludes_surrounding_white_space() -> None:
    text = "   Storm Hits The Coast  \r\n\r\nThe storm hit.\r\n"
    heading = [r for r in _regions(text) if r.kind == "heading"]
    assert [text[r.start:r.end] for r in heading] == ["Storm Hits The Coast"]


# Text untouched


def test_finding_regions_never_changes_the_text() -> None:
    text = (
        "Storm Hits The Coast\r\n<img src=x.png> ![alt](y.png) data:image/gif;base64,R0lG\r\n"
        f"Photo: Reuters\r\nRead more: elsewhere\r\n{BODY}\r\nAbout the Author: Jane Doe\r\n"
    )
    article = Article(id="a", path="a.txt", text=text)
    found = find_regions(article, RULES)
    assert found.text == text
    assert found.regions and all(0 <= r.start < r.end <= len(text) for r in found.regions)


def test_existing_metadata_regions_are_kept() -> None:
    metadata = Region(0, 16, "metadata", "date-header")
    article = Article(id="a", path="a.txt", text=f"date 2025-09-15\n{BODY}\n", regions=(metadata,))
    assert metadata in find_regions(article, RULES).regions


def test_regions_are_sorted_by_position() -> None:
    text = f"Storm Hits The Coast\nPhoto: Reuters\n{BODY}\n<img src=a.png>\nRead more: elsewhere\n"
    starts = [r.start for r in _regions(text)]
    assert starts == sorted(starts)
