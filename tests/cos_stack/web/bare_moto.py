"""`python -m cos_stack.bare_moto PORT DIR`: moto's S3 app alone, on the same threaded werkzeug
server and TLS as the stack, so bench/stack_overhead.py can time what the IBM layer adds."""

import signal
import sys
from pathlib import Path

from moto.moto_server.werkzeug_app import create_backend_app
from werkzeug.serving import make_server

from .server import QuietRequestHandler
from .tls import write_certificates


def main(port, directory):
    directory.mkdir(parents=True, exist_ok=True)
    server = make_server("127.0.0.1", port, create_backend_app("s3"), threaded=True,
                         request_handler=QuietRequestHandler,
                         ssl_context=write_certificates(directory))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    (directory / "ready").write_text("ok\n")
    server.serve_forever(poll_interval=0.2)


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
