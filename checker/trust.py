"""Articles + cross-source pairs + RuleSet -> Trust: what independent sources make of each article.

Truth discovery after TruthFinder (Yin, Han & Yu, "Truth Discovery with Multiple Conflicting
Information Providers on the Web", 2008), in the family of Pasternack & Roth's Sums and
Investment: claim confidence and source trust are computed from each other in turn until
trust stops changing.

- A *fact* is a claim text, normalised; identical claims in several articles are one fact
  with several providers. A fact's own score is the sum, over the voices providing it, of
  the strongest provider's tau = -ln(1 - trust), times the fact's certainty (hedged claims
  count `hedged_certainty`).
- Pairs from the compare stage imply support or competition between facts: agreement by the
  pair's match probability; a number conflict by the closeness of the two numbers, so 50
  against 52 supports and 3 against 52 competes; other conflicts by their type's weight.
  A possible update, or a pair that may describe different events, implies nothing.
- Every independent voice adds its strongest implication once, times `implication_weight`,
  to the fact's score; a sigmoid with slope `dampening` turns the score into a confidence.
- A source's trust is the certainty-weighted average confidence of its facts that other
  voices touch, with `initial_trust` counted as `prior_weight` more facts.

Articles that copy one another are one voice: they never corroborate or contradict each
other, and a fact several of them carry counts once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from checker.classify import value_bounds
from checker.model import (
    COMPARABLE_KINDS,
    Article,
    Claim,
    ClaimTrust,
    Conflict,
    Copy,
    Pair,
    Trust,
    TrustEffect,
    TrustRun,
)
from checker.reliability import is_specific
from checker.rules import RuleSet, TrustRules
from checker.text import normalise_for_exact

# Below this an evidence term is rounding noise, not support or contradiction.
EFFECT_EPSILON = 1e-9
DIGITS = re.compile(r"\d+")


@dataclass(slots=True)
class _Fact:
    """Claims of the run with one normalised text, and what the iteration knows of them."""

    claims: list[Claim]
    certainty: float
    providers: dict[str, list[str]] = field(default_factory=dict)  # voice -> article ids
    links: dict[int, float] = field(default_factory=dict)  # other fact -> implication, -1..1
    evidence: bool = False  # whether another voice provides it or says something about it
    score: float = 0.0
    confidence: float = 0.0


def assess_trust(articles: Sequence[Article], pairs: Sequence[Pair], rules: RuleSet) -> tuple[list[Article], TrustRun]:
    """Return the articles with their Trust filled in, and how the iteration ended.

    The result does not depend on the order of `articles` or `pairs`: everything is keyed and
    summed in the order of article and claim ids.
    """
    params = rules.trust
    ordered = sorted(articles, key=lambda article: article.id)
    position = {c.id: (a.id, n) for a in ordered for n, c in enumerate(a.claims)}
    article_of = {claim_id: where[0] for claim_id, where in position.items()}
    comparable = {c.id: c for a in ordered for c in own_claims(a)}
    copies = find_copies(ordered, pairs, comparable, article_of, params)
    voice_of = voices([a.id for a in ordered], copies)
    facts, fact_of = _facts(ordered, comparable, article_of, voice_of, params)
    for pair in sorted(pairs, key=lambda p: sorted((position[p.a], position[p.b]))):
        implied = implication(pair, comparable, params)
        fa, fb = fact_of.get(pair.a), fact_of.get(pair.b)
        if implied is None or fa is None or fb is None or fa == fb:
            continue
        for f, g in ((fa, fb), (fb, fa)):
            if g not in facts[f].links or abs(implied) > abs(facts[f].links[g]):
                facts[f].links[g] = implied
    for fact in facts:
        fact.evidence = len(fact.providers) > 1 or any(set(facts[g].providers) - set(fact.providers) for g in fact.links)
    trust = {a.id: params.initial_trust for a in ordered}
    iterations, converged = 0, False
    while iterations < params.max_iterations and not converged:
        iterations += 1
        _score_facts(facts, trust, params)
        updated = _source_trust(facts, trust, params)
        converged = max((abs(updated[w] - trust[w]) for w in trust), default=0.0) <= params.tolerance
        trust = updated
    _score_facts(facts, trust, params)
    run = TrustRun(iterations=iterations, converged=converged, copies=tuple(copies))
    taus = {article_id: _tau(value, params) for article_id, value in trust.items()}
    results = {a.id: _article_trust(a, facts, fact_of, voice_of, trust, taus, copies, params) for a in ordered}
    return [replace(article, trust=results[article.id]) for article in articles], run


def own_claims(article: Article) -> list[Claim]:
    """Return the claims of an article that can be compared, its repeats of itself left out."""
    repeats = {d.b for d in article.duplicates if d.method != "restatement"}
    return [c for c in article.claims if c.kind in COMPARABLE_KINDS and c.id not in repeats]


def certainty(claim: Claim, params: TrustRules) -> float:
    """Return how much a claim's word weighs: less when it is hedged."""
    return params.hedged_certainty if claim.hedged else 1.0


