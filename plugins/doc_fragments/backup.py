# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations


class ModuleDocFragment:
    # What the modules that converge a backup resource share: full check mode and diff (each module
    # describes what it reads and what its diff holds) and the API they use.
    DOCUMENTATION = r"""
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
notes:
  - Uses the Resource Configuration API, which needs IAM auth.
"""
