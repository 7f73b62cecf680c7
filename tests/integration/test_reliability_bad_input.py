"""Bad input is stopped before any call: every case below fails with a message that names the option
and what is allowed, and the whole table (one playbook, one ansible-playbook process) leaves every
stack counter at zero, the IAM token exchange and the endpoints document included."""
from __future__ import annotations

import json


B = "it-bad-input-never-created"  # a valid name: the cases below break something else
CRN_TAIL = "a/5a0c0ffee0000000000000000000c05a:d6f04d83-6c4f-4a62-a165-696756d63903"


def rule(**fields):
    return dict({"id": "r1", "expiration_days": 30}, **fields)


def bucket(**args):
    return ("cos_bucket", dict({"name": B}, **args))


# (case id, (module, args), words the message must contain)
CASES = [
    # bucket names (cos_bucket and the object modules check them before any call)
    ("name-too-short", bucket(name="ab"), ["bucket name", "3 to 63"]),
    ("name-too-long", bucket(name="a" * 64), ["bucket name", "3 to 63"]),
    ("name-uppercase", bucket(name="Logs-Prod"), ["bucket name", "lowercase letters, digits"]),
    ("name-underscore", bucket(name="logs_prod"), ["bucket name", "lowercase letters, digits"]),
    ("name-leading-dash", bucket(name="-logs"), ["bucket name", "start and end"]),
    ("name-trailing-dot", bucket(name="logs."), ["bucket name", "start and end"]),
    ("name-double-dot", bucket(name="logs..prod"), ["bucket name", "next to each other"]),
    ("name-dash-dot", bucket(name="logs-.prod"), ["bucket name", "next to each other"]),
    ("name-ip", bucket(name="192.168.10.1"), ["bucket name", "IP address"]),
    ("name-reserved-cosv1", bucket(name="cosv1-logs"), ["bucket name", "reserved"]),
    ("name-reserved-account", bucket(name="account-logs"), ["bucket name", "reserved"]),
    ("name-empty", bucket(name=""), ["bucket name", "empty"]),
    ("object-bucket-name", ("cos_object", {"bucket": "Bad_Bucket", "key": "k", "content": "x"}),
     ["bucket", "lowercase letters, digits"]),
    ("object-info-bucket-name", ("cos_object_info", {"bucket": "ab"}), ["bucket", "3 to 63"]),
    ("sync-bucket-name", ("cos_sync", {"bucket": "no_underscores", "src": "/tmp"}),
     ["bucket", "lowercase letters, digits"]),
    ("info-bucket-name", ("cos_bucket_info", {"name": ["UPPER"]}), ["name", "lowercase letters, digits"]),
    # placement and storage classes
    ("storage-class", bucket(storage_class="glacier", location="us-south"),
     ["storage_class", "standard", "onerate_active"]),
    ("constraint-without-class", bucket(location_constraint="us-south"),
     ["location_constraint", "standard", "smart"]),
    ("constraint-bad-class", bucket(location_constraint="us-south-archive"),
     ["location_constraint", "standard", "smart"]),
    ("constraint-and-location", bucket(location_constraint="us-south-smart", location="us-south"),
     ["location_constraint", "location", "mutually exclusive"]),
    # CRNs
    ("kp-crn-not-crn", bucket(key_protect_root_key_crn="12e8c9c2-a162-472d-b7d6"),
     ["key_protect_root_key_crn", "crn:v1:bluemix:public:kms"]),
    ("kp-crn-no-key", bucket(key_protect_root_key_crn="crn:v1:bluemix:public:kms:us-south:a/1:2::"),
     ["key_protect_root_key_crn", ":key:"]),
    ("replication-destination", bucket(versioning=True, replication_rules=[{"id": "r", "destination_bucket": "x"}],
                                       service_instance_id="d6f04d83-6c4f-4a62-a165-696756d63903"),
     ["destination_bucket", "crn:v1:bluemix:public:cloud-object-storage"]),
    ("instance-crn-malformed", ("cos_bucket_info", {"service_instance_id": "crn:v1:bluemix:public:cloud-object-storage"}),
     ["service_instance_id", "crn:v1:bluemix:public:cloud-object-storage:global:a/"]),
    ("instance-crn-other-service", ("cos_bucket_info", {"service_instance_id": f"crn:v1:bluemix:public:kms:global:{CRN_TAIL}::"}),
     ["service_instance_id", "cloud-object-storage"]),
    # CIDRs and network types
    ("cidr-octet", bucket(firewall={"allowed_ip": ["10.0.0.300"]}), ["firewall.allowed_ip", "IPv4 or IPv6"]),
    ("cidr-prefix", bucket(firewall={"allowed_ip": ["10.0.0.0/33"]}), ["firewall.allowed_ip", "IPv4 or IPv6"]),
    ("cidr-word", bucket(firewall={"denied_ip": ["office"]}), ["firewall.denied_ip", "IPv4 or IPv6"]),
    ("cidr-ipv6", bucket(firewall={"denied_ip": ["2001:db8::g/64"]}), ["firewall.denied_ip", "IPv4 or IPv6"]),
    ("cidr-too-many", bucket(firewall={"allowed_ip": [f"10.{i // 250}.{i % 250}.0/24" for i in range(1001)]}),
     ["firewall.allowed_ip", "at most 1000"]),
    ("network-type", bucket(firewall={"allowed_network_type": ["internet"]}),
     ["allowed_network_type", "public, private, direct"]),
    # lifecycle days and dates
    ("lifecycle-days-zero", bucket(lifecycle_rules=[rule(expiration_days=0)]), ["expiration_days", "positive"]),
    ("lifecycle-days-negative", bucket(lifecycle_rules=[rule(noncurrent_version_expiration_days=-3)]),
     ["noncurrent_version_expiration_days", "positive"]),
    ("lifecycle-transition-negative", bucket(lifecycle_rules=[{"id": "a", "transition_days": -1}]),
     ["transition_days", "0 is allowed"]),
    ("lifecycle-date-month", bucket(lifecycle_rules=[{"id": "a", "expiration_date": "2030-13-01"}]),
     ["expiration_date", "2030-13-01"]),
    ("lifecycle-date-words", bucket(lifecycle_rules=[{"id": "a", "expiration_date": "next tuesday"}]),
     ["expiration_date", "date like 2030-01-31"]),
    ("lifecycle-date-time", bucket(lifecycle_rules=[{"id": "a", "transition_date": "2030-01-01T12:30:00Z"}]),
     ["transition_date", "midnight UTC"]),
    ("lifecycle-class", bucket(lifecycle_rules=[{"id": "a", "transition_days": 1, "transition_storage_class": "COLD"}]),
     ["transition_storage_class", "GLACIER", "ACCELERATED"]),
    ("lifecycle-no-id", bucket(lifecycle_rules=[{"expiration_days": 3}]), ["id", "lifecycle_rules"]),
    ("lifecycle-two-expirations", bucket(lifecycle_rules=[rule(expiration_date="2030-01-01")]),
     ["expiration_days and expiration_date", "use one"]),
    ("lifecycle-no-action", bucket(lifecycle_rules=[{"id": "idle"}]), ["lifecycle_rules", "no action"]),
    ("lifecycle-duplicate-id", bucket(lifecycle_rules=[rule(), rule()]), ["lifecycle_rules", "duplicate"]),
    ("lifecycle-two-transitions", bucket(lifecycle_rules=[{"id": "a", "transition_days": 1},
                                                          {"id": "b", "transition_days": 2}]),
     ["lifecycle_rules", "one transition"]),
    ("lifecycle-transition-prefix", bucket(lifecycle_rules=[{"id": "a", "transition_days": 1, "prefix": "x/"}]),
     ["lifecycle_rules", "empty prefix"]),
    # retention order and range
    ("retention-min-gt-default", bucket(retention={"minimum_days": 10, "default_days": 5, "maximum_days": 20}),
     ["minimum_days <= default_days <= maximum_days"]),
    ("retention-default-gt-max", bucket(retention={"minimum_days": 1, "default_days": 30, "maximum_days": 20}),
     ["minimum_days <= default_days <= maximum_days"]),
    ("retention-max-range", bucket(retention={"minimum_days": 1, "default_days": 1, "maximum_days": 400000}),
     ["maximum_days", "0-36135"]),
    ("retention-partial", bucket(retention={"minimum_days": 1}), ["default_days", "maximum_days", "together"]),
    ("retention-with-versioning", bucket(versioning=True, retention={"minimum_days": 1, "default_days": 1,
                                                                      "maximum_days": 1}),
     ["retention", "versioning"]),
    ("lock-retention-both", bucket(object_lock_default_retention={"days": 1, "years": 1}),
     ["object_lock_default_retention", "days or years"]),
    # unknown facet values
    ("cors-method", bucket(cors_rules=[{"allowed_origins": ["*"], "allowed_methods": ["PATCH"]}]),
     ["cors_rules", "PATCH", "GET, PUT, POST, DELETE, HEAD"]),
    ("cors-max-age", bucket(cors_rules=[{"allowed_origins": ["*"], "allowed_methods": ["GET"],
                                         "max_age_seconds": -1}]), ["max_age_seconds", "negative"]),
    ("acl", bucket(acl="public"), ["acl", "public-read"]),
    ("hard-quota-unit", bucket(hard_quota="5 parsecs"), ["hard_quota", "GB", "TiB"]),
    ("hard-quota-negative", bucket(hard_quota=-1), ["hard_quota", "non-negative"]),
    ("tags", bucket(tags={"team": "web"}), ["tags", "no bucket tagging", "service instance"]),
    ("versioning-not-bool", bucket(versioning="maybe"), ["versioning", "boolean", "true"]),
    ("state", bucket(state="gone"), ["state", "present, absent"]),
    ("unknown-option", bucket(colour="blue"), ["colour", "Supported parameters include"]),
    ("unknown-sub-option", bucket(public_access_block={"block_everything": True}),
     ["block_everything", "block_public_acls"]),
    ("website-protocol", bucket(website={"redirect_all_requests_to": {"host_name": "x", "protocol": "ftp"}}),
     ["protocol", "http, https"]),
    ("info-settings", ("cos_bucket_info", {"name": [B], "settings": ["versionning"]}), ["settings", "versioning"]),
    # object options
    ("object-part-size", ("cos_object", {"bucket": B, "key": "k", "content": "x", "part_size_mb": 1}),
     ["part_size_mb", "between 5 and 5120"]),
    ("object-concurrency", ("cos_object", {"bucket": B, "key": "k", "content": "x", "max_concurrency": 0}),
     ["max_concurrency", "between 1 and 64"]),
    ("object-overwrite", ("cos_object", {"bucket": B, "key": "k", "content": "x", "overwrite": "sometimes"}),
     ["overwrite", "always, never, different"]),
    ("object-presign", ("cos_object", {"bucket": B, "key": "k", "presign": "post"}), ["presign", "get, put"]),
    ("object-expires", ("cos_object", {"bucket": B, "key": "k", "presign": "get", "expires_in": 0}),
     ["expires_in", "604800"]),
    ("object-absent-with-content", ("cos_object", {"bucket": B, "key": "k", "state": "absent", "content": "x"}),
     ["state=absent", "content"]),
    ("object-two-sources", ("cos_object", {"bucket": B, "key": "k", "content": "x", "content_base64": "eA=="}),
     ["mutually exclusive", "content", "content_base64"]),
    ("object-retention-mode", ("cos_object", {"bucket": B, "key": "k", "content": "x",
                                              "retention": {"mode": "forever", "retain_until": "2030-01-01"}}),
     ["mode", "governance, compliance"]),
    ("object-retention-date", ("cos_object", {"bucket": B, "key": "k", "content": "x",
                                              "retention": {"mode": "governance", "retain_until": "someday"}}),
     ["retain_until", "ISO 8601"]),
    ("object-info-max-keys", ("cos_object_info", {"bucket": B, "max_keys": 0}), ["max_keys", "at least 1"]),
    ("object-info-exclusive", ("cos_object_info", {"bucket": B, "keys": ["a"], "versions": True}),
     ["mutually exclusive", "keys", "versions"]),
    ("sync-part-size", ("cos_sync", {"bucket": B, "src": "/tmp", "part_size_mb": 4}),
     ["part_size_mb", "between 5 and 5120"]),
    # connection options: regions, endpoint types, conflicting auth, credential files
    ("region-shape", ("cos_bucket_info", {"region": "US South"}), ["region", "us-south"]),
    ("region-underscore", ("cos_bucket_info", {"region": "us_south", "endpoint": ""}), ["region", "us-south"]),
    ("endpoint-type", ("cos_bucket_info", {"endpoint_type": "internet"}), ["endpoint_type", "public, private, direct"]),
    ("endpoint-scheme", ("cos_bucket_info", {"endpoint": "s3.us-south.cloud-object-storage.appdomain.cloud"}),
     ["endpoint", "http(s) URL"]),
    ("iam-endpoint-scheme", ("cos_bucket_info", {"iam_endpoint": "iam.cloud.ibm.com"}), ["iam_endpoint", "http(s) URL"]),
    ("retry-mode", ("cos_bucket_info", {"retry_mode": "eager"}), ["retry_mode", "standard, adaptive"]),
    ("retries-negative", ("cos_bucket_info", {"retries": -1}), ["retries", "at least 0"]),
    ("timeout-zero", ("cos_bucket_info", {"timeout": 0}), ["timeout", "at least 1"]),
    ("validate-certs", ("cos_bucket_info", {"validate_certs": "perhaps"}), ["validate_certs", "boolean"]),
    ("auth-key-and-hmac", ("cos_bucket_info", {"api_key": "k" * 20, "hmac_access_key_id": "i" * 20,
                                               "hmac_secret_access_key": "s" * 20}),
     ["conflicting auth options", "api_key", "hmac_access_key_id"]),
    ("auth-key-and-profile", ("cos_bucket_info", {"api_key": "k" * 20, "trusted_profile_id": "Profile-1"}),
     ["conflicting auth options", "trusted_profile_id"]),
    ("auth-profile-id-and-name", ("cos_bucket_info", {"trusted_profile_id": "Profile-1",
                                                      "trusted_profile_name": "automation"}),
     ["trusted_profile_id", "trusted_profile_name", "mutually exclusive"]),
    # backup vaults, policies, recovery ranges and restores
    ("vault-name", ("cos_backup_vault", {"name": "Vault_1", "region": "us-south"}),
     ["name", "lowercase letters, digits"]),
    ("vault-state", ("cos_backup_vault", {"name": "it-vault", "state": "gone"}), ["state", "present, absent"]),
    ("vault-info-bucket-alone", ("cos_backup_vault_info", {"bucket": B}), ["bucket", "recovery_ranges: true"]),
    ("policy-days-missing", ("cos_backup_policy", {"bucket": B, "name": "p", "vault": "v"}),
     ["delete_after_days", "1-36500"]),
    ("policy-days-zero", ("cos_backup_policy", {"bucket": B, "name": "p", "vault": "v", "delete_after_days": 0}),
     ["delete_after_days", "from 1 to 36500"]),
    ("policy-bucket-name", ("cos_backup_policy", {"bucket": "ab", "name": "p", "vault": "v", "delete_after_days": 1}),
     ["bucket", "3 to 63"]),
    ("policy-type", ("cos_backup_policy", {"bucket": B, "name": "p", "vault": "v", "delete_after_days": 1,
                                           "backup_type": "daily"}), ["backup_type", "continuous"]),
    ("range-days", ("cos_recovery_range", {"vault": "v", "bucket": B, "delete_after_days": 36501}),
     ["delete_after_days", "from 1 to 36500"]),
    ("restore-time", ("cos_restore", {"vault": "v", "bucket": B, "point_in_time": "yesterday"}),
     ["point_in_time", "ISO 8601"]),
    ("restore-needs-time", ("cos_restore", {"vault": "v", "bucket": B}), ["bucket and point_in_time", "restore_id"]),
]

