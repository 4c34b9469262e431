"""The codebook (data/codebook.yaml) and coding with it (code_patterns): content, validation, files, matching."""
from __future__ import annotations

import re
import sys
from types import SimpleNamespace

import pytest

import governance_kit as gk
from governance_kit.codebook import coding
from governance_kit.codebook import model as cbm
from governance_kit.codebook.coding import COLUMNS, code_patterns
from governance_kit.codebook.cue_anchors import cue_anchors
from governance_kit.codebook.entries import CATEGORY_LABELS
from governance_kit.codebook.model import Codebook, Pattern, load_codebook
from governance_kit.codebook.overlaps import longest_first
from governance_kit.errors import CodebookError
from governance_kit.clean.convert import to_simplified, to_traditional
from governance_kit.errors import GovKitError
from governance_kit.tokens.sentences import SentenceIndex


@pytest.fixture(scope="module")
def cb() -> Codebook:
    return load_codebook()


@pytest.fixture(scope="module")
def corpus():
    return gk.load_corpus()


@pytest.fixture(scope="module")
def coded(corpus, cb):
    return code_patterns(corpus, cb, discover=False)


# --- the bundled codebook ----------------------------------------------------------------------------

def test_bundled_codebook_size_and_categories(cb):
    assert len(cb) >= 120
    assert cb.categories == CATEGORY_LABELS
    assert list(cb.categories) == list(cbm.CATEGORY_KEYS)
    counts = cb.to_frame()["category"].value_counts()
    assert set(counts.index) == set(CATEGORY_LABELS)
    assert counts.min() >= 5, counts.to_dict()
    assert all(cb.category_definitions[k] for k in CATEGORY_LABELS)


def test_bundled_entries_are_complete(cb):
    ids = [p.id for p in cb]
    assert len(ids) == len(set(ids))
    for p in cb:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", p.id), p.id
        assert p.name and p.description and p.example and p.source, p.id
        assert p.category in CATEGORY_LABELS


@pytest.mark.parametrize("pid, name, category", [
    ("sanzhi_ronghe", "三治融合", "self_governance"),
    ("grid_management", "网格化管理", "grid_management"),
    ("fengqiao_experience", "枫桥经验", "dispute_resolution"),
    ("sidiliang_gongkai", "四议两公开", "deliberation"),
    ("village_affairs_openness", "村务公开", "transparency_supervision"),
    ("gongfu_workshop", "共富工坊", "collective_economy"),
    ("yiwei_sanhui", "一委三会", "self_governance"),
    ("time_bank", "时间银行", "volunteering"),
    ("burden_reduction", "为基层减负", "burden_reduction"),
])
def test_named_mechanisms_are_in_the_codebook(cb, pid, name, category):
    assert cb[pid].name == name
    assert cb[pid].category == category


def test_traditional_forms_are_aliases(cb):
    """Every Simplified name or alias that OpenCC s2t changes has its Traditional form among the aliases."""
    missing = []
    for p in cb:
        for form in (p.name, *p.aliases):
            if to_simplified(form) != form:
                continue  # a Traditional alias itself
            trad = to_traditional(form)
            if trad != form and trad not in p.aliases:
                missing.append((p.id, form, trad))
    assert not missing, missing[:10]
    assert "網格化管理" in cb["grid_management"].aliases
    assert "楓橋經驗" in cb["fengqiao_experience"].aliases


def test_every_example_is_coded_by_its_own_pattern(cb, corpus):
    seeds = "\n".join(d.text for d in corpus)
    for p in cb:
        df = code_patterns(p.example, cb, discover=False)
        assert p.id in set(df["pattern"]), (p.id, p.example)
        if "编写" not in p.note:  # otherwise the example is quoted from a cleaned seed
            assert p.example in seeds, p.id


GENERIC = ["治理", "基层治理", "社会治理", "网格", "服务", "党建", "自治", "法治", "德治", "监督", "协商", "调解",
           "志愿者", "社会组织", "集体", "减负", "数据", "公开"]


