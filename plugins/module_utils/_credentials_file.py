# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The COS service credential file (as the IBM Cloud console downloads it), mapped onto option names."""
from __future__ import annotations

import json

from ansible_collections.ibm.cos.plugins.module_utils._setting_checks import MissingSetting, SettingsError


# The document's fields this collection reads, and the option each one gives.
TOP_LEVEL_FIELDS = {"apikey": "api_key", "resource_instance_id": "service_instance_id",
                    "endpoints": "endpoints_url"}
HMAC_FIELDS = {"access_key_id": "hmac_access_key_id", "secret_access_key": "hmac_secret_access_key"}


def _text_field(path, data, name, where=""):
    """The field's value if it is a non-empty string, None if absent; anything else is refused by name."""
    value = data.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise SettingsError(f"credentials_file {path!r}: field {where}{name!r} must be a string, "
                            f"got {type(value).__name__}")
    return value


def read_credentials_file(path, opener=open):
    """{option: value} from the file; each field the collection uses must be a string."""
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
    for name, option in TOP_LEVEL_FIELDS.items():
        value = _text_field(path, data, name)
        if value:
            found[option] = value
    hmac = data.get("cos_hmac_keys")
    if hmac is not None:
        if not isinstance(hmac, dict):
            raise SettingsError(f"credentials_file {path!r}: field 'cos_hmac_keys' must be an object with "
                                "access_key_id and secret_access_key")
        keys = {option: _text_field(path, hmac, name, "cos_hmac_keys.") for name, option in HMAC_FIELDS.items()}
        if not all(keys.values()):
            raise SettingsError(f"credentials_file {path!r}: cos_hmac_keys needs access_key_id and "
                                "secret_access_key")
        found.update(keys)
    if not found.get("api_key") and not found.get("hmac_access_key_id"):
        raise SettingsError(f"credentials_file {path!r} holds neither 'apikey' nor 'cos_hmac_keys'")
    return found
