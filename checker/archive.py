"""Archive file -> rows: one article per JSON Lines or CSV row, each with the line it starts on."""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

ARCHIVE_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".csv", ".csv.gz")
# Bytes read from a compressed file at a time while looking for the end of a line.
READ_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class ArchiveFields:
    """Which field of a row holds what; None means the usual name, used when a row has it."""

    text: str = "text"
    id: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    html: str | None = None  # a row holding a web page: its text is extracted from this field
    url: str | None = None

    def named(self, field: str) -> str:
        """Return the field name to read for `field` ("title" -> the --title-field or "title")."""
        return getattr(self, field) or field


@dataclass(frozen=True, slots=True)
class Row:
    """One row of an archive: its 1-based number, the line it starts on, and its values by field."""

    number: int
    line: int
    values: dict[str, object]


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row that could not be read, and why."""

    number: int
    line: int
    reason: str


class ArchiveError(ValueError):
    """The archive as a whole cannot be read (a missing column): no row of it is checked."""


def is_archive_name(name: str) -> bool:
    """Tell whether a file name ends as an archive of articles does (.jsonl, .csv, also gzip-compressed)."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def read_rows(path: Path, fields: ArchiveFields, *, max_row_bytes: int) -> Iterator[Row | BadRow]:
    """Yield the rows of a JSON Lines or CSV archive in order, and a BadRow for each one that cannot be read.

    A line longer than max_row_bytes ends the reading: the rest of the file cannot be trusted to
    hold rows, and a compressed file that expands without end must not be followed to its end.
    Raise ArchiveError when the file as a whole is unusable.
    """
    name = path.name.lower()
    try:
        with open(path, "rb") as raw:
            stream: BinaryIO = gzip.GzipFile(fileobj=raw) if name.endswith(".gz") else raw
            lines = _lines(stream, max_row_bytes)
            if ".csv" in name:
                yield from _csv_rows(lines, fields)
            else:
                yield from _json_rows(lines)
    except (OSError, EOFError) as err:
        raise ArchiveError(f"cannot read: {getattr(err, 'strerror', None) or err}") from None


class _TooLong(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _lines(stream: BinaryIO, limit: int) -> Iterator[str]:
    """Yield the decoded lines of a stream (UTF-8, else Windows-1252 for that line); raise _TooLong past `limit` bytes."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit:
            raise _TooLong(number)
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            yield line.decode("cp1252", errors="replace")


def _json_rows(lines: Iterator[str]) -> Iterator[Row | BadRow]:
    number = 0
    line_number = 0
    try:
        for line_number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            number += 1
            try:
                values = json.loads(line)
            except ValueError as err:
                reason = getattr(err, "msg", str(err))
                yield BadRow(number, line_number, f"not JSON ({reason} at column {getattr(err, 'colno', '?')})")
                continue
            if not isinstance(values, dict):
                yield BadRow(number, line_number, f"not a JSON object but {type(values).__name__}")
                continue
            yield Row(number, line_number, values)
    except _TooLong as err:
        yield BadRow(number + 1, err.line, "longer than the size limit; the rest of the file was not read")


def _csv_rows(lines: Iterator[str], fields: ArchiveFields) -> Iterator[Row | BadRow]:
    numbered = _LineCounter(lines)
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))  # the line reader already enforces the limit
    reader = csv.reader(numbered)
    try:
        header = next(reader, None)
        if header is None:
            raise ArchiveError("empty: no header row")
        header = [column.strip() for column in header]
        required = [fields.html] if fields.html else [fields.text]
        required += [name for name in (fields.id, fields.title, fields.date, fields.author, fields.url) if name]
        missing = [name for name in required if name not in header]
        if missing:
            raise ArchiveError(
                f"no column {missing[0]!r} (columns: {', '.join(header[:12])}{', ...' if len(header) > 12 else ''}); "
                "name the columns with --text-field and the other --*-field options"
            )
        number = 0
        while True:
            start = numbered.count + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                number += 1
                yield BadRow(number, start, f"not a CSV row ({err})")
                continue
            if not any(cell.strip() for cell in cells):
                continue
            number += 1
            if len(cells) < len(header):
                needed = [name for name in required if header.index(name) >= len(cells)]
                if needed:
                    yield BadRow(number, start, f"{len(cells)} cells for {len(header)} columns: no {needed[0]!r}")
                    continue
            yield Row(number, start, dict(zip(header, cells)))
    except _TooLong as err:
        yield BadRow(0, err.line, "longer than the size limit; the rest of the file was not read")


class _LineCounter:
    """An iterator of lines that counts them, so a CSV row (which may span lines) knows its first line."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.count = 0

    def __iter__(self) -> _LineCounter:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.count += 1
        return line
