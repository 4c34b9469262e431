"""Checks for notebook 03, “治理模式编码”: one function per exercise, hints in Chinese.

Expected values are computed with the kit (``gk.code_patterns``, ``gk.profile``) on the bundled
corpus, never written here. The constants below are the documents, the category and the new
codebook entry named in the exercise statements.
"""
from __future__ import annotations

from functools import lru_cache

from ..feedback import exercise

SHEYANG = "sheyang_2023"      # 3.1 codes this document; 3.3 compares it …
JIANGSU = "jiangsu_2019"      # … with this one (江苏 minus 射阳)
GAOQIAO = "gaoqiao_2024"      # 3.4 looks for what the codebook lacks here
GRID = "grid_management"      # 3.1: the category 网格化管理
NEW_ID = "gongchuang_gaoqiao"  # 3.2: the entry the statement asks for
NEW_NAME = "共创高桥"
NEW_CATEGORY = "party_leadership"
PER_10K = "_per_10k"


# --- expected values ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _corpus():
    import governance_kit as gk

    return gk.load_corpus()


@lru_cache(maxsize=None)
def _codings(doc_id: str, discover: bool = True):
    import governance_kit as gk

    return gk.code_patterns(_corpus()[doc_id], discover=discover)


@lru_cache(maxsize=1)
def _all_codings():
    import governance_kit as gk

    return gk.code_patterns(_corpus())


@lru_cache(maxsize=None)
def _profile(include_discovered: bool = True):
    import governance_kit as gk

    return gk.profile(_corpus(), codings=_all_codings(), include_discovered=include_discovered)


def _bundled():
    import governance_kit as gk

    return gk.load_codebook()


@lru_cache(maxsize=1)
def _surfaces() -> dict[str, str]:
    """Simplified name or alias → pattern id, for every pattern of the bundled codebook."""
    return {form: p.id for p in _bundled() for form, _ in p.surfaces()}


def _label(category) -> str:
    labels = _bundled().categories
    return f"{labels.get(category, category)}（{category}）"


# --- 3.1 ------------------------------------------------------------------------------------------

def _grid_pairs(discover: bool) -> set[tuple[str, str]]:
    rows = _codings(SHEYANG, discover)
    rows = rows[rows["category"] == GRID]
    return set(zip(rows["name"], rows["sentence"]))


def _first_evidence(discover: bool) -> set[tuple[str, str]]:
    rows = _codings(SHEYANG, discover)
    rows = rows[rows["category"] == GRID].drop_duplicates("name")
    return set(zip(rows["name"], rows["sentence"]))


def _mechanism_table(ex, frame, name: str):
    ex.columns(frame, ["name", "sentence"], name)
    if frame.empty:
        ex.fail(f"{name} 是空表。category 列里写的是英文键 \"{GRID}\"（中文名“网格化管理”只是显示用的标签）："
                f"筛选条件写 codings[\"category\"] == \"{GRID}\"。")
    return frame


def ex1(grid_mechanisms):
    """3.1: Sheyang's 网格化管理 mechanisms, one row each, with an evidence sentence."""
    with exercise("3.1", later="每种机制配的是最先给它编码的那一句") as ex:
        ex.answered(grid_mechanisms, "grid_mechanisms")
        frame = _mechanism_table(ex, grid_mechanisms, "grid_mechanisms")
        names = set(frame["name"])
        everywhere = _all_codings()
        sheyang = _codings(SHEYANG)
        category_of = dict(zip(sheyang["name"], sheyang["category"]))
        expected = [{n for n, _ in _grid_pairs(d)} for d in (True, False)]
        if names == {_bundled()[GRID].name}:
            ex.fail(f"只有“{_bundled()[GRID].name}”一种：你按 pattern 列筛选，只得到了同名的那一个模式。"
                    f"网格化管理类有许多模式（网格员、综合网格……），请按 category 列筛选。")
        others = sorted(n for n in names if n not in expected[0])
        if others:
            n = others[0]
            if n in category_of:
                ex.fail(f"混进了其他类别的机制，如“{n}”（{_label(category_of[n])}）：只保留 category == \"{GRID}\" 的行。")
            docs = sorted(set(everywhere.loc[everywhere["name"] == n, "doc_id"]))
            if docs:
                ex.fail(f"“{n}”来自 {'、'.join(docs)}，不是射阳：只给射阳一文编码，gk.code_patterns(sheyang)。")
            ex.fail(f"“{n}”不是编码结果里的名称：name 列要来自 gk.code_patterns(sheyang) 的结果，不要手写。")
        if frame["name"].duplicated().any():
            dup = frame.loc[frame["name"].duplicated(), "name"].iloc[0]
            ex.fail(f"“{dup}”出现了不止一行：每种机制只留一行（第一条证据），在末尾加 .drop_duplicates(\"name\")。")
        if names not in expected:
            missing = sorted(expected[0] - names) or sorted(expected[1] - names)
            ex.fail(f"还少了网格化管理类的机制，如“{missing[0]}”：筛选后不要再删行，只去掉重复的名称。")
        pairs = set(zip(frame["name"], frame["sentence"]))
        wrong = sorted(pairs - _grid_pairs(True))
        if wrong:
            ex.fail(f"“{wrong[0][0]}”配的句子不是它的证据：sentence 列要与 name 列来自编码结果的同一行，不要改写或打乱。")


