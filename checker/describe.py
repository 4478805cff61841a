"""Claims + RuleSet -> Claims with hedges, attribution, numbers, dates, entities, negations and occasion."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from checker.model import COMPARABLE_KINDS, Article, Claim, DateMention, Entity, Quantity
from checker.rules import RuleSet

# Every pattern here is linear on any input: no repeat holds an ambiguous repeat, and nothing
# is anchored at the end of the text. DATE and DIGITS, searched in every claim, open with a
# one-character lookahead: a search costs about 25 ns per character tried, and the lookahead
# turns most characters away before the alternatives are tried (DATE: 11 -> 6 us a claim).
_SP = r"[^\S\n]+"  # spaces inside one line
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:19\d\d|20\d\d|2100)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
DATE = re.compile(
    rf"(?=[\dJFMASONDWLlTtYyNn])(?<![\w$€£.,/:-])(?:"
    rf"(?P<iso_y>{_YEAR})[-/](?P<iso_m>1[0-2]|0?[1-9])[-/](?P<iso_d>3[01]|[12]\d|0?[1-9])(?![\d/-])"
    rf"|(?P<md_m>{_MONTH})\.?{_SP}(?P<md_d>{_DAY})(?:st|nd|rd|th)?(?![\w%]|[.,:]\d)(?:,?{_SP}(?P<md_y>{_YEAR})(?![\w-]))?"
    rf"|(?P<dm_d>{_DAY})(?:st|nd|rd|th)?{_SP}(?:of{_SP})?(?P<dm_m>{_MONTH})\b\.?(?:,?{_SP}(?P<dm_y>{_YEAR})(?![\w-]))?"
    rf"|(?P<my_m>{_MONTH})\.?,?{_SP}(?P<my_y>{_YEAR})(?![\w-])"
    # Newswire datelines: "26-FEB-1987".
    rf"|(?P<wire_d>{_DAY})-(?P<wire_m>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))-(?P<wire_y>{_YEAR})(?!\d)"
    rf"|(?P<y>{_YEAR})(?![\w%-]|[.,:]\d)"
    rf"|(?P<wd>(?:[Ll]ast{_SP})?{_WEEKDAY})\b"
    rf"|(?P<rel>[Tt]oday|[Yy]esterday|[Tt]omorrow|(?:[Ll]ast|[Tt]his|[Nn]ext){_SP}(?:week|month|year))\b"
    r")"
)
# Words a date needs besides digits; a claim with none of them and no digit has no date.
DATE_WORDS = ("day", "week", "month", "year", "morrow")
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

DIGITS = re.compile(
    # A longer run of digits is an identifier, not an amount.
    rf"(?=[\d$€£])(?P<cur>[$€£])?(?<![\w.,/:-])"
    rf"(?P<digits>\d{{1,3}}(?:,\d{{3}}){{1,5}}(?:\.\d{{1,10}})?|\d{{1,18}}(?:\.\d{{1,10}})?)"
    rf"(?:(?P<abbr>bn|tn)(?![\w-])|(?![\w-]|[.,:/]\d))"
    rf"(?:(?P<pct>[^\S\n]?%)|{_SP}(?P<pctw>percent|per{_SP}cent|pct)\b"
    rf"|{_SP}(?P<scale>hundred|thousand|million|billion|trillion|dozen|mln|bln)\b)?"
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

TOKEN = re.compile(r"\w[\w'’.-]*|\S")  # words ("U.S.", "then-U.S.", "3.5", "Americans’") and marks
FIRST_LETTER = re.compile(r"[^\w\n]{0,8}([^\W\d_])")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
# Capitalised words that never start or join a name.
FUNCTION_WORDS = frozenset(
    "the a an this that these those it its he she they we i you his her their our my your me him them us "
    "but and or so yet if when while after before since as in on at for from to with without by of there here "
    "how what why who whom whose where which meanwhile however still then now today yesterday tomorrow no not "
    "some many most all both each every any other another such last next first second third "
    "also instead despite although though because according following during under over amid against among "
    "about across into upon unlike like whether thus therefore hence moreover furthermore nevertheless "
    "nonetheless indeed overall only even just perhaps several few much more less is are was were be been "
    "has have had will would can could shall should may might must do does did yes".split()
)
HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Mx.", "Dr.", "Mr", "Mrs", "Ms", "Dr"})
PARTICLES = frozenset("de da di du van von der den del la le bin ibn ter dos das".split())
# Nationality adjectives are not names: "Russian troops". A single word with these endings
# followed by a lower-case word is dropped ("Brian said" survives: "said" is a source verb).
DEMONYM_ENDINGS = ("ian", "ean", "can", "ese", "ish", "ern")
# Words that make a capitalised sequence an organisation or place, keyed by its full name, so
# "White House" does not share the key "house" and "North Korea" is not "South Korea".
NOT_PERSON_WORDS = frozenset(
    "Agency Airlines Airways Alliance Army Assembly Association Authority Bank Board Bureau Cabinet Center "
    "Centre Chamber Church Club College Command Commission Committee Commons Company Congress Corp Corporation "
    "Council Court Department Directorate Embassy Federation Force Forces Foundation Front Fund Government Group "
    "Guard Holdings Hospital House Inc Institute Journal League Ltd Media Ministry Movement Navy News Office "
    "Organization Organisation Parliament Party Police Post Press Republic Senate Service Services Society State "
    "States Street Studies Times Tribune Union United University Kingdom Nations Europe Network Radio Television "
    "Channel Herald Gazette Telegraph Review Magazine Daily Weekly Monitor Express Recognition Sea Ocean River "
    "Island Islands Mountains Gulf Bay Strait Peninsula Valley Coast Region Oblast Province City County District "
    "Square Airport Bridge Canal Lake Desert Forest Park Station Base Exchange Market Stock Index Treaty Accord "
    "North South East West Northern Southern Eastern Western Central New Upper Lower Greater Great Middle Saint "
    "San Santa Los Las Saudi Sri Hong Costa Puerto Co Cos Plc PLC LLC NV AG SA Bancorp Industries "
    "Securities Partners Capital Trust Motors Energy Oil Petroleum Resources Technologies Systems International "
    "Communications Insurance Financial".split()
)
# Last words that make "X and Y ..." one organisation rather than two names.
ORGANISATION_HEADS = frozenset(
    "Co Cos Corp Inc Ltd Plc PLC LLC NV AG SA Company Corporation Commission Committee Agency Authority Bank "
    "Council Department Ministry Board Bureau Association Institute Group Partners".split()
)
# Company suffixes standing alone are the tail of a name cut by a bracket: "Nikko Securities Co (Europe) Ltd".
COMPANY_SUFFIXES = frozenset({"Co", "Cos", "Corp", "Inc", "Ltd", "Plc", "PLC", "LLC", "NV", "AG", "SA"})
NAME_SUFFIXES = frozenset({"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"})
POSSESSIVES = ("'s", "’s", "'", "’")

PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
PASSIVE = frozenset({"be", "been", "being", "is", "are", "was", "were", "am"})
# Words between a subject and its verb: "Peskov also said", "officials did not say".
BETWEEN_SUBJECT_AND_VERB = frozenset(
    "also has have had later previously then again once further recently earlier repeatedly publicly "
    "privately separately would will could may might can did does do not n't never".split()
)
OPENING_MARKS = frozenset('"“‘(:.?!')  # a capitalised word after these opens a sentence
CLAUSE_MARKS = frozenset(",;:.\"“”‘'’()—–-[]«»")
SUBJECT_BOUNDARY = frozenset(
    "that which who whom whose and but because while as when where if after before although though since "
    "so than whereas unless until".split()
)
DETERMINERS = frozenset({"the", "a", "an", "this", "its", "his", "her", "their", "our"})
# A common noun as the source ("the report says") counts only with these verbs; the others
# also have senses that are not speech ("the war continued", "prices reported").
SPEECH_VERBS = frozenset(
    "say says said saying tell tells told write writes wrote reads add adds added note notes noted "
    "report reports reported concluded concludes".split()
)
PRIMARY_CUES = SPEECH_VERBS | {"according to", "via"}
# "he continued" attributes only when speech follows or has just ended.
SPEECH_ONLY_WITH_QUOTE = frozenset({"continued"})
MAX_SUBJECT_WORDS = 6
MAX_PHRASE_WORDS = 8  # words read after "according to" or an inverted "said"
APPOSITIVE_TOKENS = 30  # "Vadim Prokopiev, an exiled ... politician based in the United States, told"
INHERIT_WINDOW = 3  # claims back in which a pronoun's speaker is looked for


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The rule lexicons in the forms describing needs."""

    hedges: re.Pattern[str]
    negations: re.Pattern[str]
    verbs: re.Pattern[str]
    anonymous: re.Pattern[str]
    titles: dict[str, tuple[tuple[str, ...], ...]]  # first token -> titles as tokens, longest first
    qualifiers: frozenset[str]
    hyphen_qualifiers: frozenset[str]  # "ex-", "then-"
    abbreviations: frozenset[str]


