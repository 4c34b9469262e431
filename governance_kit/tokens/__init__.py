"""Stage 4, text → words and sentences: the tokenizer (jieba with the kit's lexicon and stopwords, or
the identical rjieba engine) and sentence spans."""
from .tokenizer import ENGINES, Tokenizer, default_tokenizer, load_lexicon, load_stopwords, rjieba_available, tokenize

__all__ = ["ENGINES", "Tokenizer", "default_tokenizer", "load_lexicon", "load_stopwords", "rjieba_available",
           "tokenize"]
