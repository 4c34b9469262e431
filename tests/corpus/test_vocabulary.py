"""data/opening.yaml: an instructor's edit is read again, a mistake is named in Chinese."""
from __future__ import annotations

import pytest

from governance_kit.corpus import vocabulary as vocabulary_module
from governance_kit.corpus.opening import is_chrome_line
from governance_kit.errors import RuleFileError


@pytest.fixture()
def own_vocabulary(bundled_copy):
    path = bundled_copy("opening.yaml", vocabulary_module)
    vocabulary_module._RECENT[:] = [0.0, None]
    yield path
    vocabulary_module._RECENT[:] = [0.0, None]
    vocabulary_module.vocabulary.cache_clear()


def test_an_added_button_is_chrome_after_the_edit(own_vocabulary, edit):
    assert not is_chrome_line("一键订阅")
    edit(own_vocabulary, "buttons: [首页,", "buttons: [一键订阅, 首页,")
    vocabulary_module._RECENT[:] = [0.0, None]  # the once-a-second look-up would notice it a moment later
    assert is_chrome_line("一键订阅")


def test_a_list_that_is_not_a_list_is_named(own_vocabulary, edit):
    edit(own_vocabulary, "credit_roles: [", "credit_roles: 摄影\nunused: [")
    with pytest.raises(RuleFileError, match="credit_roles 应为非空字符串的列表"):
        vocabulary_module.vocabulary()
