"""Claims -> Frames (what each claim speaks of); two Frames -> Alignment (whether they speak of the same thing).

After de Marneffe, Rafferty & Manning ("Finding Contradictions in Text", 2008): before two
claims are compared they are aligned, word to word by lemma and family of wording
(rules/lexicons/concepts.txt), number to number by the thing counted and the words around it.
Alignment is not similarity: "Nineteen people were killed" and "At least 23 died when the
bridge collapsed" share few words yet speak of one count, which is what a conflict needs.
Each claim is read once into a Frame; comparing two Frames is a few set operations.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from functools import lru_cache
from typing import Any, NamedTuple

import simplemma

from checker.model import Claim, DateMention, Quantity
from checker.negation import side_clauses
from checker.numbers import AGE_BESIDE_NAME, AGE_UNIT
from checker.rules import RuleSet, compile_lexicon
from checker.text import CONTENT_WORDS, ENGLISH_STOP_WORDS, QUOTE_FOLD, normalise_for_exact
from checker.tokens import HEADLINE_WORD, is_headline_case

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Particles keep a phrase together ("voted down", "ruled out", "took into custody") and are
# dropped when no phrase of concepts.txt or opposites.txt uses them.
PARTICLES = frozenset("up down out off over against for from to into away".split())
# Reporting verbs and auxiliaries: how a claim is told, not what it tells. Numbers, months
# and weekdays are compared in their own slots (quantities, dates), never as words.
FUNCTION_LEMMAS = frozenset(
    "be have do say tell according add state would will shall may might can could must should "
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion dozen dozens hundreds thousands millions mln bln "
    "second third fourth fifth percent per cent pct "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow "
    "morning afternoon evening night week month year day hour minute time am pm noon midnight midday o'clock".split()
)
STOP = (ENGLISH_STOP_WORDS - CONTENT_WORDS - PARTICLES) | FUNCTION_LEMMAS
# simplemma reads these as the rarer word: "lives" as the verb, "rose" as the flower.
LEMMA_OVERRIDES = {"won": "win", "lives": "life", "rose": "rise", "felled": "fell", "data": "data", "media": "media", "broke": "break"}
# A word "un" + participle or adjective of a known verb ("undamaged", "unaffected", "unpaid")
# states its base negated; the rest must be this long so "unit" or "union" are left alone.
UN_REST = 4
# Content words after a negation cue taken to be what it negates.
NEGATION_SCOPE = 3
# Words before an opposite ("did not reject") within which a plain negation cancels it.
CANCEL_WINDOW = 3
PERCENT = re.compile(r"%|\bper\s*cent\b|\bpercent\b|\bpct\b", re.IGNORECASE)
# Where the statement of one number ends and another's begins.
# (The lookahead lets the scan skip, unmatched, the letters no alternative opens with.)
JOIN = re.compile(
    r"(?=[,;:!?()\u2014\u2013\s.abwo])(?:[,;:!?()\u2014\u2013]|\s-\s|(?<!\b[A-Za-z])\.(?:\s|$)|\b(?:and|but|while|whereas|or)\b)"
)
# A colon between digits is a clock time ("11:40"), not a break; nor is the full stop of an
# initial ("U.N. troops", "John F. Kennedy").
CLAUSE_END = re.compile(r"[,;!?()\u2014\u2013]|(?<!\d):|:(?!\d)|\s-\s|(?<!\b[A-Za-z])\.(?:\s|$)")
# "Line 2", "Flight 370", "Terminal 5": a named thing with a number names one instance of a kind.
INSTANCE = re.compile(r"\b([A-Z][a-z]{2,})\s+(\d+[A-Za-z]?)\b(?![.,]\d)")
NOT_INSTANCE = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


@dataclass(frozen=True, slots=True, eq=False)
class Vocabulary:
    """Concept families and opposites of the rules, as lemma sequences."""

    phrases: dict[tuple[str, ...], tuple[str, bool]]  # lemmas -> (concept, negated)
    starting: dict[str, tuple[tuple[str, ...], ...]]  # first lemma -> phrases of two or more, longest first
    negators: frozenset[str]  # plain negation words ("not", "never") that cancel an opposite
    refutations: frozenset[str]  # words that deny the clause they close after a copula ("false", "hoax")
    denials: re.Pattern[str]  # the negative predicates, whole: "declined to", "voted down"
    currencies: frozenset[str]  # the units of sums of money: "dollars", "euros"
    people_verbs: frozenset[str] = frozenset()  # concepts whose bare figure subject counts people: "23 died"
    privatives: re.Pattern[str] = re.compile(r"(?!x)x")  # "lost", "lacked": verbs taking away what they govern
    ranks: Mapping[str, str] = field(default_factory=dict)  # words singling out one holder of a role, with their rank: "sole" -> "only"
    speech: frozenset[str] = frozenset()  # verbs of speech: "said", "told"
    regions: frozenset[str] = frozenset()  # names of regions holding many places, lower case: "europe", "the middle east"


class Concept(NamedTuple):
    """One concept of a claim where it is stated (a named tuple: a claim has dozens, read by the hundred thousand)."""

    name: str
    start: int  # offset into the claim text
    negated: bool  # an opposite ("rejected" for approve) or "un-" word ("undamaged")
    name_part: bool  # a word of a person's or organisation's name
    words: str = ""  # as written, lower case: "lost their lives"


@dataclass(frozen=True, slots=True)
class Counted:
    """A number of a claim with the concept it counts and the words of its statement."""

    quantity: Quantity
    thing: str  # concept of the counted thing: "person" for "residents"
    low: float
    high: float
    window: frozenset[str]  # concepts of the part of the claim that states this number
    share: bool = False  # a percentage: compared with percentages only ("92 percent of staff", not "6,200 staff")
    against: float | None = None  # a tally's second figure ("14 votes to 13"): low is the first
    money: bool = False  # a sum in a currency: what it measures (price, revenue, fine) is told by its words
    qualifiers: frozenset[str] = frozenset()  # names inside what is counted: "afghan" of "three Afghan soldiers"


class Day(NamedTuple):
    """What a claim says of a day, each part None when it does not say: "Monday night", "20 November", "Friday, 20 November"."""

    weekday: int | None  # 0 for Monday
    month: int | None
    day: int | None

    def differs(self, other: Day) -> bool | None:
        """Tell whether two days are different days; None when they give no part in common."""
        common = [(x, y) for x, y in zip(self, other) if x is not None and y is not None]
        return any(x != y for x, y in common) if common else None

    def shown(self) -> str:
        parts = [WEEKDAYS[self.weekday].title()] if self.weekday is not None else []
        if self.month is not None:
            parts.append(f"{self.day} {MONTHS[self.month - 1].title()}" if self.day else MONTHS[self.month - 1].title())
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Frame:
    """What one claim speaks of, read once and compared with many."""

    concepts: tuple[Concept, ...]  # in text order
    content: frozenset[str]  # concept names, the attribution's and hedges' words left out
    names: frozenset[str]  # keys of the entities the claim is about (its sources left out)
    sources: frozenset[str]  # words and entity keys of its attribution
    negated: frozenset[str]  # concepts stated negatively
    scopes: tuple[tuple[str, tuple[str, ...]], ...]  # negation cue -> the concepts it governs
    aside: frozenset[str]  # concepts of a side clause with a negation in it, whose polarity is left unread
    counted: tuple[Counted, ...]
    instances: frozenset[tuple[str, str]]  # ("line", "2")
    dates: tuple[str, ...]  # ISO values of the claim's own dates
    days: tuple[Day, ...] = ()  # the claim's own days as weekday, month and day of month, placed in a year or not
    times: tuple[tuple[int, int], ...] = ()  # clock times the claim gives: minutes after midnight, margin in minutes
    clauses: tuple[frozenset[str], ...] = ()  # the content of each clause of MIN_CLAUSE_CONCEPTS or more
    happening: frozenset[str] = frozenset()  # what the first clause says happened before it says when: "the blaze erupted" on Monday
    # What the pair tests read of this claim alone (a name's role, a verb's actor), kept for the
    # next pair: a claim is compared with dozens.
    answers: dict = field(default_factory=dict, compare=False, repr=False)

    def answer(self, key: tuple, read: Callable[[], object]) -> Any:
        """Return the answer kept under key, reading it the first time it is asked for."""
        found = self.answers.get(key, MISSING)
        if found is MISSING:
            found = self.answers[key] = read()
        return found


MISSING = object()


@dataclass(frozen=True, slots=True)
class Alignment:
    """How two claims correspond: the concepts they share and the numbers that count one thing."""

    shared: frozenset[str]
    containment: float  # weighted share of the smaller claim's content found in the other, 0..1
    slots: tuple[tuple[Counted, Counted], ...]
    stated: tuple[tuple[Counted, Counted], ...] = ()  # the slots whose statements share a word ("died")


def vocabulary(rules: RuleSet) -> Vocabulary:
    """Return the concept families and opposites of the rules."""
    return _vocabulary(
        rules.lexicon("concepts"),
        rules.lexicon("opposites"),
        rules.lexicon("negations"),
        rules.lexicon("refutations"),
        rules.lexicon("negative_predicates"),
        rules.lexicon("currencies"),
        rules.lexicon("people_verbs"),
        rules.lexicon("privatives"),
        rules.lexicon("role_ranks"),
        rules.lexicon("speech_verbs"),
        rules.lexicon("regions"),
    )


@lru_cache(maxsize=8)
def _vocabulary(
    families: tuple[str, ...],
    opposites: tuple[str, ...],
    negations: tuple[str, ...],
    refutations: tuple[str, ...],
    negative_predicates: tuple[str, ...],
    currencies: tuple[str, ...],
    people_verbs: tuple[str, ...] = (),
    privatives: tuple[str, ...] = (),
    ranks: tuple[str, ...] = (),
    speech: tuple[str, ...] = (),
    regions: tuple[str, ...] = (),
) -> Vocabulary:
    phrases: dict[tuple[str, ...], tuple[str, bool]] = {}
    for entries, negated in ((families, False), (opposites, True)):
        for entry in entries:
            concept, colon, listed = (part.strip() for part in entry.partition(":"))
            if not (concept and colon):
                continue
            for variant in listed.split(","):
                key = tuple(t for t, _, _ in _lemmas(variant.strip().lower()) if t not in STOP)
                if key:
                    phrases.setdefault(key, (concept, negated))
    negators = frozenset(e.lower() for e in negations if " " not in e)
    starting: dict[str, list[tuple[str, ...]]] = {}
    for key in sorted((k for k in phrases if len(k) > 1), key=len, reverse=True):
        starting.setdefault(key[0], []).append(key)
    return Vocabulary(
        phrases,
        {first: tuple(keys) for first, keys in starting.items()},
        negators,
        frozenset(e.lower() for e in refutations),
        compile_lexicon(negative_predicates),
        frozenset(entry.partition(":")[0].strip() for entry in currencies if ":" in entry),
        frozenset(people_verbs),
        compile_lexicon(privatives),
        {word.strip().lower(): line.split(",")[0].strip().lower() for line in ranks for word in line.split(",") if word.strip()},
        frozenset(w.lower() for w in speech),
        frozenset(r.lower() for r in regions),
    )


@lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    """Return the lemma of a lower-case word (simplemma's English dictionary)."""
    if word in LEMMA_OVERRIDES:
        return LEMMA_OVERRIDES[word]
    found = simplemma.lemmatize(word, lang="en").lower()
    if found.endswith("ll") and word.endswith(("lled", "lling")):
        # British spelling doubles the l ("cancelled", "travelling") where the dictionary knows
        # the American single one: "cancell" is "cancel", though "filled" is never "file".
        head, _, ending = word.rpartition("ll")
        single = simplemma.lemmatize(f"{head}l{ending}", lang="en").lower()
        if single + "l" == found:
            return single
    return found


def _lemmas(text: str) -> list[tuple[str, int, int]]:
    return [(lemma(m.group().replace("’", "'")), m.start(), m.end()) for m in WORD.finditer(text)]


@lru_cache(maxsize=1 << 14)
def _un_base(word: str) -> str | None:
    """Return the lemma an "un-" word negates ("undamaged" -> "damage"), or None."""
    if not word.startswith("un") or len(word) - 2 < UN_REST:
        return None
    rest = word[2:]
    return lemma(rest) if simplemma.is_known(rest, lang="en") else None


def read_frame(claim: Claim, words: Vocabulary) -> Frame:
    """Read what a claim speaks of: its concepts, names, sources, polarity, numbers and dates."""
    text = claim.text.translate(QUOTE_FOLD)
    lowered = text.lower()
    in_names = set()
    for entity in claim.entities:
        in_names.update(m.start() for m in WORD.finditer(lowered, max(0, entity.start - claim.start), max(0, entity.end - claim.start)))
    spans = [(m.group(), m.start(), m.end()) for m in WORD.finditer(lowered)]
    # (lemma, start, end, name part, word) of the words that can carry content
    kept = [
        (word, start, end, True, word) if start in in_names else (known[0], start, end, False, word)
        for word, start, end in spans
        if start in in_names or (known := _word(word))[1]
    ]
    concepts = _held_events(_concepts(kept, spans, words), lowered)
    source_words = _source_words(claim)
    left_out = source_words | {lemma(w) for cue in claim.hedges for w in WORD.findall(cue.lower())}
    sides = side_clauses(lowered)
    scopes, governed = _negation_scopes(claim, lowered, concepts, words, sides) if claim.negations else ((), set())
    # "The third breast story is a hoax": the refutation tells the polarity of what it closes, as
    # "not" does, and the story it names is the telling of what its other words tell.
    refuted = [heads for cue, heads in scopes if cue.lower() in words.refutations]
    if refuted:
        left_out |= {lemma(cue.lower()) for cue, _ in scopes if cue.lower() in words.refutations}
        left_out |= TOLD_ITEMS & set().union(*refuted)
    tail = ATTRIBUTION_TAIL.search(lowered) if claim.attribution else None
    told_from = tail.start() if tail else len(lowered)
    content = frozenset(c.name for c in concepts if c.name not in left_out and c.start < told_from)
    negated = frozenset([c.name for c in concepts if c.negated]) | governed if governed else frozenset([c.name for c in concepts if c.negated])
    names = frozenset(
        e.key
        for e in claim.entities
        if e.key and e.key not in STOP and e.start - claim.start < told_from and not _only_reports(claim, e, lowered)
    )
    dateline = _dateline_end(text) if claim.dates else 0
    days, times = _days(claim, text, lowered, dateline), _times(text)
    return Frame(
        concepts=tuple(concepts),
        content=content,
        names=names,
        sources=frozenset(source_words),
        negated=negated,
        scopes=scopes,
        aside=(_negated_aside(lowered, sides, concepts, words) if sides else frozenset()) | _taken_away(lowered, concepts, words),
        counted=_counted(claim, lowered, concepts, words) if claim.numbers else (),
        instances=frozenset(
            (m.group(1).lower(), m.group(2)) for m in INSTANCE.finditer(text) if _names_kind(m.group(1).lower())
        ),
        dates=tuple(
            d.value for d in claim.dates
            if d.start - claim.start >= dateline and not _when_told(text, d.start - claim.start) and not _bare_weekday(d)
        ),
        days=days,
        times=times,
        clauses=_clauses(text, concepts, content),
        happening=_happening(claim, text, concepts, content, dateline) if days or times or claim.dates else frozenset(),
    )


# A clause with fewer concepts ("officials said", "on Monday") says too little to align on.
MIN_CLAUSE_CONCEPTS = 3


def _clauses(text: str, concepts: list[Concept], content: frozenset[str]) -> tuple[frozenset[str], ...]:
    """Return the content concepts of each clause that has MIN_CLAUSE_CONCEPTS of them; none for a claim of one clause."""
    cuts = [m.end() for m in CLAUSE_END.finditer(text)]
    if not cuts:
        return ()
    by_clause: list[set[str]] = [set() for _ in range(len(cuts) + 1)]
    for concept in concepts:
        if concept.name in content:
            by_clause[bisect_right(cuts, concept.start)].add(concept.name)
    found = [frozenset(clause) for clause in by_clause if len(clause) >= MIN_CLAUSE_CONCEPTS]
    return tuple(found) if len(found) > 1 or (found and found[0] != content) else ()


def _happening(claim: Claim, text: str, concepts: list[Concept], content: frozenset[str], dateline: int) -> frozenset[str]:
    """Return the concepts that open a claim before the first clause says when: "The blaze erupted" of "The blaze erupted on Monday night at ...".

    Empty when the first clause gives no day or time, or names someone in what happened: a
    named actor is compared as an actor, not as the happening.
    """
    first_break = CLAUSE_END.search(text, dateline)
    clause_end = first_break.start() if first_break else len(text)
    whens = [d.start - claim.start for d in claim.dates if dateline <= d.start - claim.start < clause_end]
    clause = text[:clause_end]
    patterns = [WRITTEN_DAY] if _may_name_a_day(clause, clause.lower()) else []
    if TIME_HINT.search(text, dateline, clause_end):
        patterns += [CLOCK, HOUR, O_CLOCK, NOON]
    for pattern in patterns:
        found = next((m.start() for m in pattern.finditer(text, dateline, clause_end) if m.group()), None)
        if found is not None:
            whens.append(found)
    if not whens:
        return frozenset()
    when = min(whens)
    opening = [c for c in concepts if dateline <= c.start < when]
    if any(c.name_part for c in opening):
        return frozenset()
    happening = frozenset(c.name for c in opening if c.name in content)
    if len(happening) < MIN_HAPPENING_CONCEPTS:
        return frozenset()
    # "The rockfall happened at 10:20 pm" tells the rockfall, as "The tunnel caved in" does.
    return happening - {TAKES_PLACE} or happening


# A happening told in fewer concepts ("The fire" on Monday) could be any of the story's.
MIN_HAPPENING_CONCEPTS = 2
# The family of "happen", "occur", "take place" (concepts.txt): it says that a thing happened, not what.
TAKES_PLACE = "happen"


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
# Months as news agencies shorten them: "Jan. 2", "Sept 5".
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
# Capitalised only: "mar" and "dec" are words too.
_MONTH = "|".join(MONTHS) + rf"|(?-i:{'|'.join(m.title() for m in sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))})\.?"
# A day the article's date could not place in a year: "on Monday night", "Friday, 20 November", "June 10", "Jan. 2".
# Both parts are optional, so the lookahead keeps it from matching nothing at every word.
WRITTEN_DAY = re.compile(
    rf"\b(?=(?:{'|'.join(WEEKDAYS)}|{_MONTH}|\d))(?:({'|'.join(WEEKDAYS)})\b,?\s*)?(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})(?!\w)|({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}}|:))?",
    re.IGNORECASE,
)
DAY_NAMES = WEEKDAYS + MONTHS
ABBREVIATED_MONTHS = tuple(m.title() for m in MONTH_ABBREVIATIONS)


DAY_NAME_WITHIN = re.compile("|".join(DAY_NAMES))
ABBREVIATED_MONTH_WITHIN = re.compile("|".join(ABBREVIATED_MONTHS))


def _may_name_a_day(text: str, lowered: str) -> bool:
    """Tell cheaply whether a text can hold a written day: a weekday or month, or a capitalised abbreviation ("market" is no "Mar")."""
    return DAY_NAME_WITHIN.search(lowered) is not None or ABBREVIATED_MONTH_WITHIN.search(text) is not None


# "11:40 pm", "11.40pm", "3.45am", "22:15": a time of day, with its half of the day when given.
CLOCK = re.compile(r"\b([01]?\d|2[0-3])[:.]([0-5]\d)\s*(?:([ap])\.?m\b\.?)?(?!\d)", re.IGNORECASE)


# "3 pm", "11a.m.": an hour with its half of the day.
HOUR = re.compile(r"\b(1[0-2]|0?[1-9])\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
HOUR_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_HOUR = rf"({'|'.join(HOUR_WORDS)}|1[0-2]|0?[1-9])"
# What the part of the day after a time gives: "in the morning", "at night", "on Thursday night".
_PART = r"(?:\s+(?:in|on)\s+the\s+(morning|afternoon|evening)|\s+(?:at|on\s+\w+day)\s+(night)|\s+on\s+\w+day\s+(morning|afternoon|evening))?"
# "two o'clock", "11 o'clock", "half past ten", "twenty past ten", "a quarter to six", with the part of the day when given.
O_CLOCK = re.compile(
    rf"\b(?:(?:(a\s+quarter|quarter|half|five|ten|twenty|twenty-five|\d{{1,2}})(?:\s+minutes)?\s+(past|after|to)\s+){_HOUR}\b"
    rf"(?:\s+o['’]?clock)?|{_HOUR}\s+o['’]?clock\b){_PART}",
    re.IGNORECASE,
)
# What every time of day above holds: minutes after an hour ("11:40"), a half of the day ("3pm"),
# "o'clock", noon or midnight, or a count of minutes told against an hour ("ten to six"). Most
# claims give figures; few give a time.
TIME_HINT = re.compile(
    rf"\d[:.][0-5]\d|\d\s*[ap]\.?\s?m\b|o['’]?clock|\b(?:noon|midday|midnight)\b|\b(?:past|after|to)\s+(?:{'|'.join(HOUR_WORDS)}|\d)",
    re.IGNORECASE,
)
MINUTE_WORDS = {"a quarter": 15, "quarter": 15, "half": 30, "five": 5, "ten": 10, "twenty": 20, "twenty-five": 25}
NOON = re.compile(r"\b(noon|midday|midnight)\b", re.IGNORECASE)
# A time given roughly ("about 2:15", "shortly after two o'clock") is one with any time this near it.
ROUGH = re.compile(
    r"\b(?:about|around|approximately|roughly|shortly\s+(?:after|before)|just\s+(?:after|before)|soon\s+after|"
    r"some\s*time\s+(?:after|before)|a\s+little\s+(?:after|before))\s+(?:at\s+)?$",
    re.IGNORECASE,
)
ROUGH_TIME_MINUTES = 30


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time of day as a claim writes it: where, the minutes after midnight it may mean, and how roughly."""

    start: int
    end: int
    minutes: tuple[int, ...]  # both halves of the day when the text leaves it open ("two o'clock")
    margin: int  # ROUGH_TIME_MINUTES for "about 2:15", else 0
    open_half: bool  # "11:40" without am or pm, read as written but maybe the other half
    bound: bool  # "by 3 am", "until noon", "after midnight": a limit, not when it happened


# A time after these is a limit of when, not the when: "by 3 am", "until noon", "after 11 pm".
BOUND = re.compile(r"\b(?:by|until|till|since|from|before|after|between|to|and)\s+(?:about\s+|around\s+)?$", re.IGNORECASE)


def time_mentions(text: str) -> tuple[TimeMention, ...]:
    """Return the times of day a claim gives: "11:40 pm", "3pm", "two o'clock in the morning", "midnight".

    An hour in words without a part of the day ("two o'clock") may be either half: both are given.
    """
    if TIME_HINT.search(text) is None:
        return ()
    found: list[TimeMention] = []

    def add(match: re.Match[str], minutes: Iterable[int], open_half: bool = False) -> None:
        if any(m.start < match.end() and match.start() < m.end for m in found):
            return
        before = text[max(0, match.start() - 25) : match.start()]
        rough = ROUGH.search(before) is not None
        found.append(
            TimeMention(
                match.start(),
                match.end(),
                tuple(m % MINUTES_A_DAY for m in minutes),
                ROUGH_TIME_MINUTES if rough else 0,
                open_half,
                not rough and BOUND.search(before) is not None,
            )
        )

    for match in CLOCK.finditer(text):
        hour = int(match.group(1))
        add(match, [_in_half(hour, match.group(3)) * 60 + int(match.group(2))], not match.group(3) and 1 <= hour <= 12)
    for match in HOUR.finditer(text):
        add(match, [_in_half(int(match.group(1)), match.group(2)) * 60])
    for match in O_CLOCK.finditer(text):
        minutes_word, direction, word = match.group(1), match.group(2), (match.group(3) or match.group(4)).lower()
        hour = HOUR_WORDS.index(word) + 1 if word in HOUR_WORDS else int(word)
        minutes = 0
        if minutes_word:
            key = " ".join(minutes_word.lower().split())
            minutes = MINUTE_WORDS[key] if key in MINUTE_WORDS else int(key)
            if direction.lower() == "to":
                hour, minutes = hour - 1, 60 - minutes
        part = next((p.lower() for p in match.groups()[4:] if p), "")
        # "at night" is evening up to eleven, and the small hours from twelve to five.
        evening = part in ("afternoon", "evening") or (part == "night" and 6 <= hour < 12)
        if part:
            add(match, [(hour % 12 + (12 if evening else 0)) * 60 + minutes])
        else:
            add(match, [hour % 12 * 60 + minutes, (hour % 12 + 12) * 60 + minutes])
    for match in NOON.finditer(text):
        add(match, [0 if match.group(1).lower() == "midnight" else 12 * 60])
    return tuple(found)


def _times(text: str) -> tuple[tuple[int, int], ...]:
    """Return the minutes after midnight of every time of day a claim gives, each with its margin."""
    return tuple((minutes, mention.margin) for mention in time_mentions(text) for minutes in mention.minutes)


MINUTES_A_DAY = 24 * 60


def _in_half(hour: int, half: str | None) -> int:
    """Return an hour on the 24-hour clock: 3 "p" is 15, 12 "a" is 0; without a half, as written."""
    half = (half or "").lower()
    if half == "p" and hour < 12:
        return hour + 12
    if half == "a" and hour == 12:
        return 0
    return hour


def _days(claim: Claim, text: str, lowered: str, dateline: int) -> tuple[Day, ...]:
    """Return the days a claim gives of what it states: its placed dates, and the written days no date was found for."""
    days = []
    placed = []
    for mention in claim.dates:
        at = mention.start - claim.start
        placed.append((at, mention.end - claim.start))
        if at < dateline or _when_told(text, at) or len(mention.value) < 10:
            continue
        try:
            found = date.fromisoformat(mention.value[:10])
        except ValueError:
            continue
        days.append(Day(found.weekday(), None, None) if _bare_weekday(mention) else Day(found.weekday(), found.month, found.day))
    # A written day names a weekday or a month; ASCII text naming neither (most claims) is not searched.
    if text.isascii() and not _may_name_a_day(text, lowered):
        return tuple(days)
    for match in WRITTEN_DAY.finditer(text, dateline):
        if not match.group() or any(start <= match.start() < end for start, end in placed) or _when_told(text, match.start()):
            continue
        weekday = WEEKDAYS.index(match.group(1).lower()) if match.group(1) else None
        month_name = match.group(3) or match.group(4)
        day_text = match.group(2) or match.group(5)
        if month_name is None and weekday is None:
            continue
        if match.group(4) and match.group(4).lower() == "may" and not match.group(1) and (match.group(4) == "may" or match.start(4) == 0):
            continue  # "may 10" is "may" the verb before a figure; a capital inside the claim is the month
        month = _month_number(month_name) if month_name else None
        days.append(Day(weekday, month, int(day_text) if day_text else None))
    return tuple(days)


def _month_number(name: str) -> int:
    """Return a month's number from its name or its agency abbreviation: "June" 6, "Sept." 9."""
    return next(n for n, month in enumerate(MONTHS, start=1) if month.startswith(name.lower().rstrip(".")[:3]))


def _bare_weekday(mention: DateMention) -> bool:
    """Tell whether a date is a weekday alone ("on Thursday"): it says which day of the week, not which week.

    Read against each article's own date, a Thursday told in a weekly published on a Thursday
    and one told in a daily of the Tuesday before can be one day or a week apart.
    """
    return mention.text.strip().lower() in WEEKDAYS


def _names_kind(word: str) -> bool:
    """Tell whether a capitalised word before a number can name a kind ("Line 2"), not open a sentence ("About 300", "Roughly 40")."""
    return word not in NOT_INSTANCE and word not in ENGLISH_STOP_WORDS and not word.endswith("ly")


@lru_cache(maxsize=1 << 17)
def _word(word: str) -> tuple[str, bool]:
    """Return a lower-case word's lemma and whether it can carry content: no function word, no figure."""
    lemma_of = lemma(word.replace("’", "'"))
    # "according" is a function word whose lemma ("accord", as in a peace accord) is not.
    return lemma_of, lemma_of not in STOP and word not in STOP and not any(ch.isdigit() for ch in lemma_of)


# The attribution closing a claim, with what it says of its source: ", according to Ana Ruiz, an
# analyst at the Lisbon firm Bastion", ", the ministry said in a statement on its website". It
# tells who reports the statement, not what it states.
ATTRIBUTION_TAIL = re.compile(
    r"[,;]\s*(?:according\s+to\b[^;:]*|(?:[\w'.-]+\s+){0,6}(?:said|says|told\s+[\w'.-]+|added)"
    r"(?:\s+(?:on|in|at|during|late|earlier|later|last|this)\b[^;:,]*)?)\W*$"
)
# A name that only reports the statement ("X said", "according to X", "said X") is its
# source, not one of its actors; "X announced the rules" keeps X as the actor.
REPORTING_AFTER = re.compile(
    r"^[\s,]*(?:(?:has|had|have|also|then|later|previously)\s+)?"
    r"(?:said|says|told|tells|added|adds|stated|states|explained|wrote|according|(?:is|was|are|were)\s+(?:said|quoted|reported)|claimed\s+that)\b"
)
REPORTING_BEFORE = re.compile(r"\b(?:according\s+to|said|says|told|added|, the)\s+(?:[\w'.-]+\s+){0,4}$")
# Whom a source told ("told Borderlands TV that ...") is the audience, not an actor.
AUDIENCE = re.compile(r"\b(?:told|tells|tell|telling)\s+$")


def _only_reports(claim: Claim, entity, lowered: str) -> bool:
    start, end = entity.start - claim.start, entity.end - claim.start
    if AUDIENCE.search(lowered[max(0, start - 20) : start]):
        return True
    if not claim.attribution or entity.name not in claim.attribution:
        return False
    return bool(REPORTING_AFTER.match(lowered[end:]) or REPORTING_BEFORE.search(lowered[max(0, start - 60) : start]))


# "KESTREL FALLS, Ontario, May 4, 2026 (Northstar Press) - ": the date a dateline gives is
# when the story was filed, not when what the claim states happened.
DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,[^.]{0,80}?\s[-\u2013\u2014]\s")


def _dateline_end(text: str) -> int:
    match = DATELINE.match(text)
    return match.end() if match else 0


# "said on Wednesday", "told reporters late on Monday", "said in a statement on Friday": the day a
# source spoke, not the day what it tells happened.
# "Winners will be announced June 8" and "due to be confirmed on Monday" date what the claim
# states: the telling is the news.
TOLD_ON = re.compile(
    r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bto )\b(?:said|says|told|tells|announced|confirmed|added|stated|reported|wrote|declared)"
    r"(?:\s+(?:in\s+a\s+statement|at\s+an?\s+(?:news|press)\s+(?:conference|briefing)|to\s+reporters|reporters|journalists"
    r"|[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2}))?\s+(?:(?:late|early)\s+)?(?:on\s+|this\s+|last\s+)?$"
)


def _when_told(text: str, start: int) -> bool:
    """Tell whether a date at `start` only says when a source spoke ("the agency said on Wednesday")."""
    return TOLD_ON.search(text[max(0, start - 80) : start]) is not None


# "The vote was held on Wednesday" says when it took place; "was held hostage", "was held by
# police", "is held responsible" say something else of their subject.
HELD_EVENT = re.compile(r"\b(?:was|were|is|are|be|been|being)\s{1,3}(?:\w+ly\s{1,3})?held(?!\s{1,3}(?:by|hostage|captive|prisoner|responsible|accountable|liable|back|up|without|incommunicado|in\s{1,3}(?:custody|detention|jail|prison))\b)")
HAPPEN = "happen"


def _held_events(concepts: list[Concept], lowered: str) -> list[Concept]:
    """Read a passive "held" of an event as its taking place: "The summit was held in Geneva"."""
    if "held" not in lowered:
        return concepts
    starts = {m.end() - len("held") for m in HELD_EVENT.finditer(lowered)}
    return [c._replace(name=HAPPEN) if c.start in starts and c.words == "held" else c for c in concepts]


def _source_words(claim: Claim) -> set[str]:
    if not claim.attribution:
        return set()
    return {lemma(w) for w in WORD.findall(claim.attribution.lower())} - STOP


def _concepts(kept: list[tuple[str, int, int, bool, str]], spans: list[tuple[str, int, int]], words: Vocabulary) -> list[Concept]:
    """Map the content words of a text to concepts: phrases of the families first (longest wins), then single lemmas.

    `spans` holds every word with its offsets, for the negations that cancel an opposite.
    """
    found: list[Concept] = []
    i = 0
    while i < len(kept):
        lemma_i, start, _, in_name, word = kept[i]
        if in_name:
            found.append(Concept(lemma_i, start, False, True, word))
            i += 1
            continue
        matched = _phrase_at(kept, i, words) if lemma_i in words.starting else None
        if matched is not None:
            (concept, negated), used = matched
            if negated and _cancelled(spans, start, words):
                negated = False
            found.append(Concept(concept, start, negated, False, " ".join(t[4] for t in kept[i : i + used])))
            i += used
            continue
        i += 1
        if lemma_i in PARTICLES:
            continue
        concept, negated, cancellable = _alone(word, lemma_i, words)
        if cancellable and _cancelled(spans, start, words):
            negated = False
        found.append(Concept(concept, start, negated, False, word))
    return found


@lru_cache(maxsize=1 << 17)
def _alone(word: str, lemma_of: str, words: Vocabulary) -> tuple[str, bool, bool]:
    """Return the concept of a word outside any phrase, whether it is negated, and whether a negation before it may cancel that.

    An "un-" word ("undamaged") is its base negated and an opposite ("rejected") its concept
    negated; a plain negation just before either cancels it ("did not reject", "was not an
    unconstitutional act").
    """
    base = _un_base(word)
    if base is not None:
        concept, negated = words.phrases.get((base,), (base, False))
        return concept, not negated, True
    concept, negated = words.phrases.get((lemma_of,), (lemma_of, False))
    return concept, negated, negated


def _phrase_at(kept: list, i: int, words: Vocabulary) -> tuple[tuple[str, bool], int] | None:
    """Return the longest phrase of two or more lemmas starting at kept[i], and how many tokens it takes.

    One particle of the text that the phrase does not have may sit between its words
    ("forced to leave their homes" for "force leave home").
    """
    for phrase in words.starting.get(kept[i][0], ()):
        j, skipped = i + 1, False
        for wanted in phrase[1:]:
            while j < len(kept) and kept[j][0] != wanted and kept[j][0] in PARTICLES and not skipped and not kept[j][3]:
                j, skipped = j + 1, True
            if j >= len(kept) or kept[j][3] or kept[j][0] != wanted:
                break
            j += 1
        else:
            return words.phrases[phrase], j - i
    return None


def _cancelled(spans: list[tuple[str, int, int]], start: int, words: Vocabulary) -> bool:
    """Tell whether a plain negation just before an opposite cancels it ("did not reject")."""
    before = [word for word, _, end in spans if end <= start][-CANCEL_WINDOW:]
    return any(word in words.negators or word.endswith("n't") for word in before)


def _negated_aside(lowered: str, sides: list[tuple[int, int]], concepts: list[Concept], words: Vocabulary) -> frozenset[str]:
    """Return the concepts of side clauses that hold a negation: "although it was not a significant one".

    Describing leaves such a negation out of the claim's assertion; the concepts it governs are
    then neither stated nor denied, so they are not compared for polarity. A negative predicate
    ("though prosecutors declined to discuss it") counts as a negator does.
    """
    found: set[str] = set()
    for start, end in sides:
        negated = any(word in words.negators or word.endswith("n't") for word in WORD.findall(lowered, start, end))
        if negated or words.denials.search(lowered, start, end):
            found.update(c.name for c in concepts if start <= c.start < end and not c.name_part)
    return frozenset(found)


def _taken_away(lowered: str, concepts: list[Concept], words: Vocabulary) -> frozenset[str]:
    """Return the concepts a privative verb governs: "power" of "homes lost power", stated neither as had nor as lacking.

    A privative that opens a concept of its own ("lost their lives" is dying) governs nothing.
    """
    found = set()
    for match in words.privatives.finditer(lowered):
        if any(c.start == match.start() and c.words != match.group() for c in concepts):
            continue
        following = next((c for c in concepts if c.start >= match.end()), None)
        if following is not None and not following.name_part and following.start - match.end() <= PRIVATIVE_REACH:
            found.add(following.name)
    return frozenset(found)


# Characters from a privative to the thing it takes away: "lost all their power".
PRIVATIVE_REACH = 16


def _negation_scopes(
    claim: Claim, lowered: str, concepts: list[Concept], words: Vocabulary, sides: list[tuple[int, int]]
) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], set[str]]:
    """Return each negation cue with the concepts it governs, and all concepts so governed.

    A cue governs the first few concepts after it inside its clause; a cue that ends its
    clause ("... was rejected.") governs the clause before it. Opposites ("rejected") are
    read as negated concepts already, so as cues they govern nothing more.
    """
    scopes = []
    governed: set[str] = set()
    for cue in claim.negations:
        # The cue as written ("don’t") is looked for in the folded text the frame reads.
        folded = cue.translate(QUOTE_FOLD).lower()
        cue_key = tuple(lemma(w) for w in WORD.findall(folded) if lemma(w) not in STOP)
        found = list(re.finditer(rf"(?<!\w){re.escape(folded)}(?![\w-])", lowered))
        # A cue written twice governs from each place outside a side clause ("The victim, who was
        # not identified, was not taken to hospital"), as describing found it there.
        for match in [m for m in found if not any(start <= m.start() < end for start, end in sides)] or found[:1]:
            scopes += _cue_scope(cue, cue_key, match, lowered, concepts, words, governed)
    return tuple(scopes), governed


