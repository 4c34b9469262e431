"""Checks for notebook 01, “语料与清洗”: one function per exercise, hints in Chinese.

Expected values come from cleaning the bundled corpus with the kit. The two sample texts below are
exercise material shown in the notebook (not answers); a test checks the notebook uses the same text.
"""
from __future__ import annotations

import numbers
import re
from functools import lru_cache
from pathlib import Path

from ..feedback import exercise

SEED_001 = "jiangsu_2019"  # the Traditional reprint with pinyin notes and misaligned GBK
# exercise 1.3: a page of a (fictional) county site whose last line is the site's footer
# (the second body line also ends in 维护: a pattern as broad as '.*维护' deletes it and fails)
FOOTER_SAMPLE = ("社区议事会每月召开一次，居民代表提出议题，协商后形成决定并公开。\n"
                 "小区的路灯和健身器材由物业公司负责维护\n本网站由清河县融媒体中心维护\n")
# the same footer on other sites: a rule should not depend on the unit's name (hidden check)
OTHER_FOOTERS = ("本网站由射阳县融媒体中心维护", "本网站由宁波市海曙区高桥镇人民政府维护")
# exercise 1.4: the demonstration text of section 八, which the trainee should replace by their own
DEMO_GBK_TEXT = "我们村坚持“四议两公开”工作法，村里的大事由村民商量着办。"
GBK_NAMES = {"gbk", "gb2312", "gb18030", "cp936"}
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _corpus():
    import governance_kit as gk

    return gk.load_corpus()


def _seed():
    return _corpus()[SEED_001]


def _whole_number(ex, value, name: str) -> int:
    import pandas as pd

    if isinstance(value, (pd.Series, pd.DataFrame)):
        ex.fail(f"{name} 现在是一列数据或一张表，还差一步：用 .sum() 数出“真”的个数，得到一个整数。")
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    ex.is_type(value, int, name)
    return value


# --------------------------------------------------------------------------- 1.1
def ex1(n_pinyin):
    """1.1: pinyin notes removed from seed 001."""
    with exercise("1.1", later="把原文件重新清洗一遍再数，处数要一致") as ex:
        ex.answered(n_pinyin, "n_pinyin")
        n = _whole_number(ex, n_pinyin, "n_pinyin")
        report = _seed().cleaning
        counts = report.counts
        expected = counts["pinyin"]
        if n != expected:
            if n == 0:
                ex.fail("0 处？种子 001 几乎每个字后面都有拼音注音。检查筛选条件：changes[\"kind\"] == \"pinyin\"（小写英文）。")
            if n == len(report.all_changes()):
                ex.fail("你数的是全部改动（changes 的总行数）；只数 kind 为 \"pinyin\" 的行。")
            if n == len(report.pinyin_notes):
                ex.fail("少数了几处：有的注音的左括号在乱码里丢了，它们也算删除的拼音注音。请数改动表 changes 中 kind 为 \"pinyin\" 的行。")
            for kind in ("removed", "lost_char", "repaired"):
                if n == counts[kind]:
                    ex.fail(f"这是 {kind} 类改动的数目，不是拼音注音；筛选条件写 changes[\"kind\"] == \"pinyin\"。")
            for doc in _corpus():
                if doc.doc_id != SEED_001 and doc.cleaning.counts["pinyin"] == n:
                    ex.fail(f"这是 {doc.doc_id} 的拼音注音数；题目问的是种子 001（{SEED_001}，即上面的 doc 和它的改动表 changes）。")
        ex.equal(n, expected, "拼音注音的处数不对：changes[\"kind\"] == \"pinyin\" 得到一列真/假，再用 .sum() 计数。")


def ex1_hidden(n_pinyin):
    """1.1, second route: clean the file afresh (not the corpus cache) and compare."""
    with exercise("1.1") as ex:
        ex.answered(n_pinyin, "n_pinyin")
        n = _whole_number(ex, n_pinyin, "n_pinyin")
        import governance_kit as gk
        from ...corpus import bundled_corpus_dir

        fresh = gk.read_document(bundled_corpus_dir() / Path(_seed().path).name)
        ex.equal(n, len(fresh.cleaning.pinyin), "与重新清洗种子 001 得到的拼音注音数不一致：请数 kind 为 \"pinyin\" 的改动。")


# --------------------------------------------------------------------------- 1.2
def _find(report, original: str):
    return next((c for c in report.all_changes() if c.original == original), None)


