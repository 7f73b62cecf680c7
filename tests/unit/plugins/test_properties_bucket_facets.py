"""Properties of the bucket validators and normalizers: normal forms are fixed points, and values that
mean the same thing (CIDR spellings, tag and rule order, method and header case) normalize alike."""
from __future__ import annotations

import datetime
import ipaddress

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings._base import SettingError
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.cors_rules import (
    METHODS, CorsSetting, cors_rule_from_api, cors_rule_to_api, normalize_cors_rule)
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.location_constraint import (
    STORAGE_CLASSES, split_location_constraint)
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.lifecycle_rules import (
    lifecycle_rule_from_api, lifecycle_rule_to_api, normalize_lifecycle)
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.firewall import FirewallSetting, normalize_cidr
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.hard_quota import quota_bytes
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.retention import (
    MAX_DAYS, normalize_retention, retention_shrinks)
from ansible_collections.ibm.cos.plugins.module_utils.bucket.names import bucket_name_problems, validate_bucket_name

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- bucket names -------------------------------------------------------------------------------

label = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12)


@st.composite
def valid_bucket_names(draw):
    parts = draw(st.lists(label, min_size=1, max_size=5))
    separators = draw(st.lists(st.sampled_from(".-"), min_size=len(parts) - 1, max_size=len(parts) - 1))
    name = parts[0] + "".join(sep + part for sep, part in zip(separators, parts[1:]))
    assume(3 <= len(name) <= 63 and not name.startswith(("cosv1-", "account-")))
    assume(not all(p.isdigit() and len(p) <= 3 for p in name.split(".")) or name.count(".") != 3)
    return name


@FAST
@given(valid_bucket_names())
def test_names_built_by_the_rules_pass(name):
    assert bucket_name_problems(name) == [] and validate_bucket_name(name) is None


@FAST
@given(valid_bucket_names(), st.integers(min_value=0, max_value=62),
       st.sampled_from("ABZ_ !/é*"))
def test_any_character_outside_the_alphabet_is_reported(name, position, bad):
    broken = name[:position] + bad + name[position:]
    problems = bucket_name_problems(broken)
    assert problems and repr(broken) in validate_bucket_name(broken)


@FAST
@given(valid_bucket_names(), st.sampled_from(["..", "--", ".-", "-."]))
def test_adjacent_separators_are_reported(name, pair):
    broken = (name + pair + "x")[:63]
    assume(pair in broken)
    assert any("next to each other" in p for p in bucket_name_problems(broken))


# --- CIDRs and the firewall ---------------------------------------------------------------------

ipv4 = st.ip_addresses(v=4)
ipv6 = st.ip_addresses(v=6)


@FAST
@given(st.one_of(ipv4, ipv6))
def test_an_address_is_its_own_host_network(address):
    bits = 32 if address.version == 4 else 128
    single = normalize_cidr(str(address))
    assert single == normalize_cidr(f"{address}/{bits}") == f"{address.compressed}/{bits}"
    assert normalize_cidr(address.exploded) == single


@FAST
@given(st.one_of(ipv4, ipv6), st.integers(min_value=0, max_value=128))
def test_cidr_normal_form_is_a_fixed_point_with_host_bits_cleared(address, prefix):
    prefix = min(prefix, 32 if address.version == 4 else 128)
    normal = normalize_cidr(f"{address}/{prefix}")
    assert normalize_cidr(normal) == normal
    assert ipaddress.ip_network(normal, strict=True).prefixlen == prefix  # strict: no host bits left


@FAST
@given(st.text(max_size=20))
def test_cidr_garbage_is_refused_with_the_option_named(text):
    try:
        ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        with pytest.raises(SettingError, match="firewall.allowed_ip"):
            normalize_cidr(text, "firewall.allowed_ip")


@FAST
@given(st.lists(st.one_of(ipv4, ipv6), max_size=8), st.lists(st.sampled_from(["public", "PRIVATE", "direct"])),
       st.randoms())
