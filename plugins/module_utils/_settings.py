# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection settings: the options, their environment variables, the credentials file.

Precedence is task option, then the task's credentials file, then environment variable, then the
credentials file the environment names. Two choices are made as a whole at the highest level that
makes them, so a lower level never mixes into them: the credentials (a task's api_key is never
joined by the environment's HMAC keys) and how to reach COS (a task's region or endpoint_type is
never overridden by IBM_COS_ENDPOINT).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

from ansible_collections.ibm.cos.plugins.module_utils._credentials_file import read_credentials_file
from ansible_collections.ibm.cos.plugins.module_utils._setting_checks import (
    MissingSetting,
    SettingsError,
    check_addressing_style,
    check_ca_bundle,
    check_instance_id,
    check_region,
    check_url,
    normalize_iam_endpoint,
    require_https,
    to_bool,
)

DEFAULT_ENDPOINTS_URL = "https://control.cloud-object-storage.cloud.ibm.com/v2/endpoints"
DEFAULT_IAM_ENDPOINT = "https://iam.cloud.ibm.com/identity/token"
ENDPOINT_TYPES = ("public", "private", "direct")
RETRY_MODES = ("standard", "adaptive")
ADDRESSING_STYLES = ("path", "virtual")

__all__ = ["MissingSetting", "SettingsError", "Settings", "resolve_settings", "require_https",
           "normalize_iam_endpoint", "CONNECTION_ARGUMENT_SPEC"]