@dataclass(slots=True)
class _Tokens:
    """A claim cut into words and marks, with offsets into the claim span."""

    span: str
    words: list[str]
    starts: list[int]
    ends: list[int]

    def joined(self, i: int) -> bool:
        """Tell whether tokens i and i+1 are separated by nothing but spaces on one line."""
        gap = self.span[self.ends[i]:self.starts[i + 1]]
        return gap == " " or gap == "" or (gap.isspace() and "\n" not in gap)


@dataclass(frozen=True, slots=True)
class _Found:
    """An entity with the tokens it spans."""

    entity: Entity
    first: int
    last: int


def describe_claims(article: Article, claims: tuple[Claim, ...], rules: RuleSet) -> tuple[Claim, ...]:
    """Return the claims with hedges, attribution, numbers, dates, entities, negations and occasion filled.

    Offsets in the numbers, dates and entities point into `article.text`. A pronoun source
    ("he said") takes the attribution of one of the previous claims; a claim without a date of
    its own takes the occasion of the last claim dated to the day, else the article's date.
    """
    vocabulary = _vocabulary(rules)
    reference = _reference_day(article.date)
    text = article.text
    titled: dict[str, str] = {}  # last word of a title, lower case -> the name it was last given to
    sources: list[str | None] = []  # attributions of the comparable claims so far
    dated: tuple[str, int] | None = None  # the last comparable claim's own day and line
    described: list[Claim] = []
    pending: list[list[Entity]] = []
    for claim in claims:
        span = text[claim.start:claim.end]
        shift = claim.start
        lexical = _lexicon_text(span)
        tokens = _tokenise(span, vocabulary)
        verb_matches = list(vocabulary.verbs.finditer(lexical))
        if claim.kind == "heading" and _is_title_case(tokens.words):
            found: list[_Found] = []  # "U.S. Engages with Belarusian Leadership": capitals mark no names
            unsure: list[_Found] = []
        else:
            found, unsure = _entities(tokens, vocabulary, {m.start() for m in verb_matches}, shift)
        attribution, inherits = None, False
        if verb_matches or "via" in lexical:
            attribution, inherits = _attribution(tokens, lexical, verb_matches, found, vocabulary, titled)
        if inherits:
            attribution = next((s for s in reversed(sources[-INHERIT_WINDOW:]) if s), None)
        dates, date_spans = _dates(span, reference, shift)
        hedges = _cues(vocabulary.hedges, lexical, lexical)
        occasion, occasion_source = _occasion(dates, dated, article.date)
        described.append(
            Claim(
                id=claim.id,
                text=claim.text,
                start=claim.start,
                end=claim.end,
                line=claim.line,
                kind=claim.kind,
                hedged=bool(hedges),
                hedges=hedges,
                attribution=attribution,
                numbers=tuple(_numbers(span, lexical, tokens, date_spans, shift)),
                dates=dates,
                entities=tuple(f.entity for f in found),
                negations=_cues(vocabulary.negations, lexical, span),
                occasion=occasion,
                occasion_source=occasion_source,
            )
        )
        pending.append([f.entity for f in unsure])
        if claim.kind in COMPARABLE_KINDS:
            sources.append(attribution)
            if occasion_source == "the claim" and occasion is not None and len(occasion) == 10:
                dated = (occasion, claim.line)
            for f in found:
                if f.entity.title:
                    titled[f.entity.title.split()[-1].lower()] = f.entity.name
    return _confirm_sentence_openers(described, pending)


