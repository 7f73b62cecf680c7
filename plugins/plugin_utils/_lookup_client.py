# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The S3 client of a lookup, connected the way the modules are.

A lookup runs on the controller and builds its client with the modules' own code, so it takes the
run's IAM token and endpoints document from the same locked 0600 file cache: a playbook that uses
modules and lookups on the controller makes one IAM exchange.
"""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils import _client
from ansible_collections.ibm.cos.plugins.module_utils._settings import resolve_settings


def connect(options: dict, environ):
    """Return (settings, S3 client) for the lookup's options. Raises SettingsError or IamError."""
    settings = resolve_settings(options, environ)
    token = _client.SharedToken(settings, environ) if settings.uses_iam else None
    client = _client.build_s3_client(settings, token)
    return settings, _client.fail_fast_on_untrusted_certificates(client)
