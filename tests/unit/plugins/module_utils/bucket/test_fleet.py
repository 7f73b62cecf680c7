"""cos_buckets' pure logic: item checks (no call), replication order, the report of results and failures."""
import pytest

from ansible_collections.ibm.cos.plugins.module_utils._connection import CosConnection
from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils.bucket import fleet
from ansible_collections.ibm.cos.plugins.module_utils.bucket.fleet import check_items, report, waves
from ansible_collections.ibm.cos.plugins.module_utils.bucket.spec import ARGUMENT_SPEC

CRN = "crn:v1:bluemix:public:cloud-object-storage:global:a/acct:inst:bucket:"


def test_items_get_cos_buckets_defaults_and_every_problem_is_listed():
    conn = CosConnection(None)
    [bucket] = check_items(conn, [{"name": "good-one", "versioning": True}])
    assert bucket.params["state"] == "present" and bucket.params["force"] is False
    with pytest.raises(CosError) as caught:
        check_items(conn, [{"name": "good-one"}, "text", {"name": "x", "state": "gone"},
                           {"name": "good-one"}, {"versioning": True}])
    problems = caught.value.details["problems"]
    assert problems[0] == "buckets[1]: must be a dict of cos_bucket options, got str"
    assert problems[1].startswith("buckets[2] (x): value of state must be one of: present, absent")
    assert problems[2] == "buckets[3] (good-one): the same bucket as buckets[0]; name each bucket once"
    assert problems[3] == "buckets[4]: missing required arguments: name"


def test_the_item_spec_is_cos_buckets_own():
    assert {"name", "state", "force", "versioning", "firewall"} <= set(ARGUMENT_SPEC)


def test_a_replication_destination_in_the_list_goes_first():
    conn = CosConnection(None)
    buckets = check_items(conn, [
        {"name": "source-a", "versioning": True, "replication_rules": [{"id": "r", "destination_bucket": CRN + "dest-b"}]},
        {"name": "dest-b", "versioning": True},
        {"name": "other-c", "versioning": True, "replication_rules": [{"id": "r", "destination_bucket": CRN + "elsewhere"}]},
    ])
    assert [[b.name for b in group] for group in waves(buckets)] == [["dest-b", "other-c"], ["source-a"]]


class Fake:
    def __init__(self, name, outcome):
        self.name, self.outcome = name, outcome

    def run(self):
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


def test_one_failure_is_reported_and_the_others_kept():
    ok = {"name": "a", "changed": True, "created": True, "diff": {"before": {"state": "absent"},
                                                                  "after": {"state": "present"}}}
    same = {"name": "c", "changed": False, "diff": {"before": {}, "after": {}}}
    fakes = [Fake("a", ok), Fake("b", CosError("refused")), Fake("c", same)]
    outcomes = {f.name: fleet._outcome(f) for f in fakes}
    result, failures = report(fakes, outcomes)
    assert failures == ["b: refused"]
    assert [r["failed"] for r in result["buckets"]] == [False, True, False]
    assert result["summary"] == {"total": 3, "changed": 1, "created": 1, "unchanged": 1, "failed": 1}
    assert result["diff"] == {"before": {"a": {"state": "absent"}}, "after": {"a": {"state": "present"}}}
