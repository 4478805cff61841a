"""checker.load: finding files, decoding them, skipping unusable ones, reading metadata."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import checker
from checker.load import decode, find_article_files, load_articles, read_metadata
from checker.model import Region, Skipped

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


@pytest.mark.parametrize(
    ("lines", "author"),
    [
        ("Jane Doe\nMay 4, 2026", "Jane Doe"),
        ("JANE DOE\nSenior Reporter", "Jane Doe"),
        ("Jane Doe\nEnergy Correspondent\n4 May 2026", "Jane Doe"),
        # A line of capitalised words naming a body is a kicker, not a writer.
        ("Harbour Board Meeting\nMay 4, 2026", None),
    ],
)
def test_a_name_alone_on_its_line_beside_a_date_or_a_role_is_the_byline(lines: str, author: str | None) -> None:
    title, _, _, found, _ = read_metadata(f"Storm Hits The Coast\n{lines}\n\nThe storm hit the coast on Monday, the harbour board said.\n")
    assert (title, found) == ("Storm Hits The Coast", author)


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


# Header lines: bylines, date lines and parts separated by bars

BODY = "\n\nThe harbour board approved the new ferry timetable on Tuesday, its chair said.\n"


@pytest.mark.parametrize(
    "header, date, author",
    [
        ("By Ana Ruiz | May 4, 2026", "2026-05-04", "Ana Ruiz"),
        ("By Ana Ruiz and Tomas Berg", None, "Ana Ruiz and Tomas Berg"),
        ("By Ana Ruiz, Tomas Berg and Li Wen", None, "Ana Ruiz, Tomas Berg and Li Wen"),
        ("By Ana Ruiz, Energy Correspondent", None, "Ana Ruiz"),
        ("Ana Ruiz, Energy Correspondent", None, "Ana Ruiz"),
        ("Posted by Ana Ruiz on 12 June 2026 | Opinion", "2026-06-12", "Ana Ruiz"),
        ("Posted on March 3, 2026 at 2:05 pm by Tomas Berg", "2026-03-03", "Tomas Berg"),
        ("Published 4 May 2026 by Ana Ruiz and Tomas Berg", "2026-05-04", "Ana Ruiz and Tomas Berg"),
        ("Comment | Ana Ruiz | 24.11.2026", "2026-11-24", "Ana Ruiz"),
        ("Harbour Gazette | June 11, 2026 | By Ana Ruiz", "2026-06-11", "Ana Ruiz"),
        ("Harbour Gazette, November 22, 2026", "2026-11-22", None),
        ("Published 4 May 2026, 09:12 BST", "2026-05-04", None),
        ("Monday 4 May 2026", "2026-05-04", None),
        ("Tuesday, 24 November 2026", "2026-11-24", None),
        ("04.05.2026", "2026-05-04", None),
        ("16/06/2026", "2026-06-16", None),
        ("2026-05-11 | Shipping", "2026-05-11", None),
        ("Coast Radio Live | Updated 14:05 GMT, Saturday 21 November 2026", "2026-11-21", None),
        ("Last updated: 21 November 2026, 14:05", "2026-11-21", None),
        ("WEDNESDAY, MARCH 4, 2026", "2026-03-04", None),
        ("Last updated at 10:24, Friday, 6 March 2026", "2026-03-06", None),
        ("PUBLISHED: 02:31 GMT, 6 March 2026 | UPDATED: 22:19 GMT, 7 March 2026", "2026-03-06", None),
        ("Friday March 6, 2026 @ 8:13am PST", "2026-03-06", None),
        ("12:52 p.m. EDT March 6, 2026", "2026-03-06", None),
        ("Posted on Fri Mar 6, 2026 08:45:10 AM PST", "2026-03-06", None),
        ("Originally published 6 March 2026", "2026-03-06", None),
        ("By Lucas van der Berg", None, "Lucas van der Berg"),
        ("By Ana Ruiz in Lisbon", None, "Ana Ruiz"),
        ("Ana Ruiz | Energy Correspondent | May 4, 2026", "2026-05-04", "Ana Ruiz"),
        ("Words by Ana Ruiz, Harbour Gazette", None, "Ana Ruiz"),
        ("By Iñaki Goñi", None, "Iñaki Goñi"),
        # A name beside an outlet or a role needs no "By".
        ("Lena Ortiz | Harbour Wire Service", None, "Lena Ortiz"),
        ("Lena Ortiz · Transport Reporter", None, "Lena Ortiz"),
        ("Lena Ortiz, Harbour Gazette", None, "Lena Ortiz"),
        # Parts joined by a spaced dash; a title before the name is not part of it.
        ("Apr. 9, 2028 - Dr Lena Ortiz", "2028-04-09", "Lena Ortiz"),
        ("Prof. Lena Ortiz — 9 April 2028", "2028-04-09", "Lena Ortiz"),
        ("Text: Lena Ortiz", None, "Lena Ortiz"),
        ("Author: Dr Lena Ortiz | Harbour Gazette", None, "Lena Ortiz"),
        ("Interview by Lena Ortiz", None, "Lena Ortiz"),
        ("Written by: Lena Ortiz", None, "Lena Ortiz"),
        ("Contributor: Lena Ortiz", None, "Lena Ortiz"),
        # Capitals are the page's style: the name is written as a name.
        ("May 5, 2026 | By LENA ORTIZ AND TOMAS BERG", "2026-05-05", "Lena Ortiz and Tomas Berg"),
        # Abbreviated months with or without a full stop, weekdays, times either side.
        ("Sun. Apr. 9, 2028", "2028-04-09", None),
        ("Harbour Gazette | 9 Apr. 2028 | Lena Ortiz", "2028-04-09", "Lena Ortiz"),
        ("Last updated: Sun 9 Apr 2028, 17:45 Lisbon time", "2028-04-09", None),
        ("Updated 9 April 2028 at 5.45pm local time", "2028-04-09", None),
        ("9th April 2028", "2028-04-09", None),
        ("April 9th, 2028, 08:00 UTC+1", "2028-04-09", None),
        ("2028-04-09T17:45:00Z", "2028-04-09", None),
        ("2028-04-09T17:45+01:00 | Shipping", "2028-04-09", None),
        ("09:10 (GMT) Sunday 9 April 2028", "2028-04-09", None),
    ],
)
def test_header_line_gives_date_and_author_and_is_no_claim(header: str, date: str | None, author: str | None) -> None:
    text = f"Ferry Timetable Changes Approved\n{header}{BODY}"
    title, found_date, _, found_author, regions = read_metadata(text)
    assert (found_date, found_author) == (date, author)
    assert title == "Ferry Timetable Changes Approved"
    line_start = text.index(header)
    assert any(r.start == line_start and r.end == line_start + len(header) and r.kind == "metadata" for r in regions)


@pytest.mark.parametrize(
    "header",
    [
        "By Staff Reporter",
        "By Harbour Gazette",
        "Harbour Gazette | Live coverage",
        "Policy note | Coastal Institute for Transport Policy",
        "Share on Facebook | Share on X | Copy link",
        "Ana Ruiz, Tomas Berg",
        "Ana Ruiz | Tomas Berg",
        "Harbour Gazette | Ferry changes - what we know",
        "Porto Shipping Holdings - Kelby Ferry Partners - Lisbon",
        "Atlantic Harbour Management Services Associates | Harbour Gazette",
        # A sentence giving a date and who did something is no date line with a byline.
        "The timetable was approved on March 3, 2026 by Lena Ortiz",
    ],
)
def test_outlets_sections_and_roles_are_no_author(header: str) -> None:
    _, _, _, author, _ = read_metadata(f"Ferry Timetable Changes Approved\n{header}{BODY}")
    assert author is None


def test_outlet_and_section_beside_a_date_are_no_author() -> None:
    _, date, _, author, _ = read_metadata(f"Policy note | Coastal Institute for Transport Policy | 8 May 2026{BODY}")
    assert (date, author) == ("2026-05-08", None)


def test_headline_with_a_date_in_it_is_not_a_date_line() -> None:
    text = f"Storm of May 4, 2026 closes the harbour for a week{BODY}"
    _, date, _, _, regions = read_metadata(text)
    assert date is None and regions == ()


def test_headline_ending_in_a_quotation_keeps_the_header_lines_after_it() -> None:
    text = f"Harbour Master: 'We Were Never Told'\nUpdated 6 March 2026{BODY}"
    _, date, _, _, _ = read_metadata(text)
    assert date == "2026-03-06"


def test_month_that_opens_a_sentence_is_no_date() -> None:
    _, date, _, _, regions = read_metadata(f"May could see more rain\n{BODY}")
    assert date is None and regions == ()


@pytest.mark.parametrize(
    "header, date",
    [
        ("05/04/2026", "2026-04-05"),  # day first outside North America
        ("Harbour Gazette | Updated 9:40 a.m. ET, 05/04/2026", "2026-05-04"),  # month first beside ET
        ("Updated 9:40 a.m. ET | 25/04/2026", "2026-04-25"),  # 25 cannot be a month
        ("12/25/2026", "2026-12-25"),  # only month first is possible
        ("05.04.2026 | 9:40 a.m. ET", "2026-04-05"),  # dotted dates are day first everywhere
        ("31/02/2026", None),  # no such day
    ],
)
def test_numeric_dates_are_day_first_unless_the_header_is_north_american(header: str, date: str | None) -> None:
    _, found, _, _, _ = read_metadata(f"{header}{BODY}")
    assert found == date


def test_updated_time_gives_way_to_the_publication_date() -> None:
    text = f"Harbour Gazette | Published 3 May 2026\nUpdated 14:05 GMT, 4 May 2026{BODY}"
    _, date, _, _, _ = read_metadata(text)
    assert date == "2026-05-03"


def test_footer_date_line_dates_an_article_without_a_header_date() -> None:
    text = f"Ferry Timetable Changes Approved{BODY}\nPublished: 07/05/2026 10:02 AM | Filed under: Transport\n"
    _, date, _, _, regions = read_metadata(text)
    assert date == "2026-05-07"
    footer = text.index("Published:")
    assert any(r.start == footer and r.kind == "metadata" for r in regions)


def test_footer_date_gives_way_to_the_header_date() -> None:
    text = f"Harbour Gazette, May 3, 2026{BODY}\nPublished: 07/05/2026 10:02 AM\n"
    _, date, _, _, regions = read_metadata(text)
    assert date == "2026-05-03"
    assert not any(r.start == text.index("Published:") for r in regions)


def test_sentence_with_a_date_at_the_end_is_no_footer() -> None:
    text = f"Ferry Timetable Changes Approved{BODY}\nThe new timetable starts on 07/05/2026.\n"
    _, date, _, _, _ = read_metadata(text)
    assert date is None


# Datelines


@pytest.mark.parametrize(
    "dateline, date, outlet",
    [
        ("LISBON, Portugal, May 4, 2026 (Tagus Wire) - ", "2026-05-04", "Tagus Wire"),
        ("PORTSMOUTH, England - ", None, None),
        ("HALIFAX, Nova Scotia, 4 May 2026 - ", "2026-05-04", None),
        ("Lisbon, May 4, 2026 - ", "2026-05-04", None),
        ("ST. JOHN'S, Newfoundland -- ", None, None),
    ],
)
def test_dateline_is_metadata_and_the_first_claim_starts_after_it(dateline: str, date: str | None, outlet: str | None) -> None:
    text = f"Ferries Return To The Harbour\n\n{dateline}The harbour board approved the new ferry timetable on Tuesday.\n"
    _, found_date, found_outlet, _, regions = read_metadata(text)
    assert (found_date, found_outlet) == (date, outlet)
    start = text.index(dateline)
    assert Region(start, start + len(dateline), "metadata", "dateline") in regions


def test_dateline_date_is_not_the_first_claims_date(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "LISBON, Portugal, May 4, 2026 (Tagus Wire) - The board approved the timetable.\n")
    claim = checker.check([path]).articles[0].claims[0]
    assert claim.text == "The board approved the timetable."
    assert claim.dates == ()


@pytest.mark.parametrize(
    "opening",
    [
        "Independent councillor Ana Ruiz - who left the party in March - voted for the plan.",
        "Harbour master Tom Berg - The board approved the timetable on Tuesday.",
        "The board, the port and the city - all three - approved the timetable.",
    ],
)
def test_sentence_with_a_dash_is_no_dateline(opening: str) -> None:
    _, _, _, _, regions = read_metadata(f"Ferries Return To The Harbour\n\n{opening}\n")
    assert not any(r.rule == "dateline" for r in regions)


def test_date_header_keeps_the_sentence_after_it_a_claim(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "date 2026-05-04 The harbour board approved the timetable on Tuesday.\n")
    article = checker.check([path]).articles[0]
    assert article.date == "2026-05-04"
    assert [c.text for c in article.claims] == ["The harbour board approved the timetable on Tuesday."]


# Authors named in a bio at the end


@pytest.mark.parametrize("marker", ["", "— ", "*"])
def test_bio_at_the_end_names_the_author_when_no_byline_does(marker: str) -> None:
    text = f"Ferry Timetable Changes Approved{BODY}\n{marker}Ana Ruiz covers transport and the ports for the paper.\n"
    _, _, _, author, _ = read_metadata(text)
    assert author == "Ana Ruiz"


@pytest.mark.parametrize(
    "last_line",
    [
        "Harbour Master Services is a company owned by the port.",
        "Ana Ruiz said the timetable would start in June.",
        "Oxbow Memorial is a 190-bed hospital.",
    ],
)
def test_closing_claims_about_someone_name_no_author(last_line: str) -> None:
    _, _, _, author, _ = read_metadata(f"Ferry Timetable Changes Approved{BODY}\n{last_line}\n")
    assert author is None


def test_masthead_names_the_outlet_and_the_headline_is_the_title() -> None:
    text = f"Harbour & Coast Gazette\nTuesday, 3 March 2026\n\nFerry Timetable Changes Approved\nBy Ana Ruiz{BODY}"
    title, date, outlet, author, _ = read_metadata(text)
    assert (title, date, outlet, author) == ("Ferry Timetable Changes Approved", "2026-03-03", "Harbour & Coast Gazette", "Ana Ruiz")


def test_headline_naming_a_newspaper_is_still_the_title() -> None:
    title, _, outlet, _, _ = read_metadata(f"Harbour Gazette Editor Resigns After Ferry Row Over Timetable Changes{BODY}")
    assert (title, outlet) == ("Harbour Gazette Editor Resigns After Ferry Row Over Timetable Changes", None)


def test_headline_with_a_spaced_dash_stays_the_title() -> None:
    title, _, _, author, _ = read_metadata(f"LIVE: Ferry Timetable Row - Harbour Board Votes Tonight{BODY}")
    assert (title, author) == ("LIVE: Ferry Timetable Row - Harbour Board Votes Tonight", None)


# Bylines at the end


@pytest.mark.parametrize(
    "credit, author",
    [
        ("Reporting by Lena Ortiz and Tomas Berg; Editing by Li Wen", "Lena Ortiz and Tomas Berg"),
        ("Reporting by Lena Ortiz in Porto; Writing by Tomas Berg", "Lena Ortiz"),
        ("Written by Lena Ortiz", "Lena Ortiz"),
        ("— Lena Ortiz, Harbour Gazette", "Lena Ortiz"),
        ("-- Lena Ortiz", "Lena Ortiz"),
        ("Words: Lena Ortiz", "Lena Ortiz"),
        ("By Dr Lena Ortiz", "Lena Ortiz"),
    ],
)
def test_credit_at_the_end_names_the_author_and_is_no_claim(credit: str, author: str) -> None:
    text = f"Ferry Timetable Changes Approved{BODY}\n{credit}\n"
    _, _, _, found, regions = read_metadata(text)
    assert found == author
    start = text.index(credit)
    assert any(r.start == start and r.kind == "metadata" for r in regions)


@pytest.mark.parametrize(
    "last_line",
    [
        "Editing by Li Wen",
        "Additional reporting by Tomas Berg",
        "By the end of the day the timetable was in force.",
        "- Ferries will run every hour",
        "— a claim the harbour board denies.",
    ],
)
def test_closing_lines_that_credit_no_writer_name_no_author(last_line: str) -> None:
    _, _, _, author, _ = read_metadata(f"Ferry Timetable Changes Approved{BODY}\n{last_line}\n")
    assert author is None


def test_header_byline_wins_over_the_credit_at_the_end() -> None:
    text = f"Ferry Timetable Changes Approved\nBy Ana Ruiz{BODY}\nReporting by Lena Ortiz\n"
    assert read_metadata(text)[3] == "Ana Ruiz"


# Bios at the end in other forms


@pytest.mark.parametrize(
    "bio, author",
    [
        ("Dr Lena Ortiz leads the ports programme at the Coastal Institute.", "Lena Ortiz"),
        ("Prof. Lena Ortiz heads the maritime law centre at Porto University.", "Lena Ortiz"),
        ("Lena Ortiz runs the shipping desk and previously worked in Lisbon.", "Lena Ortiz"),
        ("Lena Ortiz is an urban economist and a former ferry captain.", "Lena Ortiz"),
        ("Lena Ortiz is a senior research fellow at the Coastal Institute.", "Lena Ortiz"),
        ("Lena Ortiz, a transport analyst at the Coastal Institute, writes a weekly column.", "Lena Ortiz"),
        ("Lena Ortiz was previously the harbour board's chief engineer.", "Lena Ortiz"),
        ("Lena Ortiz reports on shipping and the ports from Lisbon.", "Lena Ortiz"),
        ("Lena Ortiz is our transport correspondent. Follow her on X.", "Lena Ortiz"),
    ],
)
def test_bio_in_other_words_names_the_author(bio: str, author: str) -> None:
    _, _, _, found, _ = read_metadata(f"Ferry Timetable Changes Approved{BODY}\n{bio}\n")
    assert found == author


@pytest.mark.parametrize(
    "last_line",
    [
        "Lena Ortiz leads the inquiry into the sinking, police said.",
        "Harbour Point is a ferry terminal on the north shore.",
        "Porto Ferries is a company with 40 boats.",
        "Tomas Berg, 58, a deckhand, was the last to leave the ship.",
        "Lena Ortiz, the harbour master, says the timetable will start in June.",
        "Lena Ortiz, a Liberal member of the harbour board, won the vote with 412 ballots.",
        "Our correspondent saw the ferry leave at 9 am.",
    ],
)
def test_closing_claims_in_bio_form_name_no_author(last_line: str) -> None:
    _, _, _, author, _ = read_metadata(f"Ferry Timetable Changes Approved{BODY}\n{last_line}\n")
    assert author is None


def test_closing_line_about_someone_the_story_named_names_no_author() -> None:
    text = (
        "Ferry Timetable Changes Approved\n\nPorto Ferries said the timetable would start in June."
        f"{BODY}\nPorto Ferries runs 40 boats between the islands.\n"
    )
    assert read_metadata(text)[3] is None


# Mastheads, label lines and list labels are no titles


@pytest.mark.parametrize(
    "header, outlet",
    [
        ("THE KELBY COURIER-STAR\nSun 9 Apr 2028\n\n", "THE KELBY COURIER-STAR"),
        ("PORT AND SHIPPING WEEKLY – Ports & Logistics\n2028-04-09\n\n", "PORT AND SHIPPING WEEKLY"),
        ("Coastal Policy Institute | Briefing note\n9 April 2028\n\n", "Coastal Policy Institute"),
    ],
)
def test_masthead_or_label_line_names_the_outlet_and_the_headline_is_the_title(header: str, outlet: str) -> None:
    text = f"{header}Ferry Timetable Changes Approved\nBy Ana Ruiz{BODY}"
    title, date, found_outlet, author, _ = read_metadata(text)
    assert (title, date, found_outlet, author) == ("Ferry Timetable Changes Approved", "2028-04-09", outlet, "Ana Ruiz")


def test_headline_above_a_date_line_with_no_headline_after_stays_the_title() -> None:
    title, _, outlet, _, _ = read_metadata(f"Ferry Strike Ends\n9 April 2028{BODY}")
    assert (title, outlet) == ("Ferry Strike Ends", None)


def test_label_above_a_list_is_no_title() -> None:
    text = "In Brief\n- The harbour board approved the new ferry timetable\n- Crossings start in June\n" + BODY
    assert read_metadata(text)[0] is None
