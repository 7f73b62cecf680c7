"""Pure pieces of the stack and its client helpers: no HTTP needed."""

import json

import pytest

from cos_stack.ibm.config_api import InvalidPatch, merge_patch, validated
from cos_stack.process.envfile import load
from cos_stack.process.settings import load_config, locations


@pytest.mark.parametrize("target, patch, expected", [  # RFC 7396, appendix A
    ({"a": "b"}, {"a": "c"}, {"a": "c"}),
    ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
    ({"a": "b"}, {"a": None}, {}),
    ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
    ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
    ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
    ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
])
def test_merge_patch_follows_rfc_7396(target, patch, expected):
    assert merge_patch(target, patch) == expected


@pytest.mark.ledger("CFG-14")
def test_a_removed_section_is_unset_again():
    config = validated(merge_patch({"hard_quota": 5, "firewall": {"allowed_ip": ["10.0.0.0/8"]}},
                                   {"firewall": None}))

    assert config == {"hard_quota": 5}


@pytest.mark.ledger("CFG-10")
def test_read_only_fields_cannot_be_patched():
    with pytest.raises(InvalidPatch, match="object_count"):
        validated({"object_count": 3})


def test_env_file_values_are_shell_unquoted(tmp_path):
    path = tmp_path / "env"
    path.write_text("# comment\nexport A='has spaces'\nexport B=plain\nexport C='it'\"'\"'s'\nnot an export\n")

    assert load(path) == {"A": "has spaces", "B": "plain", "C": "it's"}


def test_config_file_overrides_top_level_keys(tmp_path, monkeypatch):
    override = tmp_path / "config.json"
    override.write_text(json.dumps({"locations": [{"name": "jp-tok", "kind": "regional"}]}))
    monkeypatch.setenv("COS_STACK_CONFIG", str(override))

    config = load_config()

    assert [(loc.name, loc.label, loc.port) for loc in locations(config, 30000)] == [("jp-tok", "jp-tok", 30001)]
    assert config["api_keys"], "keys not in the override keep their defaults"
