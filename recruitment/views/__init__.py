"""Recruitment's pages, one module per feature. The public application at /apply/
(public.py). The programme team's and the panel's pages at /recruitment/: the queue and one
application (queue.py), screening and the onboarding conversation (onboarding.py), the
police check (vetting.py), the vetting panel (panel.py), membership and the waiting list
(membership.py), and the representativeness report (representativeness.py); what they
share is in common.py. recruitment/urls/ maps each URL to its module's view."""
