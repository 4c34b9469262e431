"""``data/places.yaml``: the suffixes and words that decide what a place mention is (a teaching
assumption, edited by instructors; re-read after an edit)."""
from __future__ import annotations

from ..datafiles import bundled, read_yaml, reloaded
from ..errors import RuleFileError, check_choice

RULES_FILE = "places.yaml"
LEVELS = ("province", "city", "district", "county", "town", "street", "village", "community")
SUFFIXES = ("街道", "社区", "镇", "乡", "村")
_KINDS = {"suffix_levels": dict, "not_place_words": list, "not_place_names": list, "word_like_names": list,
          "suffix_word_starts": list, "village_bodies": list, "place_verbs": list,
          "person_words": list}


@reloaded(RULES_FILE)
def place_words() -> dict:
    """The rules of ``data/places.yaml``, checked: a wrong key or level raises ``RuleFileError``."""
    label = f"governance_kit/data/{RULES_FILE}"
    data = read_yaml(bundled(RULES_FILE), label)[0]
    for key, kind in _KINDS.items():
        if not isinstance(data, dict) or not isinstance(data.get(key), kind):
            raise RuleFileError(f"{label}:缺少键 {key},或它不是{'列表' if kind is list else '键值对'}")
    for suffix, level in data["suffix_levels"].items():
        check_choice(f"{label}:suffix_levels.{suffix}", level, LEVELS, error=RuleFileError)
    missing = [suffix for suffix in SUFFIXES if suffix not in data["suffix_levels"]]
    if missing:
        raise RuleFileError(f"{label}:suffix_levels 缺少后缀 {'、'.join(missing)}")
    out = {"suffix_levels": dict(data["suffix_levels"])}
    out.update({key: frozenset(str(w) for w in data[key]) for key, kind in _KINDS.items() if kind is list})
    return out
