"""Stage 6, across documents: keywords, keyness, kwic, co-occurrence, similarity (``measures``),
category profiles (``profiles``), and what they all take in (``inputs``: documents of any input, the kit's words)."""
from .inputs import documents_of, words_of
from .measures import cooccurrence, dtm, keyness, keywords, kwic, similarity
from .profiles import profile

__all__ = ["cooccurrence", "documents_of", "dtm", "keyness", "keywords", "kwic", "profile", "similarity", "words_of"]
