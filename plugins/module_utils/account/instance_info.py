# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""cos_instance_info: the account's COS service instances, by name, by GUID or CRN, or all of them,
each with its plan, resource group, location, state and (one Global Tagging call each) user tags."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._parallel import run_parallel
from ansible_collections.ibm.cos.plugins.module_utils.account._api import path_id
from ansible_collections.ibm.cos.plugins.module_utils.account._connection import AccountApiError
from ansible_collections.ibm.cos.plugins.module_utils.account._resource import AccountResource
from ansible_collections.ibm.cos.plugins.module_utils.account.crn import instance_guid
from ansible_collections.ibm.cos.plugins.module_utils.account.instance import (
    COS_RESOURCE_ID,
    INSTANCES,
    ServiceInstance,
    summary,
)


class InstanceInfo(AccountResource):
    """Reads only: `run` never calls `write`, so check mode changes nothing here."""

    def run(self) -> dict:
        found = self._one() if self.params["instance"] else self._listed()
        tags = (run_parallel({i["crn"]: (lambda crn=i["crn"]: self._tags(crn)) for i in found})
                if self.params["read_tags"] else {})
        instances = [dict(summary(i, tags.get(i["crn"])), location=i.get("region_id"),
                          service_instance_id=i["crn"]) for i in found]
        return dict(changed=False, instances=instances)

    def _one(self) -> list:
        """The instance the task names by GUID or CRN; none when the Resource Controller knows none."""
        guid = instance_guid(self.params["instance"])
        try:
            document = self.controller.call("GET", f"{INSTANCES}/{path_id(guid)}")
        except AccountApiError as exc:
            if exc.status == 404:
                return []
            raise
        if document.get("resource_id") != COS_RESOURCE_ID or document.get("state") != "active":
            return []
        return [document]

    def _listed(self) -> list:
        query = {"resource_id": COS_RESOURCE_ID, "type": "service_instance"}
        if self.params["name"]:
            query["name"] = self.params["name"]
        if self.params["resource_group"] or self.params["resource_group_id"]:
            query["resource_group_id"] = ServiceInstance.resource_group_id(self.conn, self.params)
        found = self.controller.pages(INSTANCES, query)
        return sorted(found, key=lambda i: (i["name"], i.get("created_at") or "", i["guid"]))

    def _tags(self, crn) -> list:
        return sorted(ServiceInstance.user_tags(self.conn, crn))
