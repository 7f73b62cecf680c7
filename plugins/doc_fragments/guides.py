# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations


class ModuleDocFragment:
    # The guides every module that talks to COS points to; ansible-core appends a fragment's
    # seealso entries to the module's own.
    DOCUMENTATION = r"""
options: {}
seealso:
  - ref: ansible_collections.ibm.cos.docsite.guide_getting_started
    description: Installing the collection, a first playbook, and where connection settings come from.
  - ref: ansible_collections.ibm.cos.docsite.guide_authentication
    description: Each way to authenticate (API key, HMAC keys, trusted profile, token, credentials file).
  - ref: ansible_collections.ibm.cos.docsite.guide_endpoints_and_regions
    description: How O(region), O(endpoint_type) and O(endpoint) pick the endpoint (S3 and the Resource
      Configuration API); where a new bucket's location and storage class come from.
"""
