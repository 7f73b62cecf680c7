"""The wire: listeners, TLS, request routing to the IBM rules and moto, SigV4, replies."""
