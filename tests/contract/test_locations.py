"""Locations: the LocationConstraint must match the endpoint, and a bucket lives in one place."""

import pytest

from cos_clients import error_of


@pytest.mark.parametrize("location, constraint", [
    ("us-south", "us-south-standard"),
    ("eu-de", "eu-de-smart"),
    ("us", "us-cold"),
    ("ams03", "ams03-vault"),
])
@pytest.mark.ledger("LOC-01")
def test_a_bucket_is_created_where_its_endpoint_is(s3_at, bucket_name, location, constraint):
    name = bucket_name(location)
    client = s3_at(location)

    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": constraint})

    assert client.get_bucket_location(Bucket=name)["LocationConstraint"] == constraint


@pytest.mark.ledger("LOC-01")
def test_constraint_for_another_location_is_invalid(s3_at, bucket_name):
    name = bucket_name("eu-de")

    assert error_of(lambda: s3_at("eu-de").create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": "us-south-standard"},
    )) == (400, "InvalidLocationConstraint")


@pytest.mark.ledger("LOC-01")
def test_unknown_storage_class_is_an_invalid_constraint(s3_at, bucket_name):
    name = bucket_name()

    assert error_of(lambda: s3_at().create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": "us-south-platinum"},
    )) == (400, "InvalidLocationConstraint")


@pytest.mark.ledger("LOC-03")
def test_bucket_asked_for_at_another_location_is_not_found(s3_at, bucket_name):
    name = bucket_name("eu-de")
    s3_at("eu-de").create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-de-standard"})

    assert error_of(lambda: s3_at("us-south").head_bucket(Bucket=name)) == (404, "404")
    assert error_of(lambda: s3_at("us-south").list_objects(Bucket=name)) == (404, "NoSuchBucket")


@pytest.mark.ledger("LOC-04")
def test_a_name_taken_at_another_location_is_already_taken(s3_at, bucket_name):
    name = bucket_name("eu-de")
    s3_at("eu-de").create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-de-standard"})

    status, code = error_of(lambda: s3_at("us-south").create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": "us-south-standard"}))

    assert status == 409
    assert code in ("BucketAlreadyExists", "BucketAlreadyOwnedByYou")


@pytest.mark.ledger("ENDP-01")
@pytest.mark.stack_only  # private and direct endpoints are reachable only from inside IBM Cloud
@pytest.mark.parametrize("network", ["private", "direct"])
def test_private_and_direct_endpoints_reach_the_same_buckets(s3_at, bucket_name, network):
    name = bucket_name()
    s3_at().create_bucket(Bucket=name)
    s3_at().put_object(Bucket=name, Key="k", Body=b"same store")

    assert s3_at("us-south", network).get_object(Bucket=name, Key="k")["Body"].read() == b"same store"


@pytest.mark.ledger("LOC-02")
def test_no_constraint_means_the_standard_class(s3_at, bucket_name):
    name = bucket_name("eu-de")

    s3_at("eu-de").create_bucket(Bucket=name)

    assert s3_at("eu-de").get_bucket_location(Bucket=name)["LocationConstraint"] == "eu-de-standard"
