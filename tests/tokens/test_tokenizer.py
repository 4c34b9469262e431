"""Tokenizer: jieba + the governance lexicon + stopwords (governance_kit/tokens.py)."""
from __future__ import annotations

import copy
import json
import os
import pickle
import re
import unicodedata
import subprocess
import sys
import warnings
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from governance_kit.errors import RuleFileError
from governance_kit.tokens import Tokenizer, default_tokenizer, load_lexicon, load_stopwords, tokenize

ROOT = Path(__file__).resolve().parents[2]
LEXICON_PATH = Path(str(resources.files("governance_kit") / "data" / "lexicon.txt"))
STOPWORDS_PATH = Path(str(resources.files("governance_kit") / "data" / "stopwords.txt"))
TAGS = {"n", "nt", "nz", "nw", "vn"}


@lru_cache(maxsize=None)
def kit() -> Tokenizer:
    """One tokenizer for the read-only tests (never given extra terms)."""
    return Tokenizer()


@lru_cache(maxsize=None)
def bare_kit() -> Tokenizer:
    """The same machinery without any lexicon: plain jieba segmentation."""
    return Tokenizer(lexicon=False)


def raw_lexicon() -> list[tuple[int, str]]:
    """(line number, line) of every entry line, parsed here independently of the module."""
    lines = LEXICON_PATH.read_text(encoding="utf-8").splitlines()
    return [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]


def lexicon_words() -> list[str]:
    return [line.split(" ")[0] for _, line in raw_lexicon()]


def spans_of(tokens: list[tuple[str, int, int]]) -> set[tuple[int, int]]:
    return {(a, b) for _, a, b in tokens}


def is_whole(tok: Tokenizer, text: str, term: str) -> bool:
    """Every occurrence of ``term`` in ``text`` is one token, or lies inside a longer lexicon term."""
    tokens = tok.tokenize(text)
    spans = spans_of(tokens)
    for m in re.finditer(re.escape(term), text):
        if (m.start(), m.end()) in spans:
            continue
        if any(a <= m.start() and m.end() <= b and w in tok.terms for w, a, b in tokens):
            continue
        return False
    return term in text


# --- the lexicon keeps governance terms whole ----------------------------------------------------

# (seed, sentence as it stands in the cleaned seed, terms that must come out whole)
SEED_SENTENCES = [
    ("sheyang_2023", "构建了“自治为目标、法治为保障、德治为基础”的“三治融合”基层治理体系", ["三治融合"]),
    ("sheyang_2023", "创设“党小组+”模式", ["党小组+"]),
    ("sheyang_2023", "实行“互联网+基层治理”模式", ["互联网+基层治理"]),
    ("sheyang_2023", "网格员每日开展网格风险隐患排查", ["网格员"]),
    ("sheyang_2023", "居务监督委员会为监督主体的“一委三会”的基层治理体系", ["一委三会", "居务监督委员会"]),
    ("sheyang_2023", "共划分综合网格1993个、专属网格442个,配备4744名网格长、网格员", ["综合网格", "专属网格", "网格长", "网格员"]),
    ("sheyang_2023", "创新落实“大数据+网格化+铁脚板”机制", ["大数据+网格化+铁脚板"]),
    ("sheyang_2023", "制定或修订符合最广大群众意愿的村规民约和自治公约", ["村规民约", "自治公约"]),
    ("interview_2024", "特别是党的十八大以来形成特色鲜明的新时代“枫桥经验”", ["枫桥经验"]),
    ("interview_2024", "从城乡社区的村(居)民议事会、村(居)民论坛、民主恳谈会、民主听证会", ["村(居)民议事会", "村(居)民论坛", "民主恳谈会"]),
    ("interview_2024", "做到“小事不出村、大事不出镇、矛盾不上交”", ["小事不出村", "大事不出镇", "矛盾不上交"]),
    ("interview_2024", "惩治‘蝇贪蚁腐’,让群众有更多获得感", ["蝇贪蚁腐"]),
    ("interview_2024", "提出“全过程人民民主”重要理念", ["全过程人民民主"]),
    ("interview_2024", "推进“互联网+教育”“互联网+医疗”“互联网+文化”等", ["互联网+教育"]),
    ("gaoqiao_2024", "高桥镇以共富工坊建设为牵引", ["共富工坊"]),
    ("jiangsu_2019", "南京市浦口区探索街道治理大联勤工作机制", ["大联勤"]),
    ("jiangsu_2019", "推动以服务精准化为目标的“三社联动”", ["三社联动"]),
    ("qingzhou_novel", "采取“民事民提、民事民议、民事民决、民事民评”的方式", ["民事民提", "民事民议", "民事民决", "民事民评"]),
    ("qingzhou_novel", "挖掘和发挥本村老党员、老干部、老教师、经济文化能人、返乡创业青年等“新乡贤”的作用,组建乡贤理事会", ["新乡贤", "乡贤理事会"]),
]

