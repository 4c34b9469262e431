"""The heading of each item of a numbered list (kind ``enumeration``): 一是……二是……, 一要……二要……,
模式一:…, 启示之一:…, 其一、…, 第一,…, 首先……其次……; items that state a problem (……发挥不充分)
are left out.

>>> from governance_kit.codebook.discovery.rules import default_discovery_rules
>>> scan = Enumerations("一是坚持党建引领,形成合力。二是实行网格化管理,增强动力。", default_discovery_rules())
>>> [scan.text[c.start:c.end] for c in scan.enumerations()]
['坚持党建引领', '实行网格化管理']
"""
from __future__ import annotations

from collections.abc import Iterable

from .candidates import Candidate, ScannedText


def _chinese_number(text: str) -> int:
    """一 … 九十九 as an int (enumeration headings: 模式十二)."""
    digits = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
    if "十" not in text:
        return digits.get(text[-1], 0)
    tens, _, units = text.partition("十")
    return digits.get(tens, 1) * 10 + digits.get(units, 0)


class Enumerations(ScannedText):
    """Runs of numbered items (at least two, numbered in order) and the heading phrase of each."""

    def enumerations(self) -> Iterable[Candidate]:
        text, r = self.text, self.r
        max_item = r.enumeration["max_item"]
        digits = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
        order = {"首先": 1, "其次": 2, "再次": 3, "最后": 4}
        found = []
        for m in r.enum_re.finditer(text):
            if m.group("hw"):
                number, family = _chinese_number(m.group("hn")), ("heading", m.group("hw"))
            elif m.group("on"):
                number, family = digits[m.group("on")], ("ordinal", m.group("ow"))
            elif m.group("qn"):
                number, family = digits[m.group("qn")], ("qi", "其")
            elif m.group("dn"):
                number, family = digits[m.group("dn")], ("di", "第")
            else:
                number, family = order[m.group("sq")], ("sequence", "首先")
            found.append((m.end(), family, number))
        runs: list[list] = []
        current: dict[tuple, list] = {}
        for pos, family, number in found:
            run = current.get(family)
            if number == 1:
                current[family] = [(pos, family, number)]
                runs.append(current[family])
            elif run is not None and pos - run[-1][0] <= 2000 and (
                    run[-1][2] == number - 1 or (family[0] == "sequence" and number == 4 and len(run) >= 2)):
                run.append((pos, family, number))
            else:
                current.pop(family, None)
        for run in runs:
            if len(run) < 2:
                continue
            for pos, family, _ in run:
                item = self._item(pos, max_item, strip_modal=family[0] in ("qi", "di", "sequence"))
                if item is None:
                    continue
                start, end = item
                name = text[start:end]
                if r.problem.search(name):
                    continue
                score, cues = r.w["enumeration"], [f"列举:{family[1]}"]
                if family[0] == "heading":
                    score += r.w["enumeration_heading"]
                elif r.measure.match(name):
                    score += r.w["enumeration_verb"]
                    cues.append("举措动词")
                yield Candidate(start, end, "enumeration", score, cues)

    def _item(self, pos: int, max_item: int, *, strip_modal: bool = False) -> tuple[int, int] | None:
        """The heading phrase of an item: from the marker to the first clause mark."""
        text = self.text
        start = pos
        while start < len(text) and text[start] in " \t:：,，、":
            start += 1
        if strip_modal and text[start:start + 1] in ("要", "是", "应"):
            start += 1
        term = self.r.enum_term.search(text, start, start + max_item + 1)
        end = term.start() if term else min(len(text), start + max_item + 1)
        if not term and end - start > max_item:
            return None
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end - start >= 2 else None
