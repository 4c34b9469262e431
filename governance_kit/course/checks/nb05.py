"""Checks for notebook 05, “比较研究方法”: one function per exercise, hints in Chinese.

Expected values are computed from the bundled corpus with the kit (``gk.keyness``, ``gk.kwic``,
``gk.cooccurrence``, ``gk.extract_places``, ``gk.extract_metrics``), never written in here; the
constants below only restate what each exercise asks for.
"""
from __future__ import annotations

import math
import numbers
from functools import lru_cache

from ..feedback import exercise

TARGET = "gaoqiao_2024"  # 5.1: the place read against the rest of the cases
TOP = 20  # 5.1: how many of the top terms must agree
KWIC_DOCS = ("sheyang_2023", "jiangsu_2019")  # 5.2: the two documents searched
KWIC_TERM = "网格"
PARTY_TERM = "党建"  # 5.3: the word whose partners are listed
MIN_PAIR = 3  # 5.3: at least this many shared sentences
EVIDENCE_KEYS = ("genre", "top_term", "places", "n_metrics")  # 5.4


@lru_cache(maxsize=1)
def _corpus():
    import governance_kit as gk

    return gk.load_corpus()


def _novel():
    """The document that must not be cited as a case: the fiction the corpus holds."""
    corpus = _corpus()
    return next(d for d in corpus if d.doc_id not in corpus.cases().ids)


def _without(docs, doc_id):
    return [d for d in docs if d.doc_id != doc_id]


def _is_frame(ex, value, name, columns):
    ex.answered(value, name)
    ex.columns(value, columns, name)


# --- 5.1 keyness -----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _keyness():
    import governance_kit as gk

    corpus = _corpus()
    return gk.keyness(corpus[TARGET], _without(corpus.cases(), TARGET))


def _head(frame, n=TOP):
    return [(str(t), int(a), int(b)) for t, a, b in
            frame[["term", "target_count", "reference_count"]].head(n).itertuples(index=False)]


def _counts(frame) -> dict[str, tuple[int, int]]:
    return {str(t): (int(a), int(b)) for t, a, b in
            frame[["term", "target_count", "reference_count"]].itertuples(index=False)}


def _mistake(mine: dict, right: dict) -> str | None:
    """Which wrong call made ``mine``, judged from the counts of the terms both tables list: target
    and reference swapped, the target inside the reference, the novel inside it, or another measure."""
    common = [t for t in mine if t in right]
    if not common:
        return None
    pairs = [(mine[t], right[t]) for t in common]
    if all(m == (r[1], r[0]) for m, r in pairs):
        return "swapped"
    if all(m[0] != r[0] for m, r in pairs):
        return None
    if all(m[0] == r[0] for m, r in pairs):
        if all(m[1] == r[0] + r[1] for m, r in pairs):
            return "self"
        if all(m[1] >= r[0] + r[1] for m, r in pairs) and any(m[1] > r[0] + r[1] for m, r in pairs):
            return "corpus"
        if all(m[1] >= r[1] for m, r in pairs) and any(m[1] > r[1] for m, r in pairs):
            return "novel"
        if all(m == r for m, r in pairs):
            return "order"
    return None


HINTS_5_1 = {
    "swapped": "目标和参照颠倒了：第一个参数是高桥这一篇 corpus[\"gaoqiao_2024\"]，第二个参数才是其余案例。",
    "self": "参照语料里包括了高桥自己：从 corpus.cases() 中去掉 gaoqiao_2024，"
            "例如 [d for d in corpus.cases() if d.doc_id != \"gaoqiao_2024\"]。",
    "corpus": "参照语料用了整个语料：其中既有高桥自己，又有小说。应是 corpus.cases() 中除高桥以外的文档。",
    "novel": "参照语料里混进了小说 qingzhou_novel：从 corpus.cases() 出发取“其余案例”，不要从 corpus 出发。",
    "order": "词频都对，但排序不同：用默认的对数似然 G²（不要传 measure 参数），也不要重新排序。",
}


def ex1(gaoqiao_key):
    """5.1: the keyness of the Gaoqiao report against the other cases."""
    with exercise("5.1", later="整张表（包括分数）与 gk.keyness 的结果一致") as ex:
        _is_frame(ex, gaoqiao_key, "gaoqiao_key", ["term", "target_count", "reference_count", "score"])
        if len(gaoqiao_key) < TOP:
            ex.fail(f"表只有 {len(gaoqiao_key)} 行：请保存 gk.keyness 返回的整张表，不要只取前几行。")
        right = _keyness()
        if _head(gaoqiao_key) == _head(right):
            return
        mistake = _mistake(_counts(gaoqiao_key), _counts(right))
        if mistake:
            ex.fail(HINTS_5_1[mistake])
        ex.fail("排在前面的词与预期不一致：用 gk.keyness(corpus[\"gaoqiao_2024\"], rest)，"
                "rest 是 corpus.cases() 中除高桥以外的文档，其余参数用默认值，也不要重新排序。")


