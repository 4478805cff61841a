"""Who holds a ranked role: "The first miner out was Ana Ruiz", "Tomas Berg, the youngest victim".

A rank word (lexicons/role_ranks.txt: "first", "last", "youngest") singles out one holder of a
role among its kind, so two sources naming two holders of one ranked role in one story
contradict each other whatever else their sentences say, and two names holding differently
ranked roles ("the first climber" and "the last climber") hold no role in common.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from checker.align import REPORTING_AFTER, WORD, lemma
from checker.model import Claim
from checker.numbers import is_number_word
from checker.tokens import FUNCTION_WORDS

# A ranked role: (rank word, lemmas of the words it ranks). "youngest" alone ranks what the
# sentence speaks of: ("youngest", frozenset()).
Rank = tuple[str, frozenset[str]]

# Words between the ranked role and the name that leave the name its holder: adverbs of report
# ("reportedly"), a second ranked role, a title or age given in apposition.
MAX_GAP_WORDS = 6
# Words that end a role after its rank: "the first woman to lead", "the last flight from".
PARTICLES = frozenset({"out", "home", "up", "off", "away", "back", "ashore", "down"})
GAP_WORDS_KEPT = frozenset({"the", "a", "an"})
# A rank of these tells when, not who: "In the first quarter, Kestrel earned ...".
OCCASIONS = frozenset(
    "time times day week month year quarter half period season round phase stage session hour minute decade century term".split()
)
# The binding between a ranked role and its holder: a copula or an apposition.
COPULA = r"(?:was|is|were|are|will\s+be|would\s+be|has\s+been|had\s+been|became|becomes)"
ROLE_WORD = r"[a-z][\w'’-]*"


@lru_cache(maxsize=8)
def _patterns(ranks: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    listed = "|".join(sorted((re.escape(r) for r in ranks), key=len, reverse=True))
    # "the first miner out was reportedly the youngest, apprentice " before a name
    before = re.compile(
        rf"\b(?:the|its|their)\s+(?P<rank>{listed})\b(?P<role>(?:\s+{ROLE_WORD}){{0,3}}?)"
        rf"\s*(?:,|\s{COPULA}\b)(?P<gap>[^.;:!?()]*?)\s*$",
        re.IGNORECASE,
    )
    # ", the youngest victim" or " was the first runner home" after a name
    after = re.compile(
        rf"\s*(?:,\s*|\s+{COPULA}\s+(?:\w+ly\s+)?)(?:the|its|their)\s+(?P<rank>{listed})\b(?P<role>(?:\s+{ROLE_WORD}){{0,3}})",
        re.IGNORECASE,
    )
    return before, after


def ranked_roles(claim: Claim, ranks: Mapping[str, str], speech: frozenset[str] = frozenset()) -> dict[str, frozenset[Rank]]:
    """Return the ranked roles each name of a claim holds, by entity key; names holding none are left out.

    `ranks` gives each rank word its rank: "sole" -> "only".

    A name holds a role written before it when only a copula or a comma, and then a few
    lower-case words (a title, "reportedly", another rank), stand between: "The first miner out
    was reportedly the youngest, apprentice Ana Ruiz". A name is not the holder when another
    name, a preposition or a verb of speech stands between: "The first flight, operated by
    Kestrel Air", "The last vote, said Ana Ruiz".
    """
    if not ranks or not any(w in ranks for w in WORD.findall(claim.text.lower())):
        return {}
    before, after = _patterns(frozenset(ranks))
    held: dict[str, set[Rank]] = {}
    for entity in claim.entities:
        start, end = entity.start - claim.start, entity.end - claim.start
        if REPORTING_AFTER.match(claim.text[end:].lower()):
            continue  # "The only problem, Ana Ruiz said, was the cost": who tells it, not who holds it
        window_start = max(0, start - 160)
        window = claim.text[window_start:start]
        for opening in re.finditer(r"\b(?:the|its|their)\s", window, re.IGNORECASE):
            found = before.match(window, opening.start())
            if found and _holds(found.group("gap"), speech) and not _occasion(found) and (rank := _rank(found, ranks)):
                held.setdefault(entity.key, set()).add(rank)
        found = after.match(claim.text, end)
        if found and not _occasion(found) and (rank := _rank(found, ranks)):
            held.setdefault(entity.key, set()).add(rank)
    return {key: frozenset(ranked) for key, ranked in held.items()}


def _holds(gap: str, speech: frozenset[str]) -> bool:
    """Tell whether the words between a ranked role and a name leave the name its holder."""
    words = gap.replace(",", " ").split()
    if len(words) > MAX_GAP_WORDS:
        return False
    return all(
        w.islower() and (w not in FUNCTION_WORDS or w in GAP_WORDS_KEPT) and w not in speech or w.isdigit() for w in words
    )


def _occasion(found: re.Match[str]) -> bool:
    return any(w.lower() in OCCASIONS for w in found.group("role").split())


def _rank(found: re.Match[str], ranks: Mapping[str, str]) -> Rank | None:
    """Return the ranked role a match tells; None for a rank of many ("the first two climbers", "the first climbers")."""
    rank, role = ranks[found.group("rank").lower()], []
    words = found.group("role").split()
    if len(words) > 1 and words[0].lower() == "to":
        # "the first to arrive" ranks those who arrive; "the first to leave" others.
        return rank, frozenset({lemma(words[1].lower())})
    for word in words:
        lowered = word.lower()
        if lowered in FUNCTION_WORDS and lowered not in PARTICLES:
            break
        if not role and lowered.endswith("est"):
            # "the fourth largest brokerage" is ranked by size: another rank than the fourth to come.
            rank = f"{rank} {lowered}"
            continue
        role.append(lowered)
    kind = [w for w in role if w not in PARTICLES]
    if any(w.isdigit() or is_number_word(w) for w in kind) or kind and _plural(kind[-1]):
        return None
    return rank, frozenset(lemma(w) for w in kind)


def _plural(word: str) -> bool:
    return word.endswith("s") and lemma(word) != word


def same_rank(x: Rank, y: Rank) -> bool:
    """Tell whether two ranked roles are one: the same rank of the same kind, or the same rank alone."""
    return x[0] == y[0] and (bool(x[1] & y[1]) or not x[1] and not y[1])
