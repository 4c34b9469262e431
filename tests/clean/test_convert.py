"""Traditional → Simplified (governance_kit.clean.convert) and its supplement file, re-read after an edit."""
from __future__ import annotations

import pytest

from governance_kit.clean import convert
from governance_kit.clean.convert import has_traditional, to_simplified, to_traditional
from governance_kit.errors import RuleFileError


@pytest.fixture
def supplement(bundled_copy):
    """A copy of data/t2s_supplement.tsv that the kit reads instead of the bundled file."""
    return bundled_copy(convert.SUPPLEMENT_FILE, convert)


def test_phrases_and_the_supplement():
    assert to_simplified("隨著網格化管理的推進,乾隆年間") == "随着网格化管理的推进,乾隆年间"
    assert to_simplified("擁有著作權,住著老樓") == "拥有著作权,住着老楼"  # 著作 is the verb, 住著 the particle
    assert to_simplified("网格员") == "网格员" and not has_traditional("网格员") and has_traditional("網格")
    assert to_simplified(to_traditional("基层治理现代化")) == "基层治理现代化"


def test_the_supplement_is_reread_after_an_edit(supplement):
    assert to_simplified("哼著歌") == "哼著歌"  # OpenCC leaves it; the supplement has no rule yet
    with supplement.open("a", encoding="utf-8") as fh:
        fh.write("哼著\t哼着\n")
    assert to_simplified("哼著歌") == "哼着歌"
    assert to_simplified("哼著名曲") == "哼著名曲"  # 著 before 名 stays the verb


def test_a_bad_supplement_line_is_named(supplement):
    lines = supplement.read_text(encoding="utf-8").splitlines()
    supplement.write_text("\n".join(lines + ["隨著\t随"]) + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=rf"t2s_supplement\.tsv 第 {len(lines) + 1} 行.*两边字数相同"):
        to_simplified("隨著")


# --- where conversion applies: Traditional-only characters, protected names ------------------------

@pytest.mark.parametrize("text, count", [
    ("實現網格化", 3),   # 實 現 網
    ("乾安县", 0),       # 乾 is also a Simplified character (乾坤, 乾隆)
    ("菜薹", 0),         # so is 薹
    ("住著", 0),         # 著 is the verb in Simplified text
    ("於潜镇", 0),       # 於 is Traditional-only, but 於潜 is a protected name
    ("於是", 1),
    ("基层治理", 0),
])
def test_traditional_only_count(text, count):
    assert convert.traditional_only_count(text) == count


def test_a_protected_name_is_never_converted():
    assert convert.to_simplified_passage("於潜镇的網格員和乾安縣的菜薹") == "於潜镇的网格员和乾安县的菜薹"
    assert to_simplified("於潜镇") == "于潜镇" and to_simplified("乾安") == "干安"  # what OpenCC alone does


def test_the_protected_list_is_reread_after_an_edit(bundled_copy):
    path = bundled_copy(convert.PROTECTED_FILE, convert)
    assert convert.to_simplified_passage("乾淨的於陵") == "干净的于陵"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("於陵\n")
    from conftest import touch

    touch(path)
    assert convert.to_simplified_passage("乾淨的於陵") == "干净的於陵"