def _cue_scope(
    cue: str, cue_key: tuple[str, ...], match: re.Match[str], lowered: str, concepts: list[Concept], words: Vocabulary, governed: set[str]
) -> list[tuple[str, tuple[str, ...]]]:
    """Return the scope of one cue where it stands, as _negation_scopes reads it, adding what it governs to `governed`."""
    end = CLAUSE_END.search(lowered, match.end())
    clause_end = end.start() if end else len(lowered)
    starts = [m.end() for m in CLAUSE_END.finditer(lowered, 0, match.start())]
    clause_start = starts[-1] if starts else 0
    if cue_key and words.phrases.get(cue_key, ("", False))[1]:
        # An opposite ("rejected") is a negated concept already; it also denies what it
        # reports ("denied that ...", "rejected suggestions that ...") or the clause it
        # closes ("a motion to hold a vote was rejected").
        heads = _denied(lowered, match, clause_start, clause_end, concepts)
        if not heads:
            return []
        governed.update(heads)
        # The opposite's own concept leads, so that a claim stating the same opposite
        # ("voted down" for "rejected") is compared on it and agrees.
        return [(cue, (words.phrases[cue_key][0], *heads))]
    if cue.lower() in words.refutations:
        # "Reports that she resigned are false": a refutation denies the clause it closes, from
        # its complementizer on ("facing claims that the surgery is a fake" denies the surgery).
        # So does a conjunction opening a new subject: "she was lying and the story is a hoax".
        # A story or report refuted by itself is the one the claim told before: "she said she
        # had surgery, but the story is a hoax" denies the surgery.
        opened = [m.end() for m in REFUTED_CLAUSE.finditer(lowered, clause_start, match.start())]
        clause_start = opened[-1] if opened else clause_start
        refuted = {c.name for c in concepts if clause_start <= c.start < match.start() and not c.name_part}
        if refuted and refuted <= TOLD_ITEMS:
            clause_start = 0
        heads = tuple(c.name for c in concepts if clause_start <= c.start < match.start() and not c.name_part)
        governed.update(heads)
        return [(cue, heads)]
    if UNKNOWN.match(lowered, match.end()):
        return []  # "could not confirm whether ...": what is not known is not denied
    if PARTIAL.match(lowered, match.end()):
        return []  # "not everybody wakes up": some do
    if NOT_THE_FIRST.match(lowered, match.end()):
        heads = ("first",) if any(c.name == "first" for c in concepts) else ()
        governed.update(heads)
        return [(cue, heads)]
    again = AGAIN.search(lowered, match.end(), clause_end)
    if again and not COMPLEMENTIZER.search(lowered, match.end(), again.start()):
        return []  # "would never cheat again" denies a repeat: it tells that he cheated
    contrast = CONTRAST.search(lowered, match.end(), clause_end)
    if contrast is not None:
        clause_end = contrast.start()
    after = [c for c in concepts if match.end() <= c.start < clause_end and not c.name_part]
    if any(not c.negated and _reverses(c, words) for c in after[:NEGATION_SCOPE]):
        return []  # the cue cancelled the opposite after it: "did not close", "is not likely to fall" state open, rise
    if not after and LETTERS.search(lowered, match.end(), clause_end) and not DIGIT.search(lowered, match.end(), clause_end):
        return []  # "might not have anything against Bieber": what it denies is no concept or figure the other can state
    if not after:
        # A cue closing its clause governs it from its complementizer on: "pressed the case that
        # a similar bill was struck down" denies the bill, not the pressing.
        opened = [m.end() for m in COMPLEMENTIZER.finditer(lowered, clause_start, match.start())]
        clause_start = opened[-1] if opened else clause_start
    heads = _told(tuple(after[:NEGATION_SCOPE])) or tuple(
        c.name for c in concepts if clause_start <= c.start < match.start() and not c.name_part
    )
    governed.update(heads)
    return [(cue, heads)]


