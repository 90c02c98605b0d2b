"""Pages for the data protection officer, one module per feature: the audit log (`audit`),
retention (`retention`) and subject requests and legal holds (`subjects`). privacy/urls.py
imports the feature modules."""
