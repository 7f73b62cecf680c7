"""cos_object against the stack with real bytes: exact content, idempotent reruns, nothing written
when nothing differs, and check mode that only reads."""
from __future__ import annotations

import base64
import hashlib
import os
import time

import pytest
import requests

from checks import object_task, statuses
from cos_stack.admin import writes

UNICODE_KEY = "données/ファイル with spaces.bin"


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_object(s3, bucket, key):
    return hashlib.sha256(s3.get_object(Bucket=bucket, Key=key)["Body"].read()).hexdigest()


def is_changed(result):
    return result["_status"] == "ok" and result["changed"] is True


@pytest.fixture
def files(tmp_path):
    empty = tmp_path / "empty.dat"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.dat"
    binary.write_bytes(os.urandom(300 * 1024) + bytes(range(256)))
    return {"empty": empty, "binary": binary}


def test_uploads_and_downloads_are_exact_and_second_runs_write_nothing(ansible, stack, s3, bucket, files, tmp_path):
    payload = bytes(range(256)) * 3
    out = tmp_path / "out"
    out.mkdir()
    tasks = [object_task(bucket, "empty", src=str(files["empty"])),
             object_task(bucket, UNICODE_KEY, src=str(files["binary"])),
             object_task(bucket, "inline.txt", content="héllo wörld\n"),
             object_task(bucket, "raw.bin", content_base64=base64.b64encode(payload).decode()),
             object_task(bucket, "empty", dest=str(out / "empty")),
             object_task(bucket, UNICODE_KEY, dest=str(out / "unicode name"))]
    first = ansible.playbook(tasks)
    assert all(is_changed(r) for r in first), statuses(first)
    assert s3.head_object(Bucket=bucket, Key="empty")["ContentLength"] == 0
    assert sha256_object(s3, bucket, UNICODE_KEY) == sha256_file(files["binary"])
    assert s3.get_object(Bucket=bucket, Key="inline.txt")["Body"].read() == "héllo wörld\n".encode()
    assert s3.get_object(Bucket=bucket, Key="raw.bin")["Body"].read() == payload
    assert s3.head_object(Bucket=bucket, Key="inline.txt")["ContentType"] == "text/plain"
    assert (out / "empty").stat().st_size == 0
    assert sha256_file(out / "unicode name") == sha256_file(files["binary"])

    stack.reset_counters()
    second = ansible.playbook(tasks)
    assert all(r["_status"] == "ok" and r["changed"] is False for r in second), statuses(second)
    ops = stack.counters()
    assert writes(ops) == {} and "GetObject" not in ops
    assert sorted(os.listdir(out)) == ["empty", "unicode name"], "no temporary files left"


def test_multipart_upload_of_100_mb_is_parallel_exact_and_idempotent(ansible, stack, s3, bucket, tmp_path,
                                                                      record_property):
    big, dest = tmp_path / "big.bin", tmp_path / "big.copy"
    with open(big, "wb") as handle:
        for _ in range(100):
            handle.write(os.urandom(1024 * 1024))
    tasks = [object_task(bucket, "big/100mb.bin", src=str(big)), object_task(bucket, "big/100mb.bin", dest=str(dest))]
    try:
        started = time.monotonic()
        upload, download = ansible.playbook(tasks)
        record_property("upload_and_download_seconds", round(time.monotonic() - started, 1))
        assert is_changed(upload) and is_changed(download), statuses([upload, download])
        ops = stack.counters()
        # 20 MiB parts, IBM's guidance for objects under 50 GB (not the SDK's 8 MiB: 13 parts)
        assert ops.get("CreateMultipartUpload") == 1 and ops.get("UploadPart") == 5, ops
        assert ops.get("CompleteMultipartUpload") == 1 and "PutObject" not in ops
        assert upload["etag"].endswith("-5") and upload["size"] == 100 * 1024 * 1024
        assert sha256_file(dest) == sha256_file(big)

        stack.reset_counters()
        again = ansible.playbook(tasks)
        assert [r["changed"] for r in again] == [False, False], statuses(again)
        ops = stack.counters()
        assert writes(ops) == {} and "GetObject" not in ops
    finally:
        for leftover in (big, dest):
            if leftover.exists():
                leftover.unlink()