def ex1_hidden(grid_mechanisms):
    """3.1, stricter: each mechanism with the first sentence that codes it."""
    with exercise("3.1") as ex:
        ex.answered(grid_mechanisms, "grid_mechanisms")
        frame = _mechanism_table(ex, grid_mechanisms, "grid_mechanisms")
        pairs = set(zip(frame["name"], frame["sentence"]))
        ex.that(len(frame) == len(pairs) and pairs in (_first_evidence(True), _first_evidence(False)),
                "每种网格化管理机制应各占一行，证据是原文中第一处编码到它的句子：筛选 category 后 .drop_duplicates(\"name\")。")


# --- 3.2 ------------------------------------------------------------------------------------------

def _package_dir():
    from pathlib import Path

    import governance_kit

    return Path(governance_kit.__file__).resolve().parent


def _codebook(ex, value, name: str):
    import os

    from ...codebook import Codebook

    if isinstance(value, (str, os.PathLike)):
        ex.fail(f"{name} 是文件路径；还要把文件读回来：{name} = gk.load_codebook(路径)。")
    if isinstance(value, Codebook):
        return value
    ex.fail(f"{name} 应是一个编码本（gk.load_codebook(...) 的结果），现在是 {type(value).__name__}。")


def ex2(my_cb):
    """3.2: the codebook with the new entry, written to a file outside the kit and read back."""
    from pathlib import Path

    with exercise("3.2", later="用新编码本给高桥一文编码，能找到新条目") as ex:
        ex.answered(my_cb, "my_cb")
        cb = _codebook(ex, my_cb, "my_cb")
        bundled = _bundled()
        if NEW_ID in bundled:
            ex.fail("工具箱自带的编码本里出现了你的新条目：你把它写进了工具箱自己的 data/codebook.yaml。"
                    "请把那个文件恢复原样（或请老师重装工具箱），新条目只写进临时文件夹。")
        if cb.origin is None:  # made by add() and never written to a file
            ex.fail("这是只在内存里的编码本：题目要求把它写进临时文件夹里的 Excel 文件（.to_excel(路径)），"
                    "再用 gk.load_codebook(路径) 读回来——这正是老师在 Excel 里改编码本后的做法。")
        origin = Path(cb.origin)
        if cb.origin == bundled.origin:
            ex.fail("my_cb 是工具箱自带的编码本：gk.load_codebook() 不带参数读的是内置文件；请传入你写出的文件路径。")
        if origin.suffix.lower() not in (".xlsx", ".xlsm", ".yaml", ".yml"):
            ex.fail(f"编码本文件应是 .xlsx（Excel）或 .yaml，现在是 {origin.name}。")
        try:
            origin.resolve().relative_to(_package_dir())
        except ValueError:
            pass
        else:
            ex.fail("文件写进了工具箱自己的文件夹：新条目只写进临时文件夹（workdir），不要改动工具箱。")
        if NEW_ID not in cb:
            same = [p for p in cb if p.name == NEW_NAME]
            if same:
                ex.fail(f"找到了“{NEW_NAME}”，但编号是 {same[0].id!r}；题目给的编号是 {NEW_ID!r}。")
            ex.fail("读回的编码本里没有新条目：cb.add(...) 不会改动原来的 cb，而是返回一本新编码本；"
                    "要把 add 返回的那一本写进文件，例如 cb.add(...).to_excel(路径)。")
        entry = cb[NEW_ID]
        ex.equal(entry.name, NEW_NAME, f"新条目的名称应是“{NEW_NAME}”，与原文一字不差，否则编码时找不到它。")
        ex.equal(entry.category, NEW_CATEGORY, f"新条目的类别应是题目给的 \"{NEW_CATEGORY}\"（{_label(NEW_CATEGORY)}）。")
        if len(cb) != len(bundled) + 1:
            ex.fail(f"读回的编码本有 {len(cb)} 个模式，应比内置的 {len(bundled)} 个正好多 1 个："
                    "从 gk.load_codebook() 出发，只 add 这一条。")


