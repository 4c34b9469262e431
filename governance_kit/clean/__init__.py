"""Stage 2, raw text → clean Simplified text: page chrome and spam (``boilerplate``), garbled GBK
(``garble``), 繁→简 (``convert``), recorded edits (``edits``); ``cleaner`` runs them in order and
returns a CleanReport of everything removed or repaired."""
from .cleaner import KIND_LABELS, Change, CleanReport, CleanResult, clean_text

__all__ = ["KIND_LABELS", "Change", "CleanReport", "CleanResult", "clean_text"]
