# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where cos_object's content comes from (a file, bytes, another object) and whether the object
already holds it."""
from __future__ import annotations

import base64
import os
from collections import namedtuple

from ansible_collections.ibm.cos.plugins.module_utils._errors import CosError
from ansible_collections.ibm.cos.plugins.module_utils.objects import object_io as io_
from ansible_collections.ibm.cos.plugins.module_utils.objects.etag import (
    candidate_part_sizes, etag_part_count, local_file_matches)

# kind: "file" (value = path), "bytes" (value = data) or "copy" (value = copy_source spec, head = its HeadObject)
ContentSource = namedtuple("ContentSource", "kind value size head")


def resolve_source(params, s3):
    """The task's content as a ContentSource, or None when it gives none."""
    if params["src"]:
        if not os.path.isfile(params["src"]):
            raise CosError("src %r is not a readable file" % params["src"])
        return ContentSource("file", params["src"], os.path.getsize(params["src"]), None)
    if params["content"] is not None:
        data = params["content"].encode("utf-8")
        return ContentSource("bytes", data, len(data), None)
    if params["content_base64"] is not None:
        try:
            data = base64.b64decode(params["content_base64"], validate=True)
        except ValueError as exc:
            raise CosError("content_base64 is not valid base64: %s" % exc) from None
        return ContentSource("bytes", data, len(data), None)
    spec = params["copy_source"]
    if spec:
        head = io_.head_object(s3, spec["bucket"], spec["key"], spec.get("version_id"))
        if head is None or head.get("DeleteMarker"):
            raise CosError("copy_source %s/%s does not exist" % (spec["bucket"], spec["key"]))
        return ContentSource("copy", spec, head["ContentLength"], head)
    return None


def hinted_part_size(s3, bucket, key, version_id, head, preferred):
    """Ask COS for part 1's size (HeadObject PartNumber=1) only when the ETag's part count fits
    none of the usual part sizes."""
    parts = etag_part_count(head.get("ETag"))
    if not parts or candidate_part_sizes(head["ContentLength"], parts, preferred):
        return None
    return io_.first_part_size(s3, bucket, key, version_id)


def source_part_size(s3, source, preferred):
    """The part size of a multipart copy source, None for a single-part one."""
    parts = etag_part_count(source.head.get("ETag"))
    if not parts:
        return None
    sizes = candidate_part_sizes(source.size, parts, preferred)
    if len(sizes) != 1:
        spec = source.value
        exact = io_.first_part_size(s3, spec["bucket"], spec["key"], spec.get("version_id"))
        if exact:
            return exact
    return sizes[0] if sizes else None


def content_differs(source, head, overwrite, part_size, hint):
    """Whether the object must be (re)written. ``hint()`` gives an exact part size when asked."""
    if head is None or overwrite == "always":
        return True
    if overwrite == "never":
        return False
    if source.size != head.get("ContentLength"):
        return True
    if source.kind == "copy":
        # Copies keep the source's part layout (transfer.copy_config), so equal content has equal ETags.
        return source.head.get("ETag") != head.get("ETag")
    multipart = etag_part_count(head.get("ETag")) is not None
    return not local_file_matches(source.value, source.size, head["ContentLength"], head.get("ETag"),
                                  part_size, head.get("Metadata"), hint() if multipart else None)
