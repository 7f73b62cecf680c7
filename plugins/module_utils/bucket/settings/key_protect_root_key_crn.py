# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""key_protect_root_key_crn: the Key Protect / HPCS root key that encrypts the bucket, set when the
bucket is created; HeadBucket reports it, so reading it costs no call of its own."""
from __future__ import annotations

from ._base import ImmutableSetting, SettingError

ORDER = 20
# Three names for one key. They are separate options, not aliases, because Ansible resolves aliases
# that disagree by keeping one value with a warning; the task must be refused instead, before any call.
SYNONYMS = ("key_protect_root_key_crn", "hpcs_root_key_crn", "kms_root_key_crn")
OPTIONS = {name: {"type": "str", "no_log": False} for name in SYNONYMS}


def root_key_option(params):
    """The one root key the task names (None when it names none); refuses synonyms that disagree."""
    given = {name: params.get(name) for name in SYNONYMS if params.get(name) is not None}
    values = {(value or "").strip() for value in given.values()}
    if len(values) > 1:
        raise SettingError("key_protect_root_key_crn and its synonyms disagree: "
                           + ", ".join(f"{name}={value!r}" for name, value in given.items())
                           + "; a bucket has one root key: give it once")
    return values.pop() if values else None


def header(headers, name):
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value
    return None


def key_protect_from_head(headers):
    """The root key HeadBucket reports ('' when the bucket has none).

    The SDK reads `ibm-sse-kp-enabled` as true only for the exact string 'true', and COS can send
    'True', so the raw header is checked case-insensitively.
    """
    enabled = str(header(headers, "ibm-sse-kp-enabled") or "").strip().lower() == "true"
    return str(header(headers, "ibm-sse-kp-crk-id") or "") if enabled else ""


def same_root_key(current, desired):
    """COS may report the full key CRN or just the key id at its end."""
    if current == desired:
        return True
    if not current or not desired:
        return False
    return desired.endswith(":key:" + current) or current.endswith(":key:" + desired)


class KeyProtectSetting(ImmutableSetting):
    name = "key_protect_root_key_crn"
    api = "head"
    absent = ""
    remedy = ("COS sets the Key Protect / Hyper Protect Crypto Services root key only when the bucket "
              "is created. To encrypt with another key, create a new bucket with it and copy the objects "
              "across (ibm.cos.cos_sync); to rotate key material keep the same key and rotate it in "
              "Key Protect; otherwise set the option to the current key.")

    def selected(self, params):
        return root_key_option(params) is not None

    def desired(self, params):
        return self.normalize(root_key_option(params))

    def normalize(self, value):
        value = (value or "").strip()
        if value and not (value.startswith("crn:") and ":key:" in value):
            raise SettingError(f"key_protect_root_key_crn {value!r} is not a root key CRN; expected "
                               "crn:v1:bluemix:public:kms:<region>:a/<account>:<instance>:key:<key id> "
                               "(hs-crypto in place of kms for HPCS)")
        return value

    def equal(self, current, desired):
        return same_root_key(current, desired)

    def describe(self, value):
        return repr(value) if value else "no root key (provider-managed encryption)"

    def read(self, ctx):
        return key_protect_from_head(ctx.head)


SETTING = KeyProtectSetting
