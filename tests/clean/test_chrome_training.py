"""The training data and training script of the chrome model (scripts/chrome_pages.py,
scripts/train_chrome_model.py) keep working: labelled pages, and a model that generalises to a layout
it never saw without removing body lines."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import chrome_pages  # noqa: E402
import train_chrome_model as training  # noqa: E402

DOCUMENTS = [["一、基本情况", "临溪镇辖12个行政村,全镇划分为86个综合网格,每个网格配备一名专职网格员。",
              "二、主要做法", "镇党委牵头建立议事日制度,全年议定事项217件,群众满意度提高到95.2%。",
              "三、下一步打算", "继续完善网格员考核办法,推动议事协商向村民小组延伸。"]]


def test_synthetic_pages_are_labelled_line_by_line_and_reproducible():
    pages = list(chrome_pages.synthetic_pages(DOCUMENTS, 60, seed=3))
    assert pages == list(chrome_pages.synthetic_pages(DOCUMENTS, 60, seed=3))
    for layout, lines, labels in pages:
        assert len(lines) == len(labels)
        body_lines = [s for s, y in zip(lines, labels) if y == 0]
        assert any(s in DOCUMENTS[0] for s in body_lines)  # a stretch of the document is in the page
        if layout == "plain":
            assert set(labels) == {0}
        else:
            assert 1 in labels and not any(s in DOCUMENTS[0] for s, y in zip(lines, labels) if y == 1)
    assert {layout for layout, _, _ in pages} >= {"gov_portal", "forum", "plain"}


def test_layouts_can_be_left_out():
    pages = chrome_pages.synthetic_pages(DOCUMENTS, 40, seed=5, layouts=("forum",))
    assert {layout for layout, _, _ in pages} <= {"forum", "plain"}


@pytest.fixture(scope="module")
def real():
    return training.real_documents()


def test_real_documents_are_labelled_by_the_rules(real):
    assert set(real) == set(training.REAL_SETS)
    seeds = real["seeds"]
    assert len(seeds) == 5
    assert sum(sum(labels) for _, labels in seeds) > 10  # the seeds' furniture
    assert all(len(lines) == len(labels) for lines, labels in seeds)


def test_a_model_trained_without_a_layout_removes_its_chrome_and_no_body(real):
    train = training.pages_of(real, tuple(k for k in chrome_pages.CHROME_LAYOUTS if k != "forum"), n=300)
    train += [doc for docs in real.values() for doc in docs]
    X, y, _ = training.matrix(train)
    model = training.fit(X, y)
    remove, flag, repeat = training.thresholds(model, X, y)
    assert 0.5 <= remove <= 0.99 and repeat <= flag < remove
    documents = [[s for s, label in zip(lines, labels) if s and not label] for lines, labels in real["heldout"]]
    pages = chrome_pages.synthetic_pages([d for d in documents if len(d) > 3], 60, seed=11, layouts=("forum",))
    unseen = [(lines, labels) for layout, lines, labels in pages if layout == "forum"]
    caught, total, false, body = training.score(model, remove, *training.matrix(unseen))
    assert total > 50
    assert caught / total > 0.5
    assert false <= body * 0.01
