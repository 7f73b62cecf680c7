"""Syncing object versions into a vault and restoring them (tests/cos_stack/backup/LEDGER.md rows
S1-S5, T1-T9)."""

import datetime
import secrets
import time

import pytest

from backup_client import api, api_time  # noqa: F401  (fixture)

pytestmark = pytest.mark.stack_only


@pytest.fixture
def backed_up(api, versioned):
    """A versioned bucket with an active policy into a new vault: (bucket, vault name, bucket CRN)."""
    bucket = versioned()
    vault = api.create_vault(f"cv-{secrets.token_hex(5)}").json()
    policy = api.create_policy(bucket, "p", vault["crn"]).json()
    api.wait_active(bucket, policy["policy_id"])
    [found] = api.list_ranges(vault["backup_vault_name"]).json()["recovery_ranges"]
    return bucket, vault["backup_vault_name"], found["source_resource_crn"]


def now():
    return datetime.datetime.now(datetime.timezone.utc)


def pause():
    time.sleep(0.05)  # keeps two writes apart in time


def state_of(s3, bucket):
    """{key: (version ID, bytes)} of the current objects, and the delete markers that are current."""
    versions = s3.list_object_versions(Bucket=bucket)
    current = {v["Key"]: v["VersionId"] for v in versions.get("Versions", []) if v["IsLatest"]}
    markers = {m["Key"]: m["VersionId"] for m in versions.get("DeleteMarkers", []) if m["IsLatest"]}
    objects = {key: (vid, s3.get_object(Bucket=bucket, Key=key, VersionId=vid)["Body"].read())
               for key, vid in current.items()}
    return objects, markers


def range_of(api, vault, bucket_crn):
    [found] = api.list_ranges(vault, source_resource_crn=bucket_crn).json()["recovery_ranges"]
    return found


def crn_of(bucket_crn, bucket):
    return bucket_crn.rsplit(":bucket:", 1)[0] + f":bucket:{bucket}"


@pytest.mark.ledger("BKR-05", "BKT-01", "BKT-02", "BKT-03")
def test_t1_t2_t3_a_restore_writes_what_was_current_at_the_time_with_ids_and_times(api, s3, versioned, backed_up):
    bucket, vault, bucket_crn = backed_up
    for key in ("keep", "change", "remove"):
        s3.put_object(Bucket=bucket, Key=key, Body=f"{key} v1".encode())
    s3.put_object(Bucket=bucket, Key="gone-before", Body=b"x")
    s3.delete_object(Bucket=bucket, Key="gone-before")
    pause()
    moment = now()
    expected_objects, expected_markers = state_of(s3, bucket)
    pause()
    s3.put_object(Bucket=bucket, Key="change", Body=b"change v2")
    s3.delete_object(Bucket=bucket, Key="remove")
    s3.put_object(Bucket=bucket, Key="added-later", Body=b"new")
    target = versioned()

    started = api.create_restore(vault, range_of(api, vault, bucket_crn)["recovery_range_id"], moment,
                                 crn_of(bucket_crn, target))
    assert started.status_code == 201, started.text
    assert started.json()["restore_status"] == "initializing"
    restore, seen = api.wait_restore(vault, started.json()["restore_id"])

    assert restore["restore_status"] == "complete" and restore["complete_time"]
    assert restore["restore_point_in_time"] == api_time(moment)
    running = [p for status, p in seen if status == "running"]
    assert running and running == sorted(running)
    assert state_of(s3, target) == (expected_objects, expected_markers)
    source_head = s3.head_object(Bucket=bucket, Key="keep")
    target_head = s3.head_object(Bucket=target, Key="keep")
    assert (target_head["ETag"], target_head["LastModified"]) == (source_head["ETag"], source_head["LastModified"])
    noncurrent = s3.list_object_versions(Bucket=target).get("Versions", [])
    assert all(v["IsLatest"] for v in noncurrent)  # only what was current is restored


@pytest.mark.ledger("BKT-04")
def test_t4_in_place_into_the_source_files_versions_by_time_and_deletes_nothing(api, s3, backed_up):
    bucket, vault, bucket_crn = backed_up
    first = s3.put_object(Bucket=bucket, Key="doc", Body=b"first")["VersionId"]
    pause()
    moment = now()
    pause()
    second = s3.put_object(Bucket=bucket, Key="doc", Body=b"second")["VersionId"]
    api.list_ranges(vault)  # a read brings the sync up to now
    s3.delete_object(Bucket=bucket, Key="doc", VersionId=first)  # an attacker removes history

    restore = api.create_restore(vault, range_of(api, vault, bucket_crn)["recovery_range_id"], moment, bucket_crn).json()
    api.wait_restore(vault, restore["restore_id"])

    versions = s3.list_object_versions(Bucket=bucket, Prefix="doc")["Versions"]
    assert [(v["VersionId"], v["IsLatest"]) for v in versions] == [(second, True), (first, False)]
    assert s3.get_object(Bucket=bucket, Key="doc", VersionId=first)["Body"].read() == b"first"


