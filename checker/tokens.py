"""Claim text -> tokens with offsets, and the text lexicons are matched against."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.dates import DATE

TOKEN = re.compile(r"\w[\w'’.-]*|\S")  # words ("U.S.", "then-U.S.", "3.5", "Americans’") and marks
FIRST_LETTER = re.compile(r"[^\w\n]{0,8}([^\W\d_])")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
# Capitalised words that never start or join a name.
FUNCTION_WORDS = frozenset(
    "the a an this that these those it its he she they we i you his her their our my your me him them us "
    "but and or so yet if when while after before since as in on at for from to with without by of there here "
    "how what why who whom whose where which meanwhile however still then now today yesterday tomorrow no not "
    "some many most all both each every any other another such last next first second third "
    "also instead despite although though because according following during under over amid against among "
    "about across into upon unlike like whether thus therefore hence moreover furthermore nevertheless "
    "nonetheless indeed overall only even just perhaps several few much more less is are was were be been "
    "has have had will would can could shall should may might must do does did yes".split()
)
OPENING_MARKS = frozenset('"“‘(:.?!')  # a capitalised word after these opens a sentence


@dataclass(slots=True)
class Tokens:
    """A claim cut into words and marks, with offsets into the claim span."""

    span: str
    words: list[str]
    starts: list[int]
    ends: list[int]

    def joined(self, i: int) -> bool:
        """Tell whether tokens i and i+1 are separated by nothing but spaces on one line; the last token is joined to nothing."""
        if i + 1 >= len(self.starts):
            return False
        gap = self.span[self.ends[i]:self.starts[i + 1]]
        return gap == " " or gap == "" or (gap.isspace() and "\n" not in gap)


# describe, the reliability rules and classify each read a claim as lexicons match it.
@lru_cache(maxsize=1 << 16)
def lexicon_text(text: str) -> str:
    """Return text as lexicons match it: its first letter lowered and curly apostrophes straight.

    A headline in title case has every capitalised word lowered. Otherwise the first letter
    stays when it opens a month before a number ("May 5" is a date, not a hedge). The result
    has the length of `text`, so offsets carry over.
    """
    folded = text.translate(APOSTROPHES) if "’" in text or "‘" in text else text
    if is_headline_case(HEADLINE_WORD.findall(folded)):
        # "Doctor Performed Biopsy Without Consent": capitals mark no names, nor months; only
        # what is shouted ("NHL", "LESS") keeps them.
        return CAPITALISED.sub(lambda m: m.group().lower(), folded)
    first = FIRST_LETTER.match(folded)
    if first is None or not first.group(1).isupper():
        return folded
    position = first.start(1)
    opening = DATE.match(folded, position)
    if opening and (opening.group("md_m") or opening.group("my_m")):
        return folded
    return folded[:position] + folded[position].lower() + folded[position + 1:]


HEADLINE_WORD = re.compile(r"[^\W\d_][\w'-]*")
CAPITALISED = re.compile(r"\b[A-Z](?=[a-z'])")


def lexicon_cues(pattern: re.Pattern[str], lexical: str, shown: str) -> tuple[str, ...]:
    """Return each lexicon entry found in `lexical` once, as written in `shown` (same offsets)."""
    cues: list[str] = []
    for match in pattern.finditer(lexical):
        cue = " ".join(shown[match.start():match.end()].split())
        if cue not in cues:
            cues.append(cue)
    return tuple(cues)


def split_tokens(
    text: str, abbreviations: frozenset[str], hyphen_qualifiers: frozenset[str]
) -> tuple[list[str], list[int], list[int]]:
    """Cut text into words and marks; a full stop stays on initials, acronyms and abbreviations only."""
    words = TOKEN.findall(text)
    starts: list[int] = []
    ends: list[int] = []
    position = 0
    for word in words:
        # Tokens cover every character but spaces, so the next occurrence is the token itself.
        position = text.find(word, position)
        starts.append(position)
        position += len(word)
        ends.append(position)
    # Rarely needed, so done afterwards, from the end so that indices stay valid.
    for i in reversed([i for i, word in enumerate(words) if word[-1] in ".-" or "-" in word]):
        word = words[i]
        core = word
        if len(word) < 2:
            continue  # a mark
        if word[-1] == "-":
            core = word.rstrip("-")  # "two-" in "two- and three-year"
        elif word[-1] == ".":
            core = word[:-1]
            if "." in core or (len(core) == 1 and core.isupper()) or core in abbreviations:
                core = word  # "U.S.", "G.", "Gen.": the full stop is part of the word
        if core != word:
            cut = starts[i] + len(core)
            words[i:i + 1] = [core, word[len(core):]]
            starts.insert(i + 1, cut)
            ends.insert(i, cut)
            word = core
        if "-" in word and hyphen_qualifiers:
            head = word[: word.index("-") + 1]
            if len(head) < len(word) and head.lower() in hyphen_qualifiers:
                cut = starts[i] + len(head)
                words[i:i + 1] = [head, word[len(head):]]
                starts.insert(i + 1, cut)
                ends.insert(i, cut)
    return words, starts, ends


def first_word(words: list[str]) -> int:
    """Return the index of the first word that is not a mark, or -1."""
    for i, word in enumerate(words):
        if word[0].isalnum():
            return i
    return -1


HEADLINE_WORDS = 5  # capitalised words a title-case headline with no capitalised function word has at least
# The short words most style books leave low in a title: articles, conjunctions, prepositions.
LOW_IN_TITLES = frozenset("a an the and but or nor for so yet as at by in of off on per to up via with from into onto over than vs".split())


def is_title_case(words: list[str]) -> bool:
    """Tell whether most long words are capitalised, as in a headline."""
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


def is_headline_case(words: list[str]) -> bool:
    """Tell whether a sentence is written in title case, not just full of names.

    Either a function word inside it is capitalised too ("Florida Woman Has Surgery To Add
    Third Breast"), or every word but the function words is, these left low as most style
    books have it ("Rumored Phone to Include Faster Memory and Larger Screen"). "Ana Ruiz
    met Tomas Berg in Lisbon" is not.
    """
    if not is_title_case(words):
        return False
    if any(w[0].isupper() and w.lower() in FUNCTION_WORDS for w in words[1:]):
        return True
    content = [w for w in words if len(w) > 1 and w.lower() not in FUNCTION_WORDS]
    if len(content) < HEADLINE_WORDS or any(w.islower() for w in content):
        return False
    # Style books capitalise verbs and pronouns in titles: a low "is" or "he" makes a sentence
    # full of names ("Johnson is the Director of Research at the Pulaski Foundation").
    return all(w in LOW_IN_TITLES for w in words if w.islower() and len(w) > 1)
