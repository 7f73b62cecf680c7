"""location checks and the root key's synonyms: everything refused here costs no call."""
import pytest

from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings._base import SettingError
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.key_protect_root_key_crn import (
    KeyProtectSetting, root_key_option)
from ansible_collections.ibm.cos.plugins.module_utils.bucket.settings.location_constraint import (
    check_location, creation_constraint, desired_placement)

KEY = "crn:v1:bluemix:public:kms:us-south:a/acct:inst:key:k1"
OTHER = "crn:v1:bluemix:public:hs-crypto:us-south:a/acct:inst:key:k2"


@pytest.mark.parametrize("location", ["us-south", "eu", "ams03", "in-mum", "in-che", "ca-mon"])
def test_known_locations_pass_without_warning(location):
    warnings = []
    check_location(location, "location", warnings)
    assert warnings == []


def test_an_unknown_but_well_formed_location_only_warns():
    warnings = []
    assert creation_constraint({"location": "xx-new", "storage_class": "smart"}, None, warnings) == "xx-new-smart"
    assert len(warnings) == 1 and "xx-new" in warnings[0] and "location" in warnings[0]


@pytest.mark.parametrize("params, option", [
    ({"location": "us_south"}, "location"),
    ({"location": "US South"}, "location"),
    ({"location": "us-south-smart"}, "location"),
    ({"location_constraint": "us south-smart"}, "location_constraint"),
    ({"location_constraint": "u-smart"}, "location_constraint"),
])
def test_malformed_locations_are_refused_naming_the_option(params, option):
    with pytest.raises(SettingError, match=f"^{option} .* is not a COS location"):
        desired_placement(params)


def test_a_location_ending_in_a_class_points_at_location_constraint():
    with pytest.raises(SettingError, match="use location_constraint"):
        desired_placement({"location": "us-south-smart"})


def test_one_root_key_given_under_two_names_is_one_key():
    assert root_key_option({"key_protect_root_key_crn": KEY, "hpcs_root_key_crn": KEY + " "}) == KEY
    assert KeyProtectSetting().desired({"kms_root_key_crn": KEY}) == KEY
    assert KeyProtectSetting().selected({"hpcs_root_key_crn": ""})
    assert not KeyProtectSetting().selected({"key_protect_root_key_crn": None})


def test_root_key_synonyms_that_disagree_are_refused():
    with pytest.raises(SettingError, match="hpcs_root_key_crn=.*give it once"):
        root_key_option({"key_protect_root_key_crn": KEY, "hpcs_root_key_crn": OTHER})
