"""The one family of errors checker raises for user mistakes; anything else is a bug."""


class CheckerError(Exception):
    """A problem with the user's input, rules or settings, told in one line."""


class InputError(CheckerError):
    """An input path or file that cannot be used."""


class RulesError(CheckerError):
    """A rules folder with a mistake; the message names the file and key."""


class CorpusError(CheckerError):
    """A corpus file that cannot be used: not a corpus, another program's database, or a newer schema."""
