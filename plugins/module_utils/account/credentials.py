# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A resource key on a COS instance: made once, then left alone until `rotate` asks for a new one.

A key's role and HMAC choice are fixed when it is made (the Resource Controller can only rename a
key), so a task that asks for another role is refused unless it rotates: the new key is made first
and the old one deleted after, so the instance is never without working credentials.
"""
from __future__ import annotations

import json
import os
import tempfile

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils.account._api import path_id
from ansible_collections.ibm.cos.plugins.module_utils.account._resource import AccountResource
from ansible_collections.ibm.cos.plugins.module_utils.account.crn import instance_guid
from ansible_collections.ibm.cos.plugins.module_utils.account.instance import oldest

IAM_ROLE = "crn:v1:bluemix:public:iam::::serviceRole:"
COS_ROLE = "crn:v1:bluemix:public:cloud-object-storage::::serviceRole:"
ROLES = {
    "Reader": IAM_ROLE + "Reader", "Writer": IAM_ROLE + "Writer", "Manager": IAM_ROLE + "Manager",
    "Content Reader": COS_ROLE + "ContentReader", "Object Reader": COS_ROLE + "ObjectReader",
    "Object Writer": COS_ROLE + "ObjectWriter",
}
ROLE_NAMES = {crn: name for name, crn in ROLES.items()}
KEYS = "/v2/resource_keys"


def summary(key, credentials):
    role_crn = credentials.get("iam_role_crn", "")
    return {"name": key["name"], "guid": key["guid"], "crn": key["crn"], "source_crn": key.get("source_crn"),
            "role": ROLE_NAMES.get(role_crn, role_crn), "hmac": "cos_hmac_keys" in credentials,
            "created_at": key.get("created_at")}


def secret_values(credentials):
    """The values of a key's credentials that let their holder act: its API key and HMAC secret."""
    hmac = credentials.get("cos_hmac_keys") or {}
    return [value for value in (credentials.get("apikey"), hmac.get("secret_access_key")) if value]


def write_private_json(path, document):
    """Write a 0600 file atomically (a reader never sees half of it, nor a wider mode)."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=".cos-credentials-", dir=directory)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2, sort_keys=True)
            handle.write("\n")
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def file_holds(path, document) -> bool:
    try:
        if os.stat(path).st_mode & 0o777 != 0o600:
            return False
        with open(path, encoding="utf-8") as handle:
            return json.load(handle) == document
    except (OSError, ValueError):
        return False


class ServiceCredentials(AccountResource):
    def __init__(self, conn, params, check_mode=False, diff=False):
        super().__init__(conn, params, check_mode, diff)
        self.instance = instance_guid(self.params["instance"])

    def _named(self):
        keys = self.controller.pages(f"/v2/resource_instances/{path_id(self.instance)}/resource_keys",
                                     {"name": self.params["name"]})
        return [k for k in keys if k["name"] == self.params["name"] and k.get("state", "active") == "active"]

    def _read(self, key):
        """A key with its credentials (lists redact them)."""
        return self.controller.call("GET", f"{KEYS}/{path_id(key['guid'])}")

    def _create(self):
        body = {"name": self.params["name"], "source": self.instance, "role": self.params["role"]}
        if self.params["hmac"]:
            body["parameters"] = {"HMAC": True}
        return self.controller.call("POST", KEYS, body=body)

    def _delete(self, key):
        self.controller.call("DELETE", f"{KEYS}/{path_id(key['guid'])}")

    def present(self):
        named = self._named()
        found = self._read(oldest(named)) if named else None
        before = summary(found, found.get("credentials") or {}) if found else {}
        key = found
        if found is None:
            key = self.write(f"create key {self.params['name']}", self._create)
        else:
            wrong = self._differences(found.get("credentials") or {})
            if wrong and not self.params["rotate"]:
                raise CosError(f"credentials {self.params['name']!r} have {' and '.join(wrong)}; a key's "
                               "role and HMAC setting cannot change: set rotate: true to replace the key "
                               "with a new one", key=before)
            if self.params["rotate"]:
                key = self.write(f"create key {self.params['name']} (rotation)", self._create)
                for old in named:
                    self.write(f"delete key {old['guid']}", lambda old=old: self._delete(old))
        credentials = (key or {}).get("credentials") or {}
        planned = {"name": self.params["name"], "role": self.params["role"], "hmac": self.params["hmac"]}
        after = summary(key, credentials) if key else planned
        result = dict(key=after, diff=dict(before=before, after=after))
        self._write_file(credentials, result)
        if credentials:
            # The secrets leave the module only in the 0600 file: ansible-core masks these values in
            # everything the module prints, so no output, log or registered variable holds them.
            self.secrets.update(secret_values(credentials))
            result["credentials"] = credentials
        result["changed"] = bool(self.writes)
        return result

    def _differences(self, credentials):
        wrong = []
        role = ROLE_NAMES.get(credentials.get("iam_role_crn", ""), credentials.get("iam_role_crn"))
        if role != self.params["role"]:
            wrong.append(f"role {role!r}, not {self.params['role']!r}")
        if ("cos_hmac_keys" in credentials) != self.params["hmac"]:
            wrong.append("HMAC keys" if self.params["hmac"] is False else "no HMAC keys")
        return wrong

    def _write_file(self, credentials, result):
        path = self.params["credentials_file_path"]
        if not path:
            return
        document = {k: v for k, v in credentials.items() if k.upper() != "REDACTED"}
        result["credentials_file_path"] = path
        if self.check_mode and not credentials:
            self.writes.append(f"write {path}")
            return
        if file_holds(path, document):
            return
        result["diff"]["before"]["credentials_file"] = "present" if os.path.exists(path) else "absent"
        result["diff"]["after"]["credentials_file"] = "written (0600)"
        self.write(f"write {path}", lambda: write_private_json(path, document))

    def absent(self):
        named = self._named()
        before = {"name": self.params["name"], "keys": [k["guid"] for k in named]}
        for key in named:
            self.write(f"delete key {key['guid']}", lambda key=key: self._delete(key))
        path = self.params["credentials_file_path"]
        if path and os.path.exists(path):
            self.write(f"remove {path}", lambda: os.unlink(path))
        changed = bool(self.writes)
        return dict(changed=changed, diff=dict(before=before if changed else {}, after={}))
