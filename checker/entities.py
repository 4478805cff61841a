"""Claim tokens + Vocabulary -> the people and organisations a claim names, with their titles."""

from __future__ import annotations

from dataclasses import dataclass, replace

from checker.dates import MONTHS, WEEKDAYS
from checker.model import Claim, Entity
from checker.numbers import is_number_word
from checker.tokens import FUNCTION_WORDS, OPENING_MARKS, Tokens, first_word
from checker.vocabulary import Vocabulary

# Nationality adjectives are not names: "Russian troops". A single word with these endings
# followed by a lower-case word is dropped ("Brian said" survives: "said" is a source verb).
DEMONYM_ENDINGS = ("ian", "ean", "can", "ese", "ish", "ern")
POSSESSIVES = ("'s", "’s", "'", "’")
# Words between a subject and its verb: "Peskov also said", "officials did not say".
BETWEEN_SUBJECT_AND_VERB = frozenset(
    "also has have had later previously then again once further recently earlier repeatedly publicly "
    "privately separately would will could may might can did does do not n't never".split()
)


@dataclass(frozen=True, slots=True)
class Found:
    """An entity with the tokens it spans."""

    entity: Entity
    first: int
    last: int


def confirm_sentence_openers(claims: list[Claim], pending: list[list[Entity]]) -> tuple[Claim, ...]:
    """Add a lone capitalised first word as an entity when the article names it elsewhere."""
    known = {e.key for c in claims for e in c.entities}
    confirmed = []
    for claim, unsure in zip(claims, pending):
        extra = tuple(e for e in unsure if e.key in known)
        if extra:
            claim = replace(claim, entities=tuple(sorted(claim.entities + extra, key=lambda e: e.start)))
        confirmed.append(claim)
    return tuple(confirmed)


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
    if lower in MONTHS or lower in WEEKDAYS or is_number_word(lower):
        return False  # "Nineteen people were killed": a number opening a sentence
    return not (lower in FUNCTION_WORDS and (len(word) == 1 or word[1:].islower()))


def _is_acronym(word: str) -> bool:
    core = word.rstrip(".")  # "G." is an initial, "U.S." an acronym
    return len(core) > 1 and (core.isupper() or core[-1].isupper() or "." in core)


def find_entities(
    tokens: Tokens, vocabulary: Vocabulary, verb_starts: set[int], shift: int
) -> tuple[list[Found], list[Found]]:
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
    opening = first_word(words)
    found: list[Found] = []
    unsure: list[Found] = []
    resume = 0
    for k in marked:
        if k < resume or k in consumed or not _is_name_word(words[k]):
            continue
        last = _run_end(tokens, k, consumed, title_of, vocabulary)
        resume = last + 1
        if k == last and words[k] in vocabulary.company_suffixes:
            continue
        entity = _entity(tokens, k, last, title_of.get(k), vocabulary, shift)
        if entity is None:
            continue
        if entity.entity.title is None and _ends_with_title(words, entity.first, entity.last, vocabulary):
            continue  # "the Defense Minister said": an office, not a name
        if entity.entity.title is None and entity.first == entity.last:
            word = words[entity.first]
            opener = entity.first == opening or (entity.first > 0 and words[entity.first - 1] in OPENING_MARKS)
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


def _run_end(
    tokens: Tokens,
    k: int,
    consumed: set[int],
    title_of: dict[int, str],
    vocabulary: Vocabulary,
    *,
    join_and: bool = True,
) -> int:
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
        if words[following] in vocabulary.name_particles or (
            words[following] == "of" and words[last] in vocabulary.organisation_words
        ):
            last = following + 1  # "Ursula von der Leyen", "Department of Defense"
        elif words[following] == "and" and join_and and following + 1 not in consumed:
            # "Securities and Exchange Commission", "Jones and Vining Inc"; not "Russia and Belarus".
            tail = _run_end(tokens, following + 1, consumed, title_of, vocabulary, join_and=False)
            if words[tail].rstrip(".") not in vocabulary.organisation_heads:
                break
            last = tail
        else:
            break
    return last


def _title_at(tokens: Tokens, k: int, vocabulary: Vocabulary) -> tuple[int, int]:
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
        if _is_name_word(words[name_at]) and words[name_at] not in vocabulary.honorifics:
            return len(title), name_at
    return 0, 0


def _ends_with_title(words: list[str], first: int, last: int, vocabulary: Vocabulary) -> bool:
    for start in range(first, last + 1):
        titles = vocabulary.titles.get(words[start])
        if titles and tuple(words[start:last + 1]) in titles:
            return True
    return False


def _qualifier_before(tokens: Tokens, k: int, vocabulary: Vocabulary, consumed: set[int]) -> str | None:
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


def _verb_follows(tokens: Tokens, last: int, verb_starts: set[int]) -> bool:
    position = last + 1
    while position < len(tokens.words) and tokens.words[position].lower() in BETWEEN_SUBJECT_AND_VERB:
        position += 1
    return position < len(tokens.words) and tokens.starts[position] in verb_starts


def _entity(
    tokens: Tokens, first: int, last: int, title: str | None, vocabulary: Vocabulary, shift: int
) -> Found | None:
    words = tokens.words
    person = title is not None
    while first <= last and words[first] in vocabulary.honorifics:
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
    organisation = vocabulary.organisation_words
    if len(name_words) > 1 and not any(
        _is_acronym(w) or w.rstrip(".") in organisation or w[0].isdigit() for w in name_words
    ):
        person = True  # two or more plain capitalised words: "Jake Sullivan"
    key = _person_key(name_words, vocabulary) if person else " ".join(w.lower() for w in name_words)
    return Found(Entity(name=name, key=key, title=title, start=start + shift, end=end + shift), first, last)


def _person_key(name_words: list[str], vocabulary: Vocabulary) -> str:
    """Return the surname, lower case, with its particles: "putin", "von der leyen", "assad"."""
    words = [w for w in name_words if w not in vocabulary.name_suffixes] or name_words
    surname = [words[-1]]
    for word in reversed(words[:-1]):
        if word.lower() not in vocabulary.name_particles:
            break
        surname.insert(0, word)  # "Van Haecke", "von der Leyen"
    key = " ".join(surname).lower()
    for prefix in ("al-", "el-"):
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix):]
    return key
