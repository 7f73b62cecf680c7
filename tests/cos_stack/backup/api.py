"""The backup calls of the Resource Configuration API, bearer tokens only. LEDGER.md cites a source
(or says `assumption`) for every answer given here."""

import copy
import datetime
import re
import uuid

from werkzeug.wrappers import Response

from ..ibm.config_api import merge_patch
from ..ibm.firewall import has_legacy_firewall
from ..web.api_requests import BEARER_NOT_HMAC, bearer_principal, json_object
from ..web.replies import ibm_error, json_reply
from ..process.settings import instance_crn
from .store import (MAX_ACTIVE_RESTORES, MAX_POLICIES_PER_BUCKET, Policy, Restore, Vault, store_for,
                    timestamp, versioning_enabled)

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
VAULT_SETTINGS = {"activity_tracking": ("management_events",), "metrics_monitoring": ("usage_metrics_enabled",)}
MAX_RETENTION_DAYS = 36500  # terraform-provider-ibm resource_ibm_cos_backup_policy.go validation


class Refusal(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _body(request):
    return json_object(request, lambda message: Refusal(400, "InvalidRequest", message))


def _days(value, field):
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_RETENTION_DAYS:
        raise Refusal(400, "InvalidRequest", f"{field} must be a whole number of days from 1 to {MAX_RETENTION_DAYS}.")
    return value


def _vault_settings(body):
    found = {}
    for section, fields in VAULT_SETTINGS.items():
        value = body.get(section, {})
        if not isinstance(value, dict) or set(value) - set(fields) or any(
                not isinstance(v, bool) for v in value.values()):
            raise Refusal(400, "InvalidRequest", f"{section} accepts only {list(fields)}, true or false.")
        found[section] = value
    return found


def parse_time(text):
    """The formats the SDK's restore_point_in_time accepts; without an offset, UTC."""
    try:
        moment = datetime.datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        raise Refusal(400, "InvalidRequest", f"restore_point_in_time {text!r} is not a timestamp.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


class BackupApi:
    def __init__(self, request, state):
        self.request, self.state = request, state
        self.store = store_for(state)
        self.config = state.config

    # -- shared checks --
    # ledger: BKV-09
    def caller(self):
        return bearer_principal(self.request, self.state, lambda message: Refusal(401, "Unauthorized", message),
                                BEARER_NOT_HMAC)

    def bucket_crn(self, record):
        return (f"crn:v1:bluemix:public:cloud-object-storage:global:a/{self.config['account_id']}:"
                f"{record.instance}:bucket:{record.name}")

    def vault_crn(self, vault):
        return (f"crn:v1:bluemix:public:cloud-object-storage:global:a/{self.config['account_id']}:"
                f"{vault.instance}:backup-vault:{vault.name}")

    def vault(self, name, principal):
        vault = self.store.vaults.get(name)
        if vault is None:
            raise Refusal(404, "NoSuchBackupVault", f"Backup vault {name!r} was not found.")
        if vault.instance not in principal.instances:
            raise Refusal(403, "Forbidden", "The caller has no access to the backup vault's service instance.")
        return vault

    def bucket(self, name, principal):
        record = self.state.buckets.get(name)
        if record is None:
            raise Refusal(404, "NoSuchBucket", f"Bucket {name!r} was not found.")
        if record.instance not in principal.instances:
            raise Refusal(403, "Forbidden", "The caller has no access to the bucket's service instance.")
        return record

    # -- documents --
    # ledger: BKV-01
    def vault_document(self, vault):
        document = {
            "backup_vault_name": vault.name, "region": vault.region, "crn": self.vault_crn(vault),
            "service_instance_crn": instance_crn(self.config, vault.instance),
            "time_created": timestamp(vault.created), "time_updated": timestamp(vault.updated),
            "bytes_used": self.store.bytes_used(vault.name),
            "activity_tracking": copy.deepcopy(vault.activity_tracking),
            "metrics_monitoring": copy.deepcopy(vault.metrics_monitoring),
        }
        if vault.root_key_crn:
            document["sse_kp_customer_root_key_crn"] = vault.root_key_crn
        return document

    @staticmethod
    def policy_document(policy):
        document = {"policy_name": policy.name, "policy_id": policy.policy_id, "backup_type": "continuous",
                    "initial_retention": {"delete_after_days": policy.delete_after_days},
                    "target_backup_vault_crn": policy.vault_crn, "policy_status": policy.status}
        if policy.status in ("pending", "initializing"):
            document["initial_sync_progress"] = policy.progress
        if policy.error_cause:
            document["error_cause"] = policy.error_cause
        return document

    # ledger: BKR-02
    @staticmethod
    def range_document(recovery_range):
        return {"recovery_range_id": recovery_range.range_id, "source_resource_crn": recovery_range.source_crn,
                "backup_policy_name": recovery_range.policy_name,
                "range_start_time": timestamp(recovery_range.start), "range_end_time": timestamp(recovery_range.end),
                "range_create_time": timestamp(recovery_range.created),
                "retention": {"delete_after_days": recovery_range.delete_after_days}}

    @staticmethod
    def restore_document(restore):
        document = {"restore_id": restore.restore_id, "recovery_range_id": restore.range_id,
                    "source_resource_crn": restore.source_crn, "target_resource_crn": restore.target_crn,
                    "restore_point_in_time": timestamp(restore.point_in_time), "restore_type": "in_place",
                    "restore_status": restore.status, "init_time": timestamp(restore.created)}
        if restore.status == "running":
            document["restore_percent_progress"] = restore.progress
        if restore.completed:
            document["complete_time"] = timestamp(restore.completed)
        return document

    # -- vaults --
    # ledger: BKV-02
    def list_vaults(self):
        principal = self.caller()
        asked = self.request.args.get("service_instance_id") or self.request.headers.get("service_instance_id")
        if not asked:
            raise Refusal(400, "InvalidRequest", "service_instance_id is required.")
        guid = self.state.instance_guid(asked)
        if guid is None or guid not in principal.instances:
            raise Refusal(403, "Forbidden", "The caller has no access to the requested service instance.")
        vaults = sorted((v for v in self.store.vaults.values() if v.instance == guid), key=lambda v: v.name)
        return json_reply({"backup_vaults": [self.vault_crn(v) for v in vaults]})

    # ledger: BKV-01
    def create_vault(self):
        principal = self.caller()
        asked = self.request.args.get("service_instance_id") or self.request.headers.get("service_instance_id")
        guid = self.state.instance_guid(asked or "")
        if guid is None or guid not in principal.instances:
            raise Refusal(403, "Forbidden", "service_instance_id is missing or not an instance the caller can use.")
        body = _body(self.request)
        allowed = {"backup_vault_name", "region", "sse_kp_customer_root_key_crn", *VAULT_SETTINGS}
        if set(body) - allowed:
            raise Refusal(400, "InvalidRequest", f"Unknown fields: {sorted(set(body) - allowed)}.")
        name, region = body.get("backup_vault_name"), body.get("region")
        if not isinstance(name, str) or not NAME_PATTERN.match(name):
            raise Refusal(400, "InvalidRequest", "backup_vault_name must be 3-63 lowercase letters, digits, '.' and '-'.")
        regions = [location.name for location in self.state.locations if location.kind == "regional"]
        if region not in regions:
            # ledger: BKV-05
            raise Refusal(400, "InvalidRequest", f"region must be one of {regions}.")
        key = body.get("sse_kp_customer_root_key_crn")
        if key is not None and not self.state.root_key_known(key):
            # ledger: BKV-05
            raise Refusal(400, "InvalidRequest", "The Key CRN could not be found.")
        settings = _vault_settings(body)
        if name in self.store.vaults or self.state.buckets.get(name):
            # ledger: BKV-06
            raise Refusal(409, "Conflict", f"The name {name!r} is already used by a bucket or backup vault.")
        vault = Vault(name, guid, region, key, settings["activity_tracking"], settings["metrics_monitoring"])
        self.store.vaults[name] = vault
        return json_reply(self.vault_document(vault), status=201, headers={"ETag": vault.etag()})

    # ledger: BKV-03
    def get_vault(self, name):
        vault = self.vault(name, self.caller())
        return json_reply(self.vault_document(vault), headers={"ETag": vault.etag()})

    # ledger: BKV-04
    def patch_vault(self, name):
        vault = self.vault(name, self.caller())
        if self.request.mimetype not in ("application/merge-patch+json", "application/json"):
            raise Refusal(415, "UnsupportedMediaType", "Use Content-Type: application/merge-patch+json.")
        patch = _body(self.request)
        fixed = sorted(set(patch) - set(VAULT_SETTINGS))
        if fixed:
            raise Refusal(400, "InvalidRequest", f"Only activity_tracking and metrics_monitoring can change "
                                                 f"after creation; not {fixed}.")
        if_match = self.request.headers.get("If-Match")
        if if_match and if_match not in ("*", vault.etag()):
            raise Refusal(412, "PreconditionFailed", "If-Match does not match the backup vault's current ETag.")
        current = {section: getattr(vault, section) for section in VAULT_SETTINGS}
        settings = _vault_settings(merge_patch(current, patch))
        vault.activity_tracking, vault.metrics_monitoring = settings["activity_tracking"], settings["metrics_monitoring"]
        vault.updated = datetime.datetime.now(datetime.timezone.utc)
        return json_reply(self.vault_document(vault), headers={"ETag": vault.etag()})

    # ledger: BKV-07
    def delete_vault(self, name):
        vault = self.vault(name, self.caller())
        held = [r.range_id for r in self.store.ranges.values() if r.vault == name]
        if held:
            raise Refusal(409, "BackupVaultNotEmpty",
                          f"The backup vault is not empty: it holds {len(held)} recovery range(s).")
        del self.store.vaults[vault.name]
        return Response(status=204)

    # -- policies --
    def list_policies(self, bucket):
        self.bucket(bucket, self.caller())
        found = [p for p in self.store.policies.values() if p.bucket == bucket]
        return json_reply({"backup_policies": [self.policy_document(p) for p in sorted(found, key=lambda p: p.created)]})

    # ledger: BKP-01
    def create_policy(self, bucket):
        principal = self.caller()
        record = self.bucket(bucket, principal)
        body = _body(self.request)
        allowed = {"policy_name", "target_backup_vault_crn", "backup_type", "initial_retention"}
        if set(body) - allowed:
            raise Refusal(400, "InvalidRequest", f"Unknown fields: {sorted(set(body) - allowed)}.")
        missing = sorted(allowed - set(body))
        if missing:
            raise Refusal(400, "InvalidRequest", f"Missing fields: {missing}.")
        if body["backup_type"] != "continuous":
            # ledger: BKP-04
            raise Refusal(400, "InvalidRequest", "backup_type must be 'continuous'.")
        retention = body["initial_retention"]
        days = _days(retention.get("delete_after_days") if isinstance(retention, dict) else None,
                     "initial_retention.delete_after_days")
        name, vault_crn = body["policy_name"], str(body["target_backup_vault_crn"])
        vault = self.store.vaults.get(vault_crn.rsplit(":backup-vault:", 1)[-1]) if ":backup-vault:" in vault_crn else None
        if vault is None or self.vault_crn(vault) != vault_crn:
            # ledger: BKP-09
            raise Refusal(404, "NoSuchBackupVault", f"No backup vault has the CRN {vault_crn!r}.")
        existing = [p for p in self.store.policies.values() if p.bucket == bucket]
        if any(p.name == name or p.vault == vault.name for p in existing):
            # ledger: BKP-05
            raise Refusal(409, "Conflict", "The bucket already has a backup policy with this name or vault.")
        if len(existing) >= MAX_POLICIES_PER_BUCKET:
            # ledger: BKP-05
            raise Refusal(400, "InvalidRequest", f"A bucket has at most {MAX_POLICIES_PER_BUCKET} backup policies.")
        if not versioning_enabled(bucket):
            # ledger: BKP-03
            raise Refusal(409, "InvalidBucketState", "Versioning must be enabled on the bucket to set a backup policy.")
        if not self.store.authorized(record.instance, vault.instance):
            # ledger: BKP-06
            raise Refusal(403, "Forbidden", "The bucket's service instance is not authorized for "
                                            "cloud-object-storage.backup-vault.sync on the backup vault.")
        policy = Policy(str(uuid.uuid4()), bucket, name, vault.name, vault_crn, days)
        self.store.start_range(policy, self.bucket_crn(record), policy.created)
        self.store.policies[policy.policy_id] = policy
        return json_reply(self.policy_document(policy), status=201)

    def policy(self, bucket, policy_id):
        self.bucket(bucket, self.caller())
        policy = self.store.policies.get(policy_id)
        if policy is None or policy.bucket != bucket:
            raise Refusal(404, "NoSuchBackupPolicy", f"Backup policy {policy_id!r} was not found on {bucket!r}.")
        return policy

    def get_policy(self, bucket, policy_id):
        return json_reply(self.policy_document(self.policy(bucket, policy_id)))

    # ledger: BKP-08
    def delete_policy(self, bucket, policy_id):
        del self.store.policies[self.policy(bucket, policy_id).policy_id]
        return Response(status=204)

    # -- recovery ranges --
    # ledger: BKR-01 BKR-03
    def list_ranges(self, vault_name):
        self.vault(vault_name, self.caller())
        source = self.request.args.get("source_resource_crn")
        latest = self.request.args.get("latest", "false").lower()
        if latest not in ("true", "false"):
            raise Refusal(400, "InvalidRequest", "latest must be 'true' or 'false'.")
        found = [r for r in self.store.ranges.values()
                 if r.vault == vault_name and r.visible and (not source or r.source_crn == source)]
        found.sort(key=lambda r: r.created)
        if latest == "true":
            found = list({r.source_crn: r for r in found}.values())
        return json_reply({"recovery_ranges": [self.range_document(r) for r in found]})

    def recovery_range(self, vault_name, range_id):
        self.vault(vault_name, self.caller())
        found = self.store.ranges.get(range_id)
        if found is None or found.vault != vault_name or not found.visible:
            raise Refusal(404, "NoSuchRecoveryRange", f"Recovery range {range_id!r} was not found.")
        return found

    def get_range(self, vault_name, range_id):
        return json_reply(self.range_document(self.recovery_range(vault_name, range_id)))

    # ledger: BKR-04
    def patch_range(self, vault_name, range_id):
        found = self.recovery_range(vault_name, range_id)
        patch = _body(self.request)
        if set(patch) != {"retention"} or not isinstance(patch["retention"], dict) or set(patch["retention"]) != {
                "delete_after_days"}:
            raise Refusal(400, "InvalidRequest", "Only retention.delete_after_days can change.")
        found.delete_after_days = _days(patch["retention"]["delete_after_days"], "retention.delete_after_days")
        return json_reply(self.range_document(found))

    # -- restores --
    # ledger: BKT-09
    def list_restores(self, vault_name):
        self.vault(vault_name, self.caller())
        found = sorted((r for r in self.store.restores.values() if r.vault == vault_name), key=lambda r: r.created)
        return json_reply({"restores": [self.restore_document(r) for r in found]})

    # ledger: BKT-09
    def get_restore(self, vault_name, restore_id):
        self.vault(vault_name, self.caller())
        restore = self.store.restores.get(restore_id)
        if restore is None or restore.vault != vault_name:
            raise Refusal(404, "NoSuchRestore", f"Restore {restore_id!r} was not found.")
        return json_reply(self.restore_document(restore))

    # ledger: BKT-01
    def create_restore(self, vault_name):
        principal = self.caller()
        vault = self.vault(vault_name, principal)
        body = _body(self.request)
        needed = {"recovery_range_id", "restore_type", "restore_point_in_time", "target_resource_crn"}
        if set(body) != needed:
            raise Refusal(400, "InvalidRequest", f"The fields are exactly {sorted(needed)}.")
        if body["restore_type"] != "in_place":
            # ledger: BKT-08
            raise Refusal(400, "InvalidRequest", "restore_type must be 'in_place'.")
        found = self.recovery_range(vault.name, body["recovery_range_id"])
        moment = parse_time(body["restore_point_in_time"])
        if not found.start <= moment <= found.end:
            # ledger: BKT-05
            raise Refusal(400, "InvalidRequest", f"restore_point_in_time must be between {timestamp(found.start)} "
                                                 f"and {timestamp(found.end)}.")
        target_crn = str(body["target_resource_crn"])
        target = self.bucket(target_crn.rsplit(":bucket:", 1)[-1], principal)
        if self.bucket_crn(target) != target_crn:
            raise Refusal(404, "NoSuchBucket", f"No bucket has the CRN {target_crn!r}.")
        if not versioning_enabled(target.name):
            # ledger: BKT-06
            raise Refusal(409, "InvalidBucketState", "Versioning must be enabled on the restore's target bucket.")
        if has_legacy_firewall(target.resource_config):
            # ledger: BKT-10
            raise Refusal(409, "InvalidBucketState", "The restore's target bucket has a legacy firewall "
                                                     "(allowed_ip, denied_ip or allowed_network_type); "
                                                     "remove it before restoring into the bucket.")
        if len(self.store.active_restores(vault.name)) >= MAX_ACTIVE_RESTORES:
            # ledger: BKT-07
            raise Refusal(409, "TooManyRestores",
                          f"A backup vault runs at most {MAX_ACTIVE_RESTORES} restores at a time.")
        todo = self.store.versions_at(found, moment)
        restore = Restore(str(uuid.uuid4()), vault.name, found.range_id, found.source_crn, target_crn,
                          target.name, moment, todo=list(todo), total=len(todo))
        self.store.restores[restore.restore_id] = restore
        return json_reply(self.restore_document(restore), status=201)


def answer(request, state, action, *args):
    """Run one BackupApi method with the store's lock held and the clock brought up to now."""
    api = BackupApi(request, state)
    try:
        with api.store.lock:
            api.store.tick()
            return getattr(api, action)(*args)
    except Refusal as refusal:
        return ibm_error(refusal.status, refusal.code, refusal.message)
