"""The khabar exception hierarchy and the quarantine reason codes."""

from __future__ import annotations

from enum import StrEnum


class QuarantineReason(StrEnum):
    """Why an input was not turned into an article (``quarantine.reason``)."""

    EMPTY = "empty"  # zero bytes or whitespace only
    UNDECODABLE = "undecodable"  # no encoding explains the bytes
    TOO_LARGE = "too_large"  # over KHABAR_MAX_FILE_BYTES
    UNSUPPORTED_TYPE = "unsupported_type"  # file type khabar does not read
    MALFORMED_JSON = "malformed_json"  # .json/.jsonl that does not parse, or a record that is not an object
    NO_TEXT = "no_text"  # nothing left after boilerplate removal
    UNKNOWN_LANGUAGE = "unknown_language"  # not Persian, Dari or Arabic
    UNSAFE_ARCHIVE = "unsafe_archive"  # path traversal, links, bombs
    BAD_ARCHIVE = "bad_archive"  # archive that cannot be read
    EXTRACTION_ERROR = "extraction_error"  # a bug in khabar: the input is kept for a re-run


class KhabarError(Exception):
    """Base class of every error khabar raises on purpose."""


class ConfigError(KhabarError, ValueError):
    """A ``KHABAR_*`` setting that is not valid: the message names the variable and the value."""


class InputRejected(KhabarError):
    """One input cannot become an article; it goes to quarantine with ``reason``."""

    def __init__(self, reason: QuarantineReason, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class LandingError(KhabarError):
    """The landing zone of a day cannot be read."""


class QualityError(KhabarError):
    """A critical data-quality expectation failed: nothing is published."""


class LakeError(KhabarError):
    """The lake is missing, unreadable or inconsistent."""
