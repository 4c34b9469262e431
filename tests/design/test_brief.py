"""The design brief of a grid plan and a deliberation procedure together (governance_kit.design.brief)."""
from __future__ import annotations

from datetime import datetime

import pytest

from governance_kit.design.brief import design_brief, design_brief_docx, new_brief_path
from governance_kit.design.deliberation import TEMPLATES, Context, Group, simulate, to_mermaid
from governance_kit.design.grid import DesignError, plan
from governance_kit.design.grid_simulation import simulate as simulate_grid
from governance_kit.design.typography import fullwidth


@pytest.fixture(scope="module")
def design():
    grid_plan = plan("桃源社区", [("1号楼", 180), ("2号楼", 160), ("3号楼", 200), ("4号楼", 150)],
                     special_units=["桃源农贸市场"], target=350)
    procedure = TEMPLATES["城市居民议事会"]()
    context = Context.community(households=grid_plan.households)
    grid_result = simulate_grid(grid_plan, days=30, seed=1)
    vote = simulate(procedure, [Group("常住户", 500, 0.7, 0.6), Group("外出户", 190, 0.3, 0.5)], runs=200, seed=1)
    return grid_plan, procedure, context, grid_result, vote


def _docx_text(path) -> tuple[str, list]:
    from docx import Document

    word = Document(str(path))
    return "\n".join(p.text for p in word.paragraphs), word.tables


def test_markdown_holds_both_designs(design):
    grid_plan, procedure, context, grid_result, (_, vote) = design
    text = design_brief(grid_plan, procedure, context, grid_summary=grid_result.summary, deliberation_summary=vote)
    assert text.startswith("# 桃源社区基层治理设计简报")
    for grid in grid_plan.grids:                       # grid table
        assert f"| {grid.name} | {grid.kind} | {grid.households} |" in text
    assert "网格长：" in text and "专职网格员：" in text   # staffing
    assert "## 二、网格体系" in text and "### 依规检验" in text
    assert "按时办结率" in text                          # grid simulation
    assert "## 三、议事协商方案：城市居民议事会" in text    # deliberation.brief, headings one level down
    for stage in procedure.stages:
        assert f"**{stage.role}**：{stage.body}" in text
    assert "```mermaid\n" + fullwidth(to_mermaid(procedure)) + "\n```" in text   # Markdown keeps the Mermaid text
    assert "### 依法检验" in text and "达不到法定人数的概率" in text


def test_findings_of_both_validators_are_listed():
    grid_plan = plan("小社区", [("1号楼", 120)], public_posting=False)
    procedure = TEMPLATES["城市居民议事会"]()
    procedure.stages[2].quorum = 0.3
    text = design_brief(grid_plan, procedure, Context.community(households=120))
    assert "【警告】综合网格“小社区第1网格”覆盖 120 户" in text
    assert "向社会公开公示" in text
    assert "【错误】居民会议必须有" in text and "《城市居民委员会组织法》第九条第三款" in text
    assert "模拟结果" not in text and "模拟所依据的假设" not in text                      # no summaries given, no simulation section


def test_summaries_may_be_given_as_the_simulation_results(design):
    grid_plan, procedure, context, grid_result, vote = design
    as_results = design_brief(grid_plan, procedure, context, grid_summary=grid_result, deliberation_summary=vote)
    as_dicts = design_brief(grid_plan, procedure, context, grid_summary=grid_result.summary,
                            deliberation_summary=vote[1])
    assert as_results == as_dicts


def test_title_and_kind_mismatch_note(design):
    grid_plan, _, _, _, _ = design
    text = design_brief(grid_plan, TEMPLATES["四议两公开"](), Context.village(households=400), title="我的方案")
    assert text.splitlines()[0] == "# 我的方案"
    assert "请核对是否一致" in text and "网格方案按“社区”设计" in text
    assert design_brief(grid_plan, None, None, title="虚构的方案").splitlines()[0] == "# 虚构的方案"


def test_a_brief_of_one_design_only(design, tmp_path):
    """Lecture 06 exports the grid plan alone, lecture 07 the procedure alone."""
    grid_plan, procedure, context, grid_result, vote = design
    grid_only = design_brief(grid_plan, None, None, grid_summary=grid_result)
    assert grid_plan.grids[0].name in grid_only and "按时办结率" in grid_only and "流程图" not in grid_only
    procedure_only = design_brief(None, procedure, context, deliberation_summary=vote)
    assert fullwidth(to_mermaid(procedure)) in procedure_only and grid_plan.grids[0].name not in procedure_only
    assert procedure_only.splitlines()[0] == f"# {procedure.name}基层治理设计简报"
    assert "## 二、议事协商方案" in procedure_only and "## 三、借鉴做法及出处" in procedure_only
    assert "网格体系" not in procedure_only
    path = design_brief_docx(None, procedure, context, tmp_path / "议事.docx", deliberation_summary=vote)
    assert path.exists()
    with pytest.raises(DesignError, match="至少需要"):
        design_brief(None, None, None)


