"""What COS refuses on a bucket while a backup policy protects it: deleting the bucket
(bvm-configure.md) and suspending its versioning (bvm-faq.md). The policies live in the backup
store (backup/), which exists once the backup API has been used; without it there are none."""

from ..web.replies import S3Refusal
from ..web.wsgi_util import read_body
from .locations import xml_text


def policy_names(state, bucket):
    """The names of the bucket's backup policies, oldest first."""
    store = getattr(state, "backup_store", None)
    if store is None:
        return []
    with store.lock:
        found = [policy for policy in store.policies.values() if policy.bucket == bucket]
    return [policy.name for policy in sorted(found, key=lambda policy: policy.created)]


def check_backup_policies(call, state):
    if call.op == "DeleteBucket":
        names = policy_names(state, call.bucket)
        if names:
            # ledger: BKP-11
            raise S3Refusal("InvalidBucketState", 409,
                            f"The bucket has backup policies ({', '.join(names)}); delete them before "
                            "deleting the bucket.")
    elif call.op == "PutBucketVersioning":
        if xml_text(read_body(call.request.environ), "Status") == "Enabled":
            return
        names = policy_names(state, call.bucket)
        if names:
            # ledger: BKP-12
            raise S3Refusal("InvalidBucketState", 409,
                            f"Versioning cannot be suspended on a bucket with backup policies "
                            f"({', '.join(names)}); delete them first.")
