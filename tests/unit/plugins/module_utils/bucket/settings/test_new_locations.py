"""IBM's newer locations (ca-mon 2025-03, in-che 2025-10, in-mum 2026-02; endpoints.md, release-notes.md)
need no table in the collection: endpoints come from IBM's endpoints document, and location
constraints are split by their storage-class suffix."""
import pytest

from ansible_collections.ibm.cos.plugins.module_utils._endpoints import s3_endpoint
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.location_constraint import (
    creation_constraint, split_location_constraint)

NEW = ("ca-mon", "in-che", "in-mum")
DOCUMENT = {"service-endpoints": {"regional": {
    location: {"public": {location: f"s3.{location}.cloud-object-storage.appdomain.cloud"},
               "private": {location: f"s3.private.{location}.cloud-object-storage.appdomain.cloud"},
               "direct": {location: f"s3.direct.{location}.cloud-object-storage.appdomain.cloud"}}
    for location in NEW}}}


@pytest.mark.parametrize("location", NEW)
def test_new_locations_resolve_and_build_constraints(location):
    assert s3_endpoint(DOCUMENT, location) == f"https://s3.{location}.cloud-object-storage.appdomain.cloud"
    assert s3_endpoint(DOCUMENT, location, "direct").startswith(f"https://s3.direct.{location}.")
    assert split_location_constraint(f"{location}-smart") == (location, "smart")
    assert creation_constraint({"location": location, "storage_class": "vault"}) == f"{location}-vault"