def _reverses(concept: Concept, words: Vocabulary) -> bool:
    """Tell whether a concept is written as an opposite or an "un-" word: "fall" for rise, "unconstitutional"."""
    written = concept.words.split()
    return words.phrases.get(tuple(map(lemma, written)), ("", False))[1] or (len(written) == 1 and _un_base(written[0]) is not None)


# A negator before a universal quantifier denies that all do, not that any does; "not the
# first" denies only the first: "is not the first time talks have collapsed" tells they did.
# "not the only city", "not alone in": one of several, which asserts the one.
PARTIAL = re.compile(r"(?<!\s)\s++(?:all|every|everyone|everybody|everything|always|necessarily|entirely|the\s++only|alone)\b")
NOT_THE_FIRST = re.compile(r"(?<!\s)\s++the\s++first\b")
# "never ... again": a repeat denied.
AGAIN = re.compile(r"\bagain\b")
# What follows these in a negation's clause is asserted: "is not Rehana but another fighter".
CONTRAST = re.compile(r"\s(?:but|rather\s++than|instead\s++of)\s")
LETTERS = re.compile(r"[^\W\d_]")
DIGIT = re.compile(r"\d")
# A negated verb of knowing or telling with what it leaves open: "could not confirm whether",
# "did not say if", "is not clear whether", "would not say who", "were never told what". The
# claim leaves the fact open; it does not deny it.
UNKNOWN = re.compile(
    r"(?<!\s)\s++(?:\w+\s++){0,2}?(?:confirm|verify|say|know|clear|certain|sure|determine|establish|disclose|reveal|specify|"
    r"explain|comment|known|said|confirmed|immediately|told|tell|inform)\w*+\s++(?:\w+\s++){0,2}?(?:whether|if|how|why|when|what|who|which|where)\b"
)
# Verbs of telling, knowing or assuming whose negation denies the telling, not what is told:
# "refused to confirm the report", "did not identify the victim", "important not to assume that
# he was injured" leave the report, the victim and the injury as they are. Verbs of believing
# are left out: "are not believed to be in the city" says they are believed not to be.
TELLING = frozenset(
    "confirm deny verify say know determine establish disclose reveal specify explain comment tell inform "
    "discuss identify detail elaborate speculate assume imply mean".split()
)
COMPLEMENTIZER = re.compile(r"\b(?:that|whether|which)\b")
# What a refutation may deny by naming only the telling: the story, the report, the claims.
TOLD_ITEMS = frozenset("story report claim rumour rumor news account allegation tale".split())
REFUTED_CLAUSE = re.compile(r"\b(?:that|whether|which)\b|\b(?:and|but)(?=\s++(?:the|this|that|these|those|its|his|her|their)\b)")
# What an opposite reports: "denied that", "rejected claims that", "dismissed reports that".
COMPLEMENT = re.compile(r"\s(?:(?:the\s)?(?:suggestions?|claims?|reports?|allegations?|accusations?|accounts?|assertions?|idea)\s)?that\b")
# What an opposite refuses or fails to do: "refused to demolish", "rejected calls to resign".
INFINITIVE = re.compile(r"\s(?:(?:calls?|demands?|requests?|pressure|an?\s\w+)\s)?to\s")
# What an opposite denies doing: "denied taking a bribe", "denies ever having met him".
GERUND = re.compile(r"[\"”’']?\s(?:(?:ever|having|once)\s){0,2}(?=[a-z]+ing\b)")
# A passive's auxiliary right before its verb: "was charged", "have been quietly moved"; an
# opposite after one closes its clause in the passive: "... was rejected", "... were denied".
PASSIVE_AUXILIARY = re.compile(r"\b(?:am|is|are|was|were|be|been|being)\s{1,3}(?:\w+ly\s{1,3})?$", re.IGNORECASE)


