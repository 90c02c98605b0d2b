"""Redaction of personal data in free text, and human review before release."""
