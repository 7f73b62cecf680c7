# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection settings: the options, their environment variables, the credentials file.

Pure code shared by the modules and the controller-side action plugin. Precedence is
task option, then environment variable, then the credentials file; the auth method is taken from
the highest level that names one, so an explicit option is never overridden by the environment.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

DEFAULT_ENDPOINTS_URL = "https://control.cloud-object-storage.cloud.ibm.com/v2/endpoints"
DEFAULT_IAM_ENDPOINT = "https://iam.cloud.ibm.com/identity/token"
ENDPOINT_TYPES = ("public", "private", "direct")
RETRY_MODES = ("standard", "adaptive")
REGION_SHAPE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

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
    timeout=dict(type="int", default=60),
    retries=dict(type="int", default=5),
    retry_mode=dict(type="str", choices=list(RETRY_MODES), default="standard"),
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
}

# Options that name an auth method, in the order a level's methods are preferred.
AUTH_OPTIONS = {
    "iam_token": ("iam_token",),
    "api_key": ("api_key",),
    "trusted_profile": ("trusted_profile_id", "trusted_profile_name", "cr_token_file"),
    "hmac": ("hmac_access_key_id", "hmac_secret_access_key"),
}
IAM_METHODS = ("iam_token", "api_key", "trusted_profile")
SECRET_OPTIONS = ("api_key", "hmac_access_key_id", "hmac_secret_access_key", "iam_token")


class SettingsError(Exception):
    """Connection options that cannot work; raised before any call is made."""


class MissingSetting(SettingsError):
    """Something is not set (or a file not readable) here; another host's environment may have it."""


@dataclass
class Settings:
    auth_method: str
    values: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def uses_iam(self) -> bool:
        return self.auth_method in IAM_METHODS

    @property
    def verify(self):
        """What requests/botocore take for TLS verification: False, True or a CA bundle path."""
        if not self.values.get("validate_certs", True):
            return False
        return self.values.get("ca_bundle") or True

    def secrets(self):
        return [self.values[name] for name in SECRET_OPTIONS if self.values.get(name)]


def _from_env(environ):
    found, sources = {}, {}
    for option, names in ENV_VARS.items():
        for name in names:
            if environ.get(name):
                found[option], sources[option] = environ[name], name
                break
    return found, sources