def _denied(lowered: str, match: re.Match[str], clause_start: int, clause_end: int, concepts: list[Concept]) -> tuple[str, ...]:
    """Return the concepts an opposite denies beyond itself: its "that" or "to" complement, or the clause its passive closes."""
    complement = COMPLEMENT.match(lowered, match.end()) or INFINITIVE.match(lowered, match.end()) or GERUND.match(lowered, match.end())
    if complement is not None:
        return _told(tuple(c for c in concepts if complement.end() <= c.start < clause_end and not c.name_part)[:NEGATION_SCOPE])
    if PASSIVE_AUXILIARY.search(lowered, clause_start, match.start()) and _only_adverbials(lowered[match.end() : clause_end]):
        return tuple(c.name for c in concepts if clause_start <= c.start < match.start() and not c.name_part)
    return ()


def _told(governed: tuple[Concept, ...]) -> tuple[str, ...]:
    """Return the names of the concepts a negation governs: the telling alone when it opens them ("refused to confirm the report")."""
    if governed and governed[0].name in TELLING:
        return (governed[0].name,)
    return tuple(c.name for c in governed)


# Words that may follow a passive opposite without opening a new statement: "was rejected earlier in the session".
TRAILING = frozenset(
    "earlier later today yesterday again unanimously outright overwhelmingly last this on in at the by a an "
    "week month year session meeting vote night morning evening".split()
)