@dataclass(frozen=True)
class Settings:
    """Resolved connection settings. The field defaults are the collection's defaults."""

    auth_method: str
    api_key: str | None = field(default=None, repr=False)
    service_instance_id: str | None = None
    hmac_access_key_id: str | None = field(default=None, repr=False)
    hmac_secret_access_key: str | None = field(default=None, repr=False)
    trusted_profile_id: str | None = None
    trusted_profile_name: str | None = None
    cr_token_file: str | None = None
    iam_token: str | None = field(default=None, repr=False)
    credentials_file: str | None = None
    endpoint: str | None = None
    region: str | None = None
    endpoint_type: str = "public"
    endpoints_url: str = DEFAULT_ENDPOINTS_URL
    iam_endpoint: str = DEFAULT_IAM_ENDPOINT
    config_endpoint: str | None = None
    validate_certs: bool = True
    ca_bundle: str | None = None
    allow_insecure_http: bool = False
    addressing_style: str = "path"
    timeout: int = 60
    retries: int = 5
    retry_mode: str = "standard"
    sources: dict = field(default_factory=dict, compare=False)
    # Credentials a lower level gave but the chosen auth method does not use: still masked in output.
    unused_secrets: tuple = field(default=(), compare=False, repr=False)

    @property
    def values(self) -> dict:
        """The option values by name, for code that looks an option up by its name."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if f.name not in ("auth_method", "sources", "unused_secrets")}

    @property
    def uses_iam(self) -> bool:
        return self.auth_method in IAM_METHODS

    @property
    def verify(self):
        """What requests/botocore take for TLS verification: False, True or a CA bundle path."""
        if not self.validate_certs:
            return False
        return self.ca_bundle or True

    def secrets(self):
        return [getattr(self, name) for name in SECRET_OPTIONS if getattr(self, name)] + list(self.unused_secrets)


CONNECTION_ARGUMENT_SPEC = dict(
    api_key=dict(type="str", no_log=True, aliases=["ibm_api_key_id"]),
    service_instance_id=dict(type="str", aliases=["instance_crn", "resource_instance_id"]),
    hmac_access_key_id=dict(type="str", no_log=True),
    hmac_secret_access_key=dict(type="str", no_log=True),
    trusted_profile_id=dict(type="str"),
    trusted_profile_name=dict(type="str"),
    cr_token_file=dict(type="path"),
    iam_token=dict(type="str", no_log=True),
    credentials_file=dict(type="path"),
    endpoint=dict(type="str"),
    region=dict(type="str"),
    endpoint_type=dict(type="str", choices=list(ENDPOINT_TYPES)),
    endpoints_url=dict(type="str"),
    iam_endpoint=dict(type="str"),
    config_endpoint=dict(type="str"),
    validate_certs=dict(type="bool"),
    ca_bundle=dict(type="path"),
    allow_insecure_http=dict(type="bool"),
    addressing_style=dict(type="str", choices=list(ADDRESSING_STYLES)),
    # No environment variable sets these, so the task's default is the collection's default.
    timeout=dict(type="int", default=Settings.timeout),
    retries=dict(type="int", default=Settings.retries),
    retry_mode=dict(type="str", choices=list(RETRY_MODES), default=Settings.retry_mode),
)

# First variable that is set wins. These are the names IBM's CLI, Terraform provider and SDKs use.
ENV_VARS = {
    "api_key": ("IBMCLOUD_API_KEY", "IC_API_KEY", "IBM_API_KEY_ID"),
    "service_instance_id": ("IBM_COS_INSTANCE_CRN", "IBM_SERVICE_INSTANCE_ID"),
    "hmac_access_key_id": ("IBM_COS_HMAC_ACCESS_KEY_ID",),
    "hmac_secret_access_key": ("IBM_COS_HMAC_SECRET_ACCESS_KEY",),
    "trusted_profile_id": ("IBMCLOUD_IAM_PROFILE_ID", "IBM_TRUSTED_PROFILE_ID"),
    "trusted_profile_name": ("IBMCLOUD_IAM_PROFILE_NAME", "IBM_TRUSTED_PROFILE_NAME"),
    "cr_token_file": ("IBMCLOUD_CR_TOKEN_FILENAME", "IBM_CR_TOKEN_FILE"),
    "iam_token": ("IBMCLOUD_IAM_TOKEN", "IC_IAM_TOKEN"),
    "credentials_file": ("IBM_COS_CREDENTIALS_FILE",),
    "endpoint": ("IBM_COS_ENDPOINT",),
    "region": ("IBM_COS_REGION", "IBMCLOUD_REGION", "IC_REGION"),
    "endpoint_type": ("IBM_COS_ENDPOINT_TYPE",),
    "endpoints_url": ("IBM_COS_ENDPOINTS_URL",),
    "iam_endpoint": ("IBM_IAM_ENDPOINT", "IBMCLOUD_IAM_API_ENDPOINT"),
    "config_endpoint": ("IBM_COS_CONFIG_ENDPOINT",),
    "validate_certs": ("IBM_COS_VALIDATE_CERTS",),
    "ca_bundle": ("IBM_COS_CA_BUNDLE",),
    "allow_insecure_http": ("IBM_COS_ALLOW_INSECURE_HTTP",),
    "addressing_style": ("IBM_COS_ADDRESSING_STYLE",),
}

# Options that name an auth method, in the order a level's methods are preferred.
AUTH_OPTIONS = {
    "iam_token": ("iam_token",),
    "api_key": ("api_key",),
    "trusted_profile": ("trusted_profile_id", "trusted_profile_name", "cr_token_file"),
    "hmac": ("hmac_access_key_id", "hmac_secret_access_key"),
}
# The credentials proper: taken only from the level that decides the auth method. The
# compute-resource token file is where the platform puts its token, so any level may name it.
CREDENTIAL_OPTIONS = ("api_key", "hmac_access_key_id", "hmac_secret_access_key", "trusted_profile_id",
                      "trusted_profile_name", "iam_token")
IAM_METHODS = ("iam_token", "api_key", "trusted_profile")
SECRET_OPTIONS = ("api_key", "hmac_access_key_id", "hmac_secret_access_key", "iam_token")
# URLs that carry a credential: the API key or CR token (IAM), the bearer token or signed requests.
CREDENTIAL_URLS = ("endpoint", "iam_endpoint", "config_endpoint")


def _from_env(environ):
    found, sources = {}, {}
    for option, names in ENV_VARS.items():
        for name in names:
            if environ.get(name):
                found[option], sources[option] = environ[name], name
                break
    if found.get("trusted_profile_id"):
        found.pop("trusted_profile_name", None)  # in the environment, the ID is preferred to the name
    return found, sources


def _methods_named(values):
    return [m for m, opts in AUTH_OPTIONS.items() if any(values.get(o) for o in opts)]


def _check_options(values):
    """Combinations of task options that cannot be meant; the environment is more lenient."""
    if values.get("trusted_profile_id") and values.get("trusted_profile_name"):
        raise SettingsError("trusted_profile_id and trusted_profile_name are mutually exclusive")
    named = [m for m in _methods_named(values) if m != "iam_token"]
    if len(named) > 1:
        opts = ", ".join(AUTH_OPTIONS[m][0] for m in named)
        raise SettingsError(f"conflicting auth options: {opts}; set one auth method "
                            "(api_key, hmac keys, trusted profile or iam_token)")


def _drop_overridden_reach(options, env):
    """How to reach COS is the task's choice as a whole: its endpoint ignores the environment's region
    and type; its region or endpoint_type ignores the environment's endpoint."""
    if options.get("endpoint"):
        for name in ("region", "endpoint_type"):
            env.pop(name, None)
    if options.get("region") or options.get("endpoint_type"):
        env.pop("endpoint", None)
    if options.get("endpoint_type"):
        env.pop("config_endpoint", None)  # the type names the Config API's network as well
    if options.get("ca_bundle"):
        env.pop("validate_certs", None)  # a task that names a CA bundle means to verify with it