# Terms the course needs that the seeds do not contain: policy-style sentences, written for the tests.
POLICY_SENTENCES = [
    ("村级重大事项决策实行“四议两公开”", ["四议两公开"]),
    ("村(居)委会换届选举依法进行", ["村(居)委会"]),
    ("村（居）委会主任由村民直接选举产生", ["村（居）委会"]),
    ("推广“党小组＋网格”做法", ["党小组＋"]),  # full-width plus
    ("落实接诉即办、吹哨报到和“最多跑一次”改革", ["接诉即办", "吹哨报到", "最多跑一次"]),
    ("各地推行一村一法律顾问,培育法律明白人", ["一村一法律顾问", "法律明白人"]),
    ("四治融合的探索", ["四治融合"]),
]


@pytest.mark.parametrize("doc_id, sentence, terms", SEED_SENTENCES)
def test_terms_whole_in_seed_sentences(seed_clean, doc_id, sentence, terms):
    assert sentence in seed_clean[doc_id].text, "the table must quote the cleaned seed"
    for term in terms:
        assert is_whole(kit(), sentence, term), (term, kit().cut(sentence))


@pytest.mark.parametrize("sentence, terms", POLICY_SENTENCES)
def test_terms_whole_in_policy_sentences(sentence, terms):
    for term in terms:
        assert is_whole(kit(), sentence, term), (term, kit().cut(sentence))


@pytest.mark.parametrize("term", ["三治融合", "枫桥经验", "网格员", "一委三会", "党小组+", "互联网+基层治理", "综合网格", "共富工坊"])
def test_terms_whole_everywhere_in_the_cleaned_seeds(seed_clean, term):
    texts = [r.text for r in seed_clean.values() if term in r.text]
    assert texts, f"{term} should occur in a seed"
    for text in texts:
        assert is_whole(kit(), text, term)


@pytest.fixture(scope="module")
def fresh_jieba(tmp_path_factory):
    """A bare jieba.Tokenizer (its own cache folder), built the way a user of plain jieba would."""
    import jieba

    bare = jieba.Tokenizer()
    bare.tmp_dir = str(tmp_path_factory.mktemp("bare_jieba"))
    bare.initialize()
    return bare


@pytest.mark.parametrize("sentence, term", [
    ("构建“三治融合”基层治理体系", "三治融合"),
    ("新时代“枫桥经验”", "枫桥经验"),
    ("网格员每日开展排查", "网格员"),
    ("推行“四议两公开”", "四议两公开"),
    ("划分综合网格", "综合网格"),
    ("建设共富工坊", "共富工坊"),
    ("惩治蝇贪蚁腐", "蝇贪蚁腐"),
    ("村(居)委会主任", "村(居)委会"),
])
def test_bare_jieba_splits_what_the_lexicon_keeps(fresh_jieba, sentence, term):
    assert term not in fresh_jieba.lcut(sentence)
    assert term in kit().cut(sentence)


def test_jieba_dictionary_alone_cannot_keep_bracketed_terms(fresh_jieba):
    """Why special terms are matched before jieba: its pre-split regex breaks them even in its dictionary."""
    import jieba

    local = jieba.Tokenizer()
    local.FREQ, local.total, local.initialized = dict(fresh_jieba.FREQ), fresh_jieba.total, True
    local.add_word("村(居)委会", 100000)
    assert "村(居)委会" not in local.lcut("村(居)委会主任")
    assert "村(居)委会" in kit().cut("村(居)委会主任")


# --- the lexicon file -----------------------------------------------------------------------------

