"""Claim text + Vocabulary -> the cues that make a claim's assertion negative, double negations cancelled."""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.vocabulary import Vocabulary

# Words that may stand between a negator and the predicate it cancels without changing the
# reading: "did not publicly deny", "has not yet ruled out", "refuses to rule out".
BETWEEN_CANCELLING = frozenset(
    "to yet ever even so far once been be have has had formally explicitly publicly immediately "
    "entirely completely fully flatly".split()
)
MAX_BETWEEN = 2  # words between two cues that cancel
# A cheap test before the patterns: "even" rather than "even if", which the pattern also finds
# with two spaces or a no-break space between the words.
SIDE_CLAUSE_WORDS = ("who", "which", "whom", "hough", "whereas", "even", "order", "so", "prevent")
# "not only ... but also" adds rather than denies.
NOT_ADDITIVE = re.compile(r"(?<![^\S\n])[^\S\n]+(?:only|just|merely)\b")  # from the first space of a run: linear
WORD = re.compile(r"[\w'’-]+|[^\w\s]")
# A relative or concessive clause says something beside the claim's assertion: a negation in it
# leaves the assertion as it is ("The mayor, who never gave interviews, opened the bridge";
# "Damage was found, although this has not been confirmed"). The clause runs to the next mark.
SIDE_CLAUSE = re.compile(
    r"(?:(?<=[,(—–])|^)[^\S\n]*(?:who|which|whom|whose|although|though|whereas|even[^\S\n]+though|even[^\S\n]+if)\b"
    r"[^,;:()—–.!?]*",
    re.IGNORECASE,
)
# A purpose tells what was meant to happen or not, not what did: "adopted him in order to
# prevent a feud", "closed the dam so that the town would not flood", "left so as not to wake her",
# "adopted him to prevent him turning": to prevent a thing is not to say it did not happen.
PURPOSE = re.compile(
    r"\b(?:in[^\S\n]+order|so[^\S\n]+as)[^\S\n]+(?:not[^\S\n]+)?to\b[^,;:()—–.!?]*|\bso[^\S\n]+that\b[^,;:()—–.!?]*"
    r"|\bto[^\S\n]+prevent\b[^,;:()—–.!?]*",
    re.IGNORECASE,
)


def side_clauses(text: str) -> list[tuple[int, int]]:
    """Return the spans of the relative, concessive and purpose clauses of a claim, whose negations leave its assertion as it is."""
    if not any(word in text for word in SIDE_CLAUSE_WORDS):
        return []
    return sorted([m.span() for m in SIDE_CLAUSE.finditer(text)] + [m.span() for m in PURPOSE.finditer(text)])


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    predicate: bool  # a negative predicate ("denied") rather than a negator ("not")


def find_negations(lexical: str, shown: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Return the cues that leave the claim negative, each once, as written in `shown`.

    A negator ("not", "never"), a negative predicate ("rejected", "ruled out") or a refutation
    after a copula ("are false", "was a hoax") negates the claim. A negator or a negative
    predicate followed closely by a negative predicate or a refutation cancels with it: "did
    not deny", "has not rejected", "refuses to rule out" and "is not false" assert the
    positive, so their cues are dropped. Empty means the claim asserts the positive.
    """
    # A negator joined to the next word by a hyphen makes a compound: "a no-show", "not-for-profit".
    cues = [_Cue(m.start(), m.end(), False) for m in vocabulary.negations.finditer(lexical) if not lexical.startswith("-", m.end())]
    if cues or vocabulary.negative_predicates.search(lexical):
        cues += [_Cue(m.start(), m.end(), True) for m in vocabulary.negative_predicates.finditer(lexical)]
    cues += [_Cue(m.start("word"), m.end("word"), True) for m in vocabulary.refutations.finditer(lexical)]
    if not cues:
        return ()
    cues.sort(key=lambda c: c.start)
    sides = side_clauses(lexical)
    if sides:
        cues = [c for c in cues if not any(start <= c.start < end for start, end in sides)]
        if not cues:
            return ()
    cancelled: set[int] = set()
    for i, cue in enumerate(cues):
        if i in cancelled:
            continue
        if not cue.predicate and NOT_ADDITIVE.match(lexical, cue.end):
            cancelled.add(i)
            continue
        following = i + 1
        if following < len(cues) and cues[following].predicate and _close(lexical[cue.end:cues[following].start]):
            cancelled.update((i, following))
    found: list[str] = []
    for i, cue in enumerate(cues):
        if i in cancelled:
            continue
        written = " ".join(shown[cue.start:cue.end].split())
        if written not in found:
            found.append(written)
    return tuple(found)


def _close(gap: str) -> bool:
    """Tell whether two cues are near enough to govern one another: a few adverbs or "to" apart."""
    words = WORD.findall(gap)
    return len(words) <= MAX_BETWEEN and all(w.lower() in BETWEEN_CANCELLING for w in words)
