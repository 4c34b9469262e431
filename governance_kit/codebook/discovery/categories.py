"""A category for a discovered name that no cue word inside it places: the codebook's nearest category.

:mod:`governance_kit.codebook.discovery` places a name by a cue word inside it (调解室 → dispute_resolution).
Names made of ordinary words (收支上桥, 黑土托管, 冷暖一键通) carry none; for those the codebook
itself is the training material: every pattern's name, aliases, cue wording, definition and example,
labelled with its category, plus each category's label and definition. A character 1–2-gram TF-IDF
with a complement naive Bayes classifier (scikit-learn) reads the name and its sentence and returns
the most likely category; discovery adds its category cue words as one more training text per
category. Measured on the names found in held-out set 5 (tests/data, written after the cue lists were
last tuned): cue words in the sentence placed 10 of 20 right, this classifier 15.

>>> guess_categories([("收支上桥", "每月初把收支账目贴在桥头公示,接受村民监督。")])
['transparency_supervision']
"""
from __future__ import annotations

import re
import threading
import weakref

from ..model import as_codebook

_NON_HAN = re.compile(r"[^\u3400-\u9fff]+")
_NAME_WEIGHT = 3  # a pattern's name counts three times in its training text
_ALPHA = 0.1      # smoothing; 0.1 placed 63 of 80 unplaced names right in held-out sets 1–6, 0.3 placed 60
_MODELS: dict[int, tuple] = {}  # id(codebook) -> (weak reference, model); a Codebook is not hashable
_LOCK = threading.Lock()


def _training(codebook, cue_words=()) -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for p in codebook.patterns:
        cue_text = " ".join(_NON_HAN.sub(" ", c) for c in p.cues)  # the literal parts of the regexes
        texts.append(" ".join([p.name] * _NAME_WEIGHT + list(p.aliases) * 2 + [cue_text, p.description, p.example]))
        labels.append(p.category)
    definitions = codebook.category_definitions
    for key, label in codebook.categories.items():
        texts.append(" ".join([label] * _NAME_WEIGHT + [definitions.get(key, "")]))
        labels.append(key)
    for key, words in cue_words:  # discovery's cue words of each category, one document per category
        texts.append(" ".join(words))
        labels.append(key)
    return texts, labels


def _model(codebook, cue_words=()):
    with _LOCK:
        ref, words, model = _MODELS.get(id(codebook), (None, None, None))
        if ref is None or ref() is not codebook or words != cue_words:
            from sklearn.feature_extraction.text import TfidfVectorizer
            from sklearn.naive_bayes import ComplementNB
            from sklearn.pipeline import make_pipeline

            texts, labels = _training(codebook, cue_words)
            model = make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True),
                                  ComplementNB(alpha=_ALPHA))
            model.fit(texts, labels)
            key = id(codebook)
            _MODELS[key] = (weakref.ref(codebook, lambda _, key=key: _MODELS.pop(key, None)), cue_words, model)
        return model


def guess_categories(items, codebook=None, cue_words=None) -> list[str]:
    """The likeliest category key for each ``(name, sentence)`` pair.

    ``codebook``: the training material (default: the bundled codebook); ``cue_words``: optional
    ``{category: [word, …]}`` added as one more training text per category (discovery passes its
    category cue words).
    """
    items = list(items)
    if not items:
        return []
    words = tuple((k, tuple(v)) for k, v in (cue_words or {}).items())
    model = _model(as_codebook(codebook), words)
    queries = [name + " " + sentence for name, sentence in items]
    return [str(c) for c in model.predict(queries)]