def test_cues_do_not_fire_on_generic_words(cb):
    for p in cb:
        for cue in p.cues:
            for word in GENERIC:
                assert re.search(cue, word) is None, (p.id, cue, word)


def test_cue_anchors_are_inside_every_match(cb, corpus):
    """The literal a cue is anchored on (used to find it quickly) lies where cue_anchors says."""
    for p in cb:
        for cue in p.cues:
            anchors = cue_anchors(cue)
            if not anchors:
                continue
            for doc in corpus:
                for m in re.finditer(cue, doc.text):
                    assert any(doc.text.startswith(lit, m.start() + k) for lit, lo, hi in anchors for k in range(lo, hi + 1)), (cue, m.group())


def test_cue_anchor_examples():
    assert cue_anchors("网格员[^。]{0,12}(巡查|排查)") == [("网格员", 0, 0)]
    assert cue_anchors("(党组织|党支部)提议") == [("党组织提议", 0, 0), ("党支部提议", 0, 0)]
    assert cue_anchors("街乡吹哨|部门报到") == [("街乡吹哨", 0, 0), ("部门报到", 0, 0)]
    assert cue_anchors("(?i)abc") is None
    assert cue_anchors(".*治理") is None


# --- validation ----------------------------------------------------------------------------------

GOOD_ENTRY = """\
  - id: grid_management
    name: 网格化管理
    category: grid_management
    aliases: [网格化服务管理]
    cues:
      - '网格员[^。]{0,6}巡查'
"""


def _write(tmp_path, body: str, name: str = "cb.yaml"):
    path = tmp_path / name
    path.write_text("categories:\n  grid_management: 网格化管理\n  deliberation: 议事协商\npatterns:\n" + GOOD_ENTRY + body,
                    encoding="utf-8")
    return path


def _line_of(path, needle: str) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return n
    raise AssertionError(needle)


BAD_ENTRIES = {
    "missing_category": ("""\
  - id: sidiliang
    name: 四议两公开
    description: 村级重大事项决策程序
""", "id: sidiliang", "category", "缺少字段"),
    "unknown_category": ("""\
  - id: sidiliang
    name: 四议两公开
    category: deliberaton
""", "category: deliberaton", "category", "grid_management"),
    "duplicate_id": ("""\
  - id: grid_management
    name: 网格管理
    category: grid_management
""", "name: 网格管理", "id", "重复"),
    "bad_regex": ("""\
  - id: sidiliang
    name: 四议两公开
    category: deliberation
    cues:
      - '(党组织提议'
""", "(党组织提议", "cues", "正则表达式"),
    "duplicate_alias": ("""\
  - id: grid_service
    name: 网格服务
    category: grid_management
    aliases: [網格化服務管理]
""", "網格化服務管理", "aliases", "歧义"),
    "missing_name": ("""\
  - id: sidiliang
    category: deliberation
""", "id: sidiliang", "name", "缺少字段"),
    "empty_cue": ("""\
  - id: sidiliang
    name: 四议两公开
    category: deliberation
    cues: ['(提议)?']
""", "(提议)?", "cues", "空字符串"),
    "unknown_field": ("""\
  - id: sidiliang
    name: 四议两公开
    category: deliberation
    alias: [四议两公开工作法]
""", "id: sidiliang", "alias", "未知字段"),
}


@pytest.mark.parametrize("case", sorted(BAD_ENTRIES))
def test_malformed_yaml_names_file_line_and_field(tmp_path, case):
    body, needle, field, words = BAD_ENTRIES[case]
    path = _write(tmp_path, body)
    with pytest.raises(CodebookError) as info:
        Codebook.from_yaml(path)
    message = str(info.value)
    if case == "duplicate_id":  # the second entry's id line
        line = [n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "id: grid_management" in text][1]
    else:
        line = _line_of(path, needle)
    assert str(path) in message
    assert f"第 {line} 行" in message, message
    assert field in message and words in message, message
    assert isinstance(info.value, ValueError) and isinstance(info.value, GovKitError)