def implication(pair: Pair, claims: dict[str, Claim], params: TrustRules) -> float | None:
    """Return how strongly two claims support (up to 1) or contradict (down to -1) each other.

    None when the pair says nothing about either: merely related, a possible update, or
    conflicting claims that may describe different events.
    """
    if pair.relation == "agrees":
        return pair.similarity
    if pair.relation != "conflicts" or pair.update is not None or pair.different_events is not None:
        return None
    a, b = claims.get(pair.a), claims.get(pair.b)
    values = []
    for conflict in pair.conflicts:
        closeness = number_closeness(a, b, conflict) if conflict.type == "number" else None
        if closeness is not None:
            values.append(closeness_implication(closeness, params.number_base_similarity))
        else:
            values.append(-params.conflict_weights.get(conflict.type, 1.0))
    return min(values) if values else None


def number_closeness(a: Claim | None, b: Claim | None, conflict: Conflict) -> float | None:
    """Return 1 - |x - y| / max(|x|, |y|) for the two numbers of a number conflict, 0..1.

    Ranges ("10000-99999") are compared by the gap between them. None when the numbers
    cannot be found or read.
    """
    if a is None or b is None:
        return None
    x = next((q for q in a.numbers if f"{q.text} {q.unit}" == conflict.a), None)
    y = next((q for q in b.numbers if f"{q.text} {q.unit}" == conflict.b), None)
    bx = value_bounds(x.value) if x is not None else None
    by = value_bounds(y.value) if y is not None else None
    if bx is None or by is None or not all(math.isfinite(v) for v in (*bx, *by)):
        return None
    gap = max(0.0, max(bx[0], by[0]) - min(bx[1], by[1]))
    scale = max(abs(v) for v in (*bx, *by))
    if scale == 0:
        return 1.0
    return max(0.0, 1.0 - gap / scale)


def closeness_implication(closeness: float, base: float) -> float:
    """Map closeness 0..1 to an implication -1..1 that changes sign at `base` (TruthFinder's base_sim)."""
    if closeness >= base:
        return (closeness - base) / (1.0 - base)
    return -(base - closeness) / base


