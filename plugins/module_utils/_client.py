# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Builds the S3 client and the Resource Configuration API client from resolved Settings.

Both IAM clients share one SharedToken, so a module makes at most one IAM exchange, and none
when the controller already handed it a token.
"""
from __future__ import annotations

import threading

from ansible_collections.ibm.cos.plugins.module_utils import _errors, _iam

# Parallel reads and multipart parts share the pool; botocore's default of 10 would queue them.
MAX_POOL_CONNECTIONS = 32


class SharedToken:
    """The SDK's token-manager interface (get_token / set_from_config) over our IAM exchange."""

    def __init__(self, settings):
        self.settings = settings
        self._lock = threading.Lock()
        given = settings.values.get("iam_token")
        self._token = _iam.token_from_jwt(given) if given else None
        self._can_refresh = settings.auth_method == "trusted_profile" or bool(settings.values.get("api_key"))

    def get_token(self) -> str:
        with self._lock:
            if self._token is None or (not self._token.usable() and self._can_refresh):
                grant = _iam.grant_for(self.settings)
                self._token = _iam.exchange(self.settings.iam_endpoint, grant, self.settings.verify,
                                            self.settings.values.get("timeout", 60))
            return self._token.access_token

    def set_from_config(self, config):  # the SDK passes proxies here; we use the environment's
        return None


# Endpoints documents this module run has fetched, by URL: at most one fetch each.
_DOCUMENTS = {}


def endpoints_document(settings):
    """The endpoints document, fetched at most once per module run."""
    # Imported here: the controller usually resolves the endpoint, and a module imports every
    # module_utils file anew from its zip in each task.
    from ansible_collections.ibm.cos.plugins.module_utils import _endpoints

    url = settings.endpoints_url
    if url not in _DOCUMENTS:
        _DOCUMENTS[url] = _endpoints.fetch_document(url, settings.verify, settings.values.get("timeout", 60))
    return _DOCUMENTS[url]


def s3_endpoint_url(settings) -> str:
    if settings.values.get("endpoint"):
        return settings.endpoint.rstrip("/")
    from ansible_collections.ibm.cos.plugins.module_utils import _endpoints

    return _endpoints.s3_endpoint(endpoints_document(settings), settings.region, settings.endpoint_type)


def config_endpoint_url(settings) -> str:
    if settings.values.get("config_endpoint"):
        return settings.config_endpoint.rstrip("/")
    from ansible_collections.ibm.cos.plugins.module_utils import _endpoints

    return _endpoints.config_endpoint(endpoints_document(settings), settings.endpoint_type)


def fail_fast_on_untrusted_certificates(client):
    """A certificate the client does not trust stays untrusted: fail at once instead of retrying
    with backoff (about half a minute at the default retries) before saying so."""
    def refuse(caught_exception=None, **_):
        if caught_exception is not None and any(m in str(caught_exception) for m in _errors.CERTIFICATE_PROBLEMS):
            raise caught_exception

    client.meta.events.register_first("needs-retry.s3", refuse)
    return client


def build_s3_client(settings, token: SharedToken | None):
    import ibm_boto3  # heavy import, paid only by modules that make S3 calls
    from ibm_botocore.client import Config

    timeout = settings.values.get("timeout", 60)
    config_kwargs = dict(connect_timeout=min(timeout, 30), read_timeout=timeout,
                         max_pool_connections=MAX_POOL_CONNECTIONS,
                         retries={"mode": settings.retry_mode, "max_attempts": settings.retries + 1})
    kwargs = dict(endpoint_url=s3_endpoint_url(settings), verify=settings.verify)
    if settings.uses_iam:
        config_kwargs["signature_version"] = "oauth"
        kwargs.update(token_manager=token, ibm_service_instance_id=settings.values.get("service_instance_id"))
    else:
        kwargs.update(aws_access_key_id=settings.hmac_access_key_id,
                      aws_secret_access_key=settings.hmac_secret_access_key)
    # A session of its own: ibm_botocore keeps the instance ID on the session, so clients sharing the
    # default session would overwrite each other's.
    return ibm_boto3.session.Session().client("s3", config=Config(**config_kwargs), **kwargs)
