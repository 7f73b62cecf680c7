# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Settings COS fixes when the bucket is created: location + storage class, Key Protect / HPCS key.

(object_lock, the third one, lives with its default retention in object_lock.py.)
"""
from __future__ import annotations

from ._base import FacetError, ImmutableFacet
from ._options import STORAGE_CLASSES


def split_location_constraint(constraint):
    """`us-south-standard` -> ("us-south", "standard"); a bare location keeps class None."""
    constraint = (constraint or "").strip().lower()
    location, dash, storage_class = constraint.rpartition("-")
    if dash and storage_class in STORAGE_CLASSES + ("flex",):
        return location, storage_class
    return constraint or None, None


def desired_placement(params):
    """{"location", "storage_class"} from the task; parts the task leaves out are None (not compared)."""
    constraint = params.get("location_constraint")
    if constraint:
        if params.get("location") or params.get("storage_class"):
            raise FacetError("location_constraint cannot be combined with location or storage_class")
        location, storage_class = split_location_constraint(constraint)
        if storage_class is None:
            raise FacetError(f"location_constraint {constraint!r} must end in a storage class: "
                             + ", ".join(STORAGE_CLASSES) + " (for example us-south-smart)")
        return {"location": location, "storage_class": storage_class}
    storage_class = params.get("storage_class")
    if storage_class and storage_class.lower() not in STORAGE_CLASSES:
        raise FacetError(f"storage_class {storage_class!r} is not one of " + ", ".join(STORAGE_CLASSES))
    return {"location": (params.get("location") or "").lower() or None,
            "storage_class": storage_class.lower() if storage_class else None}


def creation_constraint(placement, default_location=None):
    """The LocationConstraint for CreateBucket, or None to let the endpoint decide."""
    location = placement.get("location") or (default_location if placement.get("storage_class") else None)
    if not location:
        if placement.get("storage_class"):
            raise FacetError("storage_class needs location (or region) to build the location constraint, "
                             "for example location: us-south")
        return None
    return f"{location}-{placement.get('storage_class') or 'standard'}"


class PlacementFacet(ImmutableFacet):
    name = "location_constraint"
    remedy = ("COS fixes location and storage class when the bucket is created. Use a new bucket "
              "with the desired placement and copy the objects across (ibm.cos.cos_sync), or change "
              "the task to the current value. For colder data on this bucket, an archive transition "
              "in lifecycle_rules may be what you need.")

    def selected(self, params):
        return any(params.get(k) for k in ("location", "storage_class", "location_constraint"))

    def desired(self, params):
        return desired_placement(params)

    def resolve(self, desired, current, params):
        # A part the task leaves out is not compared: take it from the bucket.
        return {k: desired[k] if desired[k] is not None else current.get(k) for k in ("location", "storage_class")}

    def describe(self, value):
        return repr("-".join(v for v in (value.get("location"), value.get("storage_class")) if v) or "unknown")

    def fresh(self, params):
        location, storage_class = split_location_constraint(
            creation_constraint(desired_placement(params), params.get("region")))
        return {"location": location, "storage_class": storage_class}

    def read(self, ctx):
        constraint = ctx.s3.get_bucket_location(Bucket=ctx.bucket).get("LocationConstraint")
        location, storage_class = split_location_constraint(constraint)
        return {"location": location, "storage_class": storage_class}


def header(headers, name):
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value
    return None


def key_protect_from_head(headers):
    """The root key HeadBucket reports ('' when the bucket has none).

    The SDK reads `ibm-sse-kp-enabled` as true only for the exact string 'true', and COS can send
    'True', so the raw header is checked case-insensitively.
    """
    enabled = str(header(headers, "ibm-sse-kp-enabled") or "").strip().lower() == "true"
    return str(header(headers, "ibm-sse-kp-crk-id") or "") if enabled else ""


def same_root_key(current, desired):
    """COS may report the full key CRN or just the key id at its end."""
    if current == desired:
        return True
    if not current or not desired:
        return False
    return desired.endswith(":key:" + current) or current.endswith(":key:" + desired)


class KeyProtectFacet(ImmutableFacet):
    name = "key_protect_root_key_crn"
    api = "head"
    absent = ""
    remedy = ("COS sets the Key Protect / Hyper Protect Crypto Services root key only when the bucket "
              "is created. To encrypt with another key, create a new bucket with it and copy the objects "
              "across (ibm.cos.cos_sync); to rotate key material keep the same key and rotate it in "
              "Key Protect; otherwise set the option to the current key.")

    def normalise(self, value):
        value = (value or "").strip()
        if value and not (value.startswith("crn:") and ":key:" in value):
            raise FacetError(f"key_protect_root_key_crn {value!r} is not a root key CRN; expected "
                             "crn:v1:bluemix:public:kms:<region>:a/<account>:<instance>:key:<key id> "
                             "(hs-crypto in place of kms for HPCS)")
        return value

    def equal(self, current, desired):
        return same_root_key(current, desired)

    def describe(self, value):
        return repr(value) if value else "no root key (provider-managed encryption)"

    def read(self, ctx):
        return key_protect_from_head(ctx.head)
