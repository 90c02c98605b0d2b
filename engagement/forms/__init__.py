"""The engagement register's forms, one module per feature (docs/architecture.md)."""
