"""Checks for notebook 00, “导论：用数据读懂基层治理”: one function per exercise, hints in Chinese.

Expected values come from the bundled corpus (``gk.load_corpus()``), never from literals.
"""
from __future__ import annotations

import numbers
from functools import lru_cache

from ..feedback import exercise

PROVINCE = "江苏省"  # exercise 0.2 lists the documents of this province (named in the statement)
GENRE_NAMES = {"case_report": "案例报告", "academic_article": "学术文章", "interview": "访谈",
               "policy_document": "政策文件", "news": "新闻", "fiction": "小说"}


@lru_cache(maxsize=1)
def _corpus():
    import governance_kit as gk

    return gk.load_corpus()


def _whole_number(ex, value, name: str) -> int:
    """An int (NumPy integers too); a specific hint for the usual non-numbers."""
    import pandas as pd

    if isinstance(value, (pd.Series, pd.DataFrame)):
        ex.fail(f"{name} 现在是一列数据或一张表，还差一步：用 .sum() 数出“真”的个数，或用 len() 数行数，得到一个整数。")
    if isinstance(value, str):
        ex.fail(f"{name} 是一段文字（{value!r}）：去掉引号，直接写计算的代码，结果才是整数。")
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    ex.is_type(value, int, name)
    return value


def _id_list(ex, value, name: str) -> list:
    """A list of doc_id strings; hints for a table, a column or a bare string."""
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        ex.fail(f"{name} 现在是一张表；题目要 doc_id 的列表：筛选时只取 \"doc_id\" 这一列，再在末尾加 .tolist()。")
    if isinstance(value, pd.Series):
        ex.fail(f"{name} 现在是一列数据（Series），还差一步：在末尾加 .tolist() 变成列表。")
    if isinstance(value, str):
        ex.fail(f"{name} 应是列表：把 doc_id 放进方括号里，写成 [\"...\"]。")
    ex.is_type(value, list, name)
    corpus = _corpus()
    titles = {d.title: d.doc_id for d in corpus if d.title}
    for item in value:
        if not isinstance(item, str):
            ex.fail(f"{name} 里应是 doc_id 文字（像 \"gaoqiao_2024\" 这样的编号），现在有 {type(item).__name__}：{item!r}。")
        if item in titles:
            ex.fail(f"“{item}”是标题；请用文档编号 doc_id（目录表的第一列），不是标题。")
        if item not in corpus.ids:
            ex.fail(f"{item!r} 不是语料里的 doc_id；现有的 doc_id：{'、'.join(corpus.ids)}。")
    return value


def ex1(n_docs):
    """0.1: the number of documents in the bundled corpus."""
    with exercise("0.1") as ex:
        ex.answered(n_docs, "n_docs")
        n = _whole_number(ex, n_docs, "n_docs")
        corpus = _corpus()
        expected = len(corpus)
        if n != expected:
            from ...corpus import bundled_corpus_dir

            n_files = sum(1 for p in bundled_corpus_dir().iterdir() if p.is_file())
            if n == len(corpus.cases()):
                ex.fail("你数的是 corpus.cases()——它排除了不能当案例的文档；题目问的是语料里全部的文档：len(corpus)。")
            if n == len(corpus.to_frame().columns):
                ex.fail("这是目录表的列数；每篇文档占一行，要数的是行数：len(corpus) 或 len(frame)。")
            if n == n_files:
                ex.fail("你可能数了 corpus 文件夹里的全部文件；其中登记表 catalog.csv 和说明 README.md 不是文档。请用 len(corpus)。")
            if n == 0:
                ex.fail("0 篇？请先运行“四、载入语料”中的 corpus = gk.load_corpus()，再用 len(corpus) 数一数。")
        ex.equal(n, expected, "文档数不对：请确认运行过 corpus = gk.load_corpus()，再用 len(corpus) 数一数。")


def _province_ids(corpus) -> set[str]:
    return {d.doc_id for d in corpus if d.meta.get("province") == PROVINCE}


