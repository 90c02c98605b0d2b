"""Forms for the privacy team, one module per feature: the audit log filter (`audit`) and
subject requests (`subjects`). Views import the feature module."""
