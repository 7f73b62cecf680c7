# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bucket settings ibm.cos.cos_bucket manages, one option (group) per facet."""
from __future__ import annotations


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  versioning:
    description:
      - V(true) keeps every version of every object; V(false) suspends versioning (COS cannot switch it
        off completely once it was on). Object Lock buckets are always versioned.
    type: bool
  lifecycle_rules:
    description:
      - Lifecycle rules, compared by O(lifecycle_rules[].id) in any order. V([]) removes them all.
      - COS allows one archive transition rule per bucket, with an empty prefix.
    type: list
    elements: dict
    suboptions:
      id: {description: "Rule ID, unique in the bucket.", type: str, required: true}
      enabled: {description: "V(false) keeps the rule but disables it.", type: bool, default: true}
      prefix: {description: "Objects the rule applies to; empty for all.", type: str, default: ""}
      expiration_days: {description: "Delete objects this many days after creation.", type: int}
      expiration_date: {description: "Delete objects on this date (C(YYYY-MM-DD), midnight UTC).", type: str}
      expired_object_delete_marker: {description: "Remove delete markers that have no versions left.", type: bool}
      transition_days: {description: "Archive objects this many days after creation (V(0) is allowed).", type: int}
      transition_date: {description: "Archive objects on this date (C(YYYY-MM-DD)).", type: str}
      transition_storage_class:
        description: V(GLACIER) (Archive, restore in hours) or V(ACCELERATED) (Accelerated Archive); V(GLACIER) when not set.
        type: str
        choices: [GLACIER, ACCELERATED]
      noncurrent_version_expiration_days: {description: "Delete noncurrent versions after this many days.", type: int}
      abort_incomplete_multipart_upload_days: {description: "Abort unfinished multipart uploads after this many days.", type: int}
  retention:
    description:
      - The Immutable Object Storage retention policy. Set all three periods (0 to 365243 days,
        minimum <= default <= maximum).
      - COS only lets a policy grow. Shorter periods, turning O(retention.permanent) off or removing the
        policy (V({})) fail before anything is written. Not with O(versioning) or O(object_lock).
    type: dict
    suboptions:
      minimum_days: {description: "Shortest retention an object may be given.", type: int}
      default_days: {description: "Retention of objects written without one.", type: int}
      maximum_days: {description: "Longest retention an object may be given.", type: int}
      permanent: {description: "Allow objects to be retained permanently. Cannot be turned off.", type: bool, default: false}
  object_lock_default_retention:
    description:
      - Default retention for new objects in an O(object_lock) bucket. V({}) removes the default.
    type: dict
    suboptions:
      mode: {description: "Retention mode.", type: str, choices: [COMPLIANCE, GOVERNANCE], default: COMPLIANCE}
      days: {description: "Retention in days (or use O(object_lock_default_retention.years)).", type: int}
      years: {description: "Retention in years.", type: int}
  cors_rules:
    description:
      - Cross-origin resource sharing rules, in order (COS applies the first rule that matches).
        Methods and header names compare case-insensitively. V([]) removes them.
    type: list
    elements: dict
    suboptions:
      id: {description: "Optional rule ID.", type: str}
      allowed_origins: {description: "Origins such as C(https://app.example.com) or C(*).", type: list, elements: str, required: true}
      allowed_methods: {description: "Any of C(GET) C(PUT) C(POST) C(DELETE) C(HEAD).", type: list, elements: str, required: true}
      allowed_headers: {description: "Request headers allowed in a preflight request.", type: list, elements: str, default: []}
      expose_headers: {description: "Response headers the browser may read.", type: list, elements: str, default: []}
      max_age_seconds: {description: "How long a browser may cache the preflight answer.", type: int}
  website:
    description:
      - Static website hosting. V({}) removes it. Either O(website.index_document) (with optional error
        document and routing rules) or O(website.redirect_all_requests_to).
    type: dict
    suboptions:
      index_document: {description: "Suffix served for directory requests, for example C(index.html).", type: str}
      error_document: {description: "Object served on 4xx errors.", type: str}
      redirect_all_requests_to:
        description: Send every request to another host.
        type: dict
        suboptions:
          host_name: {description: "Target host.", type: str, required: true}
          protocol: {description: "Target protocol.", type: str, choices: [http, https]}
      routing_rules:
        description: Redirect rules, in order (the first match wins).
        type: list
        elements: dict
        suboptions:
          condition:
            description: When the rule applies.
            type: dict
            suboptions:
              key_prefix_equals: {description: "Key prefix to match.", type: str}
              http_error_code_returned_equals: {description: "Error code to match, for example C(404).", type: str}
          redirect:
            description: Where to send the request.
            type: dict
            required: true
            suboptions:
              host_name: {description: "Target host.", type: str}
              protocol: {description: "Target protocol.", type: str, choices: [http, https]}
              http_redirect_code: {description: "Redirect status code, for example C(301).", type: str}
              replace_key_prefix_with: {description: "Replace the matched prefix with this.", type: str}
              replace_key_with: {description: "Replace the whole key with this.", type: str}
  tags:
    description:
      - Bucket tags (at most 50). With O(purge_tags=true), tags not listed are removed and V({}) removes all.
    type: dict
  purge_tags:
    description: Remove tags that O(tags) does not list. Only used with O(tags).
    type: bool
    default: true
  public_access_block:
    description:
      - Block or ignore public ACLs. All V(false) (or V({})) removes the configuration.
    type: dict
    suboptions:
      block_public_acls: {description: "Refuse requests that set a public ACL.", type: bool, default: false}
      ignore_public_acls: {description: "Ignore public ACLs already set.", type: bool, default: false}
  acl:
    type: str
    description:
      - Canned access control list of the bucket. V(private) removes public access granted by ACL.
    choices: [private, public-read, public-read-write, authenticated-read]
  replication_rules:
    description:
      - Replication to other buckets, compared in priority order. Both buckets need O(versioning=true). V([]) removes it.
    type: list
    elements: dict
    suboptions:
      id: {description: "Rule ID.", type: str, required: true}
      destination_bucket:
        description: Target bucket CRN, or a bucket name in the same service instance (then O(service_instance_id) must be a CRN).
        type: str
        required: true
      priority: {description: "Rule priority; higher wins when rules overlap.", type: int, default: 0}
      enabled: {description: "V(false) keeps the rule but disables it.", type: bool, default: true}
      prefix: {description: "Objects the rule applies to; empty for all.", type: str, default: ""}
      delete_marker_replication: {description: "Replicate delete markers too.", type: bool, default: false}
  firewall:
    description:
      - Resource Configuration API firewall (needs IAM auth with the Manager role). Lists are replaced
        whole; an omitted list is empty, so V({}) removes every restriction.
      - Addresses compare as networks (C(10.0.0.1) equals C(10.0.0.1/32)), in any order.
      - A firewall that excludes the host running the task makes its later calls fail with AccessDenied.
    type: dict
    suboptions:
      allowed_ip: {description: "IPv4/IPv6 addresses or CIDR blocks allowed (at most 1000).", type: list, elements: str, default: []}
      denied_ip: {description: "IPv4/IPv6 addresses or CIDR blocks denied (at most 1000).", type: list, elements: str, default: []}
      allowed_network_type:
        description: Networks requests may come from; empty allows all.
        type: list
        elements: str
        choices: [public, private, direct]
        default: []
  activity_tracking:
    description: Activity Tracker events for the bucket. Flags left out are V(false), so V({}) turns all off.
    type: dict
    suboptions:
      read_data_events: {description: "Track object reads.", type: bool, default: false}
      write_data_events: {description: "Track object writes.", type: bool, default: false}
      management_events: {description: "Track bucket management events.", type: bool, default: false}
  metrics_monitoring:
    description: IBM Cloud Monitoring metrics for the bucket. Flags left out are V(false), so V({}) turns all off.
    type: dict
    suboptions:
      usage_metrics_enabled: {description: "Send usage metrics.", type: bool, default: false}
      request_metrics_enabled: {description: "Send request metrics.", type: bool, default: false}
  hard_quota:
    description:
      - Maximum bytes the bucket may hold, as a number of bytes or a size such as C(500GB) or C(2TiB).
        V(0) (or an empty string) removes the quota.
    type: raw
"""
