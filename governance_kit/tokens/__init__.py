"""Stage 4, text → words and sentences: the tokenizer (jieba with the kit's lexicon and stopwords, or
the identical rjieba engine) and sentence spans.

Modules: ``dictionary`` (jieba's dict.txt, read once), ``lexicon`` (the lexicon and stopword files),
``engine`` (the rjieba engine), ``tokenizer`` (:class:`Tokenizer`), ``shared`` (the shared tokenizer
and :func:`tokenize`), ``pieces`` (the dictionary-only cut), ``sentences``."""
from .engine import ENGINES, check_engine, rjieba_available
from .lexicon import load_lexicon, load_stopwords
from .shared import default_tokenizer, tokenize
from .tokenizer import Tokenizer

__all__ = ["ENGINES", "Tokenizer", "check_engine", "default_tokenizer", "load_lexicon", "load_stopwords",
           "rjieba_available", "tokenize"]
