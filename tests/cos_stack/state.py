"""Kept for existing imports (`from cos_stack.state import StackState`); lives in store/state.py."""

from .store.state import StackState

__all__ = ["StackState"]
