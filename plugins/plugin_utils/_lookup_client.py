# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The S3 client of a lookup, connected the way the modules are.

A lookup runs on the controller, so it takes the run's IAM token and endpoints document from the
same 0600 file cache the action plugins fill: a playbook that uses modules and lookups still makes
one IAM exchange. The cache entry names must stay those of the action plugins, or each side would
exchange its own token.
"""
from __future__ import annotations

import time

from ansible_collections.ibm.cos.plugins.module_utils import _client, _endpoints, _iam
from ansible_collections.ibm.cos.plugins.module_utils._settings import resolve_settings
from ansible_collections.ibm.cos.plugins.module_utils._token_cache import (
    FileCache,
    cache_dir,
    entry_name,
    fresh_for,
)

ENDPOINTS_MAX_AGE = 3600


def token_entry(settings) -> str:
    """The cache entry of the settings' token; the action plugins name it the same way."""
    if settings.auth_method == "api_key":
        identity = ("apikey", settings.api_key, settings.iam_endpoint)
    else:
        profile = settings.values.get("trusted_profile_id") or settings.values.get("trusted_profile_name")
        identity = ("profile", profile, settings.cr_token_file, settings.iam_endpoint)
    return entry_name("token", *identity)


def cached_token(settings, cache: FileCache) -> str:
    """The run's token: exchanged under the cache's lock only when no usable one is cached."""
    def fresh(data):
        return _iam.Token.from_cache(data).usable()

    def exchange():
        grant = _iam.grant_for(settings)
        return _iam.exchange(settings.iam_endpoint, grant, settings.verify, settings.timeout).as_cache()

    return cache.get_or_create(token_entry(settings), fresh, exchange)["access_token"]


def cached_endpoint(settings, cache: FileCache) -> str:
    """The S3 URL for `region`, from the endpoints document cached for an hour."""
    def fetch():
        document = _endpoints.fetch_document(settings.endpoints_url, settings.verify, settings.timeout)
        return {"fetched_at": time.time(), "document": document}

    name = entry_name("endpoints", settings.endpoints_url)
    document = cache.get_or_create(name, fresh_for(ENDPOINTS_MAX_AGE), fetch)["document"]
    return _endpoints.s3_endpoint(document, settings.region, settings.endpoint_type)


def connect(options: dict, environ):
    """Return (settings, S3 client) for the lookup's options. Raises SettingsError or IamError."""
    settings = resolve_settings(options, environ)
    cache = FileCache(cache_dir(environ))
    resolved = dict(options)
    if not settings.values.get("endpoint"):
        resolved["endpoint"] = cached_endpoint(settings, cache)
    if settings.auth_method in ("api_key", "trusted_profile"):
        # As the modules get it: the token as iam_token, the key (if any) only to refresh it.
        resolved["iam_token"] = cached_token(settings, cache)
    if resolved != options:
        settings = resolve_settings(resolved, environ)
    token = _client.SharedToken(settings) if settings.uses_iam else None
    client = _client.build_s3_client(settings, token)
    return settings, _client.fail_fast_on_untrusted_certificates(client)
