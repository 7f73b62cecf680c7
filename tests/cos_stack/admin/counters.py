"""Per-operation request counters, overall and per bucket."""

import threading
from collections import Counter, defaultdict


class Counters:
    def __init__(self):
        self._lock = threading.Lock()
        self._ops = Counter()
        self._by_bucket = defaultdict(Counter)

    def count(self, op, bucket=None):
        with self._lock:
            self._ops[op] += 1
            if bucket:
                self._by_bucket[bucket][op] += 1

    def snapshot(self):
        with self._lock:
            return {
                "ops": dict(self._ops),
                "by_bucket": {bucket: dict(ops) for bucket, ops in self._by_bucket.items()},
            }

    def reset(self):
        with self._lock:
            self._ops.clear()
            self._by_bucket.clear()
