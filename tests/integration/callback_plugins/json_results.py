"""Writes every task result of a run as one JSON list to $COS_TEST_RESULTS (for the integration tests)."""
from __future__ import annotations

import json
import os

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: json_results
type: aggregate
short_description: write task results to the file named by COS_TEST_RESULTS
description: Test helper; collects each task's result in order.
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "json_results"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.results = []

    def _record(self, result, status):
        data = dict(result._result)
        data["_status"] = status
        data["_task"] = result._task.get_name()
        data["_host"] = result._host.get_name()
        self.results.append(data)

    def v2_runner_on_ok(self, result):
        self._record(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._record(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._record(result, "unreachable")

    def v2_playbook_on_stats(self, stats):
        path = os.environ.get("COS_TEST_RESULTS")
        if path:
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(self.results, handle, default=str)
