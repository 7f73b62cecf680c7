# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a bucket's backup policies forbid: COS refuses to delete the bucket while a policy exists
(cloud-object-storage docs, bvm-configure.md "Adding a backup policy to a bucket") and to suspend
its versioning (bvm-faq.md "What operations are supported on a bucket after a Backup Policy has
been set?").

The policies are read only when a task would delete the bucket or suspend its versioning, so
ordinary runs make no extra call. IBM documents no error code for either refusal, so any 4xx COS
answers there is explained by reading the policies too.
"""
from __future__ import annotations

WHAT_COS_REFUSES = {
    "delete": "COS refuses to delete a bucket while a backup policy exists",
    "suspend": "COS refuses to suspend versioning on a bucket with a backup policy",
}
WHAT_TO_DO = {
    "delete": "then delete the bucket",
    "suspend": "then suspend versioning",
}


def _vault_name(crn) -> str:
    return str(crn or "").rsplit(":backup-vault:", 1)[-1] or "?"


def read_policies(conn, bucket):
    """(the bucket's backup policies, None), or (None, why they could not be read).

    HMAC keys cannot use the Resource Configuration API, and a caller may lack the role to list
    policies or reach the API at all; then COS's own refusal is the safeguard.
    """
    if conn.settings is not None and not conn.settings.uses_iam:
        return None, "HMAC keys cannot read backup policies"
    from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
    from ansible_collections.ibm.cos.plugins.module_utils.backup._api import BackupApi, BackupApiError

    try:
        return BackupApi(conn.config_api).list_policies(bucket), None
    except BackupApiError as exc:
        if 400 <= exc.status < 500:
            return None, f"listing them answered {exc.status}"
        raise CosError(f"could not list the backup policies of bucket {bucket!r} ({exc.status}: {exc}), which "
                       "decide whether COS lets the bucket be deleted or its versioning be suspended; run "
                       "again later", name=bucket) from None
    except (CosError, OSError) as exc:
        return None, str(exc)


def protected_message(bucket, policies, action) -> str:
    described = ", ".join(f"{p.get('policy_name')!r} (into backup vault {_vault_name(p.get('target_backup_vault_crn'))!r}, "
                          f"{p.get('policy_status', 'unknown')})" for p in policies)
    return (f"bucket {bucket!r} has {len(policies)} backup polic{'y' if len(policies) == 1 else 'ies'}: "
            f"{described}. {WHAT_COS_REFUSES[action]}. Delete the policies first (ibm.cos.cos_backup_policy "
            f"with state: absent; their recovery ranges stay in the vaults until their retention passes), "
            f"{WHAT_TO_DO[action]}.")


def refuse_if_protected(conn, bucket, action, warnings=None):
    """Raise SettingError naming the bucket's backup policies, if it has any; before any write.

    When they cannot be read and `warnings` is given, say so there (a force delete empties the
    bucket before COS gets to refuse the delete).
    """
    from .settings._base import SettingError

    policies, why_unknown = read_policies(conn, bucket)
    if policies:
        raise SettingError(protected_message(bucket, policies, action), name=bucket,
                           backup_policies=[p.get("policy_name") for p in policies])
    if why_unknown and warnings is not None:
        warnings.append(f"could not check bucket {bucket!r} for backup policies ({why_unknown}); "
                        "COS refuses to delete a bucket that has one, after force has emptied it")


def explain_refusal(conn, bucket, action, exc):
    """COS refused a delete or a versioning suspension with a 4xx other than a missing bucket or a
    denied caller: say whether the bucket's backup policies are why (IBM documents no code for
    that refusal). Raises SettingError, or returns when the bucket has no backup policy."""
    from ansible_collections.ibm.cos.plugins.module_utils._errors import error_code

    from .settings._base import SettingError

    response = getattr(exc, "response", None)
    meta = response.get("ResponseMetadata", {}) if isinstance(response, dict) else {}
    status = int(meta.get("HTTPStatusCode") or 0)
    code = error_code(exc)
    if not 400 <= status < 500 or status in (403, 404) or code in ("NoSuchBucket", "AccessDenied"):
        return
    policies, why_unknown = read_policies(conn, bucket)
    if policies:
        raise SettingError(protected_message(bucket, policies, action), name=bucket,
                           backup_policies=[p.get("policy_name") for p in policies]) from None
    if why_unknown:
        said = str(((response or {}).get("Error") or {}).get("Message") or "").strip()
        raise SettingError(
            f"COS refused to {'delete bucket' if action == 'delete' else 'suspend versioning on bucket'} "
            f"{bucket!r}: {status} {code} {said}".rstrip() + ". A backup policy on the bucket would explain it "
            f"({WHAT_COS_REFUSES[action]}), but its backup policies could not be read ({why_unknown}): list "
            "them with IAM credentials (ibm.cos.cos_backup_policy) and delete them first.",
            name=bucket, error_code=code, http_status=status) from None
