"""The engagement register's selectors, one module per feature (docs/architecture.md)."""
