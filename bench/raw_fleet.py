"""The raw floor for the fleet no-op: plain ibm_boto3 making the reads cos_buckets makes, no Ansible.

    raw_fleet.py create PREFIX COUNT          CreateBucket PREFIX-00000 ..., 16 at a time
    raw_fleet.py read PREFIX COUNT [THREADS]  per bucket HeadBucket and the six reads of scenario 6's
                                              settings (ACL, CORS, lifecycle, versioning, website,
                                              public access block), THREADS buckets at a time (16);
                                              scenario 6's buckets are bench-fleet-00000 ...

Connection from the stack's environment variables (IAM, like ibm.cos). Prints one JSON line with
the seconds spent importing, building the client and doing the work, the CPU seconds and the calls.
"""
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from raw_client import timed_client

client, phases = timed_client(max_pool_connections=16)
from ibm_botocore.exceptions import ClientError  # noqa: E402  (loaded by timed_client)

built = time.perf_counter()
mode, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 16
names = ["%s-%05d" % (prefix, i) for i in range(count)]
READS = (client.head_bucket, client.get_bucket_acl, client.get_bucket_cors,
         client.get_bucket_lifecycle_configuration, client.get_bucket_versioning, client.get_bucket_website,
         client.get_public_access_block)


def read_all(bucket):
    for read in READS:
        try:
            read(Bucket=bucket)
        except ClientError:  # a setting the bucket does not have: an answer all the same
            pass


work = (lambda bucket: client.create_bucket(Bucket=bucket)) if mode == "create" else read_all
with ThreadPoolExecutor(threads) as pool:
    list(pool.map(work, names))
done = time.perf_counter()
print(json.dumps({**phases, "work_s": done - built, "cpu_s": time.process_time(),
                  "calls": count * (1 if mode == "create" else len(READS))}))
