"""Tags as bucket and object share them."""
from ansible_collections.ibm.cos.plugins.module_utils._tags import (
    dict_to_tagset, merged_tags, tags_as_strings, tagset_to_dict)


def test_values_become_strings_and_none_the_empty_string():
    assert tags_as_strings({1: 2, "a": None}) == {"1": "2", "a": ""}
    assert tags_as_strings(None) == {}


def test_purge_keeps_only_the_wanted_tags_and_merge_puts_them_on_top():
    current = {"a": "1", "b": "2"}
    assert merged_tags({"a": "9"}, current, purge=True) == {"a": "9"}
    assert merged_tags({"a": "9", "c": "3"}, current, purge=False) == {"a": "9", "b": "2", "c": "3"}
    assert current == {"a": "1", "b": "2"}


def test_a_tag_set_round_trips_sorted_by_key():
    assert dict_to_tagset({"k": "v", "a": 1}) == [{"Key": "a", "Value": "1"}, {"Key": "k", "Value": "v"}]
    assert tagset_to_dict(dict_to_tagset({"k": "v"})) == {"k": "v"}
