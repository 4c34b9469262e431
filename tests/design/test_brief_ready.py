"""A brief ready to present (issue 17, Deliver 4): the flowchart as a picture, the assumptions behind
every simulated figure, the trainee's reasoning and adopted mechanisms, 虚构 on teaching cases, and
official typography (full-width punctuation, ordered headings, page numbers, the date, 宋体)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date

import pytest

from governance_kit.design.brief import FICTIONAL_MARK, design_brief, design_brief_docx
from governance_kit.design.deliberation import TEMPLATES, Context, Group, simulate
from governance_kit.design.grid import DesignError, plan
from governance_kit.design.grid_simulation import simulate as simulate_grid
from governance_kit.design.sections import ADOPTED_PLACEHOLDER, RATIONALE_PLACEHOLDER
from governance_kit.design.teaching import teaching_case

DAY = date(2025, 3, 1)
# a half-width , ; : ( ) right next to a Chinese character (the test's own reading of GB/T 15834)
HALF_WIDTH = re.compile(r"(?<=[\u4e00-\u9fff])[,;:()]|[,;:()](?=[\u4e00-\u9fff])")


def count_halfwidth(text: str) -> int:
    return len(HALF_WIDTH.findall(text))

REASONS = {"网格划分": "按自然村的山路远近划分,上湾和下湾共用一名网格员。",
           "出席估计": "外出代表的出席概率取三成,依据是近两年代表会议的签到记录。"}


@pytest.fixture(scope="module")
def village():
    """The rural teaching case (invented), as lecture 08 starts with it."""
    case = teaching_case("rural")
    grid_plan = plan(**case.plan_args(), target=350)
    procedure = TEMPLATES["四议两公开"]()
    context = Context.village(households=case.households)
    grid_result = simulate_grid(grid_plan, days=30, seed=7)
    vote = simulate(procedure, [Group("在村代表", 50, 0.8, 0.6, women=0.4, elderly=0.5),
                                Group("外出代表", 20, 0.3, 0.5, women=0.3, elderly=0.1)], runs=300, seed=11)
    return grid_plan, procedure, context, grid_result, vote


@pytest.fixture(scope="module")
def own():
    """A community of the trainee's own (not a teaching case)."""
    grid_plan = plan("柳岸社区", [("1号楼", 180), ("2号楼", 160), ("3号楼", 200)], target=300)
    procedure = TEMPLATES["城市居民议事会"]()
    return grid_plan, procedure, Context.community(households=grid_plan.households)


@pytest.fixture(scope="module")
def village_docx(village, tmp_path_factory):
    grid_plan, procedure, context, grid_result, vote = village
    path = tmp_path_factory.mktemp("brief") / "青石村.docx"
    return design_brief_docx(grid_plan, procedure, context, path, grid_summary=grid_result, deliberation_summary=vote,
                             rationale=REASONS, adopted=_codings(), on=DAY)


def _codings():
    from governance_kit.codebook.coding import code_patterns

    text = ("示例县推行网格化管理,全县划分网格一百二十个。各村坚持四议两公开,重大事项先由党组织提议。"
            "县里总结推广枫桥经验,矛盾纠纷就地化解。")
    found = code_patterns(text, discover=False)
    assert len(found) >= 2
    return found


def _word(path):
    from docx import Document

    return Document(str(path))


