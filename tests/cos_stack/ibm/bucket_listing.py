"""ListBuckets and IBM's ListBucketsExtended (GET /?extended), answered from the IBM layer's
bucket registry so each instance sees only its own buckets."""

from xml.sax.saxutils import escape

from werkzeug.wrappers import Response

NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"
DEFAULT_MAX_KEYS = 1000


def _timestamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _xml(root, inner):
    body = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{root} xmlns="{NAMESPACE}">{inner}</{root}>'
    return Response(body, content_type="application/xml")


def _owner(instance):
    return f"<Owner><ID>{escape(instance)}</ID><DisplayName>{escape(instance)}</DisplayName></Owner>"


# ledger: LIST-02
def list_buckets(records, instance):
    buckets = "".join(
        f"<Bucket><Name>{escape(r.name)}</Name><CreationDate>{_timestamp(r.created)}</CreationDate></Bucket>"
        for r in records
        if r.instance == instance
    )
    return _xml("ListAllMyBucketsResult", f"{_owner(instance)}<Buckets>{buckets}</Buckets>")


# ledger: LIST-01
def list_buckets_extended(records, instance, query):
    prefix = query.get("prefix", "")
    marker = query.get("marker", "")
    try:
        max_keys = int(query.get("max-keys", DEFAULT_MAX_KEYS))
    except ValueError:
        max_keys = -1
    # ledger: LIST-03
    if not 0 <= max_keys <= DEFAULT_MAX_KEYS:
        return None
    matching = [
        r for r in records if r.instance == instance and r.name.startswith(prefix) and r.name > marker
    ]
    page, truncated = matching[:max_keys], len(matching) > max_keys
    buckets = "".join(
        f"<Bucket><Name>{escape(r.name)}</Name><CreationDate>{_timestamp(r.created)}</CreationDate>"
        f"<LocationConstraint>{escape(r.location_constraint)}</LocationConstraint></Bucket>"
        for r in page
    )
    fields = [
        f"<IsTruncated>{'true' if truncated else 'false'}</IsTruncated>",
        f"<Marker>{escape(marker)}</Marker>",
        f"<MaxKeys>{max_keys}</MaxKeys>",
        f"<Prefix>{escape(prefix)}</Prefix>",
    ]
    if truncated and page:
        fields.append(f"<NextMarker>{escape(page[-1].name)}</NextMarker>")
    return _xml("ListAllMyBucketsResult",
                "".join(fields) + _owner(instance) + f"<Buckets>{buckets}</Buckets>")
