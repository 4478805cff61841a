"""Claim text + the article's date -> DateMention records, and the date each claim is about."""

from __future__ import annotations

import re
from datetime import date, timedelta

from checker.model import DateMention

# Every pattern of the claim finders is linear on any input: no repeat holds an ambiguous repeat,
# and nothing is anchored at the end of the text. DATE and DIGITS, searched in every claim, open with a
# one-character lookahead: a search costs about 25 ns per character tried, and the lookahead
# turns most characters away before the alternatives are tried (DATE: 11 -> 6 us a claim).
SPACES = r"[^\S\n]+"  # spaces inside one line
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
# The full stop of an abbreviated month ("3 Mar."), not a sentence's after a full name ("3 March.").
_ABBREVIATION_DOT = r"(?:(?<=Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.|(?<=Sept)\.)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19\d\d|20\d\d|2100)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
DATE = re.compile(
    rf"(?=[\dJFMASONDWLlTtYyNn])(?<![\w$€£.,/:-])(?:"
    rf"(?P<iso_y>{_YEAR})[-/](?P<iso_m>1[0-2]|0?[1-9])[-/](?P<iso_d>3[01]|[12]\d|0?[1-9])(?![\d/-])"
    rf"|(?P<md_m>{_MONTH})\.?{SPACES}(?P<md_d>{_DAY})(?:st|nd|rd|th)?(?![\w%]|[.,:]\d)(?:,?{SPACES}(?P<md_y>{_YEAR})(?![\w-]))?"
    rf"|(?P<dm_d>{_DAY})(?:st|nd|rd|th)?{SPACES}(?:of{SPACES})?(?P<dm_m>{_MONTH})\b{_ABBREVIATION_DOT}(?:,?{SPACES}(?P<dm_y>{_YEAR})(?![\w-]))?"
    rf"|(?P<my_m>{_MONTH})\.?,?{SPACES}(?P<my_y>{_YEAR})(?![\w-])"
    # Newswire datelines: "26-FEB-1987".
    rf"|(?P<wire_d>{_DAY})-(?P<wire_m>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))-(?P<wire_y>{_YEAR})(?!\d)"
    rf"|(?P<y>{_YEAR})(?![\w%-]|[.,:]\d)"
    rf"|(?P<wd>(?:(?:[Ll]ast|[Nn]ext|[Tt]his){SPACES})?{_WEEKDAY})\b"
    rf"|(?P<rel>[Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight|[Ll]ast{SPACES}night"
    rf"|[Tt]his{SPACES}(?:morning|afternoon|evening)|(?:[Ll]ast|[Tt]his|[Nn]ext){SPACES}(?:week|month|year))\b"
    r")"
)
# Words a date needs besides digits; a claim with none of them and no digit has no date.
DATE_WORDS = ("day", "week", "month", "year", "morrow", "night", "morning", "afternoon", "evening")
# A weekday after these, in the same clause, is the next one rather than the last: "will meet on
# Friday", "the vote is due on Monday".
FUTURE = re.compile(
    r"(?<![\w'’])(?:will|shall|due|scheduled|expected|set to|plans? to|planned|upcoming|coming)(?![\w'’])|['’]ll(?!\w)"
)
CLAUSE_BREAK = re.compile(r"[,;:.!?()]")
FUTURE_WINDOW = 60  # characters before a weekday read for a future cue
# A dateline opens a wire story: a place in capitals, perhaps a region and a date, perhaps the
# agency, then a dash: "OSLO, Norway, May 4, 2026 (Reuters) - ". Its date is when the story was
# filed, not what the first sentence is about. The run of capitals starts only where one starts.
DATELINE = re.compile(
    r"[^\w\n]{0,3}(?<![A-Z.'’-])[A-Z][A-Z.'’-]+(?:[^\S\n]+[A-Z][A-Z.'’-]+){0,3}"
    r"(?:,[^\S\n]*[^\n,()–—-]{1,40}){0,3}(?:[^\S\n]*\([^()\n]{1,40}\))?[^\S\n]*[-–—]{1,2}(?:[^\S\n]|\Z)"
)
HAS_DIGIT = re.compile(r"\d")
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}


def parse_date(text: str, reference: str | None = None) -> str | None:
    """Return the first date written in `text` as ISO text ("2025-02-14", "2025-09", "2025"), or None."""
    mentions = find_dates(text, reference)
    return mentions[0].value if mentions else None


def find_dates(text: str, reference: str | None = None) -> tuple[DateMention, ...]:
    """Return the dates written in a text, with offsets into it.

    A date without a year, a weekday or a word such as "yesterday" is resolved against
    `reference` ("YYYY-MM-DD") and left out when there is none.
    """
    return dates_in(text, reference_day(reference), 0)[0]