def ex2_hidden(my_cb):
    """3.2, second route: coding the Gaoqiao report with the new codebook finds the new entry."""
    import governance_kit as gk

    with exercise("3.2") as ex:
        ex.answered(my_cb, "my_cb")
        cb = _codebook(ex, my_cb, "my_cb")
        ex.that(cb.origin not in (None, _bundled().origin), "编码本应从你写出的文件读回（gk.load_codebook(路径)）。")
        coded = gk.code_patterns(_corpus()[GAOQIAO], cb, discover=False)
        ex.that((coded["pattern"] == NEW_ID).any(),
                f"用新编码本给高桥一文编码，没有编码到 {NEW_ID}：检查名称“{NEW_NAME}”是否与原文一致。")


# --- 3.3 ------------------------------------------------------------------------------------------

def _categories() -> list[str]:
    from ...analysis.profiles import CATEGORIES

    return list(CATEGORIES)


def _gap(include_discovered: bool = True, column: str = PER_10K):
    prof = _profile(include_discovered)
    cols = [c + column for c in _categories()]
    gap = prof.loc[JIANGSU, cols] - prof.loc[SHEYANG, cols]
    gap.index = _categories()
    return gap.astype(float)


def _same(series, expected, atol: float = 1e-6) -> bool:
    import numpy as np

    return bool(np.allclose(series.reindex(expected.index).to_numpy(dtype=float), expected.to_numpy(), atol=atol))


def _gap_series(ex, value, name: str):
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        ex.fail(f"{name} 还是一张表；还差一步：用 .loc[doc_id] 取出两行相减，得到一列数："
                f"prof.filter(like=\"_per_10k\").loc[\"{JIANGSU}\"] - prof.filter(like=\"_per_10k\").loc[\"{SHEYANG}\"]。")
    if isinstance(value, (int, float)):
        ex.fail(f"{name} 是一个数；题目要 14 个类别各一个差值（一个 Series），不要只取其中一类。")
    ex.is_type(value, pd.Series, name, "一列数（pandas Series）")
    index = [str(i) for i in value.index]
    if any(i.endswith(PER_10K) for i in index) and any(not i.endswith(PER_10K) for i in index):
        others = [i for i in index if not i.endswith(PER_10K)]
        ex.fail(f"{name} 里除了每万字次数，还有 {'、'.join(others[:4])} 等其他列的差：prof 的一行包含所有列。"
                f"先 rates = prof.filter(like=\"_per_10k\") 只留每万字次数的列，再 rates.loc[\"{JIANGSU}\"] - "
                f"rates.loc[\"{SHEYANG}\"]。")
    if any(i.startswith("balance_") for i in index):
        ex.fail(f"{name} 用的是 balance_ 列：那是四种治理方式之间的比例。题目要 14 个类别每万字出现次数的差：prof.filter(like=\"_per_10k\")。")
    keys = [i.removesuffix(PER_10K) for i in index]
    missing = [k for k in _categories() if k not in keys]
    if missing:
        ex.fail(f"{name} 缺少这些类别：{'、'.join(missing[:4])}……应有 14 个类别各一项（prof 中以 _per_10k 结尾的列）。")
    series = pd.Series(value.to_numpy(), index=keys)
    series = series[~series.index.duplicated()]
    try:
        return series.reindex(_categories()).astype(float)
    except (TypeError, ValueError):
        ex.fail(f"{name} 里应全是数。")


