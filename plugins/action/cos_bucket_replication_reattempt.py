# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Controller side of the module: shares one IAM token and one endpoints lookup per run."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.plugin_utils._token_action import CosActionModule


class ActionModule(CosActionModule):
    """Everything is in CosActionModule; this file only binds it to the module's name."""
