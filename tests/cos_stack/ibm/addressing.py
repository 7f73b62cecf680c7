"""Virtual-hosted-style addressing: `https://{bucket}.{endpoint}/{key}` addresses the same bucket
and object as `https://{endpoint}/{bucket}/{key}`.

The stack's S3 endpoints are IP addresses, which cannot carry a bucket label, so it also answers
to the name VIRTUAL_HOST_DOMAIN on every S3 port (the server certificate covers it and
`*.s3.localhost`). Such names resolve nowhere: clients reach them through a proxy that tunnels
them to 127.0.0.1 (web/connect_proxy.py). The rules and moto see every request in path style:
the layer names the bucket from the Host header, and rewrites the request for moto only after
authentication, which checks a SigV4 signature against the Host and path as they were sent."""

VIRTUAL_HOST_DOMAIN = "s3.localhost"


# ledger: ADDR-01
def virtual_host_bucket(host):
    """The bucket a Host header names (`{bucket}.s3.localhost[:port]`), or None (path style)."""
    name = (host or "").rsplit(":", 1)[0].lower() if not (host or "").startswith("[") else ""
    suffix = "." + VIRTUAL_HOST_DOMAIN
    if name.endswith(suffix) and len(name) > len(suffix):
        return name[:-len(suffix)]
    return None


def path_style_path(request):
    """The request's decoded path as path style would have sent it."""
    bucket = virtual_host_bucket(request.host)
    if bucket is None:
        return request.path
    return f"/{bucket}" + ("" if request.path == "/" else request.path)


def rewrite_for_moto(environ):
    """Turn the request into the path-style one moto routes (in place). Moto reads a bucket from
    the first label of any dotted, non-IP Host (`s3.localhost` would name bucket `s3`), so it always
    gets the address the request arrived on."""
    bucket = virtual_host_bucket(environ.get("HTTP_HOST"))
    environ["HTTP_HOST"] = f"{environ['SERVER_NAME']}:{environ['SERVER_PORT']}"
    if bucket is None:
        return
    for name in ("PATH_INFO", "RAW_URI", "REQUEST_URI"):
        value = environ.get(name)
        if value is None:
            continue
        rest = "" if value == "/" else value if not value.startswith("/?") else value[1:]
        environ[name] = f"/{bucket}{rest}"
