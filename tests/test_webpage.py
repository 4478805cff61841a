"""Web pages: main text without page furniture, metadata from JSON-LD, meta tags and bylines, bad pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import checker
from checker.cli import app
from checker.sources import load_web_page
from checker.webpage import decode_page, read_web_page

PARAGRAPHS = [
    "The harbour authority of Port Elwin said on Tuesday that the northern breakwater will close for eleven weeks while engineers replace its storm gates.",
    "Ferry operators were told to move their evening sailings to the southern quay, which the authority expects to handle about 4,200 passengers a day.",
    "Harbour master Ilse Varga said the gates had been patched twice since the winter floods and could no longer be trusted in a northerly gale.",
    "The repair will cost 18 million euros, of which the regional government has agreed to pay two thirds, according to a statement from the authority.",
    "Fishing crews said the closure comes at the worst time of the year, just as the mackerel season begins along the coast of the peninsula.",
]
FURNITURE = """
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li><li><a href="/sport">Sport pages</a></li></ul></nav>
<div id="cookie-banner" class="cookie-notice">We use cookies to improve your experience. <button>Accept all cookies</button></div>
"""
AFTER = """
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Lighthouse keeper retires after forty years</a></li>
<li><a href="/b">New ferry timetable announced for spring</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3><div class="comment"><p>Reader42: This harbour has been a mess for years and nobody listens to the fishermen.</p></div></section>
<footer class="site-footer"><p>© 2025 Coastal Herald Media. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
"""


def page(head: str = "", body_top: str = "", paragraphs: list[str] = PARAGRAPHS, heading: str = "", charset: str = "utf-8") -> str:
    article = "".join(f"<p>{p}</p>\n" for p in paragraphs[:3]) + (f"<h2>{heading}</h2>\n" if heading else "")
    article += "".join(f"<p>{p}</p>\n" for p in paragraphs[3:])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">{head}</head>
<body>{FURNITURE}
<main><article>{body_top}
{article}
</article></main>{AFTER}
</body></html>"""


JSON_LD_HEAD = """
<title>Breakwater to close for eleven weeks | Coastal Herald</title>
<meta property="og:title" content="Breakwater to close for eleven weeks | Coastal Herald">
<meta property="og:site_name" content="Coastal Herald">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "Coastal Herald"},
 {"@type": "NewsArticle", "headline": "Breakwater to close for eleven weeks",
  "datePublished": "2025-03-04T08:30:00+01:00", "dateModified": "2025-03-05T10:00:00+01:00",
  "author": [{"@type": "Person", "name": "Nora Lindqvist"}, {"@type": "Person", "name": "Pavel Osei"}],
  "publisher": {"@type": "Organization", "name": "Coastal Herald"}}]}</script>
"""


def test_main_text_leaves_out_menus_notices_related_links_comments_share_buttons_and_footer() -> None:
    found = read_web_page(page(JSON_LD_HEAD, "<h1>Breakwater to close for eleven weeks</h1>"))
    for paragraph in PARAGRAPHS:
        assert paragraph in found.text
    for furniture in ("World news", "We use cookies", "Share on Facebook", "Related stories", "Lighthouse keeper",
                      "Reader42", "All rights reserved", "Privacy policy"):
        assert furniture not in found.text


def test_json_ld_gives_headline_authors_day_and_publisher() -> None:
    found = read_web_page(page(JSON_LD_HEAD, "<h1>Breakwater to close for eleven weeks</h1>"))
    assert found.title == "Breakwater to close for eleven weeks"
    assert found.author == "Nora Lindqvist and Pavel Osei"
    assert found.date == "2025-03-04"
    assert found.outlet == "Coastal Herald"


