# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What resource classes and worker threads get instead of the module: settings and lazy clients.

A CosConnection never fails the module; building a client that cannot be built raises, and the
module maps that once (CosModule.errors).
"""
from __future__ import annotations

import threading

from ansible_collections.ibm.cos.plugins.module_utils import _client
from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError

CONFIG_API_NEEDS_IAM = ("the Resource Configuration API (firewall, activity_tracking, metrics_monitoring, "
                        "hard_quota) needs IAM auth: api_key, a trusted profile or iam_token; HMAC keys cannot use it")


class CosConnection:
    """Resolved Settings plus the S3 and Resource Configuration API clients, built on first use."""

    def __init__(self, settings):
        self.settings = settings
        self._lock = threading.Lock()
        self._s3 = self._config_api = self._token = None

    def setting(self, name):
        """A connection value as the settings resolved it (task option, environment, credentials file)."""
        return (self.settings.values if self.settings is not None else {}).get(name)

    @property
    def token(self):
        # The hand-off: a token the controller passed arrives in settings (iam_token); SharedToken
        # uses it and refreshes only when it nears expiry.
        if self._token is None and self.settings.uses_iam:
            self._token = _client.SharedToken(self.settings)
        return self._token

    @property
    def s3(self):
        with self._lock:  # workers may ask at once; build one client
            if self._s3 is None:
                self._s3 = _client.fail_fast_on_untrusted_certificates(
                    _client.build_s3_client(self.settings, self.token))
            return self._s3

    @property
    def config_api(self):
        """The Resource Configuration API client (only bucket settings that live there use it)."""
        self.require_config_api()
        with self._lock:
            if self._config_api is None:
                from ansible_collections.ibm.cos.plugins.module_utils._config_api import ConfigApi

                self._config_api = ConfigApi(_client.config_endpoint_url(self.settings), self.token,
                                             self.settings.verify, self.setting("timeout"),
                                             retries=self.setting("retries"))
            return self._config_api

    def require_config_api(self):
        """Raise before any call when the Resource Configuration API cannot be used (HMAC keys)."""
        if self.settings is not None and not self.settings.uses_iam:
            raise CosError(CONFIG_API_NEEDS_IAM)
