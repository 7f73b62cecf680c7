"""cos_bucket, one setting at a time, against the local stack.

For every facet one playbook runs: check mode with diff, apply, apply again, remove with the empty
value, remove again. Between tasks the stack's counters are reset and read back (uri tasks), so
each step can assert exactly which calls it made on the bucket.
"""
from __future__ import annotations

import pytest

from cos_stack.admin import reads, writes

# A task that names only Resource Configuration settings goes through that API alone (no HeadBucket,
# which a bucket firewall would block).
CONFIG_READ = {"config_get": 1}


def counters_task(cos_env):
    """A controller-side read of the stack's counters (a lookup: no module process to start)."""
    url = cos_env["IBM_COS_STACK_ADMIN"] + "/counters"
    return {"ansible.builtin.set_fact": {"counters": "{{ lookup('ansible.builtin.url', '%s', ca_path='%s', "
                                                     "split_lines=False) | from_json }}"
                                         % (url, cos_env["IBM_COS_CA_BUNDLE"])}}


def run_counted(ansible, cos_env, stack, bucket, steps):
    """Run module tasks in one ansible process, reading the stack's counters after each.

    steps: [(args, task flags such as check_mode)]; returns [(result, ops that step made on `bucket`)].
    """
    tasks = []
    for args, flags in steps:
        tasks += [dict({"ibm.cos.cos_bucket": dict(args, name=bucket)}, **flags), counters_task(cos_env)]
    stack.reset_counters()
    results = ansible.playbook(tasks)
    assert len(results) == 2 * len(steps), results
    counted, before = [], {}
    for i in range(0, len(results), 2):
        total = results[i + 1]["ansible_facts"]["counters"]["by_bucket"].get(bucket, {})
        counted.append((results[i], {op: n - before.get(op, 0) for op, n in total.items() if n - before.get(op, 0)}))
        before = total
    return counted


def lifecycle_value():
    return [{"id": "archive", "transition_days": 0, "transition_storage_class": "GLACIER"},
            {"id": "logs", "prefix": "logs/", "expiration_date": "2030-01-31T00:00:00Z",
             "noncurrent_version_expiration_days": 30, "abort_incomplete_multipart_upload_days": 7},
            {"id": "off", "enabled": False, "prefix": "tmp/", "expiration_days": 1}]


