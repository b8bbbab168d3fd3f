"""gunicorn settings for `make serve` (and the dashboard benchmark): several workers on loopback.

    MONITOR_DB=data/processed/monitor.duckdb gunicorn --config dashboard/gunicorn_conf.py dashboard.app:server

The app is loaded and its cache warmed once, in the master, before the workers are forked: they
start with every view in memory (copy-on-write) instead of each computing them again.
"""

bind = "127.0.0.1:8050"
workers = 4
threads = 2
preload_app = True


def when_ready(server: object) -> None:
    """Before the first fork: finish warming, and close the master's connection to the database
    (a DuckDB connection must not cross a fork; each worker opens its own)."""
    from dashboard import data

    m = data.monitor()
    m.wait_warm()
    m.close()
