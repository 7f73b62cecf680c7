"""The raw floor for uploads: ibm_boto3's upload_file with its default transfer settings.

Usage: raw_upload.py FILE BUCKET KEY (connection from the stack's environment variables).
Prints one JSON line with the seconds spent importing, building the client and uploading.
"""
import json
import os
import sys
import time

start = time.perf_counter()
import ibm_boto3  # noqa: E402
from ibm_botocore.client import Config  # noqa: E402

imported = time.perf_counter()
path, bucket, key = sys.argv[1:4]
client = ibm_boto3.client(
    "s3",
    ibm_api_key_id=os.environ["IBMCLOUD_API_KEY"],
    ibm_service_instance_id=os.environ.get("IBM_COS_INSTANCE_CRN"),
    ibm_auth_endpoint=os.environ.get("IBM_IAM_ENDPOINT"),
    config=Config(signature_version="oauth"),
    endpoint_url=os.environ["IBM_COS_ENDPOINT"],
    verify=os.environ.get("IBM_COS_CA_BUNDLE") or True,
)
built = time.perf_counter()
client.upload_file(path, bucket, key)
done = time.perf_counter()
print(json.dumps({"import_s": imported - start, "client_s": built - imported, "upload_s": done - built}))
