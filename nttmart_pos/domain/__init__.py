"""Pure business rules: no database, no Qt, no I/O."""