def _all_texts(word) -> list[str]:
    """Every paragraph of the body, every table cell, and the footers."""
    texts = [p.text for p in word.paragraphs]
    texts += [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    texts += [p.text for section in word.sections for p in section.footer.paragraphs]
    return texts


def _table(word, first_cell: str):
    rows = [[cell.text for cell in row.cells] for table in word.tables for row in table.rows[:1]]
    index = next(i for i, row in enumerate(rows) if row[0] == first_cell)
    return [tuple(cell.text for cell in row.cells) for row in word.tables[index].rows]


# --- the flowchart -------------------------------------------------------------------------------------

def test_the_flowchart_is_a_picture_in_word_and_mermaid_only_in_markdown(village, village_docx):
    word = _word(village_docx)
    assert len(word.inline_shapes) == 2  # the grid's event flow, then the deliberation procedure
    for picture in word.inline_shapes:
        assert 0 < picture.width.cm <= 15.01 and 0 < picture.height.cm <= 20.01
        blob = word.part.related_parts[picture._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        assert blob[:8] == b"\x89PNG\r\n\x1a\n"
    texts = [p.text for p in word.paragraphs]
    assert "图　四议两公开议事流程" in texts and not any("flowchart" in t or "-->" in t for t in texts)
    grid_plan, procedure, context, *_ = village
    text = design_brief(grid_plan, procedure, context, on=DAY)
    assert "```mermaid\nflowchart TD" in text and "**图　四议两公开议事流程**" in text


def test_the_grid_table_stays_the_first_table(village, village_docx):
    grid_plan = village[0]
    rows = [tuple(c.text for c in row.cells) for row in _word(village_docx).tables[0].rows]
    assert rows[0][:4] == ("网格", "类型", "户数", "包含") and len(rows) == len(grid_plan.grids) + 1


# --- assumptions ---------------------------------------------------------------------------------------

def test_every_simulation_lists_its_assumptions(village, village_docx):
    word = _word(village_docx)
    grid_rows, vote_rows = [t for t in (_rows(table) for table in word.tables) if t[0] == ("项目", "取值", "性质")]
    grid = {row[0]: row[1:] for row in grid_rows}
    assert grid["模拟天数"] == ("30 天", "模拟设定") and grid["随机数种子（seed）"][0] == "7"
    assert grid["网格"][0].startswith(f"{len(village[0].grids)} 个") and f"共 {village[0].households} 户" in grid["网格"][0]
    assert grid["村（社区）层处理人手"] == ("2 人", "教学假设")
    assert grid["巡查覆盖"] == ("每名网格员每天 150 户", "教学假设")
    assert grid["事件发生率：矛盾纠纷"][0].startswith("每户每年 0.05 件") and grid["事件发生率：矛盾纠纷"][1] == "教学假设"
    assert grid["办结时限"][1].startswith("地方规定")
    vote = {row[0]: row[1:] for row in vote_rows}
    assert vote["决议机构"][0] == "村民代表会议" and vote["法定出席"][0] == "三分之二以上组成人员出席"
    assert vote["模拟次数"][0] == "300 次" and vote["随机数种子（seed）"][0] == "11"
    assert vote["一次开成时从提议到决议"][1].startswith("教学假设")
    people = _table(word, "人群")
    assert people[0] == ("人群", "人数", "出席概率", "赞成概率", "妇女占比", "60 岁以上占比")
    assert people[1:] == [("在村代表", "50", "80%", "60%", "40%", "50%"), ("外出代表", "20", "30%", "50%", "30%", "10%")]
    texts = [p.text for p in word.paragraphs]
    assert any("均为教学假设" in t for t in texts)   # a teaching case: the group estimates are teaching assumptions


def _rows(table):
    return [tuple(cell.text for cell in row.cells) for row in table.rows]


def test_the_trainees_own_estimates_and_settings_are_labelled_as_theirs(own):
    grid_plan, procedure, context = own
    grid_result = simulate_grid(grid_plan, days=20, seed=3, handlers=[2, 3, 3, 4], patrol_households_per_day=90)
    vote = simulate(procedure, [Group("常住户", 400, 0.6, 0.6)], runs=100, seed=2)
    text = design_brief(grid_plan, procedure, context, grid_summary=grid_result, deliberation_summary=vote)
    assert "| 村（社区）层处理人手 | 3 人 | 学员设定 |" in text and "| 巡查覆盖 | 每名网格员每天 90 户 | 学员设定 |" in text
    assert "均为学员的估计" in text and "依据" in text


def test_a_summary_without_inputs_asks_for_a_new_run(own):
    grid_plan, procedure, context = own
    old = {"on_time_rate": 0.9, "events": 10, "closed": 9}
    vote = simulate(procedure, [Group("常住户", 400, 0.6, 0.6)], runs=50, seed=2).summary
    vote = {k: v for k, v in vote.items() if k != "inputs"}
    text = design_brief(grid_plan, procedure, context, grid_summary=old, deliberation_summary=vote)
    assert text.count("请重新运行模拟后再生成简报") == 2 and "| 模拟天数 |" not in text


# --- the trainee's own text ------------------------------------------------------------------------------

def test_the_rationale_is_the_trainees_text(village, village_docx):
    texts = [(p.style.name, p.text) for p in _word(village_docx).paragraphs]
    assert ("Heading 2", "一、设计说明与理由") in texts
    assert ("Heading 3", "网格划分") in texts and ("Heading 3", "出席估计") in texts
    assert ("Normal", "按自然村的山路远近划分，上湾和下湾共用一名网格员。") in texts   # set in full-width marks
    assert RATIONALE_PLACEHOLDER not in [t for _, t in texts]
    grid_plan, procedure, context, *_ = village
    plain = design_brief(grid_plan, procedure, context, rationale="第一段理由。\n\n第二段理由。")
    assert "## 一、设计说明与理由\n\n第一段理由。\n\n第二段理由。\n\n## 二、网格体系" in plain


def test_without_a_rationale_the_brief_says_what_to_write(own):
    text = design_brief(*own)
    assert RATIONALE_PLACEHOLDER in text and ADOPTED_PLACEHOLDER in text
    assert "rationale" in RATIONALE_PLACEHOLDER and "adopted" in ADOPTED_PLACEHOLDER
    assert design_brief(*own, rationale="  ") == text


def test_bad_rationale_and_adopted_get_chinese_errors(own):
    with pytest.raises(DesignError, match="rationale 应是"):
        design_brief(*own, rationale=["理由"])
    with pytest.raises(DesignError, match="“网格”对应的应是一段文字"):
        design_brief(*own, rationale={"网格": 3})
    with pytest.raises(DesignError, match="adopted 应是"):
        design_brief(*own, adopted="网格化管理")
    with pytest.raises(DesignError, match="第 1 行缺少"):
        design_brief(*own, adopted=[{"doc_id": "示例"}])
    with pytest.raises(DesignError, match="fictional"):
        design_brief(*own, fictional="是")


def test_adopted_mechanisms_come_with_their_evidence_and_source(village_docx):
    codings = _codings()
    rows = _table(_word(village_docx), "借鉴做法")
    assert rows[0] == ("借鉴做法", "原文证据", "出处")
    names = set(codings.name)
    assert {row[0] for row in rows[1:]} == names and {row[2] for row in rows[1:]} == {"text"}
    assert any("全县划分网格一百二十个" in row[1] for row in rows[1:])


def test_adopted_as_a_list_of_dicts_and_capped(own):
    adopted = [{"name": "民主恳谈", "sentence": "每季度召开一次民主恳谈会。", "doc_id": "示例镇_2024"},
               {"做法": "积分制", "证据": "以积分兑换生活用品。", "出处": "示例村简报"}]
    text = design_brief(*own, adopted=adopted + adopted)   # duplicates shown once
    assert text.count("| 民主恳谈 | 每季度召开一次民主恳谈会。 | 示例镇_2024 |") == 1
    assert "| 积分制 | 以积分兑换生活用品。 | 示例村简报 |" in text
    many = [{"name": f"做法{i}", "sentence": f"第{i}句。", "doc_id": "甲"} for i in range(40)]
    text = design_brief(*own, adopted=many)
    assert "| 做法29 |" in text and "| 做法30 |" not in text and "另有 10 条未列出" in text


# --- 虚构 ---------------------------------------------------------------------------------------------

def test_a_teaching_case_is_marked_fictional(village, village_docx):
    texts = [p.text for p in _word(village_docx).paragraphs]
    assert texts[0] == "青石村基层治理设计简报" + FICTIONAL_MARK
    assert any(t.startswith("说明：本简报所用的是虚构教学案例。") and "不得当作真实统计引用" in t for t in texts)
    grid_plan, procedure, context, *_ = village
    procedure_only = procedure.__class__(f"青石村{procedure.name}", procedure.kind, procedure.stages)
    assert design_brief(None, procedure_only, context).splitlines()[0].endswith(FICTIONAL_MARK)
    assert FICTIONAL_MARK not in design_brief(grid_plan, procedure, context, fictional=False)


def test_an_own_community_is_not_marked_unless_asked(own):
    assert "虚构" not in design_brief(*own).split("\n", 1)[0]
    marked = design_brief(*own, fictional=True)
    assert marked.startswith("# 柳岸社区基层治理设计简报" + FICTIONAL_MARK) and "“柳岸社区”是虚构的教学案例" in marked


# --- typography ---------------------------------------------------------------------------------------

def test_no_half_width_punctuation_next_to_chinese_anywhere(village, village_docx, own):
    grid_plan, procedure, context, grid_result, vote = village
    text = design_brief(grid_plan, procedure, context, grid_summary=grid_result, deliberation_summary=vote,
                        rationale=REASONS, adopted=_codings())
    assert count_halfwidth(text) == 0, [line for line in text.splitlines() if count_halfwidth(line)]
    texts = _all_texts(_word(village_docx))
    assert sum(count_halfwidth(t) for t in texts) == 0, [t for t in texts if count_halfwidth(t)]
    # every template, with findings (an unlawful quorum) and both kinds of community
    for name, make in TEMPLATES.items():
        broken = make()
        for stage in broken.stages:
            if stage.quorum is not None:
                stage.quorum = 0.2
        place = own[2] if broken.kind == "社区" else context
        text = design_brief(grid_plan if broken.kind == "村" else own[0], broken, place)
        assert count_halfwidth(text) == 0, (name, [line for line in text.splitlines() if count_halfwidth(line)])


def test_headings_are_in_order_and_numbered(village):
    grid_plan, procedure, context, grid_result, vote = village
    text = design_brief(grid_plan, procedure, context, grid_summary=grid_result, deliberation_summary=vote)
    levels = [len(line.split(" ")[0]) for line in text.splitlines() if line.startswith("#")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:]))     # never skips a level
    parts = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert [p[:2] for p in parts] == ["一、", "二、", "三、", "四、"]
    assert parts[0] == "一、设计说明与理由" and parts[1] == "二、网格体系" and parts[3] == "四、借鉴做法及出处"


