# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A COS service instance in the Resource Controller, found by name and resource group.

Never two: the instance is looked up by name before it is made, and after a create the module lists
again; when a concurrent run made one too, every run keeps the oldest (earliest created_at, then GUID)
and the run whose instance lost deletes it at once (it is empty: nothing can know its GUID yet). The
Resource Controller has no uniqueness check or lock to lean on, so this is the whole guarantee.
"""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils.account._api import path_id
from ansible_collections.ibm.cos.plugins.module_utils.account._resource import AccountResource

COS_RESOURCE_ID = "dff97f5c-bc5e-4455-b470-411c3edbe49c"
PLANS = {
    "standard": "744bfc56-d12c-4866-88d5-dac9139e0e5d",
    "lite": "2fdf0c08-2d32-4f46-84b5-32e0c92fffd8",
    "one-rate": "1e4e33e4-cfa6-4f12-9016-be594a6d5f87",
}
PLAN_NAMES = {plan_id: name for name, plan_id in PLANS.items()}
# IBM documents upgrading Lite to Standard in place; other changes need a new instance.
PLAN_CHANGES = {("lite", "standard")}
INSTANCES = "/v2/resource_instances"


def oldest(instances):
    return min(instances, key=lambda i: (i.get("created_at") or "", i["guid"])) if instances else None


def summary(document, tags=None):
    found = {
        "name": document["name"], "id": document["id"], "guid": document["guid"], "crn": document["crn"],
        "plan": PLAN_NAMES.get(document["resource_plan_id"], document["resource_plan_id"]),
        "resource_plan_id": document["resource_plan_id"], "resource_group_id": document["resource_group_id"],
        "state": document.get("state"), "region_id": document.get("region_id"),
        "account_id": document.get("account_id"), "created_at": document.get("created_at"),
    }
    if tags is not None:
        found["tags"] = sorted(tags)
    return found


class ServiceInstance(AccountResource):
    # -- reads --

    @staticmethod
    def resource_group_id(conn, params):
        """The ID of the task's resource group (resource_group_id, resource_group, else the default)."""
        if params["resource_group_id"]:
            return params["resource_group_id"]
        name = params["resource_group"]
        query = {"name": name} if name else {"default": "true"}
        groups = conn.api("resource_manager_endpoint").call("GET", "/v2/resource_groups", params=query)
        found = groups.get("resources") or []
        if not found:
            raise CosError(f"resource_group {name!r} does not exist in this account" if name else
                           "the account has no default resource group; set resource_group")
        return found[0]["id"]

    def _named(self, group_id):
        return self.controller.pages(INSTANCES, {"name": self.params["name"], "resource_group_id": group_id,
                                                 "resource_id": COS_RESOURCE_ID, "type": "service_instance"})

    @staticmethod
    def user_tags(conn, crn):
        answer = conn.api("tagging_endpoint").call("GET", "/v3/tags", params={
            "attached_to": crn, "tag_type": "user", "limit": 1000})
        return [item["name"] for item in answer.get("items") or []]

    def _tags(self, crn):
        return self.user_tags(self.conn, crn)

    # -- writes --

    def _create(self, group_id):
        body = {"name": self.params["name"], "target": "global", "resource_group": group_id,
                "resource_plan_id": PLANS[self.params["plan"]], "tags": sorted(set(self.params["tags"] or []))}
        return self.controller.call("POST", INSTANCES, body=body)

    def _keep_oldest(self, group_id, created):
        """After a create: if a concurrent run made one too, keep the oldest and delete ours if it lost."""
        winner = oldest(self._named(group_id)) or created
        if winner["guid"] != created["guid"]:
            self.controller.call("DELETE", f"{INSTANCES}/{path_id(created['guid'])}")
            self.warnings.append(f"a concurrent run created instance {self.params['name']!r} too; kept the older "
                                 f"one ({winner['guid']}) and deleted {created['guid']}")
        return winner

    def _change_tags(self, crn, add, remove):
        tagging = self.conn.api("tagging_endpoint")
        for verb, names in (("attach", add), ("detach", remove)):
            if names:
                tagging.call("POST", f"/v3/tags/{verb}", params={"tag_type": "user"},
                             body={"resources": [{"resource_id": crn}], "tag_names": sorted(names)})

    # -- states --

    def _find(self):
        group_id = self.resource_group_id(self.conn, self.params)
        named = self._named(group_id)
        if len(named) > 1:
            others = ", ".join(i["guid"] for i in named if i is not oldest(named))
            self.warnings.append(f"{len(named)} instances are named {self.params['name']!r} in this resource "
                                 f"group; using the oldest, {oldest(named)['guid']} (others: {others})")
        return group_id, oldest(named)

    def present(self):
        group_id, found = self._find()
        desired_tags = None if self.params["tags"] is None else set(self.params["tags"])
        if found is None:
            after = {"name": self.params["name"], "plan": self.params["plan"], "resource_group_id": group_id,
                     "tags": sorted(desired_tags or [])}
            created = self.write(f"create instance {self.params['name']}", lambda: self._create(group_id))
            if created is None:  # check mode
                return dict(changed=True, instance=None, diff=dict(before={}, after=after))
            winner = self._keep_oldest(group_id, created)
            return self._result(True, {}, winner, self._tags(winner["crn"]) if desired_tags is not None else None)
        tags = set(self._tags(found["crn"])) if desired_tags is not None else None
        before = summary(found, tags)
        plan_now = PLAN_NAMES.get(found["resource_plan_id"], found["resource_plan_id"])
        if plan_now != self.params["plan"]:
            if (plan_now, self.params["plan"]) not in PLAN_CHANGES:
                raise CosError(f"instance {self.params['name']!r} has plan {plan_now!r}; it cannot change "
                               f"to {self.params['plan']!r} (only lite to standard can change in place). "
                               "Create a new instance with another name for that plan.", instance=before)
            updated = self.write(f"change plan to {self.params['plan']}", lambda: self.controller.call(
                "PATCH", f"{INSTANCES}/{path_id(found['guid'])}", body={"resource_plan_id": PLANS[self.params['plan']]}))
            found = updated or dict(found, resource_plan_id=PLANS[self.params["plan"]])
        if tags is not None and tags != desired_tags:
            self.write("change tags", lambda: self._change_tags(found["crn"], desired_tags - tags,
                                                                tags - desired_tags))
            tags = desired_tags
        return self._result(bool(self.writes), before, found, tags)

    def absent(self):
        found = self._find()[1]
        if found is None:
            return dict(changed=False, instance=None)
        before = summary(found)
        if not self.params["force"]:
            buckets = self.conn.instance_buckets(found["crn"])
            if buckets:
                shown = ", ".join(buckets[:10]) + (" ..." if len(buckets) > 10 else "")
                raise CosError(f"instance {self.params['name']!r} still holds {len(buckets)} bucket(s): "
                               f"{shown}; delete them first, or set force: true to delete the instance "
                               "with its buckets and credentials", instance=before)
        params = {"recursive": "true"} if self.params["force"] else None
        self.write(f"delete instance {found['guid']}", lambda: self.controller.call(
            "DELETE", f"{INSTANCES}/{path_id(found['guid'])}", params=params))
        return dict(changed=True, instance=before, diff=dict(before=before, after={}))

    def _result(self, changed, before, document, tags):
        after = summary(document, tags)
        return dict(changed=changed, instance=after, crn=document["crn"], guid=document["guid"],
                    service_instance_id=document["crn"], diff=dict(before=before, after=after))