def find_copies(
    articles: Sequence[Article],
    pairs: Sequence[Pair],
    claims: dict[str, Claim],
    article_of: dict[str, str],
    params: TrustRules,
) -> list[Copy]:
    """Find articles that reproduce another's text, each relation once, the copy named first.

    A claim is found in another article when that article has a claim of the same normalised
    text, or a compared claim with the same numbers whose rapidfuzz ratio reaches
    `copy_similarity` (sentences on one template with other figures are not copies). Of two
    articles the later-dated one is the copy; undated, the one more of whose claims are found
    in the other.
    """
    texts = {claim_id: normalise_for_exact(claim.text) for claim_id, claim in claims.items()}
    totals: dict[str, int] = {a.id: 0 for a in articles}
    by_text: dict[str, dict[str, list[str]]] = {}
    for claim_id, text in texts.items():
        if text:
            totals[article_of[claim_id]] += 1
            by_text.setdefault(text, {}).setdefault(article_of[claim_id], []).append(claim_id)
    found: dict[tuple[str, str], set[str]] = {}
    for holders in by_text.values():
        for x in holders:
            for y in holders:
                if x != y:
                    found.setdefault((x, y), set()).update(holders[x])
    for pair in pairs:
        if pair.a not in texts or pair.b not in texts or not texts[pair.a] or not texts[pair.b]:
            continue
        if _figures(claims[pair.a]) != _figures(claims[pair.b]):
            continue
        if fuzz.ratio(texts[pair.a], texts[pair.b]) / 100.0 >= params.copy_similarity:
            x, y = article_of[pair.a], article_of[pair.b]
            found.setdefault((x, y), set()).add(pair.a)
            found.setdefault((y, x), set()).add(pair.b)
    dates = {a.id: a.date for a in articles}

    def share(x: str, y: str) -> float:
        return len(found.get((x, y), ())) / totals[x] if totals[x] else 0.0

    def qualifies(x: str, y: str) -> bool:
        return len(found.get((x, y), ())) >= params.copy_min_claims and share(x, y) >= params.copy_share

    copies = []
    for x, y in sorted({tuple(sorted(key)) for key in found}):
        if not (qualifies(x, y) or qualifies(y, x)):
            continue
        date_x, date_y = dates.get(x), dates.get(y)
        if date_x and date_y and date_x != date_y:
            copy, original = (x, y) if date_x > date_y else (y, x)
        else:
            copy, original = (x, y) if (share(x, y), x) > (share(y, x), y) else (y, x)
        copies.append(Copy(copy, original, round(share(copy, original), 3), len(found.get((copy, original), ()))))
    return copies


def _figures(claim: Claim) -> list[str]:
    """Return the numbers of a claim, as found and as written in digits ("1-3/8 pct", "March 30")."""
    return sorted([quantity.value for quantity in claim.numbers] + DIGITS.findall(claim.text))


