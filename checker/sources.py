"""Web pages, links and archive rows -> Articles: the inputs other than plain text files."""

from __future__ import annotations

import gzip
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from checker.archive import (
    ArchiveError,
    ArchiveFields,
    BadRow,
    is_archive_name,
    read_rows,
)
from checker.fetch import TIMEOUT, fetch_page, is_link
from checker.load import decode, read_metadata, unique_id
from checker.model import Article, Skipped
from checker.webpage import decode_page, is_web_page_name, iso_day, read_web_page, saved_from

if TYPE_CHECKING:
    from checker.rules import RuleSet

# Characters kept in an id made from a link or a field value; others become "-".
ID_UNSAFE = re.compile(r"[^\w.-]+")
MAX_ID_LENGTH = 80


@dataclass(frozen=True, slots=True)
class InputOptions:
    """How to read the inputs that are not plain text files.

    Args:
        fields: which row fields of an archive hold the text, id, title, date, author or page.
        save_pages: a folder to keep each fetched page in, so that a check can be repeated offline.
        timeout: seconds a link may take to answer in full.
        wall_cues: phrases of login and cookie walls (the page_walls lexicon of the rules).
    """

    fields: ArchiveFields = field(default_factory=ArchiveFields)
    save_pages: Path | None = None
    timeout: float = TIMEOUT
    wall_cues: tuple[str, ...] = ()


def is_source_name(name: str) -> bool:
    """Tell whether a file is read by this module (a web page or an archive) rather than as plain text."""
    return is_web_page_name(name) or is_archive_name(name)


def read_article_source(source: Path | str) -> bool:
    """Tell whether an input found by find_article_files is loaded here: a link, a web page or an archive."""
    return is_link(source) if isinstance(source, str) else is_source_name(source.name)


def load_source(
    source: Path | str, used_ids: set[str], *, max_file_size: int, options: InputOptions | None = None
) -> tuple[list[Article], list[Skipped]]:
    """Load a link, a web page file or an archive; return its articles and what was skipped, with reasons.

    Ids are unique among `used_ids`, which records the ones given.
    """
    options = options or InputOptions()
    if isinstance(source, str):
        article_id = unique_id(_link_stem(source), used_ids)
        try:
            return [_load_link(source, article_id, max_file_size, options)], []
        except ValueError as err:
            used_ids.discard(article_id)
            return [], [Skipped(source, str(err))]
    if is_archive_name(source.name):
        return _load_archive(source, used_ids, max_file_size, options)
    article_id = unique_id(_stem(source), used_ids)
    try:
        return [load_web_page(source, article_id, max_file_size=max_file_size, options=options)], []
    except ValueError as err:
        used_ids.discard(article_id)
        return [], [Skipped(str(source), str(err))]


def read_limited(path: Path, limit: int) -> bytes:
    """Return a file's bytes, decompressed when it ends in .gz; raise ValueError past `limit` bytes.

    A compressed file is read only up to the limit, however far it would expand.
    """
    try:
        if not path.name.lower().endswith(".gz"):
            size = path.stat().st_size
            if size > limit:
                raise ValueError(f"larger than the {limit:,}-byte limit ({size:,} bytes)")
            return path.read_bytes()
        with gzip.open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as err:
        raise ValueError(f"cannot read: {err.strerror or err}") from None
    except EOFError:
        raise ValueError("cannot read: the compressed file is cut short") from None
    if len(data) > limit:
        raise ValueError(f"expands past the {limit:,}-byte limit (reading stopped there)")
    return data


def load_web_page(path: Path, article_id: str, *, max_file_size: int, options: InputOptions | None = None) -> Article:
    """Read a saved web page into an Article of its extracted text; raise ValueError naming why it cannot be."""
    options = options or InputOptions()
    markup, encoding = decode_page(read_limited(path, max_file_size))
    page = read_web_page(markup, encoding=encoding, wall_cues=options.wall_cues)
    return _article(article_id, str(path), page.text, "html", title=page.title, date=page.date,
                    outlet=page.outlet, author=page.author, encoding=page.encoding, url=page.url)


def _load_link(url: str, article_id: str, max_file_size: int, options: InputOptions) -> Article:
    fetched = fetch_page(url, max_bytes=max_file_size, timeout=options.timeout)
    if fetched.content_type == "text/plain":
        text, encoding = decode(fetched.data)
        _save(fetched.data, options.save_pages, article_id, ".txt")
        return _article(article_id, url, text, "url", encoding=encoding, url=fetched.final_url)
    markup, encoding = decode_page(fetched.data, fetched.charset)
    page = read_web_page(markup, encoding=encoding, url=fetched.final_url, wall_cues=options.wall_cues)
    # The saved copy starts with the mark browsers write, which tells its address on reading; when
    # only the server named the encoding, it is UTF-8 behind a BOM, which settles it on reading.
    mark = saved_from(fetched.final_url)
    if fetched.charset and decode_page(fetched.data)[1] != encoding:
        _save(("\ufeff" + mark + markup).encode("utf-8"), options.save_pages, article_id, ".html")
    else:
        _save(mark.encode("ascii", errors="replace") + fetched.data, options.save_pages, article_id, ".html")
    return _article(article_id, url, page.text, "url", title=page.title, date=page.date, outlet=page.outlet,
                    author=page.author, encoding=page.encoding, url=page.url or fetched.final_url)


