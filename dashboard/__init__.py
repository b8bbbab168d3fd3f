"""The Dash dashboard of the Monitor Inclusie Roma (CONTRACT §5): `python -m dashboard`."""

__version__ = "1.0.0"  # names the fingerprint of the scripts in dashboard/vendor (long cache)