def test_lexicon_file_format():
    text = LEXICON_PATH.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    lines = text.splitlines()
    assert lines[0].startswith("# source:") and "村民委员会组织法" in lines[0]
    header = [line for line in lines if line.startswith("#")]
    tag_line = next(line for line in header if line.startswith("# tags:"))
    entry = re.compile(r"^(\S+) ([1-9][0-9]*) ([a-z]+)$")
    words, used_tags = [], set()
    for n, line in raw_lexicon():
        m = entry.match(line)
        assert m, f"lexicon.txt line {n}: {line!r}"
        words.append(m[1])
        used_tags.add(m[3])
    assert len(words) >= 800
    assert len(words) == len(set(words)), [w for w in set(words) if words.count(w) > 1]
    assert used_tags <= TAGS
    for tag in used_tags:
        assert f"{tag} =" in tag_line, f"tag {tag} is not documented in the header"


def test_lexicon_holds_the_fields_vocabulary():
    words = set(lexicon_words())
    required = """网格员 网格长 专职网格员 兼职网格员 网格指导员 综合网格 专属网格 微网格 村(居)委会 村民委员会 居民委员会
    村务监督委员会 一委三会 三治融合 四治融合 枫桥经验 新时代枫桥经验 党小组+ 互联网+基层治理 四议两公开 民事民提 小事不出村
    共富工坊 乡贤理事会 红白理事会 村规民约 居民公约 议事会 民主恳谈 网格化管理 社会治理共同体 共建共治共享 接诉即办 吹哨报到
    街乡吹哨部门报到 最多跑一次 一站式服务 党群服务中心 新时代文明实践站 综治中心 矛盾纠纷多元化解 人民调解委员会 法律明白人
    一村一法律顾问 雪亮工程 基层减负 蝇贪蚁腐 全过程人民民主""".split()
    assert [w for w in required if w not in words] == []
    assert "1+1>2" not in words


def test_load_lexicon_matches_the_file():
    entries = load_lexicon()
    assert [w for w, _, _ in entries] == lexicon_words()
    assert all(isinstance(f, int) and f > 0 and t in TAGS for _, f, t in entries)


def test_every_entry_is_one_token_alone():
    tok = kit()
    broken = [(w, tok.cut(w)) for w in lexicon_words() if tok.cut(w) != [w]]
    assert broken == []


CONTEXTS = ["推进{}建设。", "各地实行“{}”模式", "通过{}解决问题", "坚持和发展{},", "这是{}的重要内容", "由{}负责"]


def test_every_entry_is_one_token_in_typical_sentences():
    tok = kit()
    broken = []
    for w in lexicon_words():
        for context in CONTEXTS:
            sentence = context.format(w)
            if not is_whole(tok, sentence, w):
                broken.append((sentence, tok.cut(sentence)))
    assert broken == []


def test_lexicon_leaves_ordinary_words_alone(seed_clean):
    """Outside lexicon terms, the words bare jieba finds in the seeds survive (≥ 99.5 %)."""
    tok, bare = kit(), bare_kit()
    kept = total = 0
    for result in seed_clean.values():
        text = result.text
        ours = tok.tokenize(text)
        covered = bytearray(len(text))
        for w, a, b in ours:
            if w in tok.terms:
                covered[a:b] = b"\x01" * (b - a)
        spans = spans_of(ours)
        for w, a, b in bare.tokenize(text):
            if len(w) >= 2 and not any(covered[a:b]):
                total += 1
                kept += (a, b) in spans
    assert total > 4000
    assert kept / total >= 0.995, (kept, total)


def test_seed_sentences_without_terms_are_cut_as_by_bare_jieba(seed_clean):
    """The lexicon only changes text that holds a lexicon term (jieba's total is not inflated)."""
    from governance_kit.tokens.sentences import sentence_spans

    tok, bare = kit(), bare_kit()
    plain = [text[a:b] for text in (r.text for r in seed_clean.values()) for a, b in sentence_spans(text)]
    plain = [s for s in plain if not any(term in s for term in tok.terms)]
    assert len(plain) > 40
    assert [s for s in plain if tok.cut(s) != bare.cut(s)] == []


def test_no_lexicon_term_is_a_stopword():
    assert set(lexicon_words()) & load_stopwords() == set()


# --- stopwords ------------------------------------------------------------------------------------

