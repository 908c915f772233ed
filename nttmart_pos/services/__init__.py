"""Use cases: the business rules, each a function taking a unit of work."""
