# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Object Lock retention modes, as buckets (default retention) and objects (retention) share them.

COS documents the modes in capitals (object-lock.md, "Enable object lock on a bucket": `COMPLIANCE`;
release-notes.md, 06 January 2026: `GOVERNANCE`); tasks may write them in any case.
"""
from __future__ import annotations

from ._errors import CosError

LOCK_MODES = ("COMPLIANCE", "GOVERNANCE")


def normalize_lock_mode(value, option="mode"):
    """`value` as COS spells the mode; raises CosError naming `option` for anything else."""
    mode = str(value).strip().upper() if value is not None else ""
    if mode not in LOCK_MODES:
        raise CosError(f"{option}: {value!r} is not an Object Lock retention mode; use COMPLIANCE or "
                       "GOVERNANCE (any case)")
    return mode
