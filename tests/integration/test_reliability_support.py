"""The integration harness under the name the reliability tests import it by; it lives in harness.py."""
from __future__ import annotations

from harness import AnsibleRunner, empty_and_delete_bucket, hmac_client

__all__ = ["AnsibleRunner", "empty_and_delete_bucket", "hmac_client"]
