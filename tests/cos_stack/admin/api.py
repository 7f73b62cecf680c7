"""The stack's own admin API under /_stack (no auth, JSON): counters, faults, settings, reset."""

import json

from .faults import Fault
from ..ibm.replication_failures import seed_failures
from ..web.replies import json_reply


def _json_body(request):
    data = request.get_data()
    return json.loads(data) if data.strip() else {}


def admin_api(request, state, path):
    route = (request.method, path.rstrip("/"))
    try:
        if route == ("GET", "/counters"):
            return json_reply(state.counters.snapshot())
        if route == ("POST", "/counters/reset"):
            state.counters.reset()
            return json_reply({"reset": "counters"})
        if route == ("GET", "/faults"):
            return json_reply({"faults": state.faults.list()})
        if route == ("POST", "/faults"):
            fault = Fault.from_json(_json_body(request))
            state.faults.add(fault)
            return json_reply({"added": vars(fault)}, status=201)
        if route == ("DELETE", "/faults"):
            state.faults.clear()
            return json_reply({"cleared": "faults"})
        if route == ("GET", "/config"):
            return json_reply(state.runtime())
        if route == ("POST", "/config"):
            state.configure(**_json_body(request))
            return json_reply(state.runtime())
        if route == ("POST", "/reset"):
            state.reset()
            return json_reply({"reset": "all"})
        if route == ("POST", "/replication-failures"):
            body = _json_body(request)
            record = state.buckets.get(body["bucket"])
            if record is None:
                return json_reply({"error": f"no bucket {body['bucket']!r}"}, status=404)
            with state.buckets.lock:
                seed_failures(record, body.get("failures") or [])
            return json_reply({"seeded": len(record.replication_failures)}, status=201)
        if route == ("GET", "/health"):
            return json_reply({"ok": True})
    except (ValueError, KeyError, TypeError) as error:
        return json_reply({"error": f"bad request: {error}"}, status=400)
    return json_reply({"error": f"no admin route {request.method} {path}"}, status=404)
