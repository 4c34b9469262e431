"""The pipeline's furniture survey: the same lines as load_corpus, cached by content, never fatal."""
from __future__ import annotations

from governance_kit.clean.furniture import line_key
from governance_kit.pipeline import survey
from governance_kit.pipeline.jobs import FileJob
from governance_kit.storage import file_sha256

LINE = "清溪发布 | 清溪融媒"
BODY = "今年以来，清溪县把全县划分为一百二十个网格，每个网格配备专职网格员，群众反映的问题当天受理、限时办结。"


def _jobs(tmp_path, n=3):
    jobs = []
    for i in range(n):
        path = tmp_path / "site" / f"p{i}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"{LINE}\n第{i}期\n{BODY}\n", encoding="utf-8")
        jobs.append(FileJob(str(path), f"site/p{i}.txt", f"site/p{i}", None, f"{file_sha256(path)}:opts"))
    return jobs


def test_files_get_their_recurring_lines_and_keys_their_digest(tmp_path):
    jobs = _jobs(tmp_path)
    assert survey.survey_furniture(jobs, workers=1) == 3
    for job in jobs:
        assert job.furniture == {line_key(LINE): 3} and job.key.count(":") == 2
    assert len({job.key.rsplit(":", 1)[1] for job in jobs}) == 1


def test_a_second_survey_reads_no_file(tmp_path, monkeypatch):
    survey.survey_furniture(_jobs(tmp_path), workers=1)

    def no_read(path):
        raise AssertionError("read again")

    monkeypatch.setattr(survey, "read_line_keys", no_read)
    again = _jobs(tmp_path)
    assert survey.survey_furniture(again, workers=1) == 3


def test_a_damaged_cache_or_an_unreadable_file_is_not_fatal(tmp_path):
    jobs = _jobs(tmp_path, 4)
    cache = survey.SurveyCache()
    cache.path.parent.mkdir(parents=True, exist_ok=True)
    cache.path.write_bytes(b"not parquet")
    (tmp_path / "site" / "p3.txt").unlink()  # gone after planning: counts for nothing
    assert survey.survey_furniture(jobs, workers=1) == 3
    assert jobs[3].furniture is None


def test_without_the_cache_keys_stay_unset(tmp_path):
    jobs = _jobs(tmp_path)
    for job in jobs:
        job.key = None
    assert survey.survey_furniture(jobs, workers=1, use_cache=False) == 3
    assert all(job.key is None for job in jobs)
