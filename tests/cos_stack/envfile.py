"""Kept for existing imports (`from cos_stack.envfile import load`); lives in process/envfile.py."""

from .process.envfile import REPO_ROOT, default_path, load

__all__ = ["REPO_ROOT", "default_path", "load"]