def ex2(repair):
    """1.2: one repaired span of seed 001 (not the first): (garbled original, text in the cleaned document)."""
    with exercise("1.2") as ex:
        ex.answered(repair, "repair")
        if hasattr(repair, "kind") and hasattr(repair, "original"):
            ex.fail("你存的是整条改动记录；题目要两段文字：它的 .original（原文里的乱码）和清洗后正文 doc.text 里对应的那一段。")
        if not isinstance(repair, (tuple, list)) or len(repair) != 2 or not all(isinstance(s, str) for s in repair):
            ex.fail(f"repair 应是两段文字组成的元组：（原文里的乱码，清洗后正文里的文字）；现在是 {type(repair).__name__}：{repair!r:.80}。")
        garbled, clean = repair
        doc = _seed()
        change = _find(doc.cleaning, garbled)
        if change is None:
            if _find(doc.cleaning, clean) is not None:
                ex.fail("顺序反了：第一项放原文中的乱码，第二项放清洗后的文字。")
            other = next((d for d in _corpus() if d.doc_id != SEED_001 and _find(d.cleaning, garbled)), None)
            if other is not None:
                ex.fail(f"这处改动来自 {other.doc_id}；题目要种子 001（{SEED_001}，即 doc）的修复：doc.cleaning.repaired。")
            ex.fail("第一项在种子 001 的清洗报告里找不到。请直接取修复记录的 .original，不要手抄——乱码里有看不见的字符。")
        if change.kind == "lost_char":
            ex.fail("这是无法恢复的缺字（lost_char，正文里写作 □），不是修复；请从 doc.cleaning.repaired 里选。")
        if change.kind == "flagged":
            ex.fail("这是无法可靠修复、只作标记的片段（flagged），不是修复；请从 doc.cleaning.repaired 里选。")
        if change.kind != "repaired":
            ex.fail(f"这是 {change.kind} 类改动，不是乱码修复；请从 doc.cleaning.repaired 里选。")
        if change is doc.cleaning.repaired[0] or change.start == doc.cleaning.repaired[0].start:
            ex.fail("第一处修复在“六、位置就是证据”里已经看过了；请换一处，例如 doc.cleaning.repaired[1] 或 doc.cleaning.repaired[-1]。")
        in_text = doc.text[change.clean_start:change.clean_end]
        if clean == garbled:
            ex.fail("第二项还是乱码；应是清洗后正文 doc.text 中对应的那一段（位置 clean_start 到 clean_end）。")
        ex.equal(clean, in_text, "第二项与清洗后正文中这处修复的文字不一致：用修复记录的 clean_start、clean_end 从 doc.text 里取出，不要手抄。")


# --------------------------------------------------------------------------- 1.3
def _rules_of(ex, value, name: str) -> list:
    from ...clean.boilerplate import Rule

    if isinstance(value, str):
        if "rules" in value:
            ex.fail(f"{name} 现在是 YAML 文字；先把它写进文件，再用 gk.load_rules(文件路径) 读成规则。")
        ex.fail(f"{name} 应是 gk.load_rules(...) 读出的规则，现在是一段文字：{value!r:.60}。")
    if isinstance(value, Rule):
        return [value]
    if not isinstance(value, (tuple, list)) or not all(isinstance(r, Rule) for r in value):
        ex.fail(f"{name} 应是 gk.load_rules(...) 读出的规则，现在是 {type(value).__name__}。")
    return list(value)


def _own_rules(ex, value, name: str) -> list:
    import governance_kit as gk

    default_ids = {r.id for r in gk.default_rules()}
    own = [r for r in _rules_of(ex, value, name) if r.id not in default_ids]
    if not own:
        ex.fail(f"{name} 里只有工具箱的默认规则；还要加上你自己写的那一条（id 不要和默认规则重复）。")
    return own


def _clean_with(text: str, own: list):
    import governance_kit as gk

    return gk.clean_text(text, rules=gk.default_rules() + tuple(own))


def _footer_kept_hint(own: list, footer: str) -> str:
    """Why ``footer`` survived: the likely mistake in the trainee's rules."""
    if all(r.zone == "head" for r in own):
        return "zone 写成了 head（只在正文之前生效）；页脚在正文之后，写 zone: tail 或不写。"
    for r in own:
        if not r.contains and r.pattern.search(footer) and not r.pattern.fullmatch(footer):
            return (f"pattern {r.pattern.pattern!r} 只匹配了这一行的一部分；规则默认要与整行匹配。"
                    "在后面补上单位名和“维护”（如 .{1,30}维护），或者加一行 match: contains。")
    return "页脚那一行没有被删掉：检查 pattern 是否写对（可以先用 re.fullmatch(pattern, 那一行) 试一试）。"


def _check_footer(ex, own: list, sample: str) -> None:
    """Every body line of ``sample`` kept, its last line (the footer) removed."""
    *body, footer = sample.splitlines()
    result = _clean_with(sample, own)
    kept = set(result.text.splitlines())
    lost = [line for line in body if line not in kept]
    if lost:
        ex.fail(f"正文被误删了（“{lost[0]}”这一行）：规则写得太宽。让 pattern 从“本网站由”开始、以“维护”结束，"
                "只匹配页脚那一行。")
    if footer in result.text:
        ex.fail(_footer_kept_hint(own, footer))


def _corpus_unchanged(ex, own: list) -> None:
    import governance_kit as gk

    for doc in _corpus():
        if _clean_with(doc.raw, own).text != gk.clean_text(doc.raw).text:
            ex.fail(f"你的规则改动了语料中 {doc.doc_id} 的正文：规则太宽，会误删真实材料。"
                    "让 pattern 只匹配“本网站由……维护”这样的整行。")


