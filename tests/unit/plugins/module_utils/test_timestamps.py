"""Listing timestamps: the ISO 8601 form is parsed without dateutil, to the same instant."""
import datetime

from ansible_collections.ibm.cos.plugins.module_utils import _timestamps as T
from ansible_collections.ibm.cos.plugins.module_utils._client import build_s3_client
from ansible_collections.ibm.cos.plugins.module_utils._settings import Settings

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


LISTING = (b'<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><KeyCount>1</KeyCount>'
           b'<Contents><Key>a</Key><LastModified>2026-12-02T01:30:39.000Z</LastModified>'
           b'<ETag>"x"</ETag><Size>1</Size></Contents></ListBucketResult>')


def parse_listing(s3):
    """A ListObjectsV2 body through the parser the client's endpoint would use."""
    factory = s3._endpoint._response_parser_factory  # pylint: disable=protected-access
    shape = s3.meta.service_model.operation_model("ListObjectsV2").output_shape
    return factory.create_parser("rest-xml").parse({"body": LISTING, "headers": {}, "status_code": 200}, shape)


def test_the_session_gives_its_clients_the_parser():
    session = T.timestamp_session()
    parser = session.get_component("response_parser_factory").create_parser("rest-xml")
    assert parser._timestamp_parser("2026-12-02T01:30:39.000Z") == datetime.datetime(  # pylint: disable=protected-access
        2026, 12, 2, 1, 30, 39, tzinfo=UTC)
    assert parser._timestamp_parser("Wed, 02 Dec 2026 01:30:39 GMT") == datetime.datetime(  # pylint: disable=protected-access
        2026, 12, 2, 1, 30, 39, tzinfo=UTC)


def test_the_collections_client_parses_a_listing_without_dateutil(monkeypatch):
    import ibm_botocore.parsers
    calls = []
    real = ibm_botocore.parsers.DEFAULT_TIMESTAMP_PARSER
    monkeypatch.setattr(ibm_botocore.parsers, "DEFAULT_TIMESTAMP_PARSER", lambda v: calls.append(v) or real(v))
    s3 = build_s3_client(Settings(auth_method="hmac", hmac_access_key_id="k", hmac_secret_access_key="s",
                                  endpoint="https://127.0.0.1:9"), None)
    parsed = parse_listing(s3)
    assert parsed["Contents"][0]["LastModified"] == datetime.datetime(2026, 12, 2, 1, 30, 39, tzinfo=UTC)
    assert calls == []  # the listing form never reached the SDK's parser


def test_a_client_of_another_session_is_left_alone():
    import ibm_boto3
    s3 = ibm_boto3.session.Session().client("s3", endpoint_url="https://127.0.0.1:9", region_name="us-south",
                                            aws_access_key_id="k", aws_secret_access_key="s")
    factory = s3._endpoint._response_parser_factory  # pylint: disable=protected-access
    assert "timestamp_parser" not in factory._defaults  # pylint: disable=protected-access
