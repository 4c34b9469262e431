"""The checks of notebook 03 (治理模式编码): right answers pass, typical mistakes get their own hint."""
from __future__ import annotations

import pytest

import governance_kit as gk
from governance_kit.course.checks import nb03
from governance_kit.course.feedback import Hint
from check_helpers import fails

GRID = "grid_management"


@pytest.fixture(scope="module")
def corpus():
    return gk.load_corpus()


@pytest.fixture(scope="module")
def sheyang_codes(corpus):
    return gk.code_patterns(corpus["sheyang_2023"])


@pytest.fixture(scope="module")
def codings(corpus):
    return gk.code_patterns(corpus)


@pytest.fixture(scope="module")
def prof(corpus, codings):
    return gk.profile(corpus, codings=codings)


# --- 3.1 ------------------------------------------------------------------------------------------

def grid_table(codes):
    grid = codes[codes["category"] == GRID]
    return grid[["name", "sentence"]].drop_duplicates("name")


def test_ex1_right_answer_passes(sheyang_codes, capsys):
    answer = grid_table(sheyang_codes)
    nb03.ex1(answer)
    nb03.ex1_hidden(answer)
    assert "✓ 练习 3.1 通过" in capsys.readouterr().out


def test_ex1_codebook_only_and_corpus_codings_pass(corpus, codings):
    nb03.ex1_hidden(grid_table(gk.code_patterns(corpus["sheyang_2023"], discover=False)))
    nb03.ex1_hidden(grid_table(codings[codings["doc_id"] == "sheyang_2023"]))


@pytest.mark.parametrize("check", [nb03.ex1, nb03.ex1_hidden])
def test_ex1_unanswered(check):
    fails(check, ..., "还没有作答")


def test_ex1_chinese_label(sheyang_codes):
    rows = sheyang_codes[sheyang_codes["category"] == "网格化管理"]
    fails(nb03.ex1, rows[["name", "sentence"]], "英文键")


def test_ex1_filtered_by_pattern(sheyang_codes):
    rows = sheyang_codes[sheyang_codes["pattern"] == GRID]
    fails(nb03.ex1, rows[["name", "sentence"]].drop_duplicates("name"), "按 pattern 列筛选")


def test_ex1_other_categories(sheyang_codes):
    fails(nb03.ex1, sheyang_codes[["name", "sentence"]].drop_duplicates("name"), "混进了其他类别的机制")


def test_ex1_other_documents(codings):
    fails(nb03.ex1, grid_table(codings), "不是射阳")


def test_ex1_duplicates_kept(sheyang_codes):
    rows = sheyang_codes[sheyang_codes["category"] == GRID]
    fails(nb03.ex1, rows[["name", "sentence"]], "drop_duplicates")


def test_ex1_missing_column(sheyang_codes):
    rows = sheyang_codes[sheyang_codes["category"] == GRID]
    fails(nb03.ex1, rows[["name"]].drop_duplicates("name"), "缺少这些列：sentence")


def test_ex1_rows_dropped(sheyang_codes):
    fails(nb03.ex1, grid_table(sheyang_codes).head(3), "还少了网格化管理类的机制")


def test_ex1_sentences_shuffled(sheyang_codes):
    table = grid_table(sheyang_codes).copy()
    table["sentence"] = list(table["sentence"])[::-1]
    fails(nb03.ex1, table, "不是它的证据")


def test_ex1_hidden_not_first_evidence(sheyang_codes):
    grid = sheyang_codes[sheyang_codes["category"] == GRID]
    last = grid[["name", "sentence"]].drop_duplicates("name", keep="last")
    if set(zip(last["name"], last["sentence"])) == set(zip(*[grid_table(sheyang_codes)[c] for c in ("name", "sentence")])):
        pytest.skip("every mechanism has one evidence sentence only")
    nb03.ex1(last)
    fails(nb03.ex1_hidden, last, "第一处编码到它的句子")


# --- 3.2 ------------------------------------------------------------------------------------------

NEW = dict(id="gongchuang_gaoqiao", name="共创高桥", category="party_leadership",
           description="高桥镇以基层党建为牵引打造的基层治理品牌", source="高桥镇实践（gaoqiao_2024）")


@pytest.fixture(scope="module")
def cb():
    return gk.load_codebook()


