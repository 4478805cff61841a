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
     "Ferry passengers queue at the pier on Monday. Picture: Harbour Gazette",
     "A lifeboat crew hauls a dinghy ashore near the lighthouse. Photo: Ana Ruiz / Coast Wire",
     "Waves break over the sea wall at dawn. (Picture: Tom Berg)",
     "Fishermen mend nets on the quay at Porthallow. (AP Photo/Ana Ruiz)"],
    ids=["image-credit", "photo", "photo-credit", "caption", "picture-after", "photo-after", "picture-bracketed", "agency-photo"],
)
def test_credit_and_photo_lines_are_captions(line: str) -> None:
    text = f"{BODY}\n{line}\n{BODY}\n"
    assert _marked(text, "caption") == [line]


def test_caption_lines_become_caption_claims(tmp_path: Path) -> None:
    claims = _claims(tmp_path, f"{BODY}\nImage Credit: Jane Doe / Agency\n")
    assert [c.kind for c in claims] == ["claim", "caption"]


def test_short_line_just_above_a_credit_line_is_a_caption() -> None:
    caption = "Ferry passengers queue at the pier on Monday."
    text = f"{BODY}\n\n{caption}\nPhoto: Ana Ruiz / Coast Wire\n\n{BODY}\n"
    assert _marked(text, "caption") == [f"{caption}\nPhoto: Ana Ruiz / Coast Wire"]


@pytest.mark.parametrize(
    "above",
    [
        "The harbour board approved the timetable on Monday. It starts in June, the chair said.",
        "The harbour board approved the timetable on Monday, the chair said, after a long debate that ran late into the night and ended with a vote of nine to two.",
        "",
        "Ferry Passengers Queue At The Pier",
    ],
    ids=["two-sentences", "long-paragraph", "blank-line", "headline"],
)
def test_paragraph_or_headline_above_a_credit_line_is_no_caption(above: str) -> None:
    text = f"{BODY}\n\n{above}\nPhoto: Ana Ruiz / Coast Wire\n\n{BODY}\n"
    assert _marked(text, "caption") == ["Photo: Ana Ruiz / Coast Wire"]


@pytest.mark.parametrize(
    "line",
    [
        "The pier was closed, a spokeswoman said. Photo: a spokeswoman declined to say more.",
        "The harbour master photographed the damage on Monday, he said.",
        "Officials released the picture: a crack along the sea wall, they said.",
        "The council will publish a report (with photos) on Friday.",
    ],
)
def test_sentences_mentioning_pictures_are_not_captions(line: str) -> None:
    assert _marked(f"{BODY}\n{line}\n{BODY}\n", "caption") == []