def ex3(footer_rules):
    """1.3: a rule that removes the footer “本网站由…维护” of FOOTER_SAMPLE, keeps every body line,
    works for other units' footers and leaves the bundled corpus as it was."""
    with exercise("1.3") as ex:
        ex.answered(footer_rules, "footer_rules")
        own = _own_rules(ex, footer_rules, "footer_rules")
        _check_footer(ex, own, FOOTER_SAMPLE)
        _not_hard_coded(ex, own)
        _corpus_unchanged(ex, own)


def _not_hard_coded(ex, own: list) -> None:
    """The statement's rule: no unit name such as 清河县 written into the pattern; other sites' footers go too."""
    for r in own:
        if "清河" in r.pattern.pattern:
            ex.fail(f"pattern {r.pattern.pattern!r} 里写死了“清河县”：别的单位的网站页脚（如“{OTHER_FOOTERS[0]}”）就删不掉了。"
                    "题目要求不要写单位名，用 .{1,30} 代替它，例如 '本网站由.{1,30}维护'。")
    body = FOOTER_SAMPLE.splitlines()[:-1]
    for footer in OTHER_FOOTERS:
        sample = "\n".join([*body, footer]) + "\n"
        if footer in _clean_with(sample, own).text:
            ex.fail(f"换一个单位名，页脚“{footer}”就删不掉了：pattern 里不要写死“清河县融媒体中心”，用 .{{1,30}} 代替单位名。")
        _check_footer(ex, own, sample)


def ex3_hidden(footer_rules):
    """1.3 at grading: the same criteria as :func:`ex3`, all of which the trainee saw checked live."""
    with exercise("1.3") as ex:
        ex.answered(footer_rules, "footer_rules")
        own = _own_rules(ex, footer_rules, "footer_rules")
        _not_hard_coded(ex, own)
        _corpus_unchanged(ex, own)


# --------------------------------------------------------------------------- 1.4
def _gbk_file(ex, my_doc) -> tuple[bytes, str]:
    """The bytes of the file my_doc was read from, and its text decoded as GBK; hints otherwise."""
    from ...corpus import Document

    if isinstance(my_doc, str):
        ex.fail("my_doc 应是读回的文档（gk.read_document(文件路径) 的结果），不是文字本身。")
    ex.is_type(my_doc, Document, "my_doc", "一篇文档（gk.read_document 的结果）")
    path = my_doc.path
    if not path or not Path(path).is_file():
        ex.fail(f"找不到 my_doc 读自的文件（{path}）：请先把文字存成文件，再把文件路径交给 gk.read_document，而不是字节。")
    data = Path(path).read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _HAN.search(data.decode("utf-8")):
            ex.fail("文件里没有汉字：请写一段中文（例如本单位的一段工作介绍）。")
        ex.fail("这个文件是 UTF-8 编码，不是 GBK：写文件时用 path.write_bytes(my_text.encode(\"gbk\"))，而不是 write_text。")
    try:
        text = data.decode("gbk")
    except UnicodeDecodeError:
        ex.fail("这个文件不是 GBK 编码：写文件时用 my_text.encode(\"gbk\") 得到字节，再用 write_bytes 存盘。")
    if not _HAN.search(text):
        ex.fail("文件里没有汉字：请写一段中文。")
    return data, text


def _encoding_name(name) -> str:
    return str(name or "").lower().replace("-", "").replace("_", "")


def ex4(my_doc):
    """1.4: a GBK file of the trainee's own, read back by the kit to the same text (checked by property)."""
    import governance_kit as gk

    with exercise("1.4", later="文件是纯 GBK 编码（按 GBK 读写字节不变），再读一次结果相同") as ex:
        ex.answered(my_doc, "my_doc")
        data, text = _gbk_file(ex, my_doc)
        if text.strip() == DEMO_GBK_TEXT:
            ex.fail("这是“八、读入自己的 GBK 文件”里的示例；请把 my_text 换成你自己的一段话。")
        encoding = my_doc.meta.get("encoding")
        if _encoding_name(encoding) not in GBK_NAMES:
            ex.fail(f"工具箱把编码识别成了 {encoding}。文字太短时编码检测容易出错：写长一点（一两句话），"
                    "再看看 my_doc.meta[\"read_warnings\"]。")
        ex.equal(my_doc.text, gk.clean_text(text).text,
                 "读回的正文与文件里的文字不一致：是不是改了 my_text 之后没有重新存盘、重新读入？请把整个单元格再运行一次。")


def ex4_hidden(my_doc):
    """1.4, stricter: the file is plain GBK (bytes round-trip) and reads back the same when read again."""
    import governance_kit as gk

    with exercise("1.4") as ex:
        ex.answered(my_doc, "my_doc")
        data, text = _gbk_file(ex, my_doc)
        try:
            same = text.encode("gbk") == data
        except UnicodeEncodeError:
            same = False
        ex.that(same, "文件的字节不是规范的 GBK：请用 my_text.encode(\"gbk\") 得到字节再存盘。")
        again = gk.read_document(my_doc.path)
        ex.equal(again.text, my_doc.text, "重新读入文件得到的正文与 my_doc 不一致：存盘之后再读入，不要在读入后改动文件。")
