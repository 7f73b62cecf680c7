# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""activity_tracking: which events Activity Tracker receives for the bucket (Resource Configuration API)."""
from __future__ import annotations

from ._config import FlagsSetting, flags_option

ORDER = 150
FLAGS = ("read_data_events", "write_data_events", "management_events")
OPTIONS = flags_option("activity_tracking", FLAGS, legacy_crn="activity_tracker_crn")


class ActivityTrackingSetting(FlagsSetting):
    name = "activity_tracking"
    flags = FLAGS
    legacy_crn = "activity_tracker_crn"
    # config SDK, model ActivityTracking: with the CRN set, "bucket management events are always enabled".
    crn_turns_on = ("management_events",)


SETTING = ActivityTrackingSetting
