"""One self-contained offline HTML report of a corpus: ``govkit report`` / ``make report``.

Per document: its metadata, the cleaning summary, codings with their evidence sentences, metrics and
places. Across documents: the category profile heatmap (fiction left out), the metrics table with
derived indicators, keywords, a word cloud and document similarity. Images are embedded as data
URIs and the CSS is inline: the file opens without a network. Personal data (phones, ID numbers,
bank cards, e-mail, contact names: :mod:`governance_kit.export.redaction`) is masked in every
document before anything is computed, so titles, authors, evidence, keywords and the word cloud
are all masked; the header says what was masked, by kind (``redact=False`` keeps it and says so).
"""
from __future__ import annotations

import base64
import html
import io
import sys
import time
from collections import Counter
from datetime import datetime

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.6}
h1{border-bottom:3px solid #c0392b;padding-bottom:.3em}h2{margin-top:2em;border-left:6px solid #c0392b;padding-left:.5em}
h3{margin-top:1.5em;color:#7b241c}table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:.9em}
th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f4f4f4}
.meta{color:#555}.note{color:#777;font-size:.9em}img{max-width:100%}details{margin:.5em 0}
"""


class _Progress:
    """A one-line progress bar on standard error (silent when ``stream`` is None)."""

    def __init__(self, total: int, stream):
        self.total, self.done, self.stream, self.start = total, 0, stream, time.perf_counter()

    def step(self, label: str) -> None:
        self.done += 1
        if self.stream is None:
            return
        filled = int(30 * self.done / self.total)
        elapsed = time.perf_counter() - self.start
        print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} {label}  {elapsed:.0f} 秒",
              end="" if self.done < self.total else "\n", file=self.stream, flush=True)


def _png(fig_or_image) -> str:
    buffer = io.BytesIO()
    if hasattr(fig_or_image, "savefig"):
        fig_or_image.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    else:
        fig_or_image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _table(frame, columns: dict[str, str], *, limit: int | None = None) -> str:
    if frame is None or len(frame) == 0:
        return '<p class="note">(无)</p>'
    rows = frame.head(limit) if limit else frame
    head = "".join(f"<th>{html.escape(label)}</th>" for label in columns.values())
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(row[c]))}</td>" for c in columns) + "</tr>"
                   for _, row in rows.iterrows())
    more = f'<p class="note">共 {len(frame)} 行,此处显示前 {limit} 行。</p>' if limit and len(frame) > limit else ""
    return f"<table><tr>{head}</tr>{body}</table>{more}"


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


def build_report(corpus, *, redact: bool = True, progress=True) -> str:
    """The report of ``corpus`` (a Corpus, a list of Documents, or a folder path) as one HTML string.

    ``progress``: True draws a progress bar on standard error, a stream draws it there, None or
    False draws none."""
    import matplotlib

    matplotlib.use("Agg")
    from .analysis import measures as analysis
    from . import viz
    from .codebook import code_patterns, load_codebook
    from .corpus import as_documents, load_corpus
    from .export.redaction import redact_document, summary
    from .metrics import extract_metrics, metrics_table
    from .places import extract_places
    from .analysis import profile

    if isinstance(corpus, (str, bytes)) or hasattr(corpus, "__fspath__"):
        corpus = load_corpus(corpus)
    docs = as_documents(corpus)
    if not docs:
        raise ValueError("报告需要至少一篇文档")
    stream = sys.stderr if progress is True else (progress or None)
    bar = _Progress(len(docs) + 6, stream)
    labels = load_codebook().categories
    masked = Counter()
    if redact:  # masks keep lengths: offsets, counts and measures are those of the original text
        docs = [redact_document(d, masked) for d in docs]
    privacy = f"个人信息已遮盖：{summary(masked)}" if redact else "个人信息未遮盖（生成时指定了 redact=False 或 --no-redact）"

    codings = code_patterns(docs)
    bar.step("编码与发现")
    sections = []
    for doc in docs:
        meta = doc.meta or {}
        own = codings[codings.doc_id == doc.doc_id].assign(
            category_label=lambda f: f.category.map(lambda c: labels.get(c, "") if isinstance(c, str) else ""))
        metrics = extract_metrics(doc)
        places = extract_places(doc).drop_duplicates("name")
        fiction = '<p class="note">体裁为小说:不计入案例比较。</p>' if meta.get("genre") == "fiction" else ""
        sections.append(f"""
<h3 id="{html.escape(doc.doc_id)}">{html.escape(meta.get('title') or doc.doc_id)}</h3>
<p class="meta">编号 {html.escape(doc.doc_id)} · 体裁 {html.escape(str(meta.get('genre') or '未知'))} · 日期 {html.escape(str(meta.get('date') or '未注明'))} · 作者 {html.escape('、'.join(meta.get('author') or []) or '未注明')} · {len(doc.text):,} 字</p>{fiction}
<p><b>清洗:</b>{html.escape(doc.cleaning.summary() if doc.cleaning else '')}</p>
<details open><summary><b>编码({len(own)} 处)</b></summary>{_table(own, {'name': '模式', 'category_label': '类别', 'source': '来源', 'match': '命中', 'sentence': '证据句'}, limit=40)}</details>
<details><summary><b>指标({len(metrics)} 项)</b></summary>{_table(metrics, {'quote': '原文', 'value': '数值', 'unit': '单位', 'qualifier': '限定', 'subject': '计数对象', 'sentence': '证据句'})}</details>
<details><summary><b>地名({len(places)} 个)</b></summary>{_table(places, {'name': '地名', 'level': '层级', 'parent': '上级', 'known': '在区划表中'})}</details>""")
        bar.step(doc.doc_id)

    prof = profile(docs, codings=codings)
    heat = f'<img alt="类别画像热图" src="{_png(viz.profile_heatmap(prof, corpus=docs))}">' if len(prof) else '<p class="note">(没有非小说文档)</p>'
    bar.step("类别画像")
    table = metrics_table(docs)
    derived = table[table.derived]
    bar.step("指标汇总")
    words = analysis.keywords(docs, top=10)
    keyword_rows = words.groupby("doc_id").term.apply(lambda t: "、".join(t)).reset_index()
    bar.step("关键词")
    cloud = f'<img alt="词云" src="{_png(viz.wordcloud(docs, top=120))}">'
    bar.step("词云")
    similarity = analysis.similarity(docs).round(2).reset_index().rename(columns={"index": "doc_id"})
    bar.step("相似度")

    toc = "".join(f'<li><a href="#{html.escape(d.doc_id)}">{html.escape((d.meta or {}).get("title") or d.doc_id)}</a></li>' for d in docs)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>基层治理语料分析报告</title><style>{_CSS}</style></head>
<body>
<h1>基层治理语料分析报告</h1>
<p class="meta">由 governance_kit 生成于 {datetime.now():%Y-%m-%d %H:%M} · {len(docs)} 篇文档 · {len(codings)} 处编码 · {privacy}</p>
<ul>{toc}</ul>
<h2>跨文档比较</h2>
<h3>类别画像(每万字出现次数,小说不计)</h3>{heat}
<h3>派生指标(由抽取的数值计算)</h3>{_table(derived, {'doc_id': '文档', 'place': '地点', 'label': '指标', 'value': '数值', 'unit': '单位', 'formula': '算式'})}
<h3>关键词(TF-IDF 前 10)</h3>{_table(keyword_rows, {'doc_id': '文档', 'term': '关键词'})}
<h3>词云</h3>{cloud}
<h3>文档相似度(TF-IDF 余弦)</h3>{_table(similarity, {c: c for c in similarity.columns})}
<h2>逐篇结果</h2>{''.join(sections)}
</body></html>
"""
