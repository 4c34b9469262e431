"""Line breaks inside sentences in PDF text (governance_kit.io.lines), and the PDF's date: the one
its text states before the file's own (governance_kit.io.office). The PDFs are made here, with
reportlab (a Chinese text layer) and the hand-made builder of tests/badinputs.py."""
from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import badinputs as B
from governance_kit.io.lines import join_broken_lines, line_width
from governance_kit.io.office import read_pdf

# Invented paragraphs of a county's work plan, cut at 26 cells as a page of that width would cut them.
PARAS = [
    "第一条 为了推进基层治理体系和治理能力现代化，加强和规范城乡社区网格化服务管理工作，根据有关法律法规，结合本县实际，制定本办法。",
    "第二条 本办法适用于本县行政区域内城乡社区网格的划分、网格员的选配和管理以及网格事项的办理。",
    "网格员应当每周走访网格内住户，及时收集社情民意，排查矛盾纠纷和安全隐患，协助做好政策宣传。",
]


def wrap(text: str, cells: int = 26) -> list[str]:
    """``text`` cut into lines of ``cells`` width (CJK 1, ASCII ½), as a page's right edge cuts it."""
    lines, line = [], ""
    for ch in text:
        if line and line_width(line + ch) > cells:
            lines.append(line)
            line = ""
        line += ch
    return lines + ([line] if line else [])


def page_of(blocks: list[list[str]], *, spaced: bool = False, gap: str = "\n\n") -> str:
    """A page as pdfminer lays one out: lines of a box one a line, boxes apart by a blank line;
    ``spaced``: every line a box of its own."""
    if spaced:
        return "\n\n".join(ln for block in blocks for ln in block)
    return gap.join("\n".join(block) for block in blocks)


def test_a_wrapped_paragraph_is_joined_and_the_paragraphs_stay_apart():
    page = page_of([["第一章 总则"], wrap(PARAS[0]), wrap(PARAS[1])])
    (out,), joined, kept = join_broken_lines([page])
    assert out.split("\n") == ["第一章 总则", "", PARAS[0], "", PARAS[1]]
    assert joined == len(wrap(PARAS[0])) - 1 + len(wrap(PARAS[1])) - 1 and kept == 0


def test_one_box_a_line_layout_joins_across_the_line_spacing():
    page = page_of([["关于推进网格化服务管理的实施意见"], wrap(PARAS[0]), wrap(PARAS[2])], spaced=True)
    (out,), joined, kept = join_broken_lines([page])
    assert out.split("\n") == ["关于推进网格化服务管理的实施意见", "", PARAS[0], "", PARAS[2]]
    assert kept == 2


@pytest.mark.parametrize("follower", [
    "第二条 网格员由社区推荐。", "第三章 保障措施", "二、主要任务", "（一）加强组织领导", "(二)完善机制",
    "1. 建立台账", "2、完善制度", "①每周走访", "● 巡查", "附件：网格员职责清单", "— 3 —", "12",
])
def test_no_join_before_a_heading_a_list_item_or_a_page_number(follower):
    first = wrap(PARAS[0])[0]  # a full line that ends inside the sentence
    (out,), joined, _ = join_broken_lines(["\n".join([*wrap(PARAS[1]), first, follower, *wrap(PARAS[2])])])
    assert f"{first}\n{follower}" in out


def test_no_join_after_a_sentence_end_or_a_short_line():
    lines = ["网格员每周走访网格内住户，收集社情民意，排查矛盾纠纷。",  # ends a sentence
             "及时上报。",
             "某某县人民政府办公室",  # short, a signature
             "2024年3月5日",
             *wrap(PARAS[0]), *wrap(PARAS[1])]
    (out,), _, _ = join_broken_lines(["\n".join(lines)])
    assert out.startswith("网格员每周走访网格内住户，收集社情民意，排查矛盾纠纷。\n及时上报。\n某某县人民政府办公室\n2024年3月5日\n")


def _placed(rows: list[tuple[str, float, float, float]], size: float = 12) -> tuple[str, dict]:
    """A page of (text, x0, x1, baseline) rows, and their boxes as pdfminer reports them."""
    return "\n".join(r[0] for r in rows), {i: (x0, y, x1, y + size) for i, (_, x0, x1, y) in enumerate(rows)}


def test_with_the_lines_boxes_only_the_next_line_down_at_the_margin_is_joined():
    a, b = wrap(PARAS[0])[:2]
    rows = [(a, 72, 540, 700), (b, 72, 539, 682),  # a body line and the next one down: joined
            (a, 72, 540, 664), ("工作保障", 270, 318, 646),  # a centred short title: not indented text
            (a, 72, 540, 628), (b, 96, 540, 610),  # an indented line opens a paragraph
            (a, 72, 540, 592), (b, 72, 540, 556),  # two pitches below: a paragraph gap
            (a, 72, 460, 538), (b, 72, 540, 520),  # a line short of the right margin
            (a, 72, 540, 502), (b, 72, 540, 488)]  # a little closer than the pitch: still the next line
    page, boxes = _placed(rows)
    (out,), joined, kept = join_broken_lines([page], [boxes])
    assert out.split("\n") == [a + b, a, "工作保障", a, b, a, b, a, b, a + b]
    assert (joined, kept) == (2, 9)


def test_with_the_lines_boxes_a_change_of_font_size_is_kept():
    a, b = wrap(PARAS[0])[:2]
    page = "\n".join([a, b, a, b])
    boxes = {0: (72, 700, 540, 716), 1: (72, 682, 540, 698), 2: (72, 664, 540, 680), 3: (72, 652, 540, 661)}
    (out,), joined, _ = join_broken_lines([page], [boxes])
    assert out.split("\n") == [a + b, a, b] and joined == 1


