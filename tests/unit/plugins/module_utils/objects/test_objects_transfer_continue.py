"""Small bodies go out with the request; large ones still wait for "100 Continue"."""
import io

import pytest

from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import (
    CONTINUE_FROM_BYTES, send_small_bodies_at_once)


@pytest.fixture
def s3():
    import ibm_boto3
    return ibm_boto3.session.Session().client("s3", endpoint_url="https://127.0.0.1:9", region_name="us-south",
                                              aws_access_key_id="k", aws_secret_access_key="s")


def headers_sent(s3, operation, size):
    """The headers the SDK's before-call handlers leave on a request with a file body of `size` bytes."""
    model = s3.meta.service_model.operation_model(operation)
    params = {"headers": {}, "body": io.BytesIO(b"x" * size), "url_path": "/b/k", "query_string": {},
              "method": "PUT", "context": {}}
    s3.meta.events.emit("before-call.s3.%s" % operation, model=model, params=params, request_signer=None,
                        context={})
    return params["headers"]


def test_the_sdk_alone_asks_for_continue_before_any_file_body(s3):
    assert headers_sent(s3, "PutObject", 10).get("Expect") == "100-continue"


def test_small_bodies_do_not_wait_and_large_ones_do(s3):
    send_small_bodies_at_once(s3)
    send_small_bodies_at_once(s3)   # one handler, however often
    assert "Expect" not in headers_sent(s3, "PutObject", 10)
    assert "Expect" not in headers_sent(s3, "PutObject", CONTINUE_FROM_BYTES - 1)
    assert headers_sent(s3, "PutObject", CONTINUE_FROM_BYTES).get("Expect") == "100-continue"
    assert headers_sent(s3, "UploadPart", 5 * CONTINUE_FROM_BYTES).get("Expect") == "100-continue"
