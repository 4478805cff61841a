"""Text -> comparable tokens: folding, aliases, light stemming; shared by every comparison."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# scikit-learn's English stop words (feature_extraction.text.ENGLISH_STOP_WORDS), written out:
# importing scikit-learn for them would take a second of every start-up.
ENGLISH_STOP_WORDS = frozenset(
    "a about above across after afterwards again against all almost alone along already also although "
    "always am among amongst amoungst amount an and another any anyhow anyone anything anyway "
    "anywhere are around as at back be became because become becomes becoming been before beforehand "
    "behind being below beside besides between beyond bill both bottom but by call can cannot cant co "
    "con could couldnt cry de describe detail do done down due during each eg eight either eleven "
    "else elsewhere empty enough etc even ever every everyone everything everywhere except few "
    "fifteen fifty fill find fire first five for former formerly forty found four from front full "
    "further get give go had has hasnt have he hence her here hereafter hereby herein hereupon hers "
    "herself him himself his how however hundred i ie if in inc indeed interest into is it its itself "
    "keep last latter latterly least less ltd made many may me meanwhile might mill mine more "
    "moreover most mostly move much must my myself name namely neither never nevertheless next nine "
    "no nobody none noone nor not nothing now nowhere of off often on once one only onto or other "
    "others otherwise our ours ourselves out over own part per perhaps please put rather re same see "
    "seem seemed seeming seems serious several she should show side since sincere six sixty so some "
    "somehow someone something sometime sometimes somewhere still such system take ten than that the "
    "their them themselves then thence there thereafter thereby therefore therein thereupon these "
    "they thick thin third this those though three through throughout thru thus to together too top "
    "toward towards twelve twenty two un under until up upon us very via was we well were what "
    "whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever "
    "whether which while whither who whoever whole whom whose why will with within without would yet "
    "you your yours yourself yourselves"
    .split()
)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Words scikit-learn counts as stop words that carry the fact in news: "fire", "mine", "bill",
# "interest", "found", "back" as in "backed". Similarity drops them as scikit-learn does (the
# scorer's weights are fitted so); whether a claim says enough to compare counts them.
NEWS_WORDS = frozenset(
    "bill fire find found move system show call side interest detail amount back bottom top front "
    "empty fill thick thin cry mill mine name serious".split()
)
# Alignment also keeps the light verbs and order words its phrases need ("take into custody",
# "give way", "former President", "the first miner out").
CONTENT_WORDS = NEWS_WORDS | frozenset("full part describe keep give get made put take sincere former last first next".split())
# "U.S." and "US" would fold to the stop word "us"; aliases rewrite them before folding.
STOP_WORDS = ENGLISH_STOP_WORDS | {"said", "says", "say", "told", "also", "according"}
QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


def fold(text: str) -> str:
    """Return text with Unicode compatibility forms, curly quotes and dashes folded."""
    return unicodedata.normalize("NFKC", text).translate(QUOTE_FOLD)


def read_aliases(entries: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """Read alias lexicon lines ("usa: U.S., US, United States") into (canonical, variants) pairs."""
    found = []
    for entry in entries:
        canonical, colon, listed = (part.strip() for part in entry.partition(":"))
        variants = [v.strip() for v in listed.split(",") if v.strip()]
        if canonical and colon and variants:
            found.append((canonical, variants))
    return found


def compile_aliases(entries: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compile alias lexicon lines ("usa: U.S., US, United States") into case-sensitive rewrites."""
    rewrites = []
    for canonical, listed in read_aliases(entries):
        variants = sorted(listed, key=len, reverse=True)
        alternatives = "|".join(re.escape(v) for v in variants)
        # The leading look-ahead lets the search skip every character no variant starts with.
        first = "".join(sorted({re.escape(v[0]) for v in variants}))
        rewrites.append((re.compile(rf"(?=[{first}])(?<!\w)(?:{alternatives})(?![\w.]\w)"), f" {canonical} "))
    return tuple(rewrites)


def stem(word: str) -> str:
    """Strip the commonest English inflections, enough to match "released" with "release"."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 5 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2] if not word.endswith("eed") else word[:-1]
    if len(word) > 3 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    if len(word) > 4 and word.endswith("e"):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def _stem_cached(word: str) -> str:
    return stem(word)


LEADING_CHARACTERS = re.compile(r"\A\(\?=\[((?:\\.|[^\]\\])*)\]\)")


@lru_cache(maxsize=8)
def _any_alias(aliases: tuple[tuple[re.Pattern[str], str], ...]) -> re.Pattern[str]:
    """Return one pattern matching wherever any alias does: most texts name none, and one search
    costs less than a substitution per alias."""
    either = "|".join(f"(?:{pattern.pattern})" for pattern, _ in aliases)
    leading = [LEADING_CHARACTERS.match(pattern.pattern) for pattern, _ in aliases]
    if all(leading):
        either = "(?=[" + "".join(match.group(1) for match in leading) + f"])(?:{either})"
    return re.compile(either)


@lru_cache(maxsize=1 << 16)  # asked once per claim by the search, again per pair of short claims
def telling_words(text: str) -> int:
    """Return how many different content words a text gives, news words such as "fire" counted: "No one was injured in the fire" gives two."""
    return len({w for w in WORD.findall(fold(text).lower()) if (w not in STOP_WORDS or w in NEWS_WORDS) and (len(w) > 1 or w.isdigit())})


def content_tokens(text: str, aliases: tuple[tuple[re.Pattern[str], str], ...] = ()) -> list[str]:
    """Return the stemmed, lower-case content words of a text, stop words left out."""
    folded = fold(text)
    if aliases and _any_alias(aliases).search(folded):
        for pattern, canonical in aliases:
            folded = pattern.sub(canonical, folded)
    tokens = []
    for word in WORD.findall(folded.lower()):
        if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
            continue
        tokens.append(_stem_cached(word))
    return tokens


# Duplicates, candidate search and trust each group claims by this key: one run asks for every
# claim's key several times. The cache holds the claims of about 40,000 news stories.
@lru_cache(maxsize=1 << 18)
def normalise_for_exact(text: str) -> str:
    """Return the text reduced to lower-case words, for spotting exact repeats."""
    return " ".join(WORD.findall(fold(text).lower()))


HEADING_END = frozenset(".!?;:,…\"”'’)]")
SENTENCE_INSIDE = re.compile(r"[a-z\d)\"”’]{2}[.!?][\"”’]?\s")
BULLET = re.compile(r"^\s*(?:[-*•–—]|\d{1,3}[.)])\s*")
MAX_HEADING_WORDS = 20


def is_heading_line(line: str) -> bool:
    """Tell whether a whole line reads as a heading: short, no final punctuation, one sentence at most."""
    words = line.split()
    if not 1 <= len(words) <= MAX_HEADING_WORDS or BULLET.match(line):
        return False
    return line.rstrip()[-1] not in HEADING_END and not SENTENCE_INSIDE.search(line)


# Where a long sentence joins clauses that can each be a statement of their own.
CLAUSE_BREAK = re.compile(
    r"[;:—–]|\s-\s|,\s+(?=(?:a|an|which|while|who|whose|as|after|before|amid|with|thereby|but|although|though)\b)"
)
MAX_CLAUSES = 4


def clauses(text: str, *, min_words: int = 4) -> list[str]:
    """Return the clauses of a sentence that carry at least min_words content words (at most four)."""
    if CLAUSE_BREAK.search(text) is None:
        return []  # one part only
    parts = [p.strip() for p in CLAUSE_BREAK.split(text) if len(content_tokens(p)) >= min_words]
    return parts[:MAX_CLAUSES] if len(parts) > 1 else []
