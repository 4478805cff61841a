"""checker.load: finding files, decoding them, skipping unusable ones, reading metadata."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import checker
from checker.load import decode, find_article_files, load_articles, read_metadata
from checker.model import Skipped

LIMIT = 1_000_000
SENTENCE = "The council approved the library budget on Monday."


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _load_one(path: Path) -> checker.Article:
    articles, skipped = load_articles([path], max_file_size=LIMIT)
    assert skipped == []
    return articles[0]


# Decoding


def test_utf8_is_decoded_as_utf8(tmp_path: Path) -> None:
    article = _load_one(_write(tmp_path / "a.txt", "Café owners in Zürich met.\n"))
    assert article.text == "Café owners in Zürich met.\n"
    assert article.encoding == "utf-8"


def test_utf8_byte_order_mark_is_not_part_of_the_text(tmp_path: Path) -> None:
    article = _load_one(_write(tmp_path / "a.txt", codecs.BOM_UTF8 + "Café owners met.\n".encode()))
    assert article.text == "Café owners met.\n"


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")], ids=["le", "be"])
def test_utf16_with_byte_order_mark_is_decoded(tmp_path: Path, bom: bytes, codec: str) -> None:
    text = "Café owners in Zürich met on Monday.\r\nPrices rose.\n"
    article = _load_one(_write(tmp_path / "a.txt", bom + text.encode(codec)))
    assert article.text == text
    assert article.encoding.startswith("utf-16")


@pytest.mark.parametrize(
    "text, codec",
    [
        ("Le café de la gare à Genève a ouvert lundi, selon le maire.\n", "latin-1"),
        ("The “quoted” café owner — a naïve man — sent his résumé.\n", "cp1252"),
    ],
    ids=["latin-1", "cp1252"],
)
def test_single_byte_western_text_keeps_its_accented_letters(tmp_path: Path, text: str, codec: str) -> None:
    article = _load_one(_write(tmp_path / "a.txt", text.encode(codec)))
    assert article.text == text


def test_crlf_is_kept_and_claim_offsets_point_into_the_decoded_text(tmp_path: Path) -> None:
    text = "The council met on Monday.\r\nThe mayor spoke after the vote.\r\nNobody objected to it.\r\n"
    report = checker.check([_write(tmp_path / "a.txt", text)])
    article = report.articles[0]
    assert article.text == text
    assert [c.line for c in article.claims] == [1, 2, 3]
    for claim in article.claims:
        assert article.text[claim.start:claim.end] == claim.text


def test_byte_order_mark_file_gives_offsets_into_the_text_without_it(tmp_path: Path) -> None:
    text = "The council met on Monday. The mayor spoke after the vote.\n"
    report = checker.check([_write(tmp_path / "a.txt", codecs.BOM_UTF8 + text.encode())])
    article = report.articles[0]
    assert [article.text[c.start:c.end] for c in article.claims] == [c.text for c in article.claims]
    assert article.claims[0].start == 0


# Skipping


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  \n"], ids=["empty", "whitespace"])
def test_empty_or_blank_file_is_skipped_as_empty(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path / "blank.txt", data)
    articles, skipped = load_articles([path], max_file_size=LIMIT)
    assert articles == []
    assert skipped == [Skipped(str(path), skipped[0].reason)]
    assert "empty" in skipped[0].reason


def test_binary_file_is_skipped_as_binary(tmp_path: Path) -> None:
    path = _write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    articles, skipped = load_articles([path], max_file_size=LIMIT)
    assert articles == []
    assert [s.path for s in skipped] == [str(path)]
    assert "binary" in skipped[0].reason


def test_decode_refuses_control_characters_as_binary() -> None:
    with pytest.raises(ValueError, match="binary"):
        decode(bytes(range(1, 9)) * 100)


def test_file_over_the_size_limit_is_skipped_with_the_limit_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", SENTENCE * 10)
    articles, skipped = load_articles([path], max_file_size=100)
    assert articles == []
    assert "100-byte limit" in skipped[0].reason


def test_file_at_the_size_limit_is_loaded(tmp_path: Path) -> None:
    path = _write(tmp_path / "exact.txt", SENTENCE)
    articles, skipped = load_articles([path], max_file_size=len(SENTENCE))
    assert skipped == [] and articles[0].text == SENTENCE


def test_skipped_files_are_listed_in_the_report_and_good_ones_checked(tmp_path: Path) -> None:
    empty = _write(tmp_path / "empty.txt", b"")
    good = _write(tmp_path / "good.txt", SENTENCE)
    report = checker.check([empty, good])
    assert [a.id for a in report.articles] == ["good"]
    assert [s.path for s in report.skipped] == [str(empty)]


def test_check_max_file_size_skips_larger_files(tmp_path: Path) -> None:
    big = _write(tmp_path / "big.txt", SENTENCE * 20)
    small = _write(tmp_path / "small.txt", SENTENCE)
    report = checker.check([big, small], max_file_size=200)
    assert [a.id for a in report.articles] == ["small"]
    assert [s.path for s in report.skipped] == [str(big)]


# Finding files and naming articles


def test_folders_are_searched_recursively_for_txt_and_md_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "sub/c.txt", "sub/deeper/d.md", "notes.html", "data.json", "e.TXT", "sub/readme"):
        _write(tmp_path / name, SENTENCE)
    found = [p.relative_to(tmp_path).as_posix() for p in find_article_files([tmp_path])]
    assert found == ["a.md", "b.txt", "e.TXT", "notes.html", "sub/c.txt", "sub/deeper/d.md"]


def test_files_named_directly_are_used_whatever_their_suffix(tmp_path: Path) -> None:
    path = _write(tmp_path / "story.html", SENTENCE)
    assert list(find_article_files([path])) == [path]


def test_missing_path_is_an_input_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(checker.InputError, match="nope.txt"):
        list(find_article_files([missing]))


def test_folder_without_articles_is_an_input_error(tmp_path: Path) -> None:
    _write(tmp_path / "notes.json", SENTENCE)
    with pytest.raises(checker.InputError, match="no .txt or .md"):
        checker.check([tmp_path])


def test_duplicate_file_stems_get_unique_ids(tmp_path: Path) -> None:
    paths = [_write(tmp_path / "one" / "story.txt", SENTENCE), _write(tmp_path / "two" / "story.md", SENTENCE),
             _write(tmp_path / "three" / "story.txt", SENTENCE)]
    articles, _ = load_articles(paths, max_file_size=LIMIT)
    assert [a.id for a in articles] == ["story", "story-2", "story-3"]
    assert [a.path for a in articles] == [str(p) for p in paths]


def test_skipped_file_does_not_take_an_id(tmp_path: Path) -> None:
    paths = [_write(tmp_path / "one" / "story.txt", b""), _write(tmp_path / "two" / "story.txt", SENTENCE)]
    articles, _ = load_articles(paths, max_file_size=LIMIT)
    assert [a.id for a in articles] == ["story"]


def test_ids_name_claims_in_a_folder_run(tmp_path: Path) -> None:
    _write(tmp_path / "x" / "story.txt", SENTENCE)
    _write(tmp_path / "y" / "story.txt", SENTENCE)
    report = checker.check([tmp_path])
    assert [a.id for a in report.articles] == ["story", "story-2"]
    assert [c.id for c in report.articles[1].claims] == ["story-2:1"]


# Metadata


def test_leading_date_line_gives_the_date_and_a_metadata_region() -> None:
    title, date, _, _, regions = read_metadata("date 2025-09-15\nStorm Hits The Coast\n\nThe storm hit on Monday.\n")
    assert date == "2025-09-15"
    assert title == "Storm Hits The Coast"
    assert [(r.start, r.end, r.kind) for r in regions] == [(0, 16, "metadata")]


@pytest.mark.parametrize("header", ["Date: September 15, 2025", "Date: 2025-09-15", "Published: 15 September 2025"])
def test_date_header_is_read_as_an_iso_date(header: str) -> None:
    _, date, _, _, regions = read_metadata(f"{header}\n\nThe storm hit the coast.\n")
    assert date == "2025-09-15"
    assert regions[0].start == 0 and regions[0].kind == "metadata"


def test_date_header_without_a_day_gives_no_publication_date() -> None:
    _, date, _, _, _ = read_metadata("Date: September 2025\n\nThe storm hit the coast.\n")
    assert date is None


def test_front_matter_gives_title_date_and_author() -> None:
    text = "---\ntitle: \"Storm Hits Coast\"\ndate: 2025-09-15\nauthor: Jane Doe\n---\nThe storm hit.\n"
    title, date, _, author, regions = read_metadata(text)
    assert (title, date, author) == ("Storm Hits Coast", "2025-09-15", "Jane Doe")
    assert regions[0].rule == "front-matter" and text[regions[0].end:] == "The storm hit.\n"


def test_byline_at_the_top_names_the_author() -> None:
    _, _, _, author, regions = read_metadata("By Jane Doe\n\nThe storm hit the coast on Monday.\n")
    assert author == "Jane Doe"
    assert any(r.rule == "byline" for r in regions)


def test_byline_after_a_date_header_names_the_author() -> None:
    _, date, _, author, _ = read_metadata("date 2025-09-15\nBy Jane Doe\n\nThe storm hit the coast.\n")
    assert (date, author) == ("2025-09-15", "Jane Doe")


def test_byline_under_the_headline_names_the_author() -> None:
    _, _, _, author, _ = read_metadata("Storm Hits The Coast\nBy Jane Doe\n\nThe storm hit the coast.\n")
    assert author == "Jane Doe"


def test_byline_is_not_taken_for_the_title() -> None:
    title, _, _, _, _ = read_metadata("By Jane Doe\n\nThe storm hit the coast on Monday.\n")
    assert title is None


def test_author_bio_names_the_author() -> None:
    _, _, _, author, _ = read_metadata("The storm hit the coast.\nIt rained.\n\nAbout the Author: Reuben F. Johnson\n")
    assert author == "Reuben F. Johnson"


def test_author_bio_followed_by_a_sentence_names_only_the_author() -> None:
    text = "The storm hit the coast.\n\nAbout the Author: John Smith is a reporter based in Kyiv.\n"
    _, _, _, author, _ = read_metadata(text)
    assert author == "John Smith"


def test_byline_wins_over_the_bio() -> None:
    _, _, _, author, _ = read_metadata("By Jane Doe\n\nThe storm hit.\n\nAbout the Author: John Smith\n")
    assert author == "Jane Doe"


def test_reuters_dateline_gives_the_outlet() -> None:
    _, date, outlet, _, _ = read_metadata("MINSK, Sept 15 (Reuters) - Belarus freed 52 prisoners on Monday.\n")
    assert outlet == "Reuters"
    assert date is None  # a dateline without a year gives no publication date


def test_dateline_with_a_year_gives_the_date() -> None:
    _, date, outlet, _, _ = read_metadata("MINSK, Sept. 15, 2025 (Reuters) - Belarus freed 52 prisoners.\n")
    assert (date, outlet) == ("2025-09-15", "Reuters")


def test_first_heading_like_line_becomes_the_title() -> None:
    title, _, _, _, _ = read_metadata("\nStorm Hits The Coast\n\nThe storm hit the coast on Monday. It rained.\n")
    assert title == "Storm Hits The Coast"


def test_article_starting_with_a_sentence_has_no_title() -> None:
    title, _, _, _, _ = read_metadata("The storm hit the coast on Monday.\nIt rained all day.\n")
    assert title is None


def test_one_word_line_is_not_a_title() -> None:
    title, _, _, _, _ = read_metadata("Breaking\n\nThe storm hit the coast on Monday.\n")
    assert title is None


def test_loaded_article_carries_metadata_and_path(tmp_path: Path) -> None:
    path = _write(tmp_path / "storm.txt", "Storm Hits The Coast\ndate 2025-09-15\n\nThe storm hit.\n")
    article = _load_one(path)
    assert (article.id, article.path, article.title) == ("storm", str(path), "Storm Hits The Coast")
