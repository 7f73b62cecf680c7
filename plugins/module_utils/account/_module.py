# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""AccountModule: a CosModule that needs no S3 endpoint and whose connection reaches the account
APIs; the account modules' main() is `run_account_module(<resource class>, PREFLIGHT)`."""
from __future__ import annotations

import os

from ansible_collections.ibm.cos.plugins.module_utils._module import CosModule, run_module
from ansible_collections.ibm.cos.plugins.module_utils.account._connection import (
    ACCOUNT_ARGUMENT_SPEC,
    AccountConnection,
    account_endpoints,
    require_iam,
)


class AccountModule(CosModule):
    NEEDS_S3_ENDPOINT = False
    SHARED_ARGUMENT_SPEC = dict(CosModule.SHARED_ARGUMENT_SPEC, **ACCOUNT_ARGUMENT_SPEC)

    def connect(self):
        require_iam(self.settings)
        return AccountConnection(self.settings, account_endpoints(self.params, os.environ,
                                                                  self.settings.allow_insecure_http))


def run_account_module(resource_class, contract):
    run_module(resource_class, contract, module_class=AccountModule)
