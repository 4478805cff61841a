"""Claim tokens + Vocabulary -> the people and organisations a claim names, with their titles."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

import simplemma

from checker.dates import MONTHS, WEEKDAYS
from checker.model import Claim, Entity
from checker.numbers import is_number_word
from checker.tokens import FUNCTION_WORDS, OPENING_MARKS, Tokens, first_word
from checker.vocabulary import Vocabulary

# Nationality adjectives are not names: "Russian troops". A single word with these endings
# followed by a lower-case word is dropped ("Brian said" survives: "said" is a source verb).
DEMONYM_ENDINGS = ("ian", "ean", "can", "ese", "ish", "ern")
POSSESSIVES = ("'s", "’s", "'", "’")
# A capitalised word after these opens a sentence: marks, and the dash that ends a dateline.
OPENERS = OPENING_MARKS | frozenset("-–—")
# Words written in lower case, to tell a common noun opening a sentence from a name.
LOWER_CASE_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
MAX_PARTICLES = 3  # "Jean de la Fontaine"
MAX_PLACE_WORDS = 4  # "The Mayor of Port St Lucie, ..."
# An appositive that gives a title opens with one of these and names it within a few words:
# "Ana Ruiz, the agency's chief executive, said".
APPOSITIVE_OPENERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our"})
APPOSITIVE_WORDS = 6
APPOSITIVE_CLOSERS = frozenset({",", ".", ";", ")", "—", "–", "of", "for", "at", "in", "and"})
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
    opener: bool = False  # a lone capitalised word opening a sentence, kept because it speaks


def confirm_sentence_openers(
    claims: list[Claim], pending: list[list[Entity]], openers: list[list[Entity]], text: str
) -> tuple[Claim, ...]:
    """Settle the lone capitalised words that open a sentence, with what the whole article shows.

    One the article names elsewhere is a name ("Lukashenko, who ruled for decades, agreed").
    One the article also writes in lower case and never names otherwise is a common noun
    ("Investigators said ..." beside "the investigators"), so it is dropped.
    """
    if not any(pending) and not any(openers):
        return tuple(claims)
    doubtful = {id(e) for found in openers for e in found}
    named = {e.key for c in claims for e in c.entities if id(e) not in doubtful}
    common = frozenset(LOWER_CASE_WORD.findall(text))
    dropped = {id(e) for found in openers for e in found if e.key not in named and e.name.lower() in common}
    known = {e.key for c in claims for e in c.entities if id(e) not in dropped}
    confirmed = []
    for claim, unsure in zip(claims, pending):
        extra = tuple(e for e in unsure if e.key in known and e.name.lower() not in common)
        if extra or any(id(e) in dropped for e in claim.entities):
            kept = tuple(e for e in claim.entities if id(e) not in dropped)
            claim = replace(claim, entities=tuple(sorted(kept + extra, key=lambda e: e.start)))
        confirmed.append(claim)
    return tuple(confirmed)


def names_given_elsewhere(claims: tuple[Claim, ...], title_cased: list[bool], text: str) -> tuple[Claim, ...]:
    """Give each claim written in title case the names the article's other claims give, where it writes them."""
    known: dict[str, Entity] = {}
    for claim, cased in zip(claims, title_cased):
        if not cased:
            for entity in claim.entities:
                known.setdefault(entity.name, entity)
    if not known:
        return claims
    written = re.compile(r"(?<![\w'’-])(?:" + "|".join(re.escape(n) for n in sorted(known, key=len, reverse=True)) + r")(?![\w-])")
    named = []
    for claim, cased in zip(claims, title_cased):
        if cased:
            span = text[claim.start:claim.end]
            entities = tuple(
                Entity(m.group(), known[m.group()].key, None, claim.start + m.start(), claim.start + m.end()) for m in written.finditer(span)
            )
            claim = replace(claim, entities=entities) if entities else claim
        named.append(claim)
    return tuple(named)


