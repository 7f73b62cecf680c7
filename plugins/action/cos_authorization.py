# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller side of the module: shares the run's IAM token with every ibm.cos module."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.plugin_utils._account_action import AccountActionModule


class ActionModule(AccountActionModule):
    """Everything is in AccountActionModule; this file only binds it to the module's name."""
