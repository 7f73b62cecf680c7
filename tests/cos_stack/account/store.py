"""What the account APIs remember: resource groups, service instances, resource keys, policies.

The store hangs off the stack's state (one per stack) and empties with it on /_stack/reset. An
instance made through the Resource Controller is usable on the S3 ports at once by the identity that
made it, and a resource key's API key and HMAC pair work at IAM and S3, as on IBM Cloud; the stack's
own tables (config instances, api_keys, hmac_keys) are widened here and put back on reset.
"""

import copy
import dataclasses
import datetime
import secrets
import threading
import uuid

# The COS offering and its plans (IBM docs, cloud-object-storage/billing.md "resource_id" and
# faq-provisioning.md for standard and lite; one-rate: LEDGER.md RCI-03).
COS_RESOURCE_ID = "dff97f5c-bc5e-4455-b470-411c3edbe49c"
COS_PLANS = {
    "744bfc56-d12c-4866-88d5-dac9139e0e5d": "standard",
    "2fdf0c08-2d32-4f46-84b5-32e0c92fffd8": "lite",
    "1e4e33e4-cfa6-4f12-9016-be594a6d5f87": "cos-one-rate-plan",
}
LITE_PLAN_ID = "2fdf0c08-2d32-4f46-84b5-32e0c92fffd8"
STANDARD_PLAN_ID = "744bfc56-d12c-4866-88d5-dac9139e0e5d"

_ATTACH_LOCK = threading.Lock()


def now():
    moment = datetime.datetime.now(datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond:06d}Z"


def hex_id():
    return uuid.uuid4().hex


