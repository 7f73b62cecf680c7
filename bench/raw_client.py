"""The raw floors' client: plain ibm_boto3 with ibm.cos's connection (IAM), from the stack's
environment variables, and the seconds spent importing the SDK and building the client."""
import os
import time


def timed_client(max_pool_connections=10):
    """(client, {"import_s": ..., "client_s": ...}); 10 connections is the SDK's default."""
    start = time.perf_counter()
    import ibm_boto3
    from ibm_botocore.client import Config

    imported = time.perf_counter()
    client = ibm_boto3.client(
        "s3",
        ibm_api_key_id=os.environ["IBMCLOUD_API_KEY"],
        ibm_service_instance_id=os.environ.get("IBM_COS_INSTANCE_CRN"),
        ibm_auth_endpoint=os.environ.get("IBM_IAM_ENDPOINT"),
        config=Config(signature_version="oauth", max_pool_connections=max_pool_connections),
        endpoint_url=os.environ["IBM_COS_ENDPOINT"],
        verify=os.environ.get("IBM_COS_CA_BUNDLE") or True,
    )
    return client, {"import_s": imported - start, "client_s": time.perf_counter() - imported}
