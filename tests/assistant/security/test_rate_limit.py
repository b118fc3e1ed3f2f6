import pytest

from assistant.security.rate_limit import RateLimiter, too_many_message
from knowledge.errors import BadInput
from knowledge.settings import Settings


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_burst_then_the_steady_rate_each_caller_on_its_own():
    clock = Clock()
    limiter = RateLimiter(per_minute=30, burst=3, clock=clock)
    assert [limiter.retry_after("1.2.3.4") for _ in range(4)] == [0, 0, 0, 2]
    assert limiter.retry_after("5.6.7.8") == 0  # another caller is not slowed
    clock.now += 2  # one token back at 0.5 a second
    assert limiter.retry_after("1.2.3.4") == 0 and limiter.retry_after("1.2.3.4") == 2


def test_zero_turns_the_limit_off_and_bad_settings_are_refused():
    limiter = RateLimiter(Settings.from_env({"TROLY_RATE_PER_MINUTE": "0"}).rate_per_minute)
    assert not limiter.enabled and all(limiter.retry_after("ip") == 0 for _ in range(1000))
    with pytest.raises(BadInput, match="TROLY_RATE_PER_MINUTE"):
        Settings.from_env({"TROLY_RATE_PER_MINUTE": "nhiều"})
    with pytest.raises(BadInput):
        RateLimiter(-1)


def test_idle_callers_are_forgotten_when_the_table_is_full(monkeypatch):
    monkeypatch.setattr("assistant.security.rate_limit.MAX_BUCKETS", 10)
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=2, clock=clock)
    for n in range(10):
        limiter.retry_after(f"caller-{n}")
    clock.now += 5
    limiter.retry_after("newcomer")
    assert len(limiter._buckets) == 1


def test_the_message_says_how_long_to_wait_in_both_languages():
    assert "12 giây" in too_many_message(12) and "retry in 12 s" in too_many_message(12)