def ex1_hidden(gaoqiao_key):
    """5.1, stricter: the whole table, scores included."""
    with exercise("5.1") as ex:
        _is_frame(ex, gaoqiao_key, "gaoqiao_key", ["term", "target_count", "reference_count", "score"])
        expected = _keyness()
        ex.equal(len(gaoqiao_key), len(expected), "行数与 gk.keyness 的完整结果不一致：不要筛选或截取，min_count 用默认值。")
        ex.equal(list(gaoqiao_key["term"]), list(expected["term"]), "词的顺序与 gk.keyness 的结果不一致：不要重新排序。")
        for have, want in zip(gaoqiao_key["score"], expected["score"]):
            ex.that(math.isclose(float(have), float(want), rel_tol=1e-6, abs_tol=1e-9),
                    "score 列与对数似然 G² 的结果不一致：measure 用默认值，不要修改分数。")


# --- 5.2 KWIC --------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _kwic():
    import governance_kit as gk

    corpus = _corpus()
    return gk.kwic([corpus[d] for d in KWIC_DOCS], KWIC_TERM)


def ex2(grid_lines):
    """5.2: every occurrence of 网格 in the Sheyang and the Jiangsu documents, in context."""
    with exercise("5.2") as ex:
        _is_frame(ex, grid_lines, "grid_lines", ["doc_id", "left", "match", "right", "start"])
        docs = set(map(str, grid_lines["doc_id"]))
        extra = sorted(docs - set(KWIC_DOCS))
        if extra:
            ex.fail(f"结果里有其他文档（{'、'.join(extra)}）：只把射阳和江苏两篇放进列表，"
                    f"[corpus[\"{KWIC_DOCS[0]}\"], corpus[\"{KWIC_DOCS[1]}\"]]，再传给 gk.kwic。")
        missing = [d for d in KWIC_DOCS if d not in docs]
        if missing:
            ex.fail(f"结果里没有 {'、'.join(missing)}：两篇都要检索，把两篇放进一个列表传给 gk.kwic。")
        matches = sorted(set(map(str, grid_lines["match"])) - {KWIC_TERM})
        if matches:
            ex.fail(f"match 列里有“{matches[0]}”：检索词就写“{KWIC_TERM}”两个字，不要加字，也不要用正则表达式。")
        expected = _kwic()
        want = set(zip(expected["doc_id"], expected["start"]))
        got = set(zip(map(str, grid_lines["doc_id"]), map(int, grid_lines["start"])))
        if len(got) < len(want):
            ex.fail(f"少了 {len(want - got)} 处：gk.kwic 会找出每一处“{KWIC_TERM}”（包括“网格员”“网格化”里的），"
                    "请保存它返回的整张表，不要再筛选。")
        ex.equal(len(grid_lines), len(expected), "行数与 gk.kwic 的结果不一致：每处出现只应有一行，不要把表拼接两遍。")


# --- 5.3 co-occurrence -----------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _partners(with_novel: bool = False) -> dict[str, int]:
    """Words sharing at least MIN_PAIR sentences with PARTY_TERM in the cases (or the whole corpus)."""
    import governance_kit as gk

    corpus = _corpus()
    co = gk.cooccurrence(corpus if with_novel else corpus.cases())
    rows = co[(co["term_a"] == PARTY_TERM) & (co["count"] >= MIN_PAIR)]
    return dict(zip(rows["term_b"], rows["count"]))


def _pairs(ex, party_pairs) -> list[tuple[str, int]]:
    _is_frame(ex, party_pairs, "party_pairs", ["term_a", "term_b", "count"])
    if party_pairs.empty:
        ex.fail(f"表是空的：筛选条件什么也没选中。试试 co[(co[\"term_a\"] == \"{PARTY_TERM}\") & (co[\"count\"] >= {MIN_PAIR})]。")
    out = []
    for a, b, n in party_pairs[["term_a", "term_b", "count"]].itertuples(index=False):
        if a != PARTY_TERM and b != PARTY_TERM:
            ex.fail(f"有的行与“{PARTY_TERM}”无关（如 {a}—{b}）：筛选 term_a == \"{PARTY_TERM}\" 的行。")
        out.append((b if a == PARTY_TERM else a, int(n)))
    if min(n for _, n in out) < MIN_PAIR:
        ex.fail(f"还有 count 小于 {MIN_PAIR} 的行：再加一个条件 co[\"count\"] >= {MIN_PAIR}。")
    words = [w for w, _ in out]
    if len(words) != len(set(words)):
        ex.fail(f"同一对词出现了两次：表是对称的（甲—乙 和 乙—甲 各一行），只按 term_a == \"{PARTY_TERM}\" 筛选即可。")
    return out


