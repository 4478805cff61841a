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
    negative_predicates: re.Pattern[str]
    refutations: re.Pattern[str]  # group "word": the refutation, after a copula
    verbs: re.Pattern[str]
    anonymous: re.Pattern[str]
    titles: dict[str, tuple[tuple[str, ...], ...]]  # first token -> titles as tokens, lower case, longest first
    qualifiers: frozenset[str]
    hyphen_qualifiers: frozenset[str]  # "ex-", "then-"
    abbreviations: frozenset[str]
    speech_verbs: frozenset[str]
    honorifics: frozenset[str]
    name_particles: frozenset[str]
    saint_prefixes: frozenset[str]  # "St" of "St Mary's Hospital"
    name_suffixes: frozenset[str]
    organisation_words: frozenset[str]
    organisation_heads: frozenset[str]
    company_suffixes: frozenset[str]
    currency_symbols: dict[str, tuple[str, ...]]  # last character -> symbols ending in it, longest first
    currency_signs: dict[str, str]  # "US$" -> "dollars", "USD" -> "dollars"
    currency_names: dict[str, str]  # "us dollars" -> "dollars"
    measures_joined: dict[str, str]  # "mm" -> "millimetres", as written after a figure
    measure_names: dict[str, str]  # "millimeters" -> "millimetres", lower case
    modifiers: dict[str, str]  # "at least" -> "min"
    figure_verbs: frozenset[str]  # "rose to", "stood at"
    source_labels: frozenset[str]  # "police" of "Police: man shot outside bar", lower case

    def tokenise(self, span: str) -> Tokens:
        """Cut a claim into tokens, keeping the full stops of known abbreviations."""
        return Tokens(span, *split_tokens(span, self.abbreviations, self.hyphen_qualifiers))


# The lexicons read here; a rule set's vocabulary is built once, keyed by their contents.
LEXICONS = (
    "hedges",
    "negations",
    "negative_predicates",
    "refutations",
    "attribution_verbs",
    "anonymous_sources",
    "titles",
    "title_qualifiers",
    "abbreviations",
    "speech_verbs",
    "honorifics",
    "name_particles",
    "saint_prefixes",
    "name_suffixes",
    "organisation_words",
    "company_suffixes",
    "organisation_heads",
    "currencies",
    "measure_units",
    "number_modifiers",
    "figure_verbs",
    "source_labels",
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
        # Titles match in any case: "Former governor Ana Ruiz", "Transport councillor Ana Ruiz".
        words = tuple(w.lower() for w in split_tokens(title, abbreviations, hyphen_qualifiers)[0])
        if words:
            index.setdefault(words[0], set()).add(words)
    company_suffixes = frozenset(entries["company_suffixes"])
    currencies = _variants(entries["currencies"])
    signs = {v: c for v, c in currencies.items() if not v[0].isalpha() or v.isupper()}  # "US$", "€", "USD"
    names = {v: c for v, c in currencies.items() if v not in signs or v.isalpha()}  # "dollars", "USD"
    symbols: dict[str, list[str]] = {}
    for sign in sorted(signs, key=len, reverse=True):
        if not sign[-1].isalnum():
            symbols.setdefault(sign[-1], []).append(sign)
    measures = _variants(entries["measure_units"])
    modifiers = _variants(entries["number_modifiers"])
    return Vocabulary(
        hedges=compile_lexicon(entries["hedges"]),
        negations=compile_lexicon(entries["negations"]),
        negative_predicates=compile_lexicon(entries["negative_predicates"]),
        refutations=_after_copula(entries["refutations"]),
        verbs=compile_lexicon(entries["attribution_verbs"]),
        anonymous=compile_lexicon(entries["anonymous_sources"]),
        titles={first: tuple(sorted(found, key=lambda t: (-len(t), t))) for first, found in index.items()},
        qualifiers=qualifiers,
        hyphen_qualifiers=hyphen_qualifiers,
        abbreviations=abbreviations,
        speech_verbs=frozenset(entries["speech_verbs"]),
        honorifics=frozenset(entries["honorifics"]),
        name_particles=frozenset(entries["name_particles"]),
        saint_prefixes=frozenset(entries["saint_prefixes"]),
        name_suffixes=frozenset(entries["name_suffixes"]),
        organisation_words=frozenset(entries["organisation_words"]) | company_suffixes,
        # "X and Y Co", "X and Y Commission": the last word that makes a pair one organisation.
        organisation_heads=frozenset(entries["organisation_heads"]) | company_suffixes,
        company_suffixes=company_suffixes,
        currency_symbols={end: tuple(found) for end, found in symbols.items()},
        currency_signs=signs,
        currency_names={name.lower(): canonical for name, canonical in names.items()},
        measures_joined=measures,
        measure_names={name.lower(): canonical for name, canonical in measures.items() if len(name) > 2},
        modifiers={phrase.lower(): bound for phrase, bound in modifiers.items()},
        figure_verbs=frozenset(entries["figure_verbs"]),
        source_labels=frozenset(e.lower() for e in entries["source_labels"]),
    )


# What may say that a report is untrue: "is", "are all", "has been proved", "turned out to be",
# "they're", with a negator or an adverb between ("is not false", "isn't true", "was simply a
# hoax"). A bare "'s" is left out: "the company's fake accounts" is a possessive.
COPULA = (
    r"(?:(?<![\w-])(?:is|are|was|were|be|been|being|proved|proven|turned\s+out\s+to\s+be|appears?\s+to\s+be|seems?\s+to\s+be)"
    r"|(?<=\w)'re)(?:n't)?"
    r"(?:\s+(?:not|never|all|both|completely|totally|entirely|simply|just|likely|probably|clearly|wholly|also|a|an))*"
)


# A refutation may also close a verb's object: "outed the story as fake", "dismissed the
# reports as a hoax". After "as" it must end its clause, so "such as fake passports" denies nothing.
AS_REFUTED = r"(?P<as>(?<![\w-])as)(?:\s+(?:a|an|complete|completely|total|totally|entirely|simply|just|pure))*"
CLAUSE_CLOSES = r"(?=\s*(?:[,.;:!?)\"”']|$|\s(?:after|because|by|and|but|on|in)\b))"


def _after_copula(entries: tuple[str, ...]) -> re.Pattern[str]:
    """Compile refutation entries to match only after a copula or a closing "as", the refutation itself in group "word"."""
    if not entries:
        return re.compile(r"(?!x)x")
    return re.compile(rf"(?:{COPULA}|{AS_REFUTED})\s+(?P<word>{compile_lexicon(entries).pattern})(?(as){CLAUSE_CLOSES})")


def _variants(lines: tuple[str, ...]) -> dict[str, str]:
    """Read "canonical: variant, variant" lines into variant -> canonical."""
    found: dict[str, str] = {}
    for line in lines:
        canonical, _, variants = line.partition(":")
        for variant in variants.split(","):
            if variant.strip():
                found[" ".join(variant.split())] = canonical.strip()
    return found
