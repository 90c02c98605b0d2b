"""The desk's reads, one module per feature."""
