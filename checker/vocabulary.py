"""RuleSet -> Vocabulary: the lexicons in the forms the claim finders need, built once per rule set."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.rules import RuleSet, compile_lexicon
from checker.tokens import Tokens, split_tokens


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The rule lexicons in the forms describing needs."""

    hedges: re.Pattern[str]
    negations: re.Pattern[str]
    verbs: re.Pattern[str]
    anonymous: re.Pattern[str]
    titles: dict[str, tuple[tuple[str, ...], ...]]  # first token -> titles as tokens, longest first
    qualifiers: frozenset[str]
    hyphen_qualifiers: frozenset[str]  # "ex-", "then-"
    abbreviations: frozenset[str]
    speech_verbs: frozenset[str]
    honorifics: frozenset[str]
    name_particles: frozenset[str]
    name_suffixes: frozenset[str]
    organisation_words: frozenset[str]
    organisation_heads: frozenset[str]
    company_suffixes: frozenset[str]

    def tokenise(self, span: str) -> Tokens:
        """Cut a claim into tokens, keeping the full stops of known abbreviations."""
        return Tokens(span, *split_tokens(span, self.abbreviations, self.hyphen_qualifiers))


# The lexicons read here; a rule set's vocabulary is built once, keyed by their contents.
LEXICONS = (
    "hedges",
    "negations",
    "attribution_verbs",
    "anonymous_sources",
    "titles",
    "title_qualifiers",
    "abbreviations",
    "speech_verbs",
    "honorifics",
    "name_particles",
    "name_suffixes",
    "organisation_words",
    "company_suffixes",
    "organisation_heads",
)


def vocabulary_of(rules: RuleSet) -> Vocabulary:
    """Return the vocabulary of a rule set."""
    return _build(tuple(rules.lexicon(name) for name in LEXICONS))


@lru_cache(maxsize=16)
def _build(lexicons: tuple[tuple[str, ...], ...]) -> Vocabulary:
    entries = dict(zip(LEXICONS, lexicons))
    qualifiers = frozenset(q.lower() for q in entries["title_qualifiers"])
    hyphen_qualifiers = frozenset(q for q in qualifiers if q.endswith("-"))
    abbreviations = frozenset(entries["abbreviations"])
    index: dict[str, set[tuple[str, ...]]] = {}
    for title in entries["titles"]:
        words = tuple(split_tokens(title, abbreviations, hyphen_qualifiers)[0])
        if words:
            index.setdefault(words[0], set()).add(words)
    company_suffixes = frozenset(entries["company_suffixes"])
    return Vocabulary(
        hedges=compile_lexicon(entries["hedges"]),
        negations=compile_lexicon(entries["negations"]),
        verbs=compile_lexicon(entries["attribution_verbs"]),
        anonymous=compile_lexicon(entries["anonymous_sources"]),
        titles={first: tuple(sorted(found, key=lambda t: (-len(t), t))) for first, found in index.items()},
        qualifiers=qualifiers,
        hyphen_qualifiers=hyphen_qualifiers,
        abbreviations=abbreviations,
        speech_verbs=frozenset(entries["speech_verbs"]),
        honorifics=frozenset(entries["honorifics"]),
        name_particles=frozenset(entries["name_particles"]),
        name_suffixes=frozenset(entries["name_suffixes"]),
        organisation_words=frozenset(entries["organisation_words"]) | company_suffixes,
        # "X and Y Co", "X and Y Commission": the last word that makes a pair one organisation.
        organisation_heads=frozenset(entries["organisation_heads"]) | company_suffixes,
        company_suffixes=company_suffixes,
    )
