"""A forward proxy for tests: HTTP CONNECT tunnels to `localhost` and names under it.

Virtual-hosted-style names (`{bucket}.s3.localhost`, ibm/addressing.py) resolve nowhere, and a
test must not need /etc/hosts. Clients reach them the way they reach COS through a corporate
proxy: botocore and requests honour HTTPS_PROXY, send `CONNECT {bucket}.s3.localhost:{port}`, and
speak TLS to the stack inside the tunnel (SNI and certificate checked against the name asked for).
The proxy connects every such name to 127.0.0.1, a loopback address to itself, and refuses any other host, so a test can never
reach the network through it. It records the hosts it tunnelled to.

    with ConnectProxy() as proxy:      # proxy.url: http://127.0.0.1:<port>
        ...
        proxy.hosts                    # ['bucket.s3.localhost:18441', ...]
"""

import ipaddress
import select
import socket
import socketserver
import threading

LOOPBACK = "127.0.0.1"


def tunnel_target(authority):
    """(host, port) a CONNECT authority is tunnelled to, or None when it is refused: names under
    localhost go to 127.0.0.1, loopback addresses (the stack's IAM, say) to themselves."""
    host, _, port = authority.rpartition(":")
    host = host.lower()
    if not port.isdigit():
        return None
    if host == "localhost" or host.endswith(".localhost"):
        return LOOPBACK, int(port)
    try:
        if ipaddress.ip_address(host).is_loopback:
            return host, int(port)
    except ValueError:
        pass
    return None


class _Tunnel(socketserver.BaseRequestHandler):
    def handle(self):
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 65536:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            head += chunk
        request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        method, _, rest = request_line.partition(" ")
        authority = rest.split(" ", 1)[0]
        target = tunnel_target(authority) if method.upper() == "CONNECT" else None
        if target is None:
            self.request.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        self.server.record(authority)
        with socket.create_connection(target, timeout=30) as upstream:
            self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            _pipe(self.request, upstream)


def _pipe(one, other):
    sockets = [one, other]
    while True:
        readable, _, broken = select.select(sockets, [], sockets, 60)
        if broken or not readable:
            return
        for source in readable:
            data = source.recv(65536)
            if not data:
                return
            (other if source is one else one).sendall(data)


class ConnectProxy(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port=0):
        super().__init__((LOOPBACK, port), _Tunnel)
        self.hosts = []
        self._lock = threading.Lock()
        self._thread = None

    @property
    def url(self):
        return f"http://{LOOPBACK}:{self.server_address[1]}"

    def record(self, authority):
        with self._lock:
            self.hosts.append(authority.lower())

    def start(self):
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
