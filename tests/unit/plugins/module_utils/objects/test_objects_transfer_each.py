"""transfer_each: every item submitted and finished in order, never more than `limit` outstanding."""
from ansible_collections.ibm.cos.plugins.module_utils.objects.transfer import IN_FLIGHT_LIMIT, transfer_each


def test_outstanding_tickets_never_exceed_the_limit_and_finish_in_order():
    outstanding, most, finished = set(), [0], []

    def submit(item):
        outstanding.add(item)
        most[0] = max(most[0], len(outstanding))
        return "ticket-%d" % item

    def finish(item, ticket):
        assert ticket == "ticket-%d" % item
        outstanding.discard(item)
        finished.append(item)

    assert transfer_each(range(25), submit, finish, limit=4) == []
    assert finished == list(range(25))
    assert most[0] == 4 and not outstanding


def test_failures_are_collected_and_the_rest_still_finish():
    finished = []

    def finish(item, _ticket):
        if item % 3 == 0:
            raise ValueError("bad %d" % item)
        finished.append(item)

    failures = transfer_each(range(7), lambda item: item, finish, limit=2)
    assert [(item, str(exc)) for item, exc in failures] == [(0, "bad 0"), (3, "bad 3"), (6, "bad 6")]
    assert finished == [1, 2, 4, 5]


def test_the_default_limit_is_the_transfer_managers_own_queue():
    from ibm_s3transfer.manager import TransferConfig

    assert IN_FLIGHT_LIMIT == TransferConfig().max_request_queue_size
