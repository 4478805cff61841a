"""Article + regions -> Claims with start, end, line and kind (features come later, in describe)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from checker.model import Article, Claim, ClaimKind
from checker.rules import RuleSet

# A candidate sentence end: a run of terminal punctuation or a spaced ellipsis (". . ."), then
# closing quotes or brackets, then white space. The look-behinds start a match only at the head
# of a run (". . ." included) and the possessive quantifiers never give characters back, so a
# failed match is never retried inside its run: a megabyte of dots, spaced or not, is scanned in
# linear time. They come after the first character so that the engine can skip ahead to
# punctuation (5 times faster than a leading look-behind on Reuters stories).
CANDIDATE_END = re.compile(
    r"[.!?…‽](?<![.!?…‽][.!?…‽])(?<!\. \.)(?:(?<=\.)(?: \.){2,}+|[.!?…‽]*+)[\"'”’)\]]*+(?=\s)"
)
# The look-behinds let a match start only at the head of a run of blanks or of a word, so even
# finditer over a megabyte of either is linear. A word longer than 40 characters has no
# PREVIOUS_WORD and is judged as an ordinary word.
NEXT_WORD = re.compile(r"(?<!\s)\s++(\S{1,40})")
PREVIOUS_WORD = re.compile(r"(?<!\S)(\S{1,40})$")
WORD_SPLIT = re.compile(r"[-/–—]")
LEADING_LETTERS = re.compile(r"[^\W\d_]+")
INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # "U.S.A", "N.Y": periods inside the word
LIST_NUMBER = re.compile(r"\d{1,2}")
NEWLINE = re.compile(r"\n")
NON_SPACE = re.compile(r"\S")
QUOTE_MARK = re.compile(r"[“”\"]")
CURLY_OPENING = re.compile(r"“")
CURLY_CLOSING = re.compile(r"”")
STRAIGHT_QUOTE = re.compile(r"\"")
BULLET_MARKER = re.compile(r"[-*•⁃–—‣▪◦]+\s*|\d{1,3}[.)]{1,2}\s+|\(\d{1,3}\)\s+")
# A bullet inside a block ("• 9. The first item • 10. The second item") starts a new claim.
INLINE_BULLET = re.compile(r"[•⁃‣▪◦](?<=\s.)")
BULLETS = "•⁃‣▪◦"
# An inline list marker: "2.", "2.)", "2)" or "b." after white space or a bullet. It starts an
# item only in a run counting up from 1 or "a" (or from any number when every marker has a
# bullet), so "it had 2. By 1991 it had 3." is left alone. The white space is consumed, not
# looked behind (twice as fast); LIST_MARKER_AT_START finds a marker at the start of the text.
LIST_MARKER_BODY = r"((\d{1,2})|([a-z]))(\.\)|\)|\.)(?=\s)"
LIST_MARKER = re.compile(r"[\s•⁃‣▪◦]" + LIST_MARKER_BODY)
LIST_MARKER_AT_START = re.compile(LIST_MARKER_BODY)
LIST_FIRST_VALUES = (1, ord("a"))
OPENING_QUOTES = "\"“‘'«"
OPENING_PUNCTUATION = "\"“‘'«([¿¡"
ELLIPSIS = ".…"
CURRENCY = "$£€¥"
HAS_WORD = re.compile(r"[^\W_]")
# Abbreviations written before what they qualify (titles, "No. 3", "Jan. 5", "vs."): a name or
# number follows, never the next sentence. Every other abbreviation in the lexicon ("Inc.",
# "U.S.", "a.m.", "Ill.") may also end a sentence, and does when a sentence opener follows.
PREPOSITIVE_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Prof St Gen Lt Col Maj Capt Cmdr Adm Sgt Cpl Pvt Gov Sen Rep Rev Hon Pres Supt "
    "Insp Det Messrs Mme Mlle Fr Mt Ft No Nos N° Nº Vol Vols Fig Figs pp p para art sec ch "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec e.g i.e cf viz vs v ca c approx est".split()
)
# Words that plainly open a sentence: after an abbreviation or an initial, only these make the
# full stop a sentence end ("I live in the U.S. How about you?" but "the U.S. Government").
SENTENCE_OPENERS = frozenset(
    "A An The This That These Those It Its He She They We I You His Her Their Our My But And Or So "
    "Yet If When While After Before Since As In On At For From To With Without By Of There Here How "
    "What Why Who Where Which Meanwhile However Still Then Now Today Yesterday Mr Mrs Ms Dr No Some "
    "Many Most All Both Each Every One Two Three".split()
)
# "At 5 a.m. Mr. Smith went" is not a sentence end, "He left at 6 P.M. Mr. Smith then" is: a full
# stop after an abbreviation ends a sentence only after this many words. All such "sentences"
# in the 48 pySBD golden rules have 5 or more words; "At 5 a.m." has 3.
MIN_WORDS_BEFORE_ABBREVIATION_END = 4
MAX_QUOTE_SPAN = 600  # characters; a longer "quotation" is more likely an unmatched quote mark
QUOTE_SHARE = 0.6  # share of a claim inside quotation marks that makes it a quote


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    kind: ClaimKind


def segment(article: Article, rules: RuleSet) -> tuple[Claim, ...]:
    """Split an article into claims; furniture regions become claims of their kind, markup none."""
    text = article.text
    abbreviations = frozenset(rules.lexicon("abbreviations"))
    spans: list[_Span] = []
    for start, end, kind in _pieces(article):
        if kind in ("heading", "caption"):
            spans.extend(_Span(s, e, kind) for s, e in _lines(text, start, end))
        else:
            claim_kind: ClaimKind = "boilerplate" if kind == "boilerplate" else "claim"
            for block_start, block_end in _blocks(text, start, end):
                spans.extend(_Span(s, e, claim_kind) for s, e in split_sentences(text, block_start, block_end, abbreviations))
    newlines = [m.start() for m in NEWLINE.finditer(text)]
    claims = []
    for span in spans:
        start, end = _strip(text, span.start, span.end)
        if start >= end or not HAS_WORD.search(text, start, end):
            continue
        body = text[start:end]
        kind = span.kind
        if kind == "claim" and _quoted_share(body) >= QUOTE_SHARE:
            kind = "quote"
        claims.append(
            Claim(
                id=f"{article.id}:{len(claims) + 1}",
                text=" ".join(body.split()),
                start=start,
                end=end,
                line=bisect.bisect_right(newlines, start - 1) + 1,
                kind=kind,
            )
        )
    return tuple(claims)


def _pieces(article: Article) -> list[tuple[int, int, str]]:
    """Cut the text at region edges: (start, end, kind) with kind "text" where no region lies."""
    pieces: list[tuple[int, int, str]] = []
    position = 0
    for region in article.regions:
        if region.end <= position:
            continue
        if region.start > position:
            pieces.append((position, region.start, "text"))
        if region.kind not in ("markup", "metadata"):
            pieces.append((max(position, region.start), region.end, region.kind))
        position = region.end
    if position < len(article.text):
        pieces.append((position, len(article.text), "text"))
    return pieces


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, position = [], start
    while position < end:
        newline = text.find("\n", position, end)
        stop = end if newline == -1 else newline
        spans.append((position, stop))
        position = stop + 1
    return spans


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split at blank lines, and at single line breaks unless the next line continues a sentence."""
    blocks, block_start = [], start
    for line_start, line_end in _lines(text, start, end):
        stripped = text[line_start:line_end].lstrip()
        continues = bool(stripped) and stripped[0].islower()
        if line_start > block_start and not continues:
            blocks.append((block_start, line_start))
            block_start = line_start
        if not stripped:
            blocks.append((block_start, line_end))
            block_start = line_end
    blocks.append((block_start, end))
    result = []
    for block_start, block_end in blocks:
        block_start, block_end = _strip(text, block_start, block_end)
        if block_start >= block_end:
            continue
        marker = BULLET_MARKER.match(text, block_start, block_end)
        if marker and marker.end() < block_end and not text[marker.end()].isdigit():
            block_start = marker.end()
        result.append((block_start, block_end))
    return result


