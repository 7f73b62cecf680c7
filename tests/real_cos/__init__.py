"""`make test-real`: the contract and integration suites against a real IBM COS account, and the
report of which rows of tests/cos_stack/LEDGER.md real COS confirmed (report.py)."""
