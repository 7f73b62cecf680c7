"""Everything the IBM layer remembers, in one object shared by every listener."""

import threading

from .buckets import Buckets
from ..admin.counters import Counters
from ..admin.faults import Faults
from ..process.settings import instance_crn, locations
from ..ibm.tokens import Principal, Tokens

RUNTIME_DEFAULTS = {"token_lifetime": None, "iam_available": True, "name_reservation_seconds": None}


class StackState:
    def __init__(self, config, port_base):
        self.config = config
        self.port_base = port_base
        self.locations = locations(config, port_base)
        self.location_by_port = {location.port: location for location in self.locations}
        self.counters = Counters()
        self.faults = Faults()
        self.tokens = Tokens()
        self.buckets = Buckets()
        self._runtime_lock = threading.Lock()
        self._runtime = dict(RUNTIME_DEFAULTS)
        self.on_reset = []  # callables that empty other stores (moto's)

    # -- runtime knobs (POST /_stack/config) --
    def configure(self, **changes):
        unknown = set(changes) - set(RUNTIME_DEFAULTS)
        if unknown:
            raise ValueError(f"unknown settings: {sorted(unknown)}; allowed: {sorted(RUNTIME_DEFAULTS)}")
        with self._runtime_lock:
            self._runtime.update(changes)

    def runtime(self):
        with self._runtime_lock:
            return dict(self._runtime)

    def name_reservation_seconds(self):
        """How long a deleted bucket's name stays taken (COS: minutes; here short by default)."""
        runtime = self.runtime()["name_reservation_seconds"]
        return float(self.config["name_reservation_seconds"] if runtime is None else runtime)

    def token_lifetime(self):
        return int(self.runtime()["token_lifetime"] or self.config["token_lifetime"])

    def reset(self):
        # Issued tokens survive: clients that hold one keep working on the emptied store.
        self.counters.reset()
        self.faults.clear()
        self.buckets.clear()
        with self._runtime_lock:
            self._runtime = dict(RUNTIME_DEFAULTS)
        for callback in self.on_reset:
            callback()

    # -- identities from the config --
    def principal_for_api_key(self, apikey):
        for entry in self.config["api_keys"]:
            if entry["apikey"] == apikey:
                return Principal(entry["iam_id"], entry["name"], frozenset(entry["instances"]),
                                 entry.get("role", "Manager"))
        return None

    def principal_for_profile(self, profile_id=None, profile_name=None):
        for entry in self.config["trusted_profiles"]:
            if (profile_id and entry["id"] == profile_id) or (
                profile_name and entry["name"] == profile_name
            ):
                return Principal(entry["iam_id"], entry["name"], frozenset(entry["instances"]),
                                 entry.get("role", "Manager"))
        return None

    def hmac_key(self, access_key_id):
        for entry in self.config["hmac_keys"]:
            if entry["access_key_id"] == access_key_id:
                return entry
        return None

    def instance_guid(self, instance_id):
        """Accept a GUID or a full instance CRN, as COS does; None when not an instance of ours."""
        for entry in self.config["instances"]:
            guid = entry["guid"]
            if instance_id in (guid, instance_crn(self.config, guid)):
                return guid
        return None

    def root_key_known(self, crn):
        return crn in self.config["root_keys"].values()
