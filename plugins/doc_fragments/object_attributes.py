# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations


class ModuleDocFragment:
    # cos_object's object headers and ACL: each managed only when given.
    HEADERS = r"""
options:
  content_type:
    description:
      - C(Content-Type). When neither this nor an existing value is there, guessed from O(src) or O(key)
        (falling back to C(binary/octet-stream)).
    type: str
  cache_control: {description: C(Cache-Control) header., type: str}
  content_disposition: {description: C(Content-Disposition) header., type: str}
  content_encoding: {description: C(Content-Encoding) header., type: str}
  content_language: {description: C(Content-Language) header., type: str}
  website_redirect_location:
    description: C(x-amz-website-redirect-location), where a bucket website sends requests for this
      object (V(/other/key) or an C(http://) or C(https://) URL).
    type: str
  acl:
    description:
      - The object's canned ACL, on upload and as desired state. COS offers only V(public-read) and V(private)
        (IBM deprecates ACLs in favour of IAM; a bucket that blocks public ACLs refuses V(public-read)).
      - Not managed when unset.
    type: str
    choices: [private, public-read]
"""

    # cos_object's Object Lock and IBM legal hold options.
    PROTECTION = r"""
options:
  retention:
    description:
      - Object Lock retention (in a bucket with Object Lock). A C(COMPLIANCE) period can only be extended.
      - A new object that goes up in one request gets it, and O(legal_hold), with the upload itself. A
        multipart upload or a copy gets them right after; if COS refuses them, the object just written is
        deleted again and the task fails.
    type: dict
    suboptions:
      mode: {description: 'Retention mode, V(GOVERNANCE) or V(COMPLIANCE) (either case).', type: str, required: true}
      retain_until: {description: 'End of retention, ISO 8601 (C(2030-01-01) or C(2030-01-01T00:00:00Z)), in the future.',
                     type: str, required: true}
  legal_hold:
    description: Object Lock legal hold on (V(true)) or off (V(false)).
    type: bool
  legal_hold_ids:
    description: IBM legal holds (C(AddLegalHold)) by ID (1-64 characters of letters, digits and C(! _ . * ( ) - ')), in a bucket with a retention policy
      (O(ibm.cos.cos_bucket#module:retention)). Holds not listed stay unless O(purge_legal_hold_ids=true).
    type: list
    elements: str
  purge_legal_hold_ids:
    description: Remove legal holds not in O(legal_hold_ids).
    type: bool
    default: false
  bypass_governance_retention:
    description: Allow deleting, or shortening the retention of, an object under C(GOVERNANCE) retention.
    type: bool
    default: false
"""