def test_ex2_right_answer_passes(cb, tmp_path, capsys):
    my_cb = gk.load_codebook(cb.add(**NEW).to_excel(tmp_path / "编码本.xlsx"))
    nb03.ex2(my_cb)
    nb03.ex2_hidden(my_cb)
    assert "✓ 练习 3.2 通过" in capsys.readouterr().out


def test_ex2_yaml_passes(cb, tmp_path):
    nb03.ex2(gk.load_codebook(cb.add(**NEW).to_yaml(tmp_path / "codebook.yaml")))


@pytest.mark.parametrize("check", [nb03.ex2, nb03.ex2_hidden])
def test_ex2_unanswered(check):
    fails(check, ..., "还没有作答")


def test_ex2_in_memory_only(cb):
    fails(nb03.ex2, cb.add(**NEW), "只在内存里")


def test_ex2_path_not_codebook(cb, tmp_path):
    fails(nb03.ex2, cb.add(**NEW).to_excel(tmp_path / "编码本.xlsx"), "是文件路径")


def test_ex2_add_result_discarded(cb, tmp_path):
    cb.add(**NEW)  # the new codebook is thrown away; the old one is written
    fails(nb03.ex2, gk.load_codebook(cb.to_excel(tmp_path / "编码本.xlsx")), "不会改动原来的 cb")


def test_ex2_bundled_reloaded(cb):
    fails(nb03.ex2, gk.load_codebook(), "工具箱自带的编码本")


def test_ex2_wrong_id(cb, tmp_path):
    path = cb.add(**{**NEW, "id": "gongchuang"}).to_excel(tmp_path / "编码本.xlsx")
    fails(nb03.ex2, gk.load_codebook(path), "编号是 'gongchuang'")


def test_ex2_wrong_category(cb, tmp_path):
    path = cb.add(**{**NEW, "category": "self_governance"}).to_excel(tmp_path / "编码本.xlsx")
    fails(nb03.ex2, gk.load_codebook(path), "类别应是题目给的")


def test_ex2_wrong_name(cb, tmp_path):
    path = cb.add(**{**NEW, "name": "共创高侨"}).to_excel(tmp_path / "编码本.xlsx")
    fails(nb03.ex2, gk.load_codebook(path), "名称应是“共创高桥”")


def test_ex2_extra_entries(cb, tmp_path):
    more = cb.add(**NEW).add(id="yuanzi_yishi", name="院子议事", category="deliberation")
    fails(nb03.ex2, gk.load_codebook(more.to_excel(tmp_path / "编码本.xlsx")), "正好多 1 个")


def test_ex2_wrong_suffix(cb, tmp_path):
    my_cb = gk.load_codebook(cb.add(**NEW).to_excel(tmp_path / "编码本.xlsx"))
    my_cb.origin = str(tmp_path / "编码本.csv")
    fails(nb03.ex2, my_cb, "应是 .xlsx")


def test_ex2_written_into_the_package(cb, tmp_path):
    my_cb = gk.load_codebook(cb.add(**NEW).to_excel(tmp_path / "编码本.xlsx"))
    my_cb.origin = str(nb03._package_dir() / "data" / "编码本.xlsx")  # pretend: no file is written there
    fails(nb03.ex2, my_cb, "工具箱自己的文件夹")


def test_ex2_hidden_name_not_in_text(cb, tmp_path):
    # a name that is not in the text codes nothing (the visible check names the typo first)
    path = cb.add(**{**NEW, "name": "共创高侨"}).to_excel(tmp_path / "编码本.xlsx")
    fails(nb03.ex2_hidden, gk.load_codebook(path), "没有编码到 gongchuang_gaoqiao")


# --- 3.3 ------------------------------------------------------------------------------------------

def rates(prof):
    return prof.filter(like="_per_10k")


def test_ex3_right_answer_passes(prof, capsys):
    r = rates(prof)
    nb03.ex3(r.loc["jiangsu_2019"] - r.loc["sheyang_2023"])
    assert "✓ 练习 3.3 通过" in capsys.readouterr().out


def test_ex3_variants_pass(corpus, codings, prof):
    r = rates(prof)
    gap = r.loc["jiangsu_2019"] - r.loc["sheyang_2023"]
    nb03.ex3(gap.sort_values())                                       # sorted
    nb03.ex3(gap.rename(lambda c: c.removesuffix("_per_10k")))        # bare category keys
    strict = rates(gk.profile(corpus, codings=codings, include_discovered=False))
    nb03.ex3(strict.loc["jiangsu_2019"] - strict.loc["sheyang_2023"])  # codebook entries only


