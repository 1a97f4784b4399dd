"""The one version string of newsevents."""

__version__ = "0.1.0"
SCHEMA_VERSION = 1