def parse_date(text: str, reference: str | None = None) -> str | None:
    """Return the first date written in `text` as ISO text ("2025-02-14", "2025-09", "2025"), or None."""
    mentions = find_dates(text, reference)
    return mentions[0].value if mentions else None


def find_dates(text: str, reference: str | None = None) -> tuple[DateMention, ...]:
    """Return the dates written in a text, with offsets into it.

    A date without a year, a weekday or a word such as "yesterday" is resolved against
    `reference` ("YYYY-MM-DD") and left out when there is none.
    """
    return _dates(text, _reference_day(reference), 0)[0]


def find_numbers(text: str) -> tuple[Quantity, ...]:
    """Return the numbers written in a text, normalised, with the noun phrase each counts.

    Years, the days of dates, ordinals and digits inside names ("Su-34", "COVID-19") are not
    numbers; "one" counts only before a noun ("one prisoner", not "one of the").
    """
    tokens = _Tokens(text, *_split_tokens(text, frozenset(), frozenset()))
    return tuple(_numbers(text, _lexicon_text(text), tokens, _dates(text, None, 0)[1], 0))


def _lexicon_text(text: str) -> str:
    """Return text as lexicons match it: its first letter lowered and curly apostrophes straight.

    The first letter stays when it opens a month before a number ("May 5" is a date, not a
    hedge). The result has the length of `text`, so offsets carry over.
    """
    folded = text.translate(APOSTROPHES) if "’" in text or "‘" in text else text
    first = FIRST_LETTER.match(folded)
    if first is None or not first.group(1).isupper():
        return folded
    position = first.start(1)
    opening = DATE.match(folded, position)
    if opening and (opening.group("md_m") or opening.group("my_m")):
        return folded
    return folded[:position] + folded[position].lower() + folded[position + 1:]


