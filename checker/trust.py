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

import numpy as np
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
    graph = _graph(facts, {a.id: n for n, a in enumerate(ordered)}, params)
    values = np.full(len(ordered), params.initial_trust, dtype=float)
    iterations, converged = 0, False
    while iterations < params.max_iterations and not converged:
        iterations += 1
        _, confidence = _score_facts(graph, values, params)
        updated = _source_trust(graph, confidence, values, params)
        converged = float(np.max(np.abs(updated - values), initial=0.0)) <= params.tolerance
        values = updated
    for f, score, confidence in zip(graph.evidence.tolist(), *_score_facts(graph, values, params)):
        facts[f].score, facts[f].confidence = float(score), float(confidence)
    run = TrustRun(iterations=iterations, converged=converged, copies=tuple(copies))
    trust = dict(zip((a.id for a in ordered), values.tolist()))
    taus = {article_id: _tau(value, params) for article_id, value in trust.items()}
    copies_of: dict[str, list[Copy]] = {}
    for copy in copies:
        for article_id in dict.fromkeys((copy.article, copy.original)):
            copies_of.setdefault(article_id, []).append(copy)
    results = {
        a.id: _article_trust(a, facts, fact_of, voice_of, trust, taus, copies_of.get(a.id, []), params) for a in ordered
    }
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
    texts_of: dict[str, list[str]] = {}
    for claim_id, text in texts.items():
        if text:
            totals[article_of[claim_id]] += 1
            by_text.setdefault(text, {}).setdefault(article_of[claim_id], []).append(claim_id)
            texts_of.setdefault(article_of[claim_id], []).append(text)
    found: dict[tuple[str, str], set[str]] = {}
    figures: dict[str, list[str]] = {}
    for pair in pairs:
        if pair.a not in texts or pair.b not in texts or not texts[pair.a] or not texts[pair.b]:
            continue
        for claim_id in (pair.a, pair.b):
            if claim_id not in figures:
                figures[claim_id] = _figures(claims[claim_id])
        if figures[pair.a] != figures[pair.b]:
            continue
        if fuzz.ratio(texts[pair.a], texts[pair.b]) / 100.0 >= params.copy_similarity:
            x, y = article_of[pair.a], article_of[pair.b]
            found.setdefault((x, y), set()).add(pair.a)
            found.setdefault((y, x), set()).add(pair.b)
    near = {(x, y) if x < y else (y, x) for x, y in found if x != y}
    for x, y in near | _exact_candidates(texts_of, by_text, totals, params):
        for first, second in ((x, y), (y, x)):
            shared = [
                c for text in dict.fromkeys(texts_of[first]) if second in by_text[text] for c in by_text[text][first]
            ]
            if shared:
                found.setdefault((first, second), set()).update(shared)
    dates = {a.id: a.date for a in articles}
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


def _exact_candidates(
    texts_of: dict[str, list[str]],
    by_text: dict[str, dict[str, list[str]]],
    totals: dict[str, int],
    params: TrustRules,
) -> set[tuple[str, str]]:
    """Return the article pairs that may share enough identical claims to be copies, smaller id first.

    Pairing every two holders of each text costs the square of its holders, which a sentence
    common to a whole feed makes large. An article can only be a copy of another that holds
    at least `need` of its claims, so that other holds one of its (total - need + 1) rarest
    claims: pairing through those alone still finds every pair that can qualify.
    """
    candidates: set[tuple[str, str]] = set()
    for x, own in texts_of.items():
        # The floor never exceeds the least count that reaches copy_share, so no pair is lost.
        need = max(1, params.copy_min_claims, math.floor(params.copy_share * totals[x]))
        rarest = sorted(own, key=lambda text: (len(by_text[text]), text))
        for text in rarest[: max(0, totals[x] - need + 1)]:
            for y in by_text[text]:
                if y != x:
                    candidates.add((x, y) if x < y else (y, x))
    return candidates


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


@dataclass(frozen=True, slots=True)
class _Graph:
    """The evidence facts, their providers and implications as index arrays, built once.

    Only trust changes between iterations, so each iteration is a few array operations over
    these. Every sum runs in the order the definition gives (facts, then voices and linked
    facts sorted) through weighted bincount, which adds strictly in array order: the scores
    come out bit for bit as a plain loop over the facts would make them.
    """

    evidence: np.ndarray  # fact index of each evidence fact
    certainty: np.ndarray  # per evidence fact
    entry_article: np.ndarray  # per (evidence fact, voice, article), facts and voices in order
    entry_fact: np.ndarray  # evidence-fact position of each entry
    slot_start: np.ndarray  # first entry of each (evidence fact, voice)
    slot_fact: np.ndarray  # evidence-fact position of each slot
    term_slot: np.ndarray  # per thing a voice says about a fact: the saying (fact, voice) slot
    term_factor: np.ndarray  # the saying fact's certainty
    term_link: np.ndarray  # and the implication between the two facts
    term_group: np.ndarray  # the (fact, saying voice) of each term: the strongest one counts
    group_start: np.ndarray  # first term of each group
    group_fact: np.ndarray  # evidence-fact position of each group
    weight: np.ndarray  # per article: prior plus the certainty of its evidence facts


