"""The desk's forms, one module per feature."""
