"""The local connection under another transport name: for the controller side of a plugin, a host
like any remote one (files are put into its remote tmp dir), though it runs on this machine."""
from __future__ import annotations

from ansible.plugins.connection.local import DOCUMENTATION as LOCAL_DOCUMENTATION
from ansible.plugins.connection.local import Connection as LocalConnection

DOCUMENTATION = LOCAL_DOCUMENTATION.replace("name: local", "name: remote_local", 1)


class Connection(LocalConnection):
    transport = "remote_local"
