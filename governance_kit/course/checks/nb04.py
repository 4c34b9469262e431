"""Checks for notebook 04, “治理指标抽取与比较”: one function per exercise, hints in Chinese.

Expected values are computed from the bundled corpus with the kit (``gk.extract_metrics``,
``gk.metrics_table``), never written in here. The only literals are the exercise statements: the
candidate numbers of exercise 4.4 and, for those the kit does not count as metrics, the reason a
reader gives (a date, a name or slogan, an ordinal), which no function of the kit returns.
"""
from __future__ import annotations

import math
import numbers
from functools import lru_cache

from ..feedback import exercise

SHEYANG = "sheyang_2023"
GRID = "网格"  # 4.1: the rows whose subject mentions grids
STAFF_WORDS = ("网格员", "网格长")  # 4.2: who staffs the grids (as in data/indicators.yaml)
# 4.4: the numbers of the Sheyang report the trainee sorts (the statement lists the same strings)
CANDIDATES = ("1993个", "4744名", "238个", "每月10日", "一委三会", "1+1>2", "二十大")
METRIC = "指标"
LABELS = (METRIC, "日期", "名称或口号", "序数")
# why a reader does not count these (the kit only says *that* it does not)
REASONS = {"每月10日": "日期", "一委三会": "名称或口号", "1+1>2": "名称或口号", "二十大": "序数"}
REASON_HINTS = {
    "日期": "“每月10日”说的是哪一天（每月的 10 号），不是数了多少：这是日期。",
    "名称或口号": "“{c}”里的数字是名称或口号的一部分，不数任何东西（“一委三会”是一个党组织加三个会的制度名称，“1+1>2”是说合力大于各自相加）：标为“名称或口号”。",
    "序数": "“二十大”是“中国共产党第二十次全国代表大会”的简称，“二十”说的是第几次，是序数：标为“序数”。",
}


@lru_cache(maxsize=1)
def _corpus():
    import governance_kit as gk

    return gk.load_corpus()


@lru_cache(maxsize=1)
def _sheyang_metrics():
    import governance_kit as gk

    return gk.extract_metrics(_corpus()[SHEYANG])


def _grid_rows():
    m = _sheyang_metrics()
    return m[m["subject"].fillna("").str.contains(GRID)]


def _is_staff(subject: str) -> bool:
    return any(w in subject for w in STAFF_WORDS)


def _staff_and_grids() -> tuple[float, list[tuple[str, str, float]]]:
    """Sheyang's grid staff (one number) and its grids, as (subject, quote, value) each."""
    rows = _grid_rows()
    staff = float(rows.loc[rows["subject"].map(_is_staff), "value"].sum())
    grids = [(r.subject, r.quote, float(r.value)) for r in rows.itertuples()
             if not _is_staff(r.subject) and r.unit == "个"]
    return staff, grids


def _real_number(ex, value, name: str) -> float:
    import pandas as pd

    if isinstance(value, (pd.Series, pd.DataFrame)):
        if getattr(value, "size", 0) == 1:
            ex.fail(f"{name} 现在是一列（或一张表）里的一个数：在末尾加 .iloc[0]（表用 .iloc[0, 0]）把这个数取出来。")
        ex.fail(f"{name} 现在是一列数据或一张表；题目要的是一个数：网格员人数 ÷ 网格总数。")
    if isinstance(value, str):
        ex.fail(f"{name} 是一段文字（{value!r}）：去掉引号，写出计算式，让 Python 算出一个数。")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        ex.is_type(value, float, name, "一个数")
    return float(value)


def ex1(grid_figures):
    """4.1: the metrics of the Sheyang report whose subject mentions grids."""
    with exercise("4.1", later="证据还连着原文：原句和位置能指回引用的文字") as ex:
        ex.answered(grid_figures, "grid_figures")
        ex.columns(grid_figures, ["doc_id", "value", "unit", "subject", "quote"], "grid_figures")
        _all_columns(ex, grid_figures)
        if grid_figures.empty:
            ex.fail("表是空的：筛选条件什么也没选中。试试 m[m[\"subject\"].str.contains(\"网格\")]（subject 列里含“网格”二字的行）。")
        others = sorted(set(grid_figures["doc_id"]) - {SHEYANG})
        if others:
            ex.fail(f"表里有其他文档的数字（{'、'.join(map(str, others))}）：只对射阳这一篇 corpus[\"{SHEYANG}\"] 调用 gk.extract_metrics。")
        expected = _grid_rows()
        got = list(grid_figures["quote"])
        extra = grid_figures[~grid_figures["quote"].isin(set(expected["quote"]))]
        if len(extra):
            row = extra.iloc[0]
            by_unit = "，不要按单位“个”筛选" if (grid_figures["unit"] == "个").all() else ""
            ex.fail(f"表里有不是网格的数字：{row['quote']}（数的是“{row['subject']}”）。"
                    f"只保留 subject 里含“网格”的行{by_unit}。")
        missing = [q for q in expected["quote"] if q not in got]
        if missing:
            whats = "、".join(f"{q}（{s}）" for q, s in zip(expected["quote"], expected["subject"]) if q in missing)
            ex.fail(f"少了 {whats}。综合网格、专属网格和网格长、网格员都算网格数字：用 str.contains(\"网格\")，"
                     "不要用 == \"综合网格\" 只选一种。")
        ex.equal(sorted(got), sorted(expected["quote"]), "每个数字只应出现一次：不要把表拼接两遍。")