def voices(article_ids: Sequence[str], copies: Sequence[Copy]) -> dict[str, str]:
    """Return each article's voice: the smallest id among the articles it is joined to by copying."""
    parent = {article_id: article_id for article_id in article_ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for copy in copies:
        first, second = sorted((root(copy.article), root(copy.original)))
        parent[second] = first
    return {article_id: root(article_id) for article_id in article_ids}


def _facts(
    articles: Sequence[Article],
    claims: dict[str, Claim],
    article_of: dict[str, str],
    voice_of: dict[str, str],
    params: TrustRules,
) -> tuple[list[_Fact], dict[str, int]]:
    by_text: dict[str, int] = {}
    facts: list[_Fact] = []
    fact_of: dict[str, int] = {}
    for article in articles:
        for claim in own_claims(article):
            text = normalise_for_exact(claim.text) or claim.id
            if text not in by_text:
                by_text[text] = len(facts)
                facts.append(_Fact(claims=[], certainty=1.0))
            fact = facts[by_text[text]]
            fact.claims.append(claim)
            fact.certainty = min(fact.certainty, certainty(claim, params))
            holders = fact.providers.setdefault(voice_of[article.id], [])
            if article.id not in holders:
                holders.append(article.id)
            fact_of[claim.id] = by_text[text]
    return facts, fact_of


def _tau(trust: float, params: TrustRules) -> float:
    return -math.log(1.0 - min(trust, params.max_trust))


def _voice_tau(fact: _Fact, voice: str, taus: dict[str, float]) -> float:
    return max(taus[article_id] for article_id in fact.providers[voice])


def _score_facts(facts: list[_Fact], trust: dict[str, float], params: TrustRules) -> None:
    """Set each evidence fact's score and confidence from the current source trust."""
    taus = {article_id: _tau(value, params) for article_id, value in trust.items()}
    for fact in facts:
        if not fact.evidence:
            continue
        own = fact.certainty * sum(_voice_tau(fact, voice, taus) for voice in sorted(fact.providers))
        fact.score = own + params.implication_weight * sum(_voice_terms(fact, facts, taus).values())
        fact.confidence = 1.0 / (1.0 + math.exp(-params.dampening * fact.score))


def _voice_terms(fact: _Fact, facts: list[_Fact], taus: dict[str, float]) -> dict[str, float]:
    """Return, per voice not providing the fact, the strongest thing it says about it."""
    terms: dict[str, float] = {}
    for g in sorted(fact.links):
        other = facts[g]
        for voice in sorted(other.providers):
            if voice in fact.providers:
                continue
            term = other.certainty * _voice_tau(other, voice, taus) * fact.links[g]
            if voice not in terms or abs(term) > abs(terms[voice]):
                terms[voice] = term
    return terms


def _source_trust(facts: list[_Fact], trust: dict[str, float], params: TrustRules) -> dict[str, float]:
    weight = {article_id: params.prior_weight for article_id in trust}
    total = {article_id: params.prior_weight * params.initial_trust for article_id in trust}
    for fact in facts:
        if not fact.evidence:
            continue
        for voice in sorted(fact.providers):
            for article_id in fact.providers[voice]:
                weight[article_id] += fact.certainty
                total[article_id] += fact.certainty * fact.confidence
    return {
        article_id: min(params.max_trust, total[article_id] / weight[article_id]) if weight[article_id] else trust[article_id]
        for article_id in trust
    }


def _article_trust(
    article: Article,
    facts: list[_Fact],
    fact_of: dict[str, int],
    voice_of: dict[str, str],
    trust: dict[str, float],
    taus: dict[str, float],  # computed once for all articles: per article it would cost the square
    copies: Sequence[Copy],
    params: TrustRules,
) -> Trust:
    voice = voice_of[article.id]
    scored: list[ClaimTrust] = []
    supported: set[str] = set()
    for claim in own_claims(article):
        fact = facts[fact_of[claim.id]]
        if not fact.evidence:
            continue
        support = [c.id for c in fact.claims if voice_of[_article(c.id)] != voice]
        contradiction: list[str] = []
        for g, implied in sorted(fact.links.items()):
            others = [c.id for c in facts[g].claims if voice_of[_article(c.id)] not in fact.providers]
            if implied > 0:
                support += others
            elif implied < 0:
                contradiction += others
        added = fact.score - fact.certainty * _voice_tau(fact, voice, taus)
        effect: TrustEffect = "earned" if added > EFFECT_EPSILON else "cost" if added < -EFFECT_EPSILON else "neutral"
        if support:
            supported.add(claim.id)
        scored.append(
            ClaimTrust(
                id=claim.id,
                confidence=round(fact.confidence, 3),
                effect=effect,
                support=tuple(sorted(set(support), key=_claim_key)),
                contradiction=tuple(sorted(set(contradiction), key=_claim_key)),
            )
        )
    single = tuple(c.id for c in own_claims(article) if is_specific(c) and c.id not in supported)
    related = tuple(c for c in copies if article.id in (c.article, c.original))
    if not scored:
        return Trust(score=None, status="not corroborated", claims=(), single_source=single, copies=related)
    return Trust(
        score=int(round(100 * trust[article.id])),
        status="scored",
        claims=tuple(scored),
        single_source=single,
        copies=related,
    )


def _article(claim_id: str) -> str:
    return claim_id.rpartition(":")[0]


def _claim_key(claim_id: str) -> tuple[str, int]:
    article_id, _, number = claim_id.rpartition(":")
    return article_id, int(number) if number.isdigit() else 0
