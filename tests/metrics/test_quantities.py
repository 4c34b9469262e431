"""Metrics (governance_kit.metrics) and numbers (governance_kit.metrics.numbers)."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import governance_kit as gk
from governance_kit.metrics import COLUMNS, QUALIFIERS, extract_metrics, load_metric_rules, metrics_in_text
from governance_kit.metrics.numbers import parse_number

from coding_eval import DATA


# --- numbers ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "written, value",
    [("1993", 1993), ("4,744", 4744), ("4.2万", 42000), ("1.5亿", 1.5e8), ("240余万", 2_400_000),
     ("二百一十", 210), ("三百余", 300), ("两千", 2000), ("一万二千", 12000), ("千", 1000), ("３００", 300),
     ("百分之九十五", 0.95), ("70%", 0.7), ("95.5%", 0.955), ("六成", 0.6), ("七成", 0.7), ("三点五", 3.5)],
)
def test_numbers_as_written(written, value):
    assert parse_number(written) == pytest.approx(value)


@pytest.mark.parametrize("written", ["", "abc", "十八届", "多", "点", None, "十一成"])
def test_not_numbers(written):
    assert parse_number(written) is None


def _chinese(n: int) -> str:
    import cn2an

    return cn2an.an2cn(n)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=99_999_999))  # 一个 is the article
def test_arabic_and_chinese_numerals_give_the_same_value(n):
    assert parse_number(str(n)) == parse_number(_chinese(n)) == n
    text_arabic = f"全县共有综合网格{n}个。"
    text_chinese = f"全县共有综合网格{_chinese(n)}个。"
    a, c = metrics_in_text(text_arabic), metrics_in_text(text_chinese)
    assert [m.value for m in a] == [m.value for m in c] == [float(n)]
    assert a[0].subject == c[0].subject == "综合网格"


# --- metrics -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, value, unit, qualifier, subject",
    [
        ("共划分综合网格1993个。", 1993, "个", "exact", "综合网格"),
        ("配备4744名网格长、网格员。", 4744, "名", "exact", "网格长、网格员"),
        ("共吸纳157人就业。", 157, "人", "exact", "就业"),
        ("引进企业投资240余万元。", 2_400_000, "元", "more_than", "企业投资"),
        ("人均增收超2000元。", 2000, "元", "more_than", "人均增收"),
        ("服务群众近千名。", 1000, "名", "about", "群众"),
        ("参与率达百分之九十五。", 0.95, "%", "exact", "参与率"),
        ("六成村民参加了议事。", 0.6, "%", "exact", "村民"),
        ("新建活动室约200平方米。", 200, "平方米", "about", "新建活动室"),
        ("受理诉求3000件以上。", 3000, "件", "more_than", "诉求"),
        ("空置率不到10%。", 0.1, "%", "less_than", "空置率"),
        ("全镇4.2万人口。", 42000, "人", "exact", "人口"),
    ],
)
def test_metrics_with_value_unit_qualifier_and_subject(text, value, unit, qualifier, subject):
    found = metrics_in_text(text)
    assert len(found) == 1, found
    m = found[0]
    assert (m.value, m.unit, m.qualifier) == (pytest.approx(value), unit, qualifier)
    assert m.subject == subject
    assert text[m.start:m.end] == m.quote


def test_ranges_keep_both_ends():
    (m,) = metrics_in_text("每个网格300—500户。")
    assert (m.value, m.value_high, m.unit, m.qualifier) == (300, 500, "户", "exact")


@pytest.mark.parametrize(
    "text",
    [
        "党的十八届四中全会提出,党的二十大报告指出。",   # ordinals and names
        "2023年3月15日召开会议。",                       # dates and years
        "推行一委三会、四议两公开和五个一工程。",         # numeral formulas
        "形成“1+1>2”的合力。",                          # arithmetic slogans
        "第三批试点名单公布。",                          # ordinals
        "建立一个平台,选派一名书记。",                   # the article 一
        "联系电话0515-88886666。",                       # phone numbers
        "千家万户都参与,多个部门联动。",                  # idioms and vague amounts
        "二十届中央纪委三次全会召开。",                   # plenary sessions
        "编研五处处长肖鹏。",                            # offices
    ],
)
def test_traps_are_not_metrics(text):
    assert metrics_in_text(text) == [], metrics_in_text(text)


def _seed_gold():
    return yaml.safe_load((DATA / "seed_metrics.yaml").read_text(encoding="utf-8"))["metrics"]


def test_seed_metrics_recall_values_subjects_and_no_false_positives():
    corpus = gk.load_corpus()
    df = extract_metrics(corpus)
    assert list(df.columns) == COLUMNS
    for row in df.itertuples():
        assert corpus[row.doc_id].text[row.start:row.end] == row.quote
        assert row.qualifier in QUALIFIERS
    gold = _seed_gold()
    matched, right_value, right_subject = set(), 0, 0
    for g in gold:
        text = corpus[g["doc_id"]].text
        start = text.find(g["quote"])
        end = start + len(g["quote"])
        rows = df[(df.doc_id == g["doc_id"]) & (df.start < end) & (df.end > start)]
        assert len(rows) == 1, g
        matched.add(rows.index[0])
        row = rows.iloc[0]
        right_value += row.value == pytest.approx(g["value"]) and row.unit == g["unit"]
        right_subject += row.subject == g["subject"]
    extras = df.drop(index=list(matched))
    print(f"seed metrics: {len(matched)}/{len(gold)} found, {right_value} right value+unit, "
          f"{right_subject} right subject, {len(extras)} false positives")
    assert right_value == len(gold)
    assert right_subject >= len(gold) - 1  # one subject (4个 …) is elided in the text itself
    assert extras.empty, extras[["doc_id", "quote"]].values.tolist()


def test_fiction_and_policy_prose_without_numbers_give_no_rows():
    corpus = gk.load_corpus()
    df = extract_metrics(corpus)
    assert set(df.doc_id) <= {"sheyang_2023", "interview_2024", "gaoqiao_2024"}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="一二三四五六七八九十百千万亿两余多近约超不到以上左右个名人户元%成第届年月日0123456789.,—至网格员、,。“”+", max_size=80))
def test_never_raises_and_spans_round_trip(text):
    for m in metrics_in_text(text):
        assert text[m.start:m.end] == m.quote
        assert m.qualifier in QUALIFIERS


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_arbitrary_unicode(text):
    for m in metrics_in_text(text):
        assert text[m.start:m.end] == m.quote


def test_bad_arguments_and_rule_files(tmp_path):
    with pytest.raises(TypeError, match="字符串"):
        metrics_in_text(None)
    bad = tmp_path / "metrics.yaml"
    bad.write_text("units: {个: 个}\n", encoding="utf-8")
    with pytest.raises(gk.errors.RuleFileError, match="units"):
        load_metric_rules(bad)


def test_fixture_reports_value_and_unit_f1():
    """Three invented reports (Chinese numerals, 万, %, 成, 余/近/超; one Traditional, one GBK):
    every gold metric found with its value and unit, nothing else found (tests/data/metrics_gold.yaml)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    gold = yaml.safe_load((DATA / "metrics_gold.yaml").read_text(encoding="utf-8"))["documents"]
    tp = fp = fn = 0
    for entry in gold:
        doc = gk.read_document(root / entry["file"])
        assert doc.meta["script"] == entry["script"]
        df = extract_metrics(doc)
        used = set()
        for g in entry["metrics"]:
            start = -1
            for _ in range(g.get("occurrence", 1)):
                start = doc.text.find(g["quote"], start + 1)
            end = start + len(g["quote"])
            want = g["value"] if g["value"] is not None else g["value_low"]
            rows = df[(df.start < end) & (df.end > start)]
            hits = [i for i, row in rows.iterrows() if row.value == pytest.approx(want) and row.unit == g["unit"]]
            if hits:
                tp += 1
                used.add(hits[0])
                if g.get("value_high") is not None:
                    assert df.loc[hits[0], "value_high"] == pytest.approx(g["value_high"])
            else:
                fn += 1
        fp += len(set(df.index) - used)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    print(f"fixture metrics: {tp} right, {fp} false positives, {fn} missed; F1 {f1:.3f}")
    assert f1 >= 0.9


