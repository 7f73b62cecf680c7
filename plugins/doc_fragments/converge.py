# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations


class ModuleDocFragment:
    # What every module that converges a resource has in common: full check mode and diff; each
    # module describes what it reads and what its diff holds in its own attributes.
    DOCUMENTATION = r"""
author:
  - ibm.cos contributors (@ibm-cos)
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
"""

    # The modules that converge a backup resource also share the API they use.
    BACKUP = DOCUMENTATION + r"""
notes:
  - Uses the Resource Configuration API, which needs IAM auth.
"""
