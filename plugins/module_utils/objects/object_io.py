# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The reads and transfers cos_object, cos_object_info and cos_sync share (thin I/O over ibm_boto3)."""
from __future__ import annotations

import os
import tempfile

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError, error_code, read_or_default
from ansible_collections.ibm.cos.plugins.module_utils._tags import dict_to_tagset, tagset_to_dict

MISSING_CODES = ("404", "NoSuchKey", "NotFound", "NoSuchVersion")
# HeadObject on a delete marker's version answers 405: the version exists, it is a marker.
DELETE_MARKER_CODES = ("405", "MethodNotAllowed")


def _version(version_id):
    return {"VersionId": version_id} if version_id else {}


def head_object(s3, bucket, key, version_id=None):
    """HeadObject, or None when the object (or that version) does not exist."""
    try:
        head = s3.head_object(Bucket=bucket, Key=key, **_version(version_id))
    except Exception as exc:  # pylint: disable=broad-except
        if error_code(exc) in MISSING_CODES:
            return None
        if error_code(exc) in DELETE_MARKER_CODES:
            return {"DeleteMarker": True, "VersionId": version_id}
        raise
    head.pop("ResponseMetadata", None)
    head.pop("Body", None)
    return head


def send_copy_redirect_as_header(s3):
    """Make CopyObject send ``WebsiteRedirectLocation`` as its ``x-amz-website-redirect-location`` header.

    ibm_botocore's model leaves the member's ``location`` out on CopyObject (PutObject and
    CreateMultipartUpload have it), so the SDK tries to put it in a body CopyObject does not have
    and fails with ``KeyError: 'name'``. The member is moved to the header here, once per client.
    """
    def stash(params, context, **_kwargs):
        value = params.pop("WebsiteRedirectLocation", None)
        if value is not None:
            context["website_redirect_location"] = value

    def add_header(params, context, **_kwargs):
        value = context.get("website_redirect_location")
        if value is not None:
            params["headers"]["x-amz-website-redirect-location"] = value

    s3.meta.events.register("before-parameter-build.s3.CopyObject", stash, unique_id="ibm-cos-redirect-stash")
    s3.meta.events.register("before-call.s3.CopyObject", add_header, unique_id="ibm-cos-redirect-header")


def first_part_size(s3, bucket, key, version_id=None):
    """Size of part 1 of a multipart object (HeadObject PartNumber=1), or None if not reported."""
    try:
        head = s3.head_object(Bucket=bucket, Key=key, PartNumber=1, **_version(version_id))
    except Exception:  # pylint: disable=broad-except
        return None
    return head.get("ContentLength") if head.get("PartsCount") else None


def object_tags(s3, bucket, key, version_id=None):
    """{tag: value}, or None when the object does not exist."""
    response = read_or_default(lambda: s3.get_object_tagging(Bucket=bucket, Key=key, **_version(version_id)),
                               MISSING_CODES, None)
    return None if response is None else tagset_to_dict(response.get("TagSet"))


def put_tags(s3, bucket, key, tags):
    if tags:
        s3.put_object_tagging(Bucket=bucket, Key=key, Tagging={"TagSet": dict_to_tagset(tags)})
    else:
        s3.delete_object_tagging(Bucket=bucket, Key=key)


ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def canned_acl(s3, bucket, key):
    """``public-read`` when everyone may read the object, else ``private`` (the only two COS offers:
    public-access.md "Allowing public access on individual objects"; credentials.md); None when
    the object does not exist."""
    response = read_or_default(lambda: s3.get_object_acl(Bucket=bucket, Key=key), MISSING_CODES, None)
    if response is None:
        return None
    grants = response.get("Grants", [])
    public = any(g.get("Grantee", {}).get("URI") == ALL_USERS and g.get("Permission") in ("READ", "FULL_CONTROL")
                 for g in grants)
    return "public-read" if public else "private"


def read_object(s3, bucket, key, version_id=None):
    """The object's bytes (callers check its size first)."""
    return s3.get_object(Bucket=bucket, Key=key, **_version(version_id))["Body"].read()


def legal_hold_ids(s3, bucket, key):
    """IDs of the IBM legal holds on an object (ListLegalHolds)."""
    return [hold["ID"] for hold in s3.list_legal_holds(Bucket=bucket, Key=key).get("LegalHolds", [])]


