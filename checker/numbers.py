"""Claim text -> Quantity records: numbers in digits and words, normalised, with what they count."""

from __future__ import annotations

import re
from decimal import Decimal

from checker.dates import HAS_DIGIT, MONTHS, SPACES, WEEKDAYS, dates_in
from checker.model import Quantity
from checker.tokens import Tokens, first_word, lexicon_text, split_tokens

DIGITS = re.compile(
    # A longer run of digits is an identifier, not an amount.
    rf"(?=[\d$€£])(?P<cur>[$€£])?(?<![\w.,/:-])"
    rf"(?P<digits>\d{{1,3}}(?:,\d{{3}}){{1,5}}(?:\.\d{{1,10}})?|\d{{1,18}}(?:\.\d{{1,10}})?)"
    rf"(?:(?P<abbr>bn|tn)(?![\w-])|(?![\w-]|[.,:/]\d))"
    rf"(?:(?P<pct>[^\S\n]?%)|{SPACES}(?P<pctw>percent|per{SPACES}cent|pct)\b"
    rf"|{SPACES}(?P<scale>hundred|thousand|million|billion|trillion|dozen|mln|bln)\b)?"
)
UNITS = {w: n for n, w in enumerate("one two three four five six seven eight nine".split(), start=1)}
TEENS = {
    w: n
    for n, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(), start=10)
}
TENS = {w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
NUMBER_WORDS = {**UNITS, **TEENS, **TENS}
SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "dozen": 12}
WIRE_SCALES = {"mln": 10**6, "bln": 10**9}  # newswire abbreviations: "1.2 mln dlrs"
# A vague amount is the range it can stand for: "dozens" is at least two dozen.
VAGUE = {
    "dozens": "24-99",
    "hundreds": "200-999",
    "thousands": "2000-9999",
    "millions": "2000000-9999999",
    "billions": "2000000000-9999999999",
    "tens of thousands": "10000-99999",
    "tens of millions": "10000000-99999999",
    "tens of billions": "10000000000-99999999999",
    "hundreds of thousands": "200000-999999",
    "hundreds of millions": "200000000-999999999",
    "hundreds of billions": "200000000000-999999999999",
}
# Tokens that may start or end a number in words; "a hundred" is found from "hundred".
NUMBER_TOKENS = (
    frozenset(NUMBER_WORDS)
    | frozenset(SCALES)
    | {v.split()[0] for v in VAGUE}
    | {f"{tens}-{unit}" for tens in TENS for unit in UNITS}
)
CURRENCIES = {"$": "dollars", "€": "euros", "£": "pounds"}
# Starts only at the first space of a run, so that a search over a long run stays linear.
UNIT_WORD = re.compile(r"(?<![^\S\n])[^\S\n]+([^\W\d_][\w'’.-]*)")
# The counted phrase ends before these: prepositions, determiners, conjunctions, auxiliaries.
UNIT_STOP = frozenset(
    "of in on at to from by with for into onto during over under across after before since than as per "
    "between among against about around near within without through toward towards including like via "
    "until amid despite and or but nor the a an that which who whom whose while when where if because so "
    "is are was were be been being has have had will would could should may might can must do does did "
    "shall said say says told another each this these those its their his her our it they he she we "
    "more less most least also still only even just then there here now ago later earlier vs versus prior "
    "higher lower up down apiece respectively last next".split()
)
UNIT_SKIP = frozenset({"other", "more", "additional", "further", "extra", "fewer"})  # "two other NATO member states"
IRREGULAR_PLURALS = frozenset(
    "people children men women police personnel staff troops cattle feet teeth crew militia livestock".split()
)
# "one" counts only before a noun and not after these: "no one", "the one that", "at one point".
ONE_IS_PRONOUN_AFTER = frozenset({"no", "any", "every", "some", "each", "the", "this", "that", "which", "at"})


def find_numbers(text: str) -> tuple[Quantity, ...]:
    """Return the numbers written in a text, normalised, with the noun phrase each counts.

    Years, the days of dates, ordinals and digits inside names ("Su-34", "COVID-19") are not
    numbers; "one" counts only before a noun ("one prisoner", not "one of the").
    """
    tokens = Tokens(text, *split_tokens(text, frozenset(), frozenset()))
    return tuple(numbers_in(text, lexicon_text(text), tokens, dates_in(text, None, 0)[1], 0))


