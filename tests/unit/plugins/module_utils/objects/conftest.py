"""Make ``ansible_collections.ibm.cos`` importable from the link `make collection` creates."""
import sys
from pathlib import Path

COLLECTIONS = Path(__file__).resolve().parents[5] / "build" / "collections"
if str(COLLECTIONS) not in sys.path:
    sys.path.insert(0, str(COLLECTIONS))
