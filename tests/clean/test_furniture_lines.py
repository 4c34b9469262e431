"""Lines recurring across a folder's files: keys, and the boilerplate step's use of them."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from governance_kit import clean_text
from governance_kit.clean import chrome
from governance_kit.clean.boilerplate import FURNITURE_RULE, scan_page
from governance_kit.clean.cleaner import clean_and_survey, prepare_text
from governance_kit.clean.furniture import MIN_FILES, is_candidate, line_key, text_keys

BODY = ("今年以来，清溪县把全县划分为一百二十个网格，每个网格配备专职网格员，群众反映的问题当天受理、限时办结。\n"
        "会议要求，各乡镇要进一步压实责任，推动网格化服务管理提质增效，切实把矛盾纠纷化解在基层。")
DOUBTED = "清溪发布 | 清溪融媒"  # a masthead the model scores between its repeat and remove thresholds
PAGE = f"{DOUBTED}\n清溪县召开网格化工作会议\n{BODY}"


@given(st.text(alphabet="网格 治理\t社区ab1", max_size=30))
def test_keys_ignore_how_spaces_are_written(line):
    assert line_key(line) == line_key("  " + line.replace(" ", "   ") + " ")
    assert 0 <= line_key(line) < 2**63


def test_the_doubted_line_is_between_the_thresholds():
    model = chrome.chrome_model()
    removed = [c for c in clean_text(PAGE).report.changes if c.original.strip() == DOUBTED]
    assert removed == [] or removed[0].kind == "suspect"  # one page alone keeps it …
    assert model.repeat < model.flag <= model.remove


def test_a_doubted_line_recurring_in_the_folder_is_removed():
    furniture = {line_key(DOUBTED): MIN_FILES}
    result = clean_text(PAGE, furniture=furniture)  # … the folder shows it on every page
    assert DOUBTED not in result.text and BODY in result.text
    change = next(c for c in result.report.removed if c.rule == FURNITURE_RULE.id)
    assert change.original.strip() == DOUBTED and change.score >= chrome.chrome_model().repeat


def test_too_few_files_or_a_low_score_keep_the_line():
    assert DOUBTED in clean_text(PAGE, furniture={line_key(DOUBTED): MIN_FILES - 1}).text
    heading = "第一章 总则"  # recurs in every regulation, scores low
    page = f"{heading}\n{BODY}"
    assert heading in clean_text(page, furniture={line_key(heading): 500}).text


def test_a_sentence_is_never_furniture():
    line = "本办法自发布之日起施行。"
    assert not is_candidate(line)
    page = f"{BODY}\n{line}"
    assert line in clean_text(page, furniture={line_key(line): 500}).text


def test_the_survey_sees_the_lines_the_cleaner_sees():
    raw = "清溪發布 | 清溪融媒\n\u3000\u3000" + PAGE.replace("清溪发布", "清溪發布")  # Traditional and odd spaces
    _, keys = clean_and_survey(raw, keys=True)
    assert keys == text_keys(prepare_text(raw))
    assert line_key(DOUBTED) in keys
    assert scan_page(prepare_text(raw)).line_keys is None  # only computed when asked for
