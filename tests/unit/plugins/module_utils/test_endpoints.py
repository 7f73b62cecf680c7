"""Endpoint lookups in the endpoints document (pure)."""
import pytest

from ansible_collections.ibm.cos.plugins.module_utils._endpoints import (
    EndpointError,
    config_endpoint,
    s3_endpoint,
)

DOC = {
    "identity-endpoints": {"iam-token": "iam.cloud.ibm.com"},
    "service-endpoints": {
        "cross-region": {"us": {"public": {"us-geo": "s3.us.example", "Dallas": "s3.dal.us.example"},
                                "private": {"us-geo": "s3.private.us.example"}}},
        "regional": {"us-south": {"public": {"us-south": "s3.us-south.example"},
                                  "private": {"us-south": "s3.private.us-south.example"},
                                  "direct": {"us-south": "s3.direct.us-south.example"}}},
        "single-site": {"ams03": {"public": {"ams03": "s3.ams03.example"}}},
    },
    "resource-configuration-endpoints": {"global": {"public": "config.example/v1",
                                                    "private": "config.private.example/v1"}},
}


@pytest.mark.parametrize("region, kind, url", [
    ("us-south", "public", "https://s3.us-south.example"),
    ("us-south", "direct", "https://s3.direct.us-south.example"),
    ("us", "public", "https://s3.us.example"),
    ("us", "private", "https://s3.private.us.example"),
    ("ams03", "public", "https://s3.ams03.example"),
])
def test_locations_of_every_tier(region, kind, url):
    assert s3_endpoint(DOC, region, kind) == url


def test_typo_lists_valid_regions_and_suggests():
    with pytest.raises(EndpointError) as err:
        s3_endpoint(DOC, "us-sout")
    assert "Did you mean 'us-south'?" in str(err.value)
    assert "ams03, us, us-south" in str(err.value)


def test_missing_endpoint_type_names_what_exists():
    with pytest.raises(EndpointError, match="no direct endpoint; endpoint_type can be: public"):
        s3_endpoint(DOC, "ams03", "direct")


def test_config_endpoint_from_document_or_default():
    assert config_endpoint(DOC, "private") == "https://config.private.example/v1"
    assert config_endpoint(None, "direct") == "https://config.direct.cloud-object-storage.cloud.ibm.com/v1"