def download_atomically(s3, bucket, key, dest, version_id, config):
    """Download into a temporary file next to ``dest`` and rename it into place.

    A failure at any point leaves ``dest`` as it was: never a half-written file.
    """
    directory = os.path.dirname(os.path.abspath(dest))
    if not os.path.isdir(directory):
        raise CosError("dest %r: directory %r does not exist" % (dest, directory))
    fd, temp = tempfile.mkstemp(dir=directory, prefix="." + os.path.basename(dest) + ".", suffix=".part")
    os.close(fd)
    try:
        s3.download_file(bucket, key, temp, ExtraArgs=_version(version_id) or None, Config=config)
        os.chmod(temp, _mode_for(dest))
        os.replace(temp, dest)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def _mode_for(dest):
    """Keep an existing file's permissions; a new file gets the umask's (mkstemp makes 0600)."""
    if os.path.exists(dest):
        return os.stat(dest).st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def hmac_client(settings):
    """An S3 client that signs SigV4 with the HMAC keys, for presigned URLs (bearer tokens cannot sign)."""
    import ibm_boto3
    from ibm_botocore.client import Config

    from ansible_collections.ibm.cos.plugins.module_utils import _client

    values = settings.values
    if not (values.get("hmac_access_key_id") and values.get("hmac_secret_access_key")):
        raise CosError("presign needs HMAC keys: set hmac_access_key_id and hmac_secret_access_key "
                       "(or IBM_COS_HMAC_ACCESS_KEY_ID / IBM_COS_HMAC_SECRET_ACCESS_KEY, or cos_hmac_keys "
                       "in credentials_file). An IAM API key or token cannot sign a URL.")
    return ibm_boto3.client(
        "s3", endpoint_url=_client.s3_endpoint_url(settings), verify=settings.verify,
        aws_access_key_id=values["hmac_access_key_id"], aws_secret_access_key=values["hmac_secret_access_key"],
        # SigV4 scopes the signature to a region; COS accepts any, IBM's examples use us-standard.
        region_name=values.get("region") or "us-standard",
        config=Config(signature_version="s3v4", s3={"addressing_style": settings.addressing_style}))


def drop_empty(**members):
    return {name: value for name, value in members.items() if value}


def _page_request(bucket, prefix, delimiter, max_keys, taken):
    """A listing request's common part; with `max_keys`, no more than are still wanted (1000 at most)."""
    request = {"Bucket": bucket, "Prefix": prefix or ""}
    if delimiter:
        request["Delimiter"] = delimiter
    if max_keys is not None:
        request["MaxKeys"] = min(1000, max_keys - taken)
    return request


def list_objects(s3, bucket, prefix="", delimiter=None, max_keys=None, continuation_token=None,
                 start_after=None):
    """ListObjectsV2 across pages. Returns (objects, common_prefixes, next_continuation_token).

    With ``max_keys`` it stops after that many entries and hands back the token to go on.
    """
    objects, prefixes, token = [], [], continuation_token
    while True:
        request = _page_request(bucket, prefix, delimiter, max_keys, len(objects) + len(prefixes))
        if token or start_after:  # a token goes on from the last page; start_after only starts
            request.update({"ContinuationToken": token} if token else {"StartAfter": start_after})
        page = s3.list_objects_v2(**request)
        objects.extend(page.get("Contents", []))
        prefixes.extend(p["Prefix"] for p in page.get("CommonPrefixes", []))
        token = page.get("NextContinuationToken") if page.get("IsTruncated") else None
        if not token or (max_keys is not None and len(objects) + len(prefixes) >= max_keys):
            return objects, prefixes, token


def list_versions(s3, bucket, prefix="", delimiter=None, max_keys=None, key_marker=None,
                  version_id_marker=None):
    """ListObjectVersions across pages: (versions, delete_markers, prefixes, next_markers or None)."""
    versions, markers, prefixes = [], [], []
    while True:
        request = _page_request(bucket, prefix, delimiter, max_keys, len(versions) + len(markers))
        if key_marker:
            request.update(drop_empty(KeyMarker=key_marker, VersionIdMarker=version_id_marker))
        page = s3.list_object_versions(**request)
        versions.extend(page.get("Versions", []))
        markers.extend(page.get("DeleteMarkers", []))
        prefixes.extend(p["Prefix"] for p in page.get("CommonPrefixes", []))
        nxt = None
        if page.get("IsTruncated"):
            key_marker, version_id_marker = page.get("NextKeyMarker"), page.get("NextVersionIdMarker")
            nxt = {"key_marker": key_marker, "version_id_marker": version_id_marker}
        if nxt is None or (max_keys is not None and len(versions) + len(markers) >= max_keys):
            return versions, markers, prefixes, nxt