def test_metrics_table_derives_indicators_from_extracted_values():
    from governance_kit.metrics import TABLE_COLUMNS, metrics_table

    corpus = gk.load_corpus()
    table = metrics_table(corpus)
    assert list(table.columns) == TABLE_COLUMNS
    sheyang = table[(table.doc_id == "sheyang_2023") & table.derived].set_index("indicator")
    extracted = extract_metrics(corpus["sheyang_2023"]).set_index("quote")
    staff, grids = extracted.loc["4744名", "value"], extracted.loc["1993个", "value"] + extracted.loc["442个", "value"]
    assert sheyang.loc["staff_per_grid", "value"] == pytest.approx(staff / grids, abs=1e-4)
    assert sheyang.loc["staff_per_grid", "formula"] == "4744名 / (1993个 + 442个)"
    assert set(table[~table.derived].quote) == set(extract_metrics(corpus).quote)
    assert table[table.doc_id == "sheyang_2023"].place.iloc[0] == "射阳县"


def test_metrics_table_needs_both_figures():
    from governance_kit.metrics import metrics_table

    table = metrics_table("全县配备网格员300名。")
    assert not table.derived.any() and len(table) == 1


# --- the bundled files, edited while a kernel runs ---------------------------------------------------

@pytest.fixture
def edited(bundled_copy):
    """Copies of metrics.yaml and indicators.yaml that the kit reads instead of the bundled files."""
    from governance_kit.metrics import rules, table

    return {name: bundled_copy(name, rules, table) for name in (rules.RULES_FILE, table.INDICATORS_FILE)}


