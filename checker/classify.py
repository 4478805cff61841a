"""Candidate pairs -> Pairs with a relation (agrees / conflicts / related) and typed Conflicts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from rapidfuzz import fuzz

from checker.match import Candidate
from checker.model import Claim, Conflict, Entity, Pair, Update
from checker.reliability import lexicon_text
from checker.rules import RuleSet
from checker.text import content_tokens, stem

# Template check for `entity` conflicts: with the names blanked, the two claims must read alike.
SAME_FRAME = 0.8
RANGE = re.compile(r"^(-?\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$")
# Content words after a negation cue taken to be what it negates.
NEGATION_SCOPE = 3


def classify(candidate: Candidate, rules: RuleSet) -> Pair | None:
    """Decide how two overlapping claims relate; None when they are not worth reporting."""
    a, b, probability = candidate.a, candidate.b, candidate.probability
    matched = probability >= rules.thresholds["match_threshold"]
    # A near repeat of another source's sentence is always worth showing, even when a changed
    # number or name keeps the scorer from calling it the same statement.
    related = probability >= rules.thresholds["related_threshold"] or candidate.near_repeat
    conflicts = number_conflicts(a, b, same_statement=matched)
    if matched:
        conflicts += date_conflicts(a, b) + negation_conflicts(a, b) + entity_conflicts(a, b)
    # A person's title is compared whatever the sentences around it say.
    conflicts += qualifier_conflicts(a, b, frozenset(rules.lexicon("title_qualifiers")))
    if conflicts:
        relation = "conflicts"
    elif matched:
        relation = "agrees"
    elif related:
        relation = "related"
    else:
        return None
    return Pair(
        a=a.id,
        b=b.id,
        similarity=round(probability, 4),
        relation=relation,
        conflicts=tuple(conflicts),
        different_events=different_occasions(a, b) if conflicts else None,
        update=possible_update(a, b, conflicts, rules.lexicon_pattern(rules.trust.update_cues)),
    )


def value_bounds(value: str) -> tuple[float, float] | None:
    """Return the low and high ends of a normalised number ("52" or a range "10000-99999")."""
    try:
        number = float(value)
        return number, number
    except ValueError:
        pass
    match = RANGE.match(value)
    return (float(match.group(1)), float(match.group(2))) if match else None


def number_conflicts(a: Claim, b: Claim, *, same_statement: bool) -> list[Conflict]:
    """Different counts of the same thing: "52 political prisoners" against "three political prisoners".

    Outside a matched statement, only a counted phrase of two or more words is specific
    enough: "3 people" and "5 people" in loosely related claims are usually different people.
    """
    for x in a.numbers:
        for y in b.numbers:
            if not x.unit or not y.unit or not _same_thing(x.unit, y.unit, loose=same_statement):
                continue
            if not same_statement and max(len(x.unit.split()), len(y.unit.split())) < 2:
                continue
            bx, by = value_bounds(x.value), value_bounds(y.value)
            if bx is None or by is None or (bx[0] <= by[1] and by[0] <= bx[1]):
                continue
            return [Conflict("number", f"{x.text} {x.unit}", f"{y.text} {y.unit}")]
    return []


@lru_cache(maxsize=65536)
def _stems(phrase: str) -> tuple[str, ...]:
    """Return the stems of a counted phrase's words; a corpus names the same few things again and again."""
    return tuple(stem(w) for w in phrase.split())


def _same_thing(x: str, y: str, *, loose: bool) -> bool:
    """Tell whether two counted phrases count the same thing.

    "political prisoners" and "prisoners" do; "russian troops" and "ukrainian troops" do not,
    unless the two claims are already known to make the same statement (`loose`).
    """
    words_x, words_y = _stems(x), _stems(y)
    if words_x[-1] != words_y[-1]:
        return False
    shorter, longer = sorted((words_x, words_y), key=len)
    return loose or longer[len(longer) - len(shorter):] == shorter