def test_stopwords_file():
    lines = STOPWORDS_PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# source:")
    words = [line for line in lines if line and not line.startswith("#")]
    assert len(words) >= 300
    assert len(words) == len(set(words))
    assert all(" " not in w for w in words)
    assert load_stopwords() == frozenset(words)
    for content in ["治理", "网格", "自治", "协商", "监督", "服务", "调解", "村民", "社区", "群众", "完善", "健全"]:
        assert content not in words


def test_words_drop_stopwords_punctuation_and_numbers(seed_clean):
    tok = kit()
    words = tok.words("我们要进一步加强网格员队伍建设,共划分综合网格1993个、专属网格442个,占比超过70%。")
    assert "网格员" in words and "综合网格" in words and "专属网格" in words
    for noise in ["我们", "要", "进一步", "加强", ",", "、", "。", "1993", "442", "70", "%"]:
        assert noise not in words
    for result in seed_clean.values():
        for w in tok.words(result.text):
            assert w not in tok.stopword_set
            assert not w.isspace()
            assert re.fullmatch(r"[0-9０-９.,%％一二三四五六七八九十百千万亿两〇零]+", w) is None, w
            assert re.search(r"[A-Za-z]", w) is None or w in tok.terms, w


def test_words_drop_pinyin_fragments(seed_raw):
    """Raw seeds still carry pinyin notes (實(shí)現(xiàn)); none of it survives as a word."""
    raw = seed_raw["jiangsu_2019"] + seed_raw["sheyang_2023"]
    assert re.search(r"\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)\)", raw), "the raw seeds should hold pinyin"
    words = kit().words(raw)
    assert [w for w in words if re.search(r"[A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]", w)] == []


def test_words_keep_lexicon_terms_without_han_characters():
    assert "APP" not in Tokenizer().words("下载APP办理")
    assert "APP" in Tokenizer().add_terms("APP").words("下载APP办理")


def test_custom_stopwords():
    text = "网格员的职责"
    assert Tokenizer(stopwords=["网格员"]).words(text) == ["的", "职责"]
    assert Tokenizer(stopwords=False).words(text) == ["网格员", "的", "职责"]
    assert Tokenizer().words(text) == ["网格员", "职责"]


def test_custom_stopwords_file(tmp_path):
    path = tmp_path / "停用词.txt"
    path.write_text("# 我的停用词\n职责\n", encoding="utf-8")
    assert Tokenizer(stopwords=path).words("网格员的职责") == ["网格员", "的"]


# --- exact text: join and offsets ------------------------------------------------------------------

def test_cut_and_offsets_round_trip_on_the_seeds(seed_clean, seed_raw):
    tok = kit()
    for text in [r.text for r in seed_clean.values()] + list(seed_raw.values()):
        tokens = tok.cut(text)
        assert "".join(tokens) == text
        assert all(tokens)
        for w, a, b in tok.tokenize(text):
            assert text[a:b] == w


SPECIAL_BITS = ["+", "＋", "·", "(", ")", "（", "）", " ", "\u3000", "\n", "\r\n", "\t", "1+1>2", "e事", "APP",
                "12345", "３", "shí", "现(xiàn)", "村(居)", "村（居）委会", "党小组", "互联网", "网格", "“", "”", "、", "。"]
TEXT = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=8),
        st.text(alphabet="網格員實現區縣鄉鎮議會調解與為這個們經驗楓橋", max_size=6),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6),
        st.text(alphabet="abcxyzABC0123456789+·() .-%", max_size=6),
        st.sampled_from(SPECIAL_BITS),
        st.sampled_from(sorted(lexicon_words())),
    ),
    max_size=25,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_cut_never_loses_or_adds_a_character(text):
    tok = kit()
    tokens = tok.cut(text)
    assert "".join(tokens) == text
    assert all(tokens)
    offsets = tok.tokenize(text)
    assert [w for w, _, _ in offsets] == tokens
    assert all(text[a:b] == w for w, a, b in offsets)
    assert all(offsets[i][2] == offsets[i + 1][1] for i in range(len(offsets) - 1))
    words = tok.words(text)
    assert all(w in tok.terms or re.search(r"[\u3400-\u9fff\uf900-\ufaff]|[\U00020000-\U0003134f]", w) for w in words)
    assert not set(words) & tok.stopword_set


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_text_without_lexicon_terms_is_cut_as_by_bare_jieba(text):
    tok = kit()
    folded = unicodedata.normalize("NFKC", text)  # the lexicon also matches full-width forms (互联网＋)
    assume_no_term = not any(w in text or w in folded for w in tok.terms)
    if assume_no_term:
        assert tok.cut(text) == bare_kit().cut(text)


