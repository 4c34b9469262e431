"""Category profiles: how much each document says about each governance category.

``profile`` turns codings (``code_patterns``) into one row per document: counts per category,
counts per 10,000 characters of clean text (comparable across documents of different length), and
the balance of the four governance modes 自治/法治/德治/智治 (each mode's share of their sum).
"""
from __future__ import annotations

CATEGORIES = (
    "party_leadership", "grid_management", "self_governance", "rule_of_law", "rule_of_virtue",
    "smart_governance", "deliberation", "transparency_supervision", "dispute_resolution",
    "social_organizations", "volunteering", "collective_economy", "burden_reduction", "services",
)
MODES = ("self_governance", "rule_of_law", "rule_of_virtue", "smart_governance")  # 自治 法治 德治 智治
PER = 10_000


def profile(doc_or_corpus, *, codebook=None, codings=None, include_discovered: bool = True,
            include_fiction: bool = False):
    """Per-document category counts, counts per 10,000 characters and the 自治/法治/德治/智治 balance.

    Parameters
    ----------
    doc_or_corpus : Document, Corpus, list of Documents or str
    codebook : Codebook, optional
        Passed to :func:`governance_kit.code_patterns` (default: the bundled codebook).
    codings : DataFrame, optional
        Codings already computed with ``code_patterns`` (saves coding twice).
    include_discovered : bool
        Count mechanisms found by discovery (their category is a guess) as well as codebook hits.
    include_fiction : bool
        Keep documents whose genre is ``fiction`` (a novel is not a case: left out of comparisons by default).

    Returns
    -------
    DataFrame indexed by ``doc_id`` with ``chars``, ``codings``, one count column per category key,
    ``<key>_per_10k`` = count / chars × 10,000, and ``balance_<mode>`` = count of the mode / (sum of
    the four modes' counts), NaN when a document codes none of them. Each coded span counts once.
    Heatmap: ``frame.filter(like="_per_10k")``.
    """
    import pandas as pd

    from ..corpus import as_documents

    documents = [d for d in as_documents(doc_or_corpus) if include_fiction or d.meta.get("genre") != "fiction"]
    if codings is None:
        from ..codebook import code_patterns

        codings = code_patterns(documents, codebook)
    if not include_discovered and "source" in codings:
        codings = codings[codings["source"] != "discovered"]
    unique = codings.drop_duplicates(["doc_id", "start", "end", "category"])
    counts = unique.groupby(["doc_id", "category"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=[d.doc_id for d in documents], columns=list(CATEGORIES), fill_value=0)
    frame = pd.DataFrame(index=counts.index)
    frame.index.name = "doc_id"
    frame["chars"] = [len(d.text) for d in documents]
    frame["codings"] = counts.sum(axis=1)
    frame = frame.join(counts)
    for key in CATEGORIES:
        frame[f"{key}_per_10k"] = frame[key] / frame["chars"].where(frame["chars"] > 0) * PER
    modes = frame[list(MODES)]
    total = modes.sum(axis=1).where(lambda s: s > 0)
    for key in MODES:
        frame[f"balance_{key}"] = modes[key] / total
    return frame
