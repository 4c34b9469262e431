"""Page furniture across a folder: load_corpus and the pipeline remove a doubted line that recurs in
the files of one folder, keep it where it does not recur, and agree on every text."""
from __future__ import annotations

from pathlib import Path

import governance_kit as gk
from governance_kit.clean.boilerplate import FURNITURE_RULE
from governance_kit.corpus.furniture import folder_of, recurring_lines, worth_surveying

MASTHEAD = "清溪发布 | 清溪融媒"  # scored between the model's repeat and remove thresholds on one page
BODIES = [
    "今年以来，清溪县把全县划分为一百二十个网格，每个网格配备专职网格员，群众反映的问题当天受理、限时办结。",
    "桐溪镇推行“四议两公开”，村里大小事务先由党支部提议，再经两委会商议、党员大会审议、村民代表会议决议。",
    "河阳街道组建居民议事会，围绕加装电梯、停车难等问题开展协商，今年共办结民生实事二十三件。",
    "云岭村设立村务监督委员会，每月公开财务收支，村民可以在公示栏和手机上随时查看每一笔账目。",
]


def _site(folder: Path, n: int, masthead: str = MASTHEAD) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        body = BODIES[i % len(BODIES)]
        (folder / f"p{i}.txt").write_text(f"{masthead}\n清溪县基层治理动态（{i + 1}）\n{body}\n{BODIES[(i + 1) % len(BODIES)]}\n",
                                          encoding="utf-8")


def _texts(corpus) -> dict[str, str]:
    return {d.doc_id: d.text for d in corpus}


def _one_by_one(folder: Path) -> dict[str, str]:
    return {p.stem: gk.read_document(p).text for p in sorted(folder.glob("*.txt"))}


def test_a_recurring_masthead_is_removed_from_every_page(tmp_path):
    _site(tmp_path / "site", 4)
    alone = _one_by_one(tmp_path / "site")
    kept_alone = [name for name, text in alone.items() if MASTHEAD in text]
    assert len(kept_alone) >= 2  # on some pages the model alone only doubts it …
    corpus = gk.load_corpus(tmp_path / "site", use_cache=False)
    assert len(corpus) == 4
    for doc in corpus:  # … in the folder it goes from every page
        assert MASTHEAD not in doc.text and doc.text.startswith("清溪县基层治理动态")
        if doc.doc_id in kept_alone:
            change = next(c for c in doc.cleaning.removed if c.rule == FURNITURE_RULE.id)
            assert change.original.strip() == MASTHEAD and change.label == FURNITURE_RULE.label
        else:
            assert doc.text == alone[doc.doc_id]


def test_two_pages_or_pages_of_different_folders_are_cleaned_alone(tmp_path):
    _site(tmp_path / "two", 2)
    for name in ("a", "b", "c"):
        _site(tmp_path / "mixed" / name, 1)
    two = _texts(gk.load_corpus(tmp_path / "two", use_cache=False))
    assert two == _one_by_one(tmp_path / "two") and any(MASTHEAD in t for t in two.values())
    mixed = _texts(gk.load_corpus(tmp_path / "mixed", use_cache=False))
    assert mixed == {f"{n}/p0": gk.read_document(tmp_path / "mixed" / n / "p0.txt").text for n in "abc"}


def test_the_cache_keeps_both_results(tmp_path):
    _site(tmp_path / "site", 3)
    first = _texts(gk.load_corpus(tmp_path / "site"))
    again = _texts(gk.load_corpus(tmp_path / "site"))
    assert first == again and all(MASTHEAD not in t for t in again.values())
    (tmp_path / "site" / "p2.txt").unlink()  # two pages left: the line is no longer furniture
    assert _texts(gk.load_corpus(tmp_path / "site")) == _one_by_one(tmp_path / "site")


def test_pipeline_and_load_corpus_give_the_same_texts(tmp_path):
    _site(tmp_path / "corpus" / "site", 4)
    _site(tmp_path / "corpus" / "other", 2, masthead="桐溪之声 | 桐溪融媒")
    expected = _texts(gk.load_corpus(tmp_path / "corpus", use_cache=False))
    for use_cache in (True, True, False):  # the second run comes from the cache
        result = gk.run_pipeline(tmp_path / "corpus", out=tmp_path / f"out{use_cache}", workers=1,
                                 stages=(), use_cache=use_cache, overwrite=True)
        docs = result.table("documents")
        assert dict(zip(docs["doc_id"], docs["text"])) == expected
    assert sum(MASTHEAD in t for t in expected.values()) == 0
    assert {k: v for k, v in expected.items() if k.startswith("other/")} == {
        f"other/{k}": v for k, v in _one_by_one(tmp_path / "corpus" / "other").items()}


def test_lines_are_counted_per_folder_and_file():
    labels = ["s/a.txt", "s/b.txt", "s/c.txt", "t/d.txt"]
    keys = [{1, 2}, {1}, {1, 1, 3}, {1}]
    assert recurring_lines(labels, keys) == [{1: 3}, {1: 3}, {1: 3}, {}]
    assert recurring_lines(labels, [{1}, None, {1}, {1}]) == [{}, {}, {}, {}]
    assert worth_surveying(labels) and not worth_surveying(["a.txt", "s/b.txt", "t/c.txt"])
    assert folder_of("s/t/a.txt") == "s/t"