def _all_columns(ex, grid_figures) -> None:
    """The statement: keep every column of gk.extract_metrics (the sentence and positions are evidence)."""
    missing = [c for c in _sheyang_metrics().columns if c not in grid_figures.columns]
    if missing:
        ex.fail(f"grid_figures 少了这些列：{'、'.join(missing)}。题目要求保留抽取结果的所有列——原句（sentence）和位置"
                "（start、end）是证据：只筛选行，不要只挑几列，m[m[\"subject\"].str.contains(\"网格\")] 就会保留全部列。")


def ex1_hidden(grid_figures):
    """4.1, stricter: the evidence stays attached (sentence and positions that point at the quote)."""
    with exercise("4.1") as ex:
        ex.answered(grid_figures, "grid_figures")
        ex.columns(grid_figures, ["doc_id", "value", "quote", "start", "end", "sentence"], "grid_figures")
        text = _corpus()[SHEYANG].text
        for row in grid_figures.itertuples():
            ex.that(text[int(row.start):int(row.end)] == row.quote,
                    f"{row.quote} 的位置（start、end）指不回原文：不要修改 extract_metrics 返回的 start、end 列。")
        expected = _grid_rows()
        ex.equal(sorted(zip(grid_figures["quote"], grid_figures["value"])),
                 sorted(zip(expected["quote"], expected["value"])),
                 "数值与 gk.extract_metrics 的结果不一致：不要手改 value 列。")


def ex2(staff_per_grid):
    """4.2: Sheyang's grid staff per grid, from the extracted values."""
    with exercise("4.2") as ex:
        ex.answered(staff_per_grid, "staff_per_grid")
        value = _real_number(ex, staff_per_grid, "staff_per_grid")
        staff, grids = _staff_and_grids()
        total = sum(v for *_, v in grids)
        expected = staff / total
        if math.isclose(value, expected, rel_tol=1e-6):
            return
        if value and math.isclose(value, 1 / expected, rel_tol=1e-3):
            ex.fail("分子分母颠倒了：你算的是每名网格员分到几个网格。应是 网格长、网格员人数 ÷ 网格总数。")
        for subject, quote, grid in grids:
            if math.isclose(value, staff / grid, rel_tol=1e-3):
                rest = "、".join(f"{s}{q}" for s, q, _ in grids if q != quote)
                ex.fail(f"你只除以了{subject}（{quote}）。{rest} 也是网格：分母应是各类网格之和。")
        m = _sheyang_metrics()
        for row in m.itertuples():
            if GRID not in (row.subject or "") and row.value and math.isclose(value, staff / row.value, rel_tol=1e-3):
                ex.fail(f"你除以的是 {row.quote}（{row.subject}），这样得到的是每个{row.subject}的网格员数。"
                         "分母应是网格的个数（综合网格 + 专属网格）。")
        if math.isclose(value, expected, rel_tol=1e-2):
            ex.fail("很接近，但不够精确：不要手抄或四舍五入，直接用抽取出的 value 列计算。")
        ex.fail("结果不对。分子是“网格长、网格员”的人数，分母是综合网格与专属网格的个数之和，"
                f"三个数都在 gk.extract_metrics(corpus[\"{SHEYANG}\"]) 的 value 列里。（你的结果：{value:g}）")


@lru_cache(maxsize=1)
def _comparison():
    """The derived indicators of the cases, place by label; and indicator id -> label."""
    import governance_kit as gk

    table = gk.metrics_table(_corpus().cases())
    derived = table[table["derived"]]
    wide = derived.pivot(index="place", columns="label", values="value")
    return wide, dict(zip(derived["indicator"], derived["label"])), table


