# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""location_constraint (with location and storage_class): where the bucket lives and its storage
class. COS fixes both when the bucket is created; on an existing bucket they are only compared."""
from __future__ import annotations

import re

from ._base import SettingError, ImmutableSetting

ORDER = 10
STORAGE_CLASSES = ("standard", "vault", "cold", "smart", "onerate_active")
# cloud-object-storage docs: endpoints.md (regional, cross-region and single-site lists) and
# classes.md "How do I create a bucket with a different storage class?"; ca-mon, in-che and in-mum
# are in endpoints.md and services.md though classes.md omits them. IBM adds locations, so an unknown
# but well-formed one only warns: COS itself answers InvalidLocationConstraint if it is wrong.
KNOWN_LOCATIONS = ("us-south", "us-east", "eu-gb", "eu-de", "eu-es", "au-syd", "jp-tok", "jp-osa", "ca-tor",
                   "br-sao", "ca-mon", "in-che", "in-mum", "us", "eu", "ap",
                   "ams03", "che01", "mon01", "par01", "sjc04", "sng01")
# A regional or cross-region name (us-south, eu) or a single site (ams03).
_LOCATION_SHAPE = re.compile(r"^(?:[a-z]{2}(?:-[a-z]{2,8})?|[a-z]{3}[0-9]{2})$")
OPTIONS = {
    "location": {"type": "str"},
    "storage_class": {"type": "str", "choices": list(STORAGE_CLASSES)},
    "location_constraint": {"type": "str"},
}


def split_location_constraint(constraint):
    """`us-south-standard` -> ("us-south", "standard"); a bare location keeps class None."""
    constraint = (constraint or "").strip().lower()
    location, dash, storage_class = constraint.rpartition("-")
    if dash and storage_class in STORAGE_CLASSES + ("flex",):
        return location, storage_class
    return constraint or None, None


def check_location(location, option, warnings=None):
    """Refuse a location no COS location can have; warn (into `warnings`) about one not known yet."""
    if _LOCATION_SHAPE.match(location):
        if location not in KNOWN_LOCATIONS and warnings is not None:
            warnings.append(f"{option}: location {location!r} is not one this collection knows ("
                            + ", ".join(KNOWN_LOCATIONS) + "); COS refuses it if it does not exist")
        return
    hint = ""
    if location.rpartition("-")[2] in STORAGE_CLASSES:
        hint = " (it ends in a storage class: use location_constraint for the combined form)"
    raise SettingError(f"{option} {location!r} is not a COS location{hint}: expected a regional or "
                       "cross-region name such as us-south or eu, or a single site such as ams03; known: "
                       + ", ".join(KNOWN_LOCATIONS))


def desired_placement(params):
    """{"location", "storage_class"} from the task; parts the task leaves out are None (not compared)."""
    constraint = params.get("location_constraint")
    if constraint:
        if params.get("location") or params.get("storage_class"):
            raise SettingError("location_constraint cannot be combined with location or storage_class")
        location, storage_class = split_location_constraint(constraint)
        if storage_class is None:
            raise SettingError(f"location_constraint {constraint!r} must end in a storage class: "
                               + ", ".join(STORAGE_CLASSES) + " (for example us-south-smart)")
        check_location(location, "location_constraint")
        return {"location": location, "storage_class": storage_class}
    storage_class = params.get("storage_class")
    if storage_class and storage_class.lower() not in STORAGE_CLASSES:
        raise SettingError(f"storage_class {storage_class!r} is not one of " + ", ".join(STORAGE_CLASSES))
    location = (params.get("location") or "").strip().lower() or None
    if location:
        check_location(location, "location")
    return {"location": location,
            "storage_class": storage_class.lower() if storage_class else None}


def creation_constraint(placement, default_location=None, warnings=None):
    """The LocationConstraint for CreateBucket, or None to let the endpoint decide; an unknown
    location given in the task adds a warning to `warnings`."""
    if placement.get("location"):
        check_location(placement["location"], "location", warnings)
    location = placement.get("location") or (default_location if placement.get("storage_class") else None)
    if not location:
        if placement.get("storage_class"):
            raise SettingError("storage_class needs location (or region) to build the location constraint, "
                               "for example location: us-south")
        return None
    return f"{location}-{placement.get('storage_class') or 'standard'}"


class PlacementSetting(ImmutableSetting):
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


SETTING = PlacementSetting
