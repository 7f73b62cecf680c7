"""Builds plugins/module_utils/bucket/settings/_index.py from the setting files.

    python tests/unit/plugins/module_utils/bucket/settings/settings_index.py --write

rewrites it; test_registry.py fails while the file on disk differs from what this builds.
"""
import importlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[6]
SETTINGS_DIR = ROOT / "plugins" / "module_utils" / "bucket" / "settings"
INDEX = SETTINGS_DIR / "_index.py"
PACKAGE = "ansible_collections.ibm.cos.plugins.module_utils.bucket.settings."

HEADER = '''# Copyright: ibm.cos contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Generated from the setting files in this folder (their ORDER and OPTIONS): do not edit. After adding
or changing a setting, run python tests/unit/plugins/module_utils/bucket/settings/settings_index.py --write
"""
from __future__ import annotations

import json

'''

LOAD = '''

def load(name):
    """The setting class of file `name`.py. Each import is written out (not importlib) so that
    AnsiballZ, which packs what it sees imported, ships every setting file with the module."""
{ladder}
    else:
        raise ValueError(f"no bucket setting {{name!r}}")
    return setting_file.SETTING
'''


CHUNK = 100


def setting_files():
    """{name: imported setting file}, for every file in the folder that is not private."""
    return {path.stem: importlib.import_module(PACKAGE + path.stem)
            for path in sorted(SETTINGS_DIR.glob("*.py")) if not path.stem.startswith("_")}


def build():
    files = setting_files()
    names = sorted(files, key=lambda name: (files[name].ORDER, name))
    lines = ["NAMES = ("] + [f'    "{name}",' for name in names] + [")", ""]
    # Each setting's options as JSON, cut into lines: data read once, not code to compile.
    lines.append("# {setting: its argspec}")
    lines.append("OPTIONS = json.loads(")
    text = json.dumps({name: files[name].OPTIONS for name in names}, separators=(",", ":"))
    lines.extend("    " + repr(text[i:i + CHUNK]) for i in range(0, len(text), CHUNK))
    lines.append(")")
    ladder = []
    for i, name in enumerate(sorted(names)):
        ladder.append(f'    {"if" if i == 0 else "elif"} name == "{name}":')
        ladder.append(f"        from . import {name} as setting_file")
    return HEADER + "\n".join(lines) + "\n" + LOAD.format(ladder="\n".join(ladder))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "build" / "collections"))
    if "--write" in sys.argv:
        INDEX.write_text(build())
    else:
        sys.stdout.write(build())