def split_sentences(text: str, start: int, end: int, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Return sentence spans of text[start:end], one block with no paragraph break inside.

    Spans may carry white space at either edge; spans of white space only are left out.
    """
    quotations = _quotation_spans(text, start, end)
    item_starts, marker_stops = _list_items(text, start, end)
    item_starts.extend(m.start() for m in INLINE_BULLET.finditer(text, start, end) if m.start() > start)
    item_starts.sort()
    cuts = set(item_starts)
    sentence_start = start
    for match in CANDIDATE_END.finditer(text, start, end):
        if match.start() in marker_stops or _inside(quotations, match.start(), match.end()):
            continue
        item = bisect.bisect_right(item_starts, match.start())
        if item:
            sentence_start = max(sentence_start, item_starts[item - 1])
        cut = _sentence_end(text, match, end, abbreviations, sentence_start)
        if cut is not None:
            cuts.add(cut)
            sentence_start = cut
    spans, previous = [], start
    for cut in sorted(cuts):
        if NON_SPACE.search(text, previous, cut):
            spans.append((previous, cut))
            previous = cut
    if previous == start or NON_SPACE.search(text, previous, end):
        spans.append((previous, end))
    else:
        spans[-1] = (spans[-1][0], end)
    return spans


def _sentence_end(text: str, match: re.Match[str], end: int, abbreviations: frozenset[str], sentence_start: int) -> int | None:
    """Return where the sentence ends if the candidate `match` ends one, else None."""
    punctuation = match.group()
    following = NEXT_WORD.match(text, match.end(), end)
    if following is None or not _may_open_sentence(following.group(1)):
        return None
    next_word = following.group(1)
    at = match.start()
    if at > 0 and text[at - 1] in "[(":
        return None  # "[...]" marks words left out, not an end
    if " " in punctuation:
        # A spaced ellipsis: three dots leave words out inside a sentence; four are a full stop
        # and an ellipsis, and a full stop straight after a word comes first (Chicago style).
        if punctuation.count(".") < 4:
            return None
        attached = at > 0 and not text[at - 1].isspace()
        return at + 1 if attached else match.end()
    before = PREVIOUS_WORD.search(text, max(0, at - 40), at)
    # "[then-U.S." is checked as "U.S.".
    word = WORD_SPLIT.split(before.group(1).lstrip("([\"'“‘"))[-1] if before else ""
    if "?" in punctuation or "!" in punctuation or "‽" in punctuation:
        if word + punctuation[0] in abbreviations:
            # A name with its own "!" ("Yahoo! Research"), unless a sentence plainly starts.
            return match.end() if _is_opener(next_word) else None
        return match.end()
    if "…" in punctuation or punctuation.startswith(".."):
        return match.end()
    bare = word.rstrip(".")
    if bare in abbreviations or INITIALS.fullmatch(bare):
        if bare in PREPOSITIVE_ABBREVIATIONS or not _is_opener(next_word):
            return None
        return match.end() if _word_count(text, sentence_start, at) >= MIN_WORDS_BEFORE_ABBREVIATION_END else None
    if len(bare) == 1 and bare.isupper():
        # An initial ("Aleksandr G. Lukashenko"), unless a sentence plainly starts after it or
        # it is the pronoun ("you and I. Did you see Albert I. Jones?").
        if _is_opener(next_word) or (bare == "I" and _follows_lowercase_word(text, at - 1)):
            return match.end()
        return None
    if LIST_NUMBER.fullmatch(bare) and (at - len(bare) == 0 or text[at - len(bare) - 1].isspace()):
        # "1. The first item": a list number, not a sentence end.
        prior = text[max(0, at - len(bare) - 3) : at - len(bare)]
        if prior.strip() == "" or prior.rstrip().endswith((".", ")")):
            return None
    return match.end()


def _may_open_sentence(word: str) -> bool:
    """Tell whether a word can start a sentence: a quotation mark, a capital, a digit or a currency sign first."""
    if word[0] in OPENING_QUOTES:
        return True  # a quotation may open in lower case: 'he said. "we would ...," he added.'
    core = word.lstrip(OPENING_PUNCTUATION).lstrip(ELLIPSIS)
    if not core:
        return False
    first = core[0]
    return first.isupper() or first.isdigit() or first in CURRENCY


def _is_opener(word: str) -> bool:
    letters = LEADING_LETTERS.match(word.lstrip(OPENING_PUNCTUATION))
    return letters is not None and letters.group() in SENTENCE_OPENERS


def _follows_lowercase_word(text: str, position: int) -> bool:
    before = PREVIOUS_WORD.search(text, max(0, position - 41), max(0, position - 1))
    return before is not None and position > 0 and text[position - 1].isspace() and before.group(1)[0].islower()


def _word_count(text: str, start: int, end: int) -> int:
    return len(text[start:end].split(None, MIN_WORDS_BEFORE_ABBREVIATION_END))


def _list_items(text: str, start: int, end: int) -> tuple[list[int], set[int]]:
    """Return where inline list items begin and where their markers' full stops stand."""
    markers = list(LIST_MARKER.finditer(text, max(0, start - 1), end))
    if start == 0:
        first = LIST_MARKER_AT_START.match(text, 0, end)
        if first:
            markers.insert(0, first)
    runs: dict[tuple[bool, str], list[list[tuple[int, re.Match[str]]]]] = {}
    for marker in markers:
        _, number, letter, punctuation = marker.groups()
        value = int(number) if number else ord(letter)
        style = runs.setdefault((number is not None, punctuation), [])
        if style and style[-1][-1][0] + 1 == value:
            style[-1].append((value, marker))
        else:
            style.append([(value, marker)])
    item_starts: list[int] = []
    marker_stops: set[int] = set()
    for style in runs.values():
        for run in style:
            bulleted = [_bullet_before(text, marker.start(1)) for _, marker in run]
            if len(run) < 2 or not (run[0][0] in LIST_FIRST_VALUES or all(b is not None for b in bulleted)):
                continue
            for (_, marker), bullet in zip(run, bulleted):
                item_start = marker.start(1) if bullet is None else bullet
                if item_start > start and NON_SPACE.search(text, start, item_start):
                    item_starts.append(item_start)
                marker_stops.add(marker.start(4))
    return item_starts, marker_stops


def _bullet_before(text: str, position: int) -> int | None:
    """Return the position of a bullet just before position ("•9." or "• 9."), if any."""
    if position >= 1 and text[position - 1] in BULLETS:
        return position - 1
    if position >= 2 and text[position - 1] == " " and text[position - 2] in BULLETS:
        return position - 2
    return None


def _quotation_spans(text: str, start: int, end: int) -> tuple[tuple[list[int], list[int]], ...]:
    """Return the balanced quotations, so sentences inside one stay together.

    Two lists of (openings, closings), curly and straight, each sorted and without overlaps.
    """
    curly_openings: list[int] = []
    curly_closings: list[int] = []
    closings = [m.start() for m in CURLY_CLOSING.finditer(text, start, end)]
    if closings:
        position = start
        for match in CURLY_OPENING.finditer(text, start, end):
            opening = match.start()
            if opening < position:
                continue
            index = bisect.bisect_right(closings, opening)
            if index < len(closings) and closings[index] < opening + MAX_QUOTE_SPAN:
                curly_openings.append(opening)
                curly_closings.append(closings[index])
                position = closings[index] + 1
    straight = [m.start() for m in STRAIGHT_QUOTE.finditer(text, start, end)]
    straight_openings: list[int] = []
    straight_closings: list[int] = []
    if len(straight) % 2 == 0:
        for opening, closing in zip(straight[::2], straight[1::2]):
            if closing - opening <= MAX_QUOTE_SPAN:
                straight_openings.append(opening)
                straight_closings.append(closing)
    return (curly_openings, curly_closings), (straight_openings, straight_closings)


def _inside(quotations: tuple[tuple[list[int], list[int]], ...], start: int, end: int) -> bool:
    """Tell whether text[start:end] lies inside a quotation, its closing mark not included.

    The closing mark may follow the punctuation: '"This is great." she said.' is checked as usual.
    """
    for openings, closings in quotations:
        index = bisect.bisect_left(openings, start)
        if index and end <= closings[index - 1]:
            return True
    return False


def _quoted_share(body: str) -> float:
    if not body or body[0] not in OPENING_QUOTES:
        return 0.0
    quoted = 0
    inside_from: int | None = None
    for match in QUOTE_MARK.finditer(body):
        mark = match.group()
        if inside_from is not None:
            quoted += match.start() - inside_from
        if mark == "“" or (mark == '"' and inside_from is None):
            inside_from = match.end()
        else:
            inside_from = None
    if inside_from is not None:
        quoted += len(body) - inside_from
    return quoted / len(body)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