def test_the_date_and_page_numbers(village_docx):
    word = _word(village_docx)
    assert word.paragraphs[1].text == "生成日期：2025年3月1日"
    footer = word.sections[0].footer.paragraphs[0]
    codes = footer._p.xpath(".//w:instrText")
    assert [c.text.strip() for c in codes] == ["PAGE"]
    assert [f.get(f"{{{footer._p.nsmap['w']}}}fldCharType") for f in footer._p.xpath(".//w:fldChar")] == [
        "begin", "separate", "end"]
    assert footer.text == "— 1 —"
    section = word.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_chinese_is_set_in_a_named_east_asian_font(village_docx):
    from docx.oxml.ns import qn

    word = _word(village_docx)
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Caption", "List Bullet"):
        fonts = word.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "宋体" and fonts.get(qn("w:eastAsiaTheme")) is None, name


def test_today_is_the_default_date(own):
    today = date.today()
    assert f"生成日期：{today.year}年{today.month}月{today.day}日" in design_brief(*own)


# --- lecture calls and other programs --------------------------------------------------------------------

def test_the_calls_of_lectures_06_to_08_still_work(village, tmp_path):
    grid_plan, procedure, context, grid_result, vote = village
    paths = [design_brief_docx(grid_plan, None, None, tmp_path / "06.docx", grid_summary=grid_result),
             design_brief_docx(None, procedure, context, tmp_path / "07.docx", deliberation_summary=vote[1]),
             design_brief_docx(grid_plan, procedure, context, tmp_path / "08.docx", grid_summary=grid_result,
                               deliberation_summary=vote)]
    shapes = [len(_word(p).inline_shapes) for p in paths]
    assert shapes == [1, 1, 2]  # the grid's event flow, the procedure, both
    assert "模拟所依据的假设" in "\n".join(_all_texts(_word(paths[0])))