CREDENTIAL_FILES = {
    "creds-not-json": ("{apikey: nope", ["credentials_file", "not valid JSON", "apikey"]),
    "creds-list": ('["apikey"]', ["credentials_file", "JSON object"]),
    "creds-empty-object": ("{}", ["credentials_file", "apikey", "cos_hmac_keys"]),
    "creds-half-hmac": ('{"cos_hmac_keys": {"access_key_id": "abc"}}',
                        ["credentials_file", "access_key_id and secret_access_key"]),
    "creds-missing": (None, ["credentials_file", "cannot be read"]),
}


def build_tasks(tmp_path):
    tasks = []
    for case_id, (module, args), words in CASES:
        tasks.append((case_id, module, args, words))
    for case_id, (text, words) in CREDENTIAL_FILES.items():
        path = tmp_path / f"{case_id}.json"
        if text is not None:
            path.write_text(text)
        tasks.append((case_id, "cos_bucket_info", {"credentials_file": str(path)}, words))
    return tasks


def test_the_table_has_at_least_fifty_cases_across_every_module(tmp_path):
    tasks = build_tasks(tmp_path)
    assert len(tasks) >= 50
    assert len({t[0] for t in tasks}) == len(tasks)
    assert {t[1] for t in tasks} == {"cos_bucket", "cos_bucket_info", "cos_object", "cos_object_info", "cos_sync",
                                     "cos_backup_vault", "cos_backup_vault_info", "cos_backup_policy",
                                     "cos_recovery_range", "cos_restore"}


