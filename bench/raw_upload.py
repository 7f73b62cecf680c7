"""The raw floor for uploads: ibm_boto3's upload_file with its default transfer settings.

Usage: raw_upload.py FILE BUCKET KEY (connection from the stack's environment variables).
Prints one JSON line with the seconds spent importing, building the client and uploading.
"""
import json
import sys
import time

from raw_client import timed_client

path, bucket, key = sys.argv[1:4]
client, phases = timed_client()
built = time.perf_counter()
client.upload_file(path, bucket, key)
done = time.perf_counter()
print(json.dumps({**phases, "upload_s": done - built}))
