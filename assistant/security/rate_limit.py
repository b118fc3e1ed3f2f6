"""Per-sender rate limits: a token bucket for each caller (an IP address, a user, a chat address).

Each caller may send ``burst`` messages at once and then ``per_minute`` a minute on
average; the bucket refills continuously. A refused call learns how many seconds to
wait. Buckets live in memory, in the process that serves the channel: a limit per
process, forgotten on restart (an abuser gains one burst by a restart, nothing more).
Idle buckets are dropped so the table stays small whatever the number of callers.
``per_minute`` 0 turns the limit off (benchmarks that send from one address);
it comes from ``TROLY_RATE_PER_MINUTE`` (``knowledge.settings``).
"""
from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.errors import BadInput

MAX_BUCKETS = 100_000


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, per_minute: float, burst: int | None = None, clock: Callable[[], float] = time.monotonic):
        if per_minute < 0:
            raise BadInput(f"giới hạn tần suất phải không âm, không phải {per_minute} (rate limit must be >= 0)")
        self.per_second = per_minute / 60.0
        self.burst = float(burst if burst is not None else max(1, round(per_minute / 2)))
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.per_second > 0

    def retry_after(self, key: str) -> int:
        """0 when ``key`` may go on (and one token is taken), else the whole seconds to wait."""
        if not self.enabled:
            return 0
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= MAX_BUCKETS:
                    self._drop_full(now)
                bucket = self._buckets[key] = _Bucket(self.burst, now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.per_second)
            bucket.updated = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0
            return max(1, math.ceil((1 - bucket.tokens) / self.per_second))

    def _drop_full(self, now: float) -> None:
        """Forget the callers whose bucket has refilled: they are indistinguishable from new ones."""
        refill = self.burst / self.per_second
        self._buckets = {k: b for k, b in self._buckets.items() if now - b.updated < refill}


def too_many_message(seconds: int) -> str:
    return f"Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau {seconds} giây. (Too many requests; retry in {seconds} s.)"