class AccountStore:
    def __init__(self, state):
        self.state = state
        self.lock = threading.RLock()
        self.account_id = state.config["account_id"]
        self._pristine = {name: copy.deepcopy(state.config[name])
                          for name in ("instances", "api_keys", "hmac_keys", "trusted_profiles")}
        self.reset()

    def reset(self):
        with self.lock:
            for guid in list(getattr(self, "instances", {})):
                self.revoke_instance(guid)
            for name, value in self._pristine.items():
                self.state.config[name] = copy.deepcopy(value)
            default_group = {"id": "c05a0000000000000000000000d3fa17", "name": "Default", "default": True}
            other_group = {"id": "c05a00000000000000000000000a9ca7", "name": "cos-stack-apps", "default": False}
            self.groups = {g["id"]: self._group_document(g) for g in (default_group, other_group)}
            self.instances = {}  # guid -> ResourceInstance document
            self.keys = {}  # guid -> ResourceKey document (credentials included)
            self.policies = {}  # id -> Policy document
            self._seed_key_authorizations()
            self.tags = {}  # resource CRN -> sorted user tag names

    # ledger: KP-04
    def _seed_key_authorizations(self):
        """The authorizations the stack's account starts with (config `key_authorizations`): its
        configured instance may read the configured root keys, as an account set up earlier would."""
        for entry in self.state.config.get("key_authorizations", []):
            key = self.state.config["root_keys"][entry["root_key"]].split(":")
            policy_id = str(uuid.uuid4())
            attributes = [
                {"attributes": [{"name": "accountId", "value": self.account_id, "operator": "stringEquals"},
                                {"name": "serviceName", "value": "cloud-object-storage", "operator": "stringEquals"},
                                {"name": "serviceInstance", "value": entry["instance"], "operator": "stringEquals"}]},
                {"attributes": [{"name": "accountId", "value": key[6][2:], "operator": "stringEquals"},
                                {"name": "serviceName", "value": key[4], "operator": "stringEquals"},
                                {"name": "serviceInstance", "value": key[7], "operator": "stringEquals"}]},
            ]
            self.policies[policy_id] = {
                "id": policy_id, "type": "authorization", "description": "set up with the stack's account",
                "subjects": attributes[:1], "resources": attributes[1:],
                "roles": [{"role_id": "crn:v1:bluemix:public:iam::::serviceRole:Reader", "display_name": "Reader"}],
                "href": f"/v1/policies/{policy_id}", "created_at": "2026-01-01T00:00:00.000Z",
                "created_by_id": "IBMid-cos-stack", "last_modified_at": "2026-01-01T00:00:00.000Z",
                "last_modified_by_id": "IBMid-cos-stack", "state": "active", "etag": "1-" + hex_id(),
            }

    def _group_document(self, group):
        return {
            "id": group["id"], "crn": f"crn:v1:bluemix:public:resource-controller::a/{self.account_id}::"
                                      f"resource-group:{group['id']}",
            "account_id": self.account_id, "name": group["name"], "state": "ACTIVE",
            "default": group["default"], "enable_reclamation": False, "quota_id": "a3d7b8d01e261c24677937c29ab33f3c",
            "quota_url": "/v2/quota_definitions/a3d7b8d01e261c24677937c29ab33f3c",
            "payment_methods_url": f"/v2/resource_groups/{group['id']}/payment_methods",
            "resource_linkages": [], "teams_url": f"/v2/resource_groups/{group['id']}/teams",
            "created_at": "2026-01-01T00:00:00.000Z", "updated_at": "2026-01-01T00:00:00.000Z",
        }

    # -- the S3 side's view of instances and identities --

    # ledger: RCI-10
    def grant_instance(self, iam_id, guid, name):
        """The creator of an instance may use it on the S3 ports, with tokens it already holds."""
        config = self.state.config
        config["instances"].append({"guid": guid, "name": name})
        for entry in config["api_keys"] + config["trusted_profiles"]:
            if entry["iam_id"] == iam_id and guid not in entry["instances"]:
                entry["instances"].append(guid)
        self._rewrite_live_grants(lambda principal: principal.iam_id == iam_id,
                                  lambda instances: instances | {guid})

    def revoke_instance(self, guid):
        config = self.state.config
        config["instances"] = [e for e in config["instances"] if e["guid"] != guid]
        for entry in config["api_keys"] + config["trusted_profiles"]:
            if guid in entry["instances"]:
                entry["instances"].remove(guid)
        config["hmac_keys"] = [e for e in config["hmac_keys"] if e["instance"] != guid]
        self._rewrite_live_grants(lambda principal: guid in principal.instances,
                                  lambda instances: instances - {guid})

    def _rewrite_live_grants(self, matches, change):
        # Principals are snapshots taken when a token is issued; the tokens of this run must see an
        # instance made (or removed) after they were issued, as IBM's policy checks would.
        self.state.tokens.update_principals(
            matches, lambda principal: dataclasses.replace(principal, instances=frozenset(change(principal.instances))))

    # ledger: RCK-03
    def add_key_identity(self, guid, with_hmac):
        """A resource key's API key (a new service ID) and, with HMAC, its key pair."""
        apikey = "stack-rk-" + secrets.token_urlsafe(24)
        iam_id = "iam-ServiceId-" + str(uuid.uuid4())
        self.state.config["api_keys"].append({"apikey": apikey, "name": "rk-" + iam_id[-8:], "iam_id": iam_id,
                                              "instances": [guid]})
        hmac_pair = None
        if with_hmac:
            hmac_pair = {"access_key_id": secrets.token_hex(16), "secret_access_key": secrets.token_hex(24)}
            self.state.config["hmac_keys"].append(dict(hmac_pair, instance=guid))
        return apikey, iam_id, hmac_pair

    def remove_key_identity(self, credentials):
        config = self.state.config
        config["api_keys"] = [e for e in config["api_keys"] if e["apikey"] != credentials.get("apikey")]
        hmac_pair = credentials.get("cos_hmac_keys") or {}
        config["hmac_keys"] = [e for e in config["hmac_keys"]
                               if e["access_key_id"] != hmac_pair.get("access_key_id")]

    def instance_by_id(self, instance_id):
        """A live instance by GUID or CRN, else None."""
        for guid, document in self.instances.items():
            if instance_id in (guid, document["crn"]) and document["state"] == "active":
                return document
        return None

    def buckets_of(self, guid):
        return [record.name for record in self.state.buckets.all() if record.instance == guid]


def store_for(state):
    """The account store of this stack, made on first use."""
    with _ATTACH_LOCK:
        store = getattr(state, "account_store", None)
        if store is None:
            store = state.account_store = AccountStore(state)
            state.on_reset.append(store.reset)
        return store
