"""The raw floor for small-file syncs: plain ibm_boto3 with no planning, no checks, no Ansible.

    raw_sync.py push DIR BUCKET [THREADS]   PutObject of every file under DIR, THREADS at a time (8)
    raw_sync.py list BUCKET                 ListObjectsV2 over the whole bucket, nothing else

Connection from the stack's environment variables (IAM, like ibm.cos). Prints one JSON line with
the seconds spent importing, building the client and doing the work, and the object count.
"""
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

start = time.perf_counter()
import ibm_boto3  # noqa: E402
from ibm_botocore.client import Config  # noqa: E402

imported = time.perf_counter()
client = ibm_boto3.client(
    "s3",
    ibm_api_key_id=os.environ["IBMCLOUD_API_KEY"],
    ibm_service_instance_id=os.environ.get("IBM_COS_INSTANCE_CRN"),
    ibm_auth_endpoint=os.environ.get("IBM_IAM_ENDPOINT"),
    config=Config(signature_version="oauth", max_pool_connections=16),
    endpoint_url=os.environ["IBM_COS_ENDPOINT"],
    verify=os.environ.get("IBM_COS_CA_BUNDLE") or True,
)
built = time.perf_counter()
if sys.argv[1] == "push":
    root, bucket = sys.argv[2], sys.argv[3]
    threads = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    paths = [os.path.join(d, f) for d, _, files in os.walk(root) for f in files]

    def put(path):
        with open(path, "rb") as body:
            client.put_object(Bucket=bucket, Key=os.path.relpath(path, root), Body=body.read())

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(put, paths))
    count = len(paths)
else:
    count = sum(page.get("KeyCount", 0)
                for page in client.get_paginator("list_objects_v2").paginate(Bucket=sys.argv[2]))
done = time.perf_counter()
print(json.dumps({"import_s": imported - start, "client_s": built - imported, "work_s": done - built,
                  "objects": count}))
