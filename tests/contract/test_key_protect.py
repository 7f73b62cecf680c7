"""Key Protect and Hyper Protect Crypto Services root keys given at bucket creation."""

import pytest
from ibm_botocore.exceptions import ClientError

from account_api import api, instance  # noqa: F401  (fixtures)
from cos_clients import token_client

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


def _create_keyed(env, token, instance_crn, name, key):
    client = token_client(env, token, instance=instance_crn)
    return client, lambda: client.create_bucket(Bucket=name, IBMSSEKPEncryptionAlgorithm="AES256",
                                                IBMSSEKPCustomerRootKeyCrn=key)


@pytest.mark.stack_only
@pytest.mark.ledger("KP-03")
@pytest.mark.parametrize("key_env,service", [("IBM_KP_ROOT_KEY_CRN", "kms"), ("IBM_HPCS_ROOT_KEY_CRN", "hs-crypto")])
def test_a_root_key_needs_an_authorization_from_the_instance_to_the_key_instance(env, api, instance,
                                                                                bucket_name, key_env, service):
    key = env[key_env]
    name = bucket_name()
    client, create = _create_keyed(env, api.token, instance["crn"], name, key)

    with pytest.raises(ClientError) as raised:
        create()
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert raised.value.response["Error"]["Message"] == "The Key CRN could not be found"
    assert name not in [b["Name"] for b in client.list_buckets()["Buckets"]]

    # An authorization to another instance of the service, or with a role that cannot read, is not enough.
    policies = api.policies + "/v1/policies"
    elsewhere = api.authorization_body(instance["guid"], "11111111-2222-4333-8444-555555555555",
                                               target_service=service)
    assert api.call("POST", policies, json=elsewhere).status_code == 201
    with pytest.raises(ClientError):
        create()

    body = api.authorization_body(instance["guid"], key.split(":")[7], target_service=service)
    made = api.call("POST", policies, json=body)
    assert made.status_code == 201, made.text
    try:
        create()
        assert kp_headers(client.head_bucket(Bucket=name)) == ("True", key)
    finally:
        client.delete_bucket(Bucket=name)
        api.call("DELETE", f"{policies}/{made.json()['id']}")

    # Deleted, the authorization no longer lets a new bucket use the key.
    with pytest.raises(ClientError):
        _create_keyed(env, api.token, instance["crn"], bucket_name(), key)[1]()


@pytest.mark.stack_only
@pytest.mark.ledger("KP-04")
def test_the_configured_instance_starts_authorized_for_both_configured_keys(env, api):
    guid = env["IBM_COS_INSTANCE_CRN"].split(":")[7]
    listed = api.call("GET", api.policies + "/v1/policies", params={
        "account_id": env["IBM_COS_INSTANCE_CRN"].split(":")[6][2:], "type": "authorization"}).json()["policies"]
    targets = set()
    for policy in listed:
        subject = {a["name"]: a["value"] for a in policy["subjects"][0]["attributes"]}
        resource = {a["name"]: a["value"] for a in policy["resources"][0]["attributes"]}
        if subject.get("serviceInstance") == guid:
            targets.add((resource["serviceName"], resource["serviceInstance"]))
    assert {("kms", env["IBM_KP_ROOT_KEY_CRN"].split(":")[7]),
            ("hs-crypto", env["IBM_HPCS_ROOT_KEY_CRN"].split(":")[7])} <= targets