def _vocabulary(rules: RuleSet) -> _Vocabulary:
    titles, qualifiers, hyphen_qualifiers, abbreviations = _word_lists(
        rules.lexicon("titles"), rules.lexicon("title_qualifiers"), rules.lexicon("abbreviations")
    )
    return _Vocabulary(
        hedges=rules.lexicon_pattern("hedges"),
        negations=rules.lexicon_pattern("negations"),
        verbs=rules.lexicon_pattern("attribution_verbs"),
        anonymous=rules.lexicon_pattern("anonymous_sources"),
        titles=titles,
        qualifiers=qualifiers,
        hyphen_qualifiers=hyphen_qualifiers,
        abbreviations=abbreviations,
    )


# Keyed by the lexicon contents, so a rule set's word lists are built once, not once per article.
@lru_cache(maxsize=16)
def _word_lists(
    titles: tuple[str, ...], qualifiers: tuple[str, ...], abbreviations: tuple[str, ...]
) -> tuple[dict[str, tuple[tuple[str, ...], ...]], frozenset[str], frozenset[str], frozenset[str]]:
    """Return the titles indexed by first token, the qualifiers, those written with "-", the abbreviations."""
    lowered = frozenset(q.lower() for q in qualifiers)
    hyphened = frozenset(q for q in lowered if q.endswith("-"))
    known = frozenset(abbreviations)
    index: dict[str, set[tuple[str, ...]]] = {}
    for title in titles:
        words = tuple(_split_tokens(title, known, hyphened)[0])
        if words:
            index.setdefault(words[0], set()).add(words)
    by_first = {first: tuple(sorted(found, key=lambda t: (-len(t), t))) for first, found in index.items()}
    return by_first, lowered, hyphened, known


def _cues(pattern: re.Pattern[str], lexical: str, shown: str) -> tuple[str, ...]:
    cues: list[str] = []
    for match in pattern.finditer(lexical):
        cue = " ".join(shown[match.start():match.end()].split())
        if cue not in cues:
            cues.append(cue)
    return tuple(cues)


def _occasion(
    dates: tuple[DateMention, ...], dated: tuple[str, int] | None, article_date: str | None
) -> tuple[str | None, str | None]:
    if dates:
        own = next((d.value for d in dates if len(d.value) == 10), None)
        return own or max(dates, key=lambda d: len(d.value)).value, "the claim"
    if dated is not None:
        return dated[0], f"line {dated[1]}"
    if article_date:
        return article_date, "the article's date"
    return None, None


def _confirm_sentence_openers(claims: list[Claim], pending: list[list[Entity]]) -> tuple[Claim, ...]:
    """Add a lone capitalised first word as an entity when the article names it elsewhere."""
    known = {e.key for c in claims for e in c.entities}
    confirmed = []
    for claim, unsure in zip(claims, pending):
        extra = tuple(e for e in unsure if e.key in known)
        if extra:
            claim = replace(claim, entities=tuple(sorted(claim.entities + extra, key=lambda e: e.start)))
        confirmed.append(claim)
    return tuple(confirmed)


# Dates


def _reference_day(reference: str | None) -> date | None:
    if not reference:
        return None
    try:
        return date.fromisoformat(reference[:10])
    except ValueError:
        return None


def _dates(text: str, reference: date | None, shift: int) -> tuple[tuple[DateMention, ...], list[tuple[int, int]]]:
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
        *last, name = match.group("wd").lower().split()
        back = (reference.weekday() - WEEKDAYS[name]) % 7
        if last and back == 0:
            back = 7  # "last Monday" said on a Monday is a week ago
        return (reference - timedelta(days=back)).isoformat()
    return _relative(" ".join(match.group("rel").lower().split()), reference)


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
    if phrase == "today":
        return reference.isoformat()
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


# Numbers


def _numbers(
    text: str, lexical: str, tokens: _Tokens, date_spans: list[tuple[int, int]], shift: int
) -> list[Quantity]:
    """Return the numbers of a text, offsets moved by `shift`; `lexical` is its _lexicon_text."""
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


def _word_numbers(text: str, lexical: str, tokens: _Tokens, shift: int) -> list[Quantity]:
    """Return the numbers written in words: "three", "twenty-three", "two hundred", "tens of thousands"."""
    words = tokens.words
    opening = _first_word(words)
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


def _word_number_at(tokens: _Tokens, i: int, word: str) -> tuple[int, str, bool] | None:
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


