"""python -m cos_stack up | down | serve"""

import logging
import sys

USAGE = "usage: python -m cos_stack up|down|serve"


def main(argv):
    if len(argv) != 1 or argv[0] not in ("up", "down", "serve"):
        print(USAGE, file=sys.stderr)
        return 2
    if argv[0] == "serve":
        from .web.server import serve

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        serve()
        return 0
    from .process import start_stop

    return start_stop.up() if argv[0] == "up" else start_stop.down()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