def test_unknown_category_lists_allowed_keys(tmp_path):
    path = _write(tmp_path, BAD_ENTRIES["unknown_category"][0])
    with pytest.raises(CodebookError, match="deliberation") as info:
        Codebook.from_yaml(path)
    assert "允许的类别键" in str(info.value)


def test_categories_section_may_not_invent_keys(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text("categories:\n  grid_management: 网格化管理\n  public_safety: 平安\npatterns:\n" + GOOD_ENTRY, encoding="utf-8")
    with pytest.raises(CodebookError, match="第 3 行.*public_safety"):
        Codebook.from_yaml(path)


def test_categories_section_is_optional(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text("patterns:\n" + GOOD_ENTRY, encoding="utf-8")
    assert Codebook.from_yaml(path).categories == CATEGORY_LABELS


def test_yaml_syntax_error_names_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("patterns:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="broken.yaml.*YAML"):
        Codebook.from_yaml(path)


def test_load_codebook_rejects_other_suffixes(tmp_path):
    with pytest.raises(CodebookError, match=r"\.yaml"):
        load_codebook(tmp_path / "codebook.csv")


# --- files: YAML and Excel round trips --------------------------------------------------------------

def test_yaml_round_trip(cb, tmp_path):
    path = cb.to_yaml(tmp_path / "copy.yaml")
    assert Codebook.from_yaml(path) == cb


def test_bundled_file_is_what_to_yaml_writes(cb):
    """The bundled file is in the writer's format, so saving it back changes nothing but the header."""
    text = cbm.bundled_path().read_text(encoding="utf-8")
    body = text[text.index("categories:"):]
    written = cb.to_yaml_text(header="")
    assert written == body


def test_excel_round_trip(cb, tmp_path):
    path = cb.to_excel(tmp_path / "编码本.xlsx")
    back = Codebook.from_excel(path)
    assert back == cb
    assert load_codebook(path) == cb
    from openpyxl import load_workbook

    wb = load_workbook(path)
    assert wb.sheetnames == ["编码本", "类别"]
    assert wb["编码本"].max_row == len(cb) + 1


def test_excel_accepts_chinese_category_labels_and_reports_rows(cb, tmp_path):
    from openpyxl import load_workbook

    path = cb.to_excel(tmp_path / "cb.xlsx")
    wb = load_workbook(path)
    ws = wb["编码本"]
    headers = [c.value for c in ws[1]]
    col = headers.index("类别") + 1
    ws.cell(row=2, column=col, value=cb.categories[cb.patterns[0].category])  # a label instead of the key
    wb.save(path)
    assert Codebook.from_excel(path) == cb
    ws.cell(row=5, column=col, value="网格")  # neither a key nor a label
    wb.save(path)
    with pytest.raises(CodebookError) as info:
        Codebook.from_excel(path)
    message = str(info.value)
    assert "编码本" in message and "第 5 行" in message and "category" in message and "grid_management" in message


def test_excel_bad_regex_names_row_and_column(cb, tmp_path):
    from openpyxl import load_workbook

    path = cb.to_excel(tmp_path / "cb.xlsx")
    wb = load_workbook(path)
    ws = wb["编码本"]
    col = [c.value for c in ws[1]].index("线索") + 1
    ws.cell(row=7, column=col, value="网格员\n(巡查")
    wb.save(path)
    with pytest.raises(CodebookError, match=r"第 7 行.*cues.*第 2 项.*正则"):
        Codebook.from_excel(path)


# --- building codebooks in a notebook ----------------------------------------------------------------

def test_add_returns_a_new_validated_codebook(cb):
    new = cb.add(id="yuanba_yishi", name="院坝议事", category="deliberation", cues=[r"院坝[^。]{0,4}议事会"],
                 description="在院坝里召开的村民议事会。")
    assert len(new) == len(cb) + 1 and "yuanba_yishi" not in cb
    df = code_patterns("村里召开院坝议事,商量修路。", new, discover=False)
    assert list(df["pattern"]) == ["yuanba_yishi"]
    with pytest.raises(CodebookError, match="正则"):
        cb.add(id="bad", name="坏模式", category="deliberation", cues=["(议事"])
    with pytest.raises(CodebookError, match="歧义"):
        cb.add(Pattern("clash", "网格化管理服务", "grid_management"))
    replaced = cb.with_patterns(Pattern("time_bank", "时间银行", "volunteering", description="新定义"))
    assert replaced["time_bank"].description == "新定义" and len(replaced) == len(cb)


def test_pattern_lists_become_tuples():
    p = Pattern("x_y", "某机制", "services", aliases=["甲", "乙"], cues="丙")
    assert p.aliases == ("甲", "乙") and p.cues == ("丙",)
    assert hash(p)


def test_load_codebook_is_cached_and_reloads_when_edited(tmp_path, monkeypatch):
    path = tmp_path / "codebook.yaml"
    path.write_text("patterns:\n" + GOOD_ENTRY, encoding="utf-8")
    monkeypatch.setattr(cbm, "bundled_path", lambda: path)
    first = load_codebook()
    assert load_codebook() is first
    path.write_text("patterns:\n" + GOOD_ENTRY.replace("网格化服务管理", "网格化服务管理工作") + "\n", encoding="utf-8")
    second = load_codebook()
    assert second is not first and "网格化服务管理工作" in second["grid_management"].aliases


# --- coding the seeds --------------------------------------------------------------------------------

EXPECTED = [  # (doc_id, pattern, category, match) found at the match's first occurrence in the clean text
    ("sheyang_2023", "sanzhi_ronghe", "self_governance", "三治融合"),
    ("sheyang_2023", "grid_management", "grid_management", "网格化管理"),
    ("sheyang_2023", "yiwei_sanhui", "self_governance", "一委三会"),
    ("sheyang_2023", "hexiang_grid_e", "grid_management", "鹤乡网格e事"),
    ("sheyang_2023", "village_affairs_openness", "transparency_supervision", "村务公开"),
    ("sheyang_2023", "four_open_four_unified", "transparency_supervision", "党务村委四公开四统一"),
    ("sheyang_2023", "comprehensive_grid", "grid_management", "综合网格"),
    ("interview_2024", "fengqiao_experience", "dispute_resolution", "枫桥经验"),
    ("interview_2024", "small_matters_village", "dispute_resolution", "小事不出村、大事不出镇、矛盾不上交"),
    ("gaoqiao_2024", "gongfu_workshop", "collective_economy", "共富工坊"),
    ("gaoqiao_2024", "functional_party_branch", "party_leadership", "区域功能型党支部"),
    ("jiangsu_2019", "three_social_linkage", "social_organizations", "三社联动"),
    ("jiangsu_2019", "four_in_one", "self_governance", "四位一体"),
    ("qingzhou_novel", "xiangxian_council", "rule_of_virtue", "乡贤理事会"),
]


@pytest.mark.parametrize("doc_id, pid, category, match", EXPECTED)
def test_seeds_are_coded_with_exact_offsets(coded, corpus, doc_id, pid, category, match):
    text = corpus[doc_id].text
    start = text.find(match)
    assert start >= 0
    rows = coded[(coded.doc_id == doc_id) & (coded.start == start)]
    assert len(rows) == 1, rows
    row = rows.iloc[0]
    assert (row.pattern, row.category, row.match, row.end) == (pid, category, match, start + len(match))
    assert row.source == "codebook" and row.via in ("name", "alias") and row.confidence == 1.0


def test_every_row_holds_the_contract(coded, corpus, cb):
    assert list(coded.columns) == COLUMNS
    assert len(coded) > 300
    names = {p.id: p.name for p in cb}
    for row in coded.itertuples(index=False):
        text = corpus[row.doc_id].text
        assert text[row.start:row.end] == row.match
        assert row.match in row.sentence
        assert row.sentence == SentenceIndex(text).sentence_at(row.start, row.end)
        assert row.name == names[row.pattern]
        assert row.confidence == (0.7 if row.via == "cue" else 1.0)
    assert set(coded.via) <= {"name", "alias", "cue"}
    assert coded.groupby("doc_id").start.apply(lambda s: s.is_monotonic_increasing).all()
    assert coded["start"].dtype == "int64" and coded["confidence"].dtype == "float64"


def test_nothing_is_coded_in_text_that_cleaning_removed(coded, corpus):
    doc = corpus["jiangsu_2019"]
    pinyin = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
    removed = [to_simplified(pinyin.sub("", c.original)).strip() for c in doc.cleaning.removed]
    assert any("网格" in line for line in removed)  # the 猜你喜欢 list: 網格架起連心橋 …
    sentences = set(coded[coded.doc_id == "jiangsu_2019"].sentence)
    for line in removed:
        assert line not in sentences
        assert line not in doc.text or len(line) < 4


def test_fast_matcher_equals_a_plain_reference(cb, corpus):
    """The automaton with mapped text and anchored cues finds exactly what naive scanning finds."""
    matcher = cb.matcher()
    for doc in corpus:
        text = doc.text
        names = []
        for i, p in enumerate(cb.patterns):
            for simple, via in p.surfaces():
                pos = text.find(simple)
                while pos >= 0:
                    names.append((pos, pos + len(simple), i, via))
                    pos = text.find(simple, pos + 1)
        names = longest_first(names)
        cues = []
        for i, p in enumerate(cb.patterns):
            for cue in p.cues:
                regex, pos = re.compile(cue), 0
                while (m := regex.search(text, pos)) is not None:
                    cues.append((m.start(), m.end(), i, "cue"))
                    pos = m.start() + 1
        expected = [(s, e, i, v, 1.0) for s, e, i, v in names]
        for s, e, i, v in longest_first(cues, per_pattern=True):
            if not any(a < e and s < b and j == i for a, b, j, _ in names):
                expected.append((s, e, i, v, 0.7))
        assert matcher.find(text) == sorted(expected), doc.doc_id


# --- matching rules -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("坚持和发展新时代枫桥经验。", [("fengqiao_experience", "新时代枫桥经验", "alias")]),
    ("推进三治融合。", [("sanzhi_ronghe", "三治融合", "name")]),
    ("推进三治工作。", [("sanzhi_ronghe", "三治", "alias")]),
    ("设置全科网格员岗位。", [("all_round_grid", "全科网格员", "alias")]),
    ("全科网格员走访农户。", [("all_round_grid", "全科网格员", "alias"), ("grid_management", "网格员走访", "cue")]),
    ("成立乡贤理事会。", [("xiangxian_council", "乡贤理事会", "name")]),
    ("健全自治、法治、德治相结合的乡村治理体系。", [("sanzhi_ronghe", "自治、法治、德治相结合", "alias")]),
    ("健全自治、法治和德治相结合的城乡基层治理体系。", [("sanzhi_ronghe", "自治、法治和德治相结合", "cue")]),
    ("实现自治、法治、德治、智治相结合。", [("sizhi_ronghe", "自治、法治、德治、智治", "alias")]),
])
def test_longest_match_and_cue_rules(cb, text, expected):
    df = code_patterns(text, cb, discover=False)
    assert list(zip(df.pattern, df.match, df.via)) == expected


def test_cue_overlapping_a_name_of_the_same_pattern_is_dropped(cb):
    df = code_patterns("网格员每日巡查,推动网格化管理。", cb, discover=False)
    assert ("grid_worker", "网格员", "name") in set(zip(df.pattern, df.match, df.via))
    assert ("grid_management", "cue") in set(zip(df.pattern, df.via))  # a different pattern's cue is kept
    cb2 = cb.add(id="patrol", name="网格巡查", category="grid_management", cues=["网格巡查[^。]{0,4}制度"])
    df2 = code_patterns("建立网格巡查制度。", cb2, discover=False)
    assert list(zip(df2.pattern, df2.via)) == [("patrol", "name")]


def test_string_and_traditional_input(cb):
    df = code_patterns("推進網格化管理和楓橋經驗", cb, discover=False)
    assert list(df.doc_id.unique()) == ["text"]
    assert list(zip(df.pattern, df.match)) == [("grid_management", "网格化管理"), ("fengqiao_experience", "枫桥经验")]
    assert list(df.start) == [2, 8]


def test_documents_lists_and_corpora_give_the_same_rows(cb, corpus, coded):
    docs = list(corpus)
    assert code_patterns(docs, cb, discover=False).equals(coded)
    one = code_patterns(corpus["gaoqiao_2024"], cb, discover=False)
    assert one.equals(coded[coded.doc_id == "gaoqiao_2024"].reset_index(drop=True))


def test_no_hits_gives_an_empty_frame_with_the_columns(cb):
    df = code_patterns("今天天气很好,我们去公园散步。", cb)
    assert df.empty and list(df.columns) == COLUMNS


def test_codebook_argument_may_be_a_path(cb, tmp_path):
    path = tmp_path / "mini.yaml"
    path.write_text("patterns:\n" + GOOD_ENTRY, encoding="utf-8")
    df = code_patterns("推进网格化管理和枫桥经验。", path, discover=False)
    assert list(df.pattern) == ["grid_management"]
    with pytest.raises(TypeError):
        code_patterns("网格化管理", 42)


# --- discovery hook -------------------------------------------------------------------------------------

def test_discovered_rows_are_merged_and_filtered(cb, monkeypatch):
    text = "镇里推行“老兵调解站”,坚持网格化管理,开设“网格化管理”专栏和“邻里茶话会”。"
    start = text.index("老兵调解站")
    hall = text.index("邻里茶话会")
    grid = text.index("网格化管理")

    def fake_discover(t):
        assert t == text
        item = lambda name, s, kind, cat: SimpleNamespace(name=name, start=s, end=s + len(name), kind=kind, category=cat, confidence=0.6)
        return [item("老兵调解站", start, "suffix", "dispute_resolution"),
                item("网格化管理", grid, "quoted", "grid_management"),  # overlaps a codebook hit
                item("网格化管理", text.rindex("网格化管理"), "quoted", "grid_management"),  # a codebook name
                item("邻里茶话会", hall, "quoted", "deliberation")]

    monkeypatch.setattr(coding, "_discovery", lambda everything=False: fake_discover)
    df = code_patterns(gk.clean_text(text).text, cb)
    found = df[df.source == "discovered"]
    assert list(zip(found.pattern, found.category, found.via, found.start)) == [
        ("老兵调解站", "dispute_resolution", "suffix", start), ("邻里茶话会", "deliberation", "quoted", hall)]
    assert (found.confidence == 0.6).all()
    assert df.start.is_monotonic_increasing
    assert all(text[r.start:r.end] == r.match for r in df.itertuples())


def test_missing_discovery_module_is_skipped(cb, monkeypatch):
    monkeypatch.setitem(sys.modules, "governance_kit.codebook.discovery.finder", None)  # import raises ImportError
    assert coding._discovery() is None
    df = code_patterns("推进网格化管理。", cb)
    assert list(df.pattern) == ["grid_management"]


def test_real_discovery_adds_only_new_mechanisms(cb, corpus):
    pytest.importorskip("governance_kit.codebook.discovery.finder")
    df = code_patterns(corpus["sheyang_2023"], cb)
    found = df[df.source == "discovered"]
    book = df[df.source == "codebook"]
    surfaces = cb.matcher().surfaces
    for row in found.itertuples():
        assert row.match not in surfaces
        assert not ((book.start < row.end) & (book.end > row.start)).any()
