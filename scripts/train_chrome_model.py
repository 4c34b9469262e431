"""Train the page-chrome line scorer (governance_kit/data/chrome_model.json) and report how it does on
lines it did not learn from.

Labelled lines:
- real documents of the kit — the five seeds (corpus/) and the invented reports of tests/data — as the
  cleaner prepares them: a line the rules of data/boilerplate.yaml remove is chrome, any other is body;
- synthetic pages (scripts/chrome_pages.py): stretches of those documents wrapped in the furniture of
  seven site layouts, and pages without chrome whose short lines (headings, tables, signatures,
  dialogue) are body.

Checks, printed before the model is written: each chrome layout left out in turn (trained on the others
and the real documents, scored on pages of the layout it never saw), and the real documents left out
set by set. The thresholds are chosen so that no body line of the training data is removed.

    python scripts/train_chrome_model.py            # checks, then write the model
    python scripts/train_chrome_model.py --cv-only
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from chrome_pages import CHROME_LAYOUTS, synthetic_pages  # noqa: E402

PAGES = 1500
C = 1.0
BODY_LOSS = 0.001  # share of the training data's short body lines the removal threshold may cost
REPEAT_BODY_SHARE = 0.05  # share of body lines above the threshold for lines that recur across a folder
REAL_SETS = {"seeds": ROOT / "corpus", "heldout": ROOT / "tests" / "data" / "heldout_reports",
             "metrics": ROOT / "tests" / "data" / "metrics_reports"}


def real_documents() -> dict[str, list[tuple[list[str], list[int]]]]:
    """``{set: [(lines, labels), …]}``: prepared lines, 1 where a rule removes the line."""
    from governance_kit.clean.boilerplate import find_boilerplate
    from governance_kit.clean.cleaner import prepare_text
    from governance_kit.io import read_file

    sets = {}
    for name, folder in REAL_SETS.items():
        docs = []
        for path in sorted(folder.glob("*.txt")):
            text = prepare_text(read_file(path).text)
            starts = {hit.start for hit in find_boilerplate(text)}
            lines, labels, pos = [], [], 0
            for raw in text.splitlines(keepends=True):
                lines.append(raw.strip())
                labels.append(int(pos in starts))
                pos += len(raw)
            docs.append((lines, labels))
        sets[name] = docs
    return sets


def rows(lines: list[str], labels: list[int]):
    """Feature rows and labels of the lines the scorer would see (short, not running text)."""
    from governance_kit.clean import chrome
    from governance_kit.clean.boilerplate import is_body_line

    body = [bool(s) and is_body_line(s) and not y for s, y in zip(lines, labels)]
    page = chrome.PageContext(lines, body)
    words = chrome.chrome_words()
    for i in page.nonempty:
        if body[i] or len(lines[i]) > chrome.MAX_LEN:
            continue
        f = chrome.features(lines[i], i, page, words)
        yield [f[name] for name in chrome.FEATURES], labels[i], lines[i]


def matrix(pages):
    X, y, text = [], [], []
    for lines, labels in pages:
        for xs, label, line in rows(lines, labels):
            X.append(xs)
            y.append(label)
            text.append(line)
    return X, y, text


def fit(X, y):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=2000, class_weight="balanced").fit(X, y)


def thresholds(model, X, y) -> tuple[float, float, float]:
    """``remove``: the probability above which at most one body line in a thousand of the training data
    lies; ``flag``: the one above which one in a hundred lies (kept lines there are flagged); ``repeat``:
    the one above which one in twenty lies (a line recurring across a folder's files is removed from
    there, see governance_kit.clean.furniture: body lines rarely recur, so the two together are rare)."""
    import numpy as np

    p = model.predict_proba(X)[:, 1]
    body = np.sort(p[np.asarray(y) == 0])
    remove = float(min(0.99, max(0.5, body[int(len(body) * (1 - BODY_LOSS))] + 0.005)))
    flag = float(min(remove - 0.05, max(0.3, body[int(len(body) * 0.99)])))
    repeat = float(min(flag, max(0.1, body[int(len(body) * (1 - REPEAT_BODY_SHARE))])))
    return remove, flag, repeat


def score(model, remove, X, y, text, show=0):
    import numpy as np

    p = model.predict_proba(X)[:, 1] if X else np.array([])
    y = np.asarray(y)
    chrome = y == 1
    caught = int(((p >= remove) & chrome).sum())
    false = [t for t, q, l in zip(text, p, y) if l == 0 and q >= remove]
    missed = [t for t, q, l in zip(text, p, y) if l == 1 and q < remove]
    for t in false[:show]:
        print("      body removed:", t[:60])
    for t in missed[:show]:
        print("      chrome kept:", t[:60])
    return caught, int(chrome.sum()), len(false), int((~chrome).sum())


def pages_of(real, layouts=None, seed=7, n=PAGES):
    documents = [[s for s, l in zip(lines, labels) if s and not l] for docs in real.values() for lines, labels in docs]
    documents = [d for d in documents if len(d) >= 3]
    return [(lines, labels) for _, lines, labels in synthetic_pages(documents, n, seed, layouts)]


def check(real) -> dict:
    print("leave one chrome layout out (pages of that layout never seen in training):")
    print(f"  {'layout':<12} {'chrome removed':>16} {'body removed':>14}")
    out = {}
    real_pages = [doc for docs in real.values() for doc in docs]
    for left in CHROME_LAYOUTS:
        train = pages_of(real, tuple(k for k in CHROME_LAYOUTS if k != left)) + real_pages
        test = [(ls, lb) for name, ls, lb in synthetic_pages([[s for s, l in zip(*d) if s and not l] for d in real_pages if len(d[0]) > 3],
                                                             300, 99, (left,)) if name == left]
        X, y, _ = matrix(train)
        model = fit(X, y)
        remove = thresholds(model, X, y)[0]
        caught, total, false, body = score(model, remove, *matrix(test), show=2)
        print(f"  {left:<12} {caught:>6}/{total:<6} {caught / max(total, 1):>5.2f} {false:>6}/{body:<6}")
        out[left] = {"chrome_removed": round(caught / max(total, 1), 3), "body_lines_removed": false, "body_lines": body}
    print("leave one real set out (its documents never seen in training):")
    for left in real:
        train = pages_of({k: v for k, v in real.items() if k != left}) + [d for k, v in real.items() if k != left for d in v]
        X, y, _ = matrix(train)
        model = fit(X, y)
        remove = thresholds(model, X, y)[0]
        caught, total, false, body = score(model, remove, *matrix(real[left]), show=3)
        print(f"  {left:<12} chrome {caught}/{total}, body removed {false}/{body}")
        out[f"real:{left}"] = {"chrome_removed": round(caught / max(total, 1), 3), "body_lines_removed": false, "body_lines": body}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true")
    args = parser.parse_args()
    from governance_kit.clean import chrome

    real = real_documents()
    checks = check(real)
    if args.cv_only:
        return
    train = pages_of(real) + [d for docs in real.values() for d in docs]
    X, y, _ = matrix(train)
    model = fit(X, y)
    remove, flag, repeat = thresholds(model, X, y)
    weights = {name: round(float(w), 4) for name, w in zip(chrome.FEATURES, model.coef_[0]) if abs(w) >= 0.01}
    doc = {
        "source": ("governance_kit 自编: logistic regression trained by scripts/train_chrome_model.py on the lines of the "
                   f"seeds and the invented reports of tests/data (labelled by data/boilerplate.yaml) and {PAGES} synthetic "
                   "pages (scripts/chrome_pages.py: seven site layouts and pages without chrome)"),
        "remove": round(remove, 3),
        "flag": round(flag, 3),
        "repeat": round(repeat, 3),
        "lines": len(y),
        "checks": checks,
        "intercept": round(float(model.intercept_[0]), 4),
        "weights": weights,
    }
    path = ROOT / "governance_kit" / "data" / chrome.MODEL_FILE
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: remove ≥ {remove:.3f}, flag ≥ {flag:.3f}, repeat ≥ {repeat:.3f}, {len(y)} lines")


if __name__ == "__main__":
    main()