def _choose_credentials(levels):
    """(auth method, {credential: (value, source)}) from the highest level that names a method."""
    for level, source in levels:
        named = _methods_named(level)
        if named:
            method = next(m for m in AUTH_OPTIONS if m in named)
            return method, {k: (level[k], source(k)) for k in CREDENTIAL_OPTIONS if level.get(k)}
    raise MissingSetting("no credentials: set api_key (or IBMCLOUD_API_KEY), hmac_access_key_id and "
                         "hmac_secret_access_key, trusted_profile_id with cr_token_file, iam_token, "
                         "or credentials_file")


def resolve_settings(params, environ, opener=open, needs_s3_endpoint=True) -> Settings:
    """Combine task options, environment and credentials file into validated Settings.

    needs_s3_endpoint=False is for modules that call only IBM Cloud's platform APIs: an endpoint
    or region is then checked when given, not required."""
    options = {k: params.get(k) for k in CONNECTION_ARGUMENT_SPEC if params.get(k) not in (None, "")}
    env, env_sources = _from_env(environ)
    _check_options(options)
    _drop_overridden_reach(options, env)
    file_values, file_source = {}, "credentials_file"
    credentials_path = options.get("credentials_file") or env.get("credentials_file")
    if credentials_path:
        file_values = read_credentials_file(credentials_path, opener)
    task_file = file_values if options.get("credentials_file") else {}
    env_file = {} if task_file else file_values
    # A task's credentials file is the task's choice: it ranks above the environment's credentials.
    levels = [(options, lambda k: "option"), (task_file, lambda k: file_source),
              (env, env_sources.get), (env_file, lambda k: file_source)]
    auth_method, credentials = _choose_credentials(levels)

    values, sources = {}, {}
    for level, source in reversed(levels):
        for key, value in level.items():
            if key not in CREDENTIAL_OPTIONS:
                values[key], sources[key] = value, source(key)
    for key, (value, source) in credentials.items():
        values[key], sources[key] = value, source
    _check_credentials(auth_method, values)
    unused = tuple(level[k] for level, _source in levels for k in SECRET_OPTIONS
                   if level.get(k) and level[k] != values.get(k))
    return Settings(auth_method=auth_method, sources=sources, unused_secrets=unused, **_checked(values, opener, needs_s3_endpoint))


def _check_credentials(auth_method, values):
    if bool(values.get("hmac_access_key_id")) != bool(values.get("hmac_secret_access_key")):
        raise MissingSetting("hmac_access_key_id and hmac_secret_access_key must be given together "
                             "(options, or IBM_COS_HMAC_ACCESS_KEY_ID and IBM_COS_HMAC_SECRET_ACCESS_KEY)")
    if auth_method == "trusted_profile":
        if not values.get("cr_token_file"):
            raise MissingSetting("trusted_profile_id/trusted_profile_name needs cr_token_file "
                                 "(the compute-resource token file)")
        if not (values.get("trusted_profile_id") or values.get("trusted_profile_name")):
            raise MissingSetting("cr_token_file needs trusted_profile_id or trusted_profile_name")


def _checked(values, opener, needs_s3_endpoint=True) -> dict:
    """Typed, checked values; what is not set is left to the Settings defaults."""
    values = dict(values)
    if values.get("endpoint_type", "public") not in ENDPOINT_TYPES:
        raise SettingsError(f"endpoint_type must be one of {', '.join(ENDPOINT_TYPES)}, "
                            f"got {values['endpoint_type']!r}")
    check_addressing_style(values.get("addressing_style", "path"), values.get("endpoint"), ADDRESSING_STYLES)
    for name in ("validate_certs", "allow_insecure_http"):
        if name in values:
            values[name] = to_bool(values[name], name)
    if "iam_endpoint" in values:
        values["iam_endpoint"] = normalize_iam_endpoint(values["iam_endpoint"])
    for name in ("endpoint", "endpoints_url", "config_endpoint"):
        if values.get(name):
            check_url(values[name], name)
    for name in CREDENTIAL_URLS:
        if values.get(name):
            require_https(values[name], name, values.get("allow_insecure_http", False))
    for name, low in (("timeout", 1), ("retries", 0)):
        if name in values:
            values[name] = int(values[name])
            if values[name] < low:
                raise SettingsError(f"{name} must be at least {low}, got {values[name]}")
    if values.get("ca_bundle") and values.get("validate_certs", True):
        check_ca_bundle(values["ca_bundle"], opener)
    check_region(values.get("region"))
    check_instance_id(values.get("service_instance_id"))
    if needs_s3_endpoint and not values.get("endpoint") and not values.get("region"):
        raise MissingSetting("no endpoint: set endpoint (an S3 URL) or region (e.g. us-south, eu-de, us, "
                             "ams03; env IBM_COS_ENDPOINT or IBM_COS_REGION)")
    return values