def _only_adverbials(rest: str) -> bool:
    return all(w in TRAILING or w.endswith("day") for w in WORD.findall(rest)) and not re.search(r"[^\w\s.'’-]", rest)


MODEL_SIZE = re.compile(r"(?<!\s)\s++(?:[A-Z]|[a-z]++[A-Z])")


def _counted(claim: Claim, lowered: str, concepts: list[Concept], words: Vocabulary) -> tuple[Counted, ...]:
    """Read each number with a counted thing into a Counted: its concept, range and statement words."""
    placed = sorted(
        (q.start - claim.start, q.end - claim.start, q)
        for q in claim.numbers
        if q.unit
        or PARTITIVE.match(lowered, q.end - claim.start)
        or PARTITIVE_NOUN.match(lowered, q.end - claim.start)
        or _counts_people(q.end - claim.start, lowered, concepts, words)
    )
    found = []
    headline = None
    for n, (start, end, quantity) in enumerate(placed):
        if MODEL_SIZE.match(claim.text, end) and "-" in quantity.text and quantity.unit != AGE_UNIT:
            # "the 12-inch MacBook Air", "a 4.7-inch iPhone": a size naming a model, not a measure
            # told of the story ("16-year-old Tomas Berg" is an age); in a headline every word is
            # capitalised, so none is a name.
            headline = is_headline_case(HEADLINE_WORD.findall(claim.text)) if headline is None else headline
            if not headline:
                continue
        # Without a unit, a figure was kept for counting "of them", "of the climbers" or people ("23 died").
        thing = _thing(quantity.unit, words) if quantity.unit else OF_THEM if PARTITIVE.match(lowered, end) else _part_of(lowered, end, words)
        if quantity.unit == AGE_UNIT and thing is not None:
            thing = _aged(thing, claim, concepts, start, end, lowered)
        span = _value_range(quantity)
        tally = TALLY.match(quantity.value)
        if tally is not None:
            span = float(tally.group(1)), float(tally.group(1))
        if thing is None or span is None:
            continue
        left = placed[n - 1][1] if n else 0
        right = placed[n + 1][0] if n + 1 < len(placed) else len(lowered)
        # Between two numbers a conjunction or a comma divides the words: those before it state
        # the first ("Two people died | and 1,450 fled"), those after it the second ("owes 108
        # billion | and suspended payments on 68 billion"). Without one they state the first.
        joins_before = [m.end() for m in JOIN.finditer(lowered, left, max(left, start))]
        low_end = joins_before[-1] if joins_before else (start if n else 0)
        joins_after = JOIN.search(lowered, end, max(end, right))
        high_end = joins_after.start() if joins_after else right
        # A name inside the counted phrase ("three Afghan soldiers") tells which soldiers, not
        # what the statement says of them.
        unit_words = quantity.unit.lower().split() if quantity.unit else ()
        qualifiers = frozenset(c.name for c in concepts if c.name_part and c.words in unit_words) if unit_words else frozenset()
        window = frozenset(c.name for c in concepts if low_end <= c.start < high_end and c.name != thing) - qualifiers
        against = float(tally.group(2)) if tally is not None else None
        money = quantity.unit in words.currencies
        found.append(Counted(quantity, thing, span[0], span[1], window, PERCENT.search(quantity.text) is not None, against, money, qualifiers))
    return tuple(found)


