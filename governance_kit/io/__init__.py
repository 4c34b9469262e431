"""Stage 1, bytes → text: formats (txt/md/html/docx/pdf), encodings, front matter and dates.

``reader`` is the front door; ``encoding``, ``html``, ``office`` and ``dates`` each handle one kind of input.
``filebytes`` reads a file's bytes once (regular files only, bounded, not while it changes) and ``limits``
holds the bounds an input must keep (file size, zip bombs, text length); ``cells`` keeps the text cells
the kit writes to CSV and Excel from running as formulas.
"""
from .reader import FORMATS, SUPPORTED_SUFFIXES, RawText, os_error_reason, read_bytes, read_file

__all__ = ["FORMATS", "SUPPORTED_SUFFIXES", "RawText", "os_error_reason", "read_bytes", "read_file"]