def test_multipart_object_from_another_tool_is_recognised_without_transfer(ansible, stack, s3, bucket, tmp_path):
    from ibm_boto3.s3.transfer import TransferConfig

    mid = tmp_path / "mid.bin"
    mid.write_bytes(os.urandom(20 * 1024 * 1024 + 3))
    # 5 MiB parts, not the module's 8: the module must work out another tool's part size.
    s3.upload_file(str(mid), bucket, "mid.bin", Config=TransferConfig(multipart_threshold=5 << 20,
                                                                      multipart_chunksize=5 << 20))
    assert s3.head_object(Bucket=bucket, Key="mid.bin")["ETag"].strip('"').endswith("-5")
    stack.reset_counters()
    result = ansible.module("cos_object", dict(bucket=bucket, key="mid.bin", src=str(mid)))
    assert result["_status"] == "ok" and result["changed"] is False, result.get("msg")
    ops = stack.counters()
    assert writes(ops) == {} and "GetObject" not in ops, ops  # compared from the local file and the ETag


def test_check_mode_reports_and_writes_nothing(ansible, stack, s3, bucket, files, tmp_path):
    s3.put_object(Bucket=bucket, Key="old", Body=b"old", Metadata={"a": "1"})
    stack.reset_counters()
    results = ansible.playbook([object_task(bucket, "new", src=str(files["binary"])),
                                object_task(bucket, "old", content="new"),
                                object_task(bucket, "old", metadata={"a": "2"}),
                                object_task(bucket, "old", state="absent"),
                                object_task(bucket, "old", dest=str(tmp_path / "old"))], check=True, diff=True)
    assert [r["changed"] for r in results] == [True, True, True, True, True], statuses(results)
    assert not (tmp_path / "old").exists() and "GetObject" not in stack.counters()
    assert results[0]["actions"] == ["would upload %s" % files["binary"]]
    assert results[2]["diff"]["before"]["metadata"] == {"a": "1"}
    assert results[2]["diff"]["after"]["metadata"] == {"a": "2"}
    assert writes(stack.counters()) == {}
    assert s3.get_object(Bucket=bucket, Key="old")["Body"].read() == b"old"
    assert "Contents" not in s3.list_objects_v2(Bucket=bucket, Prefix="new")


def test_metadata_and_tags_change_without_reupload(ansible, stack, s3, bucket, files):
    base = dict(src=str(files["binary"]), cache_control="max-age=60")
    s3.upload_file(str(files["binary"]), bucket, "doc", ExtraArgs={
        "Metadata": {"owner": "ops"}, "CacheControl": "max-age=60", "ContentType": "binary/octet-stream"})
    s3.put_object_tagging(Bucket=bucket, Key="doc", Tagging={"TagSet": [{"Key": "env", "Value": "dev"}]})
    stack.reset_counters()
    changed = ansible.module("cos_object", dict(bucket=bucket, key="doc", **dict(
        base, metadata={"owner": "platform"}, tags={"env": "prod"})), diff=True)
    assert is_changed(changed), changed.get("msg")
    assert changed["diff"]["before"]["metadata"] == {"owner": "ops"}
    assert changed["diff"]["after"]["metadata"] == {"owner": "platform"}
    assert changed["diff"]["after"]["tags"] == {"env": "prod"}
    assert writes(stack.counters()) == {"CopyObject": 1, "PutObjectTagging": 1}
    head = s3.head_object(Bucket=bucket, Key="doc")
    assert head["Metadata"] == {"owner": "platform"} and head["CacheControl"] == "max-age=60"
    assert sha256_object(s3, bucket, "doc") == sha256_file(files["binary"])

    stack.reset_counters()
    same = ansible.module("cos_object", dict(bucket=bucket, key="doc", **dict(
        base, metadata={"owner": "platform"}, tags={"env": "prod"})))
    assert same["changed"] is False and writes(stack.counters()) == {}

    # New content keeps the metadata and tags the task does not mention.
    files["binary"].write_bytes(b"replaced")
    replaced = ansible.module("cos_object", dict(bucket=bucket, key="doc", src=str(files["binary"])))
    assert is_changed(replaced)
    assert s3.head_object(Bucket=bucket, Key="doc")["Metadata"] == {"owner": "platform"}
    assert s3.get_object_tagging(Bucket=bucket, Key="doc")["TagSet"] == [{"Key": "env", "Value": "prod"}]


