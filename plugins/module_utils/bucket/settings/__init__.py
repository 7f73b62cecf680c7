# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bucket settings: one file per setting, named after its option, driven by bucket/driver.py.

Each setting file declares `OPTIONS` (its argspec), `ORDER` (its place in reports) and `SETTING`
(its class). The registry is derived from the files: _index.py is generated from them (see its
header; a unit test fails when it is stale) and holds every setting's options, so a task validates
all of them but imports only the setting files it names (a module compiles its module_utils anew
from its zip in every task).

Creation-time settings come first in ORDER, and versioning before the settings that need it.
"""
from __future__ import annotations

from ._index import NAMES, OPTIONS, load


def argument_spec(names=NAMES):
    """The options of the settings `names`, merged into one argspec fragment."""
    spec = {}
    for name in names:
        for option, option_spec in OPTIONS[name].items():
            if option in spec:
                raise ValueError(f"option {option} is declared by two settings")
            spec[option] = option_spec
    return spec


def given(name, params):
    """Whether the task sets any of the options that select setting `name` (those without defaults)."""
    return any(params.get(option) is not None
               for option, spec in OPTIONS[name].items() if "default" not in spec)


def settings_named(names):
    """The settings called `names`, in report order (their files imported now)."""
    wanted = set(names)
    return [load(name)() for name in NAMES if name in wanted]


def settings_for(params):
    """The settings a task manages: those whose options it sets, as each setting's `selected` decides."""
    candidates = settings_named(name for name in NAMES if given(name, params))
    return [setting for setting in candidates if setting.selected(params)]
