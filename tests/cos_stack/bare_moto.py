"""Kept for `python -m cos_stack.bare_moto PORT DIR` (bench/stack_overhead.py); lives in
web/bare_moto.py."""

import sys
from pathlib import Path

from .web.bare_moto import main

if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
