"""Exceptions of governance_kit.

Every exception subclasses a built-in (so ``except ValueError`` keeps working) and carries a
message in Simplified Chinese that says what was wrong, the value given and what is allowed:
trainees and instructors read these messages.
"""
from __future__ import annotations


class GovKitError(Exception):
    """Base class of the kit's own errors."""


class ReadError(GovKitError, ValueError):
    """A file or byte string could not be turned into text.

    ``path`` names the file (or ``None`` for bytes), ``reason`` is the Chinese explanation.
    """

    def __init__(self, reason: str, path: str | None = None):
        self.reason = reason
        self.path = path
        super().__init__(f"{path}:{reason}" if path else reason)


class EmptyFileError(ReadError):
    """The input holds no bytes, or no text after decoding."""


class UnsupportedFormatError(ReadError):
    """The input is not a format the kit reads (e.g. an image renamed to .txt)."""


class EncodingError(ReadError):
    """No text encoding decodes the bytes plausibly."""


class CorruptFileError(ReadError):
    """A container format (docx, pdf) is damaged or truncated."""


class NoTextLayerError(ReadError):
    """A PDF has pages but no text layer (a scan): it needs OCR first."""


class CatalogError(GovKitError, ValueError):
    """A row or field of ``catalog.csv`` is malformed."""


class RuleFileError(GovKitError, ValueError):
    """A data file (cleaning rules, genres …) has a malformed entry; the message names file and entry."""


class CodebookError(GovKitError, ValueError):
    """A codebook (YAML or Excel) has a malformed entry; the message names file, row and field."""


def check_choice(name: str, value, allowed, *, error: type[Exception] = ValueError):
    """``value`` if it is one of ``allowed``; otherwise ``error`` saying, in Chinese, what is allowed.

    >>> check_choice("engine", "dask", ("local", "dask"))
    'dask'
    >>> check_choice("engine", "spark", ("local", "dask"))
    Traceback (most recent call last):
    ...
    ValueError: engine 只能是 'local'、'dask' 之一,收到的是 'spark'
    """
    if value not in allowed:
        raise error(f"{name} 只能是 {'、'.join(repr(a) for a in allowed)} 之一,收到的是 {value!r}")
    return value