def test_headline_is_shown_as_the_first_line_then_one_paragraph_per_line() -> None:
    found = read_web_page(page(JSON_LD_HEAD, "<h1>Breakwater to close for eleven weeks</h1>", heading="Who pays for the repair"))
    lines = found.text.splitlines()
    assert lines[0] == "Breakwater to close for eleven weeks"
    assert lines.count("Breakwater to close for eleven weeks") == 1
    assert lines[1:4] == PARAGRAPHS[:3]
    assert lines[4] == "Who pays for the repair"
    assert lines[5:7] == PARAGRAPHS[3:]


def test_open_graph_and_meta_tags_without_json_ld() -> None:
    head = """
<title>Breakwater to close for eleven weeks - Coastal Herald</title>
<meta property="og:title" content="Breakwater to close for eleven weeks - Coastal Herald">
<meta property="og:site_name" content="Coastal Herald">
<meta name="author" content="Nora Lindqvist">
<meta property="article:published_time" content="2025-03-04T08:30:00Z">
"""
    found = read_web_page(page(head))
    assert found.title == "Breakwater to close for eleven weeks"
    assert found.author == "Nora Lindqvist"
    assert found.date == "2025-03-04"
    assert found.outlet == "Coastal Herald"


def test_a_title_not_ending_in_the_site_name_is_kept_whole() -> None:
    head = '<title>Storm gates: what went wrong - a timeline</title><meta property="og:site_name" content="Coastal Herald">'
    assert read_web_page(page(head)).title == "Storm gates: what went wrong - a timeline"


def test_visible_byline_and_time_element_in_the_body() -> None:
    top = """<h1>Breakwater to close for eleven weeks</h1>
<p class="byline">By <a rel="author" href="/staff/ilse">MARTA KOWALCZYK</a>, Harbour Correspondent</p>
<time datetime="2025-03-04T19:05:00-05:00" pubdate>March 4, 2025</time>"""
    found = read_web_page(page("<title>Breakwater to close for eleven weeks</title>", top))
    assert found.author == "Marta Kowalczyk"
    assert found.date == "2025-03-04"
    assert "Harbour Correspondent" not in found.text.splitlines()[0]


def test_utc_time_a_day_off_the_address_takes_the_day_in_the_address() -> None:
    head = """<link rel="canonical" href="https://herald.example/2025/03/04/breakwater-closure/">
<meta property="article:published_time" content="2025-03-05T02:10:00Z">"""
    found = read_web_page(page(head))
    assert found.date == "2025-03-04"
    assert found.url == "https://herald.example/2025/03/04/breakwater-closure/"


def test_live_blog_with_its_start_time_and_entries() -> None:
    head = """<script type="application/ld+json">{"@context": "https://schema.org", "@type": "LiveBlogPosting",
 "headline": "Storm live: breakwater closes as gales reach the coast", "coverageStartTime": "2025-11-02T06:00:00+00:00",
 "author": {"@type": "Organization", "name": "Coastal Herald newsroom"},
 "liveBlogUpdate": [{"@type": "BlogPosting", "headline": "Ferries suspended"}]}</script>"""
    entries = "".join(
        f'<div class="live-entry"><time>{time}</time><h3>{title}</h3><p>{text}</p></div>'
        for time, title, text in (
            ("09:40", "Ferries suspended", "All sailings from the southern quay are suspended until the wind drops below forty knots, the operator said."),
            ("08:15", "Gates hold for now", "Engineers at the northern breakwater said the temporary gates were holding, although spray was crossing the wall."),
            ("07:05", "Red warning issued", "The weather service issued a red warning for the whole peninsula, the first since the floods of the previous winter."),
        )
    )
    found = read_web_page(page(head, "<h1>Storm live: breakwater closes as gales reach the coast</h1>" + entries, paragraphs=PARAGRAPHS[:2]))
    assert found.title == "Storm live: breakwater closes as gales reach the coast"
    assert found.date == "2025-11-02"
    assert found.author == "Coastal Herald newsroom"
    assert "All sailings from the southern quay are suspended" in found.text
    assert "The weather service issued a red warning" in found.text