def ex3(gap):
    """3.3: per-10k rates of the 14 categories, Jiangsu minus Sheyang."""
    with exercise("3.3") as ex:
        ex.answered(gap, "gap")
        series = _gap_series(ex, gap, "gap")
        if any(_same(series, _gap(d)) for d in (True, False)):
            return
        if any(_same(series, -_gap(d)) for d in (True, False)):
            ex.fail(f"正负号反了：题目要“江苏减射阳”，即江苏一行减射阳一行："
                    f"prof.filter(like=\"_per_10k\").loc[\"{JIANGSU}\"] - prof.filter(like=\"_per_10k\").loc[\"{SHEYANG}\"]。")
        if any(_same(series, _gap(d).round(r) if rows else _gap(d), atol=0.15) for d in (True, False)
               for r in (0, 1, 2) for rows in (True, False)):
            ex.fail("差值和正确结果只差一点：你可能先把每万字次数取整（.round()）再相减。请用没有取整的 "
                    "prof.filter(like=\"_per_10k\") 相减；要看整齐的数，最后再 .round(1)。")
        if any(_same(series, s * _gap(d, "")) for d in (True, False) for s in (1, -1)):
            ex.fail("你减的是编码次数本身。两篇文章长短不同，次数不能直接比：请用每万字出现次数（以 _per_10k 结尾的列）。")
        ex.fail(f"差值不对：用上面的 prof，rates = prof.filter(like=\"_per_10k\")，"
                f"再 rates.loc[\"{JIANGSU}\"] - rates.loc[\"{SHEYANG}\"]。")


# --- 3.4 ------------------------------------------------------------------------------------------

def _discovered(doc_id: str) -> set[str]:
    rows = _codings(doc_id)
    return set(rows.loc[rows["source"] == "discovered", "name"])


def _name_list(ex, value, name: str) -> list:
    import numpy as np
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        ex.fail(f"{name} 是一张表；题目要名称的列表：只取 \"name\" 这一列，再加 .tolist()。")
    if isinstance(value, str):
        ex.fail(f"{name} 应是列表：把名称放进方括号里，或从编码结果中取 name 列再 .tolist()。")
    if isinstance(value, (pd.Series, np.ndarray, set, frozenset, tuple)):
        value = list(value)
    ex.is_type(value, list, name)
    for item in value:
        if not isinstance(item, str):
            ex.fail(f"{name} 里应全是机制名称（文字），现在有 {type(item).__name__}：{item!r}。")
    return value


def ex4(new_names):
    """3.4: the names discovery finds in the Gaoqiao report (mechanisms the codebook lacks)."""
    with exercise("3.4", later="每个名称只出现一次，且正好是“发现”的全部名称") as ex:
        ex.answered(new_names, "new_names")
        names = _name_list(ex, new_names, "new_names")
        expected = _discovered(GAOQIAO)
        if not names:
            ex.fail("列表是空的：gk.code_patterns 默认会“发现”编码本没有的机制（discover=True），不要关掉它；"
                    "再筛选 source == \"discovered\" 的行。")
        surfaces = _surfaces()
        known = [n for n in names if n in surfaces]
        if known:
            ex.fail(f"“{known[0]}”已经在编码本里（模式 {surfaces[known[0]]}）：只保留 source == \"discovered\" 的行。")
        everywhere = _all_codings()
        foreign = [n for n in names if n not in expected]
        if foreign:
            docs = sorted(set(everywhere.loc[everywhere["name"] == foreign[0], "doc_id"]))
            where = f"来自 {'、'.join(docs)}" if docs else "不是发现功能给出的名称"
            ex.fail(f"“{foreign[0]}”{where}：只看高桥一文的编码结果（doc_id 为 {GAOQIAO}）。")
        missing = sorted(expected - set(names))
        if missing:
            ex.fail(f"还少了 {len(missing)} 个，例如“{missing[0]}”：取 source == \"discovered\" 的全部行的 name 列。")


def ex4_hidden(new_names):
    """3.4, stricter: each name once, exactly the discovered names."""
    with exercise("3.4") as ex:
        ex.answered(new_names, "new_names")
        names = _name_list(ex, new_names, "new_names")
        ex.that(len(names) == len(set(names)), "列表里有重复的名称：每个名称只列一次（.unique().tolist() 或 .drop_duplicates()）。")
        ex.equal(set(names), _discovered(GAOQIAO), "名称应正好是高桥一文中被“发现”（source == \"discovered\"）的那些。")