def date_conflicts(a: Claim, b: Claim) -> list[Conflict]:
    """Different dates in two statements of the same fact, compared at the precision both give."""
    if not a.dates or not b.dates:
        return []
    for x in a.dates:
        for y in b.dates:
            precision = min(len(x.value), len(y.value))
            if x.value[:precision] == y.value[:precision]:
                return []
    return [Conflict("date", a.dates[0].text, b.dates[0].text)]


def negation_conflicts(a: Claim, b: Claim) -> list[Conflict]:
    """One statement negated, the other not: "signed" against "did not sign"."""
    if bool(a.negations) == bool(b.negations):
        return []
    negated, plain = (a, b) if a.negations else (b, a)
    plain_words = set(content_tokens(plain.text))
    cue = next((c for c in negated.negations if _negates_shared_word(negated.text, c, plain_words)), None)
    if cue is None:
        return []
    phrase = _phrase_after(negated.text, cue)
    shown_plain = _matching_word(plain.text, phrase) or "(no negation)"
    values = (phrase, shown_plain) if negated is a else (shown_plain, phrase)
    return [Conflict("negation", values[0], values[1])]


def _negates_shared_word(text: str, cue: str, other_words: set[str]) -> bool:
    """Tell whether the words a negation cue governs include one the other claim states.

    "The mayor, who never gave interviews, opened the bridge" does not deny "The mayor opened
    the bridge": a cue reverses only the first few content words after it, inside its clause.
    A cue with nothing after it ("they did not.") is taken to negate the whole statement.
    """
    match = re.search(rf"(?<!\w){re.escape(cue)}(?!\w)([^,;:.!?()\u2014]*)", text)
    if match is None:
        return True
    governed = content_tokens(match.group(1))[:NEGATION_SCOPE]
    return not governed or any(word in other_words for word in governed)


def _phrase_after(text: str, cue: str) -> str:
    match = re.search(rf"(?<!\w){re.escape(cue)}(?!\w)((?:\s+\w+){{0,2}})", text)
    return (cue + match.group(1)) if match else cue


def _matching_word(text: str, phrase: str) -> str | None:
    wanted = {stem(w.lower()) for w in re.findall(r"\w+", phrase)}
    for word in re.findall(r"\w+", text):
        if len(word) > 3 and stem(word.lower()) in wanted:
            return word
    return None


def entity_conflicts(a: Claim, b: Claim) -> list[Conflict]:
    """The same statement with a different actor: each claim names someone the other does not."""
    keys_a = {e.key: e for e in a.entities}
    keys_b = {e.key: e for e in b.entities}
    only_a = [keys_a[k] for k in keys_a if k not in keys_b]
    only_b = [keys_b[k] for k in keys_b if k not in keys_a]
    if not only_a or not only_b:
        return []
    frame = fuzz.token_sort_ratio(_blank_names(a), _blank_names(b)) / 100.0
    if frame < SAME_FRAME:
        return []
    return [Conflict("entity", ", ".join(e.name for e in only_a), ", ".join(e.name for e in only_b))]


def _blank_names(claim: Claim) -> str:
    text = claim.text
    for entity in claim.entities:
        text = text.replace(entity.name, " ")
    return text.lower()


def qualifier_conflicts(a: Claim, b: Claim, qualifiers: frozenset[str]) -> list[Conflict]:
    """The same person given the same title with a different qualifier: "former President" against "President"."""
    conflicts = []
    for x in a.entities:
        for y in b.entities:
            if x.key == y.key and titles_conflict(x, y, qualifiers):
                conflicts.append(Conflict("qualifier", f"{x.title} {x.name}", f"{y.title} {y.name}"))
    return conflicts


def split_title(title: str, qualifiers: frozenset[str]) -> tuple[str, str]:
    """Split "former President" into ("former", "President"); ("", title) without a qualifier."""
    lowered = title.lower()
    for qualifier in sorted(qualifiers, key=len, reverse=True):
        if lowered.startswith(qualifier):
            rest = title[len(qualifier):].lstrip(" -")
            if rest:
                return qualifier.rstrip("-"), rest
    return "", title


