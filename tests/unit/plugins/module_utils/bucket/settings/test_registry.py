"""The bucket settings registry: derived from the setting files, documented in the doc fragment,
and the source of cos_bucket's options and cos_bucket_info's `settings` choices."""
import yaml

from ansible_collections.ibm.cos.plugins.doc_fragments.bucket_settings import ModuleDocFragment
from ansible_collections.ibm.cos.plugins.module_utils.bucket import settings
from ansible_collections.ibm.cos.plugins.module_utils.bucket.reader import REFUSED, SETTING_NAMES
from ansible_collections.ibm.cos.plugins.modules import cos_bucket, cos_bucket_info

from settings_index import INDEX, build, setting_files

# Options that only cos_bucket's own DOCUMENTATION describes: set at creation, shown with the
# bucket's identity rather than with the settings it can change.
DOCUMENTED_BY_THE_MODULE = {"location", "storage_class", "location_constraint", "key_protect_root_key_crn",
                            "object_lock", "hpcs_root_key_crn", "kms_root_key_crn"}


def test_the_index_is_generated_from_the_setting_files():
    assert INDEX.read_text() == build(), (
        "plugins/module_utils/bucket/settings/_index.py is stale: run "
        "python tests/unit/plugins/module_utils/bucket/settings/settings_index.py --write")


def test_every_setting_file_is_named_after_its_setting_and_declares_its_options():
    for name, setting_file in setting_files().items():
        assert setting_file.SETTING.name == name
        assert name in setting_file.OPTIONS
        assert settings.OPTIONS[name] == setting_file.OPTIONS
        assert settings.load(name) is setting_file.SETTING


def test_creation_time_settings_come_first_and_versioning_before_what_needs_it():
    names = list(settings.NAMES)
    assert names[:3] == ["location_constraint", "key_protect_root_key_crn", "object_lock"]
    needs_versioning = ("replication_rules", "object_lock_default_retention")
    assert names.index("versioning") < min(names.index(n) for n in needs_versioning)


def _documented(documentation):
    return yaml.safe_load(documentation)["options"]


def _as_argspec(doc):
    """The parts of a documented option an argspec also states."""
    spec = {"type": doc.get("type", "str")}
    for key in ("elements", "choices", "default", "required", "aliases"):
        if key in doc and not (key == "required" and doc[key] is False):
            spec[key] = doc[key]
    if "suboptions" in doc:
        spec["options"] = {k: _as_argspec(v) for k, v in doc["suboptions"].items()}
    return spec


STATED_IN_BOTH = ("type", "elements", "choices", "default", "required", "aliases", "options")


def _comparable(spec):
    spec = {k: v for k, v in spec.items() if k in STATED_IN_BOTH}
    spec.setdefault("type", "str")
    if spec.get("required") is False:
        del spec["required"]
    if "options" in spec:
        spec["options"] = {k: _comparable(v) for k, v in spec["options"].items()}
    return spec


def test_the_doc_fragment_documents_exactly_the_settings_options_as_declared():
    documented = _documented(ModuleDocFragment.DOCUMENTATION)
    documented.update({k: v for k, v in _documented(cos_bucket.DOCUMENTATION).items()
                       if k in DOCUMENTED_BY_THE_MODULE})
    declared = settings.argument_spec()
    assert set(documented) == set(declared)
    for option, spec in declared.items():
        assert _as_argspec(documented[option]) == _comparable(spec), option


def test_cos_bucket_takes_every_settings_option():
    assert set(settings.argument_spec()) <= set(cos_bucket.ARGUMENT_SPEC)


def test_cos_bucket_info_settings_choices_come_from_the_registry():
    choices = cos_bucket_info.ARGUMENT_SPEC["settings"]["choices"]
    assert choices == ["all"] + list(SETTING_NAMES) + list(REFUSED)
    # Location comes from the listing; tags are refused with their reason (COS has no bucket tags).
    assert set(settings.NAMES) - set(SETTING_NAMES) == {"location_constraint", "tags"}
    assert set(REFUSED) == {"tags"}
    assert _documented(cos_bucket_info.DOCUMENTATION)["settings"]["choices"] == choices