# An age is told of someone: "her three-year-old nephew" and "the 37-year-old aunt" give the
# ages of two people. The person written right after the age ("three-year-old nephew", "a
# 71-year-old retired farmer") goes with its thing: "old/nephew"; a name, by its key, whether
# after the age ("61-year-old Tomas Berg") or before it ("Tomas Berg, 61,", "Berg (61)").
def _aged(thing: str, claim: Claim, concepts: list[Concept], start: int, end: int, lowered: str) -> str:
    before = AGE_BESIDE_NAME.search(claim.text, max(0, start - 40), start)
    if before is not None and before.group("name"):
        named = next((e for e in claim.entities if e.end - claim.start == before.end("name")), None)
        return f"{thing}/{named.key if named is not None and named.key else before.group('name').lower()}"
    after = next((c for c in concepts if c.start >= end), None)
    if after is None or lowered[end : after.start].strip(" -"):
        return thing
    named = next((e for e in claim.entities if e.start - claim.start == after.start), None) if after.name_part else None
    return f"{thing}/{named.key if named is not None and named.key else after.name}"



def _same_age(x: str, y: str) -> bool | None:
    """Tell whether two ages' things are one person's: the same person, or one not told; None when either is no age."""
    if "/" not in x and "/" not in y:
        return None
    base_x, _, person_x = x.partition("/")
    base_y, _, person_y = y.partition("/")
    return base_x == base_y and (person_x == person_y or not person_x or not person_y)


