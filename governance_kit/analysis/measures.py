"""A researcher's text-analysis verbs on Chinese governance texts: document-term matrix, keywords,
keyness, KWIC, co-occurrence and similarity.

Every verb segments with the kit's tokenizer (:class:`governance_kit.tokens.Tokenizer`, governance
lexicon, ``words()``: no stopwords, punctuation, bare numbers or pinyin fragments), so 三治融合 and
网格员 stay whole and no keyword is a number. Each takes a Document, a Corpus, a list of Documents or
a string (cleaned first) and returns a pandas DataFrame; formulas are in the docstrings.

>>> kwic("推行网格化管理,网格员每日巡查。", "网格员", window=4)[["left", "match", "right"]].values.tolist()
[['化管理,', '网格员', '每日巡查']]
"""
from __future__ import annotations

import math
import re
from collections import Counter

from ..errors import check_choice
from .inputs import documents_of, words_of

_MEASURES = ("g2", "chi2", "log_ratio")
_METHODS = ("tfidf", "textrank")


_words = words_of  # its name before ``words_of`` was public; tests use it


def dtm(doc_or_corpus, *, min_df: int = 1):
    """The document-term matrix: ``(matrix, vocabulary, doc_ids)``; ``matrix[i, j]`` counts term
    ``vocabulary[j]`` in document ``doc_ids[i]`` (a SciPy CSR matrix, scikit-learn's CountVectorizer
    over the kit's words). Terms in fewer than ``min_df`` documents are left out."""
    from sklearn.feature_extraction.text import CountVectorizer

    if not isinstance(min_df, int) or isinstance(min_df, bool) or min_df < 1:
        raise ValueError(f"min_df 应为不小于 1 的整数,收到的是 {min_df!r}")
    docs = documents_of(doc_or_corpus, "dtm")
    vectorizer = CountVectorizer(analyzer=words_of, min_df=min_df)
    matrix = vectorizer.fit_transform([d.text for d in docs])
    return matrix, list(vectorizer.get_feature_names_out()), [d.doc_id for d in docs]


def keywords(doc_or_corpus, *, method: str = "tfidf", top: int = 20):
    """The ``top`` keywords of each document: ``doc_id, rank, term, score``.

    ``tfidf``: tf(t, d) · (ln((1 + n) / (1 + df(t))) + 1), the counts normalised to unit length per
    document (scikit-learn's smooth idf, over the documents given: pass a corpus for meaningful idf).
    ``textrank``: PageRank (damping 0.85, 50 iterations) on the graph linking words that occur
    within 5 words of each other in a sentence; score = the word's rank.
    """
    check_choice("method", method, _METHODS)
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise ValueError(f"top 应为正整数,收到的是 {top!r}")
    import pandas as pd

    docs = documents_of(doc_or_corpus, "keywords")
    rows = []
    if method == "tfidf":
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(analyzer=words_of)
        matrix = vectorizer.fit_transform([d.text for d in docs])
        terms = vectorizer.get_feature_names_out()
        for i, doc in enumerate(docs):
            row = matrix.getrow(i)
            order = sorted(zip(row.data, row.indices), key=lambda t: (-t[0], terms[t[1]]))[:top]
            rows += [(doc.doc_id, k + 1, str(terms[j]), float(score)) for k, (score, j) in enumerate(order)]
    else:
        for doc in docs:
            ranked = _textrank(doc.text)[:top]
            rows += [(doc.doc_id, k + 1, term, score) for k, (term, score) in enumerate(ranked)]
    return pd.DataFrame(rows, columns=["doc_id", "rank", "term", "score"])


def _textrank(text: str, window: int = 5, damping: float = 0.85, iterations: int = 50):
    from ..tokens.sentences import sentence_spans

    neighbours: dict[str, Counter] = {}
    for a, b in sentence_spans(text):
        words = words_of(text[a:b])
        for i, w in enumerate(words):
            for v in words[i + 1:i + window]:
                if v != w:
                    neighbours.setdefault(w, Counter())[v] += 1
                    neighbours.setdefault(v, Counter())[w] += 1
    if not neighbours:
        return []
    rank = {w: 1.0 for w in neighbours}
    weight = {w: sum(c.values()) for w, c in neighbours.items()}
    for _ in range(iterations):
        rank = {w: (1 - damping) + damping * sum(rank[v] * n / weight[v] for v, n in neighbours[w].items())
                for w in neighbours}
    return sorted(rank.items(), key=lambda t: (-t[1], t[0]))


