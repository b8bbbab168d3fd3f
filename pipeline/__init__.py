"""Monitor Inclusie Roma — the pipeline: municipal deliveries → validated, staged → monitor.duckdb."""

__version__ = "0.1.0"
