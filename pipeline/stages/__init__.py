"""The stages of a build, in run order: extract → validate → transform → analyse → publication →
publish. Which tables each makes, and with what, is listed in `pipeline/tables.py`."""
