"""Kept for existing imports (`from cos_stack import moto_store`); lives in store/moto_store.py."""

from .store.moto_store import (backend, current_object, find_bucket, object_lock_enabled, reset,
                               usage, versioning_enabled)

__all__ = ["backend", "current_object", "find_bucket", "object_lock_enabled", "reset", "usage",
           "versioning_enabled"]