def test_encoding_declared_in_a_meta_tag_is_used() -> None:
    words = "Портовое управление закрывает северный волнорез на одиннадцать недель для замены штормовых ворот."
    markup = page("<title>Волнорез закрыт</title>", paragraphs=[words] * 2 + PARAGRAPHS[:3], charset="windows-1251")
    text, encoding = decode_page(markup.encode("cp1251"))
    assert encoding == "cp1251"
    assert words in read_web_page(text, encoding=encoding).text


def test_http_equiv_latin1_is_read_as_windows_1252() -> None:
    markup = page("", paragraphs=["Le maire de Saint-Étienne a présenté un budget “prudent” pour l’année à venir, avec des économies sur l’éclairage public."] + PARAGRAPHS[:3])
    markup = markup.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    text, encoding = decode_page(markup.encode("cp1252"))
    assert encoding == "cp1252"
    assert "“prudent”" in text and "Saint-Étienne" in text


def test_malformed_markup_is_still_read() -> None:
    markup = "<html><head><title>Breakwater</title><body><div><p>" + "<p>".join(PARAGRAPHS) + "</span></div></td><b><i>unclosed"
    found = read_web_page(markup)
    assert PARAGRAPHS[0] in found.text and PARAGRAPHS[4] in found.text


def test_cookie_wall_alone_is_no_article() -> None:
    wall = """<html><head><title>Coastal Herald</title></head><body><div class="consent">
<h2>Before you continue</h2><p>We use cookies and data to deliver and maintain our services and to measure audience engagement.</p>
<button>Accept all</button><button>Reject all</button></div></body></html>"""
    with pytest.raises(ValueError, match="wall|no article"):
        read_web_page(wall, wall_cues=("we use cookies",))


def test_index_page_with_only_headline_links_is_no_article() -> None:
    items = "".join(f'<li><a href="/story/{n}">Harbour story number {n}</a></li>' for n in range(30))
    index = f"<html><head><title>Coastal Herald: latest</title></head><body><nav>{items}</nav><ul>{items}</ul></body></html>"
    with pytest.raises(ValueError, match="no article"):
        read_web_page(index)


def test_empty_page_is_refused() -> None:
    with pytest.raises(ValueError, match="empty"):
        read_web_page("   ")


def test_report_offsets_point_into_the_extracted_text_that_extract_prints(tmp_path: Path) -> None:
    (tmp_path / "breakwater.html").write_text(page(JSON_LD_HEAD, "<h1>Breakwater to close for eleven weeks</h1>"), encoding="utf-8")
    report = checker.check([tmp_path], jobs=1)
    [article] = report.articles
    assert article.source == "html"
    printed = CliRunner().invoke(app, ["extract", str(tmp_path / "breakwater.html")])
    assert printed.exit_code == 0
    assert printed.stdout == article.text
    for claim in article.claims:
        assert article.text[claim.start : claim.end] == claim.text
        assert article.text.count("\n", 0, claim.start) + 1 == claim.line
    harbour_master = next(c for c in article.claims if "Ilse Varga" in c.text)
    assert harbour_master.line == 4


def test_extract_json_prints_the_metadata(tmp_path: Path) -> None:
    (tmp_path / "breakwater.html").write_text(page(JSON_LD_HEAD, "<h1>Breakwater to close for eleven weeks</h1>"), encoding="utf-8")
    printed = CliRunner().invoke(app, ["extract", str(tmp_path / "breakwater.html"), "--json"])
    metadata = json.loads(printed.stdout)
    assert metadata["title"] == "Breakwater to close for eleven weeks"
    assert metadata["author"] == "Nora Lindqvist and Pavel Osei"
    assert metadata["source"] == "html"


def test_compressed_page_is_read(tmp_path: Path) -> None:
    path = tmp_path / "saved.html.gz"
    path.write_bytes(gzip.compress(page(JSON_LD_HEAD).encode("utf-8")))
    article = load_web_page(path, "saved", max_file_size=1_000_000)
    assert PARAGRAPHS[2] in article.text and article.title == "Breakwater to close for eleven weeks"


