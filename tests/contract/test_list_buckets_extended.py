"""ListBucketsExtended (GET /?extended): the instance's buckets with their LocationConstraint,
paged with Marker / MaxKeys / Prefix."""

import secrets

import pytest

PLACES = [("us-south", "us-south-standard"), ("eu-de", "eu-de-cold"), ("ams03", "ams03-smart")]


@pytest.fixture
def three_buckets(s3_at, bucket_name):
    stem = f"cos-contract-{secrets.token_hex(4)}"
    names = []
    for suffix, (location, constraint) in zip("abc", PLACES):
        name = bucket_name(location, f"{stem}-{suffix}")
        s3_at(location).create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": constraint})
        names.append(name)
    return stem, names


@pytest.mark.ledger("LIST-01")
def test_lists_every_location_with_its_constraint(env, s3, three_buckets):
    stem, names = three_buckets

    listing = s3.list_buckets_extended(IBMServiceInstanceId=env["IBM_COS_INSTANCE_CRN"], Prefix=stem)

    assert [(b["Name"], b["LocationConstraint"]) for b in listing["Buckets"]] == list(
        zip(names, [constraint for _, constraint in PLACES]))
    assert listing["IsTruncated"] is False


@pytest.mark.ledger("LIST-01")
def test_pages_with_marker_and_max_keys(env, s3, three_buckets):
    stem, names = three_buckets
    instance = env["IBM_COS_INSTANCE_CRN"]

    first = s3.list_buckets_extended(IBMServiceInstanceId=instance, Prefix=stem, MaxKeys=2)
    second = s3.list_buckets_extended(IBMServiceInstanceId=instance, Prefix=stem, MaxKeys=2,
                                      Marker=first["Buckets"][-1]["Name"])

    assert [b["Name"] for b in first["Buckets"]] == names[:2]
    assert first["IsTruncated"] is True
    assert [b["Name"] for b in second["Buckets"]] == names[2:]
    assert second["IsTruncated"] is False


@pytest.mark.ledger("LIST-02")
def test_the_plain_listing_has_the_same_names(env, s3, three_buckets):
    _, names = three_buckets

    plain = [b["Name"] for b in s3.list_buckets()["Buckets"]]

    assert set(names) <= set(plain)


@pytest.mark.stack_only
@pytest.mark.ledger("LIST-03")
def test_max_keys_beyond_a_thousand_is_refused(s3):
    from ibm_botocore.exceptions import ClientError

    with pytest.raises(ClientError) as raised:
        s3.list_buckets_extended(MaxKeys=1001)

    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
