"""The engagement register's views, one module per feature (docs/architecture.md)."""
