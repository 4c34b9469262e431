"""Exports of the kit's tables and the redaction of personal data in everything that leaves the kit.

* :mod:`.redaction` — what is masked (phones, ID numbers with their check digit, bank cards by Luhn,
  e-mail, contact names …) and what is not (statistics), with counts by kind;
* :mod:`.spreadsheet` — no formula in a CSV or Excel cell (OWASP CSV injection);
* :mod:`.writers` — ``to_csv`` (UTF-8 with BOM), ``to_excel``, ``to_parquet``, each recording what was
  masked: a ``<file>.manifest.json`` beside a CSV or Parquet file, a sheet “说明” in a workbook.
"""
from .redaction import KINDS, find_identifiers, redact, redact_document, redact_text
from .spreadsheet import neutralise, safe_frame
from .writers import manifest_path, to_csv, to_excel, to_parquet

__all__ = ["KINDS", "find_identifiers", "manifest_path", "neutralise", "redact", "redact_document", "redact_text",
           "safe_frame", "to_csv", "to_excel", "to_parquet"]
