"""Build governance_kit/data/common_chars.txt: the Han characters common in modern Chinese.

Source: jieba 0.42.1's dictionary (dict.txt, word frequencies from the People's Daily and other
corpora, MIT licence). A character's frequency is the summed frequency of the dictionary words
containing it; the most frequent ``TOP`` Simplified characters are kept, together with their
Traditional forms (OpenCC s2t), so the set serves Simplified and Traditional texts alike.
The cleaner uses it to spot runs of rare characters, the signature of GBK bytes decoded one byte
out of alignment (mojibake such as 鶎又卫砟芰). Re-run after upgrading jieba:

    python scripts/build_common_chars.py
"""
from __future__ import annotations

import collections
from pathlib import Path

import opencc

TOP = 4500
OUT = Path(__file__).resolve().parents[1] / "governance_kit" / "data" / "common_chars.txt"


def main() -> None:
    freq: collections.Counter[str] = collections.Counter()
    from governance_kit.tokens.dictionary import dict_file, parse_entries

    for word, count, _ in parse_entries(dict_file().read_text(encoding="utf-8")):
        for ch in set(word):
            if "\u4e00" <= ch <= "\u9fff":
                freq[ch] += int(count)
    simplified = "".join(ch for ch, _ in freq.most_common(TOP))
    traditional = opencc.OpenCC("s2t").convert(simplified)
    chars = sorted(set(simplified) | set(traditional))
    header = (
        f"# source: jieba 0.42.1 dict.txt (MIT), top {TOP} Simplified Han characters by summed word frequency,\n"
        "# plus their Traditional forms via OpenCC s2t. Built by scripts/build_common_chars.py; one line of characters.\n"
    )
    OUT.write_text(header + "".join(chars) + "\n", encoding="utf-8")
    print(f"{len(chars)} characters -> {OUT}")


if __name__ == "__main__":
    main()
