"""What a run computes and how it is cut up: the options, one file to process, one batch of files
(a partition of every table) and the short summary a batch sends back."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ..corpus.records import LoadError
from .tables import STAGE_TABLE, STAGES

PIPELINE_VERSION = 1  # bump when the tables change shape: old cache entries are then ignored


@dataclass(frozen=True)
class Options:
    """What a run computes; everything here but ``segmenter`` can change the tables (and the cache key).

    ``segmenter`` is left out of the key on purpose: both engines give the same tokens."""

    stages: tuple[str, ...] = STAGES
    discover: bool = False
    tokens: str = "counts"
    segmenter: str = "jieba"
    redact: bool = True  # personal data masked in the tables (governance_kit.export.redaction)

    def key(self) -> str:
        from ..storage import fingerprint

        spec = {"v": PIPELINE_VERSION, "stages": sorted(self.stages), "discover": self.discover,
                "tokens": self.tokens, "kit": fingerprint(),
                "redact": self.redact}
        return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:16]

    def tables(self) -> list[str]:
        """The tables this run writes, in their fixed order (documents always)."""
        return ["documents"] + [STAGE_TABLE[s] for s in STAGES if s in self.stages]


@dataclass
class FileJob:
    path: str
    label: str  # the path shown to the user, relative to the corpus folder
    doc_id: str  # unique in the run
    catalog_row: dict | None
    key: str | None  # content hash + options; None when the file could not be hashed (or no cache)
    furniture: dict[int, int] | None = None  # lines recurring in the file's folder (see .survey)


@dataclass
class BatchJob:
    index: int  # partition number: part-<index>.parquet
    files: list[FileJob]
    out: str
    options: Options
    cache_dir: str | None  # where to store the batch's results for reuse (None: no cache)


@dataclass
class BatchSummary:
    index: int
    documents: int = 0
    rows: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)  # per stage
    errors: list[LoadError] = field(default_factory=list)
    cached: list = field(default_factory=list)  # keys stored in the cache …
    cache_part: str | None = None  # … in this cache partition
    bytes_in: int = 0
    from_cache: bool = False
    pid: int = 0  # the process that ran the batch
    masked: dict = field(default_factory=dict)  # kind → identifiers masked (batches processed, not cached)
    reused: bool = False  # finished by an interrupted run of the same command, kept as it was
    changed: list = field(default_factory=list)  # files whose bytes differed from the plan's: label, planned, read
    warnings: list[LoadError] = field(default_factory=list)  # files read with recoverable damage (kind ReadWarning)
    notices: list = field(default_factory=list)  # what the batch repaired or skipped on its own (Chinese)


def read_warnings(label: str, meta: dict) -> list[LoadError]:
    """The read warnings of one document (``meta["read_warnings"]``) as ReadWarning entries under ``label``."""
    return [LoadError(label, w, "ReadWarning") for w in meta.get("read_warnings") or []]


class PipelineWarning(UserWarning):
    """Something a run repaired or took over on its own (a damaged cache part, a stale lock)."""