def test_indicators_are_reread_after_an_edit(edited):
    from governance_kit.metrics import metrics_table

    text = "全县划分综合网格20个,配备网格员60名。"
    assert metrics_table(text).set_index("indicator").loc["staff_per_grid", "value"] == 3.0
    path = edited["indicators.yaml"]
    path.write_text(path.read_text(encoding="utf-8").replace("id: staff_per_grid", "id: staff_grid_ratio"),
                    encoding="utf-8")
    derived = metrics_table(text).query("derived")
    assert list(derived.indicator) == ["staff_grid_ratio"] and list(derived.value) == [3.0]


def test_metric_rules_are_reread_after_an_edit(edited):
    assert metrics_in_text("配备渔船5艘") == []
    path = edited["metrics.yaml"]
    path.write_text(path.read_text(encoding="utf-8").replace("units:\n", "units:\n  艘: [艘, 1]\n", 1),
                    encoding="utf-8")
    assert [(m.value, m.unit) for m in metrics_in_text("配备渔船5艘")] == [(5.0, "艘")]


def test_a_yaml_error_in_the_indicators_names_file_and_line(edited):
    from governance_kit.metrics import metrics_table

    path = edited["indicators.yaml"]
    path.write_text(path.read_text(encoding="utf-8") + "  - id: [broken\n", encoding="utf-8")
    with pytest.raises(gk.errors.RuleFileError, match=r"indicators\.yaml 第 \d+ 行:YAML 格式错误"):
        metrics_table("全县划分综合网格20个,配备网格员60名。")


def test_a_middle_dot_is_a_decimal_point_only_before_a_percent_sign():
    """Older printed reports write 14·1％; 5·12 (a date, a disaster's name) is no number."""
    from governance_kit import extract_metrics

    found = extract_metrics("全年粮食增产14·1％，棉花增产8·5％。")
    assert [round(v, 4) for v in found["value"]] == [0.141, 0.085] and set(found["unit"]) == {"%"}
    assert extract_metrics("纪念5·12汶川地震十周年。").empty
