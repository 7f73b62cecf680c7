"""The one error mapping: SDK error codes read in one place, and a bucket named when several are read."""
from ansible_collections.ibm.cos.plugins.module_utils._errors import (
    CosError, ForBucket, describe, error_code, read_or_default)


class ClientError(Exception):
    def __init__(self, code, status=400):
        super().__init__(code)
        self.response = {"Error": {"Code": code, "Message": ""}, "ResponseMetadata": {"HTTPStatusCode": status}}


def raising(exc):
    def call():
        raise exc
    return call


def test_error_code_reads_the_sdk_code_and_nothing_else():
    assert error_code(ClientError("NoSuchTagSet")) == "NoSuchTagSet"
    assert error_code(ValueError("x")) == ""


def test_a_missing_configuration_reads_as_the_default_and_other_errors_raise():
    default = {"TagSet": []}
    value = read_or_default(raising(ClientError("NoSuchTagSet")), {"NoSuchTagSet"}, default)
    assert value == default and value is not default
    try:
        read_or_default(raising(ClientError("AccessDenied", 403)), {"NoSuchTagSet"}, {})
    except ClientError as exc:
        assert error_code(exc) == "AccessDenied"
    else:
        raise AssertionError("AccessDenied was swallowed")


def test_a_failure_on_one_of_several_buckets_names_that_bucket():
    msg, details = describe(ForBucket("logs", ClientError("AccessDenied", 403)))
    assert "bucket 'logs'" in msg and details["error_code"] == "AccessDenied"
    assert describe(ForBucket("logs", CosError("plain", name="logs"))) == ("plain", {"name": "logs"})