def test_every_invalid_input_fails_clearly_before_any_call(ansible, stack, cos_env, tmp_path):
    tasks = build_tasks(tmp_path)
    env = {"IBM_COS_TOKEN_CACHE_DIR": str(tmp_path / "fresh-cache")}  # no token to fall back on
    modules = sorted({module for _, module, _, _ in tasks})
    # One task per module looping over its cases: one ansible-playbook process for the whole table.
    play = [{"name": module, f"ibm.cos.{module}": "{{ item }}",
             "loop": [args for _, m, args, _ in tasks if m == module]} for module in modules]
    results = {r["_task"]: r["results"] for r in ansible.playbook(play, env=env, forks=1)}
    problems = []
    for module in modules:
        cases = [(case_id, words) for case_id, m, _, words in tasks if m == module]
        assert len(results[module]) == len(cases), module
        for (case_id, words), result in zip(cases, results[module]):
            msg = str(result.get("msg", ""))
            if not result.get("failed"):
                problems.append(f"{case_id}: did not fail")
                continue
            missing = [w for w in words if w not in msg]
            if missing or "Traceback" in msg or "MODULE FAILURE" in msg:
                problems.append(f"{case_id}: {msg!r} lacks {missing}")
    assert not problems, "\n".join(problems)
    calls = {op: n for op, n in stack.counters().items() if n}
    assert calls == {}, f"invalid input reached the service: {json.dumps(calls)}"
    assert "Traceback" not in ansible.last_stdout + ansible.last_stderr


def test_unknown_region_with_a_cached_document_makes_no_call(ansible, stack, cos_env, tmp_path):
    """A well-formed but unknown region needs the endpoints document; once it is cached (an hour),
    the mistake costs no call at all."""
    env = {"IBM_COS_TOKEN_CACHE_DIR": str(tmp_path / "c"), "IBM_COS_ENDPOINT": None}
    warm = ansible.module("cos_bucket_info", {"prefix": "zz-none"}, env=env)
    assert warm["_status"] == "ok", warm.get("msg")
    stack.reset_counters()
    region = "us-sout"
    result = ansible.module("cos_bucket_info", {"region": region}, env=env)
    assert result["_status"] == "failed"
    assert f"region {region!r} is not a COS location" in result["msg"] and "us-south" in result["msg"]
    assert not any(stack.counters().values())