def _tens_and_unit(tokens: _Tokens, i: int) -> int:
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


# Tokens and entities


def _tokenise(span: str, vocabulary: _Vocabulary) -> _Tokens:
    return _Tokens(span, *_split_tokens(span, vocabulary.abbreviations, vocabulary.hyphen_qualifiers))


def _split_tokens(
    text: str, abbreviations: frozenset[str], hyphen_qualifiers: frozenset[str]
) -> tuple[list[str], list[int], list[int]]:
    """Cut text into words and marks; a full stop stays on initials, acronyms and abbreviations only."""
    words = TOKEN.findall(text)
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for word in words:
        # Tokens cover every character but spaces, so the next occurrence is the token itself.
        position = text.find(word, position)
        starts.append(position)
        position += len(word)
        ends.append(position)
    # Rarely needed, so done afterwards, from the end so that indices stay valid.
    for i in reversed([i for i, word in enumerate(words) if word[-1] in ".-" or "-" in word]):
        word = words[i]
        core = word
        if len(word) < 2:
            continue  # a mark
        if word[-1] == "-":
            core = word.rstrip("-")  # "two-" in "two- and three-year"
        elif word[-1] == ".":
            core = word[:-1]
            if "." in core or (len(core) == 1 and core.isupper()) or core in abbreviations:
                core = word  # "U.S.", "G.", "Gen.": the full stop is part of the word
        if core != word:
            cut = starts[i] + len(core)
            words[i:i + 1] = [core, word[len(core):]]
            starts.insert(i + 1, cut)
            ends.insert(i, cut)
            word = core
        if "-" in word and hyphen_qualifiers:
            head = word[: word.index("-") + 1]
            if len(head) < len(word) and head.lower() in hyphen_qualifiers:
                cut = starts[i] + len(head)
                words[i:i + 1] = [head, word[len(head):]]
                starts.insert(i + 1, cut)
                ends.insert(i, cut)
    return words, starts, ends


def _first_word(words: list[str]) -> int:
    for i, word in enumerate(words):
        if word[0].isalnum():
            return i
    return -1


def _is_title_case(words: list[str]) -> bool:
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


def _is_name_word(word: str) -> bool:
    """Tell whether a token can be part of a name: capitalised, not a function word, month or weekday."""
    first = word[0]
    if first.isdigit():
        return not word.isdigit() and any(c.isupper() for c in word)  # "19FortyFive"
    if not first.isupper():
        return False
    if "-" in word and word.rsplit("-", 1)[1][:1].islower():
        return False  # "Moscow-allied", "US-led": adjectives
    lower = word.rstrip(".").lower()
    if lower in MONTHS or lower in WEEKDAYS:
        return False
    return not (lower in FUNCTION_WORDS and (len(word) == 1 or word[1:].islower()))


def _is_acronym(word: str) -> bool:
    core = word.rstrip(".")  # "G." is an initial, "U.S." an acronym
    return len(core) > 1 and (core.isupper() or core[-1].isupper() or "." in core)


def _entities(
    tokens: _Tokens, vocabulary: _Vocabulary, verb_starts: set[int], shift: int
) -> tuple[list[_Found], list[_Found]]:
    """Return the entities of a claim, and the unsure ones: a lone capitalised word opening a sentence."""
    words = tokens.words
    count = len(words)
    consumed: set[int] = set()
    title_of: dict[int, str] = {}
    titles = vocabulary.titles
    marked = [i for i, w in enumerate(words) if w[0].isupper() or w[0].isdigit() or w in titles]
    resume = 0
    for k in marked:
        if k < resume or k in consumed or words[k] not in titles:
            continue
        length, name_at = _title_at(tokens, k, vocabulary)
        if not length:
            continue
        qualifier = _qualifier_before(tokens, k, vocabulary, consumed)
        title = " ".join(tokens.span[tokens.starts[k]:tokens.ends[k + length - 1]].split())
        if qualifier:
            title = f"{qualifier}{'' if qualifier.endswith('-') else ' '}{title}"
        title_of[name_at] = title
        consumed.update(range(k, k + length))
        resume = name_at
    first_word = _first_word(words)
    found: list[_Found] = []
    unsure: list[_Found] = []
    resume = 0
    for k in marked:
        if k < resume or k in consumed or not _is_name_word(words[k]):
            continue
        last = _run_end(tokens, k, consumed, title_of)
        resume = last + 1
        if k == last and words[k] in COMPANY_SUFFIXES:
            continue
        entity = _entity(tokens, k, last, title_of.get(k), shift)
        if entity is None:
            continue
        if entity.entity.title is None and _ends_with_title(words, entity.first, entity.last, vocabulary):
            continue  # "the Defense Minister said": an office, not a name
        if entity.entity.title is None and entity.first == entity.last:
            word = words[entity.first]
            opener = entity.first == first_word or (entity.first > 0 and words[entity.first - 1] in OPENING_MARKS)
            demonym = word.endswith(DEMONYM_ENDINGS) and entity.last + 1 < count and words[entity.last + 1][0].islower()
            # "Smith said" names a speaker; "Officials said" does not.
            speaks = _verb_follows(tokens, entity.last, verb_starts)
            speaks = speaks and not vocabulary.anonymous.fullmatch(word.lower())
            if (demonym or (opener and not _is_acronym(word))) and not speaks:
                if not demonym:
                    unsure.append(entity)
                continue
        found.append(entity)
    return found, unsure


