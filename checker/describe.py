"""Claims + RuleSet -> Claims with hedges, attribution, numbers, dates, entities, negations and occasion.

Each finder lives in its own module; this one runs them claim by claim and carries what one
claim leaves to the next: the last speaker, the last day named, the titles given so far.
"""

from __future__ import annotations

from checker.attribution import INHERIT_WINDOW, find_attribution, find_hedges, source_label
from checker.dates import dateline_end, dates_in, occasion_of, reference_day
from checker.entities import Found, confirm_sentence_openers, find_entities, names_given_elsewhere, share_person_keys
from checker.model import COMPARABLE_KINDS, Article, Claim, Entity
from checker.negation import find_negations
from checker.numbers import numbers_in
from checker.rules import RuleSet
from checker.tokens import is_headline_case, is_title_case, lexicon_text
from checker.vocabulary import vocabulary_of

def describe_claims(article: Article, claims: tuple[Claim, ...], rules: RuleSet) -> tuple[Claim, ...]:
    """Return the claims with hedges, attribution, numbers, dates, entities, negations and occasion filled.

    Offsets in the numbers, dates and entities point into `article.text`. A pronoun source
    ("he said") takes the attribution of one of the previous claims; a claim without a date of
    its own takes the occasion of the last claim dated to the day, else the article's date.
    """
    vocabulary = vocabulary_of(rules)
    reference = reference_day(article.date)
    text = article.text
    titled: dict[str, str] = {}  # last word of a title, lower case -> the name it was last given to
    sources: list[str | None] = []  # attributions of the comparable claims so far
    dated: tuple[str, int] | None = None  # the last comparable claim's own day and line
    described: list[Claim] = []
    pending: list[list[Entity]] = []  # lone capitalised openers, kept if the article names them
    openers: list[list[Entity]] = []  # lone capitalised openers kept because they speak
    title_cased: list[bool] = []  # claims whose capitals mark no names
    for claim in claims:
        span = text[claim.start:claim.end]
        shift = claim.start
        lexical = lexicon_text(span)
        tokens = vocabulary.tokenise(span)
        # A dateline ("OSLO, May 4 (Wire) - ") says where and when the story was filed: its
        # place, date and agency are not what the claim names, counts or is about.
        opening = dateline_end(span) + shift
        verb_matches = list(vocabulary.verbs.finditer(lexical))
        if claim.kind == "heading" and is_title_case(tokens.words):
            found: list[Found] = []  # "U.S. Engages with Belarusian Leadership": capitals mark no names
            unsure: list[Found] = []
        else:
            found, unsure = find_entities(tokens, vocabulary, {m.start() for m in verb_matches}, shift)
            if opening > shift:
                found = [f for f in found if f.entity.start >= opening]
                unsure = [f for f in unsure if f.entity.start >= opening]
        # A sentence in title case ("Woman Gets Third Breast To Turn Off Men") marks no names by
        # its capitals: its names are those the article gives elsewhere, found once all are read.
        headline = is_headline_case(tokens.words)
        title_cased.append(bool(found or unsure) and headline)
        named, unsure = ([], []) if title_cased[-1] else (found, unsure)
        attribution, inherits = None, False
        if verb_matches or "via" in lexical:
            attribution, inherits = find_attribution(tokens, lexical, verb_matches, found, vocabulary, titled)
        if inherits:
            attribution = next((s for s in reversed(sources[-INHERIT_WINDOW:]) if s), None)
        elif attribution is None and ":" in span:
            attribution = source_label(span, vocabulary)
        dates, date_spans = dates_in(span, reference, shift)
        if dates and opening > shift:
            dates = tuple(d for d in dates if d.start >= opening)
        numbers = numbers_in(span, lexical, tokens, date_spans, shift, vocabulary, headline=headline)
        if numbers and opening > shift:
            numbers = [q for q in numbers if q.start >= opening]
        hedges = find_hedges(lexical, vocabulary)
        occasion, occasion_source = occasion_of(dates, dated, article.date)
        described.append(
            Claim(
                id=claim.id,
                text=claim.text,
                start=claim.start,
                end=claim.end,
                line=claim.line,
                kind=claim.kind,
                hedged=bool(hedges),
                hedges=hedges,
                attribution=attribution,
                numbers=tuple(numbers),
                dates=dates,
                # "$1M" is a sum, not a name written in capitals.
                entities=tuple(f.entity for f in named if not any(q.start <= f.entity.start and f.entity.end <= q.end for q in numbers)),
                negations=find_negations(lexical, span, vocabulary),
                occasion=occasion,
                occasion_source=occasion_source,
            )
        )
        pending.append([f.entity for f in unsure])
        openers.append([f.entity for f in named if f.opener])
        if claim.kind in COMPARABLE_KINDS:
            sources.append(attribution)
            if occasion_source == "the claim" and occasion is not None and len(occasion) == 10:
                dated = (occasion, claim.line)
            for f in named:
                if f.entity.title:
                    titled[f.entity.title.split()[-1].lower()] = f.entity.name
    confirmed = confirm_sentence_openers(described, pending, openers, text)
    return share_person_keys(names_given_elsewhere(confirmed, title_cased, text) if any(title_cased) else confirmed)