def _counts_people(end: int, lowered: str, concepts: list[Concept], words: Vocabulary) -> bool:
    """Tell whether a bare figure is the subject of a verb told of people: "23 died", "at least 12 were injured"."""
    after = next((c for c in concepts if c.start >= end), None)
    return after is not None and after.name in words.people_verbs and BEFORE_VERB.fullmatch(lowered, end, after.start) is not None


# What may stand between a figure and its verb: "23 were killed", "12 have since been rescued".
BEFORE_VERB = re.compile(r"\s{1,3}(?:(?:were|was|are|is|have|has|had|been|being|since|later|reportedly|also)\s{1,3}){0,3}")
PEOPLE = "person"


# "Some 140 of them", "12 of whom": a figure counting what an earlier sentence named.
PARTITIVE = re.compile(r"(?<!\s)\s++of\s++(?:them|those|these|whom|us)\b")
OF_THEM = "(of them)"
# "Two of the climbers", "three of its injured miners": a part counted by what it is part of.
PARTITIVE_NOUN = re.compile(r"(?<!\s)\s++of\s++(?:the|its|their|our|his|her)\s++((?:[a-z][\w'-]*+\s++){0,2}[a-z][\w'-]*+)")


def _part_of(lowered: str, end: int, words: Vocabulary) -> str | None:
    """Return what a bare figure counts a part of ("of the climbers" -> "part of climber"); people when it counts none.

    A part meets only parts of the same: "11 of the new berths" says nothing against "12 new berths".
    """
    found = PARTITIVE_NOUN.match(lowered, end)
    if found is None:
        return PEOPLE
    kept = [w for w in found.group(1).split() if w not in STOP]
    whole = _thing(" ".join(kept), words) if kept else None
    return f"part of {whole}" if whole else None


# A vote tally as numbers.py writes it: "14:13".
TALLY = re.compile(r"^(\d+):(\d+)$")


# Units of a duration: "in 24 hours", "after 90 hours" count time, compared with time of the same unit.
DURATIONS = frozenset("minute hour day week month year".split())


@lru_cache(maxsize=1 << 14)
def _thing(unit: str, words: Vocabulary) -> str | None:
    """Return the concept a counted phrase names: that of its last word or phrase ("death toll" -> die), or its unit of time."""
    spans = [(w, 0, 0) for w in WORD.findall(unit.lower())]
    if len(spans) == 1 and lemma(spans[0][0]) in DURATIONS:
        return lemma(spans[0][0])
    kept = [(lemma_of, 0, 0, False, w) for w, _, _ in spans for lemma_of, content in [_word(w)] if content]
    found = _concepts(kept, spans, words)
    return found[-1].name if found else None


def _value_range(quantity: Quantity) -> tuple[float, float] | None:
    value = quantity.value
    try:
        low = high = float(value)
    except ValueError:
        match = re.match(r"^(-?\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$", value)
        if match is None:
            return None
        low, high = float(match.group(1)), float(match.group(2))
    return low, high


def bounds(counted: Counted, tolerance: float) -> tuple[float, float]:
    """Return the values a figure allows once its modifier is read as a range.

    "at least 23" and "more than 80" allow [23, inf); "about 1,200" allows 1,200 within the
    tolerance either side; "up to 180", "as many as" and "nearly 80" name the top of the figure,
    so they allow from the tolerance below it up to it; an exact figure allows itself.
    """
    modifier = counted.quantity.modifier
    if modifier == "min":
        return counted.low, math.inf
    if modifier == "max":
        return counted.high * (1 - tolerance), counted.high
    if modifier == "approx":
        return counted.low * (1 - tolerance), counted.high * (1 + tolerance)
    return counted.low, counted.high


def compatible(x: Counted, y: Counted, tolerance: float) -> bool:
    """Tell whether two figures of one thing can both hold; two tallies only when both their figures are the same."""
    if x.against is not None or y.against is not None:
        return (x.low, x.against) == (y.low, y.against)
    lx, hx = bounds(x, tolerance)
    ly, hy = bounds(y, tolerance)
    return lx <= hy and ly <= hx


@dataclass(frozen=True, slots=True)
class ConceptWeights:
    """Inverse document frequency of each concept over the claims of a run: rare concepts weigh most."""

    idf: Mapping[str, float]
    default: float
    totals: dict[frozenset[str], float] = field(default_factory=dict, compare=False)  # a claim's content weighed once

    def of(self, concepts: Iterable[str]) -> float:
        # Summed exactly (fsum), so the order of a set, which changes with the hash seed, cannot
        # tip a tie between two equal weights.
        return math.fsum(map(self.idf.get, concepts, repeat(self.default)))

    def total(self, concepts: frozenset[str]) -> float:
        found = self.totals.get(concepts)
        if found is None:
            found = self.totals[concepts] = self.of(concepts)
        return found


def concept_weights(frames: Iterable[Frame]) -> ConceptWeights:
    """Weigh concepts by how few claims of the run use them (smoothed IDF, as scikit-learn's)."""
    counts: Counter[str] = Counter()
    total = 0
    for frame in frames:
        total += 1
        counts.update(frame.content)
    return counted_weights(counts, total)


def counted_weights(counts: Mapping[str, int], total: int) -> ConceptWeights:
    """Weigh concepts from how many of `total` claims hold each (a corpus keeps these counts)."""
    idf = {c: math.log((1 + total) / (1 + n)) + 1 for c, n in counts.items()}
    return ConceptWeights(idf, math.log(1 + total) + 1)


UNIFORM = ConceptWeights({}, 1.0)


# Two claims that each give one figure of a thing, stated in words that share nothing, are
# taken to count the same when they share this much of their other concepts.
ALONE_CONTAINMENT = 0.2


