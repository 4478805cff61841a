"""Web page -> article text and metadata: the main text without menus, notices or comments; headline, author, date, outlet."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from typing import TypeVar
from urllib.parse import urlsplit

from checker.errors import InputError
from checker.load import decode

T = TypeVar("T")
WEB_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
# The HTML standard looks for a declared encoding in the first 1,024 bytes; pages saved by
# tools or templates with long heads put it later, so a little more is read.
CHARSET_SCAN = 4096
META_CHARSET = re.compile(r"<meta\b[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
# Browsers read these labels as windows-1252, and pages that declare them are written in it.
WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "cp819"})
# Parsing a tag takes time growing with the square of its attributes (50,000 took 80 s over the
# parses of one extraction); real tags have a few dozen, long ones hold data: URIs instead.
LONG_TAG = re.compile(r"<[^<>]{20000,}")
MAX_ATTRIBUTES = 2000
# The mark browsers write at the top of a page they save: <!-- saved from url=(0042)https://... -->
SAVED_FROM = re.compile(r"<!-- saved from url=\(\d{4}\)(https?://[^\s>]{1,2000}) -->")
# Below this many words of main text the page holds no article: a wall, an index or an error page.
MIN_ARTICLE_WORDS = 40
# Above this share of its characters in link texts, the text is a list of links: an index page.
MAX_LINK_SHARE = 0.8
# Shorter link texts ("Home", "2") are words an article uses too.
MIN_LINK_TEXT = 12
# A wall page says little else: its cues count only in a text shorter than this many words.
MAX_WALL_WORDS = 150
# trafilatura favouring precision, with its balanced setting when that keeps less than this share
# of the words: on the 170 pages of benchmarks/extraction.py body F1 0.970 against 0.959 for the
# balanced setting alone (0.964-0.968 for shares from 0.3 to 0.7 before the title and wall
# handling; precision alone 0.963).
RECALL_FALLBACK_SHARE = 0.3
# A precise extraction this long is kept without the comparison (it never changed the choice there).
ENOUGH_WORDS = 300
# Scripts written without spaces between words count a word per two characters.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting", "liveblogposting",
    "socialmediaposting", "report", "scholarlyarticle", "techarticle",
})
# In a title whose spaces are single ones: "Headline | Site", "Headline - Site", "Site: Headline".
TITLE_SEPARATORS = re.compile(r" ?[|·•] ?| [–—\-] |: ")
BY_PREFIX = re.compile(r"^\s*(?:written\s+)?by\s*[:\-]?\s+", re.IGNORECASE)
# A name has at most this many words; a longer "author" is a sentence that met a byline selector.
MAX_NAME_WORDS = 6
# A byline part holding a word of rules/lexicons/byline_roles.txt names a role or a site
# account, not a person: "Tom Krisher, AP Auto Writer", "admin".
@lru_cache(maxsize=1)
def _byline_role() -> re.Pattern[str]:
    from checker.rules import load_rules

    words = "|".join(re.escape(word) for word in load_rules().lexicon("byline_roles"))
    return re.compile(rf"\b(?:{words})s?\b", re.IGNORECASE)


# A name that is a web address ("Cleveland.com", "NJ Advance Media for NJ.com") is the outlet, not an author.
DOMAIN = re.compile(r"\w\.(?:com|org|net|co|uk|info|news|in|ru|de|fr|it|br)\b", re.IGNORECASE)
# A day in a page's address: /2024/03/05/ or /2024-03-05/.
URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/-]|$)")
ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# Meta tags that name the publication day, most specific first (Open Graph, Dublin Core, Parse.ly, Sailthru).
DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "publish-date", "publish_date",
    "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "date",
)
AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
OUTLET_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
BYLINE_XPATH = (
    "//*[@rel='author'] | //*[@itemprop='author'] | //*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')]"
    " | //*[contains(@class, 'byline__name') or contains(@class, 'author-name') or contains(@class, 'authorName')]"
)


@dataclass(frozen=True, slots=True)
class WebPage:
    """The article a web page holds: its text, as lines of headline, headings and paragraphs, and metadata."""

    text: str
    title: str | None
    author: str | None
    date: str | None  # ISO day
    outlet: str | None
    encoding: str
    url: str | None  # the page's canonical address, or the one it was read from


def saved_from(url: str) -> str:
    """Return the mark a browser writes at the top of a page it saves from `url`, which tells the address on reading."""
    return f"<!-- saved from url=({len(url):04d}){url} -->\n"


def is_web_page_name(name: str) -> bool:
    """Tell whether a file name ends as a web page does (.html, .htm, .xhtml, also gzip-compressed)."""
    return name.lower().endswith(WEB_PAGE_SUFFIXES)


def decode_page(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return the markup of a page and its encoding: a BOM, then `declared` (HTTP), then a meta tag, then detection.

    Raise ValueError when the bytes hold no text.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    found = META_CHARSET.search(data[:CHARSET_SCAN].decode("ascii", errors="replace"))
    for label in (declared, found.group(1) if found else None):
        encoding = _known_encoding(label)
        if encoding is not None:
            return data.decode(encoding, errors="replace"), encoding
    return decode(data)


def _known_encoding(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("'\"").lower()
    if label in WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page in UTF-16 that declares it in ASCII-readable bytes cannot exist; the label is a leftover.
    return None if name.startswith(("utf-16", "utf-32")) else name


def read_web_page(markup: str, *, encoding: str = "utf-8", url: str | None = None, wall_cues: Iterable[str] = ()) -> WebPage:
    """Extract the article of a page; raise ValueError naming why a page holds none.

    Args:
        markup: the decoded page.
        url: where it was read from, for relative links and when the page names no address.
        wall_cues: lower-case phrases of login, subscription and cookie walls (rules/lexicons/page_walls.txt).
    """
    try:
        import trafilatura
        from lxml import etree, html
    except ImportError as err:
        raise InputError(f"reading web pages needs trafilatura, a dependency of checker ({err}); reinstall checker") from None

    if not markup.strip():
        raise ValueError("empty: no text to check")
    if any(tag.group().count("=") > MAX_ATTRIBUTES for tag in LONG_TAG.finditer(markup)):
        raise ValueError(f"a tag with more than {MAX_ATTRIBUTES:,} attributes: not a page that can be read in reasonable time")
    try:
        tree = html.document_fromstring(_without_declaration(markup))
    except (etree.ParserError, ValueError) as err:
        raise ValueError(f"not readable as HTML ({err})") from None
    document = _extract(
        trafilatura.bare_extraction, markup, url=url, include_comments=False, include_tables=True, favor_precision=True,
    )
    body = _lines(document.text if document is not None and document.text else "")
    words = _word_count(body)
    if words < ENOUGH_WORDS:
        # Favouring precision now and then loses the article itself; trafilatura's balanced
        # setting then keeps far more of it.
        balanced = _lines(
            _extract(trafilatura.extract, markup, metadata=False, url=url, include_comments=False, include_tables=True) or ""
        )
        if words < RECALL_FALLBACK_SHARE * _word_count(balanced):
            body, words = balanced, _word_count(balanced)
    cues = [cue for cue in wall_cues if cue in "\n".join(body).lower()]
    if words < MAX_WALL_WORDS and cues:
        raise ValueError(f"no article: the page shows a login, subscription or cookie wall ('{cues[0]}')")
    if words >= MIN_ARTICLE_WORDS and _link_share(body, tree) > MAX_LINK_SHARE:
        raise ValueError("no article: nearly all the page's text is links to other pages (an index page?)")
    if words < MIN_ARTICLE_WORDS:
        raise ValueError(f"no article text found: {words} words outside menus and notices (an index, a wall or an error page?)")
    found = PageEvidence(tree)
    outlet = found.outlet() or _clean(getattr(document, "sitename", None)) or _host(url)
    title = found.title(_clean(getattr(document, "title", None)), outlet)
    if title and body and _same_words(body[0], title):
        body = body[1:]
    text = "\n".join(([title] if title else []) + body) + "\n"
    saved_from = SAVED_FROM.search(markup[:CHARSET_SCAN])
    address = found.url() or url or (saved_from.group(1) if saved_from else None)
    return WebPage(
        text=text,
        title=title,
        author=found.author() or _names_from(getattr(document, "author", None)),
        date=_local_day(found.date() or iso_day(getattr(document, "date", None)), address),
        outlet=outlet,
        encoding=encoding,
        url=address,
    )


def _extract(extractor: Callable[..., T], markup: str, *, metadata: bool = True, **options: object) -> T:
    """Run a trafilatura extractor (with its metadata, else without), or raise ValueError.

    On some broken trees its date search fails (htmldate removing an element with no parent),
    and now and then its own code does: a page it cannot read is skipped, not a crash.
    """
    failure: Exception | None = None
    for with_metadata in (True, False) if metadata else (False,):
        try:
            return extractor(markup, with_metadata=with_metadata, **options)
        except Exception as err:  # noqa: BLE001 - any error of the extractor on this markup makes the page unreadable
            failure = err
    raise ValueError(f"the page cannot be read: its markup breaks the extractor ({type(failure).__name__})")


def _local_day(declared: str | None, url: str | None) -> str | None:
    """Return the publication day, the one in the page's address when the declared one is a day off.

    Pages declare the time in UTC ("2024-03-06T02:15:00Z"), whose day is often the next one where
    the outlet is; the day in the address is the outlet's own.
    """
    found = URL_DAY.search(urlsplit(url).path) if url else None
    if found is None:
        return declared
    try:
        from datetime import date

        in_address = date(*map(int, found.groups()))
    except ValueError:
        return declared
    if declared is None:
        return in_address.isoformat()
    try:
        gap = abs((date.fromisoformat(declared) - in_address).days)
    except ValueError:
        return declared
    return in_address.isoformat() if gap == 1 else declared


def _without_declaration(markup: str) -> str:
    # lxml refuses a str that carries an XML encoding declaration.
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", markup, count=1)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _link_share(lines: list[str], tree) -> float:
    """Return the share of the text's characters that are the texts of the page's links."""
    text = "\n".join(lines)
    total = _visible_length(text)
    if not total:
        return 0.0
    # Longest first, so that a link text holding a shorter one is taken whole.
    for link_text in sorted({_clean(link.text_content()) or "" for link in tree.iter("a")}, key=len, reverse=True):
        if len(link_text) >= MIN_LINK_TEXT:
            text = text.replace(link_text, "")
    return 1 - _visible_length(text) / total


def _visible_length(text: str) -> int:
    return len("".join(text.split()))


def _word_count(lines: list[str]) -> int:
    text = "\n".join(lines)
    return len(text.split()) + len(UNSPACED.findall(text)) // 2


def _same_words(a: str, b: str) -> bool:
    return re.findall(r"\w+", a.lower()) == re.findall(r"\w+", b.lower())


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def iso_day(value: object) -> str | None:
    """Return the ISO day a date string starts with ("2024-03-05T23:30-05:00" -> "2024-03-05"), else parse it."""
    if not isinstance(value, str) or not value.strip():
        return None
    found = ISO_DAY.match(value.strip())
    if found:
        year, month, day = map(int, found.groups())
        return found.group(0) if 1 <= month <= 12 and 1 <= day <= 31 and year >= 1900 else None
    from checker.dates import parse_date

    parsed = parse_date(value.strip())
    return parsed if parsed is not None and len(parsed) == 10 else None


def _names_from(value: object) -> str | None:
    """Return author names as one string ("A", "A and B", "A, B and C"), bylines cleaned of "By" and addresses."""
    if not isinstance(value, str):
        return None
    names: list[str] = []
    for part in re.split(r"\s*(?:;|,|\band\b|&|\|)\s*", value):
        name = BY_PREFIX.sub("", " ".join(part.split())).strip(" .:-")
        if (
            not name or "@" in name or "/" in name or len(name.split()) > MAX_NAME_WORDS
            or not re.search(r"[^\W\d_]", name) or _byline_role().search(name) or DOMAIN.search(name)
        ):
            continue
        if name.isupper() and len(name) > 3:
            name = name.title()  # "TOM KRISHER" as a byline shows it; the name is Tom Krisher
        if name.lower() not in (n.lower() for n in names):
            names.append(name)
    return _join_names(names)


def _join_names(names: list[str]) -> str | None:
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class PageEvidence:
    """What a page says about itself: JSON-LD, meta tags, its visible headline and byline."""

    def __init__(self, tree) -> None:  # an lxml HtmlElement
        self.tree = tree
        self.meta: dict[str, str] = {}
        for element in tree.iter("meta"):
            key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
            content = _clean(element.get("content"))
            if key and content:
                self.meta.setdefault(key, content)
        self.articles = [item for item in _json_ld(tree) if _types(item) & ARTICLE_TYPES]

    def _ld(self, key: str) -> object:
        for item in self.articles:
            if item.get(key):
                # JSON-LD is script text: the HTML parser leaves its entities ("&amp;") as written.
                return unescape(item[key]) if isinstance(item[key], str) else item[key]
        return None

    def title(self, extracted: str | None, outlet: str | None) -> str | None:
        """Return the headline as the page shows it: its h1 when a declared title agrees, else a declared title without the site name."""
        headline = _clean(self._ld("headline")) or _clean(self._ld("name"))
        declared = [t for t in (headline, self.meta.get("og:title"), self.meta.get("twitter:title"), _element_text(self.tree.find(".//title")), extracted) if t]
        for h1 in self.tree.iter("h1"):
            shown = _element_text(h1)
            if shown and len(shown.split()) > 1 and any(_agrees(shown, title) for title in declared):
                return shown
        if headline:
            return headline
        for title in declared:
            stripped = _without_site(title, outlet)
            if stripped:
                return stripped
        return None

    def author(self) -> str | None:
        """Return the author named by JSON-LD, a meta tag or a visible byline."""
        names = _ld_names(self._ld("author"))
        if names:
            return _join_names(names)
        for key in AUTHOR_META:
            value = self.meta.get(key)
            if value and not value.startswith(("http://", "https://")):
                found = _names_from(value)
                if found:
                    return found
        for element in self.tree.xpath(BYLINE_XPATH):
            name_element = element.find(".//*[@itemprop='name']")
            found = _names_from(_element_text(name_element if name_element is not None else element))
            if found:
                return found
        return None

    def date(self) -> str | None:
        """Return the publication day named by JSON-LD, a meta tag or a <time> element."""
        for key in ("datePublished", "dateCreated", "coverageStartTime", "uploadDate"):
            day = iso_day(self._ld(key))
            if day:
                return day
        for key in DATE_META:
            day = iso_day(self.meta.get(key))
            if day:
                return day
        for element in self.tree.xpath("//time[@pubdate] | //*[@itemprop='datePublished']"):
            day = iso_day(element.get("datetime") or element.get("content") or _element_text(element))
            if day:
                return day
        return None

    def outlet(self) -> str | None:
        """Return the publisher named by JSON-LD or the site-name meta tags."""
        publisher = self._ld("publisher")
        if isinstance(publisher, list) and publisher:
            publisher = publisher[0]
        if isinstance(publisher, dict) and _clean(publisher.get("name")):
            return _clean(publisher["name"])
        return next((self.meta[key] for key in OUTLET_META if key in self.meta), None)

    def url(self) -> str | None:
        """Return the page's canonical address, if it names an absolute http(s) one."""
        for element in self.tree.xpath("//link[@rel='canonical']"):
            href = (element.get("href") or "").strip()
            if href.startswith(("http://", "https://")):
                return href
        og = self.meta.get("og:url", "")
        return og if og.startswith(("http://", "https://")) else None


