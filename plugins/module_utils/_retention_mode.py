# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Object Lock retention modes as COS spells them (pure).

COS takes ``GOVERNANCE`` or ``COMPLIANCE`` (docs: api-reference-objects.md "Upload an object",
header ``x-amz-object-lock-mode``); users write either case, so both are accepted and sent upper case.
"""
from __future__ import annotations

RETENTION_MODES = ("GOVERNANCE", "COMPLIANCE")


def normalize_mode(value):
    """``governance`` / ``Governance`` / ``GOVERNANCE`` -> ``GOVERNANCE``; None for anything else."""
    if not isinstance(value, str):
        return None
    mode = value.strip().upper()
    return mode if mode in RETENTION_MODES else None
