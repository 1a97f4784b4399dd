"""Merge test fixtures: the synthetic-report helpers are imported by their unique module name."""

from __future__ import annotations

import sys
from pathlib import Path

# Tests run with --import-mode=importlib, which does not put test folders on sys.path.
sys.path.insert(0, str(Path(__file__).parent))
