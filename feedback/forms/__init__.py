"""Forms of post-contact feedback, one module per feature:

- `feedback.forms.responses`: the feedback form's pages (start, questions, about you).
- `feedback.forms.invitations`: staff sending an invitation, admins adding an API integration.
"""
