"""Candidate pairs -> Pairs with a relation (agrees / conflicts / related) and typed Conflicts.

Two questions are kept apart (de Marneffe, Rafferty & Manning 2008). Do the claims speak of
the same thing? They do when the scorer calls them paraphrases, when they count the same thing
in the same statement, or when most of the smaller claim's concepts are found in the other
(checker/align.py). Do they say the same about it? Each slot is compared for a typed mismatch:
number, date, negation, qualifier, entity. Before a mismatch becomes a conflict, pairs about
another event (another instance, a past occasion against the current one, several slots
differing at once) are set apart as `related`, and a figure against a later one as an update.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from itertools import repeat

import simplemma
from rapidfuzz import fuzz

from checker.align import (
    MONTHS,
    WEEKDAYS,
    CLAUSE_END,
    MINUTES_A_DAY,
    PASSIVE_AUXILIARY,
    STOP,
    TOLD_ITEMS,
    UNIFORM,
    WORD,
    Alignment,
    Concept,
    ConceptWeights,
    Counted,
    Frame,
    TimeMention,
    Vocabulary,
    align,
    clause_containment,
    compatible,
    concept_weights,
    lemma,
    name_words,
    one_happening,
    read_frame,
    time_mentions,
    vocabulary,
)
from checker.match import Candidate
from checker.model import Article, Claim, Conflict, Entity, Pair, Update
from checker.numbers import AGE_ENDINGS, is_number_word
from checker.ranks import Rank, ranked_roles, same_rank
from checker.reliability import lexicon_text
from checker.rules import RuleSet
from checker.text import read_aliases, telling_words
from checker.tokens import FUNCTION_WORDS

RANGE = re.compile(r"^(-?\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$")
# A date this many days or more from its article's date is about an earlier or later occasion
# than the story's own: "in 1998", "in 2019", against the days the story covers.
CURRENT_DAYS = 31
# Types of mismatch that each place a statement in the world; two of them at once mean two
# occasions ("2,300 procedures at Bayfield in 2024" against "more than 400 as of Monday").
PLACING = ("number", "date", "entity")


@dataclass(frozen=True, slots=True)
class Qualifiers:
    """Title qualifiers by what they do: change the person's standing in the office or restate it."""

    changes: frozenset[str]
    restates: frozenset[str]
    offices: frozenset[str] = frozenset()  # lexicons/titles.txt, lower case: read in an appositive after a name

    def all(self) -> frozenset[str]:
        return self.changes | self.restates


# One shared name word ("note", "international", "bank") is a coincidence of wording.
STORY_NAMES = 2


@dataclass(slots=True)
class Context:
    """What classifying needs beyond the two claims, read once per run and shared by every pair."""

    words: Vocabulary
    qualifiers: Qualifiers
    weights: ConceptWeights = UNIFORM
    article_dates: Mapping[str, str | None] = field(default_factory=dict)
    article_texts: Mapping[str, str] = field(default_factory=dict)
    article_names: Mapping[str, frozenset[str]] = field(default_factory=dict)  # words of the names each article gives
    name_idf: Mapping[str, float] = field(default_factory=dict)  # over the articles of the run
    frames: dict[str, Frame] = field(default_factory=dict)
    occasion_cues: re.Pattern[str] | None = None  # lexicons/other_occasion_cues.txt
    story_threshold: float = 0.0
    stories: dict[tuple[str, str], bool] = field(default_factory=dict)
    joined: dict[tuple[str, str], bool] = field(default_factory=dict)  # article pairs of one story, or too few names to tell
    read_words: dict[str, frozenset[str]] = field(default_factory=dict)
    cues_found: dict[tuple[str, str], re.Match[str] | None] = field(default_factory=dict)
    names_weights: dict[str, float] = field(default_factory=dict)
    entity_keys: dict[str, frozenset[str]] = field(default_factory=dict)
    bodies: frozenset[str] = frozenset()  # lexicons/acting_bodies.txt: "council", "fund"
    aliases: Mapping[str, str] = field(default_factory=dict)  # lexicons/aliases.txt: "Britain" -> "uk"
    common_names: frozenset[str] = frozenset()  # name words more than STORY_WORD_ARTICLES articles give

    def article_words(self, article_id: str) -> frozenset[str] | None:
        """Return the lower-case words of an article, read the first time they are asked for."""
        if article_id not in self.read_words:
            text = self.article_texts.get(article_id)
            if text is None:
                return None
            self.read_words[article_id] = frozenset(WORD.findall(text.lower()))
        return self.read_words[article_id]

    def same_story(self, x: str, y: str) -> bool:
        """Tell whether two articles tell one story: two or more name words shared, weighing story_threshold of all (Dice).

        Name words ("tamarack", "kestrel") are weighed by how few articles of the run give them, so two stories about one
        company or one flood share much, and two earnings reports little. An article naming
        no one is told apart from every other; without articles (claims compared on their
        own) there is nothing to tell apart.
        """
        if not self.article_names:
            return True
        key = (x, y) if x < y else (y, x)
        if key not in self.stories:
            names_x, names_y = self.article_names.get(x), self.article_names.get(y)
            if not names_x or not names_y:
                self.stories[key] = False
            else:
                both = names_x & names_y
                total = self._names_weight(x) + self._names_weight(y)
                shared = 2 * math.fsum(map(self.name_idf.get, both, repeat(0.0)))
                self.stories[key] = len(both) >= STORY_NAMES and total > 0 and shared / total >= self.story_threshold
        return self.stories[key]

    def _names_weight(self, article_id: str) -> float:
        found = self.names_weights.get(article_id)
        if found is None:
            found = self.names_weights[article_id] = math.fsum(map(self.name_idf.get, self.article_names[article_id], repeat(0.0)))
        return found

    def cue(self, cues: re.Pattern[str], claim: Claim) -> re.Match[str] | None:
        """Return the first match of a cue lexicon in a claim, searched once per claim and lexicon."""
        key = (cues.pattern, claim.id)
        if key not in self.cues_found:
            self.cues_found[key] = cues.search(lexicon_text(claim))
        return self.cues_found[key]

    def may_align(self, a: Claim, b: Claim) -> bool:
        """Tell whether two claims may be aligned below the paraphrase threshold: one story, a name of their own shared, or too few names to tell."""
        x, y = _article(a), _article(b)
        key = (x, y) if x < y else (y, x)
        joined = self.joined.get(key)
        if joined is None:
            joined = self.joined[key] = self.same_story(x, y) or self.too_few_names(x, y)
        return joined or not self._keys(a).isdisjoint(self._keys(b))

    def _keys(self, claim: Claim) -> frozenset[str]:
        """Return the keys of the names a claim gives that few articles of the run give: "Micropolis", not "Securities and Exchange Commission"."""
        found = self.entity_keys.get(claim.id)
        if found is None:
            found = self.entity_keys[claim.id] = frozenset(
                e.key for e in claim.entities if not all(w in self.common_names for w in WORD.findall(e.key))
            )
        return found

    def too_few_names(self, x: str, y: str) -> bool:
        """Tell whether two articles give too few name words to tell their stories apart.

        Two stories are told apart by the names they do not share; an article of a sentence or
        two that names one thing or nothing ("The senator voted for the bill"), every name of it
        given by the other too, gives no such evidence, so its claims are compared on what they
        say. A brief naming one company still differs from one naming another.
        """
        if not self.article_names:
            return False
        names_x, names_y = self.article_names.get(x, frozenset()), self.article_names.get(y, frozenset())
        smaller, larger = (names_x, names_y) if len(names_x) <= len(names_y) else (names_y, names_x)
        return len(smaller) < STORY_NAMES and smaller <= larger

    def frame(self, claim: Claim) -> Frame:
        found = self.frames.get(claim.id)
        if found is None:
            found = self.frames[claim.id] = read_frame(claim, self.words)
        return found


def aliases_of(rules: RuleSet) -> dict[str, str]:
    """Return each name of the aliases lexicon, case folded, with the one actor it names: "britain" and "u.k." -> "uk"."""
    # Names, unlike words of a sentence, may be folded: "Isis" is "ISIS".
    return {variant.casefold(): canonical for canonical, variants in read_aliases(rules.lexicon("aliases")) for variant in variants}


def bodies_of(rules: RuleSet) -> frozenset[str]:
    """Return the words that head the name of a body ("council", "fund", "ministry"), lower case."""
    return frozenset(w.lower() for w in rules.lexicon("acting_bodies"))


def qualifier_classes(rules: RuleSet) -> Qualifiers:
    """Return the title qualifiers of the rules by class (lexicons/title_qualifier_classes.txt)."""
    classes: dict[str, set[str]] = {"changes": set(), "restates": set()}
    for entry in rules.lexicon("title_qualifier_classes"):
        name, _, listed = (part.strip() for part in entry.partition(":"))
        if name in classes:
            classes[name].update(q.strip().lower() for q in listed.split(",") if q.strip())
    offices = frozenset(t.lower() for t in rules.lexicon("titles"))
    return Qualifiers(frozenset(classes["changes"]), frozenset(classes["restates"]), offices)


@lru_cache(maxsize=8)
def _appositive_pattern(offices: frozenset[str]) -> re.Pattern[str]:
    listed = "|".join(re.escape(o) for o in sorted(offices, key=len, reverse=True))
    return re.compile(rf",\s(?:the\s)?((?:[\w'’-]+\s){{0,3}}?)({listed})\b", re.IGNORECASE)


def _appositive_title(claim: Claim, entity: Entity, qualifiers: Qualifiers) -> str | None:
    """Return the title an appositive gives a name that has none before it: "Ana Ruiz, president of the union" -> "president"."""
    if not qualifiers.offices:
        return None
    end = entity.end - claim.start
    found = _appositive_pattern(qualifiers.offices).match(claim.text, end, end + 80)
    if found is None:
        return None
    before = found.group(1).split()
    kept = [w for w in before if w.lower() in qualifiers.all()]
    return " ".join([*kept, found.group(2)]) if len(kept) == len(before) else found.group(2)


# A name word given by more articles than this ("corp", "u.s.") joins no two of them into a
# story: it keeps finding the articles that share a story linear in the articles.
STORY_WORD_ARTICLES = 50


def build_context(articles: Iterable[Article], rules: RuleSet, claims: Iterable[Claim] = ()) -> Context:
    """Read what the articles say of themselves (date, names) and the frames of `claims` into a Context.

    Frames are read for the claims of articles that share a story with another (their concept
    weights are those claims'); a claim of any other article is read when a paraphrase needs it.
    """
    articles = list(articles)
    names = {a.id: frozenset(w for c in a.claims for e in c.entities for w in WORD.findall(e.name.lower()) if w not in STOP) for a in articles}
    counts = Counter(key for keys in names.values() for key in keys)
    context = Context(
        vocabulary(rules),
        qualifier_classes(rules),
        article_dates={a.id: a.date for a in articles},
        article_texts={a.id: a.text for a in articles},
        article_names=names,
        name_idf={key: math.log((1 + len(articles)) / (1 + n)) + 1 for key, n in counts.items()},
        occasion_cues=rules.lexicon_pattern("other_occasion_cues"),
        story_threshold=rules.thresholds["story_threshold"],
        bodies=bodies_of(rules),
        aliases=aliases_of(rules),
        common_names=frozenset(key for key, n in counts.items() if n > STORY_WORD_ARTICLES),
    )
    storied = _articles_in_stories(names, counts, context)
    for claim in claims:
        if _article(claim) in storied:
            context.frame(claim)
    context.weights = concept_weights(context.frames.values())
    return context