def _graph(facts: list[_Fact], article_index: dict[str, int], params: TrustRules) -> _Graph:
    evidence = [f for f, fact in enumerate(facts) if fact.evidence]
    entry_article: list[int] = []
    entry_fact: list[int] = []
    slot_start: list[int] = []
    slot_fact: list[int] = []
    slot_of: dict[tuple[int, str], int] = {}
    for position, f in enumerate(evidence):
        for voice in sorted(facts[f].providers):
            slot_of[f, voice] = len(slot_start)
            slot_start.append(len(entry_article))
            slot_fact.append(position)
            for article_id in facts[f].providers[voice]:
                entry_article.append(article_index[article_id])
                entry_fact.append(position)
    # A term's group is its (fact, voice), numbered as first met, so grouping the terms
    # stably keeps both the first-strongest choice and the order the voices are summed in.
    term_slot: list[int] = []
    term_factor: list[float] = []
    term_link: list[float] = []
    term_group: list[int] = []
    group_fact: list[int] = []
    for position, f in enumerate(evidence):
        fact = facts[f]
        group_of: dict[str, int] = {}
        for g in sorted(fact.links):
            other = facts[g]
            for voice in sorted(other.providers):
                if voice in fact.providers:
                    continue
                if voice not in group_of:
                    group_of[voice] = len(group_fact)
                    group_fact.append(position)
                term_slot.append(slot_of[g, voice])
                term_factor.append(other.certainty)
                term_link.append(fact.links[g])
                term_group.append(group_of[voice])
    order = np.argsort(np.asarray(term_group, dtype=np.int64), kind="stable")
    grouped = np.asarray(term_group, dtype=np.int64)[order]
    group_start = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]]) if len(grouped) else grouped
    certainties = np.array([facts[f].certainty for f in evidence], dtype=float)
    entries = np.asarray(entry_article, dtype=np.int64)
    entry_facts = np.asarray(entry_fact, dtype=np.int64)
    articles = len(article_index)
    return _Graph(
        evidence=np.asarray(evidence, dtype=np.int64),
        certainty=certainties,
        entry_article=entries,
        entry_fact=entry_facts,
        slot_start=np.asarray(slot_start, dtype=np.int64),
        slot_fact=np.asarray(slot_fact, dtype=np.int64),
        term_slot=np.asarray(term_slot, dtype=np.int64)[order],
        term_factor=np.asarray(term_factor, dtype=float)[order],
        term_link=np.asarray(term_link, dtype=float)[order],
        term_group=grouped,
        group_start=group_start,
        group_fact=np.asarray(group_fact, dtype=np.int64),
        weight=_per_article(entries, articles, params.prior_weight, certainties[entry_facts]),
    )


def _per_article(entry_article: np.ndarray, articles: int, first: float, values: np.ndarray) -> np.ndarray:
    """Return `first` plus the values of each article's entries, added one by one in entry order."""
    return np.bincount(
        np.concatenate([np.arange(articles, dtype=np.int64), entry_article]),
        weights=np.concatenate([np.full(articles, first, dtype=float), values]),
        minlength=articles,
    ).astype(float, copy=False)  # bincount of nothing is integer


def _taus(trust: np.ndarray, params: TrustRules) -> np.ndarray:
    # math.log rather than np.log: numpy's vectorised log may differ in the last bit by CPU.
    return -np.array(list(map(math.log, (1.0 - np.minimum(trust, params.max_trust)).tolist())), dtype=float)


def _score_facts(graph: _Graph, trust: np.ndarray, params: TrustRules) -> tuple[np.ndarray, np.ndarray]:
    """Return each evidence fact's score and confidence from the current source trust."""
    facts = len(graph.evidence)
    if not facts:
        return np.zeros(0), np.zeros(0)
    voice_tau = np.maximum.reduceat(_taus(trust, params)[graph.entry_article], graph.slot_start)
    own = graph.certainty * np.bincount(graph.slot_fact, weights=voice_tau, minlength=facts)
    said = np.zeros(facts)
    if len(graph.term_slot):
        terms = graph.term_factor * voice_tau[graph.term_slot] * graph.term_link
        strength = np.abs(terms)
        strongest = np.maximum.reduceat(strength, graph.group_start)
        at_max = np.where(strength == strongest[graph.term_group], np.arange(len(terms)), len(terms))
        chosen = terms[np.minimum.reduceat(at_max, graph.group_start)]
        said = np.bincount(graph.group_fact, weights=chosen, minlength=facts)
    score = own + params.implication_weight * said
    exponent = (-params.dampening * score).tolist()
    return score, 1.0 / (1.0 + np.array(list(map(math.exp, exponent)), dtype=float))


def _source_trust(graph: _Graph, confidence: np.ndarray, trust: np.ndarray, params: TrustRules) -> np.ndarray:
    certainty = graph.certainty[graph.entry_fact]
    total = _per_article(graph.entry_article, len(trust), params.prior_weight * params.initial_trust,
                         certainty * confidence[graph.entry_fact])
    weighed = graph.weight != 0
    average = np.divide(total, graph.weight, out=np.zeros_like(total), where=weighed)
    return np.where(weighed, np.minimum(params.max_trust, average), trust)


def _article_trust(
    article: Article,
    facts: list[_Fact],
    fact_of: dict[str, int],
    voice_of: dict[str, str],
    trust: dict[str, float],
    taus: dict[str, float],  # computed once for all articles: per article it would cost the square
    copies: Sequence[Copy],  # the copy relations this article is part of
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
    related = tuple(copies)
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