def _recent_code(cells: int = 5) -> str:
    """The trainee's last few inputs when run inside IPython (to name the likely slip), else ""."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
        return "\n".join(shell.user_ns.get("In", [])[-cells:]) if shell is not None else ""
    except Exception:  # outside IPython, or a shell without history
        return ""


def _empty_hint(corpus) -> str:
    """Why the Jiangsu list came out empty: a short province name, or the place column."""
    import re

    code = _recent_code()
    short = PROVINCE.rstrip("省")
    written = sorted({d.meta.get("province") for d in corpus if d.meta.get("province")})
    if re.search(rf"""["']{short}["']""", code):
        return (f"列表是空的：你写的是 \"{short}\"，province 列里写的是全称 \"{PROVINCE}\"（少了“省”字）。"
                f"== 要求一字不差：写 frame[\"province\"] == \"{PROVINCE}\"。")
    if re.search(r"""\[\s*["']place["']\s*\]\s*==""", code):
        return (f"列表是空的：place 列写的是县、市的名字，按 place == \"{PROVINCE}\" 筛选什么也筛不出来；省份在 province 列。")
    return (f"列表是空的：筛选条件没有选中任何一行。省份在 province 列，写的是全称（{'、'.join(written)}），"
            f"== 要求一字不差：写 \"{PROVINCE}\"，不要写成 \"{short}\"；place 列写的是县、市的名字，不能按省筛选。")


def ex2(jiangsu_ids):
    """0.2: the doc_ids of the documents from Jiangsu (in any order)."""
    with exercise("0.2", later="每个 doc_id 只列一次") as ex:
        ex.answered(jiangsu_ids, "jiangsu_ids")
        ids = _id_list(ex, jiangsu_ids, "jiangsu_ids")
        corpus = _corpus()
        if not ids:
            ex.fail(_empty_hint(corpus))
        expected = _province_ids(corpus)
        extra = [i for i in ids if i not in expected]
        if extra:
            where = "、".join(f"{i}（{corpus[i].meta.get('province') or '省份不详'}）" for i in extra)
            ex.fail(f"这些文档不在江苏省：{where}。筛选条件应是 frame[\"province\"] == \"江苏省\"。")
        missing = expected - set(ids)
        if missing:
            ex.fail(f"还少了 {len(missing)} 篇江苏省的文档。一篇文档可以涉及好几个地方（place 列用“、”分隔），按 province 列筛选才不会漏。")


def ex2_hidden(jiangsu_ids):
    """0.2, stricter: each document listed once."""
    with exercise("0.2") as ex:
        ex.answered(jiangsu_ids, "jiangsu_ids")
        ids = _id_list(ex, jiangsu_ids, "jiangsu_ids")
        ex.that(len(ids) == len(set(ids)), "列表里有重复的 doc_id：每篇文档只列一次。")
        ex.equal(set(ids), _province_ids(_corpus()), "江苏省的文档没有列全或多列了：按 province 列筛选，取 doc_id 列。")


def _traditional_in_catalog(corpus) -> int:
    return sum(d.meta.get("script") == "traditional" for d in corpus)


def ex3(n_traditional):
    """0.3: how many documents were Traditional in the original."""
    with exercise("0.3", later="用清洗时识别出的字体再数一遍，篇数要一致") as ex:
        ex.answered(n_traditional, "n_traditional")
        n = _whole_number(ex, n_traditional, "n_traditional")
        corpus = _corpus()
        expected = _traditional_in_catalog(corpus)
        if n != expected:
            if n == sum(d.meta.get("script") == "simplified" for d in corpus):
                ex.fail("你数的是简体原文（simplified）；题目问繁体：条件写 frame[\"script\"] == \"traditional\"。")
            if n == len(corpus):
                ex.fail("你数的是全部文档；先用 frame[\"script\"] == \"traditional\" 得到一列真/假，再用 .sum() 只数“真”。")
        ex.equal(n, expected, "繁体原文的篇数不对：frame[\"script\"] == \"traditional\" 得到一列真/假，.sum() 数出“真”的个数。")


def ex3_hidden(n_traditional):
    """0.3, second route: the script detected while cleaning agrees with the catalog."""
    with exercise("0.3") as ex:
        ex.answered(n_traditional, "n_traditional")
        n = _whole_number(ex, n_traditional, "n_traditional")
        detected = sum(d.cleaning.script == "traditional" for d in _corpus())
        ex.equal(n, detected, "与清洗时实际做了繁简转换的文档数不一致：按 script 列数出 traditional 的篇数。")


def _not_cases(corpus) -> set[str]:
    return set(corpus.ids) - set(corpus.cases().ids)


def ex4(not_cases):
    """0.4: the documents that must not be used as cases (the novel)."""
    with exercise("0.4", later="每篇文档只列一次，其余文档正好是 corpus.cases()") as ex:
        ex.answered(not_cases, "not_cases")
        ids = _id_list(ex, not_cases, "not_cases")
        corpus = _corpus()
        expected = _not_cases(corpus)
        if not ids:
            ex.fail("列表是空的。看目录表的 genre 列：哪一篇的体裁是 fiction（小说）？")
        for doc_id in ids:
            if doc_id in expected:
                continue
            genre = corpus[doc_id].meta.get("genre")
            if genre == "interview":
                ex.fail(f"{doc_id} 是访谈（interview）：真实的记者采访，可以引用，只是体裁不同于案例报告。不能当案例的是虚构作品（fiction）。")
            name = GENRE_NAMES.get(genre, genre)
            ex.fail(f"{doc_id} 的体裁是{name}（{genre}），是真实的材料。不能当案例的是虚构作品：找 genre 为 fiction 的那一篇。")
        ex.equal(set(ids), expected, "还有不能当案例的文档没有列进来：筛选 genre == \"fiction\" 的行，取 doc_id 列。")


def ex4_hidden(not_cases):
    """0.4, stricter: each document once, and the rest is exactly ``corpus.cases()``."""
    with exercise("0.4") as ex:
        ex.answered(not_cases, "not_cases")
        ids = _id_list(ex, not_cases, "not_cases")
        ex.that(len(ids) == len(set(ids)), "列表里有重复的 doc_id：每篇文档只列一次。")
        corpus = _corpus()
        rest = [i for i in corpus.ids if i not in ids]
        ex.equal(rest, corpus.cases().ids, "去掉你列出的文档后，剩下的应正好是 corpus.cases() 中的案例。")
