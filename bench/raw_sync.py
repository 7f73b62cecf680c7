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

from raw_client import timed_client

client, phases = timed_client(max_pool_connections=16)
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
print(json.dumps({**phases, "work_s": done - built, "objects": count}))
