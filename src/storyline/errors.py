"""Every error Storyline raises on purpose.

::

    StorylineError                 base class; ``code`` is stable, ``str()`` says how to fix
    ├── InputError                 one input cannot be analysed; the batch goes on (S01x)
    │   ├── UnreadableInputError   missing path, permission denied, not a file (S010)
    │   ├── BinaryInputError       the bytes are not text (S011)
    │   ├── EmptyInputError        no text at all (S012)
    │   ├── MalformedRecordError   a JSONL line that is not a valid article (S013)
    │   ├── NoMainTextError        an HTML page with no main text (S014)
    │   ├── UnsupportedInputError  a file type Storyline does not read (S015)
    │   ├── DuplicateInputError    the same text as an earlier article; analysed once (S016)
    │   ├── EncodingRepairedError  not valid UTF-8, read as Latin-1 and analysed anyway (S017)
    │   ├── TruncatedInputError    longer than ``max_chars``; the start is analysed (S018)
    │   ├── AnalysisError          the pipeline failed on this article; the batch goes on (S019)
    │   ├── InvalidDateError       a stated date that is not a real date; ignored (S070)
    │   └── OtherLanguageError     not written in English; skipped (S071)
    ├── UsageError                 wrong arguments or options (S02x)
    ├── ModelError                 the language pipeline cannot be loaded (S03x)
    ├── StoreError                 the SQLite store cannot be used (S040)
    │   ├── StoreTooNewError       written by a newer Storyline (S041)
    │   ├── NotADatabaseError      the file is not an SQLite database (S042)
    │   ├── NotAStoreError         an SQLite database of another program (S043)
    │   ├── StoreOpenError         cannot be opened: bad URL, missing, no permission (S044)
    │   ├── StoreAccessError       a read or write failed: locked, read-only, disk full (S045)
    │   ├── StoryMismatchError     a story names articles the store does not hold (S046)
    │   └── NoStoryError           no story has been saved yet (S047)
    ├── EvaluationError            evaluation data cannot be read (S05x)
    └── ReportError                story.json or report.html cannot be read or written (S060)

Messages start with the code in brackets and name the offending value, e.g.
``[S011] Cannot read 'x.bin': it holds binary data, not text; give a .txt,
.html or .jsonl file``. Third-party exceptions are wrapped at the boundary
with ``raise ... from exc``.
"""

from __future__ import annotations

#: Exit statuses of the ``storyline`` command (documented in the README).
EXIT_OK = 0
EXIT_NOTHING = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3


class StorylineError(Exception):
    """Base class of every error Storyline raises on purpose."""

    code = "S000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputError(StorylineError):
    """One input cannot be analysed; it is skipped and the batch goes on."""

    code = "S010"


class UnreadableInputError(InputError):
    code = "S010"


class BinaryInputError(InputError):
    code = "S011"


class EmptyInputError(InputError):
    code = "S012"


class MalformedRecordError(InputError):
    code = "S013"


class NoMainTextError(InputError):
    code = "S014"


class UnsupportedInputError(InputError):
    code = "S015"


class DuplicateInputError(InputError):
    code = "S016"


class EncodingRepairedError(InputError):
    """Not an error: a repair note. The input is analysed and also listed in ``skipped``."""

    code = "S017"


class TruncatedInputError(InputError):
    """Not an error: a repair note. The cut input is analysed and also listed in ``skipped``."""

    code = "S018"


class AnalysisError(InputError):
    """The pipeline failed on one article; it is skipped and the batch goes on."""

    code = "S019"


class InvalidDateError(InputError):
    """Not an error: a repair note. The bad date is ignored and the article analysed."""

    code = "S070"


class OtherLanguageError(InputError):
    """The article is not in English; it is skipped unless every language is allowed."""

    code = "S071"


class UsageError(StorylineError):
    """The command line or a setting is wrong."""

    code = "S020"


class ModelError(StorylineError):
    """The language pipeline cannot be built."""

    code = "S030"


class StoreError(StorylineError):
    """The store cannot be opened, migrated or written."""

    code = "S040"


class StoreTooNewError(StoreError):
    code = "S041"


class NotADatabaseError(StoreError):
    code = "S042"


class NotAStoreError(StoreError):
    code = "S043"


class StoreOpenError(StoreError):
    code = "S044"


class StoreAccessError(StoreError):
    code = "S045"


class StoryMismatchError(StoreError):
    code = "S046"


class NoStoryError(StoreError):
    code = "S047"


class EvaluationError(StorylineError):
    """Evaluation data cannot be read."""

    code = "S050"


class ReportError(StorylineError):
    """story.json or report.html cannot be read or written."""

    code = "S060"
