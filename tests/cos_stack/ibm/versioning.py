"""PutBucketVersioning against what COS keeps it from: retention policies and replication."""

from ..web.replies import S3Refusal
from ..web.wsgi_util import read_body
from .locations import xml_text


def check_versioning(call, record):
    status = xml_text(read_body(call.request.environ), "Status")
    if record.protection and status == "Enabled":
        # ledger: PROT-06
        raise S3Refusal("InvalidBucketState", 409,
                        "Versioning cannot be enabled on a bucket with a retention policy.")
    if record.replication and status != "Enabled":
        # ledger: REPL-04
        raise S3Refusal("InvalidBucketState", 409,
                        "Versioning cannot be suspended while the bucket has a replication "
                        "configuration; delete the replication configuration first.")
