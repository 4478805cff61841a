"""The typed records passed between the pipeline stages, named like the JSON report's keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ClaimKind = Literal["claim", "quote", "heading", "caption", "boilerplate"]
RegionKind = Literal["caption", "boilerplate", "heading", "markup", "metadata"]
DuplicateKind = Literal["exact", "near"]
Relation = Literal["agrees", "conflicts", "related"]
ConflictType = Literal["number", "date", "negation", "qualifier", "entity"]
TrustEffect = Literal["earned", "cost", "neutral"]
TrustStatus = Literal["scored", "not corroborated"]

# Claims of these kinds are article furniture: shown in the report, never compared.
COMPARABLE_KINDS: frozenset[str] = frozenset({"claim", "quote"})


@dataclass(frozen=True, slots=True)
class Region:
    """A span of article furniture found by normalising; the text itself is never rewritten."""

    start: int
    end: int
    kind: RegionKind
    rule: str  # which pattern marked it, e.g. "image-credit"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a claim, normalised, with the noun phrase it counts."""

    # "52", "1200", "3.5"; a range "10-12" (also a vague amount: "dozens" is "24-99"); a vote
    # tally "14:13", for and against as written, with the unit "votes".
    value: str
    text: str  # as written: "three", "tens of thousands"
    # What the figure counts, lower case: the noun phrase after it ("political prisoners"), a
    # currency or measure in one spelling ("dollars", "millimetres"), what a percentage measures
    # ("92 percent of staff" -> "staff"), or the noun before it ("the death toll rose to 12").
    unit: str | None
    start: int  # offsets into Article.text
    end: int
    # How the article bounds the figure: "min" ("at least 23", "more than 80"), "max" ("up to
    # 180", "as many as", "nearly 80"), "approx" ("about 1,200", "some 4,500") or None (exact).
    modifier: str | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date found in a claim, as ISO text at the precision the article gives."""

    value: str  # "2025-02-14", "2025-09" or "2025"
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A person or organisation named in a claim, with the title the article gives it."""

    name: str  # as written: "Aleksandr G. Lukashenko"
    key: str  # identity across articles: the lower-case surname or single name
    # As written before the name or in an appositive, with its qualifier in lower case: "former
    # President", "deputy Mayor", "interim chief information officer".
    title: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Claim:
    """One sentence-like unit of an article, with what it rests on."""

    id: str  # "<article id>:<n>", n from 1 in text order
    text: str
    start: int  # half-open offsets into Article.text, the decoded file
    end: int
    line: int  # 1-based
    kind: ClaimKind
    hedged: bool = False
    hedges: tuple[str, ...] = ()  # the hedging cues found, for the explanation
    attribution: str | None = None
    numbers: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    entities: tuple[Entity, ...] = ()
    # The cues that make the claim's assertion negative, as written, after double negations
    # cancel: "rejected the plan" -> ("rejected",); "has not rejected the plan" -> (); "did not
    # sign" -> ("did not",); "refuses to rule out" -> (). Empty means the claim asserts the positive.
    negations: tuple[str, ...] = ()
    occasion: str | None = None  # the date the claim is about: its own, the context's or the article's
    occasion_source: str | None = None  # where `occasion` came from, for the explanation


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two claims of one article that say the same thing; `a` is the earlier."""

    a: str
    b: str
    similarity: float
    kind: DuplicateKind
    method: str  # "exact", "fuzzy" or "restatement": which threshold admitted it


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of consecutive duplicated claims, reported as one finding."""

    a: tuple[str, ...]  # claim ids of the earlier run
    b: tuple[str, ...]  # claim ids of the later run, in the same order
    lines_a: tuple[int, int]
    lines_b: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Signal:
    """One reliability rule's finding about an article, with the claims behind it."""

    rule: str  # the rule's code, e.g. "A101"
    name: str
    message: str
    points: float  # what it added to or took from the score
    claims: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reliability:
    score: int  # 0..100
    signals: tuple[Signal, ...]


@dataclass(frozen=True, slots=True)
class ClaimTrust:
    """How far other sources bear out one claim, and which of their claims do."""

    id: str
    confidence: float  # 0..1, at the fixed point of the trust iteration
    effect: TrustEffect  # whether the other sources raised or lowered it
    support: tuple[str, ...]  # claims of independent sources that state or support it
    contradiction: tuple[str, ...]  # claims of independent sources that contradict it


@dataclass(frozen=True, slots=True)
class Copy:
    """One article reproducing another's text; the two count as one voice."""

    article: str  # the copy
    original: str
    share: float  # of the copy's claims found in the original, 0..1
    claims: int  # how many of the copy's claims were found there


@dataclass(frozen=True, slots=True)
class Trust:
    """What the other sources make of an article: agreement-based, beside the text-based Reliability."""

    score: int | None  # 0..100; None when no independent source touches the article
    status: TrustStatus
    claims: tuple[ClaimTrust, ...]  # the claims other sources touch, in text order
    single_source: tuple[str, ...]  # specific claims no independent source supports
    copies: tuple[Copy, ...]  # the copy relations the article is part of


@dataclass(frozen=True, slots=True)
class TrustRun:
    """How the trust iteration ended, and the copies it found across the run."""

    iterations: int
    converged: bool
    copies: tuple[Copy, ...]


@dataclass(frozen=True, slots=True)
class Article:
    """One input file and everything the stages found in it."""

    id: str  # file name without extension, unique in the run
    path: str  # as given by the user
    text: str  # decoded file, never modified: every offset points into it
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    author: str | None = None
    encoding: str = "utf-8"
    regions: tuple[Region, ...] = ()
    claims: tuple[Claim, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    passages: tuple[Passage, ...] = ()
    reliability: Reliability | None = None
    trust: Trust | None = None
    notes: tuple[str, ...] = ()  # warnings about this article, e.g. a cap reached
    stored: bool = False  # read from the corpus, not from the files of this run


@dataclass(frozen=True, slots=True)
class Conflict:
    """What two overlapping claims disagree on, with both values."""

    type: ConflictType
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class Update:
    """Two different counts of one thing read as an earlier and a later figure."""

    earlier: str  # claim id
    later: str  # claim id
    earlier_value: str
    later_value: str
    reason: str  # what shows the order: the claims' dates or an update cue


@dataclass(frozen=True, slots=True)
class Pair:
    """Two overlapping claims from different articles; `a` is from the earlier article."""

    a: str
    b: str
    similarity: float
    relation: Relation
    conflicts: tuple[Conflict, ...] = ()
    different_events: str | None = None  # why the two may describe different events
    update: Update | None = None  # set when a number conflict reads as a later figure, not a contradiction


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not checked, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class CorpusSummary:
    """The stored articles a check compared the new ones with."""

    path: str
    articles: int
    claims: int


@dataclass(frozen=True, slots=True)
class Report:
    """Everything one run found; the JSON and Markdown reports are renderings of it."""

    settings: dict[str, float]
    articles: tuple[Article, ...]
    pairs: tuple[Pair, ...]
    skipped: tuple[Skipped, ...] = ()
    version: int = 1
    trust: TrustRun | None = None
    corpus: CorpusSummary | None = None  # set when new articles were checked against a corpus
    claims_by_id: dict[str, Claim] = field(default_factory=dict, compare=False, repr=False)

    def claim(self, claim_id: str) -> Claim:
        """Return the claim with this id."""
        if not self.claims_by_id:
            for article in self.articles:
                for claim in article.claims:
                    self.claims_by_id[claim.id] = claim
        return self.claims_by_id[claim_id]