def read_credentials_file(path, opener=open):
    """Map a COS service credential JSON (as the IBM console downloads it) onto option names."""
    try:
        with opener(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise MissingSetting(f"credentials_file {path!r} cannot be read: {exc.strerror}") from None
    except ValueError:
        raise SettingsError(f"credentials_file {path!r} is not valid JSON: expected the COS service "
                            "credential document with 'apikey' and 'resource_instance_id'") from None
    if not isinstance(data, dict):
        raise SettingsError(f"credentials_file {path!r} must hold a JSON object")
    found = {}
    if data.get("apikey"):
        found["api_key"] = data["apikey"]
    if data.get("resource_instance_id"):
        found["service_instance_id"] = data["resource_instance_id"]
    if data.get("endpoints"):
        found["endpoints_url"] = data["endpoints"]
    hmac = data.get("cos_hmac_keys")
    if hmac is not None and not (isinstance(hmac, dict) and hmac.get("access_key_id")
                                 and hmac.get("secret_access_key")):
        raise SettingsError(f"credentials_file {path!r}: cos_hmac_keys needs access_key_id and secret_access_key")
    if hmac:
        found["hmac_access_key_id"] = hmac["access_key_id"]
        found["hmac_secret_access_key"] = hmac["secret_access_key"]
    if not found.get("api_key") and not hmac:
        raise SettingsError(f"credentials_file {path!r} holds neither 'apikey' nor 'cos_hmac_keys'")
    return found


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


def _check_hmac_pair(values):
    if bool(values.get("hmac_access_key_id")) != bool(values.get("hmac_secret_access_key")):
        raise MissingSetting("hmac_access_key_id and hmac_secret_access_key must be given together "
                             "(options, or IBM_COS_HMAC_ACCESS_KEY_ID and IBM_COS_HMAC_SECRET_ACCESS_KEY)")


def _bool(value, option):
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{option} must be a boolean (true/false), got {value!r}")


def resolve_settings(params, environ, opener=open) -> Settings:
    """Combine task options, environment and credentials file into validated Settings."""
    options = {k: params.get(k) for k in CONNECTION_ARGUMENT_SPEC if params.get(k) not in (None, "")}
    env, env_sources = _from_env(environ)
    _check_options(options)
    if env.get("trusted_profile_id"):
        env.pop("trusted_profile_name", None)  # in the environment, the ID is preferred to the name
    values = dict(env)
    values.update(options)
    sources = {k: env_sources[k] for k in env}
    sources.update({k: "option" for k in options})
    file_values = {}
    if values.get("credentials_file"):
        file_values = read_credentials_file(values["credentials_file"], opener)
        for key, value in file_values.items():
            if key not in values:
                values[key], sources[key] = value, "credentials_file"

    _check_hmac_pair(values)
    auth_method = None
    for level in (options, env, file_values):
        named = _methods_named(level)
        if named:
            auth_method = next(m for m in AUTH_OPTIONS if m in named)
            break
    if auth_method is None:
        raise MissingSetting("no credentials: set api_key (or IBMCLOUD_API_KEY), hmac_access_key_id and "
                             "hmac_secret_access_key, trusted_profile_id with cr_token_file, iam_token, "
                             "or credentials_file")
    if auth_method == "trusted_profile":
        if not values.get("cr_token_file"):
            raise MissingSetting("trusted_profile_id/trusted_profile_name needs cr_token_file "
                                 "(the compute-resource token file)")
        if not (values.get("trusted_profile_id") or values.get("trusted_profile_name")):
            raise MissingSetting("cr_token_file needs trusted_profile_id or trusted_profile_name")

    for name, spec in CONNECTION_ARGUMENT_SPEC.items():
        if "default" in spec:
            values.setdefault(name, spec["default"])
    values.setdefault("endpoint_type", "public")
    if values["endpoint_type"] not in ENDPOINT_TYPES:
        raise SettingsError(f"endpoint_type must be one of {', '.join(ENDPOINT_TYPES)}, "
                            f"got {values['endpoint_type']!r}")
    values["validate_certs"] = _bool(values.get("validate_certs", True), "validate_certs")
    values.setdefault("endpoints_url", DEFAULT_ENDPOINTS_URL)
    values["iam_endpoint"] = normalise_iam_endpoint(values.get("iam_endpoint") or DEFAULT_IAM_ENDPOINT)
    for name in ("endpoint", "endpoints_url", "config_endpoint"):
        if values.get(name) and not values[name].startswith(("https://", "http://")):
            raise SettingsError(f"{name} must be an http(s) URL, got {values[name]!r}")
    for name, low in (("timeout", 1), ("retries", 0)):
        if name in values and int(values[name]) < low:
            raise SettingsError(f"{name} must be at least {low}, got {values[name]}")
    _check_region(values.get("region"))
    _check_instance_id(values.get("service_instance_id"))
    if not values.get("endpoint") and not values.get("region"):
        raise MissingSetting("no endpoint: set endpoint (an S3 URL) or region (e.g. us-south, eu-de, us, "
                             "ams03; env IBM_COS_ENDPOINT or IBM_COS_REGION)")
    return Settings(auth_method=auth_method, values=values, sources=sources)


def _check_region(region):
    """Shape only (the endpoints document knows which locations exist): lowercase, digits, dashes."""
    if region and not REGION_SHAPE.match(str(region)):
        raise SettingsError(f"region {region!r} is not a COS location name: lowercase letters, digits and "
                            "dashes, such as us-south, eu-de, us or ams03")


def _check_instance_id(value):
    """A service instance CRN must be a COS instance CRN; anything else is taken as the GUID."""
    if not value or not str(value).startswith("crn:"):
        return
    parts = str(value).split(":")
    if len(parts) != 10 or parts[4] != "cloud-object-storage" or not parts[6].startswith("a/") or not parts[7]:
        raise SettingsError(f"service_instance_id {value!r} is not a COS service instance CRN; expected "
                            "crn:v1:bluemix:public:cloud-object-storage:global:a/<account>:<instance guid>:: "
                            "or the instance GUID alone")


def normalise_iam_endpoint(url: str) -> str:
    """Accept IAM's base URL (as IBMCLOUD_IAM_API_ENDPOINT holds it) or the full token URL."""
    if not url.startswith(("https://", "http://")):
        raise SettingsError(f"iam_endpoint must be an http(s) URL, got {url!r}")
    stripped = url.rstrip("/")
    if stripped.count("/") <= 2:
        return stripped + "/identity/token"
    return stripped
