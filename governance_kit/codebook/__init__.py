"""Stage 5, governance patterns: the codebook and coding texts with it.

From the bottom up: ``entries`` (what a pattern and a category are) → ``validation`` (errors naming
file, line, entry and field) → ``yaml_file`` and ``excel`` (the codebook's two file formats) and
``cue_anchors``, ``overlaps``, ``matcher`` (the matching engine) → ``model`` (:class:`Codebook`,
:func:`load_codebook`) → ``discovery/`` (named mechanisms the codebook lacks) → ``coding``
(:func:`code_patterns`: the table of hits with evidence).
"""
from .coding import code_patterns
from .model import CODEBOOK_FILE, Category, Codebook, Pattern, bundled_path, load_codebook

__all__ = ["CODEBOOK_FILE", "Category", "Codebook", "Pattern", "bundled_path", "code_patterns", "load_codebook"]
