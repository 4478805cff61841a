"""Claim text + Vocabulary -> Quantity records: figures in digits and words, normalised, with what they count."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

import simplemma

from checker.dates import HAS_DIGIT, MONTHS, SPACES, WEEKDAYS, dates_in
from checker.model import Quantity
from checker.tokens import FUNCTION_WORDS, OPENING_MARKS, Tokens, first_word, is_headline_case, lexicon_text, split_tokens

if TYPE_CHECKING:  # features.py reads values through this module, and rules.py imports features.py
    from checker.vocabulary import Vocabulary

# Thousands are grouped by commas ("12,000"), dots ("1.234.567") or spaces ("12 000"); a
# single dot group ("12.000") is decided after the match, where its context is known. A longer
# run of digits is an identifier, not an amount. After the figure: a joined unit or scale
# ("142mm", "$4.8m", "4.8-million"), a hyphen range ("10-12"), a percent sign or word, a scale word.
# Headlines capitalise every word: "$1 Million", "3 Thousand Workers", "$2 BILLION".
_SCALE_WORDS = "|".join(f"{w}|{w.title()}|{w.upper()}" for w in ("hundred", "thousand", "million", "billion", "trillion", "dozen"))
DIGITS = re.compile(
    rf"(?=\d)(?<![\w.,/:-])"
    rf"(?P<digits>\d{{1,3}}(?:,\d{{3}}){{1,5}}(?:\.\d{{1,10}})?(?!\d)"
    rf"|\d{{1,3}}(?:\.\d{{3}}){{2,5}}(?!\d|\.\d)"
    rf"|\d{{1,3}}(?:[\u00a0\u202f\u2009 ]\d{{3}}){{1,4}}(?![\d.,]\d|\d)"
    rf"|\d{{1,18}}(?:\.\d{{1,10}})?)"
    rf"(?:(?P<age>-years?-old)|(?P<suffix>[°º]?[^\W\d_]{{1,3}}[23²³]?)|-(?P<joined>[^\W\d_]{{2,12}})"
    rf"|[-–](?P<high>\d{{1,18}}(?:\.\d{{1,10}})?))?"
    rf"(?![\w-]|[.,:/]\d)"
    rf"(?:(?P<pct>[^\S\n]?%)|{SPACES}(?P<pctw>percent|per{SPACES}cent|pct)\b"
    rf"|{SPACES}(?P<scale>{_SCALE_WORDS}|mln|bln|mn|bn)\b)?"
)
# An age is a count of years with a unit of its own: "a 71-year-old man", "aged 71 years old",
# "a seventy-one-year-old farmer" are one figure.
AGE_UNIT = "years old"
YEARS_OLD = re.compile(r"[^\S\n]years?[^\S\n]old\b")
AGE_ENDINGS = ("-year-old", "-years-old")
DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}\.\d{3}")  # "12.000": thousands unless context says decimal
UNITS = {w: n for n, w in enumerate("one two three four five six seven eight nine".split(), start=1)}
TEENS = {
    w: n
    for n, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split(), start=10)
}
TENS = {w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
NUMBER_WORDS = {**UNITS, **TEENS, **TENS}
SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "dozen": 12}
# Newswire and financial abbreviations of scales: "1.2 mln dlrs", "4.8bn", "$3m" (after a currency only).
ABBREVIATED_SCALES = {"mln": 10**6, "mn": 10**6, "bln": 10**9, "bn": 10**9, "tn": 10**12, "trn": 10**12}
CURRENCY_SCALES = {"m": 10**6, "b": 10**9, "k": 10**3}
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
# Starts only at the first space of a run, so that a search over a long run stays linear.
# A double hyphen is a dash, not a hyphen: "600 ships--about twice the fleet" counts ships.
UNIT_WORD = re.compile(r"(?<![^\S\n])[^\S\n]+([^\W\d_](?:[\w'’.]|-(?!-))*)")
FIGURE_WORD = re.compile(r"(?<![^\S\n])[^\S\n]+\d[\d,.]*(?![\w-])")
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
ONE_IS_PRONOUN_AFTER = frozenset(
    "no any every some each the this that which at its his her their our my your".split()
)
# A figure before these tells the time, not a count: "2 p.m.", "ten o'clock", "0300 GMT".
TIME_AFTER = re.compile(r"[^\S\n]?(?:[ap]\.m\.|[ap]m\b|o['’]clock\b|GMT\b|UTC\b)", re.IGNORECASE)
# Minutes told against an hour are a time too: "twenty past ten", "five minutes past nine".
HOURS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight|1[0-2]|[1-9]"
# Starts only at the first space of a run, so that a search over a long run stays linear.
TIME_PAST = re.compile(
    rf"(?<![^\S\n])(?:[^\S\n]+minutes?)?[^\S\n]+past[^\S\n]+(?:{HOURS})\b", re.IGNORECASE
)
# A share written as a fraction of a whole is a percentage of it: "two-thirds of the workers",
# "a quarter of residents", "half of them". Without "of" the words are ordinals or other senses
# ("the third quarter", "quarter past one"), so "of" is required.
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "eighth": 8, "tenth": 10}
SMALL = "one|two|three|four|five|six|seven|eight|nine"
FRACTION = re.compile(
    rf"(?<![\w-])(?:(?P<count>an?|{SMALL})[-\s])?"
    r"(?P<part>half|halves|thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)(?=[^\S\n]+of\b)",
    re.IGNORECASE,
)
# "One in five voters", "three out of ten nurses": a share too.
ONE_IN = re.compile(
    rf"(?<![\w-])(?P<count>{SMALL}|\d{{1,3}})[^\S\n]+(?:in|out[^\S\n]+of)[^\S\n]+"
    rf"(?P<whole>{SMALL}|ten|twenty|fifty|hundred|a[^\S\n]+hundred|\d{{1,4}})(?![\w-])",
    re.IGNORECASE,
)
SPANS_OF_TIME = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "years"})
# "20-odd trucks", "thirty-odd workers": a round figure and a few more, so at least that.
ODD = re.compile(r"(?<![\w-])(?P<count>\d{1,3}(?:,\d{3})*|[a-z]+(?:-[a-z]+)?)-odd(?![\w-])", re.IGNORECASE)
# "Several hundred", "a few thousand": as vague as "hundreds" and "thousands".
SEVERAL = re.compile(
    r"(?<![\w-])(?:several|a[^\S\n]+few)[^\S\n]+(?P<scale>hundred|thousand|million|billion)(?![\w-])",
    re.IGNORECASE,
)
# What joins two figures into a range or a tally: "10 to 12", "10-12", "between 10 and 12",
# "14 votes to 13".
RANGE_JOIN = re.compile(r"[^\S\n]?(?:to|[-–])[^\S\n]?|[^\S\n]and[^\S\n]")
VOTES_JOIN = re.compile(r"[^\S\n]votes?[^\S\n]to[^\S\n]")
BETWEEN_BEFORE = re.compile(r"(?i)(?<![\w-])between[^\S\n]+$")
VOTE_WORD = re.compile(r"(?i)(?<![\w-])(?:vot(?:e|es|ed|ing)|ballot)(?![\w-])")
VOTE_CONTEXT = 40  # characters around a pair of figures in which a vote makes it a tally
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"})
DASHES = frozenset("-–—")  # "ENGLAND - Nineteen people": a dash after a dateline opens a sentence
BEFORE_WINDOW = 60  # characters read before a figure for its bound, currency or noun
MAX_LINK_WORDS = 4  # the longest bound or figure verb: "was estimated at", "just shy of"
PHRASE_END = frozenset(",;:.!?)]\"”’")  # a word ending in these closes the phrase before a figure
PHRASE_START = "([\"“‘'"  # a word opening with these opens it
# Starts only at the first space of a run, so that a search over a long run stays linear.
PERCENT_AFTER = re.compile(rf"[^\S\n]?%|(?<![^\S\n]){SPACES}(?:percent|per{SPACES}cent|pct)\b")
RAW_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def find_numbers(text: str, vocabulary: Vocabulary) -> tuple[Quantity, ...]:
    """Return the figures written in a text, normalised, with what each counts and how it is bounded.

    Years, the days of dates, ordinals and digits inside names ("Su-34", "COVID-19") are not
    figures; "one" counts only before a noun ("one prisoner", not "one of the").
    """
    tokens = Tokens(text, *split_tokens(text, frozenset(), frozenset()))
    headline = is_headline_case(tokens.words)
    return tuple(numbers_in(text, lexicon_text(text), tokens, dates_in(text, None, 0)[1], 0, vocabulary, headline=headline))


def number_values(text: str) -> frozenset[str]:
    """Return the value of every figure written in digits in a text, years and serial numbers included.

    The values are those find_numbers gives ("12,000", "12 000" and "12.000" are all "12000",
    "$1.2m" is "1200000"); digits it does not read as a figure ("21st", "Su-34") count as
    written. Numbers in words are left out: in the scorer's number features they cost 0.4 F1
    and 1.0 accuracy points on MRPC test, where one side of a paraphrase often spells out a
    small number ("two") that the other leaves implicit.
    """
    if not HAS_DIGIT.search(text):
        return frozenset()
    values: set[str] = set()
    covered: list[tuple[int, int]] = []
    for match in DIGITS.finditer(text):
        currency = match.start() > 0 and text[match.start() - 1] in "$€£¥"
        multiplier = _multiplier(match, currency=currency)
        if multiplier is None:
            continue
        value = _digit_value(match, multiplier, thousands_dot=multiplier == 1 and not currency)
        if value is not None:
            values.add(value)
            covered.append(match.span())
    for run in RAW_DIGITS.finditer(text):
        if not any(start <= run.start() < end for start, end in covered):
            values.add(run.group().replace(",", ""))
    return frozenset(values)


def is_number_word(word: str) -> bool:
    """Tell whether a word is a number in words ("Nineteen", "ninety-one", "Dozens"): never a name."""
    return word.lower() in NUMBER_TOKENS


def numbers_in(
    text: str,
    lexical: str,
    tokens: Tokens,
    date_spans: list[tuple[int, int]],
    shift: int,
    vocabulary: Vocabulary,
    *,
    headline: bool = False,
) -> list[Quantity]:
    """Return the figures of a text, offsets moved by `shift`; `lexical` is its lexicon_text.

    In a headline (every word capitalised) a capital before a figure marks no name by itself.
    """
    found = _word_numbers(text, lexical, tokens, vocabulary)
    if HAS_DIGIT.search(lexical):
        next_date = 0  # both run in text order: one pass finds the date, if any, around a number
        for match in DIGITS.finditer(lexical):
            start, end = match.span()
            while next_date < len(date_spans) and date_spans[next_date][1] <= start:
                next_date += 1
            if next_date < len(date_spans) and date_spans[next_date][0] < end:
                continue
            quantity = _digit_quantity(match, text, lexical, vocabulary, headline)
            if quantity is not None:
                found.append(quantity)
        found.sort(key=lambda q: q.start)
    found = _phrased_amounts(found, text, lexical, vocabulary)
    if len(found) > 1:
        found = _join_pairs(found, text, lexical)
    if shift:
        found = [
            Quantity(q.value, q.text, q.unit, q.start + shift, q.end + shift, q.modifier) for q in found
        ]
    return found


def _digit_quantity(match: re.Match[str], text: str, lexical: str, vocabulary: Vocabulary, headline: bool = False) -> Quantity | None:
    start, end = match.span()
    currency, lead = _currency_before(lexical, start, vocabulary)
    if match.group("age"):
        modifier = _modifier(lexical, lead, vocabulary)
        return Quantity(match.group("digits"), text[lead:end], AGE_UNIT, lead, end, modifier)
    # A sum or a scaled amount ("Paid $2 Million", "Boeing 1.2 billion") is never a model number.
    amount = currency is not None or match.group("scale") is not None
    if not amount and _names_the_figure(_previous_word(text, lead), vocabulary, headline):
        return None  # a model or serial number: "Boeing 737", "Resolution 2231", "Article 5"
    multiplier = _multiplier(match, currency=currency is not None)
    unit = None
    if multiplier is None:
        suffix = match.group("suffix") or match.group("joined")
        unit = vocabulary.measures_joined.get(suffix) or vocabulary.measure_names.get(suffix.lower())
        if unit is None:
            return None  # "21st", "1980s", "10am": not a count
        multiplier = 1
    percent = bool(match.group("pct") or match.group("pctw"))
    if TIME_AFTER.match(lexical, end):
        return None
    if unit is None and currency is None and not percent:
        unit = _canonical(_unit(lexical, end, after_amount=multiplier > 1), vocabulary)
    # "12.000 people" is twelve thousand; "1.125 dollars", "7.125 pct" and "1.250 million" are decimals.
    in_currency = currency is not None or unit in vocabulary.currency_names.values()
    thousands_dot = multiplier == 1 and not percent and not in_currency
    value = _digit_value(match, multiplier, thousands_dot=thousands_dot)
    if value is None:
        return None
    if ":" in value or ("-" in value and _vote_near(lexical, start, end)):
        if not _vote_near(lexical, start, end):
            return None  # "2-1", "2019-20": a score or a season, not a count
        value, unit = value.replace("-", ":"), "votes"
    if percent:
        unit = _canonical(_unit(lexical, end, after_amount=True), vocabulary) or _noun_before(lexical, lead, vocabulary)
        unit = unit or "percent"
    elif currency is not None:
        unit = currency
    elif unit is None:
        unit = _noun_before(lexical, lead, vocabulary) or (AGE_UNIT if _age_beside_name(text, lead, end, value) else None)
    elif unit in ("years", "year") and YEARS_OLD.match(lexical, end):
        unit = AGE_UNIT  # "71 years old" = "71-year-old"
    return Quantity(value, text[lead:end], unit, lead, end, _modifier(lexical, lead, vocabulary))


# "Ana Ruiz, 54, said", "Tomas Berg (54)", "the driver, aged 54": a whole figure set beside a
# name between commas or in brackets, or after "aged", is the person's age.
AGE_BESIDE_NAME = re.compile(r"(?:\b(?P<name>[A-Z][\w'’-]*)(?:(?P<comma>,)\s|\s(?P<bracket>\())|\baged\s)$")
OLDEST_AGE = 120


def _age_beside_name(text: str, lead: int, end: int, value: str) -> bool:
    if not value.isdigit() or not 0 < int(value) <= OLDEST_AGE:
        return False
    found = AGE_BESIDE_NAME.search(text, max(0, lead - 40), lead)
    if found is None:
        return False
    closing = "," if found.group("comma") else ")" if found.group("bracket") else None
    return closing is None or text.startswith(closing, end)


def _currency_before(text: str, start: int, vocabulary: Vocabulary) -> tuple[str | None, int]:
    """Return the currency written just before a figure ("US$", "€", "USD ") and where it starts."""
    position = start - 1 if start > 1 and text[start - 1] == " " else start
    if position <= 0:
        return None, start
    for sign in vocabulary.currency_symbols.get(text[position - 1], ()):
        lead = position - len(sign)
        if lead >= 0 and text.startswith(sign, lead) and (lead == 0 or not text[lead - 1].isalnum()):
            return vocabulary.currency_signs[sign], lead
    if position < start:
        code = _previous_word(text, start)
        if code in vocabulary.currency_signs and code.isalpha():
            return vocabulary.currency_signs[code], start - len(code) - 1
    return None, start


def _words_before(text: str, position: int, count: int) -> list[str]:
    """Return up to `count` words written just before `position` in one phrase, nearest last.

    A mark ends the phrase: in "said: about 12" only "about" is before the figure.
    """
    if position == 0 or not text[position - 1].isspace():
        return []
    window = max(0, position - BEFORE_WINDOW)
    found = text[window:position].split()
    if window > 0 and found:
        found = found[1:]  # the first may be cut
    words: list[str] = []
    for word in reversed(found):
        if len(words) == count or word[-1] in PHRASE_END:
            break
        core = word.lstrip(PHRASE_START)
        if core:
            words.insert(0, core)
        if core != word:
            break
    return words


def _multiplier(match: re.Match[str], *, currency: bool) -> int | None:
    """Return what a joined or following scale multiplies the figure by; None for an unknown suffix."""
    multiplier = 1
    suffix = match.group("suffix") or match.group("joined")
    if suffix:
        lower = suffix.lower()
        if match.group("joined") and lower in SCALES:
            multiplier = SCALES[lower]  # "US$4.8-million"
        elif lower in ABBREVIATED_SCALES:
            multiplier = ABBREVIATED_SCALES[lower]
        elif currency and lower in CURRENCY_SCALES:
            multiplier = CURRENCY_SCALES[lower]  # "$4.8m"; without a currency, "5.8m" is metres
        else:
            return None
    scale = match.group("scale")
    if scale:
        multiplier *= SCALES.get(scale.lower()) or ABBREVIATED_SCALES[scale]
    return multiplier


def _digit_value(match: re.Match[str], multiplier: int, *, thousands_dot: bool) -> str | None:
    """Return the normalised value; a rising hyphen pair is "low-high", a falling one "high:low"."""
    raw = match.group("digits")
    if "," in raw:
        raw = raw.replace(",", "")
    elif not raw.isdigit() and "." not in raw:
        raw = "".join(c for c in raw if c.isdigit())  # "12 000"
    elif raw.count(".") > 1 or (thousands_dot and DOT_THOUSANDS.fullmatch(raw)):
        raw = raw.replace(".", "")
    try:
        amount = Decimal(raw) * multiplier
    except InvalidOperation:
        return None
    value = _format(amount)
    high = match.group("high")
    if high is None:
        return value
    top = Decimal(high) * multiplier
    if top > amount:
        return f"{value}-{_format(top)}"
    return f"{value}:{_format(top)}" if top < amount else value


def _canonical(phrase: str | None, vocabulary: Vocabulary) -> str | None:
    """Return a counted phrase with currency and measure names in one spelling: "us dollars" -> "dollars"."""
    if phrase is None:
        return None
    return vocabulary.currency_names.get(phrase) or vocabulary.measure_names.get(phrase) or phrase


def _names_the_figure(previous: str, vocabulary: Vocabulary, headline: bool = False) -> bool:
    """Tell whether the word before a figure is a name it belongs to ("Boeing 737"), not a sentence opener.

    A comma or another mark after the word parts it from the figure: "In France, 12 people died";
    a possessive owns what the figure counts: "Baghdad's 14 guerrilla cells". In a headline an
    inflected word is a verb or a plural, capitalised by the style: "Quake Kills 19".
    """
    word = previous.rstrip(".")
    if not word[:1].isupper() or word.endswith((",", ";", ":", ")", "'", '"', "’", "”", "'s", "’s")):
        return False
    lower = word.lower()
    if headline and _inflected(lower):
        return False
    return not (
        lower in MONTHS
        or lower in WEEKDAYS
        or lower in FUNCTION_WORDS
        or lower in UNIT_STOP
        or lower in vocabulary.modifiers
        or lower in NUMBER_TOKENS
    )


@lru_cache(maxsize=1 << 12)
def _inflected(word: str) -> bool:
    """Tell whether a lower-case word is an inflected form of another ("kills", "paid"), as names are not ("boeing")."""
    return simplemma.lemmatize(word, lang="en").lower() != word


def _modifier(lexical: str, lead: int, vocabulary: Vocabulary) -> str | None:
    """Return how the words just before a figure bound it: "min", "max", "approx" or None."""
    return _bound(_words_before(lexical, lead, MAX_LINK_WORDS), vocabulary)[0]


def _bound(words: list[str], vocabulary: Vocabulary) -> tuple[str | None, int]:
    """Return the bound the last words give and how many words it takes."""
    for size in range(min(len(words), MAX_LINK_WORDS), 0, -1):
        kind = vocabulary.modifiers.get(" ".join(words[-size:]).lower())
        if kind is not None:
            return kind, size
    return None, 0


def _noun_before(lexical: str, lead: int, vocabulary: Vocabulary) -> str | None:
    """Return the noun a figure counts when it comes first: "the death toll rose to 12" -> "death toll"."""
    words = _words_before(lexical, lead, 3 * MAX_LINK_WORDS)
    _, size = _bound(words, vocabulary)
    if size:
        words = words[:-size]
    verb = next(
        (n for n in range(min(len(words), MAX_LINK_WORDS), 0, -1) if " ".join(words[-n:]) in vocabulary.figure_verbs), 0
    )
    if not verb:
        return None
    noun: list[str] = []
    for word in reversed(words[:-verb][-2:]):
        lower = word.lower()
        if lower in UNIT_STOP or lower in DETERMINERS or lower in NUMBER_TOKENS:
            break
        if not word.islower() or not word[0].isalpha():
            break
        noun.insert(0, lower)
    while noun and (_is_participle(noun[-1]) or noun[-1].endswith("ly")):
        noun.pop()
    return " ".join(noun) or None


def _vote_near(lexical: str, start: int, end: int) -> bool:
    return VOTE_WORD.search(lexical, max(0, start - VOTE_CONTEXT), min(len(lexical), end + VOTE_CONTEXT)) is not None


def _join_pairs(found: list[Quantity], text: str, lexical: str) -> list[Quantity]:
    """Join two figures into a range ("10 to 12", "between 10 and 12") or a vote tally ("14 votes to 13")."""
    joined: list[Quantity] = []
    i = 0
    while i < len(found):
        first = found[i]
        if i + 1 < len(found):
            pair = _pair(first, found[i + 1], text, lexical)
            if pair is not None:
                joined.append(pair)
                i += 2
                continue
        joined.append(first)
        i += 1
    return joined


def _pair(first: Quantity, second: Quantity, text: str, lexical: str) -> Quantity | None:
    if "-" in first.value or "-" in second.value or ":" in first.value or ":" in second.value:
        return None
    gap = lexical[first.end:second.start]
    votes = VOTES_JOIN.fullmatch(gap) is not None
    if not votes:
        if RANGE_JOIN.fullmatch(gap) is None:
            return None
        if "and" in gap and not BETWEEN_BEFORE.search(lexical, max(0, first.start - 20), first.start):
            return None  # "12 people and 15 cars"
        if first.unit is not None and first.unit != second.unit and not _vote_near(lexical, first.start, second.end):
            return None  # "12 people to 15 cars"
    if votes or ("and" not in gap and _vote_near(lexical, first.start, second.end)):
        value, unit = f"{first.value}:{second.value}", "votes"
    else:
        low, high = Decimal(first.value), Decimal(second.value)
        mantissa = Decimal(_mantissa(second.text))
        scaled_once = mantissa and high >= 1000 * mantissa and first.value == _mantissa(first.text)
        if scaled_once and low * high / mantissa < high:
            low = low * high / mantissa  # "between 1.2 and 1.5 million": the scale written once is both's
        if low >= high:
            return None
        value, unit = f"{_format(low)}-{second.value}", second.unit or first.unit
    return Quantity(value, text[first.start:second.end], unit, first.start, second.end, first.modifier)


def _mantissa(written: str) -> str:
    digits = RAW_DIGITS.search(written)
    return digits.group().replace(",", "") if digits else "1"


def _word_numbers(text: str, lexical: str, tokens: Tokens, vocabulary: Vocabulary) -> list[Quantity]:
    """Return the figures written in words: "three", "twenty-three", "a hundred and forty-two", "tens of thousands"."""
    words = tokens.words
    found = _word_ages(text, lexical, tokens, vocabulary) if "-old" in lexical else []
    if NUMBER_TOKENS.isdisjoint(map(str.lower, words)):
        return found
    for first, last, value, counts_with_of in _word_figures(tokens):
        lowered = words[first].lower()
        if lowered == "one" and last == first and first > 0 and _pronoun_before_one(words[first - 1]):
            continue
        start, end = tokens.starts[first], tokens.ends[last]
        if TIME_AFTER.match(lexical, end) or TIME_PAST.match(lexical, end):
            continue  # "ten o'clock", "twenty past ten"
        if first > 0 and words[first - 1].lower() == "past":
            continue  # "half past four"
        if lowered == "a" and first > 0 and words[first - 1].lower() == "half" and tokens.joined(first - 1):
            first -= 1  # "half a million", "half a dozen"
            start = tokens.starts[first]
            value = _format(Decimal(value) / 2)
        percent = PERCENT_AFTER.match(lexical, end)
        if percent is not None:
            end = percent.end()
            unit = _canonical(_unit(lexical, end, after_amount=True), vocabulary)
            unit = unit or _noun_before(lexical, start, vocabulary) or "percent"
        else:
            unit = _canonical(_unit(lexical, end, after_amount=counts_with_of), vocabulary)
            if lowered == "one" and last == first and unit is None:
                continue  # "one" is a number only before what it counts
            unit = unit or _noun_before(lexical, start, vocabulary)
        found.append(Quantity(value, text[start:end], unit, start, end, _modifier(lexical, start, vocabulary)))
    return found


def _phrased_amounts(found: list[Quantity], text: str, lexical: str, vocabulary: Vocabulary) -> list[Quantity]:
    """Add the amounts a phrase gives (shares, "20-odd", "several hundred"), in place of the figures inside them."""
    phrased = []
    if " of" in lexical:
        phrased += [q for m in FRACTION.finditer(lexical) if (q := _fraction(m, text, lexical, vocabulary))]
    if " in " in lexical or " out of " in lexical:
        phrased += [q for m in ONE_IN.finditer(lexical) if (q := _one_in(m, text, lexical, vocabulary))]
    if "-odd" in lexical:
        phrased += [q for m in ODD.finditer(lexical) if (q := _odd(m, text, lexical, vocabulary))]
    if "several " in lexical or "few " in lexical:
        for m in SEVERAL.finditer(lexical):
            value = VAGUE[f"{m.group('scale').lower()}s"]
            unit = _canonical(_unit(lexical, m.end(), after_amount=True), vocabulary)
            phrased.append(Quantity(value, text[m.start():m.end()], unit, m.start(), m.end(), None))
    if not phrased:
        return found
    kept = [q for q in found if not any(p.start <= q.start < p.end for p in phrased)]
    return sorted(kept + phrased, key=lambda q: q.start)


def _share(count: int, whole: int, match: re.Match[str], text: str, lexical: str, vocabulary: Vocabulary) -> Quantity:
    """A share as a percentage of what follows it: "two-thirds of the workers" is 66.7 of "workers"."""
    start, end = match.span()
    value = _format(round(Decimal(100 * count) / whole, 1))
    unit = _canonical(_unit(lexical, end, after_amount=True), vocabulary) or "percent"
    # A share in words is a rounded one: "a third" is about 33 percent.
    return Quantity(value, text[start:end], unit, start, end, _modifier(lexical, start, vocabulary) or "approx")


def _fraction(match: re.Match[str], text: str, lexical: str, vocabulary: Vocabulary) -> Quantity | None:
    count_word = (match.group("count") or "").lower()
    part = match.group("part").lower()
    if not count_word and not part.startswith("hal"):
        return None  # "third of five children" is an ordinal
    count = 1 if count_word in ("", "a", "an") else UNITS[count_word]
    return _share(count, DENOMINATORS[part if part in DENOMINATORS else part[:-1]], match, text, lexical, vocabulary)


def _one_in(match: re.Match[str], text: str, lexical: str, vocabulary: Vocabulary) -> Quantity | None:
    count = _small_value(match.group("count"))
    whole = _small_value(match.group("whole").split()[-1])
    if count is None or not whole or count >= whole:
        return None  # "two in two": a tally of matches, not a share
    share = _share(count, whole, match, text, lexical, vocabulary)
    return None if share.unit in SPANS_OF_TIME else share  # "three in ten days" is a rate


def _odd(match: re.Match[str], text: str, lexical: str, vocabulary: Vocabulary) -> Quantity | None:
    value = _small_value(match.group("count").replace(",", ""))
    if value is None:
        return None
    start, end = match.span()
    unit = _canonical(_unit(lexical, end, after_amount=True), vocabulary)  # "40-odd of the boats"
    return Quantity(str(value), text[start:end], unit, start, end, "min")


def _small_value(word: str) -> int | None:
    """Return the value of "7", "seven", "seventy-seven" or "hundred", else None."""
    if word.isdigit():
        return int(word)
    lower = word.lower()
    return SCALES["hundred"] if lower == "hundred" else _simple_value(lower)


def _pronoun_before_one(word: str) -> bool:
    """Tell whether "one" after this word is a pronoun or an adjective: "no one", "the city's one park"."""
    lower = word.lower()
    return lower in ONE_IS_PRONOUN_AFTER or lower.endswith(("'s", "’s"))


def _word_ages(text: str, lexical: str, tokens: Tokens, vocabulary: Vocabulary) -> list[Quantity]:
    """Return the ages written in words as one hyphenated word: "seventy-one-year-old"."""
    found = []
    for i, word in enumerate(tokens.words):
        lower = word.lower()
        if not lower.endswith(AGE_ENDINGS):
            continue
        value = _simple_value(lower[: lower.rindex("-year")])
        if value is None:
            continue
        start, end = tokens.starts[i], tokens.ends[i]
        found.append(Quantity(str(value), text[start:end], AGE_UNIT, start, end, _modifier(lexical, start, vocabulary)))
    return found


def _word_figures(tokens: Tokens) -> list[tuple[int, int, str, bool]]:
    """Return each number in words as its first and last token, value and whether "of" may follow.

    Capitals mark names ("Formula One", "Channel Four") except where a sentence opens: the first
    word, or a word after an opening mark or a dash ("ENGLAND - Nineteen people").
    """
    words = tokens.words
    lowered = [w.lower() for w in words]
    opening = first_word(words)
    figures = []
    resume = 0
    for i, word in enumerate(words):
        if i < resume or lowered[i] not in NUMBER_TOKENS:
            continue
        opens = i == opening or (i > 0 and (words[i - 1] in OPENING_MARKS or words[i - 1] in DASHES))
        if word[0].isupper() and not opens:
            continue
        if lowered[i] in SCALES:
            if i == 0 or lowered[i - 1] != "a" or i - 1 < resume or not tokens.joined(i - 1):
                continue
            i = i - 1
        number = _word_number_at(tokens, lowered, i)
        if number is None:
            continue
        last, value, counts_with_of = number
        resume = last + 1
        figures.append((i, last, value, counts_with_of))
    return figures


def _word_number_at(tokens: Tokens, lowered: list[str], i: int) -> tuple[int, str, bool] | None:
    """Read a number in words from token i; return its last token, value and whether "of" may follow."""
    count = len(lowered)
    word = lowered[i]
    if word in ("tens", "hundreds") and i + 2 < count and lowered[i + 1] == "of":
        vague = f"{word} of {lowered[i + 2]}"
        if vague in VAGUE and tokens.joined(i) and tokens.joined(i + 1):
            return i + 2, VAGUE[vague], True
    if word in VAGUE:
        return i, VAGUE[word], True
    if word == "a":
        if not (i + 1 < count and lowered[i + 1] in SCALES and tokens.joined(i)):
            return None
        last = i  # "a hundred and forty-two": the scale is read below, like any other
    elif _simple_value(word) is None:
        return None
    else:
        last = _tens_and_unit(tokens, lowered, i)
    if i > 0 and lowered[i - 1] == "-" and tokens.ends[i - 1] == tokens.starts[i]:
        return None
    # Each "thousand" or "million" is smaller than the one before it, with at most one "hundred"
    # between them: "two million three hundred thousand", not "one hundred one hundred".
    largest = 0
    hundred = False
    while last + 1 < count and lowered[last + 1] in SCALES and tokens.joined(last):
        scale = SCALES[lowered[last + 1]]
        if scale <= 100:
            if hundred or lowered[last] in SCALES:
                break
            hundred = True
        else:
            if largest and scale >= largest:
                break
            largest, hundred = scale, False
        last += 1
        following = last + 1
        if following + 1 < count and lowered[following] == "and" and tokens.joined(last) and tokens.joined(following):
            following += 1
        if following < count and tokens.joined(following - 1) and _simple_value(lowered[following]) is not None:
            last = _tens_and_unit(tokens, lowered, following)
    spoken = lowered[i:last + 1]
    return last, _format(_word_value(spoken)), spoken[-1] in SCALES


def _tens_and_unit(tokens: Tokens, lowered: list[str], i: int) -> int:
    """Return the last token of "twenty three" starting at token i (i itself otherwise)."""
    if lowered[i] in TENS and i + 1 < len(lowered) and lowered[i + 1] in UNITS and tokens.joined(i):
        return i + 1
    return i


@lru_cache(maxsize=256)
def _simple_value(word: str) -> int | None:
    """Return the value of "seven", "seventeen", "seventy" or "seventy-seven", else None."""
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    tens, _, unit = word.partition("-")
    if tens in TENS and unit in UNITS:
        return TENS[tens] + UNITS[unit]
    return None


def _word_value(spoken: list[str]) -> Decimal:
    total = 0
    current = 0
    for word in spoken:
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
    skip_of = after_amount  # "thousands of people", "1.2 million of them", "92 percent of staff"
    possessor = False  # just past that "of", where "the city's" may come before the noun
    for _ in range(6):
        match = UNIT_WORD.match(text, position)
        if match is None and possessor and not words:
            figure = FIGURE_WORD.match(text, position)  # "of the agency's 6,200 staff"
            if figure is not None:
                position = figure.end()
                continue
        if match is None:
            break
        word = match.group(1)
        sentence_end = word.endswith(".") and "." not in word[:-1]
        if sentence_end:
            word = word[:-1]
        if word.endswith(("'s", "’s")) and not (possessor and not words):
            break
        lower = word.lower()
        position = match.end()
        if skip_of and not words and lower == "of":
            skip_of = False
            possessor = True
            continue
        if possessor and not words and (lower in DETERMINERS or word.endswith(("'s", "’s")) or word[0].isdigit()):
            continue  # "92 percent of the agency's 6,200 staff" counts staff
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
    return len(word) > 3 and word.endswith("ed") and not word.endswith("eed")


def _is_head(word: str) -> bool:
    if word in IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
