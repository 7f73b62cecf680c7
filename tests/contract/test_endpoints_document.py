"""The endpoints document: v2 shape, bare hostnames, every location reachable."""

import pytest
import requests

from cos_clients import https

pytestmark = pytest.mark.ledger("ENDP-01")

LOCATIONS = [("regional", "us-south", "us-south"), ("regional", "eu-de", "eu-de"),
             ("cross-region", "us", "us-geo"), ("single-site", "ams03", "ams03")]


@pytest.mark.parametrize("kind, location, label", LOCATIONS)
def test_each_location_lists_public_private_and_direct(endpoints_doc, kind, location, label):
    entry = endpoints_doc["service-endpoints"][kind][location]

    assert {"public", "private", "direct"} <= set(entry)
    for network in ("public", "private", "direct"):
        hostname = entry[network][label]
        assert "://" not in hostname, "values are bare hostnames; clients prepend https://"


def test_identity_and_configuration_endpoints_are_listed(endpoints_doc):
    assert "://" not in endpoints_doc["identity-endpoints"]["iam-token"]
    assert endpoints_doc["resource-configuration-endpoints"]["global"]["public"].endswith("/v1")


@pytest.mark.stack_only
def test_the_document_points_at_this_stack(env, endpoints_doc):
    regional = endpoints_doc["service-endpoints"]["regional"][env["IBM_COS_REGION"]]
    identity = https(endpoints_doc["identity-endpoints"]["iam-token"]) + "/identity/token"
    config = https(endpoints_doc["resource-configuration-endpoints"]["global"]["public"])

    assert https(regional["public"][env["IBM_COS_REGION"]]) == env["IBM_COS_ENDPOINT"]
    assert identity == env["IBM_IAM_ENDPOINT"]
    assert config == env["IBM_COS_CONFIG_ENDPOINT"]


@pytest.mark.stack_only
@pytest.mark.parametrize("network", ["public", "private", "direct"])
def test_every_listed_endpoint_answers_over_verified_tls(env, endpoint_for, network):
    # Unauthenticated, so the answer is 403: what matters is that TLS verified and COS answered.
    response = requests.get(endpoint_for("ams03", network), verify=env["IBM_COS_CA_BUNDLE"], timeout=10)

    assert response.status_code == 403
    assert b"<Code>AccessDenied</Code>" in response.content