def share_person_keys(claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
    """Give a name written alone the key it has where a title marks it as a person's.

    "Ana Park" alone reads as a place or firm ("Park"), keyed "ana park"; "Mayor Ana Park" is a
    person, keyed "park". Within one article both are the same name, so both take "park".
    """
    person_keys = {e.name.lower(): e.key for c in claims for e in c.entities if e.title}
    if not person_keys:
        return claims
    shared = []
    for claim in claims:
        entities = tuple(
            replace(e, key=person_keys[e.name.lower()])
            if e.title is None and person_keys.get(e.name.lower(), e.key) != e.key
            else e
            for e in claim.entities
        )
        shared.append(claim if entities == claim.entities else replace(claim, entities=entities))
    return tuple(shared)


@lru_cache(maxsize=1 << 16)  # asked of every capitalised token, most of them names seen before
def _particle_joined(word: str, particles: frozenset[str]) -> bool:
    """Tell whether a word is a particle joined to a name by a hyphen: "al-Assad", "el-Sisi"."""
    particle, hyphen, rest = word.partition("-")
    return bool(hyphen) and particle in particles and rest[:1].isupper()


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
    if len(word) >= 4 and word.isalpha() and word.isupper() and simplemma.is_known(lower, lang="en"):
        return False  # a word shouted for emphasis, "EXPOSED", "LESS attractive"; "NATO" is no English word
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
    # Titles are indexed in lower case: a capitalised one is marked by its capital anyway.
    marked = [i for i, w in enumerate(words) if w[0].isupper() or w[0].isdigit() or w in titles]
    resume = 0
    for k in marked:
        if k < resume or k in consumed or words[k].lower() not in titles:
            continue
        length, name_at, inner = _title_at(tokens, k, vocabulary)
        if not length:
            continue
        title = _qualified(tokens, k, k + length, _qualifier_before(tokens, k, vocabulary, consumed))
        title_of[name_at] = title
        consumed.update(range(k, k + length))
        consumed.update(inner)
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
        title = title_of.get(k)
        if title is None:
            title = _appositive_title(tokens, last, vocabulary, consumed)
        if last + 1 < count and tokens.joined(last) and _names_a_currency(words, k, last, vocabulary):
            continue  # "US$4.8 million", "4.8 million US dollars": a currency, not the United States
        entity = _entity(tokens, k, last, title, vocabulary, shift)
        if entity is None:
            continue
        if entity.entity.title is None and _ends_with_title(words, entity.first, entity.last, vocabulary):
            continue  # "the Defense Minister said": an office, not a name
        if entity.entity.title is None and entity.first == entity.last:
            word = words[entity.first]
            opener = entity.first == opening or (entity.first > 0 and words[entity.first - 1] in OPENERS)
            demonym = word.endswith(DEMONYM_ENDINGS) and entity.last + 1 < count and words[entity.last + 1][0].islower()
            # "Smith said" names a speaker; "Officials said" does not.
            speaks = _verb_follows(tokens, entity.last, verb_starts)
            speaks = speaks and not vocabulary.anonymous.fullmatch(word.lower())
            if (demonym or (opener and not _is_acronym(word))) and not speaks:
                if not demonym:
                    unsure.append(entity)
                continue
            if opener and not _is_acronym(word):
                entity = Found(entity.entity, entity.first, entity.last, opener=True)
        found.append(entity)
    return found, unsure


def _names_a_currency(words: list[str], first: int, last: int, vocabulary: Vocabulary) -> bool:
    """Tell whether the capitalised run first..last opens a currency: "US$", "US dollars", "Hong Kong dollars"."""
    following = words[last + 1]
    if first == last and words[first] + following in vocabulary.currency_signs:
        return True
    return " ".join(words[first:last + 2]).lower() in vocabulary.currency_names


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
    # "St Mary's Hospital" is one name; "Russia's Foreign Ministry" is two.
    saintly = words[k] in vocabulary.saint_prefixes
    while last + 1 < count and tokens.joined(last) and (saintly or not words[last].endswith(POSSESSIVES)):
        following = last + 1
        if following in consumed or following in title_of:
            break
        if _is_name_word(words[following]) or _particle_joined(words[following], vocabulary.name_particles):
            last = following
            continue
        particles = following
        while particles < min(count, following + MAX_PARTICLES) and words[particles] in vocabulary.name_particles:
            particles += 1  # "Ursula von der Leyen", "Paseo de la Ribera"
        if particles > following:
            if particles >= count or not all(tokens.joined(i) for i in range(last, particles)):
                break
            if not _is_name_word(words[particles]):
                break
            last = particles
            continue
        if following + 1 >= count or not tokens.joined(following) or not _is_name_word(words[following + 1]):
            break
        if words[following] == "of" and words[last] in vocabulary.organisation_words:
            last = following + 1  # "Department of Defense"
        elif words[following] == "and" and join_and and following + 1 not in consumed:
            # "Securities and Exchange Commission", "Jones and Vining Inc"; not "Russia and Belarus".
            tail = _run_end(tokens, following + 1, consumed, title_of, vocabulary, join_and=False)
            if words[tail].rstrip(".") not in vocabulary.organisation_heads:
                break
            last = tail
        else:
            break
    return last


def _title_at(tokens: Tokens, k: int, vocabulary: Vocabulary) -> tuple[int, int, range]:
    """Return the length of a title at token k, where the name it gives starts and a title to skip.

    The name may follow a closing bracket or a comma: "[then-U.S. Advisor] Jake Sullivan",
    "the Defense Minister, Viktor Khrenin". An office of a place comes first as an appositive
    and wins over a style written before the name: "The Mayor of Dunmore, Councillor Ana Ruiz"
    gives "Mayor" (the third value spans "Councillor"). (0, 0, range(0)) when there is none.
    """
    words = tokens.words
    count = len(words)
    length = _title_length(tokens, k, vocabulary)
    if not length:
        return 0, 0, range(0)
    end = k + length
    if end >= count:
        return 0, 0, range(0)
    name_at = end
    if words[end] == "of" and tokens.joined(end):
        place = end + 1
        while place < count and place - end <= MAX_PLACE_WORDS and _is_name_word(words[place]):
            if not tokens.joined(place - 1):
                break
            place += 1
        if place >= count or words[place] != ",":  # a headline may end on the name
            name_at = _name_after_office(tokens, end, vocabulary)
            return (length, name_at, range(0)) if name_at else (0, 0, range(0))
        if place == end + 1 or place >= count - 1:
            return 0, 0, range(0)
        name_at = place + 1
        style = _title_length(tokens, name_at, vocabulary)
        inner = range(name_at, name_at + style)
        name_at += style
        if name_at < count and _is_name_word(words[name_at]) and words[name_at] not in vocabulary.honorifics:
            return length, name_at, inner
        return 0, 0, range(0)
    if words[end] in ("]", ","):
        if end + 1 >= count or not tokens.joined(end):
            return 0, 0, range(0)
        name_at = end + 1
    if _is_name_word(words[name_at]) and words[name_at] not in vocabulary.honorifics:
        return length, name_at, range(0)
    return 0, 0, range(0)


def _name_after_office(tokens: Tokens, of: int, vocabulary: Vocabulary) -> int | None:
    """Return where the name starts in "Minister of Mining Esteban Querol", None when unsure.

    With no comma to close the office, its words and the name run together; a name of two words
    (given name and surname) ends the run, and the office keeps at least one word before it.
    """
    words = tokens.words
    count = len(words)
    place = of + 1
    while place < count and place - of <= MAX_PLACE_WORDS + 2 and _is_name_word(words[place]):
        if not tokens.joined(place - 1):
            return None  # a line ends the office before its name
        if words[place] in vocabulary.honorifics:
            return place if place > of + 1 else None  # "Minister of Mining Dr. Esteban Querol": it opens the name
        place += 1
    if place - (of + 1) < 3 or (place < count and words[place] == ","):
        return None
    return place - 2


def _title_length(tokens: Tokens, k: int, vocabulary: Vocabulary) -> int:
    """Return the length in tokens of the longest title starting at token k, 0 if none."""
    words = tokens.words
    if k >= len(words):
        return 0
    for title in vocabulary.titles.get(words[k].lower(), ()):
        end = k + len(title)
        if end > len(words) or tuple(w.lower() for w in words[k:end]) != title:
            continue
        if all(tokens.joined(i) for i in range(k, end - 1)):
            return len(title)
    return 0


def _qualified(tokens: Tokens, start: int, end: int, qualifier: str | None) -> str:
    """Return the title written at tokens start..end-1, with its qualifier: "former governor"."""
    title = " ".join(tokens.span[tokens.starts[start]:tokens.ends[end - 1]].split())
    if qualifier is None:
        return title
    return f"{qualifier}{'' if qualifier.endswith('-') else ' '}{title}"


def _appositive_title(tokens: Tokens, last: int, vocabulary: Vocabulary, consumed: set[int]) -> str | None:
    """Return the title an appositive gives the name ending at token `last`.

    "Ana Ruiz, the agency's chief executive, said" gives "chief executive"; "Ana Ruiz, a former
    mayor of Dunmore," gives "former mayor". The appositive opens with a determiner or a
    possessive and reaches its title within a few words.
    """
    words = tokens.words
    count = len(words)
    position = last + 1
    if position + 2 >= count or words[position] != ",":
        return None
    position += 1
    direct = _office_of(tokens, position, vocabulary)
    if direct is not None:
        consumed.update(direct)
        return _qualified(tokens, direct.start, direct.stop, _qualifier_before(tokens, direct.start, vocabulary, set()))
    if words[position].lower() not in APPOSITIVE_OPENERS:
        return None
    limit = min(count, position + APPOSITIVE_WORDS)
    position += 1
    while position < limit:
        word = words[position]
        length = _title_length(tokens, position, vocabulary)
        if length:
            end = position + length
            if end < count and words[end] not in APPOSITIVE_CLOSERS:
                return None
            title = _qualified(tokens, position, end, _qualifier_before(tokens, position, vocabulary, set()))
            consumed.update(range(position, end))
            return title
        if not (word[0].isalpha() or word in POSSESSIVES) or word.lower() in BETWEEN_SUBJECT_AND_VERB:
            return None
        position += 1
    return None


def _office_of(tokens: Tokens, position: int, vocabulary: Vocabulary) -> range | None:
    """Return the tokens of a title opening an appositive without a determiner, if it names an office of something.

    "Ana Silva, president of the union," and "Ana Silva, former chair of the board," give a
    title; "Ana Silva, Mayor Ortiz and ..." lists names, so the title must be followed by "of".
    """
    words = tokens.words
    while position < len(words) and words[position].lower() in vocabulary.qualifiers and tokens.joined(position):
        position += 1
    length = _title_length(tokens, position, vocabulary)
    end = position + length
    if not length or end >= len(words) or words[end] != "of":
        return None
    return range(position, end)


def _ends_with_title(words: list[str], first: int, last: int, vocabulary: Vocabulary) -> bool:
    for start in range(first, last + 1):
        titles = vocabulary.titles.get(words[start].lower())
        if titles and tuple(w.lower() for w in words[start:last + 1]) in titles:
            return True
    return False


def _qualifier_before(tokens: Tokens, k: int, vocabulary: Vocabulary, consumed: set[int]) -> str | None:
    """Find "former" or "then-" before a title, past up to two adjectives ("former U.S. President")
    or two lower-case words that say what the office is for ("former transport councillor")."""
    words = tokens.words
    position = k - 1
    adjectives = 0
    described = 0
    while position >= 0 and tokens.joined(position):
        word = words[position]
        lower = word.lower()
        if position > 0 and tokens.joined(position - 1):
            pair = f"{words[position - 1].lower()} {lower}"
            if pair in vocabulary.qualifiers:
                consumed.update((position - 1, position))
                return _stacked(tokens, position - 1, pair, vocabulary, consumed)
        if lower in vocabulary.qualifiers:
            consumed.add(position)
            return _stacked(tokens, position, lower, vocabulary, consumed)
        if (
            not described
            and adjectives < 2
            and _is_name_word(word)
            and not word.endswith(POSSESSIVES)
            and position not in consumed
        ):
            consumed.add(position)  # "Russian" in "Russian President": a description, not a name
            adjectives += 1
            position -= 1
            continue
        if not adjectives and described < 2 and word.isalpha() and word.islower() and lower not in FUNCTION_WORDS:
            described += 1  # only passed over: a qualifier must come before it
            position -= 1
            continue
        break
    return None


def _stacked(tokens: Tokens, k: int, qualifier: str, vocabulary: Vocabulary, consumed: set[int]) -> str:
    """Return the qualifier at token k with those written just before it: "former deputy", "ex-acting"."""
    words = tokens.words
    while k > 0 and tokens.joined(k - 1) and words[k - 1].lower() in vocabulary.qualifiers:
        k -= 1
        consumed.add(k)
        before = words[k].lower()
        qualifier = f"{before}{'' if before.endswith('-') else ' '}{qualifier}"
    return qualifier


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
    saintly = name_words[0] in vocabulary.saint_prefixes
    for ending in POSSESSIVES:
        if not saintly and name_words[-1].endswith(ending) and len(name_words[-1]) > len(ending):
            name_words[-1] = name_words[-1][: -len(ending)]
            end -= len(ending)
            break
    start = tokens.starts[first]
    name = " ".join(tokens.span[start:end].split())
    organisation = vocabulary.organisation_words
    if len(name_words) > 1 and not saintly and not any(
        _is_acronym(w) or w.rstrip(".") in organisation or w[0].isdigit() for w in name_words
    ):
        person = True  # two or more plain capitalised words: "Jake Sullivan"
    key = _unaccented(_person_key(name_words, vocabulary) if person else " ".join(_key_word(w) for w in name_words))
    return Found(Entity(name=name, key=key, title=title, start=start + shift, end=end + shift), first, last)


def _key_word(word: str) -> str:
    """Return a word of a name as keyed: "Kestrel Ltd." closing a sentence is "Kestrel Ltd" elsewhere; "U.S." keeps its stops."""
    lower = word.lower()
    return lower[:-1] if lower.endswith(".") and "." not in lower[:-1] else lower


def _unaccented(key: str) -> str:
    """Drop accents, so that "Núñez" and "Nunez", spelled either way by different outlets, share a key."""
    if key.isascii():
        return key
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


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