def test_ex3_unanswered():
    fails(nb03.ex3, ..., "还没有作答")


def test_ex3_reversed(prof):
    r = rates(prof)
    fails(nb03.ex3, r.loc["sheyang_2023"] - r.loc["jiangsu_2019"], "正负号反了")


def test_ex3_raw_counts(prof):
    from governance_kit.analysis.profiles import CATEGORIES

    counts = prof[list(CATEGORIES)]
    fails(nb03.ex3, counts.loc["jiangsu_2019"] - counts.loc["sheyang_2023"], "次数不能直接比")


def test_ex3_balance_columns(prof):
    b = prof.filter(like="balance_")
    fails(nb03.ex3, b.loc["jiangsu_2019"] - b.loc["sheyang_2023"], "balance_")


def test_ex3_table_not_difference(prof):
    fails(nb03.ex3, rates(prof).loc[["jiangsu_2019", "sheyang_2023"]], "两行相减")


def test_ex3_single_number(prof):
    r = rates(prof)
    fails(nb03.ex3, float(r.loc["jiangsu_2019", "rule_of_law_per_10k"] - r.loc["sheyang_2023", "rule_of_law_per_10k"]),
          "14 个类别各一个差值")


def test_ex3_missing_categories(prof):
    r = rates(prof)
    fails(nb03.ex3, (r.loc["jiangsu_2019"] - r.loc["sheyang_2023"]).head(4), "缺少这些类别")


def test_ex3_other_pair(prof):
    r = rates(prof)
    fails(nb03.ex3, r.loc["gaoqiao_2024"] - r.loc["sheyang_2023"], "差值不对")


# --- 3.4 ------------------------------------------------------------------------------------------

def discovered_names(codes):
    return codes.loc[codes["source"] == "discovered", "name"].tolist()


@pytest.fixture(scope="module")
def gaoqiao_codes(corpus):
    return gk.code_patterns(corpus["gaoqiao_2024"])


def test_ex4_right_answer_passes(gaoqiao_codes, capsys):
    names = discovered_names(gaoqiao_codes)
    nb03.ex4(names)
    nb03.ex4_hidden(names)
    assert "✓ 练习 3.4 通过" in capsys.readouterr().out
    nb03.ex4(gaoqiao_codes.loc[gaoqiao_codes["source"] == "discovered", "name"])  # a Series is fine


@pytest.mark.parametrize("check", [nb03.ex4, nb03.ex4_hidden])
def test_ex4_unanswered(check):
    fails(check, ..., "还没有作答")


def test_ex4_discovery_switched_off(corpus):
    fails(nb03.ex4, discovered_names(gk.code_patterns(corpus["gaoqiao_2024"], discover=False)), "不要关掉它")


def test_ex4_codebook_rows_kept(gaoqiao_codes):
    fails(nb03.ex4, gaoqiao_codes["name"].unique().tolist(), "已经在编码本里")


def test_ex4_whole_corpus(codings):
    fails(nb03.ex4, discovered_names(codings), "只看高桥一文")


def test_ex4_some_missing(gaoqiao_codes):
    fails(nb03.ex4, discovered_names(gaoqiao_codes)[:2], "还少了")


def test_ex4_table_not_list(gaoqiao_codes):
    fails(nb03.ex4, gaoqiao_codes[gaoqiao_codes["source"] == "discovered"], "是一张表")


def test_ex4_made_up_name(gaoqiao_codes):
    fails(nb03.ex4, discovered_names(gaoqiao_codes) + ["邻里议事港"], "不是发现功能给出的名称")


def test_ex4_hidden_duplicates(gaoqiao_codes):
    names = discovered_names(gaoqiao_codes)
    nb03.ex4(names + names[:1])
    fails(nb03.ex4_hidden, names + names[:1], "重复的名称")


def test_ex2_hidden_in_memory(cb):
    fails(nb03.ex2_hidden, cb.add(**NEW), "从你写出的文件读回")


def test_ex3_hints_use_names_the_notebook_has(prof):
    # the hints used to refer to `rates`, which only the hidden solution defines
    per = prof.filter(like="_per_10k")
    for wrong in (per.loc[["jiangsu_2019", "sheyang_2023"]], per.loc["sheyang_2023"] - per.loc["jiangsu_2019"]):
        with pytest.raises(Hint) as caught:
            nb03.ex3(wrong)
        assert "rates" not in str(caught.value) and "prof.filter" in str(caught.value), str(caught.value)