def test_overwrite_never_and_always(ansible, stack, s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"first")
    stack.reset_counters()
    never, always = ansible.playbook([object_task(bucket, "k", content="second", overwrite="never"),
                                      object_task(bucket, "k", content="first", overwrite="always")])
    assert never["changed"] is False and always["changed"] is True
    assert writes(stack.counters()) == {"PutObject": 1}
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"first"


def test_server_side_copy_is_idempotent_for_single_and_multipart_sources(ansible, stack, s3, bucket, bucket_name,
                                                                         tmp_path):
    from ibm_boto3.s3.transfer import TransferConfig

    other = bucket_name[:-8] + "src" + bucket_name[-5:]
    s3.create_bucket(Bucket=other)
    try:
        s3.put_object(Bucket=other, Key="a b/src.bin", Body=os.urandom(4096))
        big = tmp_path / "parts.bin"
        big.write_bytes(os.urandom(17 * 1024 * 1024))
        s3.upload_file(str(big), other, "parts.bin", Config=TransferConfig(multipart_threshold=8 << 20,
                                                                           multipart_chunksize=8 << 20))
        tasks = [object_task(bucket, "copied.bin", copy_source={"bucket": other, "key": "a b/src.bin"}),
                 object_task(bucket, "copied-parts.bin", copy_source={"bucket": other, "key": "parts.bin"})]
        stack.reset_counters()
        first = ansible.playbook(tasks)
        assert all(is_changed(r) for r in first), statuses(first)
        assert writes(stack.counters()) == {"CopyObject": 1, "CreateMultipartUpload": 1, "UploadPartCopy": 3,
                                            "CompleteMultipartUpload": 1}
        assert sha256_object(s3, bucket, "copied.bin") == sha256_object(s3, other, "a b/src.bin")
        assert sha256_object(s3, bucket, "copied-parts.bin") == sha256_file(big)
        stack.reset_counters()
        again = ansible.playbook(tasks)
        assert [r["changed"] for r in again] == [False, False], statuses(again)
        assert writes(stack.counters()) == {}
    finally:
        for key in ("a b/src.bin", "parts.bin"):
            s3.delete_object(Bucket=other, Key=key)
        s3.delete_bucket(Bucket=other)


def test_delete_a_version_and_the_current_object(ansible, stack, s3, bucket):
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    v1 = s3.put_object(Bucket=bucket, Key="v", Body=b"one")["VersionId"]
    s3.put_object(Bucket=bucket, Key="v", Body=b"two")
    results = ansible.playbook([object_task(bucket, "v", state="absent", version_id=v1),
                                object_task(bucket, "v", state="absent", version_id=v1),
                                object_task(bucket, "v", state="absent"),
                                object_task(bucket, "v", state="absent")])
    assert [r["changed"] for r in results] == [True, False, True, False], statuses(results)
    assert results[2]["delete_marker"] is True
    versions = s3.list_object_versions(Bucket=bucket, Prefix="v")
    assert [v["VersionId"] for v in versions["Versions"]] != [v1] and len(versions["Versions"]) == 1
    assert len(versions["DeleteMarkers"]) == 1


def test_failed_download_leaves_the_old_file_and_no_partial_one(ansible, stack, s3, bucket, tmp_path):
    s3.put_object(Bucket=bucket, Key="k", Body=b"remote bytes")
    dest = tmp_path / "dl"
    dest.mkdir()
    (dest / "existing").write_bytes(b"local")
    stack.set_fault("GetObject", status=500)
    results = ansible.playbook([object_task(bucket, "k", dest=str(dest / "existing"), retries=0),
                                object_task(bucket, "k", dest=str(dest / "fresh"), retries=0),
                                object_task(bucket, "nope", dest=str(dest / "nope"))])
    stack.clear_faults()
    assert [r["_status"] for r in results] == ["failed", "failed", "failed"], statuses(results)
    assert results[2]["msg"] == "object 'nope' does not exist in bucket %r" % bucket
    assert sorted(os.listdir(dest)) == ["existing"]
    assert (dest / "existing").read_bytes() == b"local"


