"""The deliberation flowchart as an image (governance_kit.design.flowchart)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from governance_kit.design.deliberation import TEMPLATES
from governance_kit.design.flowchart import _NO_LINE_START, _wrap, flowchart_png, flowchart_steps, stage_lines
from governance_kit.design.procedure import Procedure, Stage


def _size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_a_png_whose_height_grows_with_the_stages():
    short = flowchart_png(Procedure("短", "村", [Stage("提议", "村民"), Stage("决议", "村民会议")]), dpi=50)
    long = flowchart_png(TEMPLATES["四议两公开"](), dpi=50)
    assert short[:8] == long[:8] == b"\x89PNG\r\n\x1a\n"
    assert _size(short)[0] == _size(long)[0] and _size(long)[1] > 2 * _size(short)[1]


def test_each_box_says_role_body_rules_and_note_in_full_width():
    stage = TEMPLATES["四议两公开"]().stages[3]            # 决议: 村民代表会议
    lines = stage_lines(stage)
    assert lines[0] == "决议：村民代表会议"
    assert lines[1] == "三分之二以上组成人员出席，到会过半数通过，提前 3 天通知"
    assert lines[2].startswith("提前三天通知为浙江等地的地方规定（")
    steps = flowchart_steps(TEMPLATES["城市居民议事会"]())
    assert steps[0] == "提议：居民" and len(steps) == 4


def test_the_figure_does_not_touch_pyplot_state():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    flowchart_png(TEMPLATES["村务公开"](), dpi=40)
    assert plt.get_fignums() == before


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="网格村民议事会提前通知，；。、）》”", max_size=90), st.integers(6, 30))
def test_wrapping_keeps_the_text_and_never_starts_a_line_with_a_closing_mark(text, width):
    lines = _wrap(text, width)
    assert "".join(lines) == text
    assert all(line for line in lines)
    assert all(line[0] not in _NO_LINE_START for line in lines[1:])


def test_grid_flow_has_a_box_per_tier_with_its_handlers_and_time_limit():
    from governance_kit.design.flowchart import grid_flow_lines, grid_flowchart_png

    boxes = grid_flow_lines(["网格", "社区", "街道", "区"], [6, 0, 3, 2], [0, 3, 7, 15])
    assert [head.split("：")[0] for head, _ in boxes] == ["网格", "社区", "街道", "区"]
    assert "当天办结" in boxes[0][1][0] and "6 人处理" in boxes[0][1][0]
    assert "不设专人" in boxes[1][1][0] and "15 天内办结" in boxes[3][1][0] and "须办结" in boxes[3][1][0]
    two, four = grid_flowchart_png(["网格", "社区"], [1, 1], [0, 3], dpi=50), grid_flowchart_png(
        ["网格", "社区", "街道", "区"], [6, 0, 3, 2], [0, 3, 7, 15], dpi=50)
    assert two[:8] == b"\x89PNG\r\n\x1a\n" and _png_height(four) > _png_height(two)


def _png_height(png: bytes) -> int:
    return int.from_bytes(png[20:24], "big")


def test_the_grid_brief_embeds_the_event_flow(tmp_path):
    from docx import Document as Word

    from governance_kit.design.brief import design_brief, design_brief_docx
    from governance_kit.design.grid import plan
    from governance_kit.design.grid_simulation import simulate

    grid = plan("某社区", [("1栋", 200), ("2栋", 260)], target=300)
    result = simulate(grid, days=30, seed=1)
    path = design_brief_docx(grid, None, None, tmp_path / "g.docx", grid_summary=result)
    assert len(Word(path).inline_shapes) == 1
    text = design_brief(grid, None, None, grid_summary=result)
    assert "事件处置流程" in text and "网格员巡查发现" in text
