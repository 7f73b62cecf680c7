"""cos_bucket_info's tolerance: which read failures leave a setting out, and how the warning reads."""
from ansible_collections.ibm.cos.plugins.module_utils._errors import ConfigApiError
from ansible_collections.ibm.cos.plugins.module_utils.bucket.lister import unread_warnings
from ansible_collections.ibm.cos.plugins.module_utils.bucket.reader import unreadable_reason


class ClientError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.response = {"Error": {"Code": code}}


def test_unsupported_or_hidden_settings_are_unreadable_not_failures():
    assert "does not support" in unreadable_reason(ClientError("NotImplemented"))
    assert "role" in unreadable_reason(ClientError("AccessDenied"))
    assert "role" in unreadable_reason(ConfigApiError(403, "forbidden", "b"))


def test_other_failures_still_fail():
    assert unreadable_reason(ClientError("NoSuchBucket")) is None
    assert unreadable_reason(ClientError("SlowDown")) is None
    assert unreadable_reason(ConfigApiError(503, "busy", "b")) is None


def test_one_warning_per_reason_names_settings_and_buckets():
    warnings = unread_warnings({("firewall", "needs IAM"): ["b2", "b1"], ("usage", "needs IAM"): ["b1", "b2"],
                                ("tags", "unsupported"): ["b1"]})
    assert warnings == [
        "settings not read (firewall, usage) for bucket(s) b1, b2: needs IAM; they are left out of the result",
        "settings not read (tags) for bucket(s) b1: unsupported; they are left out of the result",
    ]
