"""cos_bucket_replication_reattempt's decision: list first, write only when there are failures."""
from ansible_collections.ibm.cos.plugins.module_utils.bucket.reattempt import ReplicationReattempt


class S3:
    def __init__(self, contents):
        self.contents, self.calls = contents, []

    def list_bucket_replication_failures(self, **kwargs):
        self.calls.append("list")
        return {"ListReplicationFailureResult": {"Contents": self.contents, "IsTruncated": False}}

    def put_bucket_replication_reattempt(self, **kwargs):
        self.calls.append("reattempt")
        return {"ResponseMetadata": {"HTTPHeaders": {
            "x-ibm-replication-reattempt-scheduled-time": "Fri, 12 Dec 2025 00:00:00 GMT"}}}


class Conn:
    def __init__(self, contents):
        self.s3 = S3(contents)


def test_no_failures_no_write_no_change():
    conn = Conn([])
    result = ReplicationReattempt(conn, {"name": "b"}).run()
    assert conn.s3.calls == ["list"] and result["changed"] is False and result["scheduled_time"] is None


def test_failures_are_reattempted_and_the_time_returned():
    conn = Conn([{"Key": "a"}])
    result = ReplicationReattempt(conn, {"name": "b"}).run()
    assert conn.s3.calls == ["list", "reattempt"]
    assert result["changed"] and result["scheduled_time"] == "Fri, 12 Dec 2025 00:00:00 GMT"


def test_check_mode_lists_and_reports_without_writing():
    conn = Conn([{"Key": "a"}])
    result = ReplicationReattempt(conn, {"name": "b"}, check_mode=True).run()
    assert conn.s3.calls == ["list"] and result["changed"] and result["failures"] == 1