def test_importing_the_brief_does_not_import_matplotlib():
    code = ("import sys, governance_kit, governance_kit.design.brief, governance_kit.design.deliberation;"
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) 未安装")
def test_libreoffice_opens_the_brief(village_docx, tmp_path):
    """LibreOffice converts the brief to PDF headless (where it is installed)."""
    profile = tmp_path / "profile"   # a private profile: no clash with a running LibreOffice
    result = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(village_docx)], capture_output=True, text=True, timeout=180, check=False)
    pdf = tmp_path / (village_docx.stem + ".pdf")
    assert result.returncode == 0 and pdf.exists(), result.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and re.search(rb"/Subtype\s*/Image", data)   # the flowchart survived


def test_brief_masks_personal_data_unless_turned_off(tmp_path):
    """A phone number in the trainee's own text is masked in Markdown and Word, and counted."""
    from docx import Document as Word

    from governance_kit.design.brief import design_brief, design_brief_docx
    from governance_kit.design.grid import plan

    grid = plan("青石村", [("一组", 80), ("二组", 90)], target=120, kind="村")
    text = "联系网格员请拨13912345678。"
    masked = design_brief(grid, None, None, rationale=text)
    assert "13912345678" not in masked and "139××××5678" in masked
    assert "个人信息已遮盖：手机号 1 处" in masked
    path = design_brief_docx(grid, None, None, tmp_path / "b.docx", rationale=text)
    words = "\n".join(p.text for p in Word(path).paragraphs)
    assert "13912345678" not in words and "139××××5678" in words
    kept = design_brief(grid, None, None, rationale=text, redact=False)
    assert "13912345678" in kept and "未遮盖个人信息" in kept


def test_an_empty_rationale_heading_asks_for_that_heading():
    from governance_kit.design.sections import rationale_blocks

    texts = [getattr(b, "text", "") for b in rationale_blocks({"网格划分": "按楼栋分格。", "人员配置": "  "})]
    assert texts == ["网格划分", "按楼栋分格。", "人员配置", "【待填写】请在 rationale 的“人员配置”一项里写上你的理由。"]
