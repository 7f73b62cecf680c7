# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every account resource class shares: the one place that decides whether a write is sent
(check mode), the warnings, the secrets to mask, and the choice between present and absent."""
from __future__ import annotations


class AccountResource:
    """One account resource of one task. It gets an AccountConnection and the task's options, never
    the module: `run()` returns the result or raises (CosError, AccountApiError), and the module
    reports either once."""

    def __init__(self, conn, params, check_mode=False, diff=False):
        self.conn = conn
        self.params = params
        self.check_mode = check_mode
        self.diff = diff
        self.writes = []  # what was (or, in check mode, would have been) sent, in words
        self.warnings = []
        self.secrets = set()  # values the module masks in everything it prints

    @property
    def controller(self):
        return self.conn.controller

    def write(self, what: str, send):
        """Record a change and send it, unless in check mode; the only place that decides."""
        self.writes.append(what)
        if self.check_mode:
            return None
        return send()

    def run(self) -> dict:
        result = self.present() if self.params.get("state", "present") == "present" else self.absent()
        if self.warnings:
            result["warnings"] = list(self.warnings)
        return result

    def present(self) -> dict:
        raise NotImplementedError

    def absent(self) -> dict:
        raise NotImplementedError