def test_presigned_urls_get_and_put_real_bytes_and_need_hmac_keys(ansible, s3, bucket, cos_env):
    s3.put_object(Bucket=bucket, Key="shared file.bin", Body=b"\x00\x01 shared bytes")
    get, put = ansible.playbook([object_task(bucket, "shared file.bin", presign="get", expires_in=60),
                                 object_task(bucket, "dropbox/upload.bin", presign="put")])
    assert get["_status"] == "ok" and get["changed"] is False, get.get("msg")
    assert get["method"] == "GET" and "X-Amz-Expires=60" in get["url"]
    assert cos_env["IBM_COS_HMAC_ACCESS_KEY_ID"] in get["url"], "the key ID must not be masked"
    verify = cos_env["IBM_COS_CA_BUNDLE"]
    fetched = requests.get(get["url"], verify=verify, timeout=30)
    assert fetched.status_code == 200 and fetched.content == b"\x00\x01 shared bytes"
    stored = requests.put(put["url"], data=b"sent with the URL", verify=verify, timeout=30)
    assert stored.status_code == 200, stored.text
    assert s3.get_object(Bucket=bucket, Key="dropbox/upload.bin")["Body"].read() == b"sent with the URL"

    unsigned = ansible.module("cos_object", dict(bucket=bucket, key="k", presign="put"),
                              env={"IBM_COS_HMAC_ACCESS_KEY_ID": None, "IBM_COS_HMAC_SECRET_ACCESS_KEY": None})
    assert unsigned["_status"] == "failed" and "HMAC keys" in unsigned["msg"]


def test_retention_and_legal_hold_are_applied_once(ansible, stack, s3, bucket_name):
    s3.create_bucket(Bucket=bucket_name, ObjectLockEnabledForBucket=True)
    task = object_task(bucket_name, "locked", content="keep me", legal_hold=True,
                       retention={"mode": "governance", "retain_until": "2099-01-01"})
    first = ansible.playbook([task])[0]
    assert is_changed(first), first.get("msg")
    head = s3.head_object(Bucket=bucket_name, Key="locked")
    assert head["ObjectLockLegalHoldStatus"] == "ON" and head["ObjectLockMode"] == "GOVERNANCE"
    assert head["ObjectLockRetainUntilDate"].year == 2099
    stack.reset_counters()
    assert ansible.playbook([task])[0]["changed"] is False
    assert writes(stack.counters()) == {}
    off = ansible.module("cos_object", dict(bucket=bucket_name, key="locked", legal_hold=False))
    assert is_changed(off) and off["actions"] == ["set legal hold off"]


def test_ibm_legal_holds_are_added_and_purged_by_id(ansible, stack, s3, bucket):
    s3.put_bucket_protection_configuration(Bucket=bucket, ProtectionConfiguration={
        "Status": "Retention", "MinimumRetention": {"Days": 0}, "DefaultRetention": {"Days": 0},
        "MaximumRetention": {"Days": 1}})
    s3.put_object(Bucket=bucket, Key="evidence", Body=b"exhibit A")
    s3.add_legal_hold(Bucket=bucket, Key="evidence", RetentionLegalHoldId="old-case")
    stack.reset_counters()
    add, same, purge = ansible.playbook([
        object_task(bucket, "evidence", legal_hold_ids=["case-42"]),
        object_task(bucket, "evidence", legal_hold_ids=["case-42"]),
        object_task(bucket, "evidence", legal_hold_ids=["case-42"], purge_legal_hold_ids=True)])
    assert add["actions"] == ["added legal hold case-42"], statuses([add])
    assert same["changed"] is False
    assert purge["actions"] == ["removed legal hold old-case"]
    assert writes(stack.counters()) == {"AddLegalHold": 1, "DeleteLegalHold": 1}
    holds = s3.list_legal_holds(Bucket=bucket, Key="evidence")["LegalHolds"]
    assert [h["ID"] for h in holds] == ["case-42"]
    s3.delete_legal_hold(Bucket=bucket, Key="evidence", RetentionLegalHoldId="case-42")