def test_firewall_ignores_order_duplicates_and_case(addresses, types, rnd):
    facet = FirewallSetting()
    value = {"allowed_ip": [str(a) for a in addresses], "denied_ip": [], "allowed_network_type": types}
    shuffled = {"allowed_ip": [str(a) for a in addresses] * 2, "denied_ip": [],
                "allowed_network_type": [t.lower() for t in types]}
    rnd.shuffle(shuffled["allowed_ip"])
    normal = facet.normalize(value)
    assert facet.normalize(shuffled) == normal
    assert facet.normalize(normal) == normal
    assert facet.from_config({"firewall": facet.to_patch(normal)["firewall"]}) == normal


# --- lifecycle ---------------------------------------------------------------------------------

days = st.integers(min_value=1, max_value=3650)
dates = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31))


@st.composite
def lifecycle_rule(draw, rule_id):
    rule = {"id": rule_id, "enabled": draw(st.booleans()), "prefix": draw(st.sampled_from(["", "logs/", "tmp/a"]))}
    expiration = draw(st.sampled_from(["days", "date", "marker", None]))
    if expiration == "days":
        rule["expiration_days"] = draw(days)
    elif expiration == "date":
        rule["expiration_date"] = draw(st.one_of(dates.map(str), dates, dates.map(lambda d: f"{d}T00:00:00Z")))
    elif expiration == "marker":
        rule["expired_object_delete_marker"] = True
    if draw(st.booleans()):
        rule["noncurrent_version_expiration_days"] = draw(days)
    if draw(st.booleans()) or expiration is None and "noncurrent_version_expiration_days" not in rule:
        rule["abort_incomplete_multipart_upload_days"] = draw(days)
    return rule


@st.composite
def lifecycle_rules(draw):
    ids = draw(st.lists(st.text("abcdefgh-", min_size=1, max_size=6), unique=True, max_size=5))
    rules = [draw(lifecycle_rule(rule_id)) for rule_id in ids]
    if rules and draw(st.booleans()):
        archive = {"id": "archive-" + ids[0], "prefix": "", "transition_storage_class": draw(
            st.sampled_from(["GLACIER", "glacier", "ACCELERATED"]))}
        archive.update({"transition_days": draw(st.integers(0, 400))} if draw(st.booleans())
                       else {"transition_date": str(draw(dates))})
        rules.append(archive)
    return rules


@FAST
@given(lifecycle_rules(), st.randoms())
def test_lifecycle_normal_form_is_a_fixed_point_and_ignores_rule_order(rules, rnd):
    normal = normalize_lifecycle(rules)
    assert normalize_lifecycle(normal) == normal
    shuffled = list(rules)
    rnd.shuffle(shuffled)
    assert normalize_lifecycle(shuffled) == normal


@FAST
@given(lifecycle_rules())
def test_lifecycle_rules_survive_the_trip_through_the_api_shape(rules):
    normal = normalize_lifecycle(rules)
    assert [lifecycle_rule_from_api(lifecycle_rule_to_api(rule)) for rule in normal] == normal


@FAST
@given(st.integers(max_value=0),
       st.sampled_from(["expiration_days", "noncurrent_version_expiration_days", "abort_incomplete_multipart_upload_days"]))
def test_lifecycle_days_below_one_are_refused_naming_the_option(value, option):
    with pytest.raises(SettingError, match=option):
        normalize_lifecycle([{"id": "r", option: value}])


# --- CORS --------------------------------------------------------------------------------------

