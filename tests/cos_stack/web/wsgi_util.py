"""Small WSGI helpers shared by the listeners."""

import io
import socket
import struct
import time


def read_body(environ):
    """Read the request body and put it back so the next application can read it again."""
    stream = environ["wsgi.input"]
    length = environ.get("CONTENT_LENGTH")
    body = stream.read(int(length)) if length else (
        stream.read() if environ.get("wsgi.input_terminated") else b""
    )
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    return body


def apply_latency(firing):
    if firing.latency_ms:
        time.sleep(firing.latency_ms / 1000.0)


def drop_connection(environ):
    """Reset the client's connection mid-request (RST, not a clean close)."""
    connection = environ.get("werkzeug.socket")
    if connection is not None:
        try:
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.close()
        except OSError:
            pass
    # werkzeug treats a ConnectionError from the application as a dropped client and moves on.
    raise ConnectionResetError("connection reset by an injected fault")
