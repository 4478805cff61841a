"""Claim tokens + Vocabulary -> who a claim comes from, and the hedges that qualify it."""

from __future__ import annotations

import re

from checker.entities import BETWEEN_SUBJECT_AND_VERB, Found
from checker.model import Entity
from checker.tokens import Tokens, lexicon_cues
from checker.vocabulary import Vocabulary

PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
PASSIVE = frozenset({"be", "been", "being", "is", "are", "was", "were", "am"})
CLAUSE_MARKS = frozenset(",;:.\"“”‘'’()—–-[]«»")
SUBJECT_BOUNDARY = frozenset(
    "that which who whom whose and but because while as when where if after before although though since "
    "so than whereas unless until".split()
)
DETERMINERS = frozenset({"the", "a", "an", "this", "its", "his", "her", "their", "our"})
# A common-noun source ends before these: "a notice on the website", "the group would rebuild".
PHRASE_STOP = DETERMINERS | PASSIVE | BETWEEN_SUBJECT_AND_VERB | frozenset(
    "of in on at to from by with for into about over under after before near".split()
)
# Cues that name the source first: "Japan warned ..., a senior official said".
PRIMARY_CUES = frozenset({"according to", "via"})
# "he continued" attributes only when speech follows or has just ended.
SPEECH_ONLY_WITH_QUOTE = frozenset({"continued"})
MAX_SUBJECT_WORDS = 6
MAX_PHRASE_WORDS = 8  # words read after "according to" or an inverted "said"
# Words opening an aside that describes the subject before it: "Officials, who asked not to be named, said".
ASIDE_OPENERS = frozenset({"who", "whom", "whose", "which", "both", "all", "each"})
APPOSITIVE_TOKENS = 30  # "Vadim Prokopiev, an exiled ... politician based in the United States, told"
INHERIT_WINDOW = 3  # claims back in which a pronoun's speaker is looked for


def find_hedges(lexical: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Return the hedging cues of a claim's lexicon text, each once."""
    return lexicon_cues(vocabulary.hedges, lexical, lexical)


def find_attribution(
    tokens: Tokens,
    lexical: str,
    verb_matches: list[re.Match[str]],
    found: list[Found],
    vocabulary: Vocabulary,
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
    primary = PRIMARY_CUES | vocabulary.speech_verbs
    cues.sort(key=lambda cue: (cue[2] not in primary, cue[0]))
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


# A headline's source as a label: "Police: ...", "REPORT: ...", "... in air strike: report".
LABEL_BEFORE = re.compile(r"^\W*+((?:[\w.'’&-]++\s++){0,2}[\w.'’&-]++)\s*+:\s+\S")
LABEL_AFTER = re.compile(r"\S\s*+:\s++((?:[\w.'’&-]++\s++){0,2}[\w.'’&-]++)\W*+$")


def source_label(text: str, vocabulary: Vocabulary) -> str | None:
    """Return the source a claim names in a label before or after a colon, when the label ends in a source word (source_labels.txt)."""
    for pattern in (LABEL_BEFORE, LABEL_AFTER):
        match = pattern.search(text)
        label = match.group(1).rstrip(".") if match is not None else ""
        if label and label.split()[-1].lower() in vocabulary.source_labels:
            return label
    return None


class _Context:
    """One claim's tokens and entities, to read the source of an attribution cue from."""

    def __init__(
        self, tokens: Tokens, lexical: str, found: list[Found], vocabulary: Vocabulary, titled: dict[str, str]
    ) -> None:
        self.tokens = tokens
        self.lexical = lexical
        self.anonymous = vocabulary.anonymous
        self.speech_verbs = vocabulary.speech_verbs
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
        elif cue.endswith("ing") and position > 0 and words[position].lower() in PASSIVE:
            position -= 1  # "Trump is saying he will pull out": the progressive, not the passive
        if position >= 0 and (words[position].lower() in PASSIVE or words[position] == "to"):
            return None, False  # "it can be said", "is said to", "declined to say"
        if position >= 0 and words[position].lower() in SUBJECT_BOUNDARY:
            return None, False  # "..., which said", "as said": no subject to read
        if cue == "saying" and position >= 0 and words[position] == ",":
            return self._sentence_subject()  # "She ruled out paying, saying ...": the speaker comes first
        if position < 0 or words[position] in CLAUSE_MARKS:
            if position >= 0 and words[position] == ",":
                source = self._appositive_subject(position) or self._appositive_name(position) or self._subject_before_aside(position, first, cue)
                if source is not None:
                    return source, False
            if position >= 0 and words[position] == "]":
                return self._bracketed(position), False
            return self.phrase_source(after, allow_generic=cue in self.speech_verbs, inverted=True), False
        if words[position].lower() in PRONOUNS:
            return None, True
        if position in self.by_last:
            return self.by_last[position].name, False
        return self._subject_phrase(position, first, cue), False

    def _sentence_subject(self) -> tuple[str | None, bool]:
        """Return the subject opening the claim: a pronoun to resolve or a named entity."""
        words = self.tokens.words
        opening = next((i for i, word in enumerate(words) if word[0].isalnum()), None)
        if opening is None:
            return None, False
        if words[opening].lower() in PRONOUNS:
            return None, True
        entity = self.by_first.get(opening)
        return (entity.name if entity is not None else None), False

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
        if cue in self.speech_verbs and opens_clause:  # not "... banking and portfolio investment said"
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

    def _subject_before_aside(self, comma: int, verb: int, cue: str) -> str | None:
        """Return an unnamed source before an aside set off by commas: "Officials, speaking on condition of anonymity, said".

        The aside describes its subject ("who asked not to be named", "speaking on ..."); a clause
        between commas ("After the storm, the pier is shut, said X") has no subject before it.
        """
        words = self.tokens.words
        position = comma - 1
        while position > 0 and comma - position < APPOSITIVE_TOKENS:
            if words[position] == ",":
                opening = words[position + 1]
                describes = opening in ASIDE_OPENERS or opening.islower() and opening.endswith("ing")
                return self._subject_phrase(position - 1, verb, cue) if describes and words[position - 1][0].isalnum() else None
            if words[position] in CLAUSE_MARKS:
                return None
            position -= 1
        return None

    def _appositive_name(self, comma: int) -> str | None:
        """Return the name in "<description>, X, said": set off by commas, it names the description's holder."""
        found = next((f for f in self.found if f.last == comma - 1), None)
        if found is None or found.first == 0 or self.tokens.words[found.first - 1] != ",":
            return None
        return found.entity.name

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
        while phrase_end < end and words[phrase_end].lower() not in PHRASE_STOP:
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
