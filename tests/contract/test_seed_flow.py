"""The seed script's flow, unchanged but for URLs and the CA: endpoints document -> IAM ->
OAuth client -> list, create with Key Protect, upload, list objects."""

import ibm_boto3
import requests
from ibm_botocore.client import Config

from cos_clients import https


def test_seed_flow(env, kp_root_key, bucket_name):
    ca = env.get("IBM_COS_CA_BUNDLE") or True
    document = requests.get(env["IBM_COS_ENDPOINTS_URL"], verify=ca, timeout=10).json()
    region = env["IBM_COS_REGION"]
    endpoint = https(document["service-endpoints"]["regional"][region]["public"][region])
    iam_url = https(document["identity-endpoints"]["iam-token"]) + "/identity/token"
    cos = ibm_boto3.client(
        "s3",
        ibm_api_key_id=env["IBMCLOUD_API_KEY"],
        ibm_service_instance_id=env["IBM_COS_INSTANCE_CRN"],
        ibm_auth_endpoint=iam_url,
        config=Config(signature_version="oauth"),
        endpoint_url=endpoint,
        verify=ca,
    )
    name = bucket_name(region)

    assert name not in [b["Name"] for b in cos.list_buckets()["Buckets"]]
    cos.create_bucket(
        Bucket=name,
        CreateBucketConfiguration={"LocationConstraint": f"{region}-standard"},
        IBMSSEKPEncryptionAlgorithm="AES256",
        IBMSSEKPCustomerRootKeyCrn=kp_root_key,
    )
    cos.put_object(Bucket=name, Key="seed/hello.txt", Body=b"hello from the seed flow")
    listing = cos.list_objects(Bucket=name)

    assert name in [b["Name"] for b in cos.list_buckets()["Buckets"]]
    assert [(o["Key"], o["Size"]) for o in listing["Contents"]] == [("seed/hello.txt", 24)]
    headers = listing["ResponseMetadata"]["HTTPHeaders"]
    assert headers["ibm-sse-kp-enabled"] == "True"
    assert headers["ibm-sse-kp-crk-id"] == kp_root_key
