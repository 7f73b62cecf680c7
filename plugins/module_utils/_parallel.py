# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Independent calls run at once, on plain threads that know nothing of the module.

A worker returns a value or raises; the caller (on the main thread) gets the results or the first
error, and maps it once through _errors. Nothing here can exit the module, so a failing worker
never prints its own result.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

MAX_WORKERS = 8


def run_parallel(jobs: dict, max_workers: int = MAX_WORKERS) -> dict:
    """{name: fn} -> {name: fn()}; every job runs to its end, then the first error (in job order) is raised."""
    if len(jobs) <= 1:
        return {name: fn() for name, fn in jobs.items()}
    with ThreadPoolExecutor(max_workers=min(len(jobs), max_workers)) as pool:
        futures = {name: pool.submit(fn) for name, fn in jobs.items()}
        return {name: future.result() for name, future in futures.items()}
