"""Recruitment's URLs: the public application at /apply/ (public.py, namespace
recruitment_public) and the programme team's and the panel's pages at /recruitment/
(staff.py, namespace recruitment_staff). victimvoice/urls.py includes each."""
