"""`python -m cos_stack serve`: bind every listener, write the client files, serve until stopped."""

import logging
import os
import shutil
import signal
import socket
import tempfile
import threading
from pathlib import Path

from moto.moto_server.werkzeug_app import MotoRequestHandler, create_backend_app
from werkzeug.serving import make_server

from ..store import moto_store
from .control_app import ControlApp
from .op_names import routes
from .s3_layer import S3Layer
from ..process.settings import NETWORK_ADDRESSES, load_config, port_base, stack_dir
from ..process.client_files import write_client_files
from ..store.state import StackState
from .tls import write_certificates

log = logging.getLogger("cos_stack")


class QuietRequestHandler(MotoRequestHandler):
    """Moto's handler without a log line per request, which would cost more than some of the
    requests themselves, and with Nagle off."""

    def setup(self):
        super().setup()
        # Headers and body go out in separate writes; with Nagle on, the second waits for the
        # client's delayed ACK (about 40 ms a request).
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_request(self, code="-", size="-"):
        pass

    def connection_dropped(self, error, environ=None):
        # Also after an injected reset: the unread body must not be parsed as a next request.
        self.close_connection = True


def build_listeners(state, ssl_context, s3_app_factory):
    control = ControlApp(state)
    listeners = []
    for address in NETWORK_ADDRESSES.values():
        listeners.append(make_server(address, state.port_base, control, threaded=True,
                                     request_handler=QuietRequestHandler, ssl_context=ssl_context))
        for location in state.locations:
            listeners.append(make_server(address, location.port, s3_app_factory(), threaded=True,
                                         request_handler=QuietRequestHandler,
                                         ssl_context=ssl_context))
    return listeners


def serve_forever(listeners):
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    threads = [threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                                daemon=True) for server in listeners]
    for thread in threads:
        thread.start()
    stop.wait()
    # Shut the listeners down together: one by one each waits out its poll interval.
    stoppers = [threading.Thread(target=server.shutdown) for server in listeners]
    for stopper in stoppers:
        stopper.start()
    for stopper in stoppers:
        stopper.join()
    for server in listeners:
        server.server_close()


def serve():
    directory = stack_dir()
    directory.mkdir(parents=True, exist_ok=True)
    state = StackState(load_config(), port_base())
    state.on_reset.append(moto_store.reset)
    moto_app = create_backend_app("s3")
    routes()  # load the service models now, not during the first request
    # Certificates go into place only once every port is bound, so a second stack that loses
    # the race for the ports cannot replace the CA of the one that is running.
    staging = Path(tempfile.mkdtemp(prefix="tls-", dir=directory))
    try:
        listeners = build_listeners(state, write_certificates(staging),
                                    lambda: S3Layer(state, moto_app))
        for name in ("server-key.pem", "server.pem", "ca.pem"):
            os.replace(staging / name, directory / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    write_client_files(state, directory)
    log.info("cos stack serving on ports %s-%s in %s", state.port_base,
             state.locations[-1].port, directory)
    serve_forever(listeners)
