"""Key Protect and Hyper Protect Crypto Services root keys given at bucket creation."""

import pytest
from ibm_botocore.exceptions import ClientError

UNKNOWN_KEY = ("crn:v1:bluemix:public:kms:us-south:a/00000000000000000000000000000000:"
               "00000000-0000-0000-0000-000000000000:key:00000000-0000-0000-0000-000000000000")


def kp_headers(response):
    headers = response["ResponseMetadata"]["HTTPHeaders"]
    return headers.get("ibm-sse-kp-enabled"), headers.get("ibm-sse-kp-crk-id")


@pytest.mark.ledger("KP-01", "KP-02")
@pytest.mark.parametrize("key_env", ["IBM_KP_ROOT_KEY_CRN", "IBM_HPCS_ROOT_KEY_CRN"])
def test_head_bucket_reports_the_root_key(env, s3, bucket_name, key_env):
    if not env.get(key_env):
        pytest.skip(f"{key_env} not set")
    name = bucket_name()
    s3.create_bucket(Bucket=name, IBMSSEKPEncryptionAlgorithm="AES256",
                     IBMSSEKPCustomerRootKeyCrn=env[key_env])

    head = s3.head_bucket(Bucket=name)

    # COS sends "True"; the SDK's boolean parser only accepts "true", so read the raw header.
    assert kp_headers(head) == ("True", env[key_env])


@pytest.mark.ledger("KP-02")
def test_list_objects_reports_the_root_key_too(kp_root_key, s3, bucket_name):
    name = bucket_name()
    s3.create_bucket(Bucket=name, IBMSSEKPEncryptionAlgorithm="AES256", IBMSSEKPCustomerRootKeyCrn=kp_root_key)

    assert kp_headers(s3.list_objects(Bucket=name)) == ("True", kp_root_key)


@pytest.mark.ledger("KP-02")
def test_a_bucket_without_a_root_key_reports_none(s3, bucket_name):
    name = bucket_name()
    s3.create_bucket(Bucket=name)

    assert kp_headers(s3.head_bucket(Bucket=name))[1] is None


@pytest.mark.ledger("KP-01")
def test_an_unknown_root_key_is_refused(s3, bucket_name):
    name = bucket_name()

    with pytest.raises(ClientError) as raised:
        s3.create_bucket(Bucket=name, IBMSSEKPEncryptionAlgorithm="AES256",
                         IBMSSEKPCustomerRootKeyCrn=UNKNOWN_KEY)

    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "The Key CRN could not be found" in raised.value.response["Error"]["Message"]
    assert name not in [b["Name"] for b in s3.list_buckets()["Buckets"]]
