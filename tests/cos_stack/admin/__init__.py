"""The stack's admin side: counters, faults, the /_stack API, and a client for tests.

`from cos_stack.admin import StackAdmin, reads, writes, is_write` is the public client."""

from .client import StackAdmin, is_write, reads, writes

__all__ = ["StackAdmin", "is_write", "reads", "writes"]
