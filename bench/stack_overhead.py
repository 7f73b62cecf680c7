#!/usr/bin/env python3
"""How much latency the local COS stack's IBM layer adds per request, against bare moto.

Starts a private stack and a bare moto S3 server (same werkzeug server, same TLS), then times
HeadBucket and PutObject through ibm_boto3 with an OAuth bearer token on both, interleaved in
blocks so machine load hits both alike. Prints median and p95 per operation and the difference.
Then the same two calls in-process through the WSGI apps (no sockets, no TLS), which isolates the
layer's own cost from the noise of a busy machine.
A script, not a test:  .venv/bin/python bench/stack_overhead.py [--requests 200]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.append(str(REPO / "tests" / "contract"))

import ibm_boto3.session  # noqa: E402
from ibm_botocore.client import Config  # noqa: E402

from cos_stack.envfile import load  # noqa: E402
from private_stack import free_port_base  # noqa: E402

BLOCK = 20  # requests per target before switching to the other


def start(command, ready_file, environ, timeout=30):
    process = subprocess.Popen(command, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while not ready_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise SystemExit(f"{command} did not start")
        time.sleep(0.05)
    return process


def client(endpoint, token, ca_bundle):
    # One session per client: ibm_botocore keeps the instance id per session, last client wins.
    return ibm_boto3.session.Session().client(
        "s3",
        auth_function=lambda: {"access_token": token, "token_type": "Bearer", "expires_in": 3600},
        ibm_service_instance_id="bench",
        config=Config(signature_version="oauth", retries={"total_max_attempts": 1}),
        endpoint_url=endpoint,
        verify=ca_bundle,
    )


def iam_token(env):
    import requests

    response = requests.post(env["IBM_IAM_ENDPOINT"], verify=env["IBM_COS_CA_BUNDLE"], timeout=10, data={
        "grant_type": "urn:ibm:params:oauth:grant-type:apikey", "apikey": env["IBMCLOUD_API_KEY"]})
    response.raise_for_status()
    return response.json()["access_token"]


def timed(call):
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000.0


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(targets, operation, count):
    """targets: {name: callable}; returns {name: [ms, ...]}, interleaved in blocks."""
    samples = {name: [] for name in targets}
    for call in targets.values():  # warm up connections, caches and code paths
        for _ in range(10):
            call()
    while any(len(values) < count for values in samples.values()):
        for name, call in targets.items():
            for _ in range(min(BLOCK, count - len(samples[name]))):
                samples[name].append(timed(call))
    return samples


def in_process_rows(count):
    """Time the IBM layer + moto against moto alone as WSGI apps in this process."""
    from moto.moto_server.werkzeug_app import create_backend_app
    from werkzeug.test import Client

    from cos_stack import moto_store
    from cos_stack.s3_layer import S3Layer
    from cos_stack.settings import load_config
    from cos_stack.state import StackState

    state = StackState(load_config(), 30440)
    moto_app = create_backend_app("s3")
    location = state.locations[0]
    principal = state.principal_for_api_key(state.config["api_keys"][0]["apikey"])
    token = state.tokens.issue(principal, 3600)["access_token"]
    headers = {"Authorization": f"Bearer {token}",
               "ibm-service-instance-id": state.config["instances"][0]["guid"]}
    environ = {"SERVER_NAME": "127.0.0.1", "SERVER_PORT": str(location.port), "REMOTE_ADDR": "127.0.0.1"}
    timed_moto = TimedApp(moto_app)
    clients = {"moto": Client(moto_app), "stack": Client(S3Layer(state, timed_moto))}
    moto_store.reset()
    created = clients["stack"].put("/bench-in-process", headers=headers, environ_overrides=environ)
    assert created.status_code == 200, created.data
    body = b"x" * 1024

    def call(client, method, path, data=None):
        def run():
            response = client.open(path, method=method, headers=headers, data=data, environ_overrides=environ)
            assert response.status_code == 200, (path, response.status_code)
        return run

    rows, own_rows = [], []
    for operation, method, path, data in [("HeadBucket", "HEAD", "/bench-in-process", None),
                                          ("PutObject (1 KiB)", "PUT", "/bench-in-process/k", body)]:
        samples = measure({name: call(c, method, path, data) for name, c in clients.items()}, operation, count)
        rows.append(summarise(operation, samples))
        # The layer's own share of each call through it: the whole call less the time inside moto.
        own = []
        for _ in range(count):
            timed_moto.spent_ms = 0.0
            own.append(timed(call(clients["stack"], method, path, data)) - timed_moto.spent_ms)
        own_rows.append((operation, statistics.median(own), percentile(own, 0.95)))
    moto_store.reset()
    return rows, own_rows


class TimedApp:
    """Wraps moto's WSGI app and adds up the time spent inside it (one caller at a time)."""

    def __init__(self, app):
        self.app, self.spent_ms = app, 0.0

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        body = list(self.app(environ, start_response))
        self.spent_ms += (time.perf_counter() - started) * 1000.0
        return body


