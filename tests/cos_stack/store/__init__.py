"""What the stack remembers: the shared state, the IBM bucket registry, and moto's store."""