# option, value, the same value in another spelling (must not differ), empty value, reads, setup
CASES = [
    ("versioning", True, True, False, {"GetBucketVersioning": 1}, None),
    ("lifecycle_rules", lifecycle_value(), list(reversed(lifecycle_value())), [],
     {"GetBucketLifecycleConfiguration": 1}, None),
    ("cors_rules", [{"allowed_origins": ["https://a.example", "https://b.example"], "allowed_methods": ["GET", "PUT"],
                     "allowed_headers": ["Authorization"], "expose_headers": ["ETag"], "max_age_seconds": 300}],
     [{"allowed_origins": ["https://b.example", "https://a.example"], "allowed_methods": ["put", "get"],
       "allowed_headers": ["authorization"], "expose_headers": ["etag"], "max_age_seconds": 300}],
     [], {"GetBucketCors": 1}, None),
    ("website", {"index_document": "index.html", "error_document": "err.html",
                 "routing_rules": [{"condition": {"http_error_code_returned_equals": 404},
                                    "redirect": {"replace_key_with": "missing.html"}}]},
     {"index_document": "index.html", "error_document": "err.html",
      "routing_rules": [{"condition": {"http_error_code_returned_equals": "404"},
                         "redirect": {"replace_key_with": "missing.html"}}]},
     {}, {"GetBucketWebsite": 1}, None),
    ("public_access_block", {"block_public_acls": True, "ignore_public_acls": True},
     {"ignore_public_acls": True, "block_public_acls": True}, {}, {"GetPublicAccessBlock": 1}, None),
    ("acl", "public-read", "public-read", "private", {"GetBucketAcl": 1}, None),
    ("replication_rules", [{"id": "copy", "destination_bucket": "DEST", "delete_marker_replication": True}],
     [{"id": "copy", "destination_bucket": "DEST", "priority": 0, "delete_marker_replication": True}],
     [], {"GetBucketReplication": 1}, "versioned"),
    ("firewall", {"allowed_ip": ["127.0.0.1", "10.0.0.0/8"], "allowed_network_type": ["public"]},
     {"allowed_ip": ["10.0.0.0/8", "127.0.0.1/32"], "allowed_network_type": ["public"], "denied_ip": []},
     {}, CONFIG_READ, None),
    ("activity_tracking", {"read_data_events": True, "management_events": True},
     {"management_events": True, "read_data_events": True, "write_data_events": False}, {}, CONFIG_READ, None),
    ("activity_tracking", {"activity_tracker_crn": "crn:v1:bluemix:public:logdnaat:us-south:a/1:2::"},
     {"activity_tracker_crn": "crn:v1:bluemix:public:logdnaat:us-south:a/1:2::", "management_events": False},
     {}, CONFIG_READ, None),
    ("metrics_monitoring", {"metrics_monitoring_crn": "crn:v1:bluemix:public:sysdig-monitor:us-south:a/1:3::",
                            "usage_metrics_enabled": True},
     {"usage_metrics_enabled": True, "metrics_monitoring_crn": "crn:v1:bluemix:public:sysdig-monitor:us-south:a/1:3::"},
     {}, CONFIG_READ, None),
    ("metrics_monitoring", {"usage_metrics_enabled": True}, {"usage_metrics_enabled": True}, {},
     CONFIG_READ, None),
    ("hard_quota", "1GiB", 1073741824, 0, CONFIG_READ, None),
]


def stack_keeps_replication(cos_env, s3, bucket):
    """Whether the stack answers GetBucketReplication for a COS-shaped rule (no Role) faithfully."""
    import ibm_boto3
    from ibm_botocore.config import Config

    probe = ibm_boto3.client("s3", aws_access_key_id=cos_env["IBM_COS_HMAC_ACCESS_KEY_ID"],
                             aws_secret_access_key=cos_env["IBM_COS_HMAC_SECRET_ACCESS_KEY"],
                             endpoint_url=cos_env["IBM_COS_ENDPOINT"], verify=cos_env["IBM_COS_CA_BUNDLE"],
                             config=Config(retries={"max_attempts": 1}))
    rule = {"ID": "probe", "Priority": 0, "Status": "Enabled", "Filter": {"Prefix": ""},
            "Destination": {"Bucket": "crn:probe"}, "DeleteMarkerReplication": {"Status": "Enabled"}}
    try:
        probe.put_bucket_replication(Bucket=bucket, ReplicationConfiguration={"Rules": [rule]})
        got = probe.get_bucket_replication(Bucket=bucket)["ReplicationConfiguration"]["Rules"][0]
        return got.get("DeleteMarkerReplication", {}).get("Status") == "Enabled"
    except Exception:  # pylint: disable=broad-except
        return False
    finally:
        try:
            probe.delete_bucket_replication(Bucket=bucket)
        except Exception:  # pylint: disable=broad-except
            pass


def prepare(s3, bucket, setup):
    if setup == "object_lock":
        s3.create_bucket(Bucket=bucket, ObjectLockEnabledForBucket=True)
    else:
        s3.create_bucket(Bucket=bucket)
    if setup == "versioned":
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})


def with_destination(value, destination_crn):
    if isinstance(value, list):
        return [dict(v, destination_bucket=destination_crn) if v.get("destination_bucket") == "DEST" else v
                for v in value]
    return value


def case_id(case):
    option, value = case[0], case[1]
    legacy = isinstance(value, dict) and any(k.endswith("_crn") for k in value)
    return option + ("-legacy-crn" if legacy else "")