header = st.text("abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12)


@FAST
@given(st.lists(st.sampled_from(METHODS), min_size=1), st.lists(header, max_size=4), st.lists(header, max_size=4),
       st.lists(st.sampled_from(["*", "https://a.example", "http://b.example:8080"]), min_size=1),
       st.one_of(st.none(), st.integers(0, 86400)))
def test_cors_rule_normal_form_ignores_case_order_duplicates(methods, allowed, exposed, origins, max_age):
    rule = {"allowed_methods": [m.lower() for m in methods] + methods, "allowed_headers": allowed,
            "expose_headers": exposed, "allowed_origins": origins[::-1] + origins, "max_age_seconds": max_age}
    normal = normalize_cors_rule(rule)
    assert normalize_cors_rule(normal) == normal
    equal = CorsSetting().equal
    assert equal([normalize_cors_rule(dict(rule, allowed_headers=[h.upper() for h in allowed][::-1]))], [normal])
    assert cors_rule_from_api(cors_rule_to_api(normal)) == normal


# --- retention, quota, placement ---------------------------------------------------------------

period = st.integers(min_value=0, max_value=MAX_DAYS)


@st.composite
def retention_policy(draw):
    low, middle, high = sorted(draw(st.lists(period, min_size=3, max_size=3)))
    return {"minimum_days": low, "default_days": middle, "maximum_days": high, "permanent": draw(st.booleans())}


@FAST
@given(retention_policy(), retention_policy())
def test_retention_may_only_grow(current, desired):
    current, desired = normalize_retention(current), normalize_retention(desired)
    grows = all(desired[k] >= current[k] for k in ("minimum_days", "default_days", "maximum_days")) and \
        (desired["permanent"] or not current["permanent"])
    assert (retention_shrinks(current, desired) == []) == grows
    assert retention_shrinks(current, current) == []
    assert retention_shrinks(current, {}) != []


@FAST
@given(st.lists(period, min_size=3, max_size=3))
def test_retention_out_of_order_is_refused(values):
    low, middle, high = values
    policy = {"minimum_days": low, "default_days": middle, "maximum_days": high}
    if low <= middle <= high:
        assert normalize_retention(policy)["default_days"] == middle
    else:
        with pytest.raises(SettingError, match="minimum_days <= default_days <= maximum_days"):
            normalize_retention(policy)


@FAST
@given(st.integers(min_value=0, max_value=10 ** 6),
       st.sampled_from([("", 1), ("KB", 10 ** 3), ("MB", 10 ** 6), ("GB", 10 ** 9), ("TiB", 2 ** 40)]),
       st.sampled_from(["", " "]))
def test_quota_sizes(number, unit, space):
    suffix, factor = unit
    assert quota_bytes(f"{number}{space}{suffix}") == number * factor
    assert quota_bytes(quota_bytes(f"{number}{suffix}")) == number * factor


@FAST
@given(st.sampled_from(["us-south", "eu-de", "us", "ams03", "jp-tok"]), st.sampled_from(STORAGE_CLASSES),
       st.booleans())
def test_location_constraints_split_back_into_their_parts(location, storage_class, upper):
    constraint = f"{location}-{storage_class}"
    assert split_location_constraint(constraint.upper() if upper else constraint) == (location, storage_class)


# --- any input: a clear SettingError or a value, never another exception --------------------------

ANY_TEXT = st.one_of(st.text(max_size=16), st.sampled_from(["nan", "inf", "-inf", "1e400", "NaNGB", "infTB", "1e-9"]))


@FAST
@given(ANY_TEXT)
def test_quota_from_any_text_is_bytes_or_a_clear_error(text):
    try:
        value = quota_bytes(text)
    except SettingError as exc:
        assert "hard_quota" in str(exc)
    else:
        assert isinstance(value, int) and value >= 0


@FAST
@given(ANY_TEXT, st.sampled_from(["expiration_date", "transition_date"]))
def test_lifecycle_date_from_any_text_is_a_day_or_a_clear_error(text, option):
    assume(text.strip())
    rule = {"id": "r", option: text}
    if option == "transition_date":
        rule["transition_storage_class"] = "GLACIER"
    try:
        [normal] = normalize_lifecycle([rule])
    except SettingError as exc:
        assert option in str(exc)
    else:
        assert datetime.date.fromisoformat(normal[option]).isoformat() == normal[option]


@FAST
@given(st.text(max_size=70))
def test_bucket_name_check_answers_any_text(text):
    problems = bucket_name_problems(text)
    assert isinstance(problems, list)
    assert (validate_bucket_name(text) is None) == (problems == [])
