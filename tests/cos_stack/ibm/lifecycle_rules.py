"""COS's limits on PutBucketLifecycleConfiguration that moto does not know: at most one rule with
a transition, that rule's filter has an empty prefix, transitions go to GLACIER (Archive) or
ACCELERATED only, and there are no noncurrent-version transitions."""

import re
import xml.etree.ElementTree as ElementTree

from werkzeug.wrappers import Response

from ..web.replies import S3Refusal

TRANSITION_CLASSES = ("GLACIER", "ACCELERATED")
# ledger: LC-05 REPL-05
RULE_ID = re.compile(r"^[A-Za-z0-9!_.*'()-]+$")
MAX_RULES = 1000


class LifecycleError(S3Refusal):
    def __init__(self, message, code="InvalidRequest"):
        super().__init__(code, 400, message)


def _local(element):
    return element.tag.rsplit("}", 1)[-1]


def _children(element, name):
    return [child for child in element if _local(child) == name]


def _filter_prefix(rule):
    """The rule's prefix, from Filter/Prefix, Filter/And/Prefix or the legacy Prefix."""
    for holder in _children(rule, "Filter"):
        for prefix in holder.iter():
            if _local(prefix) == "Prefix":
                return (prefix.text or "").strip()
        return ""
    legacy = _children(rule, "Prefix")
    return (legacy[0].text or "").strip() if legacy else ""


def check_rule_ids(rules, error):
    """COS's limits on the rules of lifecycle and replication configurations."""
    if len(rules) > MAX_RULES:
        # ledger: LC-06 REPL-05
        raise error(f"A configuration has at most {MAX_RULES} rules, got {len(rules)}.")
    for rule in rules:
        for element in _children(rule, "ID"):
            rule_id = element.text or ""
            if not RULE_ID.match(rule_id):
                # ledger: LC-05 REPL-05
                raise error(f"Rule ID {rule_id!r} may hold only letters, digits and !_.*'()-.")


def check_lifecycle(body):
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        raise LifecycleError("The XML you provided was not well-formed.", "MalformedXML") from None
    transition_rules = 0
    rules = _children(root, "Rule")
    check_rule_ids(rules, LifecycleError)
    for rule in rules:
        # ledger: LC-04
        if _children(rule, "NoncurrentVersionTransition"):
            raise LifecycleError("COS does not support NoncurrentVersionTransition.")
        transitions = _children(rule, "Transition")
        if not transitions:
            continue
        transition_rules += 1
        for transition in transitions:
            storage_class = "".join(c.text or "" for c in _children(transition, "StorageClass")).strip()
            # ledger: LC-03
            if storage_class not in TRANSITION_CLASSES:
                raise LifecycleError(f"Transition StorageClass must be one of {TRANSITION_CLASSES}, "
                                     f"got {storage_class!r}.")
        # ledger: LC-02
        if _filter_prefix(rule):
            raise LifecycleError("A rule with a transition must apply to the whole bucket (empty prefix).")
    # ledger: LC-01
    if transition_rules > 1:
        raise LifecycleError("A bucket can have only one rule with a transition.")


def stored_lifecycle(record):
    """GetBucketLifecycleConfiguration answered from the configuration as sent: moto drops the
    ObjectSizeGreaterThan / ObjectSizeLessThan filters COS documents, so the layer keeps the XML."""
    # ledger: LC-07
    if record.lifecycle:
        return Response(record.lifecycle, content_type="application/xml")
    return None  # moto answers NoSuchLifecycleConfiguration
