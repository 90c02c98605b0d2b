"""Reference data for recruitment: the Census 2021 categories the equality monitoring
questions use (equality.py) and the Census 2021 figures they are compared with
(census2021/, with its README naming every ONS source)."""
