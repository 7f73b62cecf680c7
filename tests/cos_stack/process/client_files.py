"""The files a running stack leaves in its directory for clients: env, credentials, CR token."""

import json
import os
import shlex
import shutil

from .. import account
from .settings import NETWORK_ADDRESSES, instance_crn


def _write_private(path, text):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def endpoint_url(location, network="public"):
    return f"https://{NETWORK_ADDRESSES[network]}:{location.port}"


def credentials_document(state, control_url):
    config = state.config
    writer = config["api_keys"][0]
    hmac_key = config["hmac_keys"][0]
    guid = config["instances"][0]["guid"]
    return {
        "apikey": writer["apikey"],
        "cos_hmac_keys": {
            "access_key_id": hmac_key["access_key_id"],
            "secret_access_key": hmac_key["secret_access_key"],
        },
        "endpoints": f"{control_url}/v2/endpoints",
        "iam_apikey_description": f"Auto-generated for key {writer['name']}",
        "iam_apikey_name": writer["name"],
        "iam_role_crn": "crn:v1:bluemix:public:iam::::serviceRole:Manager",
        "iam_serviceid_crn": f"crn:v1:bluemix:public:iam-identity::a/{config['account_id']}::"
                             f"serviceid:{writer['iam_id'].removeprefix('iam-')}",
        "resource_instance_id": instance_crn(config, guid),
    }


def _writer_key(config):
    """A key with the Writer role on the instance (no firewall; LEDGER.md CFG-16), if the
    config has one (a COS_STACK_CONFIG may replace the keys)."""
    return next((key["apikey"] for key in config["api_keys"] if key.get("role") == "Writer"), None)


def environment(state, directory):
    config = state.config
    control_url = f"https://127.0.0.1:{state.port_base}"
    default_location = state.locations[0]
    profile = config["trusted_profiles"][0]
    return {
        "IBMCLOUD_API_KEY": config["api_keys"][0]["apikey"],
        "IBM_COS_STACK_OTHER_API_KEY": config["api_keys"][1]["apikey"],

        "IBM_COS_INSTANCE_CRN": instance_crn(config, config["instances"][0]["guid"]),
        "IBM_COS_HMAC_ACCESS_KEY_ID": config["hmac_keys"][0]["access_key_id"],
        "IBM_COS_HMAC_SECRET_ACCESS_KEY": config["hmac_keys"][0]["secret_access_key"],
        "IBM_COS_ENDPOINT": endpoint_url(default_location),
        "IBM_COS_REGION": default_location.name,
        "IBM_COS_ENDPOINTS_URL": f"{control_url}/v2/endpoints",
        "IBM_IAM_ENDPOINT": f"{control_url}/identity/token",
        "IBM_COS_CONFIG_ENDPOINT": f"{control_url}/v1",
        "IBM_COS_CA_BUNDLE": str(directory / "ca.pem"),
        "IBM_KP_ROOT_KEY_CRN": config["root_keys"]["key_protect"],
        "IBM_HPCS_ROOT_KEY_CRN": config["root_keys"]["hpcs"],
        "IBM_COS_STACK_ADMIN": f"{control_url}/_stack",
        "IBM_TRUSTED_PROFILE_ID": profile["id"],
        "IBM_TRUSTED_PROFILE_NAME": profile["name"],
        "IBM_CR_TOKEN_FILE": str(directory / "cr-token"),
        "IBM_COS_STACK_CREDENTIALS_FILE": str(directory / "cos-credentials.json"),
        # Tokens die with the stack: a cache of this start only, so a restart never serves old ones.
        "IBM_COS_TOKEN_CACHE_DIR": str(directory / "token-cache"),
        **account.environment(control_url),  # account APIs hook (tests/cos_stack/account)
    } | ({"IBM_COS_STACK_WRITER_API_KEY": _writer_key(config)} if _writer_key(config) else {})


def write_client_files(state, directory):
    """Write the CR token, the credentials JSON and, last, env (its presence means 'ready')."""
    control_url = f"https://127.0.0.1:{state.port_base}"
    shutil.rmtree(directory / "token-cache", ignore_errors=True)
    _write_private(directory / "cr-token", state.config["cr_token"] + "\n")
    _write_private(directory / "cos-credentials.json",
                   json.dumps(credentials_document(state, control_url), indent=2) + "\n")
    lines = [f"export {name}={shlex.quote(value)}" for name, value in environment(state, directory).items()]
    _write_private(directory / "env.tmp", "\n".join(lines) + "\n")
    os.replace(directory / "env.tmp", directory / "env")
