"""governance_kit — 基层治理研习工具箱.

Read, clean, code and measure Chinese grassroots-governance texts; design and simulate grid and
deliberation systems. Heavy libraries (jieba, OpenCC, pandas, lxml …) load on first use, so
``import governance_kit`` stays fast.

>>> import governance_kit as gk
>>> corpus = gk.load_corpus()            # doctest: +SKIP
>>> gk.clean_text("實(shí)現(xiàn)").text
'实现'
"""
from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

# public name -> module that defines it
_API = {
    "read_document": "corpus",
    "load_corpus": "corpus",
    "Document": "corpus",
    "Corpus": "corpus",
    "LoadError": "corpus",
    "clean_text": "clean",
    "CleanResult": "clean",
    "CleanReport": "clean",
    "to_simplified": "clean.convert",
    "load_rules": "clean.boilerplate",
    "tokenize": "tokens",
    "Tokenizer": "tokens",
    "default_tokenizer": "tokens",
    "discover": "codebook.discovery",
    "code_patterns": "codebook",
    "load_codebook": "codebook",
    "Codebook": "codebook",
    "Pattern": "codebook",
    "profile": "analysis",
    "extract_metrics": "metrics",
    "metrics_table": "metrics",
    "extract_places": "places",
    "dtm": "analysis",
    "keywords": "analysis",
    "keyness": "analysis",
    "kwic": "analysis",
    "cooccurrence": "analysis",
    "similarity": "analysis",
    "redact": "export",
    "to_csv": "export",
    "to_excel": "export",
    "to_parquet": "export",
    "parse_number": "metrics",
    "default_rules": "clean.boilerplate",
    "ReadError": "errors",
    "run_pipeline": "pipeline",
    "PipelineResult": "pipeline",
    "bundled_corpus_dir": "corpus",
}
# subpackages and modules reachable as attributes (gk.viz.wordcloud(...), gk.design.grid.plan(...))
_MODULES = {"viz", "design", "course", "scale"}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str):
    if name in _MODULES:
        value = import_module(f".{name}", __name__)
        globals()[name] = value
        return value
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'governance_kit' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API) | _MODULES)