def _articles_in_stories(names: Mapping[str, frozenset[str]], counts: Counter[str], context: Context) -> set[str]:
    """Return the articles that share a story with another, found through the name words few articles give."""
    holders: dict[str, list[str]] = {}
    for article_id, words in names.items():
        for word in words:
            if counts[word] <= STORY_WORD_ARTICLES:
                holders.setdefault(word, []).append(article_id)
    shared: Counter[tuple[str, str]] = Counter()
    for group in holders.values():
        for n, x in enumerate(group):
            for y in group[n + 1 :]:
                shared[(x, y) if x < y else (y, x)] += 1
    storied: set[str] = set()
    for (x, y), count in shared.items():
        if count >= STORY_NAMES and not {x, y} <= storied and context.same_story(x, y):
            storied.update((x, y))
    return storied


def classify(candidate: Candidate, rules: RuleSet, context: Context | None = None) -> Pair | None:
    """Decide how two overlapping claims relate; None when they are not worth reporting."""
    pair = _relate(candidate, rules, context)
    if pair is not None and pair.conflicts and (_asks(candidate.a) or _asks(candidate.b)):
        # A question denies or disputes nothing: "Apple to shut down Beats Music?" against "Apple
        # will not shut the service down overnight". It may still raise what the other states.
        return Pair(pair.a, pair.b, pair.similarity, "related")
    return pair


def _relate(candidate: Candidate, rules: RuleSet, context: Context | None) -> Pair | None:
    a, b, probability = candidate.a, candidate.b, candidate.probability
    if context is None:
        context = Context(
            vocabulary(rules),
            qualifier_classes(rules),
            occasion_cues=rules.lexicon_pattern("other_occasion_cues"),
            bodies=bodies_of(rules),
            aliases=aliases_of(rules),
        )
    thresholds = rules.thresholds
    paraphrase = probability >= thresholds["match_threshold"]
    # Claims of two stories are compared only when the scorer calls them one statement or
    # they share a name: a count of shares or tons in one company's report says nothing of
    # another's.
    story = context.may_align(a, b)
    if not story and not paraphrase:
        # Neither one story nor one statement: only a title given otherwise is compared.
        qualifiers = qualifier_conflicts(a, b, context.qualifiers)
        if qualifiers:
            return Pair(a.id, b.id, round(probability, 4), "conflicts", tuple(qualifiers))
        if probability >= thresholds["related_threshold"] or candidate.near_repeat:
            return Pair(a.id, b.id, round(probability, 4), "related")
        return None
    fa, fb = context.frame(a), context.frame(b)
    # Few concepts come before the count of words, which costs a tokenising.
    short_words = thresholds["short_claim_words"]
    short = [frame for claim, frame in ((a, fa), (b, fb)) if len(frame.content) < short_words and telling_words(claim.text) < short_words]
    if short and not candidate.near_repeat and not _stated_whole(min(short, key=lambda f: len(f.content)), fa, fb):
        return Pair(a.id, b.id, round(probability, 4), "related") if probability >= thresholds["related_threshold"] else None
    alignment = align(fa, fb, context.weights)
    aligned = (
        alignment.containment >= thresholds["align_threshold"]
        or story and clause_containment(fa, fb, context.weights) >= thresholds["clause_align_threshold"]
    )
    timed = story and (_same_time(fa, fb, alignment) or _same_dated_act(fa, fb, alignment) or one_happening(fa, fb))
    # One ranked role given two holders ("The first miner out was X", "The first miner, Y,")
    # is one thing told two ways, however little else the sentences share.
    ranked = ranked_conflicts(a, b, fa, fb, context.words) if story else []
    same_thing = paraphrase or (story and (aligned or bool(alignment.slots) or timed or bool(ranked)))
    # A near repeat of another source's sentence is always worth showing, even when a changed
    # number or name keeps the scorer from calling it the same statement. Aligned claims that
    # neither agree nor differ are shown only when the scorer relates them too.
    related = probability >= thresholds["related_threshold"] or candidate.near_repeat
    if not same_thing:
        qualifiers = qualifier_conflicts(a, b, context.qualifiers, other_office=context.same_story(_article(a), _article(b)))
        if qualifiers:
            return Pair(a.id, b.id, round(probability, 4), "conflicts", tuple(qualifiers))
        return Pair(a.id, b.id, round(probability, 4), "related") if related else None
    mismatches = [
        Conflict(c.type, _as_written(c.a, a.text), _as_written(c.b, b.text)) for c in number_conflicts(alignment, thresholds["number_tolerance"])
    ]
    mismatches += date_conflicts(a, b, fa, fb) or time_conflicts(a, b, fa, fb)
    mismatches += negation_conflicts(fa, fb, alignment, (a.text, b.text))
    mismatches += ranked or entity_conflicts(
        a,
        b,
        fa,
        fb,
        alignment,
        context.weights,
        context.bodies,
        statement_share=thresholds["agree_threshold"],
        aliases=context.aliases,
        words=context.words,
    )
    # A person's title is compared whatever the sentences around it say.
    mismatches += qualifier_conflicts(a, b, context.qualifiers, other_office=context.same_story(_article(a), _article(b)))
    # "The first climber rescued was Ana Ruiz" and "The last climber rescued was Tomas Berg"
    # name two holders of two roles: alike as they read, they do not say the same.
    agreeing = (
        paraphrase
        or story
        and (
            alignment.containment >= thresholds["agree_threshold"]
            or (alignment.slots and aligned)
            or _same_specific_figure(alignment, thresholds["number_tolerance"])
            or timed
        )
    ) and not _holders_apart(a, b, fa, fb, context.words) and not _opposed_of_two_things(fa, fb)
    if not related and not mismatches and not agreeing:
        return None
    similarity = round(probability, 4)
    if not story and mismatches:
        reason = "the two articles share no names that few others give: they may tell different stories"
        return Pair(a.id, b.id, similarity, "related", tuple(mismatches), different_events=reason)
    occasion = other_occasion(a, b, fa, fb, context)
    if occasion is not None:
        return Pair(a.id, b.id, similarity, "related", tuple(mismatches), different_events=occasion)
    # Two figures of one slot that can both hold ("more than 400", "1,140") may still be an
    # earlier and a later count.
    figures = mismatches + [
        Conflict("number", _shown(x), _shown(y)) for x, y in alignment.slots[:1] if (x.low, x.high) != (y.low, y.high)
    ] if not any(c.type == "number" for c in mismatches) else mismatches
    update = possible_update(
        a, b, figures, rules.lexicon_pattern(rules.trust.update_cues), context, alignment, rules.lexicon_pattern("running_count_cues")
    )
    if update is not None:
        return Pair(a.id, b.id, similarity, "related", tuple(mismatches), different_occasions(a, b), update)
    statement = other_statement(a, b, fa, fb, mismatches, context)
    if statement is not None:
        return Pair(a.id, b.id, similarity, "related", tuple(mismatches), different_events=statement)
    relation = "conflicts" if mismatches else "agrees" if agreeing else "related"
    return Pair(a.id, b.id, similarity, relation, conflicts=tuple(mismatches))


# A question mark closing a claim, before any closing quote or bracket.
QUESTION_END = re.compile(r"\?[\s\"'’”)\]]*$")


def _asks(claim: Claim) -> bool:
    """Tell whether a claim is a question: "Apple to shut down Beats Music?"."""
    return QUESTION_END.search(claim.text) is not None


def _stated_whole(short: Frame, fa: Frame, fb: Frame) -> bool:
    """Tell whether a short claim says enough of what the other says: two of its words beyond names, or all of it.

    "The crossing was cancelled because of the gale" is compared with a claim that denies the
    crossing was cancelled, and "Ines Calloway resigned." with one that says she resigned;
    "Marrick Bay was lucky." shares only a name with the claims about the town, and "7.40am -
    Evacuation" one word with every claim about the evacuation.
    """
    other = fb if short is fa else fa
    statement = {c.name for c in short.concepts if not c.name_part}
    if len(statement & other.content) >= 2:
        return True
    # "The third breast story is a hoax" names what it denies by a word or two of the other.
    if short.content and short.content <= other.content and any(TOLD_ITEMS.intersection(heads) for _, heads in short.scopes):
        return True
    # "The contract went to Harlow Group" against "The contract went to Kestrel Ltd": one
    # statement, told with other names.
    if statement and short.names and other.names and statement == {c.name for c in other.concepts if not c.name_part}:
        return True
    return len(short.content) >= 2 and bool(statement) and short.content <= other.content


# A figure from this up is specific: two sources giving it for the same thing with the same
# verb ("312 homes flooded", "three hundred and twelve flooded homes") state one fact. Smaller
# counts ("two people died") coincide too easily across events.
SPECIFIC_FIGURE = 10


def _same_specific_figure(alignment: Alignment, tolerance: float) -> bool:
    """Tell whether two claims give one specific figure: stated with a shared word, or the very same value of one slot."""
    if any(min(x.low, y.low) >= SPECIFIC_FIGURE and compatible(x, y, tolerance) for x, y in alignment.stated):
        return True
    # A tally is two figures at once: "9 votes to 4" told alike is as specific as a large count.
    return any(
        (x.low >= SPECIFIC_FIGURE or x.against is not None) and (x.low, x.high, x.against) == (y.low, y.high, y.against)
        for x, y in alignment.slots
    )


def value_bounds(value: str) -> tuple[float, float] | None:
    """Return the low and high ends of a normalised number ("52" or a range "10000-99999")."""
    try:
        number = float(value)
        return number, number
    except ValueError:
        pass
    match = RANGE.match(value)
    return (float(match.group(1)), float(match.group(2))) if match else None


def _as_written(value: str, text: str) -> str:
    """Return a figure with what it counts in the claim's own capitals where the claim writes it so: "four Tamarack hospitals"."""
    at = text.lower().find(value.lower())
    return text[at : at + len(value)] if at >= 0 else value


# A currency sign or code written with a figure: "US$4.8 million" and "EUR 5m" name their unit.
CURRENCY_WRITTEN = re.compile(r"[$€£¥₹]|\b[A-Z]{3}\s?\d")


def _shown(counted: Counted) -> str:
    text, unit = counted.quantity.text, counted.quantity.unit or ""
    # "14 votes to 13" already names what it counts.
    named = re.search(rf"(?<!\w){re.escape(unit)}(?!\w)", text, re.IGNORECASE) or CURRENCY_WRITTEN.search(text)
    # "71-year-old" is an age as written.
    # "23 died" names no thing: the figure alone.
    joined = JOINED_UNIT.search(text) is not None  # "40C", "142mm": the unit is written
    return text if named or joined or not unit or text.lower().endswith(AGE_ENDINGS) else f"{text} {unit}"


JOINED_UNIT = re.compile(r"\d[°º]?[^\W\d_]+$")


def close(x: Counted, y: Counted, tolerance: float) -> bool:
    """Tell whether two figures give about one value, a bound read as about its value: "at least 5" is close to 5, not to 1,450."""

    def about(c: Counted) -> tuple[float, float]:
        margin = tolerance if c.quantity.modifier else 0.0
        return c.low * (1 - margin), c.high * (1 + margin)

    (lx, hx), (ly, hy) = about(x), about(y)
    return lx <= hy and ly <= hx


