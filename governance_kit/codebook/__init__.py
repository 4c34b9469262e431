"""Stage 5, governance patterns: the codebook model (YAML and Excel), matching and coding with
evidence, and ``discovery`` of named mechanisms the codebook lacks."""
from .coding import code_patterns
from .model import CODEBOOK_FILE, Category, Codebook, Pattern, bundled_path, load_codebook

__all__ = ["CODEBOOK_FILE", "Category", "Codebook", "Pattern", "bundled_path", "code_patterns", "load_codebook"]
