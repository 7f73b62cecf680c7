"""IBM's behaviour, one module per rule area; each rule carries the LEDGER.md row it implements."""
