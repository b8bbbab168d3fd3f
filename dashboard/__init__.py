"""The Dash dashboard of the Monitor Inclusie Roma (CONTRACT §5): `python -m dashboard`."""
