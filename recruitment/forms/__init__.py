"""Recruitment's forms: the public application's steps (public.py) and the programme
team's and the panel's pages (staff.py). Other apps' staff pages use the GOV.UK error
summary and date inputs from staff.py, re-exported here: `from recruitment.forms import
DatesForm, error_list`."""

from recruitment.forms.staff import DatesForm, error_list

__all__ = ["DatesForm", "error_list"]
