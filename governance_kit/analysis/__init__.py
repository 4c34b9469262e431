"""Stage 6, across documents: keywords, keyness, kwic, co-occurrence, similarity (``measures``) and
category profiles (``profiles``)."""
from .measures import cooccurrence, dtm, keyness, keywords, kwic, similarity
from .profiles import profile

__all__ = ["cooccurrence", "dtm", "keyness", "keywords", "kwic", "profile", "similarity"]