def _run_end(tokens: _Tokens, k: int, consumed: set[int], title_of: dict[int, str], *, join_and: bool = True) -> int:
    """Return the last token of the capitalised sequence starting at token k."""
    words = tokens.words
    count = len(words)
    last = k
    while last + 1 < count and tokens.joined(last) and not words[last].endswith(POSSESSIVES):
        following = last + 1
        if following in consumed or following in title_of:
            break
        if _is_name_word(words[following]):
            last = following
            continue
        if following + 1 >= count or not tokens.joined(following) or not _is_name_word(words[following + 1]):
            break
        if words[following] in PARTICLES or (words[following] == "of" and words[last] in NOT_PERSON_WORDS):
            last = following + 1  # "Ursula von der Leyen", "Department of Defense"
        elif words[following] == "and" and join_and and following + 1 not in consumed:
            # "Securities and Exchange Commission", "Jones and Vining Inc"; not "Russia and Belarus".
            tail = _run_end(tokens, following + 1, consumed, title_of, join_and=False)
            if words[tail].rstrip(".") not in ORGANISATION_HEADS:
                break
            last = tail
        else:
            break
    return last


def _title_at(tokens: _Tokens, k: int, vocabulary: _Vocabulary) -> tuple[int, int]:
    """Return the length in tokens of a title at token k and where the name after it starts; (0, 0) if none.

    The name may follow a closing bracket or a comma: "[then-U.S. Advisor] Jake Sullivan",
    "the Defense Minister, Viktor Khrenin".
    """
    words = tokens.words
    for title in vocabulary.titles.get(words[k], ()):
        end = k + len(title)
        if end >= len(words) or tuple(words[k:end]) != title:
            continue
        if not all(tokens.joined(i) for i in range(k, end)):
            continue
        name_at = end
        if words[end] in ("]", ","):
            if end + 1 >= len(words) or not tokens.joined(end):
                continue
            name_at = end + 1
        if _is_name_word(words[name_at]) and words[name_at] not in HONORIFICS:
            return len(title), name_at
    return 0, 0


def _ends_with_title(words: list[str], first: int, last: int, vocabulary: _Vocabulary) -> bool:
    for start in range(first, last + 1):
        titles = vocabulary.titles.get(words[start])
        if titles and tuple(words[start:last + 1]) in titles:
            return True
    return False


def _qualifier_before(tokens: _Tokens, k: int, vocabulary: _Vocabulary, consumed: set[int]) -> str | None:
    """Find "former" or "then-" before a title, past up to two adjectives ("former U.S. President")."""
    words = tokens.words
    position = k - 1
    adjectives = 0
    while position >= 0 and tokens.joined(position):
        word = words[position]
        lower = word.lower()
        if position > 0 and tokens.joined(position - 1):
            pair = f"{words[position - 1].lower()} {lower}"
            if pair in vocabulary.qualifiers:
                consumed.update((position - 1, position))
                return pair
        if lower in vocabulary.qualifiers:
            consumed.add(position)
            return lower
        if adjectives < 2 and _is_name_word(word) and not word.endswith(POSSESSIVES) and position not in consumed:
            consumed.add(position)  # "Russian" in "Russian President": a description, not a name
            adjectives += 1
            position -= 1
            continue
        break
    return None


def _verb_follows(tokens: _Tokens, last: int, verb_starts: set[int]) -> bool:
    position = last + 1
    while position < len(tokens.words) and tokens.words[position].lower() in BETWEEN_SUBJECT_AND_VERB:
        position += 1
    return position < len(tokens.words) and tokens.starts[position] in verb_starts


