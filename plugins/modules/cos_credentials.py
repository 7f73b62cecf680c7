#!/usr/bin/python
# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
module: cos_credentials
short_description: Service credentials (a resource key, optionally with HMAC keys) for a COS instance
version_added: 0.1.0
description:
  - Makes sure a resource key named O(name) exists on a COS service instance with a role and, with
    O(hmac), HMAC keys for S3 tools. It is created once and then left alone; nothing is rotated unless
    O(rotate) asks for it.
  - The secrets (the key's API key and HMAC secret) are written only to O(credentials_file_path), a 0600
    file in the COS service credential JSON shape that the O(credentials_file) connection option reads.
    They never leave the module otherwise. In RV(credentials), in the output and in a registered
    variable their values are masked as C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER), and the diff never holds a secret.
extends_documentation_fragment:
  - ibm.cos.connection
  - ibm.cos.account
attributes:
  check_mode:
    description: Reads the key and reports whether it would be created, rotated or deleted; writes no key and no file.
  diff_mode:
    description: Before and after of the key's name, role and HMAC setting, and whether the file is written; never a secret.
options:
  name:
    description:
      - Name of the key. With O(instance), it identifies the key.
    type: str
    required: true
  instance:
    description:
      - CRN or GUID of the COS service instance (for example RV(ibm.cos.cos_instance#module:crn)).
    type: str
    required: true
  role:
    description:
      - The COS service role of the key's service ID.
      - A key's role cannot change; a different role is refused unless O(rotate).
    type: str
    choices: [Reader, Writer, Manager, Content Reader, Object Reader, Object Writer]
    default: Writer
  hmac:
    description:
      - Also create HMAC keys (C(cos_hmac_keys)). Cannot change on an existing key unless O(rotate).
    type: bool
    default: false
  rotate:
    description:
      - Replace the key now with a new one (the new key is made first, then the old one deleted).
        Every run with this set rotates; set it only when a rotation is wanted.
    type: bool
    default: false
  credentials_file_path:
    description:
      - Write the credentials to this file, mode 0600, in the COS service credential JSON shape
        (C(apikey), C(cos_hmac_keys), C(endpoints), C(iam_role_crn), C(resource_instance_id), ...).
      - Written only when its content differs. With O(state=absent), the file is removed.
    type: path
  state:
    description:
      - V(absent) deletes every key named O(name) on the instance.
    type: str
    choices: [present, absent]
    default: present
"""

EXAMPLES = r"""
- name: The instance the credentials are for
  ibm.cos.cos_instance:
    name: example-app-storage
  register: cos

- name: HMAC credentials for S3 tools, written for the connection option credentials_file
  ibm.cos.cos_credentials:
    name: example-app-writer
    instance: "{{ cos.crn }}"
    role: Writer
    hmac: true
    credentials_file_path: /tmp/example-app-cos-credentials.json

- name: Read-only credentials for another host, in a file only its owner can read
  ibm.cos.cos_credentials:
    name: example-app-reader
    instance: "{{ cos.crn }}"
    role: Content Reader
    credentials_file_path: /tmp/example-app-reader-credentials.json

- name: Rotate the writer's credentials
  ibm.cos.cos_credentials:
    name: example-app-writer
    instance: "{{ cos.crn }}"
    role: Writer
    hmac: true
    rotate: true
    credentials_file_path: /tmp/example-app-cos-credentials.json
"""

RETURN = r"""
key:
  description: The key, without secrets.
  returned: with O(state=present)
  type: dict
  contains:
    name:
      description: Its name.
      type: str
    guid:
      description: Its GUID.
      type: str
    crn:
      description: Its CRN.
      type: str
    role:
      description: Its role.
      type: str
    hmac:
      description: Whether it has HMAC keys.
      type: bool
credentials:
  description:
    - The key's credential document (C(apikey), C(cos_hmac_keys) with C(access_key_id) and C(secret_access_key),
      C(iam_role_crn), C(resource_instance_id), ...) with the values of C(apikey) and C(secret_access_key)
      masked as C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER); the secrets themselves are only in O(credentials_file_path).
  returned: with O(state=present), outside check mode
  type: dict
credentials_file_path:
  description: The file written, when O(credentials_file_path) is set.
  returned: when O(credentials_file_path) is set
  type: str
"""

from ansible_collections.ibm.cos.plugins.module_utils.account._connection import ACCOUNT_ARGUMENT_SPEC
from ansible_collections.ibm.cos.plugins.module_utils.account._module import run_account_module
from ansible_collections.ibm.cos.plugins.module_utils.account.credentials import ROLES, ServiceCredentials
from ansible_collections.ibm.cos.plugins.module_utils.account.crn import cos_instance_problem

ARGUMENT_SPEC = dict(
    ACCOUNT_ARGUMENT_SPEC,
    name=dict(type="str", required=True),
    instance=dict(type="str", required=True),
    role=dict(type="str", choices=list(ROLES), default="Writer"),
    hmac=dict(type="bool", default=False),
    rotate=dict(type="bool", default=False),
    credentials_file_path=dict(type="path"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
)


def task_problem(params, settings=None):
    if not (params["name"] or "").strip():
        return "name must not be empty"
    return cos_instance_problem(params["instance"], "instance", guid_ok=True)


PREFLIGHT = {"argument_spec": ARGUMENT_SPEC, "validate": task_problem}


def main():
    run_account_module(ServiceCredentials, PREFLIGHT)


if __name__ == "__main__":
    main()
