"""Which service instance a call acts on: the `ibm-service-instance-id` header with IAM tokens,
the key's own instance with HMAC."""

from ..web.replies import S3Refusal
from .s3_auth import Denied


# ledger: AUTH-04 AUTH-05 AUTH-06
def instance_for(call, caller, state):
    """The service instance a create or list acts on, as a GUID."""
    asked = call.request.headers.get("ibm-service-instance-id")
    if caller.scheme == "hmac" and not asked:
        return next(iter(caller.instances))
    if not asked:
        raise S3Refusal("InvalidArgument", 400,
                        "The ibm-service-instance-id header is required with IAM (OAuth) authentication.")
    guid = state.instance_guid(asked)
    if guid is None or guid not in caller.instances:
        raise Denied("The caller has no access to the requested service instance.")
    return guid


# ledger: AUTH-05
def check_bucket_access(record, caller):
    if record.instance not in caller.instances:
        raise Denied("The caller has no access to the bucket's service instance.")