def test_bad_inputs_get_chinese_errors(design):
    grid_plan, procedure, context, _, _ = design
    with pytest.raises(DesignError, match="网格方案"):
        design_brief("方案", procedure, context)
    with pytest.raises(DesignError, match="议事程序"):
        design_brief(grid_plan, "程序", context)
    with pytest.raises(DesignError, match="grid_summary"):
        design_brief(grid_plan, procedure, context, grid_summary=0.9)
    with pytest.raises(DesignError, match="deliberation_summary"):
        design_brief(grid_plan, procedure, context, deliberation_summary=[1, 2, 3])


def test_word_brief_holds_table_stages_findings_and_flowchart(design, tmp_path):
    from docx import Document

    grid_plan, procedure, context, grid_result, vote = design
    path = design_brief_docx(grid_plan, procedure, context, tmp_path / "简报.docx", grid_summary=grid_result,
                             deliberation_summary=vote)
    assert path == tmp_path / "简报.docx" and path.exists()
    text, tables = _docx_text(path)
    assert "桃源社区基层治理设计简报" in text
    # the grid table first (8.4's check reads it), then the assumptions of both simulations and the groups
    assert len(tables) == 4 and len(tables[0].rows) == len(grid_plan.grids) + 1
    assert [c.text for c in tables[0].rows[0].cells][:4] == ["网格", "类型", "户数", "包含"]
    assert {row.cells[0].text for row in tables[0].rows[1:]} == {g.name for g in grid_plan.grids}
    assert "网格长：" in text and "按时办结率" in text and "依法检验" in text
    for stage in procedure.stages:
        assert f"{stage.role}：{stage.body}" in text
    assert "flowchart" not in text and len(Document(str(path)).inline_shapes) == 2   # pictures, not Mermaid text
    assert "**" not in text                             # Markdown bold became bold runs


def test_word_brief_never_overwrites_unless_asked(design, tmp_path):
    grid_plan, procedure, context, _, _ = design
    path = tmp_path / "我的简报.docx"
    path.write_bytes(b"earlier brief")
    with pytest.raises(FileExistsError, match="已经存在"):
        design_brief_docx(grid_plan, procedure, context, path)
    assert path.read_bytes() == b"earlier brief"
    design_brief_docx(grid_plan, procedure, context, path, overwrite=True)
    assert path.read_bytes() != b"earlier brief"
    assert "桃源社区" in _docx_text(path)[0]


def test_word_brief_needs_a_docx_name(design, tmp_path):
    grid_plan, procedure, context, _, _ = design
    with pytest.raises(DesignError, match=r"\.docx"):
        design_brief_docx(grid_plan, procedure, context, tmp_path / "简报.md")
    assert not (tmp_path / "简报.md").exists()


def test_new_brief_path_is_stamped_and_never_taken(tmp_path):
    now = datetime(2025, 3, 1, 9, 30)
    first = new_brief_path("桃源 社区/一期", folder=tmp_path, now=now)
    assert first == tmp_path / "设计简报_桃源_社区_一期_20250301-0930.docx"
    first.write_bytes(b"x")
    second = new_brief_path("桃源 社区/一期", folder=tmp_path, now=now)
    assert second.name == "设计简报_桃源_社区_一期_20250301-0930_2.docx" and not second.exists()


def test_a_result_of_the_other_simulation_is_refused(design):
    grid_plan, procedure, context, grid_result, vote = design
    with pytest.raises(DesignError, match="grid_summary"):
        design_brief(grid_plan, procedure, context, grid_summary=vote)
    with pytest.raises(DesignError, match="deliberation_summary"):
        design_brief(grid_plan, procedure, context, deliberation_summary=grid_result)


def test_the_deliberation_part_sits_one_level_down_in_both_renderings(design, tmp_path):
    from docx import Document

    grid_plan, procedure, context, grid_result, vote = design
    text = design_brief(grid_plan, procedure, context, grid_summary=grid_result, deliberation_summary=vote)
    lines = text.splitlines()
    fence = lines.index("```mermaid")
    assert lines[fence - 2] == f"**图　{procedure.name}议事流程**" and lines[fence - 4] == "### 流程图"
    word = Document(str(design_brief_docx(grid_plan, procedure, context, tmp_path / "简报.docx", grid_summary=grid_result,
                                          deliberation_summary=vote)))
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    in_markdown = [(f"Heading {len(line.split(' ')[0])}", line.split(" ", 1)[1]) for line in lines if line.startswith("#")]
    assert headings == in_markdown
    assert ("Heading 2", "三、议事协商方案：城市居民议事会") in headings and ("Heading 3", "依法检验") in headings