@pytest.mark.parametrize(
    "line",
    [
        "Watch: The harbour master explains the new timetable",
        "Listen: Our podcast on the ferry strike",
        "Video: Waves break over the pier",
        "Promoted: Is your boat insured for winter storms? Compare quotes",
        "Sponsored: Ten ferry routes worth taking this summer",
        "Trending: Why the coast road keeps closing",
        "Most read",
        "Get in touch: send us your photos of the storm",
        "Share on Facebook | Share on X | Copy link",
        "Sign up to Tide Tables, our weekly newsletter on the coast",
        "Follow Harbour Radio on your phone: download our app for alerts",
        "Follow our live coverage of the ferry strike online",
        "Download the full harbour report as a PDF",
        "Reporting by Ana Ruiz; Editing by Tom Berg",
        "Additional reporting by Tomas Berg in Lisbon",
        # Promotion labels in their many wordings, with a colon, a bar, a dash, an arrow or alone.
        "Read next: Five harbours that flood every spring",
        "Read also | The pier that nobody wanted",
        "Also read: Why ferries run late",
        "See also: Coastal storms of the decade",
        "More on this story",
        "More from Harbour Radio: the week in pictures",
        "Related stories",
        "Related coverage: Ferry strike enters third day",
        "Trending now: Ten islands to visit by boat",
        "Trending today » The lighthouse for sale",
        "Most popular",
        "Most shared this week: Storm chasers on the coast road",
        "Top stories",
        "Recommended for you",
        "Sponsored content",
        "Paid partner content: Insure your boat for less",
        "Advertisement",
        "Don't miss: The harbour master's last day",
        "In case you missed it: The storm in numbers",
        "Up next - Ferry strike explained",
        "Share this article | Post to X | Email",
        # Calls to the reader for pictures, stories or contact.
        "Share your photos and videos of the storm with the Coast Radio newsroom",
        "Send us your pictures of the flooding",
        "Email us your questions about the ferry strike",
        "Tell us what you think of the new timetable",
        "Contact the news desk at tips@example.org",
        "Were you at the pier on Monday? Get in touch",
        "Do you live near the harbour? Tell us how the strike affects you",
        "Have you been affected by the storm?",
        "Do you have information about the crash? Message us on our tip line",
        "If you saw the crash, please get in touch with the newsroom",
        "Subscribe to The Tide Table for weekly analysis of coastal policy",
        "Sign up for morning briefings on the ports",
        "Share this information, please?",
        "Click for the full ferry timetable",
    ],
)
def test_promotions_and_calls_to_the_reader_are_boilerplate(line: str) -> None:
    assert _marked(f"{BODY}\n\n{line}\n\n{BODY}\n", "boilerplate") == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Follow-up talks with the unions are due on Monday, the port said.",
        "Share prices in the ferry company fell 4 percent on Monday.",
        "Support for the timetable rose among our readers, a poll found.",
        "Read together, the two reports show the pier was unsafe, the council said.",
        "Trending upwards, passenger numbers rose for a third year.",
        "Videos shared online showed waves over the sea wall.",
        "Watchdog officials said the ferry operator broke its licence.",
        "Read Holdings said profits rose 4 percent in the year to June.",
        "Reading council approved the new ferry timetable on Tuesday.",
        "Readers were asked in a survey whether the timetable should change.",
        "Related talks between the port and the unions ended without a deal.",
        "More than 300 passengers were stranded at the pier, the port said.",
        "Most ferries ran on time on Monday, the operator said.",
        "Recommended changes to the timetable will start in June, the board said.",
        "Sponsored by the port, the study found the pier was unsafe.",
        "Shares in the ferry company fell 4 percent on Monday.",
        "Sharing your location with the coastguard can save lives, the agency said.",
        "Send in the coastguard, the mayor told the board on Monday.",
        "Are ferries safe in a storm? The regulator says they are.",
        "Have you ever seen a harbour this full? Few have, the harbour master said.",
        "Tell-tale cracks were found in the pier, engineers said.",
        "Subscribers to the ferry pass will get a refund, the operator said.",
        "Contacts between the two sides broke down on Friday.",
        "Video footage shared online showed waves over the sea wall.",
        "Advertising revenue at the port fell by a third, its accounts show.",
    ],
)
def test_sentences_opening_with_the_same_words_are_claims(line: str) -> None:
    text = f"{BODY}\n\n{line}\n\n{BODY}\n"
    assert _marked(text, "boilerplate") == [] and _marked(text, "caption") == []


