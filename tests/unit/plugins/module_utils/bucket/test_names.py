import pytest

from ansible_collections.ibm.cos.plugins.module_utils.bucket.names import bucket_name_problems, bucket_of, validate_bucket_name


@pytest.mark.parametrize("name", ["abc", "my-bucket", "logs.2026.example", "a" * 63, "0start-and-end9"])
def test_valid_names_pass(name):
    assert validate_bucket_name(name) is None


@pytest.mark.parametrize("name, fragment", [
    ("ab", "3 to 63"),
    ("a" * 64, "3 to 63"),
    ("My-Bucket", "'M'"),
    ("under_score", "'_'"),
    ("-leading", "start and end"),
    ("trailing.", "start and end"),
    ("double--dash", "next to each other"),
    ("double..dot", "next to each other"),
    ("dot.-dash", "next to each other"),
    ("192.168.10.1", "IP address"),
    ("cosv1-bucket", "reserved"),
    ("account-bucket", "reserved"),
])
def test_invalid_names_say_which_rule(name, fragment):
    message = validate_bucket_name(name)
    assert message and fragment in message and repr(name) in message


def test_every_broken_rule_is_reported_at_once():
    assert len(bucket_name_problems("-A")) >= 3


def test_bucket_of_takes_a_name_or_a_bucket_crn():
    assert bucket_of("crn:v1:bluemix:public:cloud-object-storage:global:a/acct:inst:bucket:photos") == "photos"
    assert bucket_of("photos") == "photos"
    assert bucket_of(None) == ""
