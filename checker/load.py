"""Paths -> Articles: find the files, decode them, read metadata from headers, datelines and bios."""

from __future__ import annotations

import codecs
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from charset_normalizer import from_bytes

from checker.dates import find_dates, parse_date
from checker.errors import InputError
from checker.model import Article, Region, Skipped
from checker.rules import RuleSet
from checker.text import SENTENCE_INSIDE, is_heading_line

if TYPE_CHECKING:
    from checker.sources import InputOptions

ARTICLE_SUFFIXES = (".txt", ".md")
# A header line "date 2025-09-15", "Date: ...", "author: ..." (also in front matter).
HEADER = re.compile(
    r"^[ \t\ufeff]*(?P<key>date|published|updated|posted|title|headline|author|by|byline|outlet|source|publication)"
    r"[ \t]*(?::[ \t]*|[ \t](?=\d))(?P<value>[^\n]{1,300}?)[ \t]*(?:\r?\n|$)",
    re.IGNORECASE,
)
INLINE_DATE_HEADER = re.compile(r"^[ \t\ufeff]*date[ \t]*:?[ \t]*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
FRONT_MATTER = re.compile(r"^\ufeff?---[ \t]*\r?\n(?P<body>(?:[^\n]{0,500}\n){0,40}?)---[ \t]*(?:\r?\n|$)")
# Only the heading is case-blind: the name must keep its capitals to end before "is a reporter".
BIO = re.compile(r"^[ \t]*(?i:About the Authors?)[ \t]*:?[ \t]*(?P<name>[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){1,4})?", re.MULTILINE)
# Parts of a header line: "Outlet | June 11, 2026 | By X", "Comment · X · 24.11.2026",
# "Mar. 5, 2027 - Ana Ruiz". A dash between parts is spaced; one inside a word is not.
FIELD_SEPARATOR = re.compile(r"[ \t](?<![ \t][ \t])[ \t]*+(?:[|·•]|[-–—]{1,2})[ \t]+")
# A byline part: "By X", "Story by X", "Words: X", "Author: X".
BYLINE_FIELD = re.compile(
    r"^(?i:(?:(?:posted|written|words|reporting|report|story|text|interview)[ \t]+)?by(?:[ \t]*:[ \t]*|[ \t]+)"
    r"|(?:words|text|story|author|authors|byline|writer|reporter|contributor|contributors)[ \t]*:[ \t]*)(?P<rest>\S.*)$"
)
# A credit for the writing among the last lines: "Reporting by X and Y; Editing by Z",
# "Written by X", "By X", "— X, Outlet", "Words: X". Only the writers are the article's authors:
# editing, additional reporting and graphics credit others.
FOOTER_BYLINE = re.compile(
    r"^[ \t]*(?:[-–—]{1,2}[ \t]*|(?i:(?:(?:reporting|reported|written|writing|words|story|text)[ \t]+)?by(?:[ \t]*:[ \t]*|[ \t]+)"
    r"|(?:words|text|story|author|byline)[ \t]*:[ \t]*))(?P<rest>[^;\n]{3,200}?)[ \t]*(?:;[^\n]*)?$"
)
# "Posted on 12 June 2026 by X": the names after the date.
DATE_THEN_BY = re.compile(r"[ \t](?<![ \t][ \t])[ \t]*+(?i:by)[ \t]++(?=[A-Z])")
# "Posted by X on 12 June 2026": the date after the names.
BYLINE_DATE = re.compile(r"[ \t](?<![ \t][ \t])[ \t]*+(?:on|at)[ \t]++(?=\w)")
# Look-behinds start a match only at the head of a run of blanks: linear on any input.
# "By Ana Ruiz in Lisbon": where the writer filed from.
BYLINE_PLACE = re.compile(r"[ \t](?<![ \t][ \t])[ \t]*+(?:in|from)[ \t][^,|]{1,60}$")
NAME_JOINER = re.compile(r"(?<![ \t])[ \t]*+,[ \t]*+(?:and[ \t]++)?|[ \t](?<![ \t][ \t])[ \t]*+(?:and|&)[ \t]++")
NAME_CHARACTERS = frozenset("'’.-")
MAX_ROLE_WORDS = 4  # "Senior Energy Policy Correspondent"
# A list item: "- ...", "• ...", "2. ...". Dashes are no bullets: they open dialogue in many languages.
BULLETED_LINE = re.compile(r"(?<![ \t])[ \t]*+(?:[-*•▪◦‣]|(?<!\d)\d{1,3}[.)])[ \t]")
# Dates in header lines: the date alone, or with a label, a time and a weekday around it
# ("Updated 14:05 GMT, Saturday 21 November 2026", "Published: 05/05/2026 11:47 AM").
DATE_LABEL = r"(?i:(?:(?:first|last|originally)[ \t]+)?(?:published|updated|posted|modified|filed|dated|date)[ \t]*(?::|on)?)"
WEEKDAY = r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?)"
# Copies of pages that went through a tokeniser space the parts: "1: 35 p. m.", "05 / 02 / 2013".
# A time zone is an abbreviation, an offset or words ending in "time": "AEDT", "UTC+2", "GMT+05:30",
# "Chile time", "local time".
ZONE = r"(?:[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|(?:[A-Z][a-z]{1,20}[ \t]+){0,2}(?i:time)|(?i:local[ \t]+time))"
CLOCK = r"\d{1,2} ?[:.] ?\d{2}(?: ?[:.] ?\d{2}(?:\.\d+)?)?(?:[ \t]*(?i:[ap]\.? ?m\.?))?(?:[ \t]*\(?{ZONE}\)?)?".replace("{ZONE}", ZONE)
# An ISO date's time: "2027-03-05T10:15:00Z", "2027-03-05T10:15+01:00".
ISO_TIME = r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
DATE_PREFIX = re.compile(
    rf"[ \t]*(?:{DATE_LABEL}[ \t]*)?(?:(?i:on|at)[ \t]+)?(?:{CLOCK}[ \t]*,?[ \t]*)?(?:{WEEKDAY}[ \t]*,?[ \t]*)?(?:the[ \t]+)?"
)
DATE_SUFFIX = re.compile(rf"(?:{ISO_TIME})?[ \t]*(?:,|(?i:at)|-|@)?[ \t]*(?:{CLOCK})?[ \t]*[.,]?[ \t]*")
UPDATE_LABEL = re.compile(r"(?i)\b(?:updated|modified)\b")
# "Northline News, November 22, 2026": an outlet's name before the date.
OUTLET_BEFORE_DATE = re.compile(rf"(?P<outlet>[^\W\d_][^,|:\n]{{0,60}}?),[ \t]*(?:{WEEKDAY}[ \t]*,?[ \t]*)?")
# Numeric dates: 24.11.2026, 16/06/2026, 05-05-2026. Read day first, as everywhere but North
# America writes them; month first when a North American time zone stands in the header, or
# when the second number cannot be a month's.
NUMERIC_DATE = re.compile(r"(?<![\d./-])(?P<a>\d{1,2}) ?(?P<sep>[./-]) ?(?P<b>\d{1,2}) ?(?P=sep) ?(?P<year>(?:19|20)\d{2})(?![\d])")
# A dateline opening the first paragraph: "LISBON, Portugal, May 4, 2026 (Agency) - ",
# "WREXLEY, England - ", "MINSK, Sept 15 (Reuters) - ". The place is in capitals, or a date or
# an agency follows it: "Independent councillor Ana Ruiz - " is no dateline.
DATELINE_DATE = r"[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,?[ \t]+\d{4})?|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?(?:[ \t]+\d{4})?"
PLACE_WORD = r"[^\W\d_][\w'’.-]{0,30}+"
DATELINE = re.compile(
    rf"(?<![ \t])[ \t]*+(?P<place>(?<![\w'’.-]){PLACE_WORD}(?:[ \t]{PLACE_WORD}){{0,3}})"
    rf"(?:,[ \t](?P<region>{PLACE_WORD}(?:[ \t]{PLACE_WORD}){{0,3}}))?"
    rf"(?:,?[ \t](?P<date>{DATELINE_DATE}))?"
    r"(?:[ \t]\((?P<outlet>[A-Z][\w .&-]{1,30})\))?"
    r"[ \t]{1,3}[-–—]{1,2}[ \t]++(?=\S)"
)
KEY_FIELDS = {
    "date": "date", "published": "date", "updated": "date", "posted": "date",
    "title": "title", "headline": "title",
    "author": "author", "by": "author", "byline": "author",
    "outlet": "outlet", "source": "outlet", "publication": "outlet",
}
HEADER_LINES = 8  # headers are looked for in the first lines only
TITLE_LINES = 6  # an untagged title is the first heading-like line among the first lines
# A header part is short; a line of this many words or more that ends a sentence opens the body.
MAX_HEADER_WORDS = 20
MIN_SENTENCE_WORDS = 6
SENTENCE_END = re.compile(r"[.!?][\"”'’)]*[ \t]*$")
MAX_OUTLET_WORDS = 6  # "Wrexham & District Weekly Advertiser"
MAX_LABELLED_NAME_WORDS = 4  # "Lucas van der Berg"
FOOTER_LINES = 3  # a footer date ("Published: 05/05/2026") is looked for in the last lines only
BIO_LINES = 3  # an author's bio is one of the last lines


