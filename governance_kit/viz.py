"""Word clouds and charts with Chinese text that render on any machine, offline.

The font is Noto Sans CJK SC (SIL Open Font License 1.1), the file the PyPI package ``mplfonts``
ships (``mplfonts/fonts/NotoSansCJKsc-Regular.otf``); the kit only reads that file — it never runs
``mplfonts init`` and never uses the package's SimHei, whose file carries no licence. The font is
registered with matplotlib's font manager for this process and every chart sets it through its own
``rc_context``: the user's matplotlib settings are not changed.

Charts: :func:`profile_heatmap` (categories × documents), :func:`keyness_bars`, :func:`metric_bars`,
:func:`network` (co-occurrence graph); :func:`wordcloud` draws the kit's words. Each returns a
matplotlib Figure (the word cloud: a PIL image); :func:`font_covers` tells whether the font has a
glyph for every character of a text.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

FONT_FILE = "NotoSansCJKsc-Regular.otf"
FONT_NAME = "Noto Sans CJK SC"


def font_path() -> Path:
    """The bundled-by-dependency CJK font file (Noto Sans CJK SC, OFL)."""
    spec = importlib.util.find_spec("mplfonts")  # locate the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("需要安装 mplfonts(提供开源中文字体 Noto Sans CJK SC):pip install mplfonts")
    path = Path(list(spec.submodule_search_locations)[0]) / "fonts" / FONT_FILE
    if not path.exists():
        raise FileNotFoundError(f"找不到中文字体文件 {path}")
    return path


@lru_cache(maxsize=1)
def _registered() -> str:
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font_path()))
    return FONT_NAME


@lru_cache(maxsize=1)
def _cmap() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(font_path()), lazy=True) as font:
        return frozenset(font.getBestCmap())


def font_covers(text: str) -> list[str]:
    """The characters of ``text`` (whitespace aside) that the font has no glyph for; empty when it covers all."""
    cmap = _cmap()
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})


def _style():
    import matplotlib as mpl

    # the font's own name, not the generic "sans-serif": texts keep it when drawn after the context ends
    return mpl.rc_context({"font.family": [_registered(), "DejaVu Sans"], "axes.unicode_minus": False})


def wordcloud(doc_or_corpus, *, top: int = 150, width: int = 900, height: int = 540, seed: int = 0):
    """A word cloud of the kit's words (no stopwords, numbers or Latin fragments) as a PIL image;
    ``image.words`` holds the words drawn with their frequencies. Words from garbled text the cleaner
    could only partly repair are left out (see :func:`chart_words`)."""
    from collections import Counter

    from wordcloud import WordCloud

    from .analysis import documents_of

    counts = Counter(w for d in documents_of(doc_or_corpus, "wordcloud") for w in chart_words(d))
    if not counts:
        raise ValueError("wordcloud：没有可画的词语")
    cloud = WordCloud(font_path=str(font_path()), width=width, height=height, background_color="white",
                      max_words=top, random_state=seed, prefer_horizontal=0.95)
    cloud.generate_from_frequencies(dict(counts.most_common(top)))
    image = cloud.to_image()
    image.words = {word: counts[word] for (word, _), *_ in cloud.layout_}
    return image


_GARBLE_KINDS = ("repaired", "flagged", "lost_char")


def _garbled_spans(doc) -> list[tuple[int, int]]:
    """Spans of ``doc.text`` that were garbled: repaired or flagged by the cleaner (its report), or,
    for a text that was never cleaned, found by :func:`governance_kit.clean.garble.find_and_repair`."""
    report = getattr(doc, "cleaning", None)
    if report is not None:
        return [(c.clean_start, c.clean_end) for c in getattr(report, "changes", [])
                if c.kind in _GARBLE_KINDS and c.clean_start is not None]
    from .clean.garble import find_and_repair

    return [(f.start, f.end) for f in find_and_repair(doc.text)]


def chart_words(doc) -> list[str]:
    """The kit's words of ``doc`` for a chart: a word inside a garbled span (a repair can leave
    nonsense such as “提尚磊” in place) counts only if it is a common dictionary word or also occurs
    in the undamaged text; everything else is the tokenizer's ``words()``."""
    from .tokens import default_tokenizer
    from .tokens.dictionary import common_words

    spans = _garbled_spans(doc)
    words = default_tokenizer().word_spans(doc.text)
    if not spans:
        return [w for w, _, _ in words]

    def damaged(start: int, end: int) -> bool:
        return any(start < b and a < end for a, b in spans)

    sound = {w for w, a, b in words if not damaged(a, b)}
    common = common_words()
    return [w for w, a, b in words if not damaged(a, b) or w in sound or w in common]


