"""Shared fixtures: the bundled corpus files and their cleaned results (computed once per session)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"

# doc_id -> file in corpus/ (mirrors corpus/catalog.csv; a test checks the two agree)
SEED_FILES = {
    "sheyang_2023": "sheyang_sanzhi_ronghe_2023.txt",
    "jiangsu_2019": "jiangsu_urban_rule_of_law_2019.txt",
    "interview_2024": "xi_grassroots_governance_interview_2024.txt",
    "qingzhou_novel": "qingzhou_novel_excerpt.txt",
    "gaoqiao_2024": "gaoqiao_ningbo_quality_governance.txt",
}


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Keep the kit's cache out of the user's home during tests."""
    os.environ["GOVKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("govkit_cache"))


@pytest.fixture(scope="session")
def seed_raw() -> dict[str, str]:
    return {doc_id: (CORPUS / name).read_text(encoding="utf-8") for doc_id, name in SEED_FILES.items()}


@pytest.fixture(scope="session")
def seed_clean(seed_raw):
    from governance_kit import clean_text

    return {doc_id: clean_text(raw) for doc_id, raw in seed_raw.items()}


@pytest.fixture(scope="session")
def seed_expectations() -> dict:
    """Body sentences and furniture lines written down by reading each seed (Simplified)."""
    return json.loads((DATA / "seed_expectations.json").read_text(encoding="utf-8"))


@pytest.fixture
def bundled_copy(tmp_path, monkeypatch):
    """``bundled_copy(name, *modules)``: a copy of ``data/<name>`` that the kit reads instead of the bundled
    file, so a test can edit it (the real file is never touched). ``modules`` are the kit's modules that
    imported ``bundled`` by name; ``governance_kit.datafiles`` itself is always redirected."""
    import shutil

    from governance_kit import datafiles

    real = datafiles.bundled
    copies: dict[str, Path] = {}

    def redirected(name):
        return copies.get(name) or real(name)

    def make(name: str, *modules) -> Path:
        for module in (datafiles, *modules):
            monkeypatch.setattr(module, "bundled", redirected)
        copies[name] = tmp_path / name
        shutil.copy(real(name), copies[name])
        return copies[name]
    return make


@pytest.fixture
def edit():
    """``edit(path, old, new)``: replace ``old`` by ``new`` in a file and move its modification time on,
    as an instructor's edit would (the data-file caches notice size or time)."""
    def edit(path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        touch(path)
    return edit


def touch(path) -> None:
    """A later modification time, as an editor's save gives (two writes may share one clock tick)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
