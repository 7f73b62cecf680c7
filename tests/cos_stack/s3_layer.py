"""Kept for existing imports (`from cos_stack.s3_layer import S3Layer`); lives in web/s3_layer.py."""

from .web.s3_layer import S3Layer

__all__ = ["S3Layer"]