def profile_heatmap(profile, *, corpus=None):
    """Categories × documents heatmap of ``gk.profile(...)`` (its ``<category>_per_10k`` columns).

    The documents are labelled by place (see :func:`place_labels`) when ``corpus`` (or any documents
    with ``meta['place']``) is given, else by ``doc_id``."""
    import matplotlib.pyplot as plt

    from .codebook import load_codebook

    rates = profile.filter(like="_per_10k")
    if rates.empty:
        raise ValueError("profile_heatmap 需要 gk.profile(...) 的结果（含 <类别>_per_10k 列）")
    table = rates.T
    table.index = [str(i).removesuffix("_per_10k") for i in table.index]
    labels = load_codebook().categories
    names = place_labels(corpus, [str(c) for c in table.columns]) if corpus is not None else {}
    with _style():
        fig, ax = plt.subplots(figsize=(1.6 + 1.3 * table.shape[1], 0.45 * table.shape[0] + 1.5))
        im = ax.imshow(table.values, cmap="YlOrRd", aspect="auto")
        ax.set_xticks(range(table.shape[1]), [names.get(str(c), str(c)) for c in table.columns],
                      rotation=30, ha="right")
        ax.set_yticks(range(table.shape[0]), [labels.get(str(i), str(i)) for i in table.index])
        ax.set_title("治理模式类别画像（每万字出现次数）")
        fig.colorbar(im, ax=ax, shrink=0.8)
        fig.tight_layout()
    plt.close(fig)
    return fig


def place_labels(corpus, doc_ids) -> dict[str, str]:
    """doc_id → a place name for a chart axis: the document's ``meta['place']`` (the first place and
    “等 N 地” when it names several), else the place it mentions most; the ``doc_id`` itself when
    neither is known. Two documents of the same place keep their ``doc_id`` in brackets."""
    from .corpus import as_documents
    from .places import places_in_text

    docs = {d.doc_id: d for d in as_documents(corpus)}
    out = {}
    for doc_id in doc_ids:
        doc = docs.get(doc_id)
        listed = list((doc.meta or {}).get("place") or []) if doc is not None else []
        if not listed and doc is not None:
            counts: dict[str, int] = {}
            for p in places_in_text(doc.text):
                if p.known:
                    counts[p.name] = counts.get(p.name, 0) + 1
            listed = [max(counts, key=counts.get)] if counts else []
        out[doc_id] = (listed[0] + (f"等 {len(listed)} 地" if len(listed) > 1 else "")) if listed else doc_id
    seen = [v for v in out.values()]
    return {k: (f"{v}（{k}）" if seen.count(v) > 1 and v != k else v) for k, v in out.items()}


def keyness_bars(keyness, *, top: int = 20, title: str = "关键词(对数似然 G²)"):
    """Horizontal bars of the ``top`` terms of :func:`governance_kit.analysis.keyness`."""
    import matplotlib.pyplot as plt

    rows = keyness.head(top).iloc[::-1]
    with _style():
        fig, ax = plt.subplots(figsize=(7, 0.32 * len(rows) + 1.2))
        ax.barh(rows.term, rows.score, color="#c0392b")
        ax.set_xlabel("得分")
        ax.set_title(title)
        fig.tight_layout()
    plt.close(fig)
    return fig


def metric_bars(table, *, indicator: str, title: str | None = None):
    """Bars comparing one indicator of :func:`governance_kit.metrics.metrics_table` across documents."""
    import matplotlib.pyplot as plt

    rows = table[table.indicator == indicator]
    if rows.empty:
        raise ValueError(f"metric_bars:表中没有指标 {indicator!r}")
    labels = [f"{p or d}" for d, p in zip(rows.doc_id, rows.place)]
    with _style():
        fig, ax = plt.subplots(figsize=(1.2 * len(rows) + 2.5, 3.6))
        ax.bar(labels, rows.value, color="#2e86c1")
        ax.set_ylabel(str(rows.unit.iloc[0]))
        ax.set_title(title or str(rows.label.iloc[0]))
        fig.tight_layout()
    plt.close(fig)
    return fig


def network(graph, *, top: int = 40, seed: int = 0, title: str = "共现网络"):
    """The ``top`` heaviest edges of a co-occurrence graph (``analysis.cooccurrence(..., graph=True)``)."""
    import matplotlib.pyplot as plt
    import networkx as nx

    edges = sorted(graph.edges(data="weight"), key=lambda e: -e[2])[:top]
    sub = nx.Graph()
    sub.add_weighted_edges_from(edges)
    with _style():
        fig, ax = plt.subplots(figsize=(8, 6))
        if sub.number_of_nodes():
            pos = nx.spring_layout(sub, seed=seed, weight="weight")
            widths = [0.5 + 3 * w / max(w for *_, w in edges) for *_, w in edges]
            nx.draw_networkx_edges(sub, pos, ax=ax, width=widths, alpha=0.5)
            nx.draw_networkx_nodes(sub, pos, ax=ax, node_size=300, node_color="#f5b041")
            nx.draw_networkx_labels(sub, pos, ax=ax, font_family=_registered(), font_size=10)
        ax.set_title(title)
        ax.axis("off")
        fig.tight_layout()
    plt.close(fig)
    return fig