def test_lines_without_a_box_and_pages_without_enough_to_measure_are_left_alone():
    a, b = wrap(PARAS[0])[:2]
    page = "\n".join([a, b, a, b])
    assert join_broken_lines([page], [{0: (72, 700, 540, 712), 1: (72, 682, 540, 694)}])[0] == [page]
    assert join_broken_lines([page], [{0: (72, 700, 540, 712), 1: (72, 682, 300, 694), 2: (300, 664, 540, 676)}])[0] == [page]


def test_a_blank_line_between_boxes_is_a_paragraph_gap():
    first = wrap(PARAS[0])[0]
    page = page_of([wrap(PARAS[1]), [first], wrap(PARAS[2])])  # a box ending inside a sentence
    (out,), _, _ = join_broken_lines([page])
    assert f"{first}\n\n{PARAS[2][:10]}" in out


def test_ascii_words_keep_a_space_and_pages_are_not_joined_to_each_other():
    lines = [*wrap(PARAS[0]), "网格平台的英文名称为 Grid Service Management Platform", "for Community Governance，简称网格平台。"]
    (page1, page2), joined, _ = join_broken_lines(["\n".join(lines), "\n".join(wrap(PARAS[1]))])
    assert page1.split("\n")[1] == "网格平台的英文名称为 Grid Service Management Platform for Community Governance，简称网格平台。"
    assert page2 == PARAS[1]  # its own lines joined, but not onto the page before


def test_too_few_lines_to_know_the_width_are_left_alone():
    pages = ["第一条 网格员由社区推荐产生，经街道审核后", "上岗。"]
    assert join_broken_lines(pages) == (pages, 0, 0)


_LINE = st.text(alphabet=st.sampled_from(list("网格员治理社区，。；：、（）一二三第条章1. ")), min_size=0, max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_LINE, max_size=30), min_size=1, max_size=3))
def test_joining_only_removes_line_breaks(pages_lines):
    pages = ["\n".join(lines) for lines in pages_lines]
    out, joined, kept = join_broken_lines(pages)
    assert len(out) == len(pages)
    for before, after in zip(pages, out):
        # the same characters in the same order: only newlines (and the blank lines of line spacing) go
        assert after.replace("\n", "").replace(" ", "") == before.replace("\n", "").replace(" ", "")
        assert after.count("\n") <= before.count("\n")
    assert joined >= 0 and kept >= 0


# --- through read_pdf --------------------------------------------------------------------------------

def _pdf(lines: list[str], *, leading: int = 18, size: int = 12, created: str | None = "D:20000101000000") -> bytes:
    """A one-page Chinese PDF (STSong-Light) with ``lines`` at ``leading`` points apart."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, invariant=created is not None)
    c.setFont("STSong-Light", size)
    for i, line in enumerate(lines):
        c.drawString(72, 780 - leading * i, line)
    c.showPage()
    c.save()
    return buffer.getvalue()


@pytest.mark.parametrize("leading", [15, 30])  # one box a paragraph, and one box a line
def test_read_pdf_joins_lines_broken_inside_sentences(leading):
    lines = ["某某县网格化服务管理办法", "", "第一章 总则", *wrap(PARAS[0]), *wrap(PARAS[1])]
    text, meta, _ = read_pdf(_pdf(lines, leading=leading), None)
    got = [ln for ln in text.split("\n") if ln]
    assert got == ["某某县网格化服务管理办法", "第一章 总则", PARAS[0], PARAS[1]]
    assert meta["lines_joined"] == len(wrap(PARAS[0])) + len(wrap(PARAS[1])) - 2


def test_a_date_stated_in_the_text_wins_over_the_file_date():
    text, meta, _ = read_pdf(_pdf(["关于做好网格员培训工作的通知", "各乡镇：", *wrap(PARAS[2]),
                                   "某某县委政法委", "2024年3月5日"]), None)
    assert meta["date"] == "2024-03-05" and meta["date_source"] == "text"
    assert meta["file_date"] == "2000-01-01" and meta["date_line"] == "2024年3月5日"


def test_a_speech_date_line_and_a_chinese_numeral_signature():
    speech = ["政府工作报告", "——2024年1月18日在某某县第十八届人民代表大会第四次会议上", *wrap(PARAS[2])]
    assert read_pdf(_pdf(speech), None)[1]["date"] == "2024-01-18"
    notice = ["关于表彰优秀网格员的决定", *wrap(PARAS[2]), "某某县人民政府", "二〇二三年十二月二十日"]
    assert read_pdf(_pdf(notice), None)[1]["date"] == "2023-12-20"


def test_without_a_date_line_the_file_date_is_used_and_said_so():
    _, meta, _ = read_pdf(_pdf(["网格工作简报", "2023年全县新增网格员120名。", *wrap(PARAS[2])]), None)
    assert meta["date"] == "2000-01-01" and meta["date_source"] == "file" and "date_line" not in meta


def test_a_hand_made_pdf_without_document_info_takes_the_date_of_its_text():
    content = b"BT /F1 12 Tf 72 720 Td (Grid notice) Tj ET BT /F1 12 Tf 72 700 Td (2024-03-05) Tj ET"
    text, meta, _ = read_pdf(B.hand_made_pdf(content), None)
    assert text == "Grid notice\n\n2024-03-05"
    assert (meta["date"], meta["date_source"]) == ("2024-03-05", "text") and "file_date" not in meta