def summarise(operation, samples):
    moto_med, stack_med = statistics.median(samples["moto"]), statistics.median(samples["stack"])
    moto_p95, stack_p95 = percentile(samples["moto"], 0.95), percentile(samples["stack"], 0.95)
    return (operation, moto_med, stack_med, stack_med - moto_med, moto_p95, stack_p95, stack_p95 - moto_p95)


def print_table(title, rows):
    print(f"{title}\n")
    print("| operation | moto median ms | stack median ms | added median ms | moto p95 ms | stack p95 ms | added p95 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for operation, *numbers in rows:
        print(f"| {operation} | " + " | ".join(f"{n:.2f}" for n in numbers) + " |")
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="per operation and target")
    parser.add_argument("--port-base", type=int, default=None, help="default: a free one from 31000")
    args = parser.parse_args()

    if args.port_base is None:
        args.port_base = free_port_base(31000, 39000, below=1)  # base-1: bare moto
    workdir = Path(tempfile.mkdtemp(prefix="stack-overhead-"))
    environ = dict(os.environ, COS_STACK_DIR=str(workdir / "stack"),
                   COS_STACK_PORT_BASE=str(args.port_base),
                   PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "tests"), os.environ.get("PYTHONPATH")])))
    bare_port = args.port_base - 1
    processes = []
    try:
        processes.append(start([sys.executable, "-m", "cos_stack", "serve"], workdir / "stack" / "env", environ))
        processes.append(start([sys.executable, "-m", "cos_stack.bare_moto", str(bare_port), str(workdir / "bare")],
                               workdir / "bare" / "ready", environ))
        env = load(workdir / "stack" / "env")
        token = iam_token(env)
        stack = client(env["IBM_COS_ENDPOINT"], token, env["IBM_COS_CA_BUNDLE"])
        stack.create_bucket(Bucket="bench", IBMServiceInstanceId=env["IBM_COS_INSTANCE_CRN"])
        bare = client(f"https://127.0.0.1:{bare_port}", token, str(workdir / "bare" / "ca.pem"))
        bare.create_bucket(Bucket="bench")
        body = b"x" * 1024

        rows = []
        for operation, make_call in [
            ("HeadBucket", lambda c: lambda: c.head_bucket(Bucket="bench")),
            ("PutObject (1 KiB)", lambda c: lambda: c.put_object(Bucket="bench", Key="k", Body=body)),
        ]:
            samples = measure({"moto": make_call(bare), "stack": make_call(stack)}, operation, args.requests)
            rows.append(summarise(operation, samples))
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)

    print_table(f"Over HTTPS: {args.requests} requests per operation and target, ibm_boto3, OAuth bearer", rows)
    rows, own_rows = in_process_rows(args.requests)
    print_table(f"In process: {args.requests} WSGI calls per operation and app (no sockets, no TLS)", rows)
    print("The layer's own time per call: the call through it less the time inside moto (an upper\n"
          "bound: it still holds the test client's own work)\n")
    print("| operation | median ms | p95 ms |\n|---|---:|---:|")
    for operation, median, p95 in own_rows:
        print(f"| {operation} | {median:.3f} | {p95:.3f} |")


if __name__ == "__main__":
    main()
