"""Paths -> Articles: find the files, decode them, read metadata from headers, datelines and bios."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from charset_normalizer import from_bytes

from checker.errors import InputError
from checker.model import Article, Region, Skipped
from checker.text import is_heading_line

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
BYLINE = re.compile(r"^[ \t]*By[ \t]+(?P<name>[A-Z][\w.'’-]+(?:[ \t]+(?:[A-Z][\w.'’-]+|and|de|van|von|al-\w+)){0,5})[ \t]*(?:\r?\n|$)", re.MULTILINE)
# Only the heading is case-blind: the name must keep its capitals to end before "is a reporter".
BIO = re.compile(r"^[ \t]*(?i:About the Authors?)[ \t]*:?[ \t]*(?P<name>[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){1,4})?", re.MULTILINE)
DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Za-z .'-]{1,40},[ \t]+(?P<date>[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]+\d{4})?)"
    r"[ \t]+\((?P<outlet>[A-Z][\w .&-]{1,30})\)[ \t]*[-–—]",
)
KEY_FIELDS = {
    "date": "date", "published": "date", "updated": "date", "posted": "date",
    "title": "title", "headline": "title",
    "author": "author", "by": "author", "byline": "author",
    "outlet": "outlet", "source": "outlet", "publication": "outlet",
}
HEADER_LINES = 8  # headers are looked for in the first lines only
TITLE_LINES = 6  # an untagged title is the first heading-like line among the first lines


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
    if text and sum(ch.isprintable() or ch.isspace() for ch in text[:4096]) < 0.9 * len(text[:4096]):
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


def load_article(path: Path, article_id: str, *, max_file_size: int) -> Article:
    """Read one file into an Article; raise ValueError with the reason it cannot be checked."""
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
    title, date, outlet, author, regions = read_metadata(text)
    return Article(
        id=article_id, path=str(path), text=text, title=title, date=date, outlet=outlet,
        author=author, encoding=encoding, regions=regions,
    )


def read_metadata(text: str) -> tuple[str | None, str | None, str | None, str | None, tuple[Region, ...]]:
    """Return title, date, outlet, author and the regions of text that carried them."""
    from checker.describe import parse_date

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
    for _ in range(HEADER_LINES):
        inline = INLINE_DATE_HEADER.match(text, position)
        if inline and not HEADER.match(text, position):
            found.setdefault("date", inline.group(1))
            regions.append(Region(position, inline.end(), "metadata", "date-header"))
            position = inline.end()
            continue
        header = HEADER.match(text, position)
        if header is None:
            break
        field = KEY_FIELDS[header.group("key").lower()]
        value = header.group("value").strip()
        if field == "date" and parse_date(value) is None:
            break
        found.setdefault(field, value)
        regions.append(Region(position, header.end(), "metadata", f"{field}-header"))
        position = header.end()
    head = "\n".join(text[position:position + 2000].split("\n")[:HEADER_LINES])
    byline = BYLINE.search(head)
    if byline and "author" not in found:
        found["author"] = byline.group("name")
        regions.append(Region(position + byline.start(), position + byline.end(), "metadata", "byline"))
    dateline = DATELINE.search(head)
    if dateline:
        found.setdefault("outlet", dateline.group("outlet"))
        if "date" not in found and parse_date(dateline.group("date")):
            found["date"] = dateline.group("date")
    if "title" not in found:
        lines = [line for line in text[position:position + 4000].splitlines() if line.strip()]
        found_title = next(
            (line.strip() for line in lines[:TITLE_LINES]
             if len(line.split()) > 1 and is_heading_line(line) and not BYLINE.match(line)),
            None,
        )
        if found_title:
            found["title"] = found_title
    bio = BIO.search(text)
    if bio and bio.group("name") and "author" not in found:
        found["author"] = bio.group("name")
    date = parse_date(found["date"]) if "date" in found else None
    if date is not None and len(date) != 10:
        date = None  # a publication date is only useful to the day
    return found.get("title"), date, found.get("outlet"), found.get("author"), tuple(regions)


def load_articles(
    files: Iterable[Path | str], *, max_file_size: int, taken: Iterable[str] = (), inputs: InputOptions | None = None
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
            articles.append(load_article(path, article_id, max_file_size=max_file_size))
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
