"""Shared helpers of the exercise-check tests: a check passes (prints ✓) or fails with a hint."""
import pytest

from governance_kit.course.feedback import Hint


def hint(check, *args) -> str:
    """The hint ``check(*args)`` fails with (the test fails if it passes)."""
    with pytest.raises(Hint) as err:
        check(*args)
    return str(err.value)


def fails(check, value, phrase: str) -> str:
    message = hint(check, value)
    assert phrase in message, message
    return message


def passes(check, value, capsys, number: str | None = None) -> None:
    check(value)
    assert (f"✓ 练习 {number} 通过" if number else "✓") in capsys.readouterr().out