def test_special_terms():
    tok = kit()
    assert tok.cut("村(居)委会 主任") == ["村(居)委会", " ", "主任"]
    assert "村（居）委会" in tok.cut("村（居）委会主任")
    assert "党小组＋" in tok.cut("推行党小组＋模式")  # full-width plus matches like +
    assert "1+1>2" not in tok.cut("形成“1+1>2”的工作合力")
    assert "12345热线" in tok.cut("拨打12345热线反映")
    assert "12345热线" not in tok.cut("编号012345热线")  # no match inside a longer digit run
    assert tok.cut("互联网+基层治理和互联网+") == ["互联网+基层治理", "和", "互联网+"]  # longest match first


# --- configuration: lexicon, add_terms, isolation -----------------------------------------------------

def test_add_terms_affects_only_that_instance():
    mine, other = Tokenizer(), Tokenizer()
    text = "创新“鹤乡网格e事”品牌,推行红色代办服务"
    before = mine.cut(text)
    assert "鹤乡网格e事" not in before and "红色代办" not in before
    assert mine.add_terms(["鹤乡网格e事", "红色代办"]) is mine
    assert "鹤乡网格e事" in mine.cut(text) and "红色代办" in mine.cut(text)
    assert "红色代办" in mine.words(text)
    assert other.cut(text) == before
    assert default_tokenizer().cut(text) == before
    assert tokenize(text, stopwords=False) == before


def test_add_terms_before_first_use_and_with_separators():
    tok = Tokenizer().add_terms("鹤乡·网格")
    assert "鹤乡·网格" in tok.cut("打造鹤乡·网格品牌")
    assert "鹤乡・网格" in tok.cut("打造鹤乡・网格品牌")  # the katakana middle dot some inputs use


def test_lexicon_argument(tmp_path):
    path = tmp_path / "本地词典.txt"
    path.write_text("# 本地治理品牌\n鹤乡网格e事 nz\n红色代办 2000 nz\n", encoding="utf-8")
    tok = Tokenizer(lexicon=path)
    assert {"鹤乡网格e事", "红色代办", "三治融合"} <= tok.terms
    assert "红色代办" in tok.cut("推行红色代办服务")
    assert "红色代办" in Tokenizer(lexicon=["红色代办"]).cut("推行红色代办服务")
    assert "三治融合" not in Tokenizer(lexicon=False).cut("三治融合")


