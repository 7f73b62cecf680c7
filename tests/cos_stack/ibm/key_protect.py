"""Key Protect and Hyper Protect Crypto Services root keys (SSE-KP): given on CreateBucket,
echoed on the calls COS echoes them on."""

from ..account.store import store_for
from ..web.replies import S3Refusal

ALGORITHM_HEADER = "ibm-sse-kp-encryption-algorithm"
ROOT_KEY_HEADER = "ibm-sse-kp-customer-root-key-crn"
# COS echoes a bucket's Key Protect state on these calls.
ECHO_OPS = {"HeadBucket", "ListObjects", "ListObjectsV2"}


KEY_NOT_FOUND = "The Key CRN could not be found"
# Key Protect's and HPCS's service roles that include Reader's actions.
READING_ROLES = ("Reader", "ReaderPlus", "Writer", "Manager")


# ledger: KP-01
def root_key(headers, state, instance=None, bucket=None):
    """The root key CRN a CreateBucket asks for, or None; refused when unknown or not authorized."""
    algorithm, crn = headers.get(ALGORITHM_HEADER), headers.get(ROOT_KEY_HEADER)
    if not algorithm and not crn:
        return None
    if algorithm != "AES256":
        raise S3Refusal("InvalidArgument", 400,
                        f"{ALGORITHM_HEADER} must be AES256 when a root key is given.")
    if not crn or not state.root_key_known(crn):
        raise S3Refusal("InvalidArgument", 400, KEY_NOT_FOUND)
    check_authorized(state, instance, bucket, crn)
    return crn


def _attributes(entries):
    return {a["name"]: str(a["value"]) for entry in entries or [] for a in entry.get("attributes") or []}


def _grants(policy, account, instance, bucket, key):
    """Whether one authorization policy lets this COS instance (or this bucket) read this key's instance."""
    subject, resource = _attributes(policy.get("subjects")), _attributes(policy.get("resources"))
    service, key_account, key_instance = key[4], key[6][2:], key[7]
    if subject.get("serviceName") != "cloud-object-storage" or subject.get("accountId", account) != account:
        return False
    if subject.get("serviceInstance", instance) != instance:
        return False
    if subject.get("resourceType") == "bucket" and subject.get("resource") != bucket:
        return False
    if resource.get("serviceName") != service or resource.get("accountId", key_account) != key_account:
        return False
    if resource.get("serviceInstance", key_instance) != key_instance:
        return False
    return any(r["role_id"].rsplit(":", 1)[-1] in READING_ROLES for r in policy.get("roles") or [])


# ledger: KP-03
def check_authorized(state, instance, bucket, crn):
    """COS reads the root key as the bucket's instance: without a service-to-service authorization
    (COS instance -> the key's Key Protect / HPCS instance, Reader) IBM answers as for an unknown key."""
    store = store_for(state)
    with store.lock:
        policies = [p for p in store.policies.values() if p["type"] == "authorization" and p["state"] == "active"]
    if not any(_grants(p, store.account_id, instance, bucket, crn.split(":")) for p in policies):
        raise S3Refusal("InvalidArgument", 400, KEY_NOT_FOUND)


# ledger: KP-02
def echo_headers(record, op):
    if record and record.root_key_crn and op in ECHO_OPS:
        return [("ibm-sse-kp-enabled", "True"), ("ibm-sse-kp-crk-id", record.root_key_crn)]
    return []
