"""The pure logic of the backup resource classes: times, comparisons, limits and messages."""
import datetime

import pytest

from ansible_collections.ibm.cos.plugins.module_utils.backup._api import BackupApiError
from ansible_collections.ibm.cos.plugins.module_utils.backup._base import check_days, describe_backup_error
from ansible_collections.ibm.cos.plugins.module_utils.backup._policy import BackupPolicy, policy_summary
from ansible_collections.ibm.cos.plugins.module_utils.backup._restore import api_time, parse_time, same_moment
from ansible_collections.ibm.cos.plugins.module_utils.backup._vault import BackupVault, describe_range

NOON = datetime.datetime(2026, 6, 4, 12, 12, tzinfo=datetime.timezone.utc)


@pytest.mark.parametrize("text", ["2026-06-04T12:12:00Z", "2026-06-04T12:12:00.000Z", "2026-06-04T12:12:00",
                                  "2026-06-04T14:12:00+02:00", "2026-06-04T07:12:00.000-05:00"])
def test_every_time_format_the_sdk_accepts_is_the_same_moment(text):
    assert parse_time(text) == NOON
    assert api_time(parse_time(text)) == "2026-06-04T12:12:00.000Z"


def test_moments_compare_at_the_api_precision_of_milliseconds():
    assert same_moment("2026-06-04T12:12:00.000Z", NOON + datetime.timedelta(microseconds=400))
    assert not same_moment("2026-06-04T12:12:00.001Z", NOON)
    assert not same_moment("not a time", NOON)


def test_a_time_that_is_not_iso_8601_is_refused():
    with pytest.raises(ValueError):
        parse_time("yesterday at noon")


def test_policy_differences_name_each_field_that_differs():
    current = {"target_backup_vault_crn": "crn:a", "backup_type": "continuous",
               "initial_retention": {"delete_after_days": 30}, "policy_status": "active"}
    desired = {"policy_name": "p", "target_backup_vault_crn": "crn:b", "backup_type": "continuous",
               "initial_retention": {"delete_after_days": 30}}

    assert BackupPolicy.differences(current, desired) == ["target_backup_vault_crn is 'crn:a', the task wants 'crn:b'"]
    assert BackupPolicy.differences(current, dict(desired, target_backup_vault_crn="crn:a")) == []


def test_policy_summary_keeps_what_cos_reports_and_drops_the_rest():
    assert policy_summary({"policy_name": "p", "policy_status": "initializing", "initial_sync_progress": 40,
                           "unexpected": 1}) == {"policy_name": "p", "policy_status": "initializing",
                                                 "initial_sync_progress": 40}


@pytest.mark.parametrize("days, problem", [(1, False), (36500, False), (None, False), (0, True), (36501, True)])
def test_retention_days_are_one_to_36500(days, problem):
    assert bool(check_days(days, "delete_after_days")) is problem


def test_a_vault_without_settings_reads_as_everything_off():
    assert BackupVault.current_settings({"activity_tracking": {}}) == {
        "activity_tracking": {"management_events": False}, "metrics_monitoring": {"usage_metrics_enabled": False}}


def test_a_range_is_described_by_bucket_policy_span_and_retention():
    text = describe_range({"source_resource_crn": "crn:v1:x:bucket:orders", "backup_policy_name": "p",
                           "range_start_time": "A", "range_end_time": "B", "retention": {"delete_after_days": 7}})
    assert text == "bucket 'orders' (policy 'p', A to B, kept 7 days)"


def test_a_refused_sync_names_the_authorization_to_create():
    message = describe_backup_error(BackupApiError(403, "not authorized for cloud-object-storage.backup-vault.sync",
                                                   "backup policy 'p' of bucket 'b'"))
    assert "service-to-service authorization" in message and "Backup Manager" in message
    assert "HTTP 412" in describe_backup_error(BackupApiError(412, "stale", "backup vault 'v'"))


def test_a_vault_deleted_between_the_listing_and_its_read_is_missing_not_dropped():
    from ansible_collections.ibm.cos.plugins.module_utils.backup._vault_info import found_and_missing

    vaults = {"a": {"backup_vault_name": "a"}, "b": None}  # b was listed, then its GET found nothing
    assert found_and_missing(["a", "b"], vaults, ["a", "b", "c"]) == ([{"backup_vault_name": "a"}], ["b", "c"])
    assert found_and_missing(["a", "b"], vaults, None) == ([{"backup_vault_name": "a"}], [])