def ex3(party_pairs):
    """5.3: the words that share at least MIN_PAIR sentences with 党建 in the cases."""
    with exercise("5.3", later="每个词对的共现次数也要对") as ex:
        got = dict(_pairs(ex, party_pairs))
        expected = _partners()
        if set(got) == set(expected):
            return
        if set(got) == set(_partners(True)):
            ex.fail("结果里算进了小说 qingzhou_novel：共现要在案例里数，用 gk.cooccurrence(corpus.cases())。")
        missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
        recounted = [w for w in set(got) & set(expected) if got[w] != expected[w]]
        if recounted:  # the counts themselves differ: another window or other documents
            w = recounted[0]
            ex.fail(f"“{w}”和“{PARTY_TERM}”的共现次数是 {got[w]}，按句子在全部案例里统计应是 {expected[w]}："
                    "用 gk.cooccurrence(corpus.cases())，不要改 window(默认按句子统计)，也不要只算其中几篇。")
        if missing:
            if all(expected[w] == MIN_PAIR for w in missing) and all(n > MIN_PAIR for n in got.values()):
                ex.fail(f"少了 {len(missing)} 个词（如“{missing[0]}”，共现正好 {MIN_PAIR} 次）：条件要写 >= {MIN_PAIR}"
                        f"（“不少于”），写成 > {MIN_PAIR} 就把正好 {MIN_PAIR} 次的漏掉了。")
            ex.fail(f"少了 {len(missing)} 个词（如“{missing[0]}”）：用 gk.cooccurrence(corpus.cases()) 的默认设置，"
                    f"并保留所有 count >= {MIN_PAIR} 的行。")
        ex.fail(f"多了 {len(extra)} 个词（如“{extra[0]}”）：用 gk.cooccurrence(corpus.cases()) 的默认设置，"
                f"只保留 count >= {MIN_PAIR} 的行。")


def ex3_hidden(party_pairs):
    """5.3, stricter: the counts too."""
    with exercise("5.3") as ex:
        got = dict(_pairs(ex, party_pairs))
        ex.equal(got, _partners(), "共现次数与 gk.cooccurrence(corpus.cases()) 的结果不一致：按句子统计，不要修改 count 列。")


# --- 5.4 source criticism --------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _evidence() -> dict:
    import governance_kit as gk

    novel = _novel()
    return {"genre": novel.meta.get("genre"),
            "top_term": str(gk.keyness(novel, _corpus().cases())["term"].iloc[0]),
            "places": gk.extract_places(novel)["name"].tolist(),
            "n_metrics": len(gk.extract_metrics(novel))}


def ex4(evidence):
    """5.4: four facts, each from the kit's own output, that keep the novel out of the cases."""
    import pandas as pd

    with exercise("5.4") as ex:
        ex.answered(evidence, "evidence")
        ex.is_type(evidence, dict, "evidence", "一个字典（{\"genre\": …，…}）")
        missing = [k for k in EVIDENCE_KEYS if k not in evidence]
        if missing:
            ex.fail(f"evidence 还缺这些键：{'、'.join(missing)}。键名照抄题目里的英文。")
        want = _evidence()
        novel = _novel()

        genre = evidence["genre"]
        if genre != want["genre"]:
            if genre == "小说":
                ex.fail("genre 要用目录里的英文代码：取 novel.meta[\"genre\"]，不要自己写中文。")
            ex.fail(f"genre 不对（你的：{genre!r}）：取 corpus[\"{novel.doc_id}\"].meta[\"genre\"]，确认取的是小说这一篇。")

        top = evidence["top_term"]
        if isinstance(top, (pd.Series, pd.DataFrame, list)):
            ex.fail("top_term 应是一个词：取 term 列的第一个，在末尾加 .iloc[0]。")
        if top != want["top_term"]:
            import governance_kit as gk

            swapped = gk.keyness(_corpus().cases(), novel)["term"].iloc[0]
            if top == swapped:
                ex.fail("目标和参照颠倒了：gk.keyness 的第一个参数是小说，第二个参数是 corpus.cases()。")
            ex.fail(f"top_term 不对（你的：{top!r}）：取 gk.keyness(novel, corpus.cases()) 的 term 列第一个词——"
                    "小说相对于真实案例最突出的词。")

        places = evidence["places"]
        if isinstance(places, pd.DataFrame):
            ex.fail("places 现在是一张表：只取 \"name\" 列，再在末尾加 .tolist()。")
        if isinstance(places, pd.Series):
            ex.fail("places 现在是一列数据：在末尾加 .tolist() 变成列表。")
        ex.is_type(places, list, "places")
        if sorted(map(str, places)) != sorted(want["places"]):
            ex.fail("places 里有别的文档的地名（你的前几个："
                    f"{'、'.join(map(str, places[:3]))}）：只对小说这一篇调用 gk.extract_places(novel)。")

        n = evidence["n_metrics"]
        if isinstance(n, (pd.Series, pd.DataFrame)):
            ex.fail("n_metrics 应是一个整数：用 len(...) 数一数抽取结果有几行。")
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            ex.is_type(n, int, "n_metrics")
        if int(n) != want["n_metrics"]:
            ex.fail(f"n_metrics 是 {int(n)}，不对：你数的可能是整个语料或别的文档的指标。"
                    "只对小说这一篇调用 gk.extract_metrics(novel)，再用 len() 数行数。")