def test_bad_lexicon_lines_name_file_and_line(tmp_path):
    path = tmp_path / "坏词典.txt"
    path.write_text("网格员 3000 n\n网格长 0 n\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"坏词典\.txt 第 2 行.*网格长 0 n"):
        Tokenizer(lexicon=path)
    path.write_bytes("网格员 3000 n\n".encode("gbk"))
    with pytest.raises(RuleFileError, match="UTF-8"):
        Tokenizer(lexicon=path)


def test_errors_are_in_chinese(tmp_path):
    with pytest.raises(FileNotFoundError, match="找不到词典文件"):
        Tokenizer(lexicon=str(tmp_path / "没有这个文件.txt"))
    with pytest.raises(ValueError, match="词语无效"):
        Tokenizer().add_terms([""])
    with pytest.raises(TypeError, match="需要字符串或 Document"):
        tokenize(42)
    with pytest.raises(ValueError, match="stopwords 只能是 True 或 False"):
        tokenize("网格员", stopwords="yes")
    with pytest.raises(TypeError, match="hmm"):
        Tokenizer(hmm="no")


def test_global_jieba_is_untouched():
    import jieba
    from jieba import finalseg

    before = (jieba.dt.initialized, len(jieba.dt.FREQ), jieba.dt.total, set(finalseg.Force_Split_Words))
    tok = Tokenizer().add_terms(["红色代办", "鹤乡网格e事"])
    tok.cut("推行红色代办服务,鹤乡网格e事")
    tokenize("三治融合")
    after = (jieba.dt.initialized, len(jieba.dt.FREQ), jieba.dt.total, set(finalseg.Force_Split_Words))
    assert after == before
    assert "红色代办" not in jieba.dt.FREQ


# --- module-level API ---------------------------------------------------------------------------------

def test_module_tokenize_accepts_text_and_documents():
    from governance_kit.corpus import Document

    text = "坚持和发展新时代“枫桥经验”,做到小事不出村。"
    doc = Document("d1", text, text, {"title": None}, "{}")
    assert tokenize(doc) == tokenize(text) == default_tokenizer().words(text)
    assert "".join(tokenize(text, stopwords=False)) == text
    assert tokenize(doc, stopwords=False) == default_tokenizer().cut(text)
    assert default_tokenizer() is default_tokenizer()


def test_tokenize_on_a_loaded_document(seed_clean):
    from governance_kit.corpus import Document

    result = seed_clean["sheyang_2023"]
    doc = Document("sheyang_2023", result.text, "", {}, "{}")
    words = tokenize(doc)
    assert words.count("三治融合") >= 3
    assert "".join(tokenize(doc, stopwords=False)) == doc.text


# --- scikit-learn and pickling -------------------------------------------------------------------

def test_tfidf_on_the_cleaned_seeds(seed_clean):
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [r.text for r in seed_clean.values()]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        vectorizer = TfidfVectorizer(tokenizer=Tokenizer(), lowercase=False, token_pattern=None)
        matrix = vectorizer.fit_transform(texts)
    vocabulary = vectorizer.vocabulary_
    assert matrix.shape == (5, len(vocabulary))
    for term in ["三治融合", "网格员", "枫桥经验", "共富工坊", "党小组+"]:
        assert term in vocabulary
    assert not {"的", "进行", "1993", ","} & set(vocabulary)
    restored = pickle.loads(pickle.dumps(vectorizer))
    assert restored.vocabulary_ == vocabulary
    assert abs(restored.transform(texts) - matrix).max() < 1e-12


def test_pickle_round_trip():
    tok = Tokenizer(stopwords=["职责"], hmm=False).add_terms("红色代办")
    text = "网格员的职责:推行红色代办服务"
    expected = tok.cut(text), tok.words(text)
    for clone in (pickle.loads(pickle.dumps(tok)), copy.deepcopy(tok)):
        assert (clone.cut(text), clone.words(text)) == expected
        assert clone.hmm is False and clone.terms == tok.terms
    fresh = pickle.loads(pickle.dumps(Tokenizer()))  # never used before pickling
    assert fresh("三治融合") == ["三治融合"]


# --- laziness and quiet ----------------------------------------------------------------------------

def run_python(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "GOVKIT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONWARNINGS": "default"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_import_does_not_load_jieba(tmp_path):
    result = run_python("import sys, governance_kit.tokens; print('jieba' in sys.modules)", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_first_use_is_silent_and_leaves_jieba_global_state_alone(tmp_path):
    code = """if True:
        import json, logging, os
        from governance_kit.tokens import tokenize, Tokenizer
        words = tokenize("坚持和发展新时代“枫桥经验”")
        tok = Tokenizer().add_terms("红色代办")
        tok.cut("推行红色代办")
        import jieba
        print(json.dumps({"words": words, "dt_initialized": jieba.dt.initialized, "dt_freq": len(jieba.dt.FREQ),
                          "jieba_level": logging.getLogger("jieba").level, "root_handlers": len(logging.getLogger().handlers),
                          "cache": sorted(os.listdir(os.path.join(os.environ["GOVKIT_CACHE_DIR"], "jieba")))}, ensure_ascii=False))
    """
    for run in ("cold cache", "warm cache"):
        result = run_python(code, tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stderr == "", f"{run}: {result.stderr}"
        report = json.loads(result.stdout)
        assert "枫桥经验" in report["words"]
        assert report["dt_initialized"] is False and report["dt_freq"] == 0
        assert report["jieba_level"] == 10  # jieba's own DEBUG level, restored after loading
        assert report["root_handlers"] == 0
        assert len(report["cache"]) == 1 and report["cache"][0].endswith(".cache")
    assert list((ROOT / "governance_kit").rglob("*.cache")) == []  # never written into the package


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("网格员三治融合的推进了,。1993个“”+ab 射阳县")), max_size=60))
def test_word_spans_are_the_content_words_with_their_offsets(text):
    tok = default_tokenizer()
    spans = tok.word_spans(text)
    assert [w for w, _, _ in spans] == tok.words(text)
    assert all(text[start:end] == word for word, start, end in spans)
