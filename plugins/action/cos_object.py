# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cos_object's controller side: a relative `src` is found in the role's or playbook's files/.

The file is looked up on the controller (as ansible.builtin.copy and amazon.aws.s3_object do) and,
when the module runs on another host, copied into that host's remote tmp dir first. Nothing else
is added to the module's arguments: the module takes its credentials itself.
"""
from __future__ import annotations

import os

from ansible.errors import AnsibleActionFail, AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

LOCAL_TRANSPORTS = ("local",)


class ActionModule(ActionBase):
    TRANSFERS_FILES = True
    _supports_async = True
    _supports_check_mode = True

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp  # the remote tmp dir comes from the connection's shell
        args = dict(self._task.args)
        src = args.get("src")
        if src:
            args["src"] = self._controller_source(to_text(src))
        result.update(self._execute_module(module_name="ibm.cos.cos_object", module_args=args,
                                           task_vars=task_vars, wrap_async=self._task.async_val))
        if not self._task.async_val:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def _controller_source(self, src):
        """The path the module reads: the file found on the controller, copied over if the host is remote."""
        try:
            found = self._find_needle("files", src)
        except AnsibleError as exc:
            if os.path.isabs(src):
                return src  # an absolute path may name a file on the managed host itself
            raise AnsibleActionFail(f"src {src!r} was not found in the role's or playbook's files/: {exc}") from None
        if getattr(self._connection, "transport", None) in LOCAL_TRANSPORTS:
            return found
        if self._connection._shell.tmpdir is None:
            self._make_tmp_path()
        # The file keeps its name, from which cos_object guesses the Content-Type.
        remote = self._connection._shell.join_path(self._connection._shell.tmpdir, os.path.basename(found))
        self._transfer_file(found, remote)
        self._fixup_perms2((self._connection._shell.tmpdir, remote))
        return remote
