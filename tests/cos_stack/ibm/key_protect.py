"""Key Protect and Hyper Protect Crypto Services root keys (SSE-KP): given on CreateBucket,
echoed on the calls COS echoes them on."""

from ..web.replies import S3Refusal

ALGORITHM_HEADER = "ibm-sse-kp-encryption-algorithm"
ROOT_KEY_HEADER = "ibm-sse-kp-customer-root-key-crn"
# COS echoes a bucket's Key Protect state on these calls.
ECHO_OPS = {"HeadBucket", "ListObjects", "ListObjectsV2"}


# ledger: KP-01
def root_key(headers, state):
    """The root key CRN a CreateBucket asks for, or None; refused when unknown."""
    algorithm, crn = headers.get(ALGORITHM_HEADER), headers.get(ROOT_KEY_HEADER)
    if not algorithm and not crn:
        return None
    if algorithm != "AES256":
        raise S3Refusal("InvalidArgument", 400,
                        f"{ALGORITHM_HEADER} must be AES256 when a root key is given.")
    if not crn or not state.root_key_known(crn):
        raise S3Refusal("InvalidArgument", 400, "The Key CRN could not be found")
    return crn


# ledger: KP-02
def echo_headers(record, op):
    if record and record.root_key_crn and op in ECHO_OPS:
        return [("ibm-sse-kp-enabled", "True"), ("ibm-sse-kp-crk-id", record.root_key_crn)]
    return []
