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
    currency_before: re.Pattern[str]  # a currency symbol or code ending just before a figure
    currency_signs: dict[str, str]  # "US$" -> "dollars"
    currency_names: dict[str, str]  # "us dollars" -> "dollars"
    measures_joined: dict[str, str]  # "mm" -> "millimetres", as written after a figure
    measure_names: dict[str, str]  # "millimeters" -> "millimetres", lower case
    modifier_before: re.Pattern[str]  # a bound ending just before a figure: "at least "
    modifiers: dict[str, str]  # "at least" -> "min"
    figure_verb_before: re.Pattern[str]  # "rose to " ending just before a figure

    def tokenise(self, span: str) -> Tokens:
        """Cut a claim into tokens, keeping the full stops of known abbreviations."""
        return Tokens(span, *split_tokens(span, self.abbreviations, self.hyphen_qualifiers))


# The lexicons read here; a rule set's vocabulary is built once, keyed by their contents.
LEXICONS = (
    "hedges",
    "negations",
    "negative_predicates",
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
    "currencies",
    "measure_units",
    "number_modifiers",
    "figure_verbs",
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
    currencies = _variants(entries["currencies"])
    signs = {v: c for v, c in currencies.items() if not v[0].isalpha() or v.isupper()}  # "US$", "€", "USD"
    names = {v: c for v, c in currencies.items() if v not in signs or v.isalpha()}  # "dollars", "USD"
    measures = _variants(entries["measure_units"])
    modifiers = _variants(entries["number_modifiers"])
    return Vocabulary(
        hedges=compile_lexicon(entries["hedges"]),
        negations=compile_lexicon(entries["negations"]),
        negative_predicates=compile_lexicon(entries["negative_predicates"]),
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
        currency_before=_ending_pattern(signs, case_sensitive=True),
        currency_signs=signs,
        currency_names={name.lower(): canonical for name, canonical in names.items()},
        measures_joined=measures,
        measure_names={name.lower(): canonical for name, canonical in measures.items() if len(name) > 2},
        modifier_before=_ending_pattern(modifiers, case_sensitive=False),
        modifiers=modifiers,
        figure_verb_before=_ending_pattern({verb: verb for verb in entries["figure_verbs"]}, case_sensitive=True),
    )


def _variants(lines: tuple[str, ...]) -> dict[str, str]:
    """Read "canonical: variant, variant" lines into variant -> canonical."""
    found: dict[str, str] = {}
    for line in lines:
        canonical, _, variants = line.partition(":")
        for variant in variants.split(","):
            if variant.strip():
                found[" ".join(variant.split())] = canonical.strip()
    return found


def _ending_pattern(entries: dict[str, str], *, case_sensitive: bool) -> re.Pattern[str]:
    """Compile entries into a pattern that matches one of them at the end of a search window.

    Searched with an end position just before a figure, it finds what is written right before
    it ("US$", "at least "). Symbols need no space after them; words need one.
    """
    ordered = sorted(entries, key=lambda e: (-len(e), e))
    words = [e for e in ordered if e[-1].isalnum()]
    signs = [e for e in ordered if not e[-1].isalnum()]
    alternatives = []
    if words:
        joined = "|".join(r"[^\S\n]+".join(map(re.escape, w.split())) for w in words)
        alternatives.append(rf"(?<![\w$€£¥-])(?P<word>{joined})[^\S\n]+$")
    if signs:
        joined = "|".join(re.escape(s) for s in signs)
        alternatives.append(rf"(?<![\w$])(?P<sign>{joined})[^\S\n]?$")
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile("|".join(alternatives) or r"(?!x)x", flags)