def numbers_in(
    text: str, lexical: str, tokens: Tokens, date_spans: list[tuple[int, int]], shift: int
) -> list[Quantity]:
    """Return the numbers of a text, offsets moved by `shift`; `lexical` is its lexicon_text."""
    found = _word_numbers(text, lexical, tokens, shift)
    if HAS_DIGIT.search(lexical):
        next_date = 0  # both run in text order: one pass finds the date, if any, around a number
        for match in DIGITS.finditer(lexical):
            start, end = match.span()
            while next_date < len(date_spans) and date_spans[next_date][1] <= start:
                next_date += 1
            if next_date < len(date_spans) and date_spans[next_date][0] < end:
                continue
            quantity = _digit_quantity(match, text, lexical, shift)
            if quantity is not None:
                found.append(quantity)
        found.sort(key=lambda q: q.start)
    return found


def _digit_quantity(match: re.Match[str], text: str, lexical: str, shift: int) -> Quantity | None:
    start, end = match.span()
    previous = _previous_word(lexical, start)
    if previous[:1].isupper() and previous.rstrip(".").lower() not in MONTHS and previous.lower() not in WEEKDAYS:
        return None  # a model or serial number: "Boeing 737", "Resolution 2231", "Article 5"
    digits = match.group("digits").replace(",", "")
    scale = match.group("scale")
    if scale is None and match.group("abbr") is None and "." not in digits:
        value = str(int(digits))
    else:
        amount = Decimal(digits)
        if scale:
            amount *= SCALES.get(scale) or WIRE_SCALES[scale]
        elif match.group("abbr"):
            amount *= 10**9 if match.group("abbr") == "bn" else 10**12
        value = _format(amount)
    if match.group("pct") or match.group("pctw"):
        unit: str | None = "percent"
    elif match.group("cur"):
        unit = CURRENCIES[match.group("cur")]
    else:
        unit = _unit(lexical, end, after_amount=scale is not None)
    return Quantity(value, text[start:end], unit, start + shift, end + shift)


def _word_numbers(text: str, lexical: str, tokens: Tokens, shift: int) -> list[Quantity]:
    """Return the numbers written in words: "three", "twenty-three", "two hundred", "tens of thousands"."""
    words = tokens.words
    opening = first_word(words)
    # Capitals mark names ("Formula One") except on the first word.
    first = words[opening].lower() if opening >= 0 and words[opening][0].isupper() else ""
    if NUMBER_TOKENS.isdisjoint(words) and first not in NUMBER_TOKENS:
        return []
    candidates = [i for i, word in enumerate(words) if word in NUMBER_TOKENS]
    if first in NUMBER_TOKENS:
        candidates.insert(0, opening)
    found = []
    resume = 0
    for i in candidates:
        if i < resume:
            continue
        lowered = first if i == opening and first else words[i]
        if lowered in SCALES:
            if i == 0 or words[i - 1].lower() != "a" or i - 1 < resume or not tokens.joined(i - 1):
                continue
            i, lowered = i - 1, "a"
        number = _word_number_at(tokens, i, lowered)
        if number is None:
            continue
        last, value, counts_with_of = number
        resume = last + 1
        if lowered == "one" and last == i and i > 0 and words[i - 1].lower() in ONE_IS_PRONOUN_AFTER:
            continue
        start, end = tokens.starts[i], tokens.ends[last]
        unit = _unit(lexical, end, after_amount=counts_with_of)
        if lowered == "one" and last == i and unit is None:
            continue  # "one" is a number only before what it counts
        found.append(Quantity(value, text[start:end], unit, start + shift, end + shift))
    return found


