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
      - COS refuses to suspend versioning while the bucket replicates. V(false) with O(replication_rules=[])
        removes replication first, then suspends versioning; V(false) on a bucket that keeps its
        replication rules fails before any write.
      - COS also refuses to suspend versioning on a bucket with a backup policy; V(false) then fails before
        any write, naming the policies (they are read only when versioning would be suspended).
    type: bool
  lifecycle_rules:
    description:
      - Lifecycle rules, compared by O(lifecycle_rules[].id) in any order. V([]) removes them all.
      - At most 1000 rules. COS allows one archive transition rule per bucket, with an empty prefix and
        no tag or size filter.
      - The filters of a rule (O(lifecycle_rules[].prefix), O(lifecycle_rules[].tags) and the object sizes)
        must all match; with more than one the module sends them under C(And).
      - O(lifecycle_rules[].abort_incomplete_multipart_upload_days) removes the parts of uploads that were
        never completed, which are billed although no listing shows them.
    type: list
    elements: dict
    suboptions:
      id:
        description: Rule ID, unique in the bucket; letters, digits and C(! _ . * ' ( ) -).
        type: str
        required: true
      enabled: {description: "V(false) keeps the rule but disables it.", type: bool, default: true}
      prefix: {description: "Objects the rule applies to; empty for all.", type: str, default: ""}
      tags:
        description: Object tags the objects must all carry (key under 128 characters, value under 256).
        type: dict
      object_size_greater_than: {description: "Only objects larger than this many bytes (at least 1).", type: int}
      object_size_less_than: {description: "Only objects smaller than this many bytes (at least 1).", type: int}
      expiration_days: {description: "Delete objects this many days after creation (1 to 2147483647).", type: int}
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
      - The Immutable Object Storage retention policy. Set all three periods (0 to 36135 days, as
        IBM's Immutable Object Storage page has said since April 2026; minimum <= default <= maximum).
      - COS only lets a policy grow. Shorter periods, turning O(retention.permanent) off or removing the
        policy (V({})) fail before anything is written. Not with O(versioning) or O(object_lock).
      - When COS does not report whether permanent retention is on, O(retention.permanent) is not
        compared (it is sent whenever the policy is written).
    type: dict
    suboptions:
      minimum_days: {description: "Shortest retention an object may be given.", type: int}
      default_days: {description: "Retention of objects written without one.", type: int}
      maximum_days: {description: "Longest retention an object may be given.", type: int}
      permanent: {description: "Allow objects to be retained permanently. Cannot be turned off.", type: bool, default: false}
  object_lock_default_retention:
    description:
      - Default retention for new objects in an O(object_lock) bucket; O(object_lock_default_retention.days)
        or O(object_lock_default_retention.years), not both, at most 100 years (36500 days).
      - COS cannot remove a default retention once set (an Object Lock configuration must include one
        rule), so V({}) fails on a bucket that has one; it only asserts that a bucket has none.
      - Needed with O(object_lock=true) to enable Object Lock on an existing bucket.
    type: dict
    suboptions:
      mode:
        description: V(COMPLIANCE) (the default) or V(GOVERNANCE), in any case.
        type: str
      days: {description: "Retention in days, 1 to 36500 (or use O(object_lock_default_retention.years)).", type: int}
      years: {description: "Retention in years, 1 to 100.", type: int}
  cors_rules:
    description:
      - Cross-origin resource sharing rules, in order (COS applies the first rule that matches), at most
        100 (IBM documents no limit; 100 is S3's, assumed here). V([]) removes them.
      - Written as given; compared with methods and header names in any case and lists in any order.
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
      - Refused before any call. IBM Cloud Object Storage has no bucket tags (IBM documents no bucket
        tagging call and no IAM action for one). Tag the service instance with IBM Cloud tags instead,
        or tag objects with M(ibm.cos.cos_object).
      - Earlier releases sent S3 bucket tagging calls, which COS does not offer.
    type: dict
  purge_tags:
    description: Refused before any call, like O(tags).
    type: bool
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
      - COS supports only these two canned ACLs (IBM deprecates bucket ACLs; prefer IAM policies).
    choices: [private, public-read]
  replication_rules:
    description:
      - Replication to other buckets, compared in priority order. Both buckets need O(versioning=true). V([]) removes it.
      - At most 1000 rules. Buckets with O(object_lock) may replicate; the Object Lock state of objects
        reaches the destination only when it has Object Lock too, otherwise those objects fail to
        replicate (see RV(ibm.cos.cos_bucket_info#module:buckets[].replication_failures)).
      - When rules are about to be written from a bucket with Object Lock, each destination's Object Lock is
        read, and a destination without it gets a warning (IBM recommends Object Lock on both; COS accepts
        the rules). A run that writes no rules reads neither.
      - Neither this bucket nor a destination may have a legacy O(firewall) (replication cannot pass it; use
        context-based restrictions instead). A task that names both rules and a firewall with entries fails
        before any call. When rules are about to be written, each destination's firewall is read (with the
        Manager role; IAM auth only) and a firewalled destination fails the task before any write; a
        refusal COS gives for a firewall is reported as such.
    type: list
    elements: dict
    suboptions:
      id: {description: "Rule ID, unique; letters, digits and C(! _ . * ' ( ) -).", type: str, required: true}
      destination_bucket:
        description:
          - Target bucket CRN, or a bucket name in the same service instance (then O(service_instance_id) must be a CRN).
          - An invalid bucket name fails before any call.
        type: str
        required: true
      priority: {description: "Rule priority; higher wins when rules overlap.", type: int, default: 0}
      enabled: {description: "V(false) keeps the rule but disables it.", type: bool, default: true}
      prefix: {description: "Objects the rule applies to; empty for all.", type: str, default: ""}
      tags: {description: "Object tags the objects must all carry (with O(replication_rules[].prefix), all must match).", type: dict}
      delete_marker_replication: {description: "Replicate delete markers too.", type: bool, default: false}
  firewall:
    description:
      - Resource Configuration API firewall (needs IAM auth with the Manager role). Lists are replaced
        whole; an omitted list is empty, so V({}) removes every restriction.
      - COS shows the firewall only to the Manager role. With a lower role (such as Writer) it reads as
        empty, and changing it fails with an error that names the missing role.
      - Addresses compare as networks (C(10.0.0.1) equals C(10.0.0.1/32)), in any order.
      - A firewall that excludes the host running the task makes its later calls fail with AccessDenied.
      - A legacy firewall stops replication to and from the bucket, so it cannot be combined with
        O(replication_rules) on it, and COS may refuse it on a bucket that replicates or that another
        bucket replicates to (the error says so). Context-based restrictions limit access by network and
        let replication pass. A task that sets O(firewall={}) with rules, or O(replication_rules=[]) with
        a firewall, writes the removal first.
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
    description:
      - Activity Tracker events for the bucket. Flags left out are V(false), so V({}) turns all off.
      - A section COS has never stored reads as all V(false).
    type: dict
    suboptions:
      read_data_events: {description: "Track object reads.", type: bool, default: false}
      write_data_events: {description: "Track object writes.", type: bool, default: false}
      management_events:
        description: Track bucket management events. Always on (and compared as V(true)) with O(activity_tracking.activity_tracker_crn).
        type: bool
        default: false
      activity_tracker_crn:
        description:
          - (Legacy) CRN of the Activity Tracker instance that receives the events. Without it (the
            recommended setup) events go where the account's Activity Tracker Event Routing sends them.
          - Left out, a CRN the bucket has is removed.
        type: str
  metrics_monitoring:
    description:
      - IBM Cloud Monitoring metrics for the bucket. Flags left out are V(false), so V({}) turns all off.
      - A section COS has never stored reads as all V(false).
      - Metrics go to the default receiving location of the bucket's location (IBM's COS service
        integration table), which needs an IBM Cloud Monitoring platform instance, unless the account's
        IBM Cloud Metrics Routing rules send them elsewhere. Only metrics produced after enabling are sent.
    type: dict
    suboptions:
      usage_metrics_enabled: {description: "Send usage metrics, such as the bytes the bucket stores.", type: bool, default: false}
      request_metrics_enabled: {description: "Send request metrics: counts of API requests by type.", type: bool, default: false}
      metrics_monitoring_crn:
        description:
          - (Legacy) CRN of the IBM Cloud Monitoring instance that receives the metrics, instead of the
            routing above. The recommended setup leaves it out.
          - Left out, a CRN the bucket has is removed.
        type: str
  hard_quota:
    description:
      - Maximum bytes the bucket may hold, as a number of bytes or a size such as C(500GB) or C(2TiB).
        V(0) (or an empty string) removes the quota.
    type: raw
"""
