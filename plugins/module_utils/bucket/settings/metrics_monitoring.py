# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""metrics_monitoring: which metrics IBM Cloud Monitoring receives for the bucket (Resource Configuration API)."""
from __future__ import annotations

from ._config import FlagsSetting, flags_option

ORDER = 160
FLAGS = ("usage_metrics_enabled", "request_metrics_enabled")
OPTIONS = flags_option("metrics_monitoring", FLAGS, legacy_crn="metrics_monitoring_crn")


class MetricsMonitoringSetting(FlagsSetting):
    name = "metrics_monitoring"
    flags = FLAGS
    legacy_crn = "metrics_monitoring_crn"


SETTING = MetricsMonitoringSetting