def _word_number_at(tokens: Tokens, i: int, word: str) -> tuple[int, str, bool] | None:
    """Read a number in words from token i; return its last token, value and whether "of" may follow."""
    words = tokens.words
    count = len(words)
    if word in ("tens", "hundreds") and i + 2 < count and words[i + 1] == "of":
        vague = f"{word} of {words[i + 2]}"
        if vague in VAGUE and tokens.joined(i) and tokens.joined(i + 1):
            return i + 2, VAGUE[vague], True
    if word in VAGUE:
        return i, VAGUE[word], True
    if word == "a":
        if i + 1 < count and words[i + 1] in SCALES and tokens.joined(i):
            last = i + 1
        else:
            return None
    elif _simple_value(word) is None:
        return None
    else:
        last = _tens_and_unit(tokens, i)
    if i > 0 and words[i - 1] == "-" and tokens.ends[i - 1] == tokens.starts[i]:
        return None
    # Each "thousand" or "million" is smaller than the one before it, with at most one "hundred"
    # between them: "two million three hundred thousand", not "one hundred one hundred".
    largest = 0
    hundred = False
    while last + 1 < count and words[last + 1] in SCALES and tokens.joined(last):
        scale = SCALES[words[last + 1]]
        if scale <= 100:
            if hundred or words[last] in SCALES:
                break
            hundred = True
        else:
            if largest and scale >= largest:
                break
            largest, hundred = scale, False
        last += 1
        following = last + 1
        if following + 1 < count and words[following] == "and" and tokens.joined(last) and tokens.joined(following):
            following += 1
        if following < count and tokens.joined(following - 1) and _simple_value(words[following]) is not None:
            last = _tens_and_unit(tokens, following)
    spoken = " ".join(words[i:last + 1]).lower()
    return last, _format(_word_value(spoken)), spoken.split()[-1] in SCALES


def _tens_and_unit(tokens: Tokens, i: int) -> int:
    """Return the last token of "twenty three" starting at token i (i itself otherwise)."""
    words = tokens.words
    if words[i] in TENS and i + 1 < len(words) and words[i + 1] in UNITS and tokens.joined(i):
        return i + 1
    return i


def _simple_value(word: str) -> int | None:
    """Return the value of "seven", "seventeen", "seventy" or "seventy-seven", else None."""
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    tens, _, unit = word.partition("-")
    if tens in TENS and unit in UNITS:
        return TENS[tens] + UNITS[unit]
    return None


def _word_value(spoken: str) -> Decimal:
    total = 0
    current = 0
    for word in spoken.split():
        simple = _simple_value(word)
        if simple is not None:
            current += simple
        elif word == "a":
            current = 1
        elif word in ("hundred", "dozen"):
            current = max(current, 1) * SCALES[word]
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
    return Decimal(total + current)


def _format(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _previous_word(text: str, position: int) -> str:
    """Return the word just before `position` and one space, or "" when anything else is there."""
    if position < 2 or text[position - 1] != " ":
        return ""
    return text[text.rfind(" ", 0, position - 1) + 1:position - 1]


def _unit(text: str, position: int, *, after_amount: bool) -> str | None:
    """Return the counted noun phrase after a number: up to three words, ending at its head noun."""
    words: list[str] = []
    skip_of = after_amount  # "thousands of people", "1.2 million of them"
    for _ in range(6):
        match = UNIT_WORD.match(text, position)
        if match is None:
            break
        word = match.group(1)
        sentence_end = word.endswith(".") and "." not in word[:-1]
        if sentence_end:
            word = word[:-1]
        if word.endswith(("'s", "’s")):
            break
        lower = word.lower()
        if not words and (lower in ("percent", "pct") or (lower == "per" and text.startswith(" cent", match.end()))):
            return "percent"  # "eight pct", "ten per cent"
        position = match.end()
        if skip_of and not words and lower == "of":
            skip_of = False
            continue
        if lower in UNIT_STOP or lower in MONTHS or lower in WEEKDAYS:
            break
        if not words and lower in UNIT_SKIP:
            continue
        words.append(lower)
        if sentence_end or len(words) == 3 or _is_head(lower):
            break
    # A participle or adverb ends a counted phrase only as a verb: "40 people killed", "52 newly".
    while words and (_is_participle(words[-1]) or words[-1].endswith("ly")):
        words.pop()
    return " ".join(words) or None


def _is_participle(word: str) -> bool:
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


def _is_head(word: str) -> bool:
    if word in IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
