"""What a number counts: the noun phrase of its subject, in the document's words.

The phrase right before the number (综合网格1993个), after the last verb or function word and after the
previous metric; a time phrase in between is skipped (生产总值从2020年的1.2万亿元 → 生产总值). When
that phrase is empty, a list, or a verb phrase (新设5个产业园区), the noun phrase after the unit
(配备4744名网格长、网格员), which ends at the next verb. A figure that only changes or follows the
previous one (生产总值2.1万亿元、增长4.8%; 由40户整合至9户; 分别增长6.2%、3.5%) counts the same
thing and takes its subject. Long phrases are cut at a word boundary.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .rules import HAN, MetricRules

_SUBJECT_CLAUSE = re.compile(rf"[{HAN}、]+$")
_BRACKET = re.compile(rf"[(（][{HAN}]{{1,6}}[)）]")
# a time phrase between the subject and its number: 从2020年的, 由上年的, 2025年底
_TIME = re.compile(r"(?:从|由)?(?:\d{4}年(?:底|末|初)?|上年|去年|前年|年初|年末|年底)(?:的)?$")
# a period and rate standing alone between a quoted period and the number (工业总产值“一五”时期平均每年增长)
_PERIOD = re.compile(r"(?:时期|期间)?(?:平均每年|每年平均|年均|平均)?(?:实际)?")
_QUOTE_END = re.compile(r"[“\"][^”\"]{1,4}[”\"]$")
_PAREN = re.compile(r"[(（][^()（）]{0,24}[)）](?:为|是|达|有)?$")  # 社区数(含居委会)为
_LIST_BEFORE = re.compile(r"(?:、|和|及|以及)$")
_SHARE = re.compile(r"([^\s，,。；;：:！？!?、]{2,12}?)的占$")  # 60岁以上的占12.5%
_YEAR = re.compile(r"(?:\d{4}年(?:底|末|初)?|(?<![比较])(?:去年|上年|前年))的?")
_BREAK = re.compile(r"[。；;！？!?\n]")
_CLAUSE_BEFORE = re.compile(rf"[，,][{HAN}]{{0,12}}$")  # the comma before the number's own clause
# a later figure compared with an earlier time: it counts what the figure before it counts
# (比上年末增加8800亿元, 比前五年增长一倍多, 是1997年的1.8倍)
_COMPARED = re.compile(r"[、,，]?(?:比|较|是|为|相当于)(?:上年末|上年底|上年同期|上年|去年同期|去年|前[一二三四五]年|\d{4}年(?:底|末)?"
                       r"|[“\"]?[一二三四五六七八九十]{2,3}[”\"]?时期|上一?个五年)"
                       r"的?(?:增加|增长|减少|下降|提高|降低|多|少)?了?")
# A、B(的支出)分别增长 x、y: the k-th figure after 分别 counts the k-th item of the list before it
_NUMERAL = re.compile(r"[\d０-９一二三四五六七八九十两百千万]")
_FIGURE_RUN = re.compile(r"(?:[^，,。；;、和及与]{1,14}[、和及与])+")
_DISTRIBUTED = re.compile(rf"(?P<list>(?:[{HAN}]{{2,14}}?[、和及与])+[{HAN}]{{2,14}}?)(?:的(?P<head>[{HAN}]{{1,6}}?))?"
                          r"(?:年均|平均|同比|(?:由|比|较)?(?:上年|去年|\d{4}年)(?:同期)?)?")
# heads of a counted compound that a verb inside does not end (66个粮食产能提升重点县, 10个节能改造项目)
_COMPOUND_HEADS = ("工程", "项目", "行动", "计划", "重点县", "示范区", "示范县", "基地", "园区", "措施", "政策", "事项")
# count words: a noun right after them is what they count (推动…10条措施, 做好以下十项工作)
_COUNTERS = frozenset("个家所项条座名位件台辆套处批类种支艘架")
# verbs before the number that stand between a subject and it (调控目标定为8%, 投资共完成4000亿元)
_MORE_TAILS = re.compile(r"(?:确定为|控制在|保持在|稳定在|共完成|累计完成|大约有|约有|大约)$")
# a year before the verb before the number (国内生产总值2000年达8.9万亿元): neither is the subject
_YEAR_TAIL = re.compile(r"\d{4}年(?:底|末|初)?(?:达到|达|为|是|突破|超过|增至|共)?$")
# a noun in quotes right before the number (“高效办成一件事”20项)
_QUOTED_BEFORE = re.compile(r"[“\"]([^”\"\n]{2,14})[”\"]$")
# a comparison written as a change of rate: 投入3万亿元，年均增幅超过23%
_RATE_GAP = re.compile(r"[，,]?(?:(?:年均|平均)?(?:增幅|增速|涨幅|降幅)|(?:平均每年|每年平均|年均)(?:实际)?(?:增长|增加|下降|减少|提高))"
                       r"|(?:回落|回升|上升|下降|降低|减少|增加|提高|扩大|缩小)(?:到|至|为)(?:年末|年底|年初)?的?"
                       r"|[，,；;]?(?:[“\"][^”\"]{1,4}[”\"])?(?:时期|期间)(?:平均每年|每年平均|年均|平均)(?:实际)?(?:增长|增加|下降|减少|提高)")
# asides between a figure and its change (，按可比价格计算，比上年增长; 扣除物价上涨因素，)
_ASIDE = re.compile(r"(?:按可比价格计算|扣除(?:物价|价格)(?:上涨)?因素)[，,]?")
# X占Y的 z%, X已接近Y的 z%: the share is X's
_SHARE_OF = re.compile(rf"(?:^|[，,。；;：:、\n])([{HAN}]{{2,14}}?)(?:已|仅|约)?(?:占|接近|相当于)[{HAN}“”]{{2,16}}的$")
_CODE_BEFORE = re.compile(r"[0-9A-Za-z]{1,3}$")  # 5A级景区, 5G基站
_TIME_TAIL = re.compile(r"(?:年末|年底|年初|末)$")
_TOPIC = re.compile(r"[，,](?:从|由)?(?:\d{4}年(?:底|末|初)?的?|上年的?)?$")
_ACTION = re.compile(rf"[{HAN}]{{2,12}}(?=[，,。；;、]|$)")
_LEADING_TIME = re.compile(r"^(?:去年|今年|上年|全年|\d{4}年)")
_DONE_AFTER = ("总值", "产值", "总额", "总量", "产量", "收入", "投资")  # 工业总产值完成560亿元: 完成 is no part of the subject
_CLAUSE_MARK = re.compile(r"[，,。；;：:\n]")
_VERB_TAGS = ("v", "vd")
_SKIP_TAGS = ("d", "ad", "a", "c", "p")


def _cut(phrase: str) -> list[str]:
    """Dictionary words of a short phrase (the kit's lexicon, no HMM), to find word boundaries."""
    from ..tokens.pieces import dictionary_pieces

    cut = dictionary_pieces()[2]
    return list(_cached_cut(phrase, cut))


@lru_cache(maxsize=8192)
def _cached_cut(phrase: str, cut) -> tuple[str, ...]:
    return tuple(cut(phrase))  # keyed by the cut too: an edited lexicon gives a new one


def _tags():
    from ..tokens.dictionary import word_tags

    return word_tags()


def _starts_with_verb(tokens: list[str], r: MetricRules) -> bool:
    """新设, 又取消, 清理规范, 全面完成: the phrase opens (after adverbs) with a verb."""
    tags = _tags()
    for i, token in enumerate(tokens):
        tag = tags.get(token)
        whole = len(token) > 1 or i > 0 or len(tokens) == 1  # 可再生能源 cut as 可|再生能源 opens no verb
        if token in r.boundaries or (whole and (tag or "").startswith(_VERB_TAGS)
                                     and (tag != "vn" or len(tokens) == 1)):
            return True
        if tag in _SKIP_TAGS or (tag is None and len(token) == 1):
            continue
        return False
    return False


def _fit(phrase: str, limit: int) -> str:
    """The end of ``phrase``, at most ``limit`` characters, cut at a word boundary."""
    if len(phrase) <= limit:
        return phrase
    kept = ""
    for token in reversed(_cut(phrase)):
        if len(kept) + len(token) > limit:
            break
        kept = token + kept
    return kept or phrase[-limit:]


def _before(text: str, start: int, r: MetricRules, previous_end: int) -> tuple[str, int | None]:  # noqa: C901
    """The noun phrase right before the number, and where its clause starts."""
    stop = start
    year = _YEAR_TAIL.search(text, max(previous_end, start - 9), start)
    if year and year.start() > previous_end and year.group():
        stop = year.start()  # 国内生产总值2000年达
    time = _TIME.search(text, max(previous_end, stop - 12), stop)
    if time and time.start() > previous_end:
        stop = time.start()
    paren = _PAREN.search(text, max(previous_end, stop - 30), stop)
    if paren and paren.start() > previous_end:
        stop = paren.start()
    before = _SUBJECT_CLAUSE.search(text, max(previous_end, stop - 20), stop)
    if not before:
        return "", None
    while ((tail := _MORE_TAILS.search(text, before.start(), stop) or r.tail_re.search(text, before.start(), stop))
           and tail.end() == stop and tail.start() > before.start()):
        stop = tail.start()  # 总收入达, 成功率在, 下降到: the verb before the number is no part of the subject
    if _PERIOD.fullmatch(text, before.start(), stop) and (quote := _QUOTE_END.search(text, max(0, before.start() - 8),
                                                                                      before.start())):
        again = _SUBJECT_CLAUSE.search(text, max(previous_end, quote.start() - 20), quote.start())
        if again:  # 工业总产值“一五”时期平均每年增长: the subject stands before the quoted period
            before, stop = again, quote.start()
    if text.endswith("完成", before.start(), stop) and text.endswith(_DONE_AFTER, before.start(), stop - 2):
        stop -= 2
    if text[stop - 1:stop + 1] == "定为" and stop - 1 >= before.start():
        stop -= 1  # 调控目标定为8%
    # cut after the last boundary that is a whole word (共富工坊 keeps its 共, 各类事件 its 各)
    ends, pos = [], before.start()
    for token in _cut(text[before.start():stop]):
        pos += len(token)
        ends.append((pos, token))
    while len(ends) > 1 and ends[-1][1] in r.boundaries and ends[-1][0] == stop and _tags().get(ends[-1][1]) == "d":
        stop -= len(ends.pop()[1])  # 关税总水平已|由: a boundary word right before the number is no cut
    cut = max((e for e, t in ends if t in r.boundaries and e <= stop), default=before.start())
    if text.startswith("占", cut):  # 经费支出占国内生产总值比重: the share keeps what it is a share of
        cut = max((e for e, t in ends if t in r.boundaries and e < cut - 1), default=before.start())
    if text[cut:stop].endswith(r.measure_nouns) and cut > before.start():
        # 调解成功率, 办结率, 养老服务补贴: a rate or amount keeps its whole noun compound
        cut = max((e for e, t in ends if t in r.strong_boundaries), default=before.start())
    if cut > 0 and text[cut - 1].isdigit() and text[cut:cut + 1] in "年月日":
        cut += 1  # 1982年重工业总产值: the year is no part of the subject
    phrase = text[cut:stop].strip("、")
    if cut == before.start() and text[cut:cut + 1] in "级类型星" and _CODE_BEFORE.search(text, max(0, cut - 3), cut):
        code = _CODE_BEFORE.search(text, max(0, cut - 3), cut)
        if code.start() >= previous_end:
            phrase = text[code.start():stop]  # 5A级景区
    if cut == before.start() and len(phrase) <= 4 and text[cut - 1:cut] in "）)":
        opened = max(text.rfind("（", max(0, cut - 10), cut), text.rfind("(", max(0, cut - 10), cut))
        head = _SUBJECT_CLAUSE.search(text, max(previous_end, opened - 6), opened) if opened > previous_end else None
        if head and len(head.group()) >= 2:
            named = head.group().split("、")[-1]
            for token in _cut(named)[:-1]:
                if token not in r.boundaries:
                    break
                named = named[len(token):]  # 全县化肥 → 化肥
            phrase = named + phrase  # 化肥（折纯）产量 → 化肥产量
    if cut == before.start() == previous_end > 0 and _cut(text[cut - 1:cut + 1]) == [text[cut - 1:cut + 1]] \
            and len(phrase) > 3:
        phrase = phrase[1:].lstrip("、")  # 每10万人|口高等教育…: the first character ends the previous figure's word
    elif "、" in phrase and len(phrase.split("、")[0]) < 2:
        phrase = phrase.split("、", 1)[1]  # 台|阶、五年增量: a fragment of the word before the list
    return phrase, before.start()


def _after(text: str, end: int, r: MetricRules) -> str:
    """The noun phrase right after the unit, up to punctuation, a stop word or a verb."""
    stop = r.after_stop_re.search(text, end, min(len(text), end + r.subject_max + 1))
    after_end = stop.start() if stop else min(len(text), end + r.subject_max)
    bracket = _BRACKET.match(text, after_end)
    if bracket and after_end > end:
        after_end = bracket.end()
    if after_end == end and text[end:end + 1] in "“\"‘":  # 30多个“急难愁盼”
        quoted = re.match(r"[“\"‘]([^”\"’\n]{1,12})[”\"’]", text[end:])
        if quoted:
            return quoted.group(1)
    after = text[end:after_end]
    if after.startswith("、"):
        return ""  # 7.9%、…: a list of figures, not a noun
    after = after.strip("、")
    if after and text.startswith("的", after_end) and (_starts_with_verb(_cut(after), r)
                                                      or _tags().get(after) in ("a", "ad", "z")):
        head = _after(text, after_end + 1, r)  # 58家承担公共服务职能的市属企业 → 市属企业
        if head and not _starts_with_verb(_cut(head), r):
            return head
    tokens = _cut(after) if after else []
    if len(tokens) > 1:  # 全国重点实验室落户河北 → 全国重点实验室
        tags, pos = _tags(), len(tokens[0])
        for i, token in enumerate(tokens[1:], 1):
            tag = tags.get(token) or ""
            following = tags.get(tokens[i + 1], "") if i + 1 < len(tokens) else ""
            noun_follows = following.startswith("n") and following not in ("ns", "nr", "nt")
            if (tag.startswith(_VERB_TAGS) and tag != "vn" and len(token) > 1 and not noun_follows
                    and not after.endswith(_COMPOUND_HEADS)):
                after = after[:pos]  # 落户河北 ends it; 创新成果 is a noun compound
                break
            pos += len(token)
    if "、" in after:  # 液压支架、全球最大直径竖…; 办学机构、新(筹建): a list cut short is no subject
        parts = after.split("、")
        if stop is None or len(parts[-1]) < 2:
            after = parts[0]
    if len(after) > 2 and after.endswith(r.trailing):
        after = after[:-1]
    return after


def _noun_after_unit(text: str, end: int, unit: str, r: MetricRules) -> str:
    """A noun the measure word starts (十亿人口 → 人口, 4.2万人口 → 人口), or ''."""
    if not unit:
        return ""
    for word in sorted(r.people_nouns, key=len, reverse=True):
        if word.startswith(unit[-1]) and len(word) > 1 and text.startswith(word[1:], end):
            return word
    return ""


def _only_tails(phrase: str, r: MetricRules) -> bool:
    """比上年, 比去年多, 实际: nothing but the words that stand between a subject and its number."""
    while phrase and (tail := r.tail_re.search(phrase)):
        if tail.start() == tail.end():
            break
        phrase = phrase[:tail.start()]
    return not phrase


def _modified(text: str, end: int, r: MetricRules) -> str:
    """The noun a figure modifies with 的 (形成3.28万亿元的投资规模, 近千公里的黄河堤防), or ''."""
    if not text.startswith("的", end):
        return ""
    head = _after(text, end + 1, r)
    if len(head) < 2 or (_starts_with_verb(_cut(head), r) and not head.endswith(r.measure_nouns)) \
            or _tags().get(head) in ("a", "ad", "z", "d"):
        return ""
    return head


def _weak(text: str, phrase: str, start: int, r: MetricRules) -> bool:
    """Is the phrase before a count no subject of its own: the last item after 和 (发展和赋能应用10条措施)
    or a clause ending on 以下/如下 or a verb (做好以下十项工作)?"""
    if not phrase:
        return True
    at = text.rfind(phrase, max(0, start - len(phrase) - 8), start)
    tokens = _cut(phrase)
    return (text[at - 1:at] in ("和", "与", "及") or phrase.endswith(("以下", "如下"))
            or any(phrase.endswith(b) for b in r.boundaries if len(b) > 1 and len(phrase) > len(b))
            or (_tags().get(tokens[-1]) or "") in ("v", "vd"))


def _choose(text: str, start: int, end: int, r: MetricRules, previous_end: int, unit: str) -> str | None:
    phrase, clause_start = _before(text, start, r, previous_end)
    if _only_tails(phrase, r):
        phrase = ""
    rate_before = unit == "%" and any(w in phrase for w in ("率", "比重", "占比"))
    if (unit or text.startswith("百分之", start)) and not rate_before and (head := _modified(text, end, r)):
        return head  # 3.28万亿元的投资规模; not 优良率保持100%的唯一省份
    quoted = _QUOTED_BEFORE.search(text, max(previous_end, start - 16), start)
    if quoted and not phrase:
        return quoted.group(1)  # 、“高效办成一件事”20项
    action = _ACTION.match(text, end)
    if unit == "次" and text[start - 1:start] in "，,；;" and action:
        return action.group()  # ，三次提高出口退税率: what was done that often
    after = _noun_after_unit(text, end, unit, r) or _after(text, end, r)
    if after and _starts_with_verb(_cut(after), r) and (not unit or r.change_re.fullmatch(after)
                                                        or re.match(r".{1,3}?[到至]", after)):
        after = ""  # 投资85万建了一座礼堂: a verb after a bare 万, no noun; 由35个增加到: a change
    if phrase and after and (_starts_with_verb(_cut(phrase), r) or text[start - 1:start] == "是"):
        return after  # 新设5个产业园区; 台下是100多名代表
    if after and len(after) >= 2 and unit[-1:] in _COUNTERS and unit == text[end - len(unit):end] \
            and (text[end:end + 1] in "“\"" or (not (_tags().get(_cut(after)[0]) or "") in ("v", "vd")
                                                and _weak(text, phrase, start, r))):
        return after  # 推动产业发展和赋能应用10条措施: the count word counts the noun after it
    if after and _LIST_BEFORE.search(text, max(0, start - 2), start):
        return after  # 120个社区、9个街道、35家部门: a list of counted nouns
    if phrase and not ("、" in phrase and after):
        fitted = _fit(phrase, r.subject_max).lstrip("、")
        if fitted.startswith("占") and len(phrase) > len(fitted):
            fitted = _fit(phrase, r.subject_max + 8).lstrip("、")  # 经费支出占国内生产总值比重
        return fitted
    if after:
        return after
    if clause_start is not None and clause_start < start:
        rest = text[clause_start:start].strip("、")
        if rest and rest not in r.boundaries and not r.tail_re.search(rest):
            return _fit(rest, r.subject_max).lstrip("、")
    return None


def subject(text: str, start: int, end: int, r: MetricRules, previous=None, unit: str = "") -> str | None:
    """The subject of the metric ``text[start:end]``; ``previous``: the metric before it in the text;
    ``unit``: its measure word as written."""
    previous_end = previous.end if previous is not None else 0
    same_sentence = previous is not None and not _BREAK.search(text, previous_end, start)
    distributed = _distributed(text, start)
    if distributed:
        return distributed
    gap = _ASIDE.sub("", re.sub(r"\s", "", text[previous_end:start])) if same_sentence else ""
    if same_sentence and previous.subject and (_COMPARED.fullmatch(gap) or _RATE_GAP.fullmatch(gap)):
        return previous.subject  # 存款达3.85万亿元,比上年末增加8800亿元; 投入3万亿元，年均增幅超过23%
    share = _SHARE_OF.search(text, max(previous_end, start - 40), start)
    if share:
        return _fit(share.group(1), 12)  # 冻鳟鱼出口占全国同类产品出口总值的98.5%
    if previous is not None and previous.subject and r.change_re is not None:
        gap = _YEAR.sub("", re.sub(r"\s", "", text[previous_end:start]))
        counted = unit[-1:] in _COUNTERS and gap in ("，", ",") and len(_after(text, end, r)) >= 2
        if not counted and ((not gap and previous_end == start) or (gap and len(gap) <= 8 and r.change_re.fullmatch(gap))):
            return previous.subject  # 分别占31.2%40.5%; 由40户整合至9户; 女性76人,占52.1% (not: 1337个，59个产品)
    if previous is not None and not previous.subject and r.change_re is not None and previous.end < start:
        gap = re.sub(r"\s", "", text[previous_end:start])
        if gap and len(gap) <= 4 and r.change_re.fullmatch(gap):
            return previous.quote  # 60岁及以上的占12.5%: the group the previous figure defines
    if previous is not None and previous.subject and start - previous_end <= 12:
        gap = text[previous_end:start]
        after = _after(text, end, r)
        if after and gap.startswith(previous.subject) and not _BREAK.search(gap):
            return after  # 9个村(居)40个网格: the noun before is the previous figure's
    share = _SHARE.search(text, max(previous_end, start - 16), start)
    if share:
        return share.group(1)  # 60岁以上的占12.5%: the group whose share it is
    found = _choose(text, start, end, r, previous_end, unit)
    if found:
        return _TIME_TAIL.sub("", found) if len(found) > 4 else found  # 储蓄存款年末
    if same_sentence and previous.subject and previous.unit_as_written[-1:] == unit[-1:]:
        last = re.split(r"[，,、;；]", text[previous_end:start])[-1]
        if last == "其中" or _only_tails(last, r):
            return previous.subject  # 累计推出80项成果,其中12项; 迈上2万亿元台阶,达到2.1万亿元
    clause = _CLAUSE_BEFORE.search(text, max(previous_end, start - 40), start)
    if clause and clause.start() > previous_end:  # 社会商品零售总额,比上年增长8.5%
        return _choose(text, clause.start(), clause.start(), r, previous_end, "")
    topic = _TOPIC.search(text, max(previous_end, start - 16), start)
    if topic and topic.start() > previous_end:  # 人口地区覆盖率，由1997年的65%
        phrase = _before(text, topic.start(), r, previous_end)[0]
        return _fit(phrase, r.subject_max).lstrip("、") or None
    return None


def _distributed(text: str, start: int) -> str | None:
    """The item of ``A、B(的支出)分别增长 x、y`` that the figure at ``start`` stands for (A for x, B for y)."""
    fen = text.rfind("分别", max(0, start - 60), start)
    if fen < 0 or _CLAUSE_MARK.search(text, fen, start):
        return None
    seg = text[fen + 2:start]
    first = _NUMERAL.search(seg)
    verb = seg[:first.start()] if first else seg
    run = seg[first.start():] if first else ""
    if len(verb) > 8 or (run and not _FIGURE_RUN.fullmatch(run)):
        return None
    k = len(re.findall("[、和及与]", run))
    marks = [c.end() for c in _CLAUSE_MARK.finditer(text, max(0, fen - 60), fen)]
    clause = text[marks[-1] if marks else max(0, fen - 40):fen]
    if marks and re.fullmatch(r"\d{4}年(?:底|末)?", clause):
        clause = text[marks[-2] if len(marks) > 1 else max(0, fen - 60):marks[-1] - 1]  # A和B，2000年分别达到 x和y
    found = _DISTRIBUTED.fullmatch(clause)
    if not found:
        return None
    items = re.split("[、和及与]", found.group("list"))
    if k >= len(items) or any(len(x) < 2 for x in items):
        return None
    item = items[k]
    if k == 0:
        item = _LEADING_TIME.sub("", item) or item  # 去年粮食产量
    if k == 0:  # 全年中央财政用于科技: the first item begins after the clause's last verb
        pos, cut = 0, 0
        for token in _cut(item)[:-1]:
            pos += len(token)
            if (_tags().get(token) or "").startswith(_VERB_TAGS) and len(token) > 1:
                cut = pos
        item = item[cut:] if len(item) - cut >= 2 else item
    if k < len(items) - 1 and len(items[k]) <= 2 and len(items[-1]) >= 4:  # 城镇、农村居民人均可支配收入
        last = _cut(items[-1])
        item += items[-1][len(last[0]):] if len(last) > 1 and len(last[0]) >= 2 else ""  # → 城镇居民人均可支配收入
    return item + (found.group("head") or "")
