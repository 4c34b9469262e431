"""Word clouds and charts with Chinese text (governance_kit.viz), on a machine without CJK system fonts."""
from __future__ import annotations

import warnings

import matplotlib
import pytest

import governance_kit as gk
from governance_kit import viz
from governance_kit.analysis import measures as analysis
from governance_kit.metrics import metrics_table

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def corpus():
    return gk.load_corpus()


def test_the_font_is_the_ofl_noto_file_not_simhei():
    path = viz.font_path()
    assert path.name == "NotoSansCJKsc-Regular.otf" and path.stat().st_size > 10_000_000
    assert viz.font_covers("基层治理网格员三治融合楓橋經驗") == []
    assert viz.font_covers("\U0001f600") == ["\U0001f600"]  # an emoji is not in the font: reported


def test_wordcloud_draws_only_characters_the_font_has(corpus, tmp_path):
    image = viz.wordcloud(corpus, top=120)
    assert image.size == (900, 540) and len(image.words) >= 100
    drawn = "".join(image.words)
    assert viz.font_covers(drawn) == []
    assert "基层治理" in image.words and not any(w.isdigit() for w in image.words)
    image.save(tmp_path / "词云.png")
    assert (tmp_path / "词云.png").stat().st_size > 10_000


def _texts(fig):
    return "".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))


def test_charts_render_chinese_without_missing_glyphs(corpus, tmp_path):
    rest = [d for d in corpus if d.doc_id != "sheyang_2023"]
    figures = {
        "heatmap": viz.profile_heatmap(gk.profile(corpus)),
        "keyness": viz.keyness_bars(analysis.keyness(corpus["sheyang_2023"], rest)),
        "network": viz.network(analysis.cooccurrence(corpus, min_count=4, graph=True)),
        "metric": viz.metric_bars(metrics_table(corpus), indicator="staff_per_grid"),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)" for every box
        for name, fig in figures.items():
            fig.savefig(tmp_path / f"{name}.png")
    for fig in figures.values():
        drawn = _texts(fig)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in drawn)
        assert viz.font_covers(drawn) == []
    assert "治理模式类别画像" in _texts(figures["heatmap"])


def test_matplotlib_settings_are_left_as_they_were(corpus):
    before = dict(matplotlib.rcParams)
    viz.keyness_bars(analysis.keyness(corpus["sheyang_2023"], [d for d in corpus if d.doc_id != "sheyang_2023"]))
    assert matplotlib.rcParams["font.family"] == before["font.family"]
    assert matplotlib.rcParams["font.sans-serif"] == before["font.sans-serif"]


def test_bad_arguments(corpus):
    with pytest.raises(ValueError, match="没有指标"):
        viz.metric_bars(metrics_table(corpus), indicator="nothing")
    with pytest.raises(ValueError, match="profile"):
        viz.profile_heatmap(metrics_table(corpus))
