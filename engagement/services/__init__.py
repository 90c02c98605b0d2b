"""The engagement register's services, one module per feature (docs/architecture.md)."""