def test_small_gzip_that_expands_past_the_limit_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><p>" + b" " * 30_000_000 + b"</p></body></html>"))
    assert path.stat().st_size < 100_000
    with pytest.raises(ValueError, match="expands past the 5,000,000-byte limit"):
        load_web_page(path, "bomb", max_file_size=5_000_000)


def test_page_over_the_size_limit_is_skipped_and_the_rest_checked(tmp_path: Path) -> None:
    (tmp_path / "big.html").write_text(page(JSON_LD_HEAD) + "<!--" + "x" * 60_000 + "-->", encoding="utf-8")
    (tmp_path / "small.html").write_text(page(JSON_LD_HEAD), encoding="utf-8")
    report = checker.check([tmp_path], max_file_size=50_000, jobs=1)
    assert [a.id for a in report.articles] == ["small"]
    [skipped] = report.skipped
    assert skipped.path.endswith("big.html") and "larger than the 50,000-byte limit" in skipped.reason


def test_cli_warns_once_per_bad_page_and_exits_2_when_nothing_is_checkable(tmp_path: Path) -> None:
    (tmp_path / "wall.html").write_text("<html><body><p>Please enable JavaScript and cookies to continue.</p></body></html>", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "wall.html" in warnings[0]


def test_folder_with_pages_and_text_files_checks_both(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(page(JSON_LD_HEAD), encoding="utf-8")
    (tmp_path / "note.txt").write_text("\n".join(PARAGRAPHS[:3]) + "\n", encoding="utf-8")
    report = checker.check([tmp_path], jobs=1)
    assert {(a.id, a.source) for a in report.articles} == {("page", "html"), ("note", "file")}
    assert any(p.relation == "agrees" or p.similarity > 0.9 for p in report.pairs)


def test_entities_in_json_ld_are_read_as_characters() -> None:
    head = JSON_LD_HEAD.replace('"headline": "Breakwater to close for eleven weeks"', '"headline": "Gates &amp; walls: breakwater to close"')
    assert read_web_page(page(head)).title == "Gates & walls: breakwater to close"


def test_tag_with_thousands_of_attributes_is_refused_quickly() -> None:
    import time

    markup = "<p " + " ".join(f'data-x{n}="1"' for n in range(30_000)) + ">x</p>" + page()
    start = time.monotonic()
    with pytest.raises(ValueError, match="more than 2,000 attributes"):
        read_web_page(markup)
    assert time.monotonic() - start < 5


def test_markup_that_breaks_the_extractor_is_an_unreadable_page_not_a_crash() -> None:
    # htmldate's cleaning removes the <math> root that lxml makes of this, which has no parent.
    with pytest.raises(ValueError):
        read_web_page("<math><html>")
    found = read_web_page("<math><html>" + page(JSON_LD_HEAD))
    assert PARAGRAPHS[1] in found.text


def test_claims_command_segments_a_page_as_its_extracted_text(tmp_path: Path) -> None:
    (tmp_path / "breakwater.html").write_text(page(JSON_LD_HEAD, "<h1>Breakwater to close for eleven weeks</h1>"), encoding="utf-8")
    result = CliRunner().invoke(app, ["claims", str(tmp_path / "breakwater.html"), "--json"])
    assert result.exit_code == 0
    claims = json.loads(result.stdout)
    assert claims[0]["text"] == "Breakwater to close for eleven weeks" and claims[0]["kind"] == "heading"
    assert not any("<p>" in c["text"] or "cookies" in c["text"] for c in claims)


def test_address_from_the_mark_of_a_browser_saved_page() -> None:
    markup = "<!-- saved from url=(0038)https://herald.example/news/breakwater -->\n" + page()
    assert read_web_page(markup).url == "https://herald.example/news/breakwater"
    canonical = '<link rel="canonical" href="https://herald.example/2025/03/04/breakwater/">'
    assert read_web_page(markup.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + canonical)).url.endswith("/2025/03/04/breakwater/")
