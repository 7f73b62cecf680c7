"""Bucket replication as COS shapes it: no Role, versioning on both ends. Stack only: on a real
account replication also needs an IAM authorization between the buckets' instances."""

import pytest
from ibm_botocore.exceptions import ClientError

pytestmark = pytest.mark.stack_only


def replication_to(env, destination):
    account = env["IBM_COS_INSTANCE_CRN"].split(":")[6]
    guid = env["IBM_COS_INSTANCE_CRN"].split(":")[7]
    return {"Rules": [{
        "ID": "to-backup", "Priority": 1, "Status": "Enabled", "Filter": {"Prefix": "logs/"},
        "DeleteMarkerReplication": {"Status": "Disabled"},
        "Destination": {"Bucket": f"crn:v1:bluemix:public:cloud-object-storage:global:{account}:{guid}:bucket:{destination}"},
    }]}


@pytest.fixture
def source_and_destination(s3, bucket_name):
    names = bucket_name(), bucket_name()
    for name in names:
        s3.create_bucket(Bucket=name)
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    return names


@pytest.mark.ledger("REPL-01")
def test_configuration_reads_back_as_written(env, s3, source_and_destination):
    source, destination = source_and_destination
    s3.put_bucket_replication(Bucket=source, ReplicationConfiguration=replication_to(env, destination))

    rules = s3.get_bucket_replication(Bucket=source)["ReplicationConfiguration"]["Rules"]

    assert rules[0]["ID"] == "to-backup"
    assert rules[0]["Filter"] == {"Prefix": "logs/"}
    assert rules[0]["Destination"]["Bucket"].endswith(f":bucket:{destination}")


@pytest.mark.ledger("REPL-03")
def test_delete_removes_it(env, s3, source_and_destination):
    source, destination = source_and_destination
    s3.put_bucket_replication(Bucket=source, ReplicationConfiguration=replication_to(env, destination))

    s3.delete_bucket_replication(Bucket=source)

    with pytest.raises(ClientError) as raised:
        s3.get_bucket_replication(Bucket=source)
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


@pytest.mark.ledger("REPL-02")
def test_refused_without_versioning_on_the_source(env, s3, bucket_name, source_and_destination):
    unversioned = bucket_name()
    s3.create_bucket(Bucket=unversioned)

    with pytest.raises(ClientError) as raised:
        s3.put_bucket_replication(Bucket=unversioned,
                                  ReplicationConfiguration=replication_to(env, source_and_destination[1]))
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


@pytest.mark.ledger("REPL-04")
def test_versioning_cannot_be_suspended_while_replicating(env, s3, source_and_destination):
    source, destination = source_and_destination
    s3.put_bucket_replication(Bucket=source, ReplicationConfiguration=replication_to(env, destination))

    with pytest.raises(ClientError) as raised:
        s3.put_bucket_versioning(Bucket=source, VersioningConfiguration={"Status": "Suspended"})
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert s3.get_bucket_versioning(Bucket=source)["Status"] == "Enabled"

    s3.delete_bucket_replication(Bucket=source)
    s3.put_bucket_versioning(Bucket=source, VersioningConfiguration={"Status": "Suspended"})
    assert s3.get_bucket_versioning(Bucket=source)["Status"] == "Suspended"


@pytest.mark.ledger("REPL-05")
def test_rule_ids_outside_ibms_charset_are_refused(env, s3, source_and_destination):
    source, destination = source_and_destination
    configuration = replication_to(env, destination)
    configuration["Rules"][0]["ID"] = "to backup #1"

    with pytest.raises(ClientError) as raised:
        s3.put_bucket_replication(Bucket=source, ReplicationConfiguration=configuration)
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


@pytest.mark.ledger("REPL-08")
def test_object_lock_buckets_replicate_to_object_lock_buckets(env, s3, bucket_name):
    source, destination = bucket_name(), bucket_name()
    for name in (source, destination):
        s3.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)

    s3.put_bucket_replication(Bucket=source, ReplicationConfiguration=replication_to(env, destination))

    rules = s3.get_bucket_replication(Bucket=source)["ReplicationConfiguration"]["Rules"]
    assert rules[0]["Destination"]["Bucket"].endswith(f":bucket:{destination}")


@pytest.mark.ledger("REPL-10")
def test_a_locked_source_may_replicate_to_an_unlocked_destination(env, s3, bucket_name):
    source, destination = bucket_name(), bucket_name()
    s3.create_bucket(Bucket=source, ObjectLockEnabledForBucket=True)
    s3.create_bucket(Bucket=destination)
    s3.put_bucket_versioning(Bucket=destination, VersioningConfiguration={"Status": "Enabled"})

    s3.put_bucket_replication(Bucket=source, ReplicationConfiguration=replication_to(env, destination))

    rules = s3.get_bucket_replication(Bucket=source)["ReplicationConfiguration"]["Rules"]
    assert rules[0]["Destination"]["Bucket"].endswith(f":bucket:{destination}")


@pytest.mark.ledger("REPL-09")
def test_tag_and_and_filters_read_back_as_written(env, s3, source_and_destination):
    source, destination = source_and_destination
    configuration = replication_to(env, destination)
    configuration["Rules"][0]["Filter"] = {"And": {"Prefix": "logs/", "Tags": [{"Key": "team", "Value": "a"}]}}
    configuration["Rules"].append(dict(configuration["Rules"][0], ID="acme", Priority=2,
                                       Filter={"Tag": {"Key": "Client", "Value": "ACME"}}))

    s3.put_bucket_replication(Bucket=source, ReplicationConfiguration=configuration)

    rules = s3.get_bucket_replication(Bucket=source)["ReplicationConfiguration"]["Rules"]
    assert rules[0]["Filter"] == {"And": {"Prefix": "logs/", "Tags": [{"Key": "team", "Value": "a"}]}}
    assert rules[1]["Filter"] == {"Tag": {"Key": "Client", "Value": "ACME"}}
