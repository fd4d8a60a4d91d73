"""Data access per table family: small functions over an open connection (no business rules)."""