def align(a: Frame, b: Frame, weights: ConceptWeights = UNIFORM) -> Alignment:
    """Align two claims: the concepts they share, how much of the smaller one that is, and their number slots."""
    shared = a.content & b.content
    containment = _containment(a.content, b.content, weights)
    slots, stated = [], []
    for x, y, worded in slot_pairs(a, b):
        # Sums of money are told of a company or a person by many statements: what the claims
        # share beside its name must say they measure one thing. A name qualifying what is
        # counted ("three Afghan soldiers", "a dozen Afghan soldiers") says nothing of that.
        besides = name_words(a) | name_words(b) if x.money else x.qualifiers | y.qualifiers
        rest_a, rest_b = a.content - {x.thing} - besides, b.content - {y.thing} - besides
        if worded or _one_figure(x, y) or _containment(rest_a, rest_b, weights) >= ALONE_CONTAINMENT:
            slots.append((x, y))
        if worded:
            stated.append((x, y))
    return Alignment(shared, containment, tuple(slots), tuple(stated))


# A figure this large, or of a thing more specific than "people", given exactly alike by two
# claims of one story ("about 140 rescuers", "a hundred and forty rescuers") is one count
# however differently the rest is told.
ONE_FIGURE = 100


def _one_figure(x: Counted, y: Counted) -> bool:
    return (x.low, x.high) == (y.low, y.high) and (x.thing != GENERIC_THING or x.low >= ONE_FIGURE)


def clause_containment(a: Frame, b: Frame, weights: ConceptWeights = UNIFORM) -> float:
    """Return the containment of the two closest clauses of two claims, each claim of one clause taken whole.

    A claim that adds a second piece of news in another clause shares less of itself with a
    claim stating only the first, though that clause says the same.
    """
    if not a.clauses and not b.clauses:
        return 0.0
    return max(_containment(x, y, weights) for x in a.clauses or (a.content,) for y in b.clauses or (b.content,))


def _containment(a: frozenset[str], b: frozenset[str], weights: ConceptWeights) -> float:
    smaller = min(weights.total(a), weights.total(b))
    return min(1.0, weights.of(a & b) / smaller) if smaller else 0.0


def same_thing(x: Counted, y: Counted) -> bool:
    """Tell whether two figures count one thing: the same concept, or "people" doing what the other counts.

    "About 2,000 people protested" counts protesters; "Two people died" counts the dead.
    """
    if OF_THEM in (x.thing, y.thing):
        # What "of them" counts is unknown here: only the same large figure tells it is one count.
        return (x.low, x.high) == (y.low, y.high) and x.low >= ONE_FIGURE
    if x.thing == y.thing:
        return True
    aged = _same_age(x.thing, y.thing)
    if aged is not None:
        return aged
    return (x.thing == GENERIC_THING and y.thing in x.window) or (y.thing == GENERIC_THING and x.thing in y.window)


# The concept of "people", "residents" and the like: a count of anyone, made specific by its verb.
GENERIC_THING = "person"


def slot_pairs(a: Frame, b: Frame) -> list[tuple[Counted, Counted, bool]]:
    """Pair the numbers of two claims that count the same thing, each with whether their statements share a word.

    The words stating each number must share a concept ("died", "evacuated"), unless each
    is its claim's only number of that thing.
    """
    pairs = []
    for x in a.counted:
        for y in b.counted:
            # A tally is a pair of figures: 14 to 13 says nothing of a count of 14 votes.
            if not same_thing(x, y) or x.share != y.share or (x.against is None) != (y.against is None):
                continue
            # A name both statements give says whose sums they are, not what each measures:
            # "Apple Watch to cost $950" and "a $135 target price for Apple".
            shared = x.window & y.window
            worded = bool(shared - name_words(a) - name_words(b)) if x.money and shared else bool(shared)
            alone = sum(same_thing(c, y) for c in a.counted) == 1 and sum(same_thing(x, c) for c in b.counted) == 1
            if alone or worded:
                pairs.append((x, y, worded))
    return pairs


def name_words(frame: Frame) -> frozenset[str]:
    """Return the concepts of a claim that are words of a name."""
    return frame.answer(("name words",), lambda: frozenset(c.name for c in frame.concepts if c.name_part))


def blocking_keys(frame: Frame) -> set[tuple[str, str]]:
    """Return the keys under which a claim meets the claims it may align with.

    A number meets numbers of the same thing, and of the same thing stated with one of its
    words; and the claim meets the claims that share any of its content concepts
    ("undamaged", "toll"). Two claims sharing a key may speak of one thing however unlike
    their sentences are. The keys depend on the claim alone, so a corpus can store them.
    """
    keys = {(f"#{c.thing}", w) for c in frame.counted for w in c.window | {""}}
    # A large figure meets the same figure "of them", whose thing only an earlier sentence names.
    keys.update((FIGURE_KEY, f"{c.low:g}") for c in frame.counted if c.low == c.high >= ONE_FIGURE and c.against is None)
    keys.update((c, "") for c in frame.content)
    # Few claims open on a happening and say when: one told with more words meets it too.
    keys.update(("@happening", c) for c in frame.happening)
    return keys


# Claims meeting on a figure alone pair only when one counts "of them": two counts of dollars or
# tonnes that merely share a figure meet through their things, when few claims count those.
FIGURE_KEY = "#figure"


def _partitive(frame: Frame) -> bool:
    return any(c.thing == OF_THEM for c in frame.counted)


def one_happening(a: Frame, b: Frame) -> bool:
    """Tell whether two claims open on one happening and then say when: "The blaze erupted on Monday", "The fire broke out at 11:40 pm on Tuesday".

    One may tell more of it: "Construction is due to begin in March" and "Construction is set to start as early as May".
    """
    return bool(a.happening) and bool(b.happening) and (a.happening <= b.happening or b.happening <= a.happening)


def blocked_pairs(
    claims: list[Claim],
    frames: Mapping[str, Frame],
    article_of: Mapping[str, object],
    *,
    max_claims: int,
    weights: ConceptWeights = UNIFORM,
    min_containment: float = 0.0,
    may_pair: Callable[[Claim, Claim], bool] | None = None,
    involving: Collection[str] | None = None,
    held_elsewhere: Mapping[tuple[str, str], int] | None = None,
) -> list[tuple[Claim, Claim]]:
    """Pair claims of different articles that share a blocking key held by at most max_claims claims and align.

    Claims without a frame take no part. A key held by more claims ("#person", "said") names a kind of statement, not one; leaving
    it out keeps the search linear in the claims. A pair is kept when its claims share
    min_containment of their concepts or a number slot: the others share a word, not a statement.
    may_pair, when given, rules pairs out before they are aligned (claims of different stories).

    When the claims are part of a larger collection (a corpus's stored claims loaded for the
    keys of new ones), involving keeps the pairs with one of those claims only, and
    held_elsewhere gives, for a key, how many of its holders were not passed: they count
    against max_claims all the same.
    """
    holders: dict[tuple[str, str], list[Claim]] = {}
    texts: set[str] = set()
    for claim in claims:
        # Copies of one sentence meet through its first occurrence, as in the similarity search.
        text = normalise_for_exact(claim.text)
        if text in texts or claim.id not in frames:
            continue
        texts.add(text)
        for key in blocking_keys(frames[claim.id]):
            holders.setdefault(key, []).append(claim)
    elsewhere = held_elsewhere or {}
    pairs: dict[tuple[str, str], tuple[Claim, Claim]] = {}
    for key, group in holders.items():
        if len(group) < 2 or len(group) + elsewhere.get(key, 0) > max_claims:
            continue
        by_figure = key[0] == FIGURE_KEY
        for n, x in enumerate(group):
            for y in group[n + 1 :]:
                if by_figure and not (_partitive(frames[x.id]) or _partitive(frames[y.id])):
                    continue
                if article_of[x.id] != article_of[y.id] and (involving is None or x.id in involving or y.id in involving):
                    pair_key = (x.id, y.id) if x.id < y.id else (y.id, x.id)
                    pairs.setdefault(pair_key, (x, y))
    kept = []
    for x, y in pairs.values():
        if may_pair is not None and not may_pair(x, y):
            continue
        alignment = align(frames[x.id], frames[y.id], weights)
        if alignment.slots or alignment.containment >= min_containment or one_happening(frames[x.id], frames[y.id]):
            kept.append((x, y))
    return kept