def ex3(comparison):
    """4.3: a place-by-indicator table of the derived indicators of the cases."""
    import pandas as pd

    with exercise("4.3") as ex:
        ex.answered(comparison, "comparison")
        ex.is_type(comparison, pd.DataFrame, "comparison", "一个表格（pandas DataFrame）")
        expected, labels, table = _comparison()
        if {"derived", "formula"} & set(map(str, comparison.columns)):
            ex.fail("这还是一行一个数字的长表：先筛选 derived 为真的行，再用 .pivot(index=\"place\", columns=\"label\", "
                    "values=\"value\") 变成每个地方一行、每个指标一列的宽表。")
        rows = set(map(str, comparison.index))
        if rows & set(_corpus().ids):
            ex.fail("行是 doc_id：比较的是地方，pivot 时写 index=\"place\"。")
        columns = [labels.get(str(c), str(c)) for c in comparison.columns]
        if "place" in columns:
            ex.fail("地方成了表里的一列（place），不是行名：去掉 .reset_index()，让 pivot(index=\"place\", …) "
                    "把地方留作行名。")
        if set(columns) & set(expected.index) and set(map(labels.get, rows, rows)) & set(expected.columns):
            ex.fail("行和列反了：要每个地方一行、每个指标一列，即 index=\"place\", columns=\"label\"。")
        raw = sorted(set(columns) - set(expected.columns))
        if raw:
            ex.fail(f"表里混进了原始数字（如“{raw[0]}”）：只保留派生指标，即 table[table[\"derived\"]] 的行。")
        missing_cols = [c for c in expected.columns if c not in columns]
        if missing_cols:
            ex.fail(f"少了这些指标：{'、'.join(missing_cols)}。用 columns=\"label\"，保留全部派生指标。")
        if rows != set(expected.index):
            ex.fail(f"行（地方）不对：应是 {'、'.join(expected.index)}；你的是 {'、'.join(sorted(rows))}。"
                    "请从 gk.metrics_table(corpus.cases()) 出发。")
        got = comparison.copy()
        got.columns = columns
        got.index = got.index.map(str)
        for place in expected.index:
            for label in expected.columns:
                want, have = expected.loc[place, label], got.loc[place, label]
                if pd.isna(want) and pd.isna(have):
                    continue
                try:
                    same = not pd.isna(have) and math.isclose(float(have), float(want), rel_tol=1e-3)
                except (TypeError, ValueError):
                    same = False
                if same:
                    continue
                if pd.isna(want):
                    ex.fail(f"{place} 没有报告“{label}”所需的数字，这一格应空着（NaN），你的是 {have!r}："
                            "空格表示材料没说，不要填 0，也不要手填。")
                ex.fail(f"{place} 的“{label}”应是 {float(want):g}，你的是 {have!r}：不要手改表里的数值。")


def _metric_status() -> dict[str, bool]:
    """Each candidate: is it (part of) a metric that gk.extract_metrics finds in the Sheyang report?"""
    text = _corpus()[SHEYANG].text
    spans = list(zip(_sheyang_metrics()["start"], _sheyang_metrics()["end"]))
    status = {}
    for c in CANDIDATES:
        hits, k = [], text.find(c)
        while k >= 0:
            hits.append((k, k + len(c)))
            k = text.find(c, k + 1)
        status[c] = any(a < e and s < b for s, e in hits for a, b in spans)
    return status


def _labels(ex, kinds) -> dict:
    ex.is_type(kinds, dict, "kinds", "一个字典（{候选：标签，…}）")
    missing = [c for c in CANDIDATES if c not in kinds]
    if missing:
        ex.fail(f"还缺这些候选：{'、'.join(missing)}。kinds 的键应正好是 candidates 里的每一项（原样复制，连引号里的字）。")
    extra = [k for k in kinds if k not in CANDIDATES]
    if extra:
        ex.fail(f"这些键不在 candidates 里：{'、'.join(map(str, extra))}。只给 candidates 中的 7 个候选贴标签。")
    bad = {c: v for c, v in kinds.items() if v not in LABELS}
    if bad:
        c, v = next(iter(bad.items()))
        ex.fail(f"“{c}”的标签是 {v!r}；标签只能是 {'、'.join(LABELS)} 之一（原样照抄，不要加空格）。")
    return kinds


def ex4(kinds):
    """4.4: which candidate numbers are metrics (as gk.extract_metrics decides)."""
    with exercise("4.4") as ex:
        ex.answered(kinds, "kinds")
        kinds = _labels(ex, kinds)
        status = _metric_status()
        m = _sheyang_metrics()
        for c in CANDIDATES:
            if status[c] and kinds[c] != METRIC:
                subject = m.loc[m["quote"] == c, "subject"]
                what = f"它数的是“{subject.iloc[0]}”" if len(subject) else "它在抽取结果里"
                ex.fail(f"“{c}”是 gk.extract_metrics 抽取出的指标（{what}）：标为“{METRIC}”。")
            if not status[c] and kinds[c] == METRIC:
                ex.fail(f"“{c}”不在 gk.extract_metrics 对射阳材料的抽取结果里：它虽然含有数字，却不数任何东西。"
                        "想一想它是日期、名称或口号，还是序数。")
        _reasons(ex, kinds, status)  # the grading check, run live too: no ✓ in class that grading takes back


def ex4_hidden(kinds):
    """4.4, second part: why each non-metric is not one."""
    with exercise("4.4") as ex:
        ex.answered(kinds, "kinds")
        kinds = _labels(ex, kinds)
        _reasons(ex, kinds, _metric_status())


def _reasons(ex, kinds, status) -> None:
    """Why each non-metric is not one (date, name or slogan, ordinal …)."""
    for c, reason in REASONS.items():
        if not status[c] and kinds[c] != reason:
            ex.fail(REASON_HINTS[reason].format(c=c))