def _save(data: bytes, folder: Path | None, article_id: str, suffix: str) -> None:
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", delete=False, dir=folder, prefix=f".{article_id}.", suffix=".tmp") as out:
            out.write(data)
        os.replace(out.name, folder / f"{article_id}{suffix}")
    except OSError as err:
        raise ValueError(f"fetched, but cannot save the page in {folder}: {err.strerror or err}") from None


def _load_archive(path: Path, used_ids: set[str], max_file_size: int, options: InputOptions) -> tuple[list[Article], list[Skipped]]:
    fields = options.fields
    articles: list[Article] = []
    skipped: list[Skipped] = []
    stem = _stem(path)
    try:
        for row in read_rows(path, fields, max_row_bytes=max_file_size):
            where = f"{path}:{row.line}"
            if isinstance(row, BadRow):
                skipped.append(Skipped(where, f"row {row.number}: {row.reason}" if row.number else row.reason))
                continue
            given_id = _text(row.values.get(fields.named("id")))
            article_id = unique_id(_safe_id(given_id) if given_id else f"{stem}-{row.number}", used_ids)
            try:
                articles.append(_row_article(row.values, article_id, where, fields, max_file_size, options))
            except ValueError as err:
                used_ids.discard(article_id)
                skipped.append(Skipped(where, f"row {row.number}: {err}"))
    except ArchiveError as err:
        skipped.append(Skipped(str(path), str(err)))
    return articles, skipped


def _row_article(values: dict[str, object], article_id: str, where: str, fields: ArchiveFields, max_file_size: int, options: InputOptions) -> Article:
    given = {name: _text(values.get(fields.named(name))) for name in ("title", "date", "author", "url")}
    if fields.html:
        markup = _text(values.get(fields.html))
        if not markup:
            raise ValueError(f"no {fields.html!r} field (the page)")
        page = read_web_page(markup, url=given["url"], wall_cues=options.wall_cues)
        return _article(article_id, where, page.text, "archive", title=given["title"] or page.title,
                        date=iso_day(given["date"]) or page.date, outlet=page.outlet,
                        author=given["author"] or page.author, url=given["url"] or page.url)
    text = values.get(fields.text)
    if text is None:
        raise ValueError(f"no {fields.text!r} field")
    if not isinstance(text, str):
        raise ValueError(f"the {fields.text!r} field holds {type(text).__name__}, not text")
    if given["title"] and not _starts_with(text, given["title"]):
        # The headline leads, as on a page; a wire's headline-only item is its headline alone.
        text = given["title"] + "\n" + text if text.strip() else given["title"] + "\n"
    if len(text.encode("utf-8")) > max_file_size:
        raise ValueError(f"its text is larger than the {max_file_size:,}-byte limit")
    return _article(article_id, where, text, "archive", title=given["title"], date=iso_day(given["date"]),
                    author=given["author"], url=given["url"])


def _article(article_id: str, path: str, text: str, source: str, *, encoding: str = "utf-8", url: str | None = None, **given: str | None) -> Article:
    """Return the Article of an extracted or stored text: metadata given first, then what the text itself shows."""
    if not text.strip():
        raise ValueError("empty: no text to check")
    title, date, outlet, author, regions = read_metadata(text)
    found = {"title": title, "date": date, "outlet": outlet, "author": author}
    return Article(
        id=article_id, path=path, text=text, encoding=encoding, regions=regions, source=source, url=url,
        **{name: given.get(name) or found[name] for name in found},
    )


def _starts_with(text: str, title: str) -> bool:
    """Tell whether a text's first line is its headline already."""
    first = text.lstrip().split("\n", 1)[0]
    return re.findall(r"\w+", first.lower()) == re.findall(r"\w+", title.lower())


def _text(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None


def _stem(path: Path) -> str:
    """Return a file's name without its extensions: "mill.jsonl.gz" -> "mill"."""
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return Path(name).stem or name


def _safe_id(value: str) -> str:
    return ID_UNSAFE.sub("-", value).strip("-")[:MAX_ID_LENGTH] or "row"


def _link_stem(url: str) -> str:
    """Return an id for a link: the last part of its path without extension, else its host ("example.com")."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    stem = Path(segments[-1]).stem if segments else ""
    if not stem or stem.lower() in ("index", "default", "article", "story"):
        stem = "-".join(segments[-2:-1]) or (parts.hostname or "page").removeprefix("www.")
    return _safe_id(stem)


def with_rules(options: InputOptions | None, rules: RuleSet) -> InputOptions:
    """Return the options with the wall cues of a rule set."""
    return replace(options or InputOptions(), wall_cues=tuple(cue.lower() for cue in rules.lexicon("page_walls")))
