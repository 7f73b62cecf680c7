# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Builds the S3 client and the Resource Configuration API client from resolved Settings.

Both IAM clients share one SharedToken. The token and the endpoints document live in the locked
0600 file cache (_token_cache), so the tasks and forks of a run that share a host make one IAM
exchange and one endpoints lookup between them. The module takes the token itself, after it has
checked its input, so bad input never costs an exchange and the token never travels in the
module's arguments (which ansible-core shows with ANSIBLE_DEBUG).
"""
from __future__ import annotations

import os
import threading
import time

from ansible_collections.ibm.cos.plugins.module_utils import _errors, _iam
from ansible_collections.ibm.cos.plugins.module_utils._settings import require_https
from ansible_collections.ibm.cos.plugins.module_utils._timestamps import timestamp_session
from ansible_collections.ibm.cos.plugins.module_utils._token_cache import FileCache, cache_dir, entry_name, fresh_for

ENDPOINTS_MAX_AGE = 3600

# Parallel reads and multipart parts share the pool; botocore's default of 10 would queue them.
MAX_POOL_CONNECTIONS = 32


class SharedToken:
    """The SDK's token-manager interface (get_token / set_from_config) over our IAM exchange."""

    def __init__(self, settings, environ=None):
        self.settings = settings
        self._lock = threading.Lock()
        self._token = _iam.token_from_jwt(settings.iam_token) if settings.iam_token else None
        self._can_refresh = settings.auth_method == "trusted_profile" or bool(settings.api_key)
        self._cache = FileCache(cache_dir(os.environ if environ is None else environ))

    def get_token(self) -> str:
        with self._lock:
            if self._token is None or (not self._token.usable() and self._can_refresh):
                self._token = _iam.Token.from_cache(self._cache.get_or_create(
                    entry_name("token", *self._identity()), self._fresh, self._exchange))
            return self._token.access_token

    def _identity(self) -> tuple:
        settings = self.settings
        if settings.auth_method == "trusted_profile":
            name = settings.trusted_profile_id or settings.trusted_profile_name
            return ("profile", name, settings.cr_token_file, settings.iam_endpoint)
        return ("apikey", settings.api_key, settings.iam_endpoint)

    @staticmethod
    def _fresh(data) -> bool:
        return _iam.Token.from_cache(data).usable()

    def _exchange(self) -> dict:
        settings = self.settings
        return _iam.exchange(settings.iam_endpoint, _iam.grant_for(settings), settings.verify,
                             settings.timeout).as_cache()

    def set_from_config(self, config):  # the SDK passes proxies here; we use the environment's
        return None


# Endpoints documents this module run has fetched, by URL: at most one fetch each.
_DOCUMENTS = {}


def endpoints_document(settings, environ=None):
    """The endpoints document: from the file cache (an hour), fetched at most once per module run."""
    # Imported here: a task with an explicit endpoint does not need it, and a module imports every
    # module_utils file anew from its zip in each task.
    from ansible_collections.ibm.cos.plugins.module_utils import _endpoints

    url = settings.endpoints_url
    if url not in _DOCUMENTS:
        def fetch():
            return {"fetched_at": time.time(),
                    "document": _endpoints.fetch_document(url, settings.verify, settings.timeout)}

        cache = FileCache(cache_dir(os.environ if environ is None else environ))
        _DOCUMENTS[url] = cache.get_or_create(entry_name("endpoints", url), fresh_for(ENDPOINTS_MAX_AGE),
                                              fetch)["document"]
    return _DOCUMENTS[url]


def s3_endpoint_url(settings) -> str:
    if settings.endpoint:
        return settings.endpoint.rstrip("/")
    from ansible_collections.ibm.cos.plugins.module_utils import _endpoints

    url = _endpoints.s3_endpoint(endpoints_document(settings), settings.region, settings.endpoint_type)
    require_https(url, f"the endpoint the endpoints document gives for region {settings.region!r}",
                  settings.allow_insecure_http)
    return url


def config_endpoint_url(settings) -> str:
    if settings.config_endpoint:
        return settings.config_endpoint.rstrip("/")
    from ansible_collections.ibm.cos.plugins.module_utils import _endpoints

    url = _endpoints.config_endpoint(endpoints_document(settings), settings.endpoint_type)
    require_https(url, "the Config API endpoint the endpoints document gives", settings.allow_insecure_http)
    return url


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

    timeout = settings.timeout
    config_kwargs = dict(connect_timeout=min(timeout, 30), read_timeout=timeout,
                         max_pool_connections=MAX_POOL_CONNECTIONS,
                         retries={"mode": settings.retry_mode, "max_attempts": settings.retries + 1},
                         # With an explicit endpoint URL, ibm_botocore's own default is path style.
                         s3={"addressing_style": settings.addressing_style})
    kwargs = dict(endpoint_url=s3_endpoint_url(settings), verify=settings.verify)
    if settings.uses_iam:
        config_kwargs["signature_version"] = "oauth"
        kwargs.update(token_manager=token, ibm_service_instance_id=settings.service_instance_id)
    else:
        kwargs.update(aws_access_key_id=settings.hmac_access_key_id,
                      aws_secret_access_key=settings.hmac_secret_access_key)
    # A session of its own: ibm_botocore keeps the instance ID on the session, so clients sharing the
    # default session would overwrite each other's.
    session = ibm_boto3.session.Session(botocore_session=timestamp_session())
    return session.client("s3", config=Config(**config_kwargs), **kwargs)
