# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A service-to-service authorization policy from a COS instance (or one bucket of it) to a Key
Protect / HPCS instance or a backup vault, identified by its content: who, on what, with which roles."""
from __future__ import annotations

from ansible_collections.ibm.cos.plugins.module_utils.account._api import path_id
from ansible_collections.ibm.cos.plugins.module_utils.account._resource import AccountResource
from ansible_collections.ibm.cos.plugins.module_utils.account.crn import Crn

POLICIES = "/v1/policies"
IAM_ROLE = "crn:v1:bluemix:public:iam::::serviceRole:"
COS_ROLE = "crn:v1:bluemix:public:cloud-object-storage::::serviceRole:"
ROLES = {
    "Reader": IAM_ROLE + "Reader", "Writer": IAM_ROLE + "Writer", "Manager": IAM_ROLE + "Manager",
    # cloud-object-storage bvm-overview.md "Granting permission for Backup" names these roles.
    "Backup Manager": COS_ROLE + "BackupManager", "Backup Reader": COS_ROLE + "BackupReader",
}
ROLE_NAMES = {crn: name for name, crn in ROLES.items()}
TARGET_SERVICES = ("kms", "hs-crypto", "cloud-object-storage")
DEFAULT_ROLES = {"kms": ["Reader"], "hs-crypto": ["Reader"], "cloud-object-storage": ["Backup Manager"]}


def _attributes(**pairs):
    return [{"name": name, "value": value, "operator": "stringEquals"} for name, value in pairs.items() if value]


def _as_dict(entries):
    """A policy's subject or resource as {name: value} (IBM adds operators; they do not identify it)."""
    return {a["name"]: str(a["value"]) for entry in entries or [] for a in entry.get("attributes") or []}


class Authorization(AccountResource):
    def __init__(self, conn, params, check_mode=False, diff=False):
        super().__init__(conn, params, check_mode, diff)
        source = Crn(params["source_instance"])
        target = Crn(params["target_instance"])
        self.account = params["account_id"] or source.account
        self.target_service = params["target_service"] or target.service
        self.subject = _attributes(accountId=self.account, serviceName="cloud-object-storage",
                                   serviceInstance=source.instance,
                                   resourceType="bucket" if params["source_bucket"] else None,
                                   resource=params["source_bucket"])
        self.resource = _attributes(accountId=target.account, serviceName=self.target_service,
                                    serviceInstance=target.instance,
                                    resourceType="backup-vault" if params["target_backup_vault"] else None,
                                    resource=params["target_backup_vault"])
        names = params["roles"] or DEFAULT_ROLES[self.target_service]
        self.roles = sorted(ROLES[name] for name in names)
        self.api = conn.api("iam_policy_endpoint")

    def _matching(self):
        """Active authorization policies with this subject and resource, whatever their roles."""
        answer = self.api.call("GET", POLICIES, params={"account_id": self.account, "type": "authorization",
                                                        "state": "active"})
        want_subject, want_resource = _as_dict([{"attributes": self.subject}]), _as_dict([{"attributes": self.resource}])
        return [p for p in answer.get("policies") or []
                if _as_dict(p.get("subjects")) == want_subject and _as_dict(p.get("resources")) == want_resource]

    def _create(self):
        body = {"type": "authorization", "subjects": [{"attributes": self.subject}],
                "roles": [{"role_id": role} for role in self.roles], "resources": [{"attributes": self.resource}]}
        if self.params["description"]:
            body["description"] = self.params["description"]
        return self.api.call("POST", POLICIES, body=body)

    def _delete(self, policy):
        self.api.call("DELETE", f"{POLICIES}/{path_id(policy['id'])}")

    def _view(self, policy=None, roles=None):
        roles = roles if roles is not None else sorted(r["role_id"] for r in policy.get("roles") or [])
        view = {"source": _as_dict([{"attributes": self.subject}]), "target": _as_dict([{"attributes": self.resource}]),
                "roles": [ROLE_NAMES.get(r, r) for r in roles]}
        if policy:
            view["id"] = policy["id"]
        return view

    def present(self):
        matching = self._matching()
        same = [p for p in matching if sorted(r["role_id"] for r in p.get("roles") or []) == self.roles]
        if same:
            return dict(changed=False, policy=self._view(same[0]))
        before = self._view(matching[0]) if matching else {}
        created = self.write("create policy", self._create)
        # New roles take effect before the old policy goes, so access never lapses in between.
        for old in matching:
            self.write(f"delete policy {old['id']}", lambda old=old: self._delete(old))
        after = self._view(created) if created else self._view(roles=self.roles)
        return dict(changed=True, policy=after, diff=dict(before=before, after=after))

    def absent(self):
        matching = self._matching()
        for policy in matching:
            self.write(f"delete policy {policy['id']}", lambda policy=policy: self._delete(policy))
        if not matching:
            return dict(changed=False, policy=None)
        return dict(changed=True, policy=None, diff=dict(before=self._view(matching[0]), after={}))
