"""Pages of the dashboard, one `dash.register_page` module each (CONTRACT §5)."""