def keyness(target, reference, *, measure: str = "g2", min_count: int = 3):
    """Words over-used in ``target`` against ``reference``: ``term, target_count, reference_count,
    target_per_10k, reference_per_10k, score``, highest score first.

    With a, b the term's counts and c, d the total words of target and reference, E1 = c(a+b)/(c+d),
    E2 = d(a+b)/(c+d):
    ``g2`` (log-likelihood, Dunning 1993) = 2·(a·ln(a/E1) + b·ln(b/E2)), signed negative when the term
    is under-used in the target; ``chi2`` = (a−E1)²/E1 + (b−E2)²/E2, signed the same way;
    ``log_ratio`` (Hardie 2014) = log2((a/c) / (b/d)), with 0.5 added to a zero count.
    Terms seen fewer than ``min_count`` times in both texts together are left out.
    """
    check_choice("measure", measure, _MEASURES)
    import pandas as pd

    a_counts = Counter(w for d in documents_of(target, "keyness(target)") for w in words_of(d.text))
    b_counts = Counter(w for d in documents_of(reference, "keyness(reference)") for w in words_of(d.text))
    c, d = sum(a_counts.values()), sum(b_counts.values())
    if not c or not d:
        raise ValueError("keyness:目标文本或参照文本没有可统计的词语")
    rows = []
    for term in set(a_counts) | set(b_counts):
        a, b = a_counts[term], b_counts[term]
        if a + b < min_count:
            continue
        e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
        sign = 1.0 if a / c >= b / d else -1.0
        if measure == "g2":
            score = 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2)) if o > 0) * sign
        elif measure == "chi2":
            score = ((a - e1) ** 2 / e1 + (b - e2) ** 2 / e2) * sign
        else:
            score = math.log2(((a or 0.5) / c) / ((b or 0.5) / d))
        rows.append((term, a, b, a / c * 10_000, b / d * 10_000, score))
    df = pd.DataFrame(rows, columns=["term", "target_count", "reference_count", "target_per_10k",
                                     "reference_per_10k", "score"])
    return df.sort_values(["score", "term"], ascending=[False, True], ignore_index=True)


def kwic(doc_or_corpus, pattern: str, *, window: int = 10, regex: bool = False):
    """Keyword in context: ``doc_id, left, match, right, start, end`` for every occurrence of
    ``pattern`` (a literal string, or a regular expression with ``regex=True``) in the clean text;
    ``window`` characters each side. ``doc.text[start:end] == match``."""
    if not isinstance(pattern, str) or not pattern:
        raise ValueError("kwic 需要非空的检索词")
    if not isinstance(window, int) or isinstance(window, bool) or window < 0:
        raise ValueError(f"window 应为不小于 0 的整数,收到的是 {window!r}")
    try:
        compiled = re.compile(pattern if regex else re.escape(pattern))
    except re.error as exc:
        raise ValueError(f"检索式不是有效的正则表达式:{exc}") from None
    import pandas as pd

    rows = []
    for doc in documents_of(doc_or_corpus, "kwic"):
        text = doc.text
        for m in compiled.finditer(text):
            if m.end() == m.start():
                continue
            rows.append((doc.doc_id, text[max(0, m.start() - window):m.start()], m.group(),
                         text[m.end():m.end() + window], m.start(), m.end()))
    return pd.DataFrame(rows, columns=["doc_id", "left", "match", "right", "start", "end"])


def cooccurrence(doc_or_corpus, *, window="sentence", min_count: int = 2, graph: bool = False):
    """How often two words occur together: ``term_a, term_b, count`` with both orders listed
    (the table is symmetric), highest first; ``graph=True`` returns a networkx Graph instead (edge
    attribute ``weight``).

    ``window="sentence"``: each pair of distinct words in a sentence counts once per sentence;
    an int n: each pair within n words of each other counts once per occurrence.
    """
    if window != "sentence" and (not isinstance(window, int) or isinstance(window, bool) or window < 1):
        raise ValueError(f"window 应为 \"sentence\" 或正整数,收到的是 {window!r}")
    if not isinstance(min_count, int) or isinstance(min_count, bool) or min_count < 1:
        raise ValueError(f"min_count 应为正整数,收到的是 {min_count!r}")
    from ..tokens.sentences import sentence_spans

    counts: Counter = Counter()
    for doc in documents_of(doc_or_corpus, "cooccurrence"):
        for a, b in sentence_spans(doc.text):
            words = words_of(doc.text[a:b])
            if window == "sentence":
                unique = sorted(set(words))
                counts.update((x, y) for i, x in enumerate(unique) for y in unique[i + 1:])
            else:
                for i, x in enumerate(words):
                    for y in words[i + 1:i + 1 + window]:
                        if x != y:
                            counts[tuple(sorted((x, y)))] += 1
    pairs = [(x, y, n) for (x, y), n in counts.items() if n >= min_count]
    if graph:
        import networkx as nx

        g = nx.Graph()
        g.add_weighted_edges_from(pairs)
        return g
    import pandas as pd

    rows = pairs + [(y, x, n) for x, y, n in pairs]
    df = pd.DataFrame(rows, columns=["term_a", "term_b", "count"])
    return df.sort_values(["count", "term_a", "term_b"], ascending=[False, True, True], ignore_index=True)


def similarity(doc_or_corpus):
    """Cosine similarity of the documents' TF-IDF vectors (scikit-learn; idf as in :func:`keywords`):
    a square DataFrame indexed and labelled by ``doc_id``, 1 on the diagonal."""
    import pandas as pd
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    docs = documents_of(doc_or_corpus, "similarity")
    matrix = TfidfVectorizer(analyzer=words_of).fit_transform([d.text for d in docs])
    ids = [d.doc_id for d in docs]
    return pd.DataFrame(cosine_similarity(matrix), index=ids, columns=ids)
