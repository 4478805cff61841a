"""Article + cross-source pairs + RuleSet -> Reliability: a 0-100 score from named signals."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from checker.model import COMPARABLE_KINDS, Article, Claim, Pair, Reliability, Signal
from checker.rules import RuleSet, SignalRule
from checker.tokens import lexicon_text as read_as_lexicons


def lexicon_text(claim: Claim) -> str:
    """Return the claim text as lexicons match it, read as describing reads it (tokens.lexicon_text)."""
    return read_as_lexicons(claim.text)


def is_specific(claim: Claim) -> bool:
    """Tell whether a claim gives something checkable: a number, a date, a titled or full name."""
    return bool(claim.numbers or claim.dates or any(e.title or " " in e.name for e in claim.entities))


def score_articles(articles: Iterable[Article], pairs: Iterable[Pair], rules: RuleSet) -> list[Article]:
    """Return the articles with their reliability filled in."""
    corroborated: set[str] = set()
    conflicting: set[str] = set()
    for pair in pairs:
        if pair.relation == "agrees":
            corroborated.update((pair.a, pair.b))
        elif pair.relation == "conflicts" and pair.different_events is None and pair.update is None:
            conflicting.update((pair.a, pair.b))
    return [replace(a, reliability=score_article(a, rules, corroborated, conflicting)) for a in articles]


def score_article(article: Article, rules: RuleSet, corroborated: set[str], conflicting: set[str]) -> Reliability:
    """Apply every signal rule to one article."""
    claims = [c for c in article.claims if c.kind in COMPARABLE_KINDS]
    duplicated = {d.b for d in article.duplicates}
    anonymous = rules.lexicon_pattern("anonymous_sources")
    features: dict[str, Callable[[Claim], bool]] = {
        "hedged": lambda c: c.hedged,
        "attributed": lambda c: c.attribution is not None and not anonymous.search(c.attribution),
        # Rests on an unnamed source: "officials said", not "talks with KGB officials".
        "unnamed": lambda c: c.attribution is not None and anonymous.search(c.attribution) is not None,
        "specific": is_specific,
        "duplicated": lambda c: c.id in duplicated,
        "corroborated": lambda c: c.id in corroborated,
        "conflicting": lambda c: c.id in conflicting,
    }
    # Each lexicon rule searches the claims as lexicons read them: read once for all the rules.
    lexical = [lexicon_text(c) for c in claims] if any(r.kind == "lexicon-share" for r in rules.signals) else []
    signals = []
    for rule in rules.signals:
        signal = _apply(rule, article, claims, lexical, features, rules)
        if signal is not None:
            signals.append(signal)
    score = rules.thresholds["base_score"] + sum(s.points for s in signals)
    return Reliability(score=int(round(max(0.0, min(100.0, score)))), signals=tuple(signals))


def _apply(
    rule: SignalRule,
    article: Article,
    claims: list[Claim],
    lexical: list[str],
    features: dict[str, Callable[[Claim], bool]],
    rules: RuleSet,
) -> Signal | None:
    if rule.kind == "missing-metadata":
        if getattr(article, rule.field) is not None:
            return None
        return Signal(rule.code, rule.name, rule.message.format(field=rule.field), rule.weight, ())
    if rule.kind == "lexicon-share":
        pattern = rules.lexicon_pattern(rule.lexicon)
        flagged = [c for c, text in zip(claims, lexical) if pattern.search(text)]
    else:
        flagged = [c for c in claims if features[rule.feature](c)]
    if not flagged:
        return None
    share = len(flagged) / len(claims)
    points = round(rule.weight * min(1.0, share / rule.saturation), 1)
    message = rule.message.format(count=len(flagged), total=len(claims), share=share)
    return Signal(rule.code, rule.name, message, points, tuple(c.id for c in flagged))
