"""S3 calls COS does not offer, answered as S3 answers an operation it does not implement."""

from ..web.replies import S3Refusal

# ledger: TAG-01
UNSUPPORTED_OPS = {"PutBucketTagging", "GetBucketTagging", "DeleteBucketTagging"}


def not_implemented(call):
    raise S3Refusal("NotImplemented", 501,
                    f"{call.op}: a header or query you provided implies functionality that is "
                    "not implemented.")