def test_read_more_line_is_boilerplate() -> None:
    text = f"{BODY}\nRead more: Other storms this year\n{BODY}\n"
    assert _marked(text, "boilerplate") == ["Read more: Other storms this year"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_links_listed_under_a_promotion_label_are_boilerplate(newline: str) -> None:
    text = newline.join([BODY, "", "Most read", "1. Harbour mayor resigns", "- Ferry strike called off", "Storm season ahead", "", BODY, ""])
    assert _marked(text, "boilerplate") == ["Most read", "1. Harbour mayor resigns", "- Ferry strike called off", "Storm season ahead"]


@pytest.mark.parametrize(
    "text",
    [
        # The sentence after a label is the article's again, blank line or not.
        f"Advertisement\n{BODY}\n",
        # A label with its link on the line lists nothing after it.
        f"Read more: Other storms this year\nStorm season ahead\n\n{BODY}\n",
    ],
)
def test_lines_after_a_promotion_that_lists_nothing_stay_the_articles(text: str) -> None:
    marked = _marked(text, "boilerplate")
    assert BODY not in marked and "Storm season ahead" not in marked


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


# Author bios at the end


def _article(text: str, author: str | None = None) -> list[Region]:
    return list(find_regions(Article(id="a", path="a.txt", text=text, author=author), RULES).regions)


@pytest.mark.parametrize(
    "bio",
    [
        "Ana Ruiz spent twenty years as a harbour pilot before joining the paper.",
        "Ana Ruiz is an economist at the Coastal Institute.",
        "Ana Ruiz, a former harbour pilot, writes on shipping.",
    ],
)
def test_articles_own_author_named_at_the_end_starts_a_bio(bio: str) -> None:
    text = f"{BODY}\n\n{bio}\nShe lives in Lisbon.\n"
    bios = [r for r in _article(text, author="Ana Ruiz") if r.kind == "boilerplate"]
    assert [(r.start, r.end, r.rule) for r in bios] == [(text.index(bio), len(text), "author-bio")]


@pytest.mark.parametrize(
    "bio",
    [
        "Tomas Berg covers energy policy and the ports for the paper.",
        "Tomas Berg directs the coastal safety programme at the Harbour Institute.",
        "Tomas Berg spent twenty years as a river engineer.",
        "Tomas Berg is a former adviser to the transport ministry.",
        "Dr Tomas Berg leads the coastal safety programme at the Harbour Institute.",
        "Prof. Tomas Berg heads the ports research group at Porto University.",
        "Tomas Berg is a senior fellow at the Harbour Institute.",
        "Tomas Berg, an urban economist, writes a monthly column on the ports.",
    ],
)
def test_bio_cue_after_a_name_at_the_end_starts_a_bio(bio: str) -> None:
    text = f"{BODY}\n\n{bio}\n"
    assert [r.rule for r in _article(text) if r.kind == "boilerplate"] == ["author-bio"]


@pytest.mark.parametrize(
    "closing",
    [
        "Tomas Berg said the pier would reopen in June.",
        "Harbour Master Services is a company owned by the port.",
        "Oxbow Memorial is a 190-bed hospital.",
        "Coast Radio covers the ports and the islands.",
        "Tomas Berg leads the inquiry into the sinking, police said.",
        "Harbour Point is a ferry terminal on the north shore.",
        "Tomas Berg, 58, a deckhand, was the last to leave the ship.",
    ],
)
def test_closing_claims_naming_someone_are_not_bios(closing: str) -> None:
    assert _marked(f"{BODY}\n\n{closing}\n", "boilerplate") == []


@pytest.mark.parametrize(
    "closing",
    [
        "Porto Ferries runs 40 boats between the islands.",
        "Tomas Berg leads a team of six divers.",
        "Lena Ortiz is a harbour pilot.",
    ],
)
def test_closing_line_about_someone_the_story_named_is_no_bio(closing: str) -> None:
    name = " ".join(closing.split()[:2])
    text = f"{BODY}\n\n{name} said the pier would reopen in June.\n\n{BODY}\n\n{closing}\n"
    assert _marked(text, "boilerplate") == []


def test_author_named_early_in_the_article_is_no_bio() -> None:
    text = f"Ana Ruiz spent twenty years as a harbour pilot.\n\n{BODY}\n\n{BODY}\n\n{BODY}\n\n{BODY}\n"
    assert [r for r in _article(text, author="Ana Ruiz") if r.kind == "boilerplate"] == []


# Headings


@pytest.mark.parametrize(
    "line",
    ["Ferry Strike Latest: What Really Happened At The Pier?", "Is The Coast Road Safe To Drive This Winter?", "In short:",
     "Key points:"],
)
def test_title_cased_questions_and_list_labels_are_headings(line: str) -> None:
    assert _marked(f"{BODY}\n\n{line}\n\n{BODY}\n", "heading") == [line]


@pytest.mark.parametrize(
    "line",
    ["Who will pay for the new pier, and when will it open?", "Why did the council wait? Nobody knows.",
     "According to a statement from the harbour master:", "Ferry registrations were:", "The winners are as follows:"],
)
def test_questions_in_running_text_and_long_lead_ins_are_not_headings(line: str) -> None:
    assert _marked(f"{BODY}\n\n{line}\n\n{BODY}\n", "heading") == []



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


def test_author_with_a_title_named_again_at_the_end_starts_a_bio() -> None:
    bio = "Dr Ana Ruiz was a harbour pilot for twenty years."
    text = f"{BODY}\n\n{bio}\n"
    bios = [r for r in _article(text, author="Ana Ruiz") if r.kind == "boilerplate"]
    assert [(r.start, r.rule) for r in bios] == [(text.index(bio), "author-bio")]