def _entity(tokens: _Tokens, first: int, last: int, title: str | None, shift: int) -> _Found | None:
    words = tokens.words
    person = title is not None
    while first <= last and words[first] in HONORIFICS:
        first += 1
        person = True
    if first > last:
        return None
    name_words = words[first:last + 1]
    end = tokens.ends[last]
    for ending in POSSESSIVES:
        if name_words[-1].endswith(ending) and len(name_words[-1]) > len(ending):
            name_words[-1] = name_words[-1][: -len(ending)]
            end -= len(ending)
            break
    start = tokens.starts[first]
    name = " ".join(tokens.span[start:end].split())
    if len(name_words) > 1 and not any(_is_acronym(w) or w.rstrip(".") in NOT_PERSON_WORDS or w[0].isdigit() for w in name_words):
        person = True  # two or more plain capitalised words: "Jake Sullivan"
    key = _person_key(name_words) if person else " ".join(w.lower() for w in name_words)
    return _Found(Entity(name=name, key=key, title=title, start=start + shift, end=end + shift), first, last)


def _person_key(name_words: list[str]) -> str:
    """Return the surname, lower case, with its particles: "putin", "von der leyen", "assad"."""
    words = [w for w in name_words if w not in NAME_SUFFIXES] or name_words
    surname = [words[-1]]
    for word in reversed(words[:-1]):
        if word.lower() not in PARTICLES:
            break
        surname.insert(0, word)  # "Van Haecke", "von der Leyen"
    key = " ".join(surname).lower()
    for prefix in ("al-", "el-"):
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix):]
    return key


# Attribution


def _attribution(
    tokens: _Tokens,
    lexical: str,
    verb_matches: list[re.Match[str]],
    found: list[_Found],
    vocabulary: _Vocabulary,
    titled: dict[str, str],
) -> tuple[str | None, bool]:
    """Return who the claim comes from, and whether it is a pronoun to resolve from earlier claims."""
    words = tokens.words
    cues: list[tuple[int, int, str]] = []  # first token of the cue, token after it, the cue
    index_of = {start: i for i, start in enumerate(tokens.starts)}
    end_index = {end: i for i, end in enumerate(tokens.ends)}
    for match in verb_matches:
        first, last = index_of.get(match.start()), end_index.get(match.end())
        if first is not None and last is not None:
            cues.append((first, last + 1, " ".join(match.group().split())))
    for i, word in enumerate(words):
        if word.lower() == "via" and (i == 0 or words[i - 1] in CLAUSE_MARKS):
            cues.append((i, i + 1, "via"))  # "... involving Russia. via Reuters"; not "moved via Poland"
    # "Japan warned ..., a senior official said": the saying names the source, so it goes first.
    cues.sort(key=lambda cue: (cue[2] not in PRIMARY_CUES, cue[0]))
    context = _Context(tokens, lexical, found, vocabulary, titled)
    for first, after, cue in cues:
        if cue == "via":
            entity = context.entity_starting(after)
            if entity is not None:
                return entity.name, False
        elif cue == "according to":
            source = context.phrase_source(after, allow_generic=True, cue_start=tokens.starts[first])
            if source is not None:
                return source, False
        else:
            source, inherits = context.verb_source(first, after, cue)
            if source is not None or inherits:
                return source, inherits
    return None, False