def titles_conflict(x: Entity, y: Entity, qualifiers: frozenset[str]) -> bool:
    """Tell whether two titles of one person contradict: same office, different standing in it."""
    if not x.title or not y.title:
        return False
    qualifier_x, base_x = split_title(x.title, qualifiers)
    qualifier_y, base_y = split_title(y.title, qualifiers)
    if "then" in (qualifier_x, qualifier_y):
        return False  # "then-President" names the office held at the time, consistent with "former"
    return base_x.lower() == base_y.lower() and qualifier_x != qualifier_y


def different_occasions(a: Claim, b: Claim) -> str | None:
    """Explain why two conflicting claims may describe different events, if their dates differ."""
    if not a.occasion or not b.occasion:
        return None
    precision = min(len(a.occasion), len(b.occasion))
    if a.occasion[:precision] == b.occasion[:precision]:
        return None
    return (
        f"the claims are dated differently: {a.occasion} (from {a.occasion_source}) "
        f"against {b.occasion} (from {b.occasion_source})"
    )


def possible_update(a: Claim, b: Claim, conflicts: list[Conflict], cues: re.Pattern[str]) -> Update | None:
    """Read different counts of one thing as an earlier and a later figure, when something gives the order.

    The order comes from the claims' dates when they differ, else from an update cue ("rose
    to", "revised") in exactly one of them. A pair that also conflicts on negation, a title or
    the actor is a contradiction whatever the dates say.
    """
    number = next((c for c in conflicts if c.type == "number"), None)
    if number is None or any(c.type not in ("number", "date") for c in conflicts):
        return None
    values = {a.id: number.a, b.id: number.b}
    if different_occasions(a, b) is not None:
        precision = min(len(a.occasion or ""), len(b.occasion or ""))
        earlier, later = (a, b) if (a.occasion or "")[:precision] < (b.occasion or "")[:precision] else (b, a)
        reason = f"the claims are dated {earlier.occasion} and {later.occasion}"
    else:
        cue_a, cue_b = cues.search(lexicon_text(a)), cues.search(lexicon_text(b))
        if cue_a is not None and cue_b is None:
            earlier, later, cue = b, a, cue_a
        elif cue_b is not None and cue_a is None:
            earlier, later, cue = a, b, cue_b
        else:
            return None
        reason = f"the later claim says \"{' '.join(cue.group().split())}\""
    return Update(earlier.id, later.id, values[earlier.id], values[later.id], reason)


def title_pairs(
    claims: list[Claim],
    article_of: Mapping[str, object],
    qualifiers: frozenset[str],
    *,
    involving: frozenset[str] | None = None,
) -> list[tuple[Claim, Claim]]:
    """Pair claims of different articles that give one person contradicting titles.

    Each variant of a title is paired with the first claim of every other variant only, so a
    name in a thousand articles costs a handful of pairs, not a million. With involving, only
    pairs with a claim of that set are kept.
    """
    first_by_variant: dict[tuple[str, str], Claim] = {}
    variants_by_key: dict[str, list[tuple[str, Entity]]] = {}
    for claim in claims:
        for entity in claim.entities:
            if not entity.title:
                continue
            variant = (entity.key, entity.title.lower())
            if variant not in first_by_variant:
                first_by_variant[variant] = claim
                variants_by_key.setdefault(entity.key, []).append((entity.title.lower(), entity))
    pairs = []
    for claim in claims:
        for entity in claim.entities:
            for title, other in variants_by_key.get(entity.key, ()):
                first = first_by_variant[(entity.key, title)]
                if first.id == claim.id or article_of[first.id] == article_of[claim.id]:
                    continue
                if involving is not None and first.id not in involving and claim.id not in involving:
                    continue
                if titles_conflict(entity, other, qualifiers):
                    pairs.append((first, claim))
    return pairs