def occasion_of(
    dates: tuple[DateMention, ...], dated: tuple[str, int] | None, article_date: str | None
) -> tuple[str | None, str | None]:
    """Return the date a claim is about and where it came from: its own, the context's or the article's."""
    if dates:
        # The most precise date, the first of them on a tie: a day before a month or a year.
        return max(dates, key=lambda d: len(d.value)).value, "the claim"
    if dated is not None:
        return dated[0], f"line {dated[1]}"
    if article_date:
        return article_date, "the article's date"
    return None, None


def reference_day(reference: str | None) -> date | None:
    """Return the article's date as a day, or None when it has none or an unreadable one."""
    if not reference:
        return None
    try:
        return date.fromisoformat(reference[:10])
    except ValueError:
        return None


def dates_in(text: str, reference: date | None, shift: int) -> tuple[tuple[DateMention, ...], list[tuple[int, int]]]:
    """Return the resolved dates, offsets moved by `shift`, and the spans of every date-like expression."""
    if not HAS_DIGIT.search(text) and not any(word in text for word in DATE_WORDS):
        return (), []
    mentions = []
    spans = []
    for match in DATE.finditer(text):
        start, end = match.span()
        spans.append((start, end))
        value = _date_value(match, reference)
        if value is not None:
            mentions.append(DateMention(value=value, text=match.group(), start=start + shift, end=end + shift))
    return tuple(mentions), spans


def _date_value(match: re.Match[str], reference: date | None) -> str | None:
    kind = match.lastgroup
    if match.group("iso_y"):
        return _iso(int(match.group("iso_y")), int(match.group("iso_m")), int(match.group("iso_d")))
    if match.group("md_m"):
        return _day_month(match.group("md_m"), match.group("md_d"), match.group("md_y"), reference)
    if match.group("dm_m"):
        return _day_month(match.group("dm_m"), match.group("dm_d"), match.group("dm_y"), reference)
    if match.group("my_m"):
        return f"{match.group('my_y')}-{MONTHS[match.group('my_m').lower()]:02d}"
    if match.group("wire_m"):
        return _day_month(match.group("wire_m"), match.group("wire_d"), match.group("wire_y"), reference)
    if kind == "y":
        return match.group("y")
    if reference is None:
        return None
    if kind == "wd":
        *when, name = match.group("wd").lower().split()
        if when == ["next"] or (when != ["last"] and _future(match)):
            ahead = (WEEKDAYS[name] - reference.weekday()) % 7
            if when and ahead == 0:
                ahead = 7  # "next Monday" said on a Monday is a week away
            return (reference + timedelta(days=ahead)).isoformat()
        back = (reference.weekday() - WEEKDAYS[name]) % 7
        if when and back == 0:
            back = 7  # "last Monday" said on a Monday is a week ago
        return (reference - timedelta(days=back)).isoformat()
    return _relative(" ".join(match.group("rel").lower().split()), reference)


def _future(match: re.Match[str]) -> bool:
    """Tell whether the clause before a weekday speaks of the future ("will reopen on Friday")."""
    text, start = match.string, match.start()
    window = max(0, start - FUTURE_WINDOW)
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text, window, start)]
    return FUTURE.search(text, breaks[-1] if breaks else window, start) is not None


def dateline_end(text: str) -> int:
    """Return where a dateline opening `text` ends ("OSLO, May 4 (Reuters) - "), 0 if none."""
    found = DATELINE.match(text)
    return found.end() if found else 0


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _day_month(month: str, day: str, year: str | None, reference: date | None) -> str | None:
    if year is None:
        if reference is None:
            return None
        year = str(reference.year)
    return _iso(int(year), MONTHS[month.lower()], int(day))


def _relative(phrase: str, reference: date) -> str:
    if phrase in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return reference.isoformat()
    if phrase == "last night":
        return (reference - timedelta(days=1)).isoformat()
    if phrase == "yesterday":
        return (reference - timedelta(days=1)).isoformat()
    if phrase == "tomorrow":
        return (reference + timedelta(days=1)).isoformat()
    when, unit = phrase.split()
    step = {"last": -1, "this": 0, "next": 1}[when]
    if unit == "year":
        return str(reference.year + step)
    if unit == "week":
        # A week is not a day: give the month it falls in, so "last week" agrees with any day in it.
        return (reference + timedelta(days=7 * step)).isoformat()[:7]
    month_index = reference.year * 12 + reference.month - 1 + step
    return f"{month_index // 12}-{month_index % 12 + 1:02d}"