class _Context:
    """One claim's tokens and entities, to read the source of an attribution cue from."""

    def __init__(
        self, tokens: _Tokens, lexical: str, found: list[_Found], vocabulary: _Vocabulary, titled: dict[str, str]
    ) -> None:
        self.tokens = tokens
        self.lexical = lexical
        self.anonymous = vocabulary.anonymous
        self.titled = titled
        self.found = found
        self.by_last = {f.last: f.entity for f in found}
        self.by_first = {f.first: f.entity for f in found}

    def entity_starting(self, position: int) -> Entity | None:
        """Return the entity at token `position`, past one determiner ("via the BBC")."""
        words = self.tokens.words
        if position < len(words) and words[position].lower() in DETERMINERS:
            position += 1
        return self.by_first.get(position)

    def verb_source(self, first: int, after: int, cue: str) -> tuple[str | None, bool]:
        """Return the source of "X said", "X, the minister, said", "said X" or "he said"."""
        words = self.tokens.words
        if cue in SPEECH_ONLY_WITH_QUOTE and after < len(words) and words[after][0].isalnum():
            return None, False
        position = first - 1
        while position >= 0 and words[position].lower() in BETWEEN_SUBJECT_AND_VERB:
            position -= 1
        if cue == "saying" and position > 0 and words[position] == "as":
            position -= 1  # "quoted industry sources as saying"
        if position >= 0 and (words[position].lower() in PASSIVE or words[position] == "to"):
            return None, False  # "it can be said", "is said to", "declined to say"
        if position >= 0 and words[position].lower() in SUBJECT_BOUNDARY:
            return None, False  # "..., which said", "as said": no subject to read
        if position < 0 or words[position] in CLAUSE_MARKS:
            if position >= 0 and words[position] == ",":
                source = self._appositive_subject(position)
                if source is not None:
                    return source, False
            if position >= 0 and words[position] == "]":
                return self._bracketed(position), False
            return self.phrase_source(after, allow_generic=cue in SPEECH_VERBS, inverted=True), False
        if words[position].lower() in PRONOUNS:
            return None, True
        if position in self.by_last:
            return self.by_last[position].name, False
        return self._subject_phrase(position, first, cue), False

    def _subject_phrase(self, last: int, verb: int, cue: str) -> str | None:
        """Return an unnamed source ("officials", "sources close to the talks") or a common noun one."""
        words = self.tokens.words
        first = last
        while (
            first > 0
            and last - first < MAX_SUBJECT_WORDS - 1
            and words[first - 1][0].isalnum()
            and words[first - 1].lower() not in SUBJECT_BOUNDARY
        ):
            first -= 1
        starts, ends = self.tokens.starts, self.tokens.ends
        anonymous = self.anonymous.search(self.lexical, starts[first], ends[verb])
        if anonymous is not None and anonymous.start() < ends[last]:
            return " ".join(self.lexical[anonymous.start():ends[last]].lower().split())
        opens_clause = first == 0 or words[first - 1] in CLAUSE_MARKS or words[first].lower() in DETERMINERS
        if cue in SPEECH_VERBS and opens_clause:  # not "... banking and portfolio investment said"
            return self._generic(first, last)
        return None

    def _appositive_subject(self, comma: int) -> str | None:
        """Return the name before "X, <description>, said"."""
        words = self.tokens.words
        position = comma - 1
        while position > 0 and comma - position < APPOSITIVE_TOKENS:
            if words[position] == ",":
                entity = self.by_last.get(position - 1)
                return entity.name if entity is not None and words[position + 1][0].islower() else None
            if words[position] in CLAUSE_MARKS:
                return None
            position -= 1
        return None

    def _bracketed(self, closing: int) -> str | None:
        """Return the editor's gloss in "it [the defense ministry] said"."""
        words = self.tokens.words
        opening = closing - 1
        while opening > 0 and closing - opening < 12 and words[opening] != "[":
            opening -= 1
        if words[opening] != "[" or opening + 1 >= closing:
            return None
        entity = self.entity_starting(opening + 1)
        if entity is not None:
            return entity.name
        return self._generic(opening + 1, closing - 1)

    def phrase_source(
        self, start: int, *, allow_generic: bool, inverted: bool = False, cue_start: int | None = None
    ) -> str | None:
        """Return the source named after a cue: "according to X", "said X", "reads the X report"."""
        words = self.tokens.words
        end = start
        while end < len(words) and end - start < MAX_PHRASE_WORDS and words[end][0].isalnum():
            if end > start and words[end].lower() in SUBJECT_BOUNDARY:
                break
            end += 1
        if end == start:
            return None
        starts, ends = self.tokens.starts, self.tokens.ends
        search_from = starts[start] if cue_start is None else cue_start  # "according to reports" includes the cue
        anonymous = self.anonymous.search(self.lexical, search_from, ends[end - 1])
        inside = [f for f in self.found if start <= f.first < end]
        if anonymous is not None and (not inside or ends[inside[-1].last] <= anonymous.start()):
            return " ".join(self.lexical[max(anonymous.start(), starts[start]):ends[end - 1]].lower().split())
        if inside:
            chosen = inside[0] if inverted else inside[-1]
            tail = chosen.last + 1
            if (
                chosen.entity.title is None
                and not inverted
                and 0 < end - tail <= 2
                and all(w.islower() for w in words[tail:end])
            ):
                return " ".join(self.tokens.span[starts[chosen.first]:ends[end - 1]].split())  # "US agencies"
            return chosen.entity.name
        if not allow_generic:
            return None
        if inverted and words[start].lower() not in DETERMINERS:
            return None  # "reports indicate a shift": what follows the verb is not its subject
        phrase_end = start + 1
        while phrase_end < end and words[phrase_end].lower() not in DETERMINERS:
            phrase_end += 1
        return self._generic(start, phrase_end - 1)

    def _generic(self, first: int, last: int) -> str | None:
        """Return a common-noun source ("the report" -> "report"), or the person a title names."""
        words = self.tokens.words[first:last + 1]
        definite = bool(words) and words[0].lower() == "the"
        while words and words[0].lower() in DETERMINERS:
            words = words[1:]
        if not words or len(words) > 3 or not all(w[0].isalpha() for w in words) or not words[-1].islower():
            return None
        if definite and words[-1] in self.titled:
            return self.titled[words[-1]]  # "the minister told" after "Defense Minister Viktor Khrenin"
        return " ".join(words)  # "report", "U.S. intelligence agencies"