def _json_ld(tree) -> Iterator[dict]:
    """Yield every object in the page's JSON-LD scripts, nested ones and @graph members included."""
    for script in tree.xpath("//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))
                if isinstance(item.get("mainEntity"), (dict, list)):
                    stack.append(item["mainEntity"])


def _types(item: dict) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _ld_names(value: object) -> list[str]:
    """Return the names of JSON-LD authors, people before organisations."""
    items = value if isinstance(value, list) else [value]
    people: list[str] = []
    organisations: list[str] = []
    for item in items:
        if isinstance(item, str):
            found = _names_from(item)
            if found:
                people.append(found)
        elif isinstance(item, dict):
            name = _names_from(_clean(item.get("name")))
            if name:
                (organisations if "organization" in _types(item) else people).append(name)
    return people or organisations


def _element_text(element) -> str | None:
    if element is None:
        return None
    return _clean(element.text_content())


def _agrees(shown: str, declared: str) -> bool:
    """Tell whether a visible headline is the declared title, perhaps cut short or with the site name added."""
    a, b = re.findall(r"\w+", shown.lower()), re.findall(r"\w+", declared.lower())
    if not a or not b:
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return longer[: len(shorter)] == shorter and len(shorter) >= max(2, len(longer) // 2)


def _without_site(title: str, outlet: str | None) -> str | None:
    """Return a declared title without the site name its template adds ("Storm hits coast | Daily Post")."""
    if not outlet:
        return title
    site = re.sub(r"\W+", "", outlet.lower())
    separators = list(TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title

    def is_site(part: str) -> bool:
        return re.sub(r"\W+", "", part.lower()) in (site, site.removesuffix("com"))

    if is_site(title[separators[-1].end():]):
        return title[: separators[-1].start()].strip() or None
    if is_site(title[: separators[0].start()]):
        return title[separators[0].end():].strip() or None
    return title