def number_conflicts(alignment: Alignment, tolerance: float) -> list[Conflict]:
    """Figures of one slot that cannot both hold once modifiers are read as ranges: 19 against "at least 23".

    A figure that agrees with a figure of the other claim, and gives about its value, is that
    one's slot: "debt of 108 billion dollars, payments on 68 billion suspended" against
    "payments on 68 billion suspended" compares 68 with 68, not 108 with 68.
    """
    agreeing = [(x, y) for x, y in alignment.slots if compatible(x, y, tolerance) and close(x, y, tolerance)]
    matched_a = {id(x) for x, _ in agreeing}
    matched_b = {id(y) for _, y in agreeing}
    for x, y in alignment.slots:
        if id(x) not in matched_a and id(y) not in matched_b and not compatible(x, y, tolerance):
            return [Conflict("number", _shown(x), _shown(y))]
    return []


def _same_day(x: str, y: str) -> bool:
    precision = min(len(x), len(y))
    return x[:precision] == y[:precision]


def date_conflicts(a: Claim, b: Claim, fa: Frame, fb: Frame) -> list[Conflict]:
    """The same statement placed on different days, compared at the precision both give.

    A day no year could be found for ("on Monday night" in an undated article, "Friday, 20
    November") is compared on the parts both claims give: weekday, month, day of month.
    """
    if fa.dates and fb.dates:
        # A date both give is set aside: "payable Nov. 7 to holders of record on Oct. 17" against
        # "payable Nov. 11 ... Oct. 17" differs on the payment.
        only_a = [x for x in fa.dates if not any(_same_day(x, y) for y in fb.dates)]
        only_b = [y for y in fb.dates if not any(_same_day(x, y) for x in fa.dates)]
        if not only_a or not only_b:
            return []
        return [Conflict("date", _date_text(a, only_a), _date_text(b, only_b))]
    compared = [(x, y, x.differs(y)) for x in fa.days for y in fb.days]
    compared = [(x, y, differ) for x, y, differ in compared if differ is not None]
    only_a = [x for x in fa.days if not any(x == p and differ is False for p, _, differ in compared)]
    only_b = [y for y in fb.days if not any(y == q and differ is False for _, q, differ in compared)]
    differing = [(x, y) for x, y, differ in compared if differ and x in only_a and y in only_b]
    if not differing:
        return []
    x, y = differing[0]
    return [Conflict("date", x.shown(), y.shown())]


# Two clock times this many minutes apart or less are one time told two ways ("11:40 pm", "11.40pm").
SAME_TIME_MINUTES = 5


# A claim with one of these tells of a state that lasts, which holds at many times of day: "was
# still burning at 3 am" and "still burning at 9 am" are both true.
LASTING = re.compile(r"\b(?:still|continu\w*|remain\w*|ongoing|kept)\b", re.IGNORECASE)


def time_conflicts(a: Claim, b: Claim, fa: Frame, fb: Frame) -> list[Conflict]:
    """One happening placed at two times of day far apart: "The fire broke out at 11 pm" against "... at 3 am".

    Each claim must open on the happening and give one time of day, a point rather than a
    limit ("by 3 am"), of something that happens rather than lasts; the times differ by more
    than SAME_TIME_MINUTES or their margins ("about 2:15"), reading a time written without
    am or pm ("11:40") in either half of the day.
    """
    if not fa.times or not fb.times or not one_happening(fa, fb):
        return []
    mentions = [_clock_times(claim) for claim in (a, b)]
    if any(len(found) != 1 or found[0].bound for found in mentions) or LASTING.search(a.text) or LASTING.search(b.text):
        return []
    x, y = mentions[0][0], mentions[1][0]
    margin = max(SAME_TIME_MINUTES, x.margin, y.margin)
    if any(_minutes_apart(u, v) <= margin for u in _readings(x) for v in _readings(y)):
        return []
    return [Conflict("date", _time_as_written(a.text[x.start : x.end]), _time_as_written(b.text[y.start : y.end]))]


def _time_as_written(text: str) -> str:
    """Return a time without the space or full stop the sentence gave after it: "5pm" of "5pm.", "p.m." kept whole."""
    text = text.strip()
    return text[:-1] if text.endswith(".") and not text.endswith(".m.") else text


def _clock_times(claim: Claim) -> list[TimeMention]:
    """Return the times of day of a claim that its figures do not read otherwise: "17.00" of "over 17.00 dlrs a barrel" is a price."""
    figures = [(q.start - claim.start, q.end - claim.start) for q in claim.numbers]
    return [m for m in time_mentions(claim.text) if not any(start < m.end and m.start < end for start, end in figures)]


