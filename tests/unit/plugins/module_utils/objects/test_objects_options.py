"""cos_object option combinations."""
from ansible_collections.ibm.cos.plugins.module_utils.objects.object_options import option_error


def params(**kw):
    base = dict(state="present", src=None, content=None, content_base64=None, copy_source=None, dest=None,
                presign=None, version_id=None, expires_in=3600, part_size_mb=16, max_concurrency=8,
                metadata=None, content_type=None, cache_control=None, content_disposition=None,
                content_encoding=None, content_language=None, tags=None, retention=None, legal_hold=None,
                legal_hold_ids=None)
    base.update(kw)
    return base


def test_valid_combinations():
    assert option_error(params(src="/f", metadata={"a": 1})) is None
    assert option_error(params(dest="/f", version_id="v1")) is None
    assert option_error(params(presign="put", content_type="text/plain")) is None
    assert option_error(params(state="absent", version_id="v1")) is None


def test_invalid_combinations_name_the_options():
    assert option_error(params(dest="/f", tags={"a": "b"})) == "dest cannot be combined with tags"
    assert option_error(params(state="absent", src="/f")) == "state=absent cannot be combined with src"
    assert "version_id" in option_error(params(src="/f", version_id="v1"))
    assert "expires_in" in option_error(params(presign="get", expires_in=0))
    assert "part_size_mb" in option_error(params(part_size_mb=4))
