"""Parallel work that cannot exit the module: workers return or raise, the caller sees the first error."""
import threading

import pytest

from ansible_collections.ibm.cos.plugins.module_utils._parallel import run_parallel


def test_results_come_back_by_name():
    assert run_parallel({"a": lambda: 1, "b": lambda: 2, "c": lambda: 3}) == {"a": 1, "b": 2, "c": 3}
    assert run_parallel({}) == {}


def test_every_job_runs_to_its_end_and_the_first_error_reaches_the_caller():
    finished = []
    gate = threading.Event()

    def slow():
        gate.wait(5)
        finished.append("slow")

    def fail(message):
        def job():
            gate.set()
            raise ValueError(message)
        return job

    with pytest.raises(ValueError, match="first"):
        run_parallel({"one": fail("first"), "two": slow, "three": fail("second")})
    assert finished == ["slow"]


def test_a_single_job_runs_on_the_calling_thread():
    assert run_parallel({"only": threading.current_thread}) == {"only": threading.current_thread()}
