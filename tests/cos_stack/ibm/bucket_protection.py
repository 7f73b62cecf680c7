"""Get/PutBucketProtectionConfiguration (GET/PUT /{bucket}?protection) with COS's retention rules:
periods 0-36135 days with minimum <= default <= maximum, periods only ever extend, permanent
retention cannot be switched off, and none of it on a bucket with versioning or object lock."""

import xml.etree.ElementTree as ElementTree

from werkzeug.wrappers import Response

from ..web.replies import S3Refusal

# ledger: PROT-01
MAX_DAYS = 36135  # 99 years: immutable.md; api-reference-buckets.md still says 365243
PERIODS = ("MinimumRetention", "DefaultRetention", "MaximumRetention")


class ProtectionError(S3Refusal):
    pass


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _child(element, name):
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def parse_protection(body):
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise ProtectionError("MalformedXML", 400, f"The XML is not well-formed: {error}") from None
    status = _child(root, "Status")
    config = {"Status": status.text.strip() if status is not None and status.text else None}
    for period in PERIODS:
        element = _child(root, period)
        days = _child(element, "Days") if element is not None else None
        if days is None or not (days.text or "").strip().isdigit():
            raise ProtectionError("InvalidArgument", 400, f"{period}.Days is required and must be a whole number.")
        config[period] = int(days.text)
    permanent = _child(root, "EnablePermanentRetention")
    config["EnablePermanentRetention"] = (
        permanent is not None and (permanent.text or "").strip().lower() == "true"
    )
    return config


def check_protection(new, current, versioning_enabled, object_lock_enabled):
    # ledger: PROT-05
    if versioning_enabled:
        raise ProtectionError("InvalidBucketState", 409,
                              "A retention policy cannot be set on a bucket with versioning enabled.")
    if object_lock_enabled:
        raise ProtectionError("InvalidBucketState", 409,
                              "A retention policy cannot be set on a bucket with Object Lock enabled.")
    # ledger: PROT-08
    if new["Status"] != "Retention":
        raise ProtectionError("InvalidArgument", 400,
                              f"Status must be 'Retention', got {new['Status']!r}.")
    for period in PERIODS:
        if not 0 <= new[period] <= MAX_DAYS:
            raise ProtectionError("InvalidArgument", 400, f"{period}.Days must be 0-{MAX_DAYS}.")
    # ledger: PROT-02
    if not new["MinimumRetention"] <= new["DefaultRetention"] <= new["MaximumRetention"]:
        raise ProtectionError("InvalidArgument", 400,
                              "Retention periods must satisfy minimum <= default <= maximum.")
    if current:
# ledger: PROT-03
        for period in PERIODS:
            if new[period] < current[period]:
                raise ProtectionError(
                    "InvalidArgument", 400,
                    f"{period} can only be extended: {current[period]} -> {new[period]} days refused.")
        # ledger: PROT-04
        if current["EnablePermanentRetention"] and not new["EnablePermanentRetention"]:
            raise ProtectionError("InvalidArgument", 400,
                                  "EnablePermanentRetention cannot be turned off once enabled.")


def protection_xml(config):
    # ledger: PROT-07
    if not config:
        inner = "<Status>Disabled</Status>"
    else:
        inner = f"<Status>{config['Status']}</Status>" + "".join(
            f"<{period}><Days>{config[period]}</Days></{period}>" for period in PERIODS
        )
        if config["EnablePermanentRetention"]:
            inner += "<EnablePermanentRetention>true</EnablePermanentRetention>"
    body = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ProtectionConfiguration>{inner}</ProtectionConfiguration>'
    return Response(body, content_type="application/xml")
