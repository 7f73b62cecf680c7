# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
name: cos_object
short_description: Read an IBM Cloud Object Storage object's content or metadata
version_added: 0.1.0
description:
  - Returns the content of each object named in the terms, as text (V(text)), as base64 (V(base64)),
    or its metadata instead (V(metadata), one C(HeadObject), no content transferred).
  - Each term is C(bucket/key); with O(bucket) set, each term is a key of that bucket.
  - Connects as the modules do, with the same options and environment variables. On the controller it
    takes the run's IAM token from the same cache the modules use (one IAM exchange per playbook run
    for modules and lookups together).
  - Lookups run on the controller and do not take C(module_defaults); set connection options as
    keywords of the lookup, or through the environment variables each option names.
author:
  - ibm.cos contributors (@ibm-cos)
extends_documentation_fragment:
  - ibm.cos.connection
options:
  _terms:
    description:
      - Objects to read, each as C(bucket/key) (the bucket is the part before the first C(/)).
      - With O(bucket), keys of that bucket.
    type: list
    elements: str
    required: true
  bucket:
    description: Read every term as a key of this bucket.
    type: str
  mode:
    description:
      - V(text) returns the content decoded with O(encoding).
      - V(base64) returns the content base64-encoded, for binary objects.
      - V(metadata) returns a dictionary of the object's size, ETag, content type, last modification
        time, version ID, user metadata and the content headers it has.
    type: str
    choices: [text, base64, metadata]
    default: text
  encoding:
    description: Character encoding of the content in V(text) mode.
    type: str
    default: utf-8
  version_id:
    description: Read this version of the objects instead of the current one (versioned buckets).
    type: str
notes:
  - The whole object is held in memory; read large objects with M(ibm.cos.cos_object) and C(mode=get).
seealso:
  - module: ibm.cos.cos_object
  - module: ibm.cos.cos_object_info
"""

EXAMPLES = r"""
- name: Render a configuration template that embeds an object's text
  ansible.builtin.template:
    src: app.conf.j2  # holds {{ lookup('ibm.cos.cos_object', 'config-bucket/app/settings.ini') }}
    dest: /etc/app/app.conf
    mode: "0644"

- name: Read a JSON object into a variable
  ansible.builtin.set_fact:
    app_config: "{{ lookup('ibm.cos.cos_object', 'config-bucket/app.json') | from_json }}"

- name: Write a binary object's bytes to a file
  ansible.builtin.copy:
    content: "{{ lookup('ibm.cos.cos_object', 'assets/logo.png', mode='base64') | b64decode }}"
    dest: /srv/www/logo.png
    mode: "0644"

- name: Show an object's size, ETag and user metadata
  ansible.builtin.debug:
    msg: "{{ lookup('ibm.cos.cos_object', 'config-bucket/app.json', mode='metadata') }}"

- name: Several keys of one bucket, read through a private endpoint
  ansible.builtin.debug:
    msg: "{{ query('ibm.cos.cos_object', 'a.txt', 'b.txt', bucket='config-bucket', region='eu-de',
             endpoint_type='private') }}"
"""

RETURN = r"""
_raw:
  description:
    - One entry per term, in order. The object's text (V(text)), its base64-encoded content
      (V(base64)), or a dictionary of its metadata (V(metadata)) with C(size), C(etag), C(content_type),
      C(last_modified) (ISO 8601), C(version_id), C(metadata) (user metadata, lowercased keys) and,
      when the object has them, C(cache_control), C(content_disposition), C(content_encoding) and
      C(content_language).
  type: list
  elements: raw
"""

import base64
import os

from ansible.errors import AnsibleLookupError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.lookup import LookupBase

from ansible_collections.ibm.cos.plugins.module_utils._errors import describe
from ansible_collections.ibm.cos.plugins.module_utils._settings import CONNECTION_ARGUMENT_SPEC

# HeadObject member -> key of the metadata dictionary, for the headers an object may carry.
OPTIONAL_HEADERS = {
    "CacheControl": "cache_control",
    "ContentDisposition": "content_disposition",
    "ContentEncoding": "content_encoding",
    "ContentLanguage": "content_language",
}


def split_term(term, bucket):
    """(bucket, key) for a term: a key of `bucket`, or `bucket/key`."""
    term = to_native(term)
    if bucket:
        if not term:
            raise AnsibleLookupError("ibm.cos.cos_object: an empty key was given for bucket %r" % bucket)
        return bucket, term
    name, sep, key = term.partition("/")
    if not (name and sep and key):
        raise AnsibleLookupError("ibm.cos.cos_object: term %r is not 'bucket/key'; give the bucket and the key "
                                 "separated by '/', or set bucket= and give keys" % term)
    return name, key


def metadata_view(head):
    view = {
        "size": head.get("ContentLength"),
        "etag": (head.get("ETag") or "").strip('"'),
        "content_type": head.get("ContentType"),
        "last_modified": head["LastModified"].isoformat() if head.get("LastModified") else None,
        "version_id": head.get("VersionId"),
        "metadata": {k.lower(): v for k, v in (head.get("Metadata") or {}).items()},
    }
    view.update({name: head[member] for member, name in OPTIONAL_HEADERS.items() if head.get(member)})
    return view


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        mode, encoding = self.get_option("mode"), self.get_option("encoding")
        try:
            "".encode(encoding)
        except LookupError:
            raise AnsibleLookupError("ibm.cos.cos_object: encoding %r is not a known character encoding "
                                     "(for example utf-8, latin-1)" % encoding) from None
        wanted = [split_term(term, self.get_option("bucket")) for term in terms]
        if not wanted:
            return []
        client, secrets = self._connect()
        return [self._read(client, bucket, key, mode, encoding, secrets) for bucket, key in wanted]

    def _connect(self):
        # Imported here so that listing or documenting the plugin does not import the SDK.
        from ansible_collections.ibm.cos.plugins.plugin_utils._lookup_client import connect

        options = {name: self.get_option(name) for name in CONNECTION_ARGUMENT_SPEC}
        given = [options.get(name) for name in ("api_key", "hmac_secret_access_key", "iam_token")]
        try:
            settings, client = connect(options, os.environ)
        except Exception as exc:  # pylint: disable=broad-except
            msg, _details = describe(exc)
            raise AnsibleLookupError("ibm.cos.cos_object: " + scrub(msg, given)) from None
        return client, [s for s in given + settings.secrets() if s]

    def _read(self, client, bucket, key, mode, encoding, secrets):
        extra = {"VersionId": self.get_option("version_id")} if self.get_option("version_id") else {}
        try:
            if mode == "metadata":
                return metadata_view(client.head_object(Bucket=bucket, Key=key, **extra))
            body = client.get_object(Bucket=bucket, Key=key, **extra)["Body"].read()
        except Exception as exc:  # pylint: disable=broad-except
            msg, _details = describe(exc, bucket=bucket, key=key)
            if repr(bucket) not in msg or repr(key) not in msg:
                msg = "reading object %r in bucket %r failed: %s" % (key, bucket, msg)
            raise AnsibleLookupError("ibm.cos.cos_object: " + scrub(msg, secrets)) from None
        if mode == "base64":
            return base64.b64encode(body).decode("ascii")
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            raise AnsibleLookupError("ibm.cos.cos_object: object %r in bucket %r is not %s text; use mode='base64' "
                                     "for binary content" % (key, bucket, encoding)) from None


def scrub(text, secrets):
    for secret in secrets:
        if secret:
            text = text.replace(secret, "********")
    return text
