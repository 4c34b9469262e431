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
    ``image.words`` holds the words drawn with their frequencies."""
    from collections import Counter

    from wordcloud import WordCloud

    from .analysis import documents_of, words_of

    counts = Counter(w for d in documents_of(doc_or_corpus, "wordcloud") for w in words_of(d.text))
    if not counts:
        raise ValueError("wordcloud:没有可画的词语")
    cloud = WordCloud(font_path=str(font_path()), width=width, height=height, background_color="white",
                      max_words=top, random_state=seed, prefer_horizontal=0.95)
    cloud.generate_from_frequencies(dict(counts.most_common(top)))
    image = cloud.to_image()
    image.words = {word: counts[word] for (word, _), *_ in cloud.layout_}
    return image


def profile_heatmap(profile):
    """Categories × documents heatmap of ``gk.profile(...)`` (its ``<category>_per_10k`` columns)."""
    import matplotlib.pyplot as plt

    from .codebook import load_codebook

    rates = profile.filter(like="_per_10k")
    if rates.empty:
        raise ValueError("profile_heatmap 需要 gk.profile(...) 的结果(含 <类别>_per_10k 列)")
    table = rates.T
    table.index = [str(i).removesuffix("_per_10k") for i in table.index]
    labels = load_codebook().categories
    with _style():
        fig, ax = plt.subplots(figsize=(1.6 + 1.3 * table.shape[1], 0.45 * table.shape[0] + 1.5))
        im = ax.imshow(table.values, cmap="YlOrRd", aspect="auto")
        ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=30, ha="right")
        ax.set_yticks(range(table.shape[0]), [labels.get(str(i), str(i)) for i in table.index])
        ax.set_title("治理模式类别画像(每万字出现次数)")
        fig.colorbar(im, ax=ax, shrink=0.8)
        fig.tight_layout()
    plt.close(fig)
    return fig


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
