"""Nothing is destroyed by accident: a delete of a non-empty bucket without force, a retention policy
that would shorten or drop a period, a Key Protect key or a location that differs from the bucket's.
Each fails with a message that says why, and leaves every object and setting as it was: no write
call reaches the stack but the DeleteBucket that COS itself refuses because the bucket is not empty."""
from __future__ import annotations

import uuid

import pytest

from test_reliability_support import empty_and_delete_bucket
from cos_stack.admin import writes

POLICY = {"Status": "Retention", "MinimumRetention": {"Days": 5}, "DefaultRetention": {"Days": 10},
          "MaximumRetention": {"Days": 20}}


@pytest.fixture
def user_buckets(s3, cos_env):
    """Four buckets a user already has, each with objects and settings of its own."""
    stem = f"it-keep-{uuid.uuid4().hex[:6]}"
    names = {kind: f"{stem}-{kind}" for kind in ("full", "retained", "keyed", "placed")}
    region = cos_env["IBM_COS_REGION"]
    s3.create_bucket(Bucket=names["full"])
    s3.put_bucket_versioning(Bucket=names["full"], VersioningConfiguration={"Status": "Enabled"})
    s3.create_bucket(Bucket=names["retained"])
    s3.put_bucket_protection_configuration(Bucket=names["retained"], ProtectionConfiguration=POLICY)
    s3.create_bucket(Bucket=names["keyed"], IBMSSEKPEncryptionAlgorithm="AES256",
                     IBMSSEKPCustomerRootKeyCrn=cos_env["IBM_KP_ROOT_KEY_CRN"])
    s3.create_bucket(Bucket=names["placed"], CreateBucketConfiguration={"LocationConstraint": f"{region}-smart"})
    for name in names.values():
        s3.put_bucket_website(Bucket=name, WebsiteConfiguration={"IndexDocument": {"Suffix": "user.html"}})
        for index in range(3):
            s3.put_object(Bucket=name, Key=f"data/{index}.txt", Body=f"{name} {index}".encode())
    s3.put_object(Bucket=names["full"], Key="data/0.txt", Body=b"second version")
    s3.delete_object(Bucket=names["full"], Key="data/2.txt")  # a delete marker over a kept version
    s3.create_multipart_upload(Bucket=names["full"], Key="unfinished.bin")
    yield names
    for name in names.values():
        if name != names["retained"]:
            empty_and_delete_bucket(s3, name)


def snapshot(s3, name):
    """Everything a user could lose: versions, markers, uploads, bodies, settings."""
    versions = s3.list_object_versions(Bucket=name)
    state = {
        "versions": sorted((v["Key"], v["VersionId"], v["ETag"]) for v in versions.get("Versions", [])),
        "markers": sorted((m["Key"], m["VersionId"]) for m in versions.get("DeleteMarkers", [])),
        "uploads": sorted(u["Key"] for u in s3.list_multipart_uploads(Bucket=name).get("Uploads", [])),
        "website": s3.get_bucket_website(Bucket=name).get("IndexDocument"),
        "versioning": s3.get_bucket_versioning(Bucket=name).get("Status"),
        "location": s3.get_bucket_location(Bucket=name).get("LocationConstraint"),
        "kp": {k: v for k, v in s3.head_bucket(Bucket=name)["ResponseMetadata"]["HTTPHeaders"].items()
               if k.startswith("ibm-sse-kp")},
    }
    state["bodies"] = {key: s3.get_object(Bucket=name, Key=key)["Body"].read()
                       for key in sorted({v[0] for v in state["versions"]}) if key != "data/2.txt"}
    try:
        state["protection"] = s3.get_bucket_protection_configuration(Bucket=name)["ProtectionConfiguration"]
    except Exception:  # pylint: disable=broad-except
        state["protection"] = None
    return state


def test_refusals_leave_every_object_and_setting_in_place(ansible, stack, s3, cos_env, user_buckets):
    names = user_buckets
    before = {kind: snapshot(s3, name) for kind, name in names.items()}
    kp, hpcs = cos_env["IBM_KP_ROOT_KEY_CRN"], cos_env["IBM_HPCS_ROOT_KEY_CRN"]
    region = cos_env["IBM_COS_REGION"]
    cases = [
        ("delete-without-force", {"name": names["full"], "state": "absent"},
         ["not empty", "force: true"]),
        ("delete-without-force-check", {"name": names["full"], "state": "absent", "_check": True},
         ["not empty", "force: true"]),
        ("retention-shorter-default", {"name": names["retained"],
                                       "retention": {"minimum_days": 5, "default_days": 6, "maximum_days": 20}},
         ["default_days would go from 10 down to 6", "only be extended"]),
        ("retention-shorter-maximum", {"name": names["retained"], "website": {"index_document": "other.html"},
                                       "retention": {"minimum_days": 5, "default_days": 10, "maximum_days": 15}},
         ["maximum_days would go from 20 down to 15"]),
        ("retention-removed", {"name": names["retained"], "retention": {}}, ["removing a retention policy"]),
        ("other-root-key", {"name": names["keyed"], "key_protect_root_key_crn": hpcs, "versioning": True},
         ["key_protect_root_key_crn", "cannot change", hpcs]),
        ("root-key-on-plain-bucket", {"name": names["placed"], "key_protect_root_key_crn": kp},
         ["key_protect_root_key_crn", "no root key"]),
        ("other-storage-class", {"name": names["placed"], "storage_class": "cold", "website": {}},
         ["location_constraint", f"{region}-smart", f"{region}-cold"]),
        ("other-location", {"name": names["placed"], "location": "eu-de", "storage_class": "smart"},
         ["location_constraint", f"{region}-smart", "eu-de-smart"]),
    ]
    play = []
    for case_id, args, _ in cases:
        args = dict(args)
        task = {"name": case_id, "ibm.cos.cos_bucket": args}
        if args.pop("_check", False):
            task["check_mode"] = True
        play.append(task)
    stack.reset_counters()
    results = {r["_task"]: r for r in ansible.playbook(play)}
    problems = []
    for case_id, _, words in cases:
        result = results[case_id]
        msg = str(result.get("msg", ""))
        if result["_status"] != "failed":
            problems.append(f"{case_id}: {result['_status']} ({result.get('changed_facets')})")
        elif [w for w in words if w not in msg] or "\n" in msg:
            problems.append(f"{case_id}: {msg!r} lacks {[w for w in words if w not in msg]}")
    assert not problems, "\n".join(problems)
    # The one write: the DeleteBucket COS refuses with BucketNotEmpty. Asking COS (rather than listing
    # first) is what makes the refusal safe against an object arriving between a listing and the delete.
    assert writes(stack.counters()) == {"DeleteBucket": 1}, stack.counters()
    after = {kind: snapshot(s3, name) for kind, name in names.items()}
    assert after == before
