"""Get/Put/DeleteBucketReplication kept by the IBM layer: COS's configuration has no Role, which
moto requires, and moto reads back less than it was given. The XML is stored as sent."""

import xml.etree.ElementTree as ElementTree

from werkzeug.wrappers import Response

from ..store import moto_store
from ..web.replies import S3Refusal
from .firewall import has_legacy_firewall
from .lifecycle_rules import check_rule_ids

# replication.md "Legacy bucket firewalls": the services that replicate objects have no fixed IP
# addresses and cannot pass a legacy firewall on either bucket; context-based restrictions can.
FIREWALL_ADVICE = ("Remove the legacy firewall (allowed_ip, denied_ip, allowed_network_type) and use "
                   "context-based restrictions instead.")


class ReplicationError(S3Refusal):
    pass


def _destination_buckets(root):
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] == "Destination":
            for child in element:
                if child.tag.rsplit("}", 1)[-1] == "Bucket":
                    # A bucket CRN (…:bucket:<name>) or an ARN (arn:aws:s3:::<name>).
                    yield (child.text or "").strip().rsplit(":", 1)[-1]


def replication_call(call, record, body, buckets):
    if call.op == "GetBucketReplication":
        # ledger: REPL-03
        if not record.replication:
            raise ReplicationError("ReplicationConfigurationNotFoundError", 404,
                                   "The replication configuration was not found.")
        return Response(record.replication, content_type="application/xml")
    if call.op == "DeleteBucketReplication":
        record.replication = None
        return Response(b"", status=204)
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise ReplicationError("MalformedXML", 400, "The XML you provided was not well-formed.") from None
    # ledger: REPL-02
    check_rule_ids([rule for rule in root if rule.tag.rsplit("}", 1)[-1] == "Rule"],
                   lambda message: ReplicationError("InvalidArgument", 400, message))
    if not moto_store.versioning_enabled(record.name):
        raise ReplicationError("InvalidRequest", 400,
                               "Versioning must be enabled on the source bucket to replicate.")
    if has_legacy_firewall(record.resource_config):
        # ledger: REPL-11
        raise ReplicationError("InvalidBucketState", 409, f"Bucket {record.name!r} has a legacy firewall, which "
                                                          f"replication cannot pass. {FIREWALL_ADVICE}")
    for name in _destination_buckets(root):
        destination = buckets.get(name)
        if destination is None:
            raise ReplicationError("InvalidArgument", 400, f"Destination bucket {name!r} does not exist.")
        if not moto_store.versioning_enabled(name):
            raise ReplicationError("InvalidRequest", 400,
                                   f"Versioning must be enabled on destination bucket {name!r}.")
        if has_legacy_firewall(destination.resource_config):
            # ledger: REPL-11
            raise ReplicationError("InvalidBucketState", 409, f"Destination bucket {name!r} has a legacy "
                                                              f"firewall, which replication cannot pass. "
                                                              f"{FIREWALL_ADVICE}")
    # ledger: REPL-01 REPL-09
    # Object Lock on either side is no obstacle; the Object Lock states of objects replicate only
    # when the destination has Object Lock too, which is a per-object failure, not a refusal.
    # ledger: REPL-08 REPL-10
    record.replication = body
    return Response(b"", status=200)


def firewall_conflict(buckets, record, config):
    """Why a legacy firewall cannot be set on `record` (the merged Resource Configuration `config`),
    or None: the bucket replicates, or another bucket replicates to it."""
    if not has_legacy_firewall(config):
        return None
    # ledger: REPL-12
    if record.replication:
        return (f"Bucket {record.name!r} has a replication configuration, which a legacy firewall would "
                f"stop. Delete the replication configuration first, or use context-based restrictions.")
    for source in buckets.all():
        if source.replication and source.name != record.name and record.name in set(
                _destination_buckets(ElementTree.fromstring(source.replication))):
            return (f"Bucket {record.name!r} is the replication destination of bucket {source.name!r}, "
                    f"which a legacy firewall would stop. Delete that bucket's replication configuration "
                    f"first, or use context-based restrictions.")
    return None