def _readings(mention: TimeMention) -> tuple[int, ...]:
    if not mention.open_half:
        return mention.minutes
    return mention.minutes + tuple((m + MINUTES_A_DAY // 2) % MINUTES_A_DAY for m in mention.minutes)


def _minutes_apart(x: int, y: int) -> int:
    return min(abs(x - y), MINUTES_A_DAY - abs(x - y))


def _same_dated_act(fa: Frame, fb: Frame, alignment: Alignment) -> bool:
    """Tell whether two claims say one named thing did one act on one date: "Line 4 opened in 1998", "when Line 4 opened in 1998".

    A weekday alone ("on Tuesday") is one date with a date falling on that weekday ("2 March").
    """
    if not set(fa.dates) & set(fb.dates) and not any(x.differs(y) is False for x in fa.days for y in fb.days):
        return False
    instances = fa.instances & fb.instances
    if not instances and not fa.names & fb.names:
        return False
    named = fa.names | fb.names | {kind for kind, _ in instances}
    return bool(alignment.shared - named)


def _same_time(fa: Frame, fb: Frame, alignment: Alignment) -> bool:
    """Tell whether two claims place one happening at one time of day: a shared concept and the same clock time."""
    if not fa.times or not fb.times or not (alignment.shared - fa.names - fb.names):
        return False
    return any(
        _minutes_apart(x, y) <= max(SAME_TIME_MINUTES, rough_x, rough_y)
        for x, rough_x in fa.times
        for y, rough_y in fb.times
    )


def _date_text(claim: Claim, values: list[str]) -> str:
    """Return the most precise of these dates of a claim as written: "March 2026" rather than "next year"."""
    return max((d for d in claim.dates if d.value in values), key=lambda d: len(d.value)).text


# A negated word this many characters or fewer after its cue is shown with the words between
# ("did not close", "refused to demolish"); farther, the cue and the word alone.
SHOWN_NEGATION = 40


def negation_conflicts(fa: Frame, fb: Frame, alignment: Alignment, texts: tuple[str, str] = ("", "")) -> list[Conflict]:
    """One claim states negatively what the other states: "signed" against "did not sign".

    A negation cue is compared on the first concept it governs that the other claim states;
    an opposite ("rejected" for approved) or an "un-" word on its own concept. With the claims'
    texts, the negative side is shown as written, cue to word ("refused to demolish").
    """
    for x, y, flip, text in ((fa, fb, False, texts[0]), (fb, fa, True, texts[1])):
        # A word the other claim reads as a name ("Mr. Marshall") is no predicate it states.
        named = name_words(y)
        for cue, heads in x.scopes:
            concept = next((c for c in heads if c in y.content and c not in named), None)
            if concept is not None and concept not in y.negated and concept not in y.aside:
                return [_negation(cue, concept, x, y, flip, text, texts[0] if flip else texts[1])]
        for c, other in _opposed(x, y):
            if _told_of_one_thing(x, c, y, other):
                said = _cancelled_shown(texts[1] if not flip else texts[0], other)
                return [Conflict("negation", *((said, c.words) if flip else (c.words, said)))]
    return []


def _opposed(x: Frame, y: Frame) -> Iterator[tuple[Concept, Concept]]:
    """Yield each opposite or "un-" word of x ("closed") with the concept y states positively ("opened")."""
    for c in x.concepts:
        if c.negated and c.name in y.content and c.name not in y.negated and c.name not in y.aside:
            other = next((d for d in y.concepts if d.name == c.name), None)
            if other is not None:
                yield c, other


def _any_opposed(fa: Frame, fb: Frame) -> bool:
    return any(True for x, y in ((fa, fb), (fb, fa)) for _ in _opposed(x, y))


def _opposed_of_two_things(fa: Frame, fb: Frame) -> bool:
    """Tell whether one claim states the opposite of the other's predicate of another thing: "The Harwick library opened" against "The Harwick pool closed"."""
    return any(not _told_of_one_thing(x, c, y, d) for x, y in ((fa, fb), (fb, fa)) for c, d in _opposed(x, y))


# Concepts on either side of a predicate that say what it is told of: "library" of "The
# Harwick library opened on Monday".
PREDICATE_WINDOW = 4
# Days say when, not what: "on Monday" beside both predicates joins nothing.
DAY_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS) | frozenset({"today", "yesterday", "tomorrow", "week", "month", "year", "night", "morning", "evening", "afternoon"})


def _told_of_one_thing(x: Frame, c: Concept, y: Frame, d: Concept) -> bool:
    """Tell whether an opposite and its concept are told of one thing: a word beside each, not a name or a day, in common.

    "The Harwick library opened on Monday" and "The Harwick pool closed on Monday" open and
    close two things; "The council opened the rest centre" and "The council closed the rest
    centre" one.
    """
    return not _beside_predicate(x, c).isdisjoint(_beside_predicate(y, d))


def _beside_predicate(frame: Frame, predicate: Concept) -> frozenset[str]:
    at = frame.concepts.index(predicate)
    near = frame.concepts[max(0, at - PREDICATE_WINDOW) : at] + frame.concepts[at + 1 : at + 1 + PREDICATE_WINDOW]
    return frozenset(c.name for c in near if not c.name_part and c.name in frame.content and c.name not in DAY_WORDS)


# A negator cancelling the opposite after it: "did not close", "has never rejected", "is not likely to fall".
CANCELLING = re.compile(r"(?:\b(?:not|never)|n't)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _cancelled_shown(text: str, concept: Concept) -> str:
    """Return an opposite as written, with the negator that cancels it when there is one: "did not close"."""
    if not text:
        return concept.words
    cancelling = CANCELLING.search(text, max(0, concept.start - SHOWN_NEGATION), concept.start)
    if cancelling is None:
        return concept.words
    # "did not", "has never": the auxiliary before a negator word is shown with it.
    before = cancelling.start() - 1 if not cancelling.group().lower().startswith("n'") else cancelling.start()
    start = text.rfind(" ", 0, max(0, before)) + 1
    return text[start : concept.start + len(concept.words)]


def _negation(cue: str, concept: str, negative: Frame, positive: Frame, flip: bool, text: str = "", positive_text: str = "") -> Conflict:
    said = next((c for c in negative.concepts if c.name == concept and c.words not in cue), None)
    # An opposite that is its own cue ("refused" for agreed) is shown as written, once.
    said_negative = said.words if said else cue if any(c.name == concept for c in negative.concepts) else concept
    said_positive = next((c.words for c in positive.concepts if c.name == concept), concept)
    shown_negative = cue if said_negative in cue else f"{cue} {said_negative}"
    if said is not None and text:
        cue_at = text.lower().rfind(cue.lower(), 0, said.start)
        if cue_at >= 0 and said.start - cue_at <= SHOWN_NEGATION:
            shown_negative = text[cue_at : said.start + len(said.words)]
        else:
            # A refutation closes what it denies: "arrested in Madrid are false".
            closing = text.lower().find(cue.lower(), said.start)
            if closing >= 0 and closing - said.start <= 2 * SHOWN_NEGATION:
                shown_negative = text[said.start : closing + len(cue)]
                denied = {c.name for c in negative.concepts if said.start <= c.start < closing}
                said_positive = _stated_span(positive, denied, positive_text) or said_positive
    values = (shown_negative, said_positive)
    return Conflict("negation", *(values[::-1] if flip else values))


def _stated_span(frame: Frame, concepts: set[str], text: str) -> str | None:
    """Return the words of a claim from the first to the last of these concepts: "mayor resigned" against "the mayor resigned are false"."""
    stated = [c for c in frame.concepts if c.name in concepts]
    if not text or not stated:
        return None
    start, end = stated[0].start, stated[-1].start + len(stated[-1].words)
    return text[start:end] if 0 < end - start <= 2 * SHOWN_NEGATION else None


def entity_conflicts(
    a: Claim,
    b: Claim,
    fa: Frame,
    fb: Frame,
    alignment: Alignment,
    weights: ConceptWeights,
    bodies: frozenset[str] = frozenset(),
    *,
    statement_share: float,
    aliases: Mapping[str, str] | None = None,
    words: Vocabulary | None = None,
) -> list[Conflict]:
    """The same statement with another actor in a role, or the roles swapped.

    Names the other claim leaves out are not enough: each claim must name someone the other
    does not, and the rest of the statements must say the same: statement_share (the rules'
    agree_threshold) of their other concepts in common, weighed as in alignment. A name with and without its title is
    one name (Entity.key), and so are the names of one actor in the aliases lexicon ("Britain",
    "United Kingdom"). A body told by a common noun counts as an actor when it does the
    figure's verb: "the regional government will pay 40 percent" against "the EU's recovery
    fund will cover 40 percent".
    """
    if bodies:
        found = _other_body(a, b, fa, fb, alignment, bodies) or _other_agent(a, b, fa, fb, alignment, bodies, weights, statement_share)
        if found is not None:
            return [found]
    only_a = {k for k in fa.names - fb.names if k not in fb.content}
    only_b = {k for k in fb.names - fa.names if k not in fa.content}
    if only_a and only_b and not _say_the_same_beside_names(fa, fb, weights, statement_share):
        only_a = only_b = set()
    if only_a and only_b:
        only_a = {k for k in only_a if not _given_in(a, k, b, aliases)}
        only_b = {k for k in only_b if not _given_in(b, k, a, aliases)}
    if only_a and only_b:
        for x in sorted(only_a):
            for y in sorted(only_b):
                if words is not None and _region_and_place(a, x, b, y, words.regions):
                    continue
                # A place ("a family in Canada") and an actor ("the cat Mittens") hold no role in common.
                placed = _placed(a, x)
                if placed != _placed(b, y):
                    if _one_destination_told_two_ways(a, x, b, y):
                        return [Conflict("entity", _names(a, {x}), _names(b, {y}))]
                    continue
                if _ranked_apart(_ranks(a, fa, words).get(x), _ranks(b, fb, words).get(y)):
                    continue
                if _same_role(_role_context(a, fa, x), _role_context(b, fb, y)) or placed and (
                    _one_place(a, fa, x, b, fb, y) or _one_agent_placed(a, fa, x, b, fb, y)
                ):
                    return [Conflict("entity", _names(a, {x}), _names(b, {y}))]
    elif only_a or only_b:
        moved = (
            _moved_name(a, b, fa, fb, only_b, weights, statement_share, aliases, words)
            if only_b
            else _moved_name(b, a, fb, fa, only_a, weights, statement_share, aliases, words)
        )
        if moved is not None:
            return [moved if only_b else Conflict("entity", moved.b, moved.a)]
    if len(fa.names & fb.names) > 1 or not fa.sources.isdisjoint(fb.content) or not fb.sources.isdisjoint(fa.content):
        swapped = _swapped_roles(a, b, fa, fb, alignment)
        if swapped is not None:
            return [swapped]
    return []


def _say_the_same_beside_names(fa: Frame, fb: Frame, weights: ConceptWeights, statement_share: float) -> bool:
    """Tell whether two statements share statement_share of their concepts beyond names, weighed as in alignment."""
    return _share_the_rest(_beside_names(fa), _beside_names(fb), weights, statement_share)


def _share_the_rest(rest_a: frozenset[str], rest_b: frozenset[str], weights: ConceptWeights, statement_share: float) -> bool:
    """Tell whether two sets of concepts share statement_share of the smaller's weight."""
    smaller = min(weights.total(rest_a), weights.total(rest_b))
    return smaller > 0 and weights.of(rest_a & rest_b) / smaller >= statement_share


def _beside_names(frame: Frame) -> frozenset[str]:
    return frame.answer(("beside names",), lambda: frame.content - name_words(frame))


def _moved_name(
    x: Claim,
    y: Claim,
    fx: Frame,
    fy: Frame,
    only_y: set[str],
    weights: ConceptWeights,
    statement_share: float,
    aliases: Mapping[str, str] | None = None,
    words: Vocabulary | None = None,
) -> Conflict | None:
    """Find a name both claims give, put by the other in another role with a new name in its place.

    "The first runner home was Ana Ruiz" against "The first runner home was Tomas Berg, with Ana
    Ruiz second": Ruiz stands where Berg stands in the other, and there stands elsewhere. A name
    the other claim only adds ("Ana Ruiz and Tomas Berg were first home") is no conflict.
    """
    if not _say_the_same_beside_names(fx, fy, weights, statement_share):
        return None
    added = sorted(k for k in only_y if not _given_in(y, k, x, aliases) and not _placed(y, k))
    for shared in sorted(fx.names & fy.names):
        if _placed(x, shared) or _placed(y, shared):
            continue  # a place where something happened, not who did it
        role = _role_context(x, fx, shared)
        if not (role[0] or role[1]) or _same_role(role, _role_context(y, fy, shared)):
            continue
        for name in added:
            if _ranked_apart(_ranks(x, fx, words).get(shared), _ranks(y, fy, words).get(name)) or _listed_together(y, shared, name):
                continue
            if words is not None and _region_and_place(x, shared, y, name, words.regions):
                continue
            if _same_role(role, _role_context(y, fy, name)):
                return Conflict("entity", _names(x, {shared}), _names(y, {name}))
    return None


def _region_and_place(a: Claim, x: str, b: Claim, y: str, regions: frozenset[str]) -> bool:
    """Tell whether one name is a region and the other is not: "Europe" may hold "Switzerland", so they name no two places."""
    return _is_region(a, x, regions) != _is_region(b, y, regions)


def _is_region(claim: Claim, key: str, regions: frozenset[str]) -> bool:
    return any(e.name.lower() in regions for e in claim.entities if e.key == key)


# What joins the names of one list: "France, Germany and Italy".
LIST_JOINS = frozenset({",", "and", "or", "&"})


def _listed_together(claim: Claim, key: str, other: str) -> bool:
    """Tell whether two names stand in one list: "France, Germany and Italy" gives each of them the same role."""
    (start_x, end_x), (start_y, end_y) = _name_span(claim, key), _name_span(claim, other)
    first_end, second_start = (end_x, start_y) if start_x < start_y else (end_y, start_x)
    if first_end > second_start:
        return False
    between = claim.text[first_end:second_start].replace(",", " , ").split()
    # Only joins and the list's other names, capitalised, between them.
    return any(t in LIST_JOINS for t in between) and all(t in LIST_JOINS or t[0].isupper() for t in between)


def ranked_conflicts(a: Claim, b: Claim, fa: Frame, fb: Frame, words: Vocabulary) -> list[Conflict]:
    """Find one ranked role given two holders: "The first miner out was Ana Ruiz" against "The first miner, Tomas Berg, ...".

    A holder both claims give that role ("Ana Ruiz and Tomas Berg were the first home" against
    "Tomas Berg was the first home") is no conflict, nor is one name written two ways.
    """
    held_a, held_b = _ranks(a, fa, words), _ranks(b, fb, words)
    if not held_a or not held_b:
        return []
    for x, ranks_x in sorted(held_a.items()):
        for y, ranks_y in sorted(held_b.items()):
            shared = [r for r in ranks_x if any(same_rank(r, s) for s in ranks_y)]
            if x == y or not shared or _one_name(a, x, b, y):
                continue
            if any(same_rank(r, s) for r in shared for s in held_b.get(x, frozenset()) | held_a.get(y, frozenset())):
                continue
            return [Conflict("entity", _names(a, {x}), _names(b, {y}))]
    return []


def _holders_apart(a: Claim, b: Claim, fa: Frame, fb: Frame, words: Vocabulary) -> bool:
    """Tell whether two claims name two holders of ranked roles and no ranked role in common."""
    held_a, held_b = _ranks(a, fa, words), _ranks(b, fb, words)
    if not held_a or not held_b:
        return False
    ranks_a, ranks_b = frozenset().union(*held_a.values()), frozenset().union(*held_b.values())
    return _ranked_apart(ranks_a, ranks_b) and any(x != y and not _one_name(a, x, b, y) for x in held_a for y in held_b)


def _ranks(claim: Claim, frame: Frame, words: Vocabulary | None) -> dict[str, frozenset[Rank]]:
    if words is None or not words.ranks:
        return {}
    return frame.answer(("ranks",), lambda: ranked_roles(claim, words.ranks, words.speech))


def _ranked_apart(x: frozenset[Rank] | None, y: frozenset[Rank] | None) -> bool:
    """Tell whether two names hold ranked roles, none of them one: "the first climber" and "the last climber"."""
    return bool(x) and bool(y) and not any(same_rank(r, s) for r in x for s in y)


def _one_name(a: Claim, x: str, b: Claim, y: str) -> bool:
    """Tell whether two names are one written two ways: shorter or longer, or spelled otherwise."""
    names_x = [e.name for e in a.entities if e.key == x]
    names_y = [e.name for e in b.entities if e.key == y]
    return any(
        _within(_words_of_name(u), _words_of_name(v)) or _within(_words_of_name(v), _words_of_name(u)) or _spelled_alike(_name_words(u), _name_words(v))
        for u in names_x
        for v in names_y
    )


def _other_body(a: Claim, b: Claim, fa: Frame, fb: Frame, alignment: Alignment, bodies: frozenset[str]) -> Conflict | None:
    """Find one figure's verb done by two different bodies: the words before the verb in its clause share nothing, each with a body's head."""
    if not alignment.stated or not (_names_a_body(fa, bodies) and _names_a_body(fb, bodies)):
        return None
    for x, y in alignment.stated:
        for verb in sorted(x.window & y.window):
            actor_a, actor_b = _body_actor(a, fa, verb, bodies), _body_actor(b, fb, verb, bodies)
            if actor_a is None or actor_b is None:
                continue
            (concepts_a, heads_a, shown_a), (concepts_b, heads_b, shown_b) = actor_a, actor_b
            if concepts_a.isdisjoint(concepts_b) and heads_a.isdisjoint(_words(b)) and heads_b.isdisjoint(_words(a)):
                return Conflict("entity", shown_a, shown_b)
    return None


def _other_agent(
    a: Claim, b: Claim, fa: Frame, fb: Frame, alignment: Alignment, bodies: frozenset[str], weights: ConceptWeights, statement_share: float
) -> Conflict | None:
    """Find one passive's verb done by a body in one claim and by another body or a name in the other.

    "The rescue was led by the army" against "The rescue was led by the National Mine Safety
    Office". Two names are compared by their roles (entity_conflicts); here one side at least
    is a body told by a common noun, which the other claim must not give at all ("the army"
    and "the Bolivian Army" are one).
    """
    if not (_may_name_an_agent(a, fa) and _may_name_an_agent(b, fb)):
        return None
    for verb in sorted(alignment.shared - fa.names - fb.names):
        agent_a, agent_b = _agent(a, fa, verb, bodies), _agent(b, fb, verb, bodies)
        if agent_a is None or agent_b is None or (agent_a[1] is None and agent_b[1] is None):
            continue
        words_a, words_b = agent_a[0], agent_b[0]
        if not words_a.isdisjoint(words_b) or _agent_told_in(agent_a, b, bodies) or _agent_told_in(agent_b, a, bodies):
            continue
        if _share_the_rest(_beside_names(fa) - words_a, _beside_names(fb) - words_b, weights, statement_share):
            return Conflict("entity", agent_a[2], agent_b[2])
    return None


def _agent_told_in(agent: tuple[frozenset[str], str | None, str], other: Claim, bodies: frozenset[str]) -> bool:
    """Tell whether the other claim may tell the same agent: any of its words, or for a name headed by a body's noun, that noun.

    "the army" tells "the Bolivian Army"; "the National Mine Rescue Service" is no body a
    claim about "the rescue at the mine" tells by those words, but "the service" would be.
    """
    words, _, shown = agent
    last = shown.split()[-1:]
    head = _words_of_name(last[0]) if last else frozenset()
    if len(head) == 1 and head <= bodies and len(words) > 1:
        return not head.isdisjoint(_words(other))
    return not words.isdisjoint(_words(other))


# "led by the army", "run by its own staff": the words after a passive's verb that open its agent.
AGENT_OPENING = re.compile(r"\s{1,3}by\s{1,3}((?:(?:the|a|an|its|their)\s{1,3})?)", re.IGNORECASE)


def _names_a_body(frame: Frame, bodies: frozenset[str]) -> bool:
    """Tell whether any word of a claim heads the name of a body: a claim without one has no body to compare."""
    return frame.answer(("names a body", bodies), lambda: any(c.words in bodies for c in frame.concepts))


def _may_name_an_agent(claim: Claim, frame: Frame) -> bool:
    """Tell whether a claim has a passive's "by" at all: most have none, and then no verb of theirs has an agent."""
    return frame.answer(("by",), lambda: AGENT_OPENING.search(claim.text) is not None)


def _agent(claim: Claim, frame: Frame, verb: str, bodies: frozenset[str]) -> tuple[frozenset[str], str | None, str] | None:
    """Return the agent of a passive verb ("led by the army"): its words, the body noun when a common noun tells it, and the words as written."""
    return frame.answer(("agent", verb, bodies), lambda: _read_agent(claim, frame, verb, bodies))


def _read_agent(claim: Claim, frame: Frame, verb: str, bodies: frozenset[str]) -> tuple[frozenset[str], str | None, str] | None:
    found = next((c for c in frame.concepts if c.name == verb and not c.name_part), None)
    if found is None:
        return None
    opening = AGENT_OPENING.match(claim.text, found.start + len(found.words))
    if opening is None:
        return None
    at = opening.end()
    entity = next((e for e in claim.entities if e.start - claim.start == at), None)
    if entity is not None:
        return _words_of_name(entity.name), None, entity.name
    following = next((c for c in frame.concepts if c.start >= at), None)
    if following is None or following.start != at or following.words not in bodies:
        return None
    return frozenset({following.words}), following.words, claim.text[opening.start(1) : at + len(following.words)]


def _body_actor(claim: Claim, frame: Frame, verb: str, bodies: frozenset[str]) -> tuple[frozenset[str], frozenset[str], str] | None:
    """Return the concepts before a verb in its clause, the bodies' heads among them and the words as written; None without a body."""
    return frame.answer(("body", verb, bodies), lambda: _read_body_actor(claim, frame, verb, bodies))


def _read_body_actor(claim: Claim, frame: Frame, verb: str, bodies: frozenset[str]) -> tuple[frozenset[str], frozenset[str], str] | None:
    # "fund" is a body here, not the verb of "the fund will cover".
    at = next((c.start for c in frame.concepts if c.name == verb and not c.name_part and c.words not in bodies), None)
    if at is None or not any(c.start < at and c.words in bodies for c in frame.concepts):
        return None
    start = _clause_start(claim.text, at)
    before = [c for c in frame.concepts if start <= c.start < at and c.name not in frame.sources]
    named = [c for c in before if c.words in bodies]
    if not named:
        return None
    last = named[-1]
    shown = claim.text[before[0].start : last.start + len(last.words)]
    return frozenset(c.name for c in before), frozenset(c.words for c in named), shown


def _words(claim: Claim) -> frozenset[str]:
    return frozenset(WORD.findall(claim.text.lower()))


# Two words of a name are one spelled otherwise when they share their first letter and this
# much of their letters (rapidfuzz ratio, 0..100): "Rasheed" and "Rashid", "Muhammed" and
# "Mohammed"; "Jane" and "John" are not.
SPELLING_RATIO = 70
NAME_FOLD = str.maketrans("", "", ".-'’")


def _spelled_in(claim: Claim, key: str, other: Claim) -> bool:
    """Tell whether the other claim gives the name spelled otherwise: "U.K." for "UK", "Amer Mohammed Rashid" for "Amir Muhammed Rasheed"."""
    names = [_name_words(e.name) for e in claim.entities if e.key == key]
    return any(_spelled_alike(x, _name_words(e.name)) for x in names for e in other.entities)


@lru_cache(maxsize=1 << 14)
def _name_words(name: str) -> tuple[str, ...]:
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return tuple("".join(c for c in decomposed if not unicodedata.combining(c)).translate(NAME_FOLD).split())


@lru_cache(maxsize=1 << 16)
def _spelled_alike(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    if len(x) != len(y) or not x:
        return False
    return all(u == v or (u[0] == v[0] and min(len(u), len(v)) >= 4 and fuzz.ratio(u, v) >= SPELLING_RATIO) for u, v in zip(x, y))


def _given_in(claim: Claim, key: str, other: Claim, aliases: Mapping[str, str] | None = None) -> bool:
    """Tell whether the other claim gives the name too: shorter or longer, spelled otherwise, as its acronym or by an alias."""
    return (
        _named_in(claim, key, other)
        or _spelled_in(claim, key, other)
        or _abbreviated_in(claim, key, other)
        or bool(aliases) and _aliased_in(claim, key, other, aliases)
    )


def _aliased_in(claim: Claim, key: str, other: Claim, aliases: Mapping[str, str]) -> bool:
    """Tell whether the other claim names the same actor by another name of the aliases lexicon: "Britain" for "United Kingdom"."""
    actors = {aliases.get(e.name.casefold()) for e in claim.entities if e.key == key} - {None}
    return bool(actors) and any(aliases.get(e.name.casefold()) in actors for e in other.entities)


def _named_in(claim: Claim, key: str, other: Claim) -> bool:
    """Tell whether the other claim names the same, shorter or longer: "Kestrel Falls General" in "Kestrel Falls General Hospital"."""
    words = frozenset().union(*(_words_of_name(e.name) for e in claim.entities if e.key == key))
    for entity in other.entities:
        other_words = _words_of_name(entity.name)
        if words and other_words and (_within(words, other_words) or _within(other_words, words)):
            return True
    return False


# What turns a country's name into its people's or back: "Afghan" of "Afghanistan", "Iraqi" of
# "Iraq", "Syrian" of "Syria". "Afghan soldiers" and the "Afghanistan National Army" are one actor.
DEMONYM_ENDINGS = ("istan", "stan", "ian", "an", "n", "i", "ese", "ish")
# Shorter words are left alone: "Ira" is not "Iran".
MIN_DEMONYM_BASE = 4


# The same two names meet in many pairs of a run: each is compared once.
@lru_cache(maxsize=1 << 16)
def _within(words: frozenset[str], other: frozenset[str]) -> bool:
    """Tell whether every word of one name is in another, a people's name taken for its country's."""
    return words <= other or all(w in other or any(_demonym_of(w, v) for v in other) for w in words)


def _demonym_of(x: str, y: str) -> bool:
    short, long = (x, y) if len(x) < len(y) else (y, x)
    return len(short) >= MIN_DEMONYM_BASE and long.startswith(short) and long[len(short) :] in DEMONYM_ENDINGS


@lru_cache(maxsize=1 << 15)
def _words_of_name(name: str) -> frozenset[str]:
    return frozenset(WORD.findall(ACRONYM_PLURAL.sub(r"\1", name).lower()))


# "PCs", "NGOs": an acronym's plural names what the acronym names.
ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,})s\b")


# Words an acronym may skip: "FBI" for "Federal Bureau of Investigation".
ACRONYM_SKIPS = frozenset({"of", "the", "and", "for", "&", "de", "du", "des", "la", "le"})
ACRONYM = re.compile(r"(?:[A-Z]\.){2,6}|[A-Z]{2,6}")


def _abbreviated_in(claim: Claim, key: str, other: Claim) -> bool:
    """Tell whether one claim gives the name as an acronym of a name in the other, either way round: "FBI" and "Federal Bureau of Investigation", "JI" and "Jemaah Islamiah"."""
    names = [e.name for e in claim.entities if e.key == key]
    return any(_acronym_of(x, e.name) or _acronym_of(e.name, x) for x in names for e in other.entities)


@lru_cache(maxsize=1 << 16)
def _acronym_of(short: str, name: str) -> bool:
    if not ACRONYM.fullmatch(short):
        return False
    words = [w for w in re.split(r"[\s-]+", name) if w[:1].isalpha()]
    if len(words) < 2:
        return False
    letters = short.replace(".", "")
    every = "".join(w[0] for w in words).upper()
    kept = "".join(w[0] for w in words if w.lower() not in ACRONYM_SKIPS).upper()
    return letters in (every, kept)


# Concepts either side of a name that show its role: "taken by [X]", "[X] gang claimed".
ROLE_WINDOW = 2
AGENT = re.compile(r"\bby\s+(?:[a-z]+\s+)?$")
APPOSITION_MARKS = ",\u2014\u2013"
ANOTHER = re.compile(r"\b(?:another|other|a\s+second|a\s+different)\b", re.IGNORECASE)
ARTICLES = frozenset({"a", "an", "the"})
# A name after these only places the statement ("homes flooded in Riverside"): it stands in
# the same role as another name only when the words after both agree ("at the X ford").
LOCATIVE = re.compile(
    r"\b(?:in|at|on|near|outside|inside|across|around|from|of|above|below|along|over)\s+(?:the\s+)?(?:[a-z]+\s+)?$", re.IGNORECASE
)


def _role_context(claim: Claim, frame: Frame, key: str) -> tuple[frozenset[str], frozenset[str], bool]:
    """Return the concepts just before and just after a name, and whether it is a passive's agent ("by X").

    Only the name's clause counts. After a locative preposition the words before say where,
    not who: they are left out.
    """
    return frame.answer(("role", key), lambda: _read_role(claim, frame, key))


def _read_role(claim: Claim, frame: Frame, key: str) -> tuple[frozenset[str], frozenset[str], bool]:
    start, end = _name_span(claim, key)
    text = claim.text
    clause_start = _clause_start(text, start)
    following = CLAUSE_END.search(text, end)
    clause_end = following.start() if following else len(text)
    # Hedges ("reportedly") and attribution stand beside a name without giving its role.
    words = [c for c in frame.concepts if not c.name_part and c.name in frame.content and clause_start <= c.start < clause_end]
    preceding = text[max(0, start - 30) : start]
    described_before = [c for c in words if c.start < start]
    before = frozenset(c.name for c in described_before[-ROLE_WINDOW:])
    if _appositive(text, clause_start, start, described_before, any(c.start >= end for c in words)) and not _after_name(frame, clause_start):
        # "was the youngest, apprentice Ismael Ortuzar": the name renames what the clause before
        # it ends with, so it stands where that stands.
        renamed = _clause_start(text, clause_start - 1)
        if ANOTHER.search(text, renamed, clause_start):
            # "closed another service, Lala": named as another one, it holds no role of the story's.
            return frozenset(), frozenset(), False
        before |= {c.name for c in frame.concepts if not c.name_part and c.name in frame.content and renamed <= c.start < clause_start}
    if LOCATIVE.search(preceding):
        before = frozenset()
    after = frozenset(c.name for c in [c for c in words if c.start >= end][:ROLE_WINDOW])
    return before, after, AGENT.search(preceding) is not None


def _appositive(text: str, clause_start: int, start: int, described_by: list[Concept], described_after: bool) -> bool:
    """Tell whether a name stands between commas or dashes with at most a title, or with other names ("..., apprentice X,").

    A word that is no title before it ("with X second", "while X") makes it a clause of its own.
    """
    if clause_start == 0 or text[clause_start - 1] not in APPOSITION_MARKS or described_after or len(described_by) > 1:
        return False
    title = {c.words.lower() for c in described_by}
    leading = [w for w in WORD.findall(text[clause_start:start].lower()) if w not in ARTICLES]
    return all(w in title for w in leading)


def _after_name(frame: Frame, clause_start: int) -> bool:
    """Tell whether the clause before a comma ends on a name: "Hartford, Conn." places, it renames no role."""
    before = [c for c in frame.concepts if c.start < clause_start]
    return bool(before) and before[-1].name_part


def _one_place(a: Claim, fa: Frame, x: str, b: Claim, fb: Frame, y: str) -> bool:
    """Tell whether two places are where one thing happened: "The summit will be held in Geneva" against "... in Vienna".

    Each claim tells of one thing (its subject a definite singular, "the summit", "the
    fire") and places it by the same words ("held in", "started in the kitchen of"). Many
    things may happen in many places: "Homes flooded in Riverside" and "... in Lakeside" both hold.
    """
    if _single_subject(a, fa) and _single_subject(b, fb):
        placing = _placing(a, fa, x)
        return bool(placing[0]) and placing == _placing(b, fb, y)
    if _whole_group_sent(a, x) and _whole_group_sent(b, y):
        # Sent there by any verb: "taken to a hospital in X", "rushed to a hospital in Y".
        placing_x, placing_y = _placing(a, fa, x), _placing(b, fb, y)
        return placing_x[0] == placing_y[0] and bool(placing_x[1] & placing_y[1])
    return False


# "... arrested by police in Harlow": the verb and the head noun of the agent the place belongs to.
PLACED_AGENT = re.compile(r"\b([a-z]++)\s++by\s++(?:the\s++)?(?:[a-z]++\s++){0,2}?([a-z]++)\s++(?:in|at|from|of)\s++(?:the\s++)?$", re.IGNORECASE)
# "Police in Harlow" opening a clause: the head noun of a subject the place belongs to.
PLACED_SUBJECT = re.compile(r"(?<![a-z])(?:the\s++)?(?:[a-z]++\s++){0,2}?([a-z]++)\s++(?:in|at|from|of)\s++(?:the\s++)?", re.IGNORECASE)
# What may stand between a subject and its verb: "Police in Harlow on Monday arrested", "... first noticed".
BEFORE_ACTIVE_VERB = 2


def _one_agent_placed(a: Claim, fa: Frame, x: str, b: Claim, fb: Frame, y: str) -> bool:
    """Tell whether two places belong to who did one act, told in either voice: "Police in Harlow arrested two men" against "Two men were arrested by police in Tolsby".

    One act has one doer: the same people ("police", "nurses") in two places is another
    actor. Told in the same voice, the words beside the names already say so.
    """
    agent_x, agent_y = _placed_agent(a, fa, x), _placed_agent(b, fb, y)
    return agent_x is not None and agent_y is not None and agent_x[:2] == agent_y[:2] and agent_x[2] != agent_y[2]


def _placed_agent(claim: Claim, frame: Frame, key: str) -> tuple[str, str, bool] | None:
    """Return the act, the doer's head noun and whether it is told in the passive, for a place that belongs to who does the act; None otherwise."""
    start, end = _name_span(claim, key)
    passive = PLACED_AGENT.search(claim.text, max(0, start - 60), start)
    if passive is not None:
        verb = next((c.name for c in frame.concepts if c.start == passive.start(1)), None)
        return (verb, lemma(passive.group(2).lower()), True) if verb else None
    # The subject opens its clause, past the space after the break.
    opening = start - len(claim.text[_clause_start(claim.text, start) : start].lstrip())
    subject = PLACED_SUBJECT.fullmatch(claim.text, opening, start)
    if subject is None:
        return None
    after = [c for c in frame.concepts if c.start >= end and not c.name_part][: BEFORE_ACTIVE_VERB]
    verb = next((c for c in after if c.words.endswith("ed") or c.name in frame.content and c is after[-1]), None)
    if verb is None or PASSIVE_AUXILIARY.search(claim.text, max(0, verb.start - 30), verb.start):
        return None
    return verb.name, lemma(subject.group(1).lower()), False


# A place within where a group was sent: "were flown to a clinic in Oslo"; the words naming
# what it was sent to ("a clinic") are the first group.
DESTINATION = re.compile(r"\bto\s+(?:(?:a|an|the)\s+)?((?:[\w'’-]+\s+){0,3})(?:in|at)\s+(?:the\s+)?(?:[a-z]+\s+)?$", re.IGNORECASE)
# Where a group was sent, named itself: "were flown to Kelvedon General Hospital".
NAMED_DESTINATION = re.compile(r"\bto\s+(?:the\s+)?$", re.IGNORECASE)
# A claim telling a later move: the group may have gone first to one place, then to the other.
LATER_MOVE = re.compile(r"\b(?:later|then|subsequently|afterwards|eventually|transferred|moved on)\b", re.IGNORECASE)
# A subject opening on these is part of a group: "Some of the injured were taken to ...".
PARTITIVES = frozenset({"some", "others", "other", "several", "many", "most", "few", "half", "part", "one", "each"})


def _whole_group_sent(claim: Claim, key: str) -> bool:
    """Tell whether a name places where a group was sent, the group not a part of another: "The injured were taken to a hospital in Oslo".

    One group goes to one place: "... to a hospital in Bergen" tells otherwise, while "Some of
    the injured" and "Others" may each have gone elsewhere.
    """
    return _destination(claim, key) is not None and _whole_group(claim)


def _whole_group(claim: Claim) -> bool:
    """Tell whether a claim's subject is no part or count of a group: "The injured", not "Some of the injured" or "Two victims"."""
    opening = WORD.findall(claim.text[:40].lower())[:2]
    return not any(w in PARTITIVES or w.isdigit() or is_number_word(w) for w in opening)


def _one_destination_told_two_ways(a: Claim, x: str, b: Claim, y: str) -> bool:
    """Tell whether one whole group was sent to a place of one kind named two ways: "taken to a hospital in Dunmore" against "flown to Kelvedon General Hospital".

    One claim places the name within the destination ("a hospital in X"), the other names the
    destination itself, its last word the same kind ("... Hospital"). A claim telling a later
    move ("later flown to ...") may tell a second leg, not another first one.
    """
    for (placed, in_place), (named, place) in (((a, x), (b, y)), ((b, y), (a, x))):
        kinds = _destination_kinds(placed, in_place)
        # Kinds are read only where a group was sent (DESTINATION), so the group need only be whole.
        if kinds and _named_destination(named, place) and _whole_group(placed) and _whole_group(named):
            start, end = _name_span(named, place)
            head = WORD.findall(named.text[start:end].lower())[-1:]
            return bool(head) and lemma(head[0]) in kinds and not (LATER_MOVE.search(a.text) or LATER_MOVE.search(b.text))
    return False


def _destination(claim: Claim, key: str) -> re.Match[str] | None:
    """Return where a name is placed within where a group was sent: "to a hospital in" of "taken to a hospital in Dunmore"."""
    start, _ = _name_span(claim, key)
    return DESTINATION.search(claim.text[max(0, start - 60) : start])


def _destination_kinds(claim: Claim, key: str) -> frozenset[str]:
    """Return the lemmas of what a name places a group's destination in: {"hospital"} of "taken to a hospital in Dunmore"."""
    found = _destination(claim, key)
    return frozenset(lemma(w) for w in WORD.findall(found.group(1).lower())) if found else frozenset()


def _named_destination(claim: Claim, key: str) -> bool:
    start, _ = _name_span(claim, key)
    return NAMED_DESTINATION.search(claim.text[max(0, start - 20) : start]) is not None


def _placing(claim: Claim, frame: Frame, key: str) -> tuple[str, frozenset[str]]:
    """Return the preposition placing a name and the concepts just before it in its clause, lower case."""
    start, _ = _name_span(claim, key)
    found = LOCATIVE.search(claim.text[max(0, start - 30) : start])
    if found is None:
        return "", frozenset()
    at = max(0, start - 30) + found.start()
    clause_start = _clause_start(claim.text, at)
    before = [c.name for c in frame.concepts if clause_start <= c.start < at and not c.name_part and c.name in frame.content]
    return found.group().split()[0].lower(), frozenset(before[-ROLE_WINDOW:])


# A claim opening on one of these and a singular noun tells of one thing: "The summit", "Its launch".
SINGLE_DETERMINERS = frozenset({"the", "this", "that", "its", "his", "her", "their"})
MAX_SUBJECT_WORDS = 4


def _single_subject(claim: Claim, frame: Frame) -> bool:
    """Tell whether a claim opens on a definite singular subject: "The fire started", not "Homes flooded" or "The ferry talks were held".

    The subject's head is its last word before a function word or a verb in -ed: "talks" of
    "The ferry talks were held". A count ("the two ferries") is many things.
    """
    words = WORD.findall(claim.text[:60].lower())
    if len(words) < 2 or words[0] not in SINGLE_DETERMINERS:
        return False
    first = next((c for c in frame.concepts if c.start > 0), None)
    if first is None or first.name_part:
        return False
    subject = []
    for word in words[1 : 1 + MAX_SUBJECT_WORDS]:
        if word in FUNCTION_WORDS or word.endswith("ed") and subject:
            break
        subject.append(word)
    if not subject or any(w.isdigit() or is_number_word(w) for w in subject):
        return False
    head = subject[-1]
    return not head.endswith("s") or simplemma.lemmatize(head, lang="en") == head


def _placed(claim: Claim, key: str) -> bool:
    """Tell whether a name is written after a locative preposition ("at Cerro Lindo"), as a place."""
    start, _ = _name_span(claim, key)
    return LOCATIVE.search(claim.text[max(0, start - 30) : start]) is not None


def _same_role(x: tuple[frozenset[str], frozenset[str], bool], y: tuple[frozenset[str], frozenset[str], bool]) -> bool:
    """Tell whether two names stand in the same place of their statements: the same words beside them.

    The agent of a passive ("taken by X") stands where the subject of the active stands
    ("X took"), so its words before are compared with the other's words after.
    """
    if x[0] & y[0] or x[1] & y[1]:
        return True
    return (x[2] or y[2]) and bool(x[0] & y[1] or x[1] & y[0])


def _name_span(claim: Claim, key: str) -> tuple[int, int]:
    """Return where the first name of a key stands in its claim's text."""
    entity = next(e for e in claim.entities if e.key == key)
    return entity.start - claim.start, entity.end - claim.start


def _clause_start(text: str, at: int) -> int:
    """Return where the clause holding offset `at` begins: just after the last clause break before it."""
    breaks = [m.end() for m in CLAUSE_END.finditer(text, 0, at)]
    return breaks[-1] if breaks else 0


def _names(claim: Claim, keys: set[str]) -> str:
    return ", ".join(dict.fromkeys(e.name for e in claim.entities if e.key in keys))


def _swapped_roles(a: Claim, b: Claim, fa: Frame, fb: Frame, alignment: Alignment) -> Conflict | None:
    """Find "X surrendered to Y" against "Y surrendered to X", or a source in one made the actor in the other.

    Roles are read by order around the first shared concept that is not a name, with the
    passive ("was defeated by X") turned round.
    """
    verb = next((c.name for c in fa.concepts if c.name in alignment.shared and not c.name_part and c.name not in fa.names), None)
    if verb is None:
        return None
    sides_a, sides_b = _sides(a, fa, verb), _sides(b, fb, verb)
    common = [k for k in sides_a if k in sides_b]
    for x in common:
        for y in common:
            if x < y and sides_a[x] != sides_a[y] and sides_a[x] == sides_b[y] and sides_a[y] == sides_b[x]:
                return Conflict("entity", _role_text(a, fa, verb), _role_text(b, fb, verb))
    # "An audit found the fault, according to the regulator" against "The regulator found the
    # fault": the verb is the first shared concept the other claim's source does.
    for x, fx, y, fy, flip in ((a, fa, b, fb, False), (b, fb, a, fa, True)):
        if not fx.sources:
            continue
        found = next(
            ((c.name, subject) for c in fa.concepts
             if c.name in alignment.shared and not c.name_part and (subject := _subject(y, fy, c.name)) and subject <= fx.sources),
            None,
        )
        if found is None or found[1] & fy.sources:
            continue
        done, subject_y = found
        subject_x = _subject(x, fx, done)
        if not subject_x.isdisjoint(subject_y):
            continue
        if subject_x and _suffered(x, fx, done):
            # "The driver was charged, prosecutors said": who charged is not told, so may be the
            # source; "... was found by an audit, according to the regulator" tells another.
            subject_x = _passive_agent(x, fx, done)
        if subject_x and subject_x.isdisjoint(subject_y):
            values = (_role_text(x, fx, done), _role_text(y, fy, done))
            return Conflict("entity", *(values[::-1] if flip else values))
    return None


# "by" before a gerund tells how, not who: "executed by beheading", "won by scoring twice".
BY_AGENT = r"\bby\b(?!\s++(?-i:[a-z]+ing)\b)"
PASSIVE = re.compile(rf"\b(?:was|were|been|being|is|are)\b[^,;]*{BY_AGENT}", re.IGNORECASE)
REDUCED_PASSIVE = re.compile(rf"(?<!\s)\s++(?:\w+ly\s++)?{BY_AGENT}", re.IGNORECASE)


def _sides(claim: Claim, frame: Frame, verb: str) -> dict[str, str]:
    """Return "before" or "after" the verb for each name of the claim, the passive turned round."""
    return frame.answer(("sides", verb), lambda: _read_sides(claim, frame, verb))


def _read_sides(claim: Claim, frame: Frame, verb: str) -> dict[str, str]:
    concept = next(c for c in frame.concepts if c.name == verb)
    at = concept.start
    # Only a passive the verb stands in turns its roles round: "During her meetings, Rocca ...
    # since they are banned by the United States" keeps Rocca's. A headline drops the
    # auxiliary: "Journalist executed by militants".
    passive = any(m.start() <= at < m.end() for m in PASSIVE.finditer(claim.text)) or bool(
        REDUCED_PASSIVE.match(claim.text, at + len(concept.words))
    )
    sides = {}
    for entity in claim.entities:
        if entity.key not in frame.names:
            continue
        before = entity.start - claim.start < at
        sides.setdefault(entity.key, "before" if before != passive else "after")
    return sides


def _suffered(claim: Claim, frame: Frame, verb: str) -> bool:
    """Tell whether a verb is a passive's: its subject is who it was done to, not who did it."""
    at = next((c.start for c in frame.concepts if c.name == verb), None)
    return at is not None and PASSIVE_AUXILIARY.search(claim.text, max(0, at - 30), at) is not None


def _passive_agent(claim: Claim, frame: Frame, verb: str) -> frozenset[str]:
    """Return the concepts of a passive's agent ("found by an internal audit"), up to its clause's end; none without one."""
    concept = next(c for c in frame.concepts if c.name == verb)
    opening = AGENT_OPENING.match(claim.text, concept.start + len(concept.words))
    if opening is None:
        return frozenset()
    following = CLAUSE_END.search(claim.text, opening.end())
    end = following.start() if following else len(claim.text)
    return frozenset(c.name for c in frame.concepts if opening.end() <= c.start < end)


def _subject(claim: Claim, frame: Frame, verb: str) -> frozenset[str]:
    """Return the concepts before a verb in its clause: a label before a colon ("CNN: Doctor took ...") is no subject."""
    at = next((c.start for c in frame.concepts if c.name == verb), None)
    if at is None:
        return frozenset()
    start = _clause_start(claim.text, at)
    return frozenset(c.name for c in frame.concepts if start <= c.start < at)


def _role_text(claim: Claim, frame: Frame, verb: str) -> str:
    """Return a claim up to the end of the clause of its verb: who does what to whom, without what follows.

    "An audit found the fault in the signalling" of "..., according to the regulator": the
    roles side by side, not two whole sentences.
    """
    at = next((c.start for c in frame.concepts if c.name == verb), None)
    if at is None:
        return claim.text.strip()
    following = CLAUSE_END.search(claim.text, at)
    return claim.text[: following.start() if following else len(claim.text)].strip()


def split_title(title: str, qualifiers: frozenset[str]) -> tuple[str, str]:
    """Split "former President" into ("former", "President"); ("", title) without a qualifier."""
    lowered = title.lower()
    for qualifier in sorted(qualifiers, key=len, reverse=True):
        if lowered.startswith(qualifier) and (qualifier.endswith("-") or lowered[len(qualifier) : len(qualifier) + 1] in (" ", "")):
            rest = title[len(qualifier) :].lstrip(" -")
            if rest:
                return qualifier.rstrip("-"), rest
    return "", title


def _qualified(title: str, qualifiers: Qualifiers) -> tuple[frozenset[str], tuple[str, ...]]:
    """Return the qualifiers that change a title's standing, and the office's words."""
    found = set()
    rest = title
    while True:
        qualifier, base = split_title(rest, qualifiers.all())
        if not qualifier:
            break
        found.add(qualifier)
        rest = base
    changing = frozenset(q for q in found if q not in {r.rstrip("-") for r in qualifiers.restates})
    office = [w.lower() for w in re.findall(r"[\w'-]+", rest)]
    if "of" in office:
        # "Minister of Health" is the "Health Minister": the office's words in the order of the shorter form.
        at = office.index("of")
        office = [w for w in office[at + 1 :] if w != "the"] + office[:at]
    return changing, tuple(office)


def _as_classes(qualifiers: Qualifiers | frozenset[str]) -> Qualifiers:
    if isinstance(qualifiers, Qualifiers):
        return qualifiers
    return Qualifiers(frozenset(qualifiers) - {"then", "then-"}, frozenset({"then", "then-"}))


def titles_conflict(x: Entity, y: Entity, qualifiers: Qualifiers | frozenset[str], *, other_office: bool = False) -> bool:
    """Tell whether two titles of one person contradict: same office, different standing in it.

    "Deputy Mayor" against "Mayor" and "former President" against "President" do;
    "current Mayor" against "Mayor" and "Provincial Health Minister" against "Health Minister"
    do not; "Minister of Health" is "Health Minister". "then-President" names the office held
    at the time, consistent with "former". With other_office, two offices that share no word
    ("chief executive" against "operations director") contradict too: within one story a
    person holds the office the story gives. Abbreviations ("CEO", "Gen.") are never told
    apart that way, as they share no word with what they shorten.
    """
    if not x.title or not y.title:
        return False
    classes = _as_classes(qualifiers)
    if any(t.lower().startswith("then") for t in (x.title, y.title)):
        return False
    changing_x, office_x = _qualified(x.title, classes)
    changing_y, office_y = _qualified(y.title, classes)
    if not office_x or not office_y:
        return False
    shorter, longer = sorted((office_x, office_y), key=len)
    same_office = longer[len(longer) - len(shorter) :] == shorter
    if same_office:
        return changing_x != changing_y
    return other_office and _other_office(x.title, y.title, office_x, office_y)


def _other_office(title_x: str, title_y: str, office_x: tuple[str, ...], office_y: tuple[str, ...]) -> bool:
    if any("." in t or any(w.isupper() and len(w) > 1 for w in t.split()) for t in (title_x, title_y)):
        return False
    return set(office_x).isdisjoint(office_y)


def qualifier_conflicts(a: Claim, b: Claim, qualifiers: Qualifiers | frozenset[str], *, other_office: bool = False) -> list[Conflict]:
    """The same person given the same office with a different standing: "former President" against "President".

    With other_office (claims of one story), also the same person given another office.
    """
    conflicts = []
    classes = _as_classes(qualifiers)
    for x in a.entities:
        for y in b.entities:
            if x.key != y.key:
                continue
            if bool(x.title) != bool(y.title):
                # A title given on one side only may be given on the other in an appositive;
                # read there, it is compared for its standing in one office only.
                told_x = x if x.title else replace(x, title=_appositive_title(a, x, classes))
                told_y = y if y.title else replace(y, title=_appositive_title(b, y, classes))
                if titles_conflict(told_x, told_y, qualifiers):
                    conflicts.append(Conflict("qualifier", f"{told_x.title} {x.name}", f"{told_y.title} {y.name}"))
                    break
                continue
            if titles_conflict(x, y, qualifiers, other_office=other_office) and not (
                _also_titled(a, x, y.title) or _also_titled(b, y, x.title)
            ):
                conflicts.append(Conflict("qualifier", f"{x.title} {x.name}", f"{y.title} {y.name}"))
                break
        if conflicts:
            break
    return conflicts


# Characters before a name read for a second title it is given: "chairman and chief executive Chris Albrecht".
TITLES_WINDOW = 60


def _also_titled(claim: Claim, entity: Entity, title: str | None) -> bool:
    """Tell whether the claim gives the person this title too, joined to the one before the name."""
    if not title:
        return False
    start = entity.start - claim.start
    window = claim.text[max(0, start - TITLES_WINDOW) : start].lower()
    return re.search(rf"(?<!\w){re.escape(title.lower())}\s+(?:and|&)\s", window) is not None


def _article(claim: Claim) -> str:
    return claim.id.rsplit(":", 1)[0]


@lru_cache(maxsize=4096)
def _span(value: str) -> tuple[date, date] | None:
    """Return the first and last day an ISO date of any precision covers."""
    try:
        if len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if len(value) == 7:
            first = date(int(value[:4]), int(value[5:7]), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        day = date.fromisoformat(value[:10])
        return day, day
    except ValueError:
        return None


def _is_current(occasion: str | None, article_date: str | None) -> bool | None:
    """Tell whether a claim's occasion is the story's own rather than a past one; None when either is unknown.

    An occasion ending more than CURRENT_DAYS before the article's date is a past one ("in
    1998"); a later date is a plan or forecast stated now ("expected to open in 2030").
    """
    if not occasion or not article_date:
        return None
    span, published = _span(occasion), _span(article_date)
    if span is None or published is None:
        return None
    return span[1] + timedelta(days=CURRENT_DAYS) >= published[0]


def other_occasion(a: Claim, b: Claim, fa: Frame, fb: Frame, context: Context) -> str | None:
    """Explain why two claims speak of different occasions; None when nothing says so.

    A claim that says so ("an earlier version", "years ago"), another instance of a named
    kind ("Line 1" against "Line 2"), or an occasion well before
    or after the story's days against one inside them ("In 1998, two people died" against
    "Two people died").
    """
    if context.occasion_cues is not None:
        cue_a, cue_b = context.cue(context.occasion_cues, a), context.cue(context.occasion_cues, b)
        if (cue_a is None) != (cue_b is None):
            claim, cue = (a, cue_a) if cue_a is not None else (b, cue_b)
            return f"{claim.id} speaks of another occasion (\"{' '.join(cue.group().split())}\")"
    # Sorted: the first instance named must not depend on the order of a set.
    instances_a = {head: number for head, number in sorted(fa.instances)}
    for head, number in sorted(fb.instances):
        if head in instances_a and instances_a[head] != number:
            return f"they name different instances: {head.title()} {instances_a[head]} against {head.title()} {number}"
    current_a = _is_current(a.occasion, context.article_dates.get(_article(a)))
    current_b = _is_current(b.occasion, context.article_dates.get(_article(b)))
    if current_a is not None and current_b is not None and current_a != current_b:
        return different_occasions(a, b)
    return None


def other_statement(a: Claim, b: Claim, fa: Frame, fb: Frame, mismatches: list[Conflict], context: Context) -> str | None:
    """Explain why two claims that differ may not be one statement told two ways; None when nothing says so.

    A contradiction is one slot told otherwise. Two slots differing at once (another number
    and another date) mean another statement; so does a place or body that one claim names
    and the other source never mentions ("in neighbouring Caldbrook"), when the two claims name
    no place or body in common.
    """
    kinds = sorted({c.type for c in mismatches if c.type in PLACING}, key=PLACING.index)
    if not kinds:
        return None
    # "The depot opened in 1998" against "The depot closed in 2019": an opposite ("closed" for
    # opened) and a date, an actor or a figure differ at once; two events, not one told two ways.
    # A cue's negation ("did not open") is left to contradict: held with a second slot it is
    # still the judgement sets' commonest conflict.
    if any(c.type == "negation" for c in mismatches) and not (fa.scopes or fb.scopes) and _any_opposed(fa, fb):
        kinds = ["negation", *kinds]
    if len(kinds) > 1:
        first = {kind: next(c for c in mismatches if c.type == kind) for kind in kinds}
        differences = " and ".join(f"{kind} ({c.a} against {c.b})" for kind, c in first.items())
        return f"the claims differ in {differences} at once"
    if kinds == ["entity"]:
        return None
    for x, fx, y, fy in ((a, fa, b, fb), (b, fb, a, fa)):
        words_y = context.article_words(_article(y))
        if words_y is None:
            continue
        unknown = {e.name for e in x.entities if e.key in fx.names and _placed_in(x, e) and not _mentioned(e.name, words_y)}
        if unknown and fx.names.isdisjoint(fy.names):
            return f"{', '.join(sorted(unknown))} named only by one source: the other may speak of another place or body"
    return None


# "in neighbouring Caldbrook", "near Ostend", "at the Brayford depot": a name that says where the
# statement holds. A name in another role ("after the River Lugg burst", "sealed into the X
# gallery") may be a detail one source leaves out.
PLACED_IN = re.compile(
    r"\b(?:in|near|outside|at)\s+(?:the\s+)?(?:(?:neighbouring|neighboring|nearby|adjacent|northern|southern|eastern|western|central|rural)\s+)?$",
    re.IGNORECASE,
)


def _placed_in(claim: Claim, entity: Entity) -> bool:
    at = entity.start - claim.start
    return PLACED_IN.search(claim.text, max(0, at - 40), at) is not None


def _mentioned(name: str, words: frozenset[str]) -> bool:
    """Tell whether an article mentions a name: its words no dictionary knows ("Caldbrook"), else all its words."""
    parts = [w for w in WORD.findall(name.lower()) if len(w) > 2]
    proper = [w for w in parts if not simplemma.is_known(w, lang="en")]
    return any(w in words for w in proper) if proper else all(w in words for w in parts)


def different_occasions(a: Claim, b: Claim) -> str | None:
    """Explain that two claims are dated differently, if they are."""
    if not a.occasion or not b.occasion or _same_day(a.occasion, b.occasion):
        return None
    return (
        f"the claims are dated differently: {a.occasion} (from {a.occasion_source}) "
        f"against {b.occasion} (from {b.occasion_source})"
    )


def _fell(alignment: Alignment | None, number: Conflict, b_first: bool) -> bool:
    """Tell whether the later report gives the lower figure: a running count does not fall, so that is no update."""
    slots = alignment.slots if alignment is not None else ()
    found = next(((x, y) for x, y in slots if (_shown(x), _shown(y)) == (number.a, number.b)), None)
    if found is None:
        return False
    earlier, later = found[::-1] if b_first else found
    return later.high < earlier.low


def _dated_apart(a: Claim, b: Claim) -> bool:
    """Tell whether two claims are dated on different occasions, firmly enough to order their figures.

    Dates the claims give themselves count when they differ at all; a date taken from the
    paragraph counts when it lies more than CURRENT_DAYS from the other (within them it may
    be when the story was told rather than when the figure held). The article's own date never
    orders figures by itself.
    """
    if not a.occasion or not b.occasion or _same_day(a.occasion, b.occasion):
        return False
    if ARTICLE_DATE in (a.occasion_source, b.occasion_source):
        return False
    if a.occasion_source == OWN_DATE and b.occasion_source == OWN_DATE:
        return True
    span_a, span_b = _span(a.occasion), _span(b.occasion)
    if span_a is None or span_b is None:
        return False
    gap = max(span_a[0], span_b[0]) - min(span_a[1], span_b[1])
    return gap > timedelta(days=CURRENT_DAYS)


# describe's names for where a claim's occasion comes from.
OWN_DATE = "the claim"
ARTICLE_DATE = "the article's date"


def possible_update(
    a: Claim,
    b: Claim,
    conflicts: list[Conflict],
    cues: re.Pattern[str],
    context: Context | None = None,
    alignment: Alignment | None = None,
    running: re.Pattern[str] | None = None,
) -> Update | None:
    """Read different figures of one thing as an earlier and a later figure, when something gives the order.

    The order comes from the dates the claims give themselves when they differ; else, when
    either claim carries an update cue ("rose to", "revised") or a running-count cue ("so far",
    "as of"), from the dates of the two reports, provided the later report does not give the
    lower figure (a running count does not fall); else from an update cue in exactly one of
    them, which names the later figure. A running-count cue alone orders nothing. A pair that also conflicts on negation, a title or
    the actor is a contradiction whatever the dates say.
    """
    number = next((c for c in conflicts if c.type == "number"), None)
    if number is None or any(c.type not in ("number", "date") for c in conflicts):
        return None
    values = {a.id: number.a, b.id: number.b}
    if _dated_apart(a, b):
        precision = min(len(a.occasion or ""), len(b.occasion or ""))
        earlier, later = (a, b) if (a.occasion or "")[:precision] < (b.occasion or "")[:precision] else (b, a)
        return Update(earlier.id, later.id, values[earlier.id], values[later.id], f"the claims are dated {earlier.occasion} and {later.occasion}")
    def found(pattern: re.Pattern[str] | None, claim: Claim) -> re.Match[str] | None:
        if pattern is None:
            return None
        return context.cue(pattern, claim) if context is not None else pattern.search(lexicon_text(claim))

    cue_a, cue_b = found(cues, a), found(cues, b)
    running_a, running_b = found(running, a) or _count_by(a), found(running, b) or _count_by(b)
    any_cue = cue_a or cue_b or running_a or running_b
    if any_cue is None:
        return None
    dates = context.article_dates if context is not None else {}
    published_a, published_b = dates.get(_article(a)), dates.get(_article(b))
    if published_a and published_b and published_a != published_b and not _fell(alignment, number, published_a > published_b):
        earlier, later = (a, b) if published_a < published_b else (b, a)
        cue = any_cue.group()
        reason = f"the reports are dated {min(published_a, published_b)} and {max(published_a, published_b)}, with \"{' '.join(cue.split())}\""
        return Update(earlier.id, later.id, values[earlier.id], values[later.id], reason)
    if (cue_a is None) == (cue_b is None):
        if (running_a is None) != (running_b is None):
            return _count_so_far(a, b, running_a or running_b, running_a is not None, number, alignment)
        return None
    earlier, later, cue = (b, a, cue_a) if cue_a is not None else (a, b, cue_b)
    return Update(earlier.id, later.id, values[earlier.id], values[later.id], f"the later claim says \"{' '.join(cue.group().split())}\"")


# "By Thursday night seventeen had been treated", "by the end of May": a count as it stood on a day.
COUNT_BY = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)


def _count_by(claim: Claim) -> re.Match[str] | None:
    """Return the "by" of a claim that gives its count as it stood on a day, if it does."""
    for mention in claim.dates:
        at = mention.start - claim.start
        found = COUNT_BY.search(claim.text, max(0, at - 20), at)
        if found is not None:
            return found
    return None


def _count_so_far(
    a: Claim, b: Claim, cue: re.Match[str], cue_in_a: bool, number: Conflict, alignment: Alignment | None
) -> Update | None:
    """Read a count as it stood ("2,000 evacuated so far") below another count of its slot as the earlier count.

    A running count lower than the other figure is one the other may have overtaken; a higher
    one is a contradiction unless the reports' dates order them.
    """
    slots = alignment.slots if alignment is not None else ()
    found = next(((x, y) for x, y in slots if (_shown(x), _shown(y)) == (number.a, number.b)), None)
    if found is None:
        return None
    running, other = found if cue_in_a else found[::-1]
    if running.high >= other.low:
        return None
    earlier, later = (a, b) if cue_in_a else (b, a)
    shown = {a.id: number.a, b.id: number.b}
    reason = f"{earlier.id} gives the count as it stood (\"{' '.join(cue.group().split())}\"), below the other's"
    return Update(earlier.id, later.id, shown[earlier.id], shown[later.id], reason)


def title_pairs(
    claims: list[Claim],
    article_of: Mapping[str, object],
    qualifiers: Qualifiers | frozenset[str],
    *,
    involving: frozenset[str] | None = None,
) -> list[tuple[Claim, Claim]]:
    """Pair claims of different articles that give one person contradicting titles.

    Each variant of a title is paired with the first claim of every other variant only, so a
    name in a thousand articles costs a handful of pairs, not a million. Another office counts
    here; classifying keeps it a conflict only within one story. With involving, only
    pairs with a claim of that set are kept.
    """
    first_by_variant: dict[tuple[str, str], Claim] = {}
    variants_by_key: dict[str, list[tuple[str, Entity]]] = {}
    for claim in claims:
        for entity in claim.entities:
            if not entity.title:
                continue
            variant = (entity.key, entity.title.lower())
            if variant not in first_by_variant:
                first_by_variant[variant] = claim
                variants_by_key.setdefault(entity.key, []).append((entity.title.lower(), entity))
    pairs = []
    for claim in claims:
        for entity in claim.entities:
            for title, other in variants_by_key.get(entity.key, ()):
                first = first_by_variant[(entity.key, title)]
                if first.id == claim.id or article_of[first.id] == article_of[claim.id]:
                    continue
                if involving is not None and first.id not in involving and claim.id not in involving:
                    continue
                if titles_conflict(entity, other, qualifiers, other_office=True):
                    pairs.append((first, claim))
    return pairs
