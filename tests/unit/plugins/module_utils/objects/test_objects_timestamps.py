"""Listing timestamps: the ISO 8601 form is parsed without dateutil, to the same instant."""
import datetime

from ansible_collections.ibm.cos.plugins.module_utils.objects import timestamps as T

UTC = datetime.timezone.utc


def sdk_parse(value):
    from ibm_botocore.parsers import DEFAULT_TIMESTAMP_PARSER
    return DEFAULT_TIMESTAMP_PARSER(value)


def refuse(value):
    raise AssertionError("fallback asked for %r" % value)


def test_listing_form_parsed_to_the_sdk_instant():
    for value in ("2026-12-02T01:30:39.000Z", "2026-12-02T01:30:39Z", "2026-02-28T23:59:59.123456Z"):
        ours = T.parse_timestamp(value, refuse)
        assert ours == sdk_parse(value)
        assert ours.utcoffset() == datetime.timedelta(0)


def test_other_forms_go_to_the_fallback():
    seen = []
    for value in ("Wed, 02 Dec 2026 01:30:39 GMT", "2026-13-02T01:30:39.000Z", 1796175520, "2026-12-02"):
        T.parse_timestamp(value, seen.append)
    assert seen == ["Wed, 02 Dec 2026 01:30:39 GMT", "2026-13-02T01:30:39.000Z", 1796175520, "2026-12-02"]


class FakeFactory:
    def __init__(self):
        self.defaults = {}

    def set_parser_defaults(self, **kwargs):
        self.defaults.update(kwargs)


class FakeClient:
    def __init__(self, factory):
        self._endpoint = type("Endpoint", (), {"_response_parser_factory": factory})()


def test_client_gets_the_parser_once_and_others_are_left_alone():
    factory = FakeFactory()
    client = FakeClient(factory)
    T.use_fast_timestamps(client)
    parser = factory.defaults["timestamp_parser"]
    T.use_fast_timestamps(client)
    assert factory.defaults["timestamp_parser"] is parser
    assert parser("2026-12-02T01:30:39.000Z") == datetime.datetime(2026, 12, 2, 1, 30, 39, tzinfo=UTC)
    assert parser("Wed, 02 Dec 2026 01:30:39 GMT") == datetime.datetime(2026, 12, 2, 1, 30, 39, tzinfo=UTC)
    T.use_fast_timestamps(object())   # no endpoint: nothing to do, no error


def test_a_real_client_parses_a_listing_with_it():
    import ibm_boto3
    s3 = ibm_boto3.session.Session().client("s3", endpoint_url="https://127.0.0.1:9", region_name="us-south",
                                            aws_access_key_id="k", aws_secret_access_key="s")
    T.use_fast_timestamps(s3)
    factory = s3._endpoint._response_parser_factory  # pylint: disable=protected-access
    parser = factory.create_parser("rest-xml")
    body = (b'<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><KeyCount>1</KeyCount>'
            b'<Contents><Key>a</Key><LastModified>2026-12-02T01:30:39.000Z</LastModified>'
            b'<ETag>"x"</ETag><Size>1</Size></Contents></ListBucketResult>')
    shape = s3.meta.service_model.operation_model("ListObjectsV2").output_shape
    parsed = parser.parse({"body": body, "headers": {}, "status_code": 200}, shape)
    assert parsed["Contents"][0]["LastModified"] == datetime.datetime(2026, 12, 2, 1, 30, 39, tzinfo=UTC)