@pytest.mark.ledger("BKS-01")
def test_s1_a_version_deleted_from_the_bucket_after_its_sync_stays_restorable(api, s3, versioned, backed_up):
    bucket, vault, bucket_crn = backed_up
    version = s3.put_object(Bucket=bucket, Key="precious", Body=b"data")["VersionId"]
    pause()
    moment = now()
    api.list_ranges(vault)
    s3.delete_object(Bucket=bucket, Key="precious", VersionId=version)
    target = versioned()

    restore = api.create_restore(vault, range_of(api, vault, bucket_crn)["recovery_range_id"], moment,
                                 crn_of(bucket_crn, target)).json()
    api.wait_restore(vault, restore["restore_id"])

    assert s3.get_object(Bucket=target, Key="precious")["Body"].read() == b"data"
    assert s3.head_object(Bucket=target, Key="precious")["VersionId"] == version


@pytest.mark.ledger("BKT-05")
def test_t5_the_point_in_time_must_lie_in_the_range(api, s3, versioned, backed_up):
    bucket, vault, bucket_crn = backed_up
    found = range_of(api, vault, bucket_crn)
    before = datetime.datetime.fromisoformat(found["range_start_time"].replace("Z", "+00:00")) - datetime.timedelta(seconds=5)
    future = now() + datetime.timedelta(hours=1)

    for moment in (before, future):
        response = api.create_restore(vault, found["recovery_range_id"], moment, crn_of(bucket_crn, versioned()))
        assert response.status_code == 400 and "between" in response.text
    assert api.call("GET", f"/backup_vaults/{vault}/restores").json()["restores"] == []


@pytest.mark.ledger("BKT-06")
def test_t6_the_target_needs_versioning(api, s3, bucket_name, backed_up):
    bucket, vault, bucket_crn = backed_up
    plain = bucket_name()
    s3.create_bucket(Bucket=plain)

    response = api.create_restore(vault, range_of(api, vault, bucket_crn)["recovery_range_id"], now(),
                                  crn_of(bucket_crn, plain))

    assert response.status_code == 409 and "Versioning" in response.text


@pytest.mark.ledger("BKT-10")
def test_t10_the_target_must_not_have_a_legacy_firewall(api, config_api, versioned, backed_up):
    bucket, vault, bucket_crn = backed_up
    target = versioned()
    config_api.patch(target, {"firewall": {"allowed_ip": ["127.0.0.0/8"]}})  # this client still gets in
    range_id = range_of(api, vault, bucket_crn)["recovery_range_id"]

    response = api.create_restore(vault, range_id, now(), crn_of(bucket_crn, target))

    assert response.status_code == 409 and "legacy firewall" in response.text
    assert api.call("GET", f"/backup_vaults/{vault}/restores").json()["restores"] == []
    config_api.patch(target, {"firewall": None}, raw=True)
    assert api.create_restore(vault, range_id, now(), crn_of(bucket_crn, target)).status_code == 201


@pytest.mark.ledger("BKT-07")
def test_t7_a_vault_runs_at_most_three_restores(api, versioned, backed_up):
    bucket, vault, bucket_crn = backed_up
    range_id = range_of(api, vault, bucket_crn)["recovery_range_id"]
    moment = now()
    api.list_ranges(vault)
    answers = [api.create_restore(vault, range_id, moment, crn_of(bucket_crn, versioned())).status_code
               for _ in range(4)]

    assert answers == [201, 201, 201, 409]


@pytest.mark.ledger("BKT-08")
def test_t8_only_in_place_restores(api, versioned, backed_up):
    bucket, vault, bucket_crn = backed_up
    response = api.create_restore(vault, range_of(api, vault, bucket_crn)["recovery_range_id"], now(),
                                  crn_of(bucket_crn, versioned()), restore_type="copy")
    assert response.status_code == 400


@pytest.mark.ledger("BKT-09")
def test_t9_restores_are_listed_and_read_by_id(api, versioned, backed_up):
    bucket, vault, bucket_crn = backed_up
    api.list_ranges(vault)
    started = api.create_restore(vault, range_of(api, vault, bucket_crn)["recovery_range_id"], now(),
                                 crn_of(bucket_crn, versioned())).json()

    listed = api.call("GET", f"/backup_vaults/{vault}/restores").json()["restores"]

    assert [r["restore_id"] for r in listed] == [started["restore_id"]]
    assert api.get_restore(vault, started["restore_id"]).json()["recovery_range_id"] == started["recovery_range_id"]
    assert api.get_restore(vault, "no-such-restore").status_code == 404


@pytest.mark.ledger("BKS-02")
def test_s2_versions_a_restore_writes_are_not_backed_up_again(api, s3, backed_up):
    bucket, vault, bucket_crn = backed_up
    s3.put_object(Bucket=bucket, Key="a", Body=b"12345")
    pause()
    moment = now()
    api.list_ranges(vault)
    s3.delete_object(Bucket=bucket, Key="a", VersionId=s3.head_object(Bucket=bucket, Key="a")["VersionId"])
    used = api.get_vault(vault).json()["bytes_used"]

    restore = api.create_restore(vault, range_of(api, vault, bucket_crn)["recovery_range_id"], moment, bucket_crn).json()
    api.wait_restore(vault, restore["restore_id"])
    api.list_ranges(vault)

    assert s3.get_object(Bucket=bucket, Key="a")["Body"].read() == b"12345"
    assert api.get_vault(vault).json()["bytes_used"] == used
