"""The rules of discovery (governance_kit.codebook.discovery.rules) and the learned model's data file: the
bundled files re-read after an edit, syntax errors naming file and line in Chinese."""
from __future__ import annotations

import copy
import json
import re

import pytest
import yaml

from conftest import touch
from governance_kit import datafiles
from governance_kit.codebook.discovery import KINDS, DiscoveryRules, default_discovery_rules, discover
from governance_kit.codebook.discovery import model as learned_model
from governance_kit.codebook.discovery import rules as rules_module
from governance_kit.errors import RuleFileError

RULE_KINDS = [k for k in KINDS if k != "learned"]  # the rules alone (the learned scorer may find anything)


def test_an_edited_discovery_yaml_is_read_again_by_discover(bundled_copy):
    path = bundled_copy("discovery.yaml", rules_module, learned_model)
    text = "各村设立睦邻点,由楼长召集居民。"
    before = default_discovery_rules()
    assert default_discovery_rules() is before
    assert "睦邻点" not in [d.name for d in discover(text, kinds=RULE_KINDS)]
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  suffixes:\n", "  suffixes:\n    - {suffix: 点, min: 2}\n", 1), encoding="utf-8")
    touch(path)
    after = default_discovery_rules()
    assert after is not before and "点" in after.suffix_rules
    assert [d.name for d in discover(text, kinds=RULE_KINDS)] == ["睦邻点"]


def test_the_learned_models_edge_verbs_follow_an_edit(bundled_copy):
    path = bundled_copy("discovery.yaml", rules_module, learned_model)
    assert not learned_model._edge_stop("首推")
    path.write_text(path.read_text(encoding="utf-8").replace("strong_verbs: [推行,", "strong_verbs: [首推, 推行,", 1),
                    encoding="utf-8")
    touch(path)
    assert learned_model._edge_stop("首推")  # a candidate never starts with a verb that introduces names


def test_a_syntax_error_in_discovery_yaml_names_the_line_in_chinese(bundled_copy):
    path = bundled_copy("discovery.yaml", rules_module, learned_model)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.startswith("min_confidence:"))
    lines[n] = "min_confidence: 0.5: 0.6\n"  # a second colon: "key: value" where a value belongs
    path.write_text("".join(lines), encoding="utf-8")
    touch(path)
    with pytest.raises(RuleFileError) as info:
        default_discovery_rules()
    message = str(info.value)
    assert message.startswith(f"governance_kit/data/discovery.yaml 第 {n + 1} 行:YAML 格式错误:"), message
    assert "这里不能出现“键: 值”" in message


def test_an_unknown_category_says_which_are_allowed():
    data = yaml.safe_load(datafiles.bundled("discovery.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["categories"]["brand"] = {"label": "品牌", "cues": ["品牌"]}
    with pytest.raises(RuleFileError, match=r"categories\.brand:类别 只能是 'party_leadership'、.* 之一,收到的是 'brand'"):
        DiscoveryRules(data)


def test_the_model_file_is_read_again_after_it_is_replaced(bundled_copy):
    path = bundled_copy("discovery_model.json", rules_module, learned_model)
    bundled = learned_model.load_model()
    assert "tests/data" in bundled.source
    path.write_text(json.dumps({"intercept": -5.0, "weights": {"head1=长": 10.0}, "threshold": 0.5,
                                "source": "测试用模型"}, ensure_ascii=False), encoding="utf-8")
    touch(path)
    tiny = learned_model.load_model()
    assert tiny is not bundled and tiny.source == "测试用模型" and tiny.weights == {"head1=长": 10.0}
    assert learned_model.load_model() is tiny


def test_a_broken_model_file_names_the_line_in_chinese(bundled_copy, tmp_path):
    path = bundled_copy("discovery_model.json", rules_module, learned_model)
    path.write_text('{"intercept": 0.0,\n "weights": {,},\n "threshold": 0.5}\n', encoding="utf-8")
    touch(path)
    with pytest.raises(RuleFileError, match="^governance_kit/data/discovery_model.json 第 2 行:JSON 格式错误:"):
        learned_model.load_model()
    mine = tmp_path / "mine.json"
    mine.write_text("{\n\n  oops\n}", encoding="utf-8")
    with pytest.raises(RuleFileError, match=f"^{re.escape(str(mine))} 第 3 行:JSON 格式错误:"):
        learned_model.load_model(mine)