def find_article_files(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Yield the article files named by paths: files as given, folders searched recursively, links as given."""
    from checker.sources import is_link, is_source_name

    for raw in paths:
        if isinstance(raw, str) and is_link(raw):
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if (p.suffix.lower() in ARTICLE_SUFFIXES or is_source_name(p.name)) and p.is_file()
            )
            yield from found
        elif path.is_file():
            yield path
        elif path.exists():
            raise InputError(f"{path}: not a regular file or folder")
        else:
            raise InputError(f"{path}: no such file or folder")


def decode(data: bytes) -> tuple[str, str]:
    """Return the text of a file and the encoding it was read with; raise ValueError if it holds no text."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            # The BOM settles the encoding: a stray bad sequence (a lone surrogate) becomes U+FFFD.
            return data.decode(encoding, errors="replace"), encoding
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return data.decode(utf16, errors="replace"), utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        western = _western_single_byte(data)
        if western is not None:
            return western, "cp1252"
        best = from_bytes(data).best()
        if best is None:
            raise ValueError("binary data: not text in any known encoding") from None
        text, encoding = str(best), best.encoding
    else:
        encoding = "utf-8"
    if "\x00" in text:
        raise ValueError("binary data (NUL bytes)")
    sample = text[:4096]
    # Text of printable characters and white space alone passes without counting them one by one.
    if sample and not "".join(sample.split()).isprintable() and sum(ch.isprintable() or ch.isspace() for ch in sample) < 0.9 * len(sample):
        raise ValueError("binary data (mostly control characters)")
    return text, encoding


# Western text has few letters outside ASCII; Cyrillic or Greek text read as cp1252 has many.
MAX_NON_ASCII_LETTER_SHARE = 0.3


def _western_single_byte(data: bytes) -> str | None:
    """Decode cp1252 (a superset of printable latin-1) when the result reads as Western text.

    Detectors guess poorly on short single-byte texts ("Zürich" came back as cp775); cp1252 is
    what non-UTF-8 news text in Western languages is in practice.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    non_ascii = sum(not ch.isascii() for ch in letters)
    return text if non_ascii / len(letters) <= MAX_NON_ASCII_LETTER_SHARE else None


def _utf16_without_bom(data: bytes) -> str | None:
    """Name the UTF-16 byte order of text written without a BOM, told by where its NUL bytes fall.

    Latin-script text in UTF-16 has a NUL in every other byte: odd positions for little-endian,
    even for big-endian. Binary data has NULs scattered over both.
    """
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def load_article(path: Path, article_id: str, *, max_file_size: int, rules: RuleSet | None = None) -> Article:
    """Read one file into an Article; raise ValueError with the reason it cannot be checked.

    Args:
        rules: whose lexicons name outlets, byline roles and bio cues; the shipped rules when None.
    """
    try:
        size = path.stat().st_size
        if size > max_file_size:
            raise ValueError(f"larger than the {max_file_size:,}-byte limit ({size:,} bytes)")
        data = path.read_bytes()
    except OSError as err:
        raise ValueError(f"cannot read: {err.strerror or err}") from None
    text, encoding = decode(data)
    if not text.strip():
        raise ValueError("empty: no text to check")
    title, date, outlet, author, regions = read_metadata(text, rules)
    return Article(
        id=article_id, path=str(path), text=text, title=title, date=date, outlet=outlet,
        author=author, encoding=encoding, regions=regions,
    )


@dataclass(frozen=True, slots=True)
class HeaderWords:
    """The word lists that tell a person's name from an outlet, a section or a job title."""

    outlets: frozenset[str]  # lower case: "news", "press", "institute"
    roles: frozenset[str]  # lower case: "correspondent", "reporter"
    particles: frozenset[str]  # as written: "de", "van"
    bio_cues: re.Pattern[str]  # what follows a name at the start of an author's bio
    month_first_zones: re.Pattern[str]  # time zones of places that write numeric dates month first
    honorific_words: frozenset[str]  # as written: "Dr", "Prof"
    honorifics: re.Pattern[str]  # "Dr ", "Prof. " before a name
    bio_roles: re.Pattern[str]  # "is a former river engineer": a name's occupation
    bio_apposition: re.Pattern[str]  # ", a senior fellow at the Institute, writes": an occupation, then a cue
    organisation: frozenset[str] = frozenset()  # as written: "Board", "Council": a line with one names no person


def header_words(rules: RuleSet | None = None) -> HeaderWords:
    """Return the header word lists of `rules` (the shipped rules when None); a list a rules folder lacks is empty."""
    rules = rules or _shipped_rules()
    names = ("outlet_words", "byline_roles", "name_particles", "bio_cues", "us_time_zones", "name_honorifics", "occupations", "organisation_words")
    return _header_words(*(tuple(rules.lexicons.get(name, ())) for name in names))


@lru_cache(maxsize=1)
def _shipped_rules() -> RuleSet:
    from checker.rules import load_rules

    return load_rules()


# Keyed by the lexicon contents, so the lists are built once per rule set, not once per article.
@lru_cache(maxsize=8)
def _header_words(
    outlets: tuple[str, ...], roles: tuple[str, ...], particles: tuple[str, ...], cues: tuple[str, ...], zones: tuple[str, ...],
    honorifics: tuple[str, ...], occupations: tuple[str, ...], organisation: tuple[str, ...] = (),
) -> HeaderWords:
    cue_pattern = "|".join(r"[ \t]+".join(map(re.escape, cue.split())) for cue in sorted(cues, key=len, reverse=True))
    zone_pattern = "|".join(map(re.escape, zones))
    honorific_pattern = "|".join(map(re.escape, sorted(honorifics, key=len, reverse=True)))
    occupation_pattern = "|".join(map(re.escape, sorted({*occupations, *roles}, key=len, reverse=True)))
    return HeaderWords(
        outlets=frozenset(w.lower() for w in outlets),
        roles=frozenset(w.lower() for w in roles),
        particles=frozenset(particles),
        bio_cues=re.compile(rf"[ \t]*,?[ \t]*(?i:{cue_pattern})\b" if cues else r"(?!x)x"),
        month_first_zones=re.compile(rf"\b(?:{zone_pattern})\b" if zones else r"(?!x)x"),
        honorific_words=frozenset(honorifics),
        honorifics=re.compile(rf"(?<![\w.])(?:{honorific_pattern})\.?[ \t]+(?=[A-Z])" if honorifics else r"(?!x)x"),
        # "is a former mine inspector", "is an urban economist", ", a senior fellow at ...": the
        # occupation within a few words; "is a 190-bed hospital" names none.
        bio_roles=re.compile(
            rf"[ \t]+(?i:is|was)[ \t]+(?i:an?|the|our)[ \t]+(?:[\w'’-]{{1,30}}[ \t]+){{0,5}}?(?i:{occupation_pattern})s?\b"
            if occupation_pattern else r"(?!x)x"
        ),
        # "Tom Berg, a senior fellow at the Coastal Institute, writes ...": an occupation set off
        # by commas, then a bio cue; "Ana Ruiz, a member of the council, won 53 pct" is news.
        bio_apposition=re.compile(
            rf"[ \t]*,[ \t]*(?i:an?|the)[ \t]+(?:[\w'’-]{{1,30}}[ \t]+){{0,5}}?(?i:{occupation_pattern})s?\b[^,\n]{{0,80}}+,"
            rf"[ \t]*(?i:{cue_pattern})\b"
            if occupation_pattern and cues else r"(?!x)x"
        ),
        organisation=frozenset(organisation),
    )


def read_metadata(
    text: str, rules: RuleSet | None = None
) -> tuple[str | None, str | None, str | None, str | None, tuple[Region, ...]]:
    """Return title, date, outlet, author and the regions of text that carried them.

    Header lines (a byline, a date line, "Outlet | date | By X"), a dateline opening the first
    paragraph and, when nothing else dates the article, a footer date line become metadata
    regions: they are never claims, and the dateline's date is not the first claim's.
    """
    words = header_words(rules)
    found: dict[str, str] = {}
    regions: list[Region] = []
    position = 0
    front = FRONT_MATTER.match(text)
    if front:
        for line in front.group("body").splitlines():
            key, _, value = line.partition(":")
            field = KEY_FIELDS.get(key.strip().lower())
            if field and value.strip():
                found.setdefault(field, value.strip().strip("'\""))
        regions.append(Region(0, front.end(), "metadata", "front-matter"))
        position = front.end()
    head_lines = _lines(text, position, HEADER_LINES + 4)
    month_first = any(words.month_first_zones.search(text, s, e) for s, e in head_lines)
    for _ in range(HEADER_LINES):
        header = HEADER.match(text, position)
        field = KEY_FIELDS[header.group("key").lower()] if header else None
        value = header.group("value").strip() if header else ""
        if field == "date":
            # "Date: 26-FEB-1987 15:02:20.00" names itself a date; "date 2025-09-15 Belarus
            # freed ..." may run on into the first sentence, so its date must stand alone.
            explicit = ":" in text[header.end("key"):header.start("value")]
            value = header_date(value, month_first=month_first) or (explicit and _any_day_date(value)) or ""
        if header is None or not value:
            # "date 2025-09-15 Belarus freed ...": the header ends where the sentence begins.
            inline = INLINE_DATE_HEADER.match(text, position)
            if inline is None:
                break
            found.setdefault("date", inline.group(1))
            regions.append(Region(position, inline.end(), "metadata", "date-header"))
            position = inline.end()
            continue
        found.setdefault(field, value)
        regions.append(Region(position, header.end(), "metadata", f"{field}-header"))
        position = header.end()
    dates: list[tuple[str, bool]] = []
    title_candidates: list[str] = []
    # A short line with a date line straight after it is a masthead ("THE HARBOUR MERCURY" /
    # "Fri 5 Mar 2027") when a headline follows; a line with a list straight after it labels the list.
    dated: set[str] = set()
    list_labels: set[str] = set()
    previous: str | None = None
    previous_span: tuple[int, int] | None = None
    for start, end in _lines(text, position, HEADER_LINES):
        line = text[start:end]
        read = read_header_line(line, words, month_first=month_first)
        if read is None and previous is not None and len(title_candidates) > 1 and _role_line(line, words):
            read = (None, False, None)  # "Ana Ruiz" / "Energy Correspondent"
        if read is not None:
            date, updated, author = read
            if date:
                dates.append((date, updated))
                if previous and not author:
                    dated.add(previous)
            # "Ana Ruiz" alone under the headline, a date or a role line straight after it.
            if not author and previous_span is not None and len(title_candidates) > 1:
                author = person_names(previous, words) if words.organisation.isdisjoint(previous.split()) else None
                if author:
                    title_candidates.pop()
                    regions.append(Region(*previous_span, "metadata", "byline"))
            if author and "author" not in found:
                found["author"] = author
            regions.append(Region(start, end, "metadata", "byline" if author else "date-line"))
            previous = previous_span = None
            continue
        outlet = _outlet_line(line, words)
        if outlet:
            found.setdefault("outlet", outlet)
            regions.append(Region(start, end, "metadata", "outlet-line"))
            previous = None
            continue
        if BULLETED_LINE.match(line):
            if previous:
                list_labels.add(previous)
            break
        if len(line.split()) >= MIN_SENTENCE_WORDS and SENTENCE_END.search(line) and not is_title_question(line):
            break
        previous = line.strip()
        previous_span = (start, end)
        title_candidates.append(previous)
    if "date" not in found and dates:
        found["date"] = next((date for date, updated in dates if not updated), dates[0][0])
    dateline = _find_dateline(text, position)
    if dateline:
        if dateline.group("outlet"):
            found.setdefault("outlet", dateline.group("outlet"))
        date = dateline.group("date") and parse_date(dateline.group("date"))
        if date and len(date) == 10:
            found.setdefault("date", date)
        regions.append(Region(dateline.start("place"), dateline.end(), "metadata", "dateline"))
    if "date" not in found:
        footer = _footer_date(text, month_first=month_first)
        if footer:
            found["date"], footer_start, footer_end = footer
            regions.append(Region(footer_start, footer_end, "metadata", "date-line"))
    if "title" not in found:
        candidates = [
            line for line in title_candidates[:TITLE_LINES]
            if len(line.split()) > 1 and line not in list_labels and (is_heading_line(line) or is_title_question(line))
        ]
        # The masthead ("Harbour & Coast Gazette") names the outlet, not the story.
        masthead = next(
            (line for line in candidates[:1]
             if _is_outlet_name(line, words) or (line in dated and len(candidates) > 1 and _may_be_masthead(line))),
            None,
        )
        if masthead:
            # "MINING WEEKLY – Safety & Operations": the outlet, then its section.
            found.setdefault("outlet", FIELD_SEPARATOR.split(masthead)[0])
            candidates = candidates[1:]
        if candidates:
            found["title"] = candidates[0]
    if "author" not in found:
        credit = footer_byline(text, words)
        if credit:
            found["author"], credit_start, credit_end = credit
            regions.append(Region(credit_start, credit_end, "metadata", "byline"))
    if "author" not in found:
        bio = BIO.search(text)
        if bio and bio.group("name"):
            found["author"] = bio.group("name")
    if "author" not in found:
        for start, end in _last_lines(text, BIO_LINES):
            name = bio_name(text[start:end], words, earlier=text[body_start(regions, start):start])
            if name:
                found["author"] = name
                break
    date = parse_date(found["date"]) if "date" in found else None
    if date is not None and len(date) != 10:
        date = None  # a publication date is only useful to the day
    author = found.get("author")
    if author:
        author = words.honorifics.sub("", author) or None  # "Dr Ana Ruiz" is by Ana Ruiz
    if author and author.isupper() and len(author.split()) > 1:
        # "By ANA RUIZ AND TOMAS BERG": capitals are the page's style, not the names' spelling.
        author = " ".join(w if w in ("and", "&") else w.capitalize() for w in author.lower().split())
    regions.sort(key=lambda r: (r.start, -r.end))
    return found.get("title"), date, found.get("outlet"), author, tuple(regions)


def read_header_line(line: str, words: HeaderWords, *, month_first: bool = False) -> tuple[str | None, bool, str | None] | None:
    """Read a header line as (date, whether it is an update time, author), or None when it is neither.

    A line is a header when it holds a byline ("By Ana Ruiz, Energy Correspondent"), names a
    person with a job title ("Ana Ruiz, Energy Correspondent"), or gives a date alone or among
    short parts ("Outlet | June 11, 2026 | By X", "Comment | Ana Ruiz | 24.11.2026").
    """
    fields = FIELD_SEPARATOR.split(line.strip())
    # A part giving a date, a time and the writers ("Posted on March 3, 2026 at 2:05 pm by Tomas
    # Berg") may run longer than other header parts.
    if not fields[0] or any(len(field.split()) > MAX_HEADER_WORDS // 2 and not DATE_THEN_BY.search(field) for field in fields):
        return None
    date: str | None = None
    updated = False
    author: str | None = None
    bare_names: str | None = None
    labelled = False  # another part names an outlet or a role: "Ana Ruiz | Northline News"
    unsure_names = False
    outlets = 0  # a byline names one outlet; a line naming several lists firms
    for field in fields:
        byline = BYLINE_FIELD.match(field)
        if byline:
            names, after = _split_byline_date(byline.group("rest"))
            names = BYLINE_PLACE.sub("", names)
            names = _names_before_role(names, words, role_required=False)
            if names:
                author = author or names
                field_date = header_date(after, month_first=month_first) if after else None
                date = date or field_date
                continue
        dated = _date_then_byline(field, words, month_first=month_first)
        if dated is not None:
            date, author = date or dated[0], author or dated[1]
            continue
        field_date = header_date(field, month_first=month_first)
        if field_date:
            if date is None:
                date, updated = field_date, bool(UPDATE_LABEL.search(field))
            continue
        if len(fields) == 1:
            author = _names_before_role(field, words, role_required=True)
        elif bare_names is None and person_names(field, words):
            bare_names = person_names(field, words)
            # Beside a label alone, only a name of a person's usual length: "New York Health
            # Management Associates | ..." names a firm.
            if any(len(name.split()) > MAX_LABELLED_NAME_WORDS for name in NAME_JOINER.split(bare_names)):
                unsure_names = True
        elif _is_label(field, words):
            labelled = True
            outlets += _is_outlet_name(field, words)
    if author is None and (date is not None or (labelled and not unsure_names and outlets <= 1)):
        author = bare_names
    if date is None and author is None:
        return None
    return date, updated, author


def _date_then_byline(field: str, words: HeaderWords, *, month_first: bool) -> tuple[str, str] | None:
    """Read "Posted on March 3, 2026 at 2:05 pm by Tomas Berg" as its date and the names after "by"."""
    for match in reversed(list(DATE_THEN_BY.finditer(field))):
        names = _names_before_role(BYLINE_PLACE.sub("", field[match.end():]), words, role_required=False)
        field_date = header_date(field[: match.start()], month_first=month_first) if names else None
        if field_date:
            return field_date, names
    return None


def _split_byline_date(rest: str) -> tuple[str, str]:
    """Split "X on 12 June 2026" into the names and the date after them ("" when none follows)."""
    for match in BYLINE_DATE.finditer(rest):
        after = rest[match.end():]
        if parse_date(after) or NUMERIC_DATE.search(after):
            return rest[:match.start()], after
    return rest, ""


def _names_before_role(text: str, words: HeaderWords, *, role_required: bool) -> str | None:
    """Return the people named before an optional job title: "Ana Ruiz, Energy Correspondent" -> "Ana Ruiz".

    With role_required, the text must end in a job title, so a bare "Outlet, Section" is not a name.
    """
    parts = [m.start() for m in re.finditer(r",", text)] + [len(text)]
    for cut in reversed(parts):
        names = person_names(text[:cut], words)
        if names is None:
            continue
        role = text[cut:].strip(" \t,")
        if not role:
            return None if role_required else names
        if any(word.strip(".,").lower() in words.roles for word in role.split()) or _is_outlet_name(role, words):
            return names
        return None if role_required else names
    return None


def _role_line(line: str, words: HeaderWords) -> bool:
    """Tell whether a line is a job title alone: "Energy Correspondent", "Senior Reporter"."""
    tokens = [token.strip(".,").lower() for token in line.split()]
    return 0 < len(tokens) <= MAX_ROLE_WORDS and tokens[-1] in words.roles


def _outlet_line(line: str, words: HeaderWords) -> str | None:
    """Return the outlet a header line of labels names ("Coastal Institute | Briefing note"), else None."""
    fields = FIELD_SEPARATOR.split(line.strip())
    if len(fields) < 2 or not all(_is_label(field, words) and not person_names(field, words) for field in fields):
        return None
    return next((field for field in fields if _is_outlet_name(field, words)), None)


def _may_be_masthead(line: str) -> bool:
    """Tell whether a line is short and plain enough to be an outlet's name: no colon, no sentence."""
    words = [token for token in line.split() if any(ch.isalnum() for ch in token)]
    return len(words) <= MAX_OUTLET_WORDS and not re.search(r"[:.!?]", line)


def _is_label(field: str, words: HeaderWords) -> bool:
    """Tell whether a header part names an outlet, a section or a role: "Southern Wire Service", "Live blog"."""
    tokens = field.split()
    return len(tokens) <= MAX_OUTLET_WORDS and any(
        token.strip(".,").lower() in words.outlets or token.strip(".,").lower() in words.roles for token in tokens
    )


def footer_byline(text: str, words: HeaderWords) -> tuple[str, int, int] | None:
    """Return the writers a credit among the last lines names, with the line's span.

    Wire copy credits its writers at the end ("Reporting by Ana Ruiz and Tom Berg; Editing by
    Lee Park"); opinion pieces may sign off ("— Ana Ruiz, Northline News").
    """
    for start, end in _last_lines(text, FOOTER_LINES):
        credit = FOOTER_BYLINE.match(text[start:end])
        if credit is None:
            continue
        rest = BYLINE_PLACE.sub("", credit.group("rest").rstrip(" \t."))
        names = _names_before_role(rest, words, role_required=False)
        if names:
            return names, start, end
    return None


def _is_outlet_name(line: str, words: HeaderWords) -> bool:
    """Tell whether a line is an outlet's name: a few capitalised words, one of them an outlet's."""
    tokens = line.split()
    return (
        len(tokens) <= MAX_OUTLET_WORDS
        and all(token[0].isupper() or token == "&" for token in tokens)
        and any(token.lower() in words.outlets for token in tokens)
    )


def person_names(text: str, words: HeaderWords) -> str | None:
    """Return text when it names one or more people ("Ana Ruiz and Tomas Berg"), else None."""
    text = text.strip(" \t,")
    names = NAME_JOINER.split(text)
    if not text or not all(_is_person_name(name, words) for name in names):
        return None
    return text


def _is_person_name(name: str, words: HeaderWords) -> bool:
    """Tell whether name reads as one person's: two to five capitalised words, none an outlet's or a role's."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitalised = 0
    for token in tokens:
        lower = token.strip(".,").lower()
        if lower in words.outlets or lower in words.roles:
            return False
        if token in words.particles or token.rstrip(".") in words.honorific_words:
            continue
        if not token[0].isupper() or not all(ch.isalpha() or ch in NAME_CHARACTERS for ch in token):
            return False
        capitalised += 1
    return capitalised >= 2


def header_date(text: str, *, month_first: bool = False) -> str | None:
    """Return the ISO date of a header part that gives a date and nothing else.

    Around the date may stand a label ("Published:", "Updated"), a time and time zone, a
    weekday, and before it an outlet's name and a comma ("Northline News, November 22, 2026").
    """
    for iso, start, end in _day_dates(text, month_first=month_first):
        before, after = text[:start], text[end:]
        if not DATE_SUFFIX.fullmatch(after):
            continue
        if DATE_PREFIX.fullmatch(before):
            return iso
        outlet = OUTLET_BEFORE_DATE.fullmatch(before)
        if outlet and all(word[0].isupper() or word == "&" for word in outlet.group("outlet").split()):
            return iso
    return None


def _any_day_date(text: str) -> str | None:
    """Return the first date of text written to the day, wherever it stands."""
    dates = _day_dates(text, month_first=False)
    return dates[0][0] if dates else None


def _day_dates(text: str, *, month_first: bool) -> list[tuple[str, int, int]]:
    """Return the dates of text written to the day, numeric ones included, with their offsets."""
    found = []
    for match in NUMERIC_DATE.finditer(text):
        iso = numeric_date(match, month_first=month_first and match.group("sep") == "/")
        if iso:
            found.append((iso, match.start(), match.end()))
    # Month names in capitals ("MAY 3, 2013") are read as written in title case; same length, same offsets.
    probe = CAPITALS_WORD.sub(lambda m: m.group().title(), text) if CAPITALS_WORD.search(text) else text
    found.extend((m.value, m.start, m.end) for m in find_dates(probe) if len(m.value) == 10)
    return sorted(found, key=lambda d: d[1])


def numeric_date(match: re.Match[str], *, month_first: bool) -> str | None:
    """Return the ISO date of a NUMERIC_DATE match: day first, unless month_first or the second number is no month."""
    a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    day, month = (b, a) if a <= 12 and (month_first or b > 12) else (a, b)
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def is_title_question(line: str) -> bool:
    """Tell whether a line is a headline asking a question: "Are Patient Records Already For Sale?".

    Search-engine headings ask in title case; a question in running text does not.
    """
    line = line.strip()
    return (
        line.endswith("?") and len(line.split()) <= MAX_HEADER_WORDS and not SENTENCE_INSIDE.search(line)
        and is_title_cased(line[:-1])
    )


def is_title_cased(line: str) -> bool:
    """Tell whether most words of a line, short ones aside, start with a capital, as headlines do."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def bio_name(line: str, words: HeaderWords, author: str | None = None, earlier: str = "") -> str | None:
    """Return the person an author's bio line is about, or None when the line is no bio.

    A line opening with the article's own author is a bio whatever follows; another name needs
    a bio cue after it ("covers", "leads", "is a former", "is an economist") and must not be
    one the story spoke of before (`earlier`, the body above the line): "Porto Ferries runs 40
    boats" closes a story about Porto Ferries, a bio introduces someone the story never named.
    """
    line = line.strip().lstrip("-–—*_ \t")
    title = words.honorifics.match(line)
    if title:
        line = line[title.end():]
    if author:
        for name in NAME_JOINER.split(author):
            if name and line.startswith(name) and line[len(name):len(name) + 1] in (" ", ",", "'", "’"):
                return name
    if ATTRIBUTION.search(line):
        return None  # "Ana Ruiz leads the inquiry, police said" reports a fact
    tokens = line.split()
    for size in range(min(5, len(tokens) - 1), 1, -1):
        name = " ".join(tokens[:size]).removesuffix(",")
        if _is_person_name(name, words) and any(p.match(line, len(name)) for p in (words.bio_cues, words.bio_roles, words.bio_apposition)):
            surname = re.escape(name.split()[-1])
            return None if re.search(rf"(?<!\w){surname}(?!\w)", earlier) else name
    return None


def body_start(regions: Iterable[Region], position: int) -> int:
    """Return where the body above position starts: after the header's metadata regions, so a byline is not a mention."""
    return max((r.end for r in regions if r.kind == "metadata" and r.end <= position), default=0)


def _find_dateline(text: str, position: int) -> re.Match[str] | None:
    """Return the dateline opening the first paragraph after position, if it has one."""
    for start, end in _lines(text, position, HEADER_LINES + 4):
        line = text[start:end]
        if is_heading_line(line):
            continue
        match = DATELINE.match(text, start, end)
        if match is None:
            return None
        place = match.group("place")
        capitals = place.replace(" ", "").replace(".", "").replace("-", "").replace("'", "")
        if capitals.isupper() or match.group("date") or match.group("outlet"):
            return match
        return None
    return None


def _footer_date(text: str, *, month_first: bool) -> tuple[str, int, int] | None:
    """Return a date line among the last lines ("Published: 05/05/2026 11:47 AM | Filed under: Tech")."""
    for start, end in _last_lines(text, FOOTER_LINES):
        fields = FIELD_SEPARATOR.split(text[start:end].strip())
        for field in fields:
            date = header_date(field, month_first=month_first)
            if date and (len(fields) == 1 or re.match(DATE_LABEL, field.strip())):
                return date, start, end
    return None


def _lines(text: str, position: int, count: int) -> list[tuple[int, int]]:
    """Return the spans of the first `count` non-blank lines from position, white space trimmed."""
    spans: list[tuple[int, int]] = []
    while position < len(text) and len(spans) < count:
        newline = text.find("\n", position)
        end = len(text) if newline == -1 else newline
        start, stop = _trim(text, position, end)
        if stop > start:
            spans.append((start, stop))
        position = end + 1
    return spans


def _last_lines(text: str, count: int) -> list[tuple[int, int]]:
    """Return the spans of the last `count` non-blank lines, last first, white space trimmed."""
    spans = []
    end = len(text)
    while end > 0 and len(spans) < count:
        start = text.rfind("\n", 0, end) + 1
        line_start, line_end = _trim(text, start, end)
        if line_end > line_start:
            spans.append((line_start, line_end))
        end = start - 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


CAPITALS_WORD = re.compile(r"\b[A-Z]{3,}\b")
ATTRIBUTION = re.compile(r"(?i)\b(?:said|says|told|according to)\b")


def load_articles(
    files: Iterable[Path | str],
    *,
    max_file_size: int,
    taken: Iterable[str] = (),
    rules: RuleSet | None = None,
    inputs: InputOptions | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Load every file and link; return the articles and the inputs skipped with their reasons.

    Web pages, links and archives are read as `inputs` says (checker.sources). Article ids are
    unique among themselves and never one of `taken` (e.g. ids already stored).
    """
    from checker.sources import load_source, read_article_source

    articles: list[Article] = []
    skipped: list[Skipped] = []
    used_ids: set[str] = set(taken)
    for path in files:
        if read_article_source(path):
            found, missed = load_source(path, used_ids, max_file_size=max_file_size, options=inputs)
            articles += found
            skipped += missed
            continue
        article_id = unique_id(path.stem, used_ids)
        try:
            articles.append(load_article(path, article_id, max_file_size=max_file_size, rules=rules))
        except ValueError as err:
            used_ids.discard(article_id)
            skipped.append(Skipped(str(path), str(err)))
    return articles, skipped


def unique_id(stem: str, used: set[str]) -> str:
    """Return stem, or stem-2, stem-3, ... when taken; record the id returned in `used`."""
    candidate, n = stem, 2
    while candidate in used:
        candidate, n = f"{stem}-{n}", n + 1
    used.add(candidate)
    return candidate