@pytest.mark.parametrize("option, value, same, empty, facet_reads, setup", CASES, ids=[case_id(c) for c in CASES])
def test_facet_converges_once_and_removal_is_idempotent(
        ansible, cos_env, s3, stack, bucket_name, option, value, same, empty, facet_reads, setup):
    prepare(s3, bucket_name, setup)
    if option == "replication_rules":
        destination = bucket_name[:50] + "-dest"
        prepare(s3, destination, "versioned")
        instance = cos_env["IBM_COS_INSTANCE_CRN"].rstrip(":")
        value = with_destination(value, destination)  # a name: the module expands it to a CRN
        same = with_destination(same, f"{instance}:bucket:{destination}")
    reads_expected = facet_reads if facet_reads is CONFIG_READ else dict({"HeadBucket": 1}, **facet_reads)
    steps = run_counted(ansible, cos_env, stack, bucket_name, [
        ({option: value}, {"check_mode": True, "diff": True}),
        ({option: value}, {}),
        ({option: same}, {}),
        ({option: empty}, {}),
        ({option: empty}, {}),
    ])
    (check, check_ops), (first, first_ops), (second, second_ops), (removal, removal_ops), (again, again_ops) = steps
    for result, _ in steps:
        assert result["_status"] == "ok", result

    # check mode: reports the change with a before/after diff, writes nothing
    assert check["changed"] and check["changed_facets"] == [option]
    assert option in check["diff"]["after"] and option in check["diff"]["before"]
    assert check["diff"]["before"][option] != check["diff"]["after"][option]
    # rules about to be written read the source's Object Lock once (replication_lock.py); reruns do not
    check_reads = dict(reads_expected, GetObjectLockConfiguration=1) if option == "replication_rules" else reads_expected
    assert writes(check_ops) == {} and reads(check_ops) == check_reads

    # first run writes it; the second, with the value spelled differently, reads and nothing else
    assert first["changed"] and writes(first_ops)
    assert second["changed"] is False, second["diff"]
    assert writes(second_ops) == {}
    assert reads(second_ops) == reads_expected
    assert second["facets"][option] == first["facets"][option]

    # the empty value removes it, once
    assert removal["changed"] and writes(removal_ops)
    assert again["changed"] is False and writes(again_ops) == {} and reads(again_ops) == reads_expected


def test_config_api_facets_share_one_read_and_one_patch(ansible, cos_env, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name)
    settings = {"firewall": {"denied_ip": ["192.0.2.0/24"]}, "activity_tracking": {"write_data_events": True},
                "metrics_monitoring": {"request_metrics_enabled": True}, "hard_quota": 5 * 2 ** 30}
    (first, first_ops), (second, second_ops) = run_counted(ansible, cos_env, stack, bucket_name,
                                                           [(settings, {}), (settings, {})])
    assert first["changed"] and writes(first_ops) == {"config_patch": 1}
    assert reads(first_ops) == CONFIG_READ
    assert first["crn"].endswith(f":bucket:{bucket_name}")
    assert second["changed"] is False and writes(second_ops) == {} and reads(second_ops) == CONFIG_READ


def test_several_facets_in_one_task_read_each_once(ansible, cos_env, stack, s3, bucket_name):
    settings = {"versioning": True, "public_access_block": {"block_public_acls": True}, "cors_rules": [
        {"allowed_origins": ["*"], "allowed_methods": ["GET"]}], "hard_quota": 0}
    (first, _), (second, second_ops) = run_counted(ansible, cos_env, stack, bucket_name, [(settings, {}), (settings, {})])
    assert first["changed"] and first["created"]
    assert second["changed"] is False and writes(second_ops) == {}
    assert reads(second_ops) == {"HeadBucket": 1, "GetBucketVersioning": 1, "GetPublicAccessBlock": 1,
                                 "GetBucketCors": 1, "config_get": 1}
